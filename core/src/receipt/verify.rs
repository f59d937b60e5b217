//! The receipt checks: [`verify_receipt`] and one function per check.

use alloc::string::ToString;
use alloc::vec::Vec;

use alloy_primitives::B256;

use super::{BundleCommitment, Check, CheckStatus, ReceiptBundle, ReceiptError, SequencerReceipt, Trust, Verdict};
use crate::merkle::{self, Scheme};
use crate::registry::OnchainCommitment;
use crate::ves::{self, VesEvent};

/// Verifies a bundle against `trust`: the seven checks of docs/protocol.md#checks.
///
/// # Errors
/// Only [`ReceiptError::Ves`] for an event string too long to hash; every
/// failing check is reported in the [`Verdict`] instead.
pub fn verify_receipt(bundle: &ReceiptBundle, trust: &Trust) -> Result<Verdict, ReceiptError> {
    let event = &bundle.event;
    let receipt = &bundle.receipt;
    let commitment = &bundle.commitment;
    let signing_hash = event.signing_hash()?;
    let recomputed_receipt_hash =
        ves::receipt_hash(&event.tenant_id, &event.store_id, &event.event_id, receipt.sequence_number, &signing_hash);

    let payload_hash = match event.payload_matches()? {
        None | Some(true) => CheckStatus::Pass,
        Some(false) => CheckStatus::Fail("payload does not hash to payload_plain_hash".into()),
    };

    let agent_signature = match &trust.agent_public_key {
        None => CheckStatus::Skipped,
        Some(key) => match ves::verify_ed25519("trust.agent_public_key", key, &signing_hash, &event.agent_signature)? {
            true => CheckStatus::Pass,
            false => CheckStatus::Fail("agent_signature does not verify with the agent key".into()),
        },
    };

    let receipt_hash = if recomputed_receipt_hash == receipt.receipt_hash {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail(alloc::format!(
            "receipt_hash {} does not match the recomputed {}",
            receipt.receipt_hash,
            recomputed_receipt_hash
        ))
    };

    let sequencer_signature = check_sequencer_signature(receipt, &recomputed_receipt_hash, trust)?;
    let inclusion = check_inclusion(bundle, &signing_hash);
    let state_root = check_state_root(event, commitment);
    let onchain = match &trust.onchain {
        None => CheckStatus::Skipped,
        Some(record) => check_onchain(commitment, record),
    };

    let checks = alloc::vec![
        (Check::PayloadHash, payload_hash),
        (Check::AgentSignature, agent_signature),
        (Check::ReceiptHash, receipt_hash),
        (Check::SequencerSignature, sequencer_signature),
        (Check::Inclusion, inclusion),
        (Check::StateRoot, state_root),
        (Check::Onchain, onchain),
    ];
    let valid = checks.iter().all(|(_, status)| !matches!(status, CheckStatus::Fail(_)));
    Ok(Verdict { valid, checks })
}

fn check_sequencer_signature(
    receipt: &SequencerReceipt,
    receipt_hash: &B256,
    trust: &Trust,
) -> Result<CheckStatus, ReceiptError> {
    let Some(signature) = &receipt.sequencer_signature else {
        return Ok(CheckStatus::Fail(alloc::format!(
            "receipt has no Ed25519 signature (signature_alg {:?})",
            receipt.signature_alg
        )));
    };
    if trust.sequencer_public_keys.is_empty() {
        return Ok(CheckStatus::Fail("no sequencer public key is pinned".into()));
    }
    for (i, key) in trust.sequencer_public_keys.iter().enumerate() {
        let field = alloc::format!("trust.sequencer_public_keys[{i}]");
        if ves::verify_ed25519(&field, key, receipt_hash, signature)? {
            return Ok(CheckStatus::Pass);
        }
    }
    Ok(CheckStatus::Fail("sequencer_signature does not verify with any pinned sequencer key".into()))
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
    let mut mismatches = Vec::new();
    if record.events_root != commitment.merkle_root {
        mismatches.push("eventsRoot ≠ merkle_root");
    }
    if record.new_state_root != commitment.new_state_root {
        mismatches.push("newStateRoot ≠ new_state_root");
    }
    if record.sequence_start != commitment.sequence_start || record.sequence_end != commitment.sequence_end {
        mismatches.push("sequence range differs");
    }
    if record.event_count != commitment.leaf_count {
        mismatches.push("eventCount ≠ leaf_count");
    }
    if mismatches.is_empty() {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail(mismatches.join("; "))
    }
}

/// Parses a bundle and a trust document and verifies — the one call the bindings make.
///
/// # Errors
/// [`ReceiptError`] for malformed input, naming the field.
pub fn verify_receipt_json(bundle_json: &str, trust_json: &str) -> Result<Verdict, ReceiptError> {
    verify_receipt(&ReceiptBundle::from_json(bundle_json)?, &Trust::from_json(trust_json)?)
}
