//! SHA-512 (FIPS 180-4) written for size, for Ed25519 verification only.
//!
//! Ed25519 hashes `R ‖ A ‖ message` with SHA-512 once per signature (96 bytes here: one
//! block), so its speed does not matter; `sha2`'s SHA-512 does, in size: the workspace
//! compiles `sha2` at opt-level 3 for SHA-256 (the Merkle hot path, ADR 04), which unrolls
//! `compress512` to ~11 KB of the npm package's wasm (issue #4). This one is a plain loop,
//! compiled with the core's own (size) settings, and plugs into ed25519-dalek through
//! `hazmat::raw_verify`, which is generic over the digest (see `ves::verify_ed25519`).
//! It implements the `digest` 0.10 traits, so its answers are checked against
//! `sha2::Sha512` (tests below).

use sha2::digest::typenum::U64;
use sha2::digest::{FixedOutput, HashMarker, Output, OutputSizeUser, Reset, Update};

/// SHA-512 with the `digest` 0.10 API (`Digest::new`, `update`, `finalize`), implemented
/// directly (its own block buffer) rather than through `digest`'s generic `CoreWrapper`,
/// whose buffering and padding code is larger.
#[derive(Clone)]
pub(crate) struct Sha512 {
    state: [u64; 8],
    /// Bytes hashed so far, the buffered ones included.
    length: u128,
    buffer: [u8; 128],
}

/// The initial hash value (FIPS 180-4 §5.3.5).
const IV: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// The round constants (FIPS 180-4 §4.2.3).
const K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// One block into the state (FIPS 180-4 §6.4.2), the message schedule kept as a rolling
/// window of 16 words and every round in one loop body: small, not fast.
fn compress(state: &mut [u64; 8], block: &[u8; 128]) {
    let mut w = [0u64; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(8)) {
        let mut be = [0u8; 8];
        be.copy_from_slice(bytes);
        *word = u64::from_be_bytes(be);
    }
    let mut v = *state;
    for (t, k) in K.iter().enumerate() {
        if t >= 16 {
            // W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16], in place of W[t−16].
            let (w2, w15) = (w[(t - 2) % 16], w[(t - 15) % 16]);
            let s0 = w15.rotate_right(1) ^ w15.rotate_right(8) ^ (w15 >> 7);
            let s1 = w2.rotate_right(19) ^ w2.rotate_right(61) ^ (w2 >> 6);
            w[t % 16] = w[t % 16].wrapping_add(s0).wrapping_add(w[(t - 7) % 16]).wrapping_add(s1);
        }
        let [a, b, c, d, e, f, g, h] = v;
        let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
        let ch = (e & f) ^ (!e & g);
        let t1 = h.wrapping_add(s1).wrapping_add(ch).wrapping_add(*k).wrapping_add(w[t % 16]);
        let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        v = [t1.wrapping_add(s0).wrapping_add(maj), a, b, c, d.wrapping_add(t1), e, f, g];
    }
    for (s, x) in state.iter_mut().zip(v) {
        *s = s.wrapping_add(x);
    }
}

impl Default for Sha512 {
    fn default() -> Self {
        Sha512 { state: IV, length: 0, buffer: [0; 128] }
    }
}

impl HashMarker for Sha512 {}

impl OutputSizeUser for Sha512 {
    type OutputSize = U64;
}

impl Update for Sha512 {
    fn update(&mut self, data: &[u8]) {
        for &byte in data {
            // The position in the buffer: the length modulo the block size.
            let pos = (self.length % 128) as usize;
            self.buffer[pos] = byte;
            self.length += 1;
            if pos == 127 {
                compress(&mut self.state, &self.buffer);
            }
        }
    }
}

impl FixedOutput for Sha512 {
    fn finalize_into(mut self, out: &mut Output<Self>) {
        // Padding (§5.1.2): 0x80, zeros, then the length in bits as 128-bit big-endian.
        let bit_length = self.length.wrapping_mul(8);
        self.update(&[0x80]);
        while self.length % 128 != 112 {
            self.update(&[0]);
        }
        self.update(&bit_length.to_be_bytes());
        for (chunk, word) in out.chunks_exact_mut(8).zip(self.state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }
}

impl Reset for Sha512 {
    fn reset(&mut self) {
        *self = Sha512::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sha2::Digest;

    fn ours(data: &[u8]) -> Vec<u8> {
        <Sha512 as Digest>::digest(data).to_vec()
    }

    #[test]
    fn matches_the_nist_vectors() {
        // FIPS 180-2 appendix C.1, C.2 and the empty message.
        let cases: [(&[u8], &str); 3] = [
            (b"abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
            (b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
            (b"", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
        ];
        for (message, expected) in cases {
            assert_eq!(crate::encoding::encode_hex(&ours(message)), alloc::format!("0x{expected}"));
        }
        // One million 'a' (FIPS 180-2 C.3), fed in uneven pieces.
        let mut hasher = Sha512::new();
        let chunk = [b'a'; 997];
        let mut left = 1_000_000;
        while left > 0 {
            let n = left.min(chunk.len());
            Digest::update(&mut hasher, &chunk[..n]);
            left -= n;
        }
        assert_eq!(
            crate::encoding::encode_hex(&Digest::finalize(hasher)),
            "0xe718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"
        );
    }

    proptest! {
        #[test]
        fn agrees_with_sha2(data in proptest::collection::vec(any::<u8>(), 0..300), split in 0usize..300) {
            prop_assert_eq!(ours(&data), sha2::Sha512::digest(&data).to_vec());
            // The same message in two updates, cut anywhere.
            let cut = split.min(data.len());
            let mut hasher = Sha512::new();
            Digest::update(&mut hasher, &data[..cut]);
            Digest::update(&mut hasher, &data[cut..]);
            prop_assert_eq!(Digest::finalize(hasher).to_vec(), sha2::Sha512::digest(&data).to_vec());
        }
    }
}
