//! One bulk call's anchor-proof verdicts, shared by its bundles: the receipts of one commitment
//! carry the same `anchor.proof`, so a call verifies each distinct (proof, commitment) once
//! and hands every other bundle with that pair the same verdict.
//!
//! The verdict of [`super::verify_bundle`] is a function of the proof's JSON value, the
//! commitment, the pinned registry and the pinned proof trust. The last two are the call's; the
//! first two are compared in full (`==`), never by a digest, so a tampered copy of a proof is
//! never taken for the proof. A proof that does not read is not shared: its error names the first
//! field at fault in the object's iteration order, which two equal values (`==` ignores the order
//! under serde_json's `preserve_order`) need not share; such a proof costs no trie work anyway.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use serde_json::Value;
use uuid::Uuid;

use super::verify::{read_and_verify, unreadable, verify_bundle, ProofVerdict};
use crate::receipt::{BundleCommitment, ReceiptBundle, Trust};

/// The most distinct proofs kept for one batch id. Real receipts of one commitment share one
/// proof; the bound keeps crafted input (many different proofs claiming one batch) from making
/// each lookup scan them all: past it, bundles are verified alone, with the same verdict.
const MOST_PROOFS_PER_BATCH: usize = 8;

/// A verdict reached for one (proof, commitment).
struct Reached<'a> {
    proof: &'a Value,
    commitment: &'a BundleCommitment,
    verdict: ProofVerdict,
}

/// The anchor-proof verdicts one bulk call has reached so far, by the commitment's batch id.
/// Every bundle handed to one `SharedProofs` must be verified against the same [`Trust`].
#[derive(Default)]
pub(crate) struct SharedProofs<'a> {
    by_batch: BTreeMap<Uuid, Vec<Reached<'a>>>,
}

impl<'a> SharedProofs<'a> {
    /// [`verify_bundle`]'s verdict on `bundle`, reused when an earlier bundle had the same
    /// `anchor.proof` and commitment.
    pub(crate) fn verify_bundle(&mut self, bundle: &'a ReceiptBundle, trust: &Trust) -> ProofVerdict {
        let proof = bundle.anchor.as_ref().and_then(|anchor| anchor.proof.as_ref());
        let (Some(proof), Some(registry)) = (proof, trust.registry) else {
            // Skipped without any work: nothing to share.
            return verify_bundle(bundle, trust);
        };
        let commitment = &bundle.commitment;
        if let Some(reached) = self.by_batch.get(&commitment.batch_id).and_then(|reached| {
            reached.iter().find(|reached| reached.commitment == commitment && reached.proof == proof)
        }) {
            return reached.verdict.clone();
        }
        let verdict = match read_and_verify(proof, commitment, registry, &trust.anchor_proof) {
            Ok(verdict) => verdict,
            Err(err) => return unreadable(err),
        };
        let reached = self.by_batch.entry(commitment.batch_id).or_default();
        if reached.len() < MOST_PROOFS_PER_BATCH {
            reached.push(Reached { proof, commitment, verdict: verdict.clone() });
        }
        verdict
    }

    /// How many distinct (proof, commitment) verdicts are kept for `batch_id`.
    #[cfg(test)]
    pub(crate) fn reached(&self, batch_id: &Uuid) -> usize {
        self.by_batch.get(batch_id).map_or(0, Vec::len)
    }
}
