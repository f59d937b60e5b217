//! # set-dev-sequencer
//!
//! A small, real stateset-sequencer for local networks, the demo and the tests: the endpoints
//! that `set-anchor`, the SDK's examples and the end-to-end tests use, answering as the real
//! server (0.2.7) does, with its validation (agent keys and signatures, payload hashes, field
//! rules, replays) and a SQLite store that survives `kill -9`.
//!
//! | Endpoint | Behaviour |
//! |---|---|
//! | `POST /api/v1/agents/keys` | registers an agent's Ed25519 key (needed before its events are accepted) |
//! | `POST /api/v1/ves/events/ingest` | validates and sequences signed events per stream; replays answer the stored receipt; Ed25519 receipts |
//! | `POST /api/v1/ves/commitments` | commits a range with `set-core`'s tree and state roots; idempotent on `sequence_start` |
//! | `GET /api/v1/ves/commitments/{id}`, `GET /api/v1/ves/commitments?tenant_id=&store_id=` | one commitment; a stream's unanchored ones |
//! | `GET /api/v1/ves/proofs/{seq}?tenant_id=&store_id=&batch_id=` | inclusion proof |
//! | `GET /v1/commitments/pending?limit=N` | unanchored commitments of every stream, oldest first |
//! | `POST /v1/commitments/{id}/anchored` | 200 `anchored` / 200 `already_anchored` / 409 / 404 / 400 |
//! | `GET /health` | `{"status":"ok"}` |
//!
//! Protocol decisions come from `set-core` (`ves::validate`, `ves::agent_keys`,
//! `ves::commitments`, the hashes and the tree); this crate does the I/O: HTTP ([`server`]),
//! the database ([`store`]), the clock.
#![deny(missing_docs)]

pub mod binary;
pub mod server;
pub mod store;
