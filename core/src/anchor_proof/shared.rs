//! One bulk call's anchor-proof verdicts, shared by its bundles: the receipts of one commitment
//! carry the same `anchor.proof`, so a call verifies each distinct (proof, commitment) once
//! and hands every other bundle with that pair the same verdict. The commitments the anchor
//! proves in one cycle are proven at one block: their proofs differ only in `storage_proof`, so
//! the block's part (the header's hash, the output root, the account proof) is read and checked
//! once per block too, and each further commitment pays for its three slot proofs only.
//!
//! The verdict of [`super::verify_bundle`] is a function of the proof's JSON value, the
//! commitment, the pinned registry and the pinned proof trust. The last two are the call's; the
//! first two are compared in full (`==`), never by a digest, so a tampered copy of a proof is
//! never taken for the proof. A proof that does not read is not shared: its error names the first
//! field at fault in the object's iteration order, which two equal values (`==` ignores the order
//! under serde_json's `preserve_order`) need not share; such a proof costs no trie work anyway.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use serde_json::{Map, Value};
use uuid::Uuid;

use super::read::read_storage_proofs;
use super::verify::{
    check_block, read_and_verify, unreadable, verify_at_block, verify_bundle, BlockChecks, ProofVerdict,
};
use super::AnchorProof;
use crate::receipt::{BundleCommitment, ReceiptBundle, Trust};

/// The most distinct proofs kept for one batch id. Real receipts of one commitment share one
/// proof; the bound keeps crafted input (many different proofs claiming one batch) from making
/// each lookup scan them all: past it, bundles are verified alone, with the same verdict.
const MOST_PROOFS_PER_BATCH: usize = 8;

/// The most distinct blocks kept for one stated storage root, for the same reason.
const MOST_BLOCKS_PER_STORAGE_HASH: usize = 8;

/// A proof read in full, and its block-level checks.
struct Block<'a> {
    /// The proof's JSON object: another proof whose fields other than `storage_proof` equal
    /// these is at the same block.
    value: &'a Map<String, Value>,
    proof: AnchorProof,
    checks: BlockChecks,
}

impl Block<'_> {
    /// Whether `other` has exactly this proof's fields, with equal values but for `storage_proof`.
    fn holds(&self, other: &Map<String, Value>) -> bool {
        self.value.len() == other.len()
            && other.iter().all(|(name, value)| name == STORAGE_PROOF || self.value.get(name) == Some(value))
            && self.value.contains_key(STORAGE_PROOF) == other.contains_key(STORAGE_PROOF)
    }
}

const STORAGE_PROOF: &str = "storage_proof";

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
    /// Proofs read in full, by their `storage_hash` text.
    by_storage_hash: BTreeMap<&'a str, Vec<Block<'a>>>,
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
        let verdict = match self.verify_at_a_known_block(proof, commitment, trust) {
            Some(verdict) => verdict,
            None => match read_and_verify(proof, commitment, registry, &trust.anchor_proof) {
                Ok(verdict) => verdict,
                Err(err) => return unreadable(err),
            },
        };
        let reached = self.by_batch.entry(commitment.batch_id).or_default();
        if reached.len() < MOST_PROOFS_PER_BATCH {
            reached.push(Reached { proof, commitment, verdict: verdict.clone() });
        }
        verdict
    }

    /// The verdict on `proof` when its block was read and checked already (only its slot proofs
    /// are read then), or when it reads in full and its block can be kept; `None` when it must be
    /// verified alone: nothing pinned, not an object, its slot proofs or the rest not reading
    /// (the full read names the error).
    fn verify_at_a_known_block(
        &mut self,
        proof: &'a Value,
        commitment: &BundleCommitment,
        trust: &Trust,
    ) -> Option<ProofVerdict> {
        let (registry, pins) = (trust.registry?, &trust.anchor_proof);
        let object = proof.as_object().filter(|_| pins.pins_anything())?;
        let key = object.get("storage_hash")?.as_str()?;
        let blocks = self.by_storage_hash.entry(key).or_default();
        if let Some(block) = blocks.iter().find(|block| block.holds(object)) {
            let storage_proof = read_storage_proofs(object.get(STORAGE_PROOF)?).ok()?;
            return Some(verify_at_block(&block.proof, &block.checks, &storage_proof, commitment, registry, pins));
        }
        if blocks.len() >= MOST_BLOCKS_PER_STORAGE_HASH {
            return None;
        }
        let read = AnchorProof::from_value(proof).ok()?;
        let checks = check_block(&read, pins);
        let verdict = verify_at_block(&read, &checks, &read.storage_proof, commitment, registry, pins);
        blocks.push(Block { value: object, proof: read, checks });
        Some(verdict)
    }

    /// How many distinct (proof, commitment) verdicts are kept for `batch_id`.
    #[cfg(test)]
    pub(crate) fn reached(&self, batch_id: &Uuid) -> usize {
        self.by_batch.get(batch_id).map_or(0, Vec::len)
    }

    /// How many blocks were read and checked in full.
    #[cfg(test)]
    pub(crate) fn blocks(&self) -> usize {
        self.by_storage_hash.values().map(Vec::len).sum()
    }
}
