//! # set-wasm
//!
//! The WebAssembly binding of the Set SDK, published to npm as `@setchain/core`.
//!
//! This crate only converts: JS values in (hex strings, `Uint8Array`s, numbers, `bigint`s,
//! plain objects or JSON text), `set-core` calls, JS values out (`0x`-lowercase hex, `bigint`
//! for u64, plain objects). Every behaviour, every check and every error message comes from
//! `set-core`; errors cross as a JS `Error` named `SetError` with the core's stable `code`
//! (see [`error`]).
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// One module per cargo feature (see Cargo.toml): `main` leaves out converters only `full` uses.
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]

#[cfg(feature = "full")]
pub mod agent;
#[cfg(feature = "full")]
pub mod anchor_proof;
#[cfg(feature = "full")]
pub mod audit;
pub mod error;
pub mod ids;
#[cfg(feature = "full")]
pub mod merkle;
#[cfg(feature = "full")]
pub mod paymaster;
pub mod registry;
#[cfg(feature = "full")]
pub mod sequencer;
#[cfg(feature = "main")]
pub mod ves;

mod convert;
