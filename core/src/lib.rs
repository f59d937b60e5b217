//! # set-core
//!
//! The behaviour of the Set SDK, with no I/O: identifiers, the Merkle engine
//! (`ves-sha256-v1` and `keccak-v1`), VES v1 hashing and signatures, the
//! `set-receipt-v1` bundle and its verifier, the SetRegistry and SetPaymaster
//! ABI, and the stateset-sequencer's JSON types.
//!
//! Every binding (wasm, Python, Kotlin/Swift) and the anchor daemon is a thin
//! layer over this crate. It reads no clock, no randomness and no files:
//! callers pass `now` where time matters.
//!
//! ```
//! use set_core::merkle::{MerkleTree, Scheme};
//! use set_core::encoding::B256;
//!
//! let leaves: Vec<B256> = (1u8..=3).map(B256::repeat_byte).collect();
//! let tree = MerkleTree::build(Scheme::VesSha256V1, &leaves)?;
//! let proof = tree.proof(2)?;
//! let valid = set_core::merkle::verify(Scheme::VesSha256V1, &tree.root(), &leaves[2], 2, 3, &proof)?;
//! assert!(valid);
//! # Ok::<(), set_core::merkle::MerkleError>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod abi;
#[cfg(feature = "anchor-proof")]
pub mod anchor_proof;
pub mod anchoring;
pub mod audit;
pub mod encoding;
pub mod error;
pub mod ids;
mod json;
pub mod merkle;
pub mod paymaster;
pub mod pq;
pub mod receipt;
pub mod registry;
pub mod sequencer;
pub mod ves;

pub use error::Error;
