//! The receipt checks: [`verify_receipt`] and one function per check.

use alloc::string::{String, ToString};

use alloy_primitives::B256;

use super::signatures::{self, SignerPlan};
use super::{BundleCommitment, Check, CheckStatus, ReceiptBundle, ReceiptError, Trust, Verdict};
use crate::encoding::encode_hex;
use crate::merkle::{self, Scheme};
use crate::registry::OnchainCommitment;
use crate::ves::{self, VesEvent};

/// Verifies a bundle against `trust`: the checks of docs/protocol.md#checks, and the
/// [`super::Level`] they establish.
///
/// # Errors
/// [`ReceiptError::NetworkNotPinned`] when `trust.onchain` is given without `trust.chain_id`
/// and `trust.registry`; [`ReceiptError::Ves`] for an event string too long to hash or a pinned
/// key that is not a curve point. Every failing check is reported in the [`Verdict`] instead.
pub fn verify_receipt(bundle: &ReceiptBundle, trust: &Trust) -> Result<Verdict, ReceiptError> {
    verify_one(bundle, trust, &mut AnchorProofs::alone())
}

/// [`verify_receipt`], its anchor proof verified through `proofs`.
pub(super) fn verify_one<'a>(
    bundle: &'a ReceiptBundle,
    trust: &'a Trust,
    proofs: &mut AnchorProofs<'a>,
) -> Result<Verdict, ReceiptError> {
    let prepared = Prepared::new(bundle, trust, proofs)?;
    let agent = prepared.agent.verify_ed25519()?;
    let sequencer = prepared.sequencer.verify_ed25519()?;
    Ok(prepared.finish(agent, sequencer))
}

/// Where bundles' anchor proofs are verified: each alone ([`verify_receipt`]), or once per
/// distinct (proof, commitment) for all the bundles of one bulk call against one trust
/// (`verify_receipts`: receipts of one commitment carry the same proof), with the same verdicts.
pub(super) struct AnchorProofs<'a> {
    #[cfg(feature = "anchor-proof")]
    shared: Option<crate::anchor_proof::SharedProofs<'a>>,
    #[cfg(not(feature = "anchor-proof"))]
    bundles: core::marker::PhantomData<&'a ReceiptBundle>,
}

impl AnchorProofs<'_> {
    /// Each proof verified alone.
    pub(super) fn alone() -> Self {
        AnchorProofs {
            #[cfg(feature = "anchor-proof")]
            shared: None,
            #[cfg(not(feature = "anchor-proof"))]
            bundles: core::marker::PhantomData,
        }
    }

    /// Each distinct proof verified once; every bundle must then be verified against one trust.
    pub(super) fn shared() -> Self {
        #[allow(unused_mut)] // Nothing to share in a build that does not verify anchor proofs.
        let mut proofs = Self::alone();
        #[cfg(feature = "anchor-proof")]
        {
            proofs.shared = Some(Default::default());
        }
        proofs
    }
}

/// Every check of a bundle but its signature verifications, which the caller runs one by one
/// ([`verify_receipt`]) or in a batch with other bundles' (`verify_receipts`), then hands to
/// [`Prepared::finish`].
pub(super) struct Prepared<'a> {
    payload_hash: CheckStatus,
    /// The agent's signatures to verify, or the check's status when there is nothing to verify.
    pub(super) agent: SignerPlan<'a>,
    receipt_hash: CheckStatus,
    /// The sequencer's signatures to verify, or the check's status when there is nothing to verify.
    pub(super) sequencer: SignerPlan<'a>,
    inclusion: CheckStatus,
    state_root: CheckStatus,
    anchor: CheckStatus,
    onchain: CheckStatus,
    anchor_proof: CheckStatus,
    output_root: CheckStatus,
}

impl<'a> Prepared<'a> {
    /// Runs every check that needs no signature verification, the anchor proof's through
    /// `proofs`.
    pub(super) fn new(
        bundle: &'a ReceiptBundle,
        trust: &'a Trust,
        proofs: &mut AnchorProofs<'a>,
    ) -> Result<Self, ReceiptError> {
        check_trust(trust)?;
        let event = &bundle.event;
        let receipt = &bundle.receipt;
        let signing_hash = event.signing_hash()?;
        let recomputed_receipt_hash = ves::receipt_hash(
            &event.tenant_id,
            &event.store_id,
            &event.event_id,
            receipt.sequence_number,
            &signing_hash,
        );

        let payload_hash = match event.payload_matches()? {
            None => CheckStatus::Skipped("the bundle keeps no payload".into()),
            Some(true) => CheckStatus::Pass,
            Some(false) => CheckStatus::Fail("payload does not hash to payload_plain_hash".into()),
        };
        let agent = signatures::agent_plan(event, signing_hash, trust);
        let receipt_hash = if recomputed_receipt_hash == receipt.receipt_hash {
            CheckStatus::Pass
        } else {
            CheckStatus::Fail(alloc::format!(
                "receipt_hash {} does not match the recomputed {}",
                receipt.receipt_hash,
                recomputed_receipt_hash
            ))
        };
        let sequencer = signatures::sequencer_plan(receipt, recomputed_receipt_hash, trust);
        let (anchor_proof, output_root) = check_anchor_proof(bundle, trust, proofs);
        Ok(Prepared {
            payload_hash,
            agent,
            receipt_hash,
            sequencer,
            inclusion: check_inclusion(bundle, &signing_hash),
            state_root: check_state_root(event, &bundle.commitment),
            anchor: check_anchor(bundle, trust),
            onchain: match &trust.onchain {
                None => CheckStatus::Skipped("no on-chain record was given".into()),
                Some(record) => check_onchain(&bundle.commitment, record),
            },
            anchor_proof,
            output_root,
        })
    }

    /// The verdict, given whether the agent and sequencer signatures verified (`None` where
    /// [`Prepared::agent`] / [`Prepared::sequencer`] had nothing to verify).
    pub(super) fn finish(self, agent: Option<bool>, sequencer: Option<bool>) -> Verdict {
        let (agent_signature, agent_signatures) = self.agent.settle(agent);
        let (sequencer_signature, sequencer_signatures) = self.sequencer.settle(sequencer);
        Verdict::with_signatures(
            alloc::vec![
                (Check::PayloadHash, self.payload_hash),
                (Check::AgentSignature, agent_signature),
                (Check::ReceiptHash, self.receipt_hash),
                (Check::SequencerSignature, sequencer_signature),
                (Check::Inclusion, self.inclusion),
                (Check::StateRoot, self.state_root),
                (Check::Anchor, self.anchor),
                (Check::Onchain, self.onchain),
                (Check::AnchorProof, self.anchor_proof),
                (Check::OutputRoot, self.output_root),
            ],
            sequencer_signatures,
            agent_signatures,
        )
    }
}

/// On-chain evidence is only evidence for the pinned network: refuse it without one.
pub(super) fn check_trust(trust: &Trust) -> Result<(), ReceiptError> {
    #[cfg(feature = "anchor-proof")]
    let proofs_pinned = trust.anchor_proof.pins_anything();
    #[cfg(not(feature = "anchor-proof"))]
    let proofs_pinned = false;
    if trust.onchain.is_some() || proofs_pinned {
        if trust.registry.is_none() {
            return Err(ReceiptError::NetworkNotPinned { field: "trust.registry".into() });
        }
        if trust.chain_id.is_none() {
            return Err(ReceiptError::NetworkNotPinned { field: "trust.chain_id".into() });
        }
    }
    Ok(())
}

/// The bundle's claim of where it was anchored, against the pinned network.
fn check_anchor(bundle: &ReceiptBundle, trust: &Trust) -> CheckStatus {
    let Some(anchor) = &bundle.anchor else {
        return CheckStatus::Skipped("the bundle names no anchor".into());
    };
    if trust.chain_id.is_none() && trust.registry.is_none() {
        return CheckStatus::Skipped("no network is pinned (trust.chain_id, trust.registry)".into());
    }
    // Messages built by hand: `join` and an address's checksummed `Display` (a Keccak of its
    // own) would cost the npm package's wasm kilobytes for two sentences.
    let mut mismatches = String::new();
    if let Some(chain_id) = trust.chain_id.filter(|pinned| *pinned != anchor.chain_id) {
        mismatches = alloc::format!("anchor.chain_id {} is not the pinned {chain_id}", anchor.chain_id);
    }
    if let Some(registry) = trust.registry.filter(|pinned| *pinned != anchor.registry) {
        separate(&mut mismatches);
        mismatches.push_str("anchor.registry ");
        mismatches.push_str(&encode_hex(anchor.registry.as_slice()));
        mismatches.push_str(" is not the pinned ");
        mismatches.push_str(&encode_hex(registry.as_slice()));
    }
    if mismatches.is_empty() {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail(mismatches)
    }
}

/// Appends `"; "` to a non-empty list of mismatches.
fn separate(mismatches: &mut String) {
    if !mismatches.is_empty() {
        mismatches.push_str("; ");
    }
}

/// The `anchor_proof` and `output_root` checks (`crate::anchor_proof::verify`).
fn check_anchor_proof<'a>(
    bundle: &'a ReceiptBundle,
    trust: &Trust,
    proofs: &mut AnchorProofs<'a>,
) -> (CheckStatus, CheckStatus) {
    let Some(proof) = bundle.anchor.as_ref().and_then(|anchor| anchor.proof.as_ref()) else {
        let skipped = || CheckStatus::Skipped("the bundle carries no anchor proof".into());
        return (skipped(), skipped());
    };
    #[cfg(feature = "anchor-proof")]
    {
        let _ = proof;
        let verdict = match &mut proofs.shared {
            Some(shared) => shared.verify_bundle(bundle, trust),
            None => crate::anchor_proof::verify_bundle(bundle, trust),
        };
        (verdict.anchor_proof.to_status(), verdict.output_root.to_status())
    }
    #[cfg(not(feature = "anchor-proof"))]
    {
        let _ = (proof, trust, proofs);
        let skipped = || CheckStatus::Skipped("this build does not verify anchor proofs".into());
        (skipped(), skipped())
    }
}

fn check_inclusion(bundle: &ReceiptBundle, signing_hash: &B256) -> CheckStatus {
    let (event, commitment, proof) = (&bundle.event, &bundle.commitment, &bundle.proof);
    let sequence_number = bundle.receipt.sequence_number;
    if sequence_number < commitment.sequence_start || sequence_number > commitment.sequence_end {
        return CheckStatus::Fail(alloc::format!(
            "sequence_number {sequence_number} is outside the commitment range {}..={}",
            commitment.sequence_start,
            commitment.sequence_end
        ));
    }
    let expected_index = sequence_number - commitment.sequence_start;
    if proof.leaf_index != expected_index {
        return CheckStatus::Fail(alloc::format!(
            "leaf_index {} is not sequence_number − sequence_start = {expected_index}",
            proof.leaf_index
        ));
    }
    let leaf = ves::leaf_hash(&event.tenant_id, &event.store_id, sequence_number, signing_hash, &event.agent_signature);
    match merkle::verify(
        Scheme::VesSha256V1,
        &commitment.merkle_root,
        &leaf,
        proof.leaf_index,
        u64::from(commitment.leaf_count),
        &proof.proof_path,
    ) {
        Ok(true) => CheckStatus::Pass,
        Ok(false) => CheckStatus::Fail("proof_path does not lead from the event's leaf to merkle_root".into()),
        Err(err) => CheckStatus::Fail(err.to_string()),
    }
}

fn check_state_root(event: &VesEvent, commitment: &BundleCommitment) -> CheckStatus {
    let span = commitment.sequence_end.checked_sub(commitment.sequence_start).and_then(|d| d.checked_add(1));
    if span != Some(u64::from(commitment.leaf_count)) {
        return CheckStatus::Fail(alloc::format!(
            "leaf_count {} does not match the range {}..={}",
            commitment.leaf_count,
            commitment.sequence_start,
            commitment.sequence_end
        ));
    }
    let stream = crate::ids::stream_id(&event.tenant_id, &event.store_id);
    let recomputed = ves::state_root(
        &stream,
        &commitment.prev_state_root,
        &commitment.merkle_root,
        commitment.sequence_start,
        commitment.sequence_end,
        commitment.leaf_count,
    );
    if recomputed == commitment.new_state_root {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail(alloc::format!("new_state_root does not match the recomputed {recomputed}"))
    }
}

fn check_onchain(commitment: &BundleCommitment, record: &OnchainCommitment) -> CheckStatus {
    // An unknown batch reads back as all zeros; the timestamp is left out because a trust
    // document does not carry one.
    if *record == (OnchainCommitment { timestamp: record.timestamp, ..OnchainCommitment::default() }) {
        return CheckStatus::Fail("the batch is not committed on-chain".into());
    }
    let mut mismatches = String::new();
    for (differs, what) in [
        (record.events_root != commitment.merkle_root, "eventsRoot ≠ merkle_root"),
        (record.new_state_root != commitment.new_state_root, "newStateRoot ≠ new_state_root"),
        (
            record.sequence_start != commitment.sequence_start || record.sequence_end != commitment.sequence_end,
            "sequence range differs",
        ),
        (record.event_count != commitment.leaf_count, "eventCount ≠ leaf_count"),
    ] {
        if differs {
            separate(&mut mismatches);
            mismatches.push_str(what);
        }
    }
    if mismatches.is_empty() {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail(mismatches)
    }
}

/// Parses a bundle and a trust document and verifies — the one call the bindings make.
///
/// # Errors
/// [`ReceiptError`] for malformed input, naming the field.
pub fn verify_receipt_json(bundle_json: &str, trust_json: &str) -> Result<Verdict, ReceiptError> {
    verify_receipt(&ReceiptBundle::from_json(bundle_json)?, &Trust::from_json(trust_json)?)
}
