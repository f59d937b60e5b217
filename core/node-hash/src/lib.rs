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
    keccak_f1600(&mut state);
    let mut out = [0u8; 32];
    for (chunk, lane) in out.chunks_exact_mut(8).zip(state) {
        chunk.copy_from_slice(&lane.to_le_bytes());
    }
    out
}

/// Keccak-f\[1600\] round constants (FIPS 202 §3.2.5).
const ROUND_CONSTANTS: [u64; 24] = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808a,
    0x8000000080008000,
    0x000000000000808b,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008a,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000a,
    0x000000008000808b,
    0x800000000000008b,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800a,
    0x800000008000000a,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
];

/// ρ rotation offsets, in the order π visits the lanes from lane 1.
const RHO: [u32; 24] = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

/// π: the lane each step of the ρ/π walk moves to.
const PI: [usize; 24] = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

/// Keccak-f\[1600\], inlined into its caller. Why not the `keccak` crate's: it is reached through
/// a function pointer, so the 25 lanes live in memory across every step; inlined, with every
/// index constant, they stay in locals — in wasm that made the `keccak-v1` node hash ~2× faster
/// (`make bench-js`).
#[inline(always)]
fn keccak_f1600(state: &mut [u64; 25]) {
    for round_constant in ROUND_CONSTANTS {
        // θ
        let mut parity = [0u64; 5];
        for x in 0..5 {
            parity[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
        }
        for x in 0..5 {
            let mix = parity[(x + 4) % 5] ^ parity[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                state[5 * y + x] ^= mix;
            }
        }
        // ρ and π
        let mut carried = state[1];
        for step in 0..24 {
            let displaced = state[PI[step]];
            state[PI[step]] = carried.rotate_left(RHO[step]);
            carried = displaced;
        }
        // χ
        for y in 0..5 {
            let row = [state[5 * y], state[5 * y + 1], state[5 * y + 2], state[5 * y + 3], state[5 * y + 4]];
            for x in 0..5 {
                state[5 * y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
        // ι
        state[0] ^= round_constant;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keccak_f1600_is_the_keccak_crates() {
        // xorshift64*: varied states without a dependency.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed >> 12;
            seed ^= seed << 25;
            seed ^= seed >> 27;
            seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        for _ in 0..2000 {
            let mut ours = [0u64; 25];
            ours.iter_mut().for_each(|lane| *lane = next());
            let mut theirs = ours;
            keccak_f1600(&mut ours);
            keccak::Keccak::new().with_f1600(|f1600| f1600(&mut theirs));
            assert_eq!(ours, theirs);
        }
    }

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
