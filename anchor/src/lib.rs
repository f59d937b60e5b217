//! # set-anchor
//!
//! The anchor daemon: moves every stateset-sequencer commitment onto `SetRegistry` exactly once
//! and tells the sequencer only once it is final ([`service`], [`finality`]), with its
//! transaction manager ([`txmgr`]), standby takeover ([`standby`]), the anchor proofs it captures
//! once a commitment is final ([`proofs`]) and health server ([`health`], [`metrics`]). The dev sequencer it is tested against is its own crate,
//! `devnet/sequencer` (`set-dev-sequencer`).
//!
//! Protocol behaviour (ABI, state roots, wire types, pre-flight checks) comes from `set-core`;
//! this crate does the I/O.
#![deny(missing_docs)]

pub mod backends;
pub mod chain;
pub mod config;
pub mod error;
pub mod finality;
pub mod health;
pub mod metrics;
pub mod proofs;
pub mod recovery;
pub mod secret;
pub mod sequencer_client;
pub mod service;
pub mod standby;
pub mod startup;
pub mod timefmt;
pub mod txmgr;
