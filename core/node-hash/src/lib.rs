//! # set-node-hash
//!
//! The two Merkle node hashes of Set Chain, each one fixed-size permutation call with no
//! allocation:
//! - [`ves_node`]: `SHA-256("VES_NODE_V1" ‖ left ‖ right)` (`ves-sha256-v1`, two compression blocks);
//! - [`keccak_node`]: `keccak256(left ‖ right)` (`keccak-v1`, one Keccak-f\[1600\] permutation).
//!
//! This crate exists for one reason: a Cargo profile can set `opt-level` per package, not per
//! function. The npm package is built for size (`opt-level = "z"`), which leaves a Keccak-f1600
//! about 3× slower in wasm; keeping the hashes here lets that profile compile just these
//! functions for speed (`[profile.wasm-release.package.set-node-hash]`, see ADR 04). Everything
//! else about Merkle trees (layout, padding, proofs, errors) lives in `set_core::merkle`.
//!
//! ```
//! let node = set_node_hash::keccak_node(&[0u8; 32], &[0u8; 32]);
//! assert_eq!(node[..4], [0xad, 0x32, 0x28, 0xb6]); // keccak256 of 64 zero bytes
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use sha2::digest::generic_array::GenericArray;

/// The `ves-sha256-v1` node domain tag.
pub const DOMAIN_NODE: &[u8; 11] = b"VES_NODE_V1";

/// SHA-256 initial state (FIPS 180-4 §5.3.3).
const SHA256_IV: [u32; 8] =
    [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// Length of the node preimage (11 + 32 + 32 bytes) in bits, for the SHA-256 padding.
const VES_NODE_BITS: u64 = 75 * 8;

/// `SHA-256("VES_NODE_V1" ‖ left ‖ right)`: the 75-byte preimage and its padding fill exactly
/// two 64-byte blocks, compressed directly.
#[inline(never)]
pub fn ves_node(left: &[u8; 32], right: &[u8; 32]) -> [u8; 32] {
    let mut first = [0u8; 64];
    first[..11].copy_from_slice(DOMAIN_NODE);
    first[11..43].copy_from_slice(left);
    first[43..].copy_from_slice(&right[..21]);
    let mut second = [0u8; 64];
    second[..11].copy_from_slice(&right[21..]);
    second[11] = 0x80;
    second[56..].copy_from_slice(&VES_NODE_BITS.to_be_bytes());
    let mut state = SHA256_IV;
    sha2::compress256(&mut state, &[GenericArray::from(first), GenericArray::from(second)]);
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// `keccak256(left ‖ right)`: 64 bytes fit in the 136-byte rate, so one permutation over one
/// padded block.
#[inline(never)]
pub fn keccak_node(left: &[u8; 32], right: &[u8; 32]) -> [u8; 32] {
    let mut state = [0u64; 25];
    for (lane, chunk) in state.iter_mut().zip(left.chunks_exact(8).chain(right.chunks_exact(8))) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        *lane = u64::from_le_bytes(bytes);
    }
    // Keccak (pre-SHA3) padding: 0x01 after the message, 0x80 in the last rate byte (135).
    state[8] ^= 0x01;
    state[16] ^= 0x80 << 56;
    // keccak's permutation is generic and so compiled here, in this crate, at its opt-level.
    keccak::Keccak::new().with_f1600(|f1600| f1600(&mut state));
    let mut out = [0u8; 32];
    for (chunk, lane) in out.chunks_exact_mut(8).zip(state) {
        chunk.copy_from_slice(&lane.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keccak_node_is_keccak256_of_the_concatenation() {
        // keccak256(0x00…00 ‖ 0x00…00), a well-known value (e.g. the second zero hash of
        // the eth2 deposit contract's keccak variant).
        let zero = keccak_node(&[0; 32], &[0; 32]);
        assert_eq!(
            zero,
            [
                0xad, 0x32, 0x28, 0xb6, 0x76, 0xf7, 0xd3, 0xcd, 0x42, 0x84, 0xa5, 0x44, 0x3f, 0x17, 0xf1, 0x96, 0x2b,
                0x36, 0xe4, 0x91, 0xb3, 0x0a, 0x40, 0xb2, 0x40, 0x58, 0x49, 0xe5, 0x97, 0xba, 0x5f, 0xb5
            ]
        );
        assert_ne!(keccak_node(&[1; 32], &[2; 32]), keccak_node(&[2; 32], &[1; 32]));
    }

    #[test]
    fn ves_node_depends_on_order_and_every_byte() {
        let a = ves_node(&[1; 32], &[2; 32]);
        assert_ne!(a, ves_node(&[2; 32], &[1; 32]));
        let mut right = [2u8; 32];
        right[31] ^= 1;
        assert_ne!(a, ves_node(&[1; 32], &right));
    }
}
