//! # set-node
//!
//! The native Node.js binding of the Set SDK (napi-rs), published to npm as
//! `@setchain/core-native`: the same `set-core` as the wasm package `@setchain/core`, compiled for
//! the machine, so that a Node server's bulk receipt verification and event signing run with
//! 64-bit arithmetic instead of wasm32's.
//!
//! This crate only converts: JS values in (JSON text, or plain objects `JSON.stringify`-ed; seeds
//! as hex or `Uint8Array`), `set-core` calls, JS values out (the core's JSON, as `JSON.parse` reads
//! it, so verdicts and signed events are the same objects the wasm package returns). Every
//! behaviour, check and message is the core's; errors cross as the package's `SetError` with the
//! core's stable `code`, `module` and `field` (see [`error`]).
#![deny(missing_docs)]

pub mod agent;
pub mod error;
pub mod receipt;

mod convert;
