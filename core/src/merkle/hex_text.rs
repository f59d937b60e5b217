//! Proofs as one hex text, for bindings whose callers want `0x` strings.
//!
//! A language whose strings are objects pays per string it creates across its boundary (a wasm
//! → JS string is a UTF-8 decode and an allocation each). Writing many proofs as one text and
//! letting the host's own `split` cut it costs one crossing instead of one per sibling.
//!
//! The text form: a sibling is `0x` and 64 lowercase hex digits; the siblings of one proof are
//! separated by [`HEX_SIBLING_SEPARATOR`] (bottom-up, as in [`MerkleTree::proof`]); proofs are
//! separated by [`HEX_PROOF_SEPARATOR`]. A proof of a one-leaf tree (depth 0) is the empty text.

use alloc::string::String;
use core::ops::Range;

use alloy_primitives::B256;

use super::{MerkleError, MerkleTree};

/// Between the siblings of one proof in the hex text form.
pub const HEX_SIBLING_SEPARATOR: &str = ",";

/// Between two proofs in the hex text form.
pub const HEX_PROOF_SEPARATOR: &str = ";";

/// Characters of one sibling (`0x` and 64 hex digits) and the separator after it.
const SIBLING_STRIDE: usize = 67;

/// Appends `0x` and the 64 lowercase hex digits of `node`.
fn push_sibling(out: &mut String, node: &B256) {
    // alloy's hex (const-hex) writes into a stack buffer it knows is ASCII: no per-character
    // pushes and no UTF-8 check (both several times slower in the size-optimised wasm).
    out.push_str(alloy_primitives::hex::Buffer::<32, true>::new().format(&node.0));
}

/// Appends `proof` to `out` in the hex text form: `0x…` siblings separated by
/// [`HEX_SIBLING_SEPARATOR`]; nothing for an empty proof.
///
/// ```
/// use set_core::encoding::B256;
/// use set_core::merkle::push_proof_hex;
/// let mut text = String::new();
/// push_proof_hex(&mut text, &[B256::repeat_byte(0xab), B256::ZERO]);
/// assert_eq!(text, format!("0x{},0x{}", "ab".repeat(32), "00".repeat(32)));
/// ```
pub fn push_proof_hex(out: &mut String, proof: &[B256]) {
    out.reserve(proof.len() * SIBLING_STRIDE);
    for (level, node) in proof.iter().enumerate() {
        if level > 0 {
            out.push_str(HEX_SIBLING_SEPARATOR);
        }
        push_sibling(out, node);
    }
}

impl MerkleTree {
    /// Appends the proofs of the leaves `leaves` (indices, in order) to `out` as hex text,
    /// each proof written only as far as it differs from the one before it.
    ///
    /// Consecutive leaves `i − 1` and `i` share every sibling above the lowest bit in which
    /// their indices differ, so proof `i` is written as its lowest `k` siblings only (as
    /// [`push_proof_hex`] writes them, `1 ≤ k ≤ depth`) and its siblings from level `k` up are
    /// those of proof `i − 1`. The first proof of the range is written whole. Proofs are
    /// separated by [`HEX_PROOF_SEPARATOR`]; a one-leaf tree's proof is the empty text. All
    /// the proofs of a tree take ≈ 2 siblings per leaf this way instead of `depth`: what
    /// crosses a language boundary, and the strings a host creates, shrink with it (at 2^16
    /// leaves, 8.8 MB of text instead of 70 MB). An empty range appends nothing.
    ///
    /// Callers that want every proof ask for ranges small enough for their host's string
    /// limits and reuse `out`.
    ///
    /// ```
    /// use set_core::encoding::B256;
    /// use set_core::merkle::{push_proof_hex, MerkleTree, Scheme};
    /// let leaves: Vec<B256> = (1u8..=4).map(B256::repeat_byte).collect();
    /// let tree = MerkleTree::build(Scheme::KeccakV1, &leaves)?;
    /// let mut text = String::new();
    /// tree.proofs_hex_into(0..4, &mut text)?;
    /// let texts: Vec<&str> = text.split(';').collect();
    /// // Leaf 1 differs from leaf 0 in bit 0 only: one sibling written, the other is proof 0's.
    /// let (mut whole, mut lowest) = (String::new(), String::new());
    /// push_proof_hex(&mut whole, &tree.proof(0)?);
    /// push_proof_hex(&mut lowest, &tree.proof(1)?[..1]);
    /// assert_eq!(&texts[..2], [whole.as_str(), lowest.as_str()]);
    /// assert_eq!(texts[2].split(',').count(), 2); // 1 → 2 differs in bits 0 and 1
    /// # Ok::<(), set_core::merkle::MerkleError>(())
    /// ```
    ///
    /// # Errors
    /// [`MerkleError::IndexOutOfRange`] naming `leaves` if `leaves.end > leaf_count` (nothing
    /// is appended then).
    pub fn proofs_hex_into(&self, leaves: Range<usize>, out: &mut String) -> Result<(), MerkleError> {
        if leaves.end > self.leaf_count {
            return Err(MerkleError::IndexOutOfRange {
                field: "leaves".into(),
                index: leaves.end as u64,
                leaf_count: self.leaf_count as u64,
            });
        }
        let first = leaves.start;
        for index in leaves {
            let levels = if index == first {
                self.depth
            } else {
                out.push_str(HEX_PROOF_SEPARATOR);
                self.fresh_levels(index)
            };
            let mut level = 0;
            self.gather_proof(index, levels, |sibling| {
                if level > 0 {
                    out.push_str(HEX_SIBLING_SEPARATOR);
                }
                push_sibling(out, &sibling);
                level += 1;
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::encode_hex;
    use crate::merkle::Scheme;
    use alloc::vec::Vec;

    fn leaves(n: usize) -> Vec<B256> {
        (0..n as u64).map(|i| alloy_primitives::keccak256(i.to_be_bytes())).collect()
    }

    fn hex_of(proof: &[B256]) -> Vec<String> {
        proof.iter().map(|node| encode_hex(node.as_slice())).collect()
    }

    /// Every proof of `range`, rebuilt from the text: each written proof's siblings, the rest
    /// taken from the proof before it.
    fn rebuilt(depth: usize, text: &str) -> Vec<Vec<String>> {
        let mut proofs: Vec<Vec<String>> = Vec::new();
        for written in text.split(HEX_PROOF_SEPARATOR) {
            let mut proof: Vec<String> =
                if written.is_empty() { Vec::new() } else { written.split(',').map(String::from).collect() };
            if let Some(previous) = proofs.last() {
                proof.extend_from_slice(&previous[proof.len()..]);
            }
            assert_eq!(proof.len(), depth);
            proofs.push(proof);
        }
        proofs
    }

    #[test]
    fn proofs_hex_rebuilds_every_proof_from_any_start() {
        for scheme in Scheme::ALL {
            for n in [2usize, 3, 5, 8, 13, 64, 100, 257] {
                let tree = MerkleTree::build(scheme, &leaves(n)).unwrap();
                for start in [0, 1, n / 3, n / 2, n - 1] {
                    for end in [start + 1, (start + 7).min(n), n] {
                        let mut text = String::from("prefix");
                        tree.proofs_hex_into(start..end, &mut text).unwrap();
                        let text = text.strip_prefix("prefix").unwrap();
                        let expected: Vec<Vec<String>> =
                            (start..end).map(|i| hex_of(&tree.proof(i).unwrap())).collect();
                        assert_eq!(rebuilt(tree.depth(), text), expected, "{scheme} n={n} {start}..{end}");
                        // Only what changed is written: about 2 siblings per proof.
                        let written = text.split([',', ';']).count();
                        assert!(written <= 2 * (end - start) + 2 * tree.depth(), "{scheme} n={n}: {written} siblings");
                    }
                }
            }
        }
    }

    #[test]
    fn a_proof_is_written_lowest_sibling_first_and_whole_at_a_range_start() {
        let tree = MerkleTree::build(Scheme::VesSha256V1, &leaves(8)).unwrap();
        let mut text = String::new();
        tree.proofs_hex_into(3..5, &mut text).unwrap();
        // 3 → 4 differs in bits 0..=2: proof 4 is written whole too.
        assert_eq!(
            text,
            alloc::format!(
                "{};{}",
                hex_of(&tree.proof(3).unwrap()).join(","),
                hex_of(&tree.proof(4).unwrap()).join(",")
            )
        );
    }

    #[test]
    fn one_leaf_proofs_are_empty_texts() {
        let tree = MerkleTree::build(Scheme::KeccakV1, &leaves(1)).unwrap();
        let mut text = String::new();
        tree.proofs_hex_into(0..1, &mut text).unwrap();
        assert_eq!(text, "");
        assert_eq!(rebuilt(0, &text), [Vec::<String>::new()]);
        let mut one = String::from("x");
        push_proof_hex(&mut one, &[]);
        assert_eq!(one, "x");
    }

    #[test]
    fn rejects_a_range_past_the_leaf_count() {
        let tree = MerkleTree::build(Scheme::VesSha256V1, &leaves(5)).unwrap();
        let mut text = String::from("kept");
        let err = tree.proofs_hex_into(3..6, &mut text).unwrap_err();
        assert_eq!(err.code(), "INDEX_OUT_OF_RANGE");
        assert_eq!(err.to_string(), "leaves: index 6 is out of range for 5 leaves");
        assert_eq!(text, "kept");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 4..2;
        tree.proofs_hex_into(reversed, &mut text).unwrap();
        assert_eq!(text, "kept");
    }

    #[test]
    fn siblings_are_lowercase_0x_hex_of_every_byte_value() {
        let node = B256::from(core::array::from_fn::<u8, 32, _>(|i| (i * 8 + 7) as u8));
        let mut text = String::new();
        push_proof_hex(&mut text, &[node, B256::repeat_byte(0xff)]);
        assert_eq!(text, alloc::format!("{},{}", encode_hex(node.as_slice()), encode_hex(&[0xff; 32])));
    }
}
