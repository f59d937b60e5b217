//! Assembling a bundle from the sequencer's answers (ingest receipt, commitment, proof).

use alloc::string::String;

use super::{BundleAnchor, BundleCommitment, BundleProof, ReceiptBundle, ReceiptError, SequencerReceipt, FORMAT};
use crate::ves::{SignatureBundle, VesEvent};

/// A bundle's parts disagree about which event, commitment or proof they describe.
fn mismatch(field: &str, reason: String) -> ReceiptError {
    ReceiptError::InvalidJson { field: field.into(), reason }
}

impl ReceiptBundle {
    /// Assembles a bundle from what the sequencer returned: the ingest receipt of `event`,
    /// the commitment containing it (`GET /api/v1/ves/commitments/{id}`) and its proof
    /// (`GET /api/v1/ves/proofs/{seq}`).
    ///
    /// # Errors
    /// [`ReceiptError::InvalidJson`] naming the field when the parts do not belong together
    /// (another event's receipt, a proof from another commitment or sequence number, or a
    /// leaf count beyond `u32`). Whether they *verify* is [`super::verify_receipt`]'s job.
    pub fn from_sequencer(
        event: VesEvent,
        receipt: &crate::sequencer::IngestReceipt,
        commitment: &crate::sequencer::VesCommitment,
        proof: &crate::sequencer::VesInclusionProof,
        anchor: Option<BundleAnchor>,
    ) -> Result<Self, ReceiptError> {
        if receipt.event_id != event.event_id {
            return Err(mismatch(
                "receipt.event_id",
                alloc::format!("is {}, the event is {}", receipt.event_id, event.event_id),
            ));
        }
        if proof.batch_id != commitment.batch_id {
            return Err(mismatch(
                "proof.batch_id",
                alloc::format!("is {}, the commitment is {}", proof.batch_id, commitment.batch_id),
            ));
        }
        if proof.sequence_number != receipt.sequence_number {
            return Err(mismatch(
                "proof.sequence_number",
                alloc::format!("is {}, the receipt is {}", proof.sequence_number, receipt.sequence_number),
            ));
        }
        let leaf_count = u32::try_from(commitment.leaf_count).map_err(|_| {
            mismatch("commitment.leaf_count", alloc::format!("{} does not fit in u32", commitment.leaf_count))
        })?;
        if anchor.as_ref().is_some_and(|anchor| anchor.block_hash.is_none()) {
            return Err(mismatch("anchor.block_hash", "required in set-receipt-v2".into()));
        }
        let receipt_signature_scheme = match receipt.receipt_signature_scheme {
            Some(scheme) => Some(u32::try_from(scheme).map_err(|_| {
                mismatch("receipt.receipt_signature_scheme", alloc::format!("{scheme} is not a signature scheme"))
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
        Ok(ReceiptBundle {
            format: FORMAT.into(),
            event,
            receipt: SequencerReceipt {
                sequencer_id: receipt.sequencer_id,
                sequence_number: receipt.sequence_number,
                receipt_hash: receipt.receipt_hash,
                signature_alg: receipt.signature_alg.clone(),
                sequencer_signature: receipt.sequencer_signature,
                receipt_signature_scheme,
                receipt_signature_bundle,
            },
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
