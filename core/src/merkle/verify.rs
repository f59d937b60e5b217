//! Proof verification: strict ([`verify`], [`verify_many`]), lenient as the contract
//! ([`verify_lenient`]) and the root a proof implies ([`root_from_proof`]).

use alloc::vec::Vec;

use alloy_primitives::{B256, U256};

use super::{depth_for_leaf_count, KeccakNode, MerkleError, NodeHash, ProofSet, Scheme, VesNode, MAX_PROOF_LENGTH};

/// Folds `leaf` up through `proof` by the index bits: the root the proof implies.
fn fold_proof<H: NodeHash>(hasher: H, leaf: &B256, index: u64, proof: &[B256]) -> B256 {
    let mut running = *leaf;
    for (level, sibling) in proof.iter().enumerate() {
        running =
            if (index >> level) & 1 == 0 { hasher.node(&running, sibling) } else { hasher.node(sibling, &running) };
    }
    running
}

fn check_proof_length(field: &str, proof: &[B256]) -> Result<(), MerkleError> {
    if proof.len() > MAX_PROOF_LENGTH {
        return Err(MerkleError::ProofTooLong { field: field.into(), length: proof.len() });
    }
    Ok(())
}

/// The root implied by `proof` for `leaf` at `index` (no count, no length rule).
///
/// # Errors
/// [`MerkleError::ProofTooLong`] if the proof has more than 64 siblings.
pub fn root_from_proof(scheme: Scheme, leaf: &B256, index: u64, proof: &[B256]) -> Result<B256, MerkleError> {
    check_proof_length("proof", proof)?;
    Ok(with_node_hash!(scheme, |hasher| fold_proof(hasher, leaf, index, proof)))
}

/// Strict verification: `index < leaf_count`, `proof.len() == depth(leaf_count)`,
/// and the proof leads from `leaf` to `root`.
///
/// Returns `Ok(false)` for a well-formed proof that does not lead to `root`.
///
/// ```
/// use set_core::merkle::{verify, MerkleTree, Scheme};
/// use set_core::encoding::B256;
/// let leaves: Vec<B256> = (1u8..=5).map(B256::repeat_byte).collect();
/// let tree = MerkleTree::build(Scheme::KeccakV1, &leaves)?;
/// let proof = tree.proof(4)?;
/// assert_eq!(verify(Scheme::KeccakV1, &tree.root(), &leaves[4], 4, 5, &proof), Ok(true));
/// assert_eq!(verify(Scheme::KeccakV1, &tree.root(), &leaves[3], 4, 5, &proof), Ok(false));
/// assert!(verify(Scheme::KeccakV1, &tree.root(), &leaves[4], 5, 5, &proof).is_err());
/// # Ok::<(), set_core::merkle::MerkleError>(())
/// ```
///
/// # Errors
/// [`MerkleError::ZeroLeafCount`], [`MerkleError::IndexOutOfRange`],
/// [`MerkleError::ProofTooLong`], [`MerkleError::ProofLengthMismatch`].
pub fn verify(
    scheme: Scheme,
    root: &B256,
    leaf: &B256,
    index: u64,
    leaf_count: u64,
    proof: &[B256],
) -> Result<bool, MerkleError> {
    check_strict_shape("index", "proof", index, leaf_count, proof)?;
    Ok(with_node_hash!(scheme, |hasher| fold_proof(hasher, leaf, index, proof)) == *root)
}

fn check_strict_shape(
    index_field: &str,
    proof_field: &str,
    index: u64,
    leaf_count: u64,
    proof: &[B256],
) -> Result<(), MerkleError> {
    let depth = depth_for_leaf_count(leaf_count)?;
    if index >= leaf_count {
        return Err(MerkleError::IndexOutOfRange { field: index_field.into(), index, leaf_count });
    }
    check_proof_length(proof_field, proof)?;
    if proof.len() != depth {
        return Err(MerkleError::ProofLengthMismatch {
            field: proof_field.into(),
            expected: depth,
            actual: proof.len(),
            leaf_count,
        });
    }
    Ok(())
}

/// Lenient verification: exactly the on-chain `SetRegistry.verifyInclusion` rule —
/// no leaf count, and index bits at or above the proof length are ignored.
///
/// Use it to predict what the contract will answer; prefer [`verify`] to decide
/// whether to trust a proof.
///
/// # Errors
/// [`MerkleError::ProofTooLong`] if the proof has more than 64 siblings.
pub fn verify_lenient(
    scheme: Scheme,
    root: &B256,
    leaf: &B256,
    index: U256,
    proof: &[B256],
) -> Result<bool, MerkleError> {
    // Only the low `proof.len() ≤ 64` bits of the uint256 index are ever read.
    let low_bits = index.as_limbs()[0];
    Ok(root_from_proof(scheme, leaf, low_bits, proof)? == *root)
}

/// Strictly verifies many proofs against one root in one call.
///
/// `leaves[k]` at `indices[k]` is checked with `proofs.get(k)`; the answer has
/// one `bool` per leaf. Every structural problem is reported before any hashing.
///
/// # Errors
/// [`MerkleError::CountMismatch`] if the three inputs differ in length;
/// [`MerkleError::ProofLengthMismatch`] if `proofs.depth()` is not the tree depth;
/// [`MerkleError::IndexOutOfRange`] naming `indices[k]`; [`MerkleError::ZeroLeafCount`].
pub fn verify_many(
    scheme: Scheme,
    root: &B256,
    leaf_count: u64,
    leaves: &[B256],
    indices: &[u64],
    proofs: &ProofSet,
) -> Result<Vec<bool>, MerkleError> {
    let depth = depth_for_leaf_count(leaf_count)?;
    if indices.len() != leaves.len() {
        return Err(MerkleError::CountMismatch {
            field: "indices".into(),
            expected: leaves.len(),
            actual: indices.len(),
        });
    }
    if proofs.depth() != depth {
        return Err(MerkleError::ProofLengthMismatch {
            field: "proofs".into(),
            expected: depth,
            actual: proofs.depth(),
            leaf_count,
        });
    }
    let proof_count = if depth == 0 { leaves.len() } else { proofs.len() };
    if proof_count != leaves.len() {
        return Err(MerkleError::CountMismatch { field: "proofs".into(), expected: leaves.len(), actual: proof_count });
    }
    if let Some((k, &index)) = indices.iter().enumerate().find(|(_, &index)| index >= leaf_count) {
        return Err(MerkleError::IndexOutOfRange { field: alloc::format!("indices[{k}]"), index, leaf_count });
    }
    let empty: &[B256] = &[];
    let proof_of = |k: usize| if depth == 0 { empty } else { proofs.get(k).unwrap_or(empty) };
    Ok(with_node_hash!(scheme, |hasher| {
        match SharedFolds::new(depth, leaves.len()) {
            Some(mut shared) => leaves
                .iter()
                .zip(indices)
                .enumerate()
                .map(|(k, (leaf, &index))| shared.verify(hasher, root, k, leaf, index, &proof_of))
                .collect(),
            None => leaves
                .iter()
                .zip(indices)
                .enumerate()
                .map(|(k, (leaf, &index))| fold_proof(hasher, leaf, index, proof_of(k)) == *root)
                .collect(),
        }
    }))
}

/// Work shared between the proofs of one [`verify_many`] call.
///
/// Two proofs that reach the same tree position with the same node value and carry the same
/// siblings from there up compute the same root, so the second can take the first's answer
/// after comparing bytes instead of hashing. Verifying every proof of a tree then costs about
/// 2N node hashes instead of N·depth; the answers are exactly those of independent folds (an
/// altered proof differs in a value or a sibling and is folded on its own).
struct SharedFolds {
    /// `seen[offset(level) + position]`: the first proof `k` that reached that position, and
    /// the value it had there.
    seen: Vec<Option<(B256, usize)>>,
    /// Where each level starts in `seen`.
    level_offsets: Vec<usize>,
    /// The answer of every proof verified so far.
    answers: Vec<bool>,
}

impl SharedFolds {
    /// Largest table, in entries, worth allocating (48 MiB of entries at most).
    const MAX_ENTRIES: u64 = 1 << 20;

    /// `None` when sharing cannot pay off: fewer than two proofs, or a tree so much larger than
    /// the number of proofs (or than [`Self::MAX_ENTRIES`]) that a position table would be sparse.
    fn new(depth: usize, proof_count: usize) -> Option<Self> {
        let padded = 1u64.checked_shl(u32::try_from(depth).ok()?)?;
        let entries = padded.checked_mul(2)?;
        if proof_count < 2 || depth == 0 || entries > Self::MAX_ENTRIES || padded > 4 * proof_count as u64 {
            return None;
        }
        let mut level_offsets = Vec::with_capacity(depth);
        let mut offset = 0usize;
        for level in 0..depth {
            level_offsets.push(offset);
            offset += usize::try_from(padded >> level).ok()?;
        }
        Some(SharedFolds { seen: alloc::vec![None; offset], level_offsets, answers: Vec::with_capacity(proof_count) })
    }

    /// The answer for proof `k`, sharing the folds of earlier proofs where they coincide.
    fn verify<'p, H: NodeHash>(
        &mut self,
        hasher: H,
        root: &B256,
        k: usize,
        leaf: &B256,
        index: u64,
        proof_of: &impl Fn(usize) -> &'p [B256],
    ) -> bool {
        let proof = proof_of(k);
        let mut running = *leaf;
        let mut answer = None;
        for (level, sibling) in proof.iter().enumerate() {
            // `index < leaf_count ≤ 2^depth` was checked, so the slot is in the table.
            let slot = self.level_offsets[level] + usize::try_from(index >> level).unwrap_or(usize::MAX);
            match self.seen.get_mut(slot) {
                Some(Some((value, earlier))) if *value == running && proof_of(*earlier)[level..] == proof[level..] => {
                    answer = self.answers.get(*earlier).copied();
                    break;
                }
                Some(entry @ None) => *entry = Some((running, k)),
                _ => {}
            }
            running =
                if (index >> level) & 1 == 0 { hasher.node(&running, sibling) } else { hasher.node(sibling, &running) };
        }
        let answer = answer.unwrap_or(running == *root);
        self.answers.push(answer);
        answer
    }
}
