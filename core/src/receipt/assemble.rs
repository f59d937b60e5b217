//! Assembling a bundle from the sequencer's answers (ingest receipt, commitment, proof), and
//! checking an ingest receipt the moment it arrives.

use alloc::format;
use alloc::string::String;

use super::signatures;
use super::{
    BundleAnchor, BundleCommitment, BundleProof, CheckStatus, ReceiptBundle, ReceiptError, SequencerReceipt, Trust,
    FORMAT,
};
use crate::sequencer::{IngestReceipt, VesCommitment, VesInclusionProof};
use crate::ves::{SignatureBundle, VesEvent};

/// A bundle's parts disagree about which event, stream, commitment or leaf they describe.
fn mismatch(field: &str, reason: String) -> ReceiptError {
    ReceiptError::PartsMismatch { field: field.into(), reason }
}

/// The receipt as a bundle keeps it: the ingest answer's camelCase fields, signature bytes as
/// the sequencer sent them, checked for length.
fn bundle_receipt(receipt: &IngestReceipt) -> Result<SequencerReceipt, ReceiptError> {
    let receipt_signature_scheme = match receipt.receipt_signature_scheme {
        Some(scheme) => Some(u32::try_from(scheme).map_err(|_| {
            mismatch("receipt.receipt_signature_scheme", format!("{scheme} is not a signature scheme"))
        })?),
        None => None,
    };
    let receipt_signature_bundle = match &receipt.receipt_signature_bundle {
        Some(bundle) => Some(SignatureBundle::from_bytes(
            "receipt.receipt_signature_bundle",
            bundle.ed25519_signature.as_deref(),
            bundle.ml_dsa_65_signature.as_deref(),
        )?),
        None => None,
    };
    Ok(SequencerReceipt {
        sequencer_id: receipt.sequencer_id,
        sequence_number: receipt.sequence_number,
        receipt_hash: receipt.receipt_hash,
        signature_alg: receipt.signature_alg.clone(),
        sequencer_signature: receipt.sequencer_signature,
        receipt_signature_scheme,
        receipt_signature_bundle,
    })
}

/// Checks an ingest receipt as it arrives, before anything is kept: it is `event`'s, its
/// `receiptHash` recomputes from the event and its sequence number, and its signatures verify
/// with the sequencer keys pinned in `trust` under `trust.signature_policy` (the
/// `receipt_hash` and `sequencer_signature` checks of [`super::verify_receipt`]).
///
/// Answers [`CheckStatus::Pass`], or [`CheckStatus::Fail`] with the reason.
///
/// # Errors
/// [`ReceiptError::PartsMismatch`] for another event's receipt; [`ReceiptError::Encoding`] for a
/// signature of the wrong length; [`ReceiptError::Ves`] for an event string too long to hash or
/// a pinned key that is not a curve point.
pub fn verify_ingest_receipt(
    event: &VesEvent,
    receipt: &IngestReceipt,
    trust: &Trust,
) -> Result<CheckStatus, ReceiptError> {
    if receipt.event_id != event.event_id {
        return Err(mismatch("receipt.event_id", format!("is {}, the event is {}", receipt.event_id, event.event_id)));
    }
    let kept = bundle_receipt(receipt)?;
    let recomputed = event.receipt_hash(receipt.sequence_number)?;
    if recomputed != kept.receipt_hash {
        return Ok(CheckStatus::Fail(format!(
            "receipt_hash {} does not match the recomputed {recomputed}",
            kept.receipt_hash
        )));
    }
    let plan = signatures::sequencer_plan(&kept, recomputed, trust);
    let ed25519 = plan.verify_ed25519()?;
    Ok(plan.settle(ed25519).0)
}

impl ReceiptBundle {
    /// Assembles a `set-receipt-v2` bundle from what the sequencer returned: the ingest receipt
    /// of `event`, the commitment containing it (`GET /api/v1/ves/commitments/{id}`, or an item
    /// of the commitment list), its proof (`GET /api/v1/ves/proofs/{seq}`) and, once anchored,
    /// where (`anchor`, with its `block_hash`).
    ///
    /// The parts must belong together: the receipt is the event's; the commitment is of the
    /// event's stream (tenant and store) and its range holds the receipt's sequence number; the
    /// proof is of that commitment (batch id and Merkle root), that sequence number, the leaf
    /// index `sequence_number − sequence_start`, and the event's own leaf hash.
    ///
    /// # Errors
    /// [`ReceiptError::PartsMismatch`] naming the part that does not belong (`receipt.event_id`,
    /// `commitment.tenant_id`, `commitment.store_id`, `commitment.sequence_start`,
    /// `proof.batch_id`, `proof.sequence_number`, `proof.merkle_root`, `proof.leaf_index`,
    /// `proof.leaf_hash`, `commitment.leaf_count`, `anchor.block_hash`); [`ReceiptError::Encoding`]
    /// for a receipt signature of the wrong length. Whether the bundle *verifies* is
    /// [`super::verify_receipt`]'s job.
    pub fn from_sequencer(
        event: VesEvent,
        receipt: &IngestReceipt,
        commitment: &VesCommitment,
        proof: &VesInclusionProof,
        anchor: Option<BundleAnchor>,
    ) -> Result<Self, ReceiptError> {
        check_parts(&event, receipt, commitment, proof)?;
        let leaf_count = u32::try_from(commitment.leaf_count)
            .map_err(|_| mismatch("commitment.leaf_count", format!("{} does not fit in u32", commitment.leaf_count)))?;
        if anchor.as_ref().is_some_and(|anchor| anchor.block_hash.is_none()) {
            return Err(mismatch("anchor.block_hash", "required in set-receipt-v2".into()));
        }
        Ok(ReceiptBundle {
            format: FORMAT.into(),
            receipt: bundle_receipt(receipt)?,
            event,
            commitment: BundleCommitment {
                batch_id: commitment.batch_id,
                sequence_start: commitment.sequence_start,
                sequence_end: commitment.sequence_end,
                leaf_count,
                merkle_root: commitment.merkle_root,
                prev_state_root: commitment.prev_state_root,
                new_state_root: commitment.new_state_root,
            },
            proof: BundleProof { leaf_index: proof.leaf_index, proof_path: proof.proof_path.clone() },
            anchor,
        })
    }
}

/// The rules of [`ReceiptBundle::from_sequencer`], in the order its documentation lists them.
fn check_parts(
    event: &VesEvent,
    receipt: &IngestReceipt,
    commitment: &VesCommitment,
    proof: &VesInclusionProof,
) -> Result<(), ReceiptError> {
    if receipt.event_id != event.event_id {
        return Err(mismatch("receipt.event_id", format!("is {}, the event is {}", receipt.event_id, event.event_id)));
    }
    if commitment.tenant_id != event.tenant_id {
        let reason = format!("is {}, the event's is {}", commitment.tenant_id, event.tenant_id);
        return Err(mismatch("commitment.tenant_id", reason));
    }
    if commitment.store_id != event.store_id {
        let reason = format!("is {}, the event's is {}", commitment.store_id, event.store_id);
        return Err(mismatch("commitment.store_id", reason));
    }
    let sequence = receipt.sequence_number;
    if !(commitment.sequence_start..=commitment.sequence_end).contains(&sequence) {
        let reason = format!(
            "the commitment covers {}..={}, not the receipt's sequence number {sequence}",
            commitment.sequence_start, commitment.sequence_end
        );
        return Err(mismatch("commitment.sequence_start", reason));
    }
    if proof.batch_id != commitment.batch_id {
        return Err(mismatch(
            "proof.batch_id",
            format!("is {}, the commitment is {}", proof.batch_id, commitment.batch_id),
        ));
    }
    if proof.sequence_number != sequence {
        return Err(mismatch(
            "proof.sequence_number",
            format!("is {}, the receipt is {sequence}", proof.sequence_number),
        ));
    }
    if proof.merkle_root != commitment.merkle_root {
        let reason = format!("is {}, the commitment's is {}", proof.merkle_root, commitment.merkle_root);
        return Err(mismatch("proof.merkle_root", reason));
    }
    let index = sequence - commitment.sequence_start;
    if proof.leaf_index != index {
        return Err(mismatch(
            "proof.leaf_index",
            format!("is {}, the sequence number gives {index}", proof.leaf_index),
        ));
    }
    let leaf = event.leaf_hash(sequence)?;
    if proof.leaf_hash != leaf {
        return Err(mismatch(
            "proof.leaf_hash",
            format!("is {}, the event's leaf at {sequence} is {leaf}", proof.leaf_hash),
        ));
    }
    Ok(())
}
