//! Strict Merkle proof verification for both schemes (`ves-sha256-v1`, `keccak-v1`).

use set_core::merkle::{self, Scheme};

use crate::convert::{b256, b256_list};
use crate::error::{core_error, SetError};

/// Strict verification: `index < leaf_count`, the proof has exactly `depth(leaf_count)`
/// siblings, and it leads from `leaf` to `root`. `scheme` is `"ves-sha256-v1"` (the
/// sequencer's trees) or `"keccak-v1"`; hashes are 32-byte hex.
///
/// Returns `false` for a well-formed proof that does not lead to `root`.
///
/// # Errors
/// `SetError.Merkle` (`UNKNOWN_SCHEME`, `INVALID_LEAF_COUNT`, `INDEX_OUT_OF_RANGE`,
/// `PROOF_LENGTH_MISMATCH`, `PROOF_TOO_LONG`); `SetError.Encoding` naming `root`, `leaf` or
/// `proof[i]`.
#[uniffi::export]
pub fn verify_proof(
    scheme: String,
    root: String,
    leaf: String,
    index: u64,
    leaf_count: u64,
    proof: Vec<String>,
) -> Result<bool, SetError> {
    verify_proof_hex(&scheme, &root, &leaf, index, leaf_count, &proof)
}

/// [`verify_proof`] on borrowed text, also what `make bench-mobile` times inside Rust.
pub(crate) fn verify_proof_hex(
    scheme: &str,
    root: &str,
    leaf: &str,
    index: u64,
    leaf_count: u64,
    proof: &[String],
) -> Result<bool, SetError> {
    let scheme: Scheme = scheme.parse().map_err(core_error)?;
    let root = b256("root", root)?;
    let leaf = b256("leaf", leaf)?;
    let proof = b256_list("proof", proof)?;
    merkle::verify(scheme, &root, &leaf, index, leaf_count, &proof).map_err(core_error)
}
