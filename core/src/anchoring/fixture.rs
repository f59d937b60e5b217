//! Chained pending commitments for the anchoring tests, the core's and the anchor daemon's
//! (`cfg(test)` and the `fixtures` feature).

use alloc::string::String;
use alloc::vec::Vec;

use uuid::Uuid;

use crate::encoding::B256;
use crate::merkle::MerkleError;
use crate::sequencer::PendingCommitment;

/// The stream (`tenant`, `store`) from genesis as the sequencer lists it before anchoring:
/// commitment `i` holds `lengths[i]` synthetic leaves, has batch id `(tenant << 64) + i + 1`, and
/// chains to the one before it (its `prev_state_root` and `sequence_start`).
///
/// # Errors
/// [`MerkleError`] for a length of 0 or one too large for a tree.
pub fn pending_chain(tenant: u128, store: u128, lengths: &[u32]) -> Result<Vec<PendingCommitment>, MerkleError> {
    let (tenant_id, store_id) = (Uuid::from_u128(tenant), Uuid::from_u128(store));
    let mut prev = B256::ZERO;
    let mut start = 1u64;
    let mut out = Vec::with_capacity(lengths.len());
    for (i, &len) in (0u128..).zip(lengths) {
        // Leaf j of commitment i: a byte of its own for the first 16 × 16, repeated.
        let leaves: Vec<B256> = (0..len)
            .map(|j| B256::repeat_byte((i as u8).wrapping_mul(16).wrapping_add(j as u8).wrapping_add(1)))
            .collect();
        let batch = crate::ves::commit_batch(&tenant_id, &store_id, &prev, start, &leaves)?;
        out.push(PendingCommitment {
            batch_id: Uuid::from_u128((tenant << 64).wrapping_add(i + 1)),
            tenant_id,
            store_id,
            prev_state_root: prev,
            new_state_root: batch.new_state_root,
            events_root: batch.merkle_root,
            sequence_start: start,
            sequence_end: batch.sequence_end,
            event_count: len,
            committed_at: String::from("2026-01-01T00:00:00Z"),
            chain_tx_hash: None,
        });
        prev = batch.new_state_root;
        start = batch.sequence_end + 1;
    }
    Ok(out)
}
