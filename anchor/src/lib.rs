//! # set-anchor
//!
//! The anchor daemon: moves every stateset-sequencer commitment onto `SetRegistry` exactly once
//! ([`service`]), with its health server ([`health`]). The dev sequencer it is tested against
//! is its own crate, `devnet/sequencer` (`set-dev-sequencer`).
//!
//! Protocol behaviour (ABI, state roots, wire types, pre-flight checks) comes from `set-core`;
//! this crate does the I/O.
#![deny(missing_docs)]

pub mod chain;
pub mod config;
pub mod health;
pub mod secret;
pub mod sequencer_client;
pub mod service;
pub mod startup;
pub mod timefmt;
