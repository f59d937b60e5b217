//! The export's events: each one's payload hash and agent signatures, then each commitment's
//! events root recomputed from the leaves of its range ([`crate::ves::commit_batch`], the
//! sequencer's own rule).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::B256;

use super::history::Histories;
use super::{AgentKey, AuditError, AuditInput, Finding, FindingCode, SequencedEvent, Source, Summary};
use crate::encoding::encode_hex;
use crate::ids::uuid_to_bytes32;
use crate::receipt::{agent_signature_status, CheckStatus, Trust};
use crate::registry::BatchCommittedLog;
use crate::ves::{self, commit_batch};

/// One event's leaf, by sequence number.
struct Leaf {
    sequence_number: u64,
    index: usize,
    hash: B256,
}

/// A pinned key as the receipt rule takes it.
struct PinnedKey<'a> {
    key: &'a AgentKey,
    trust: Trust,
}

fn pinned_keys(keys: &[AgentKey]) -> Result<Vec<PinnedKey<'_>>, AuditError> {
    keys.iter()
        .enumerate()
        .map(|(i, key)| {
            if let Some(public) = &key.ed25519 {
                ed25519_dalek::VerifyingKey::from_bytes(public)
                    .map_err(|_| AuditError::InvalidAgentKey { field: format!("agent_keys[{i}].ed25519") })?;
            }
            let trust = Trust {
                agent_public_key: key.ed25519,
                agent_ml_dsa_65_public_key: key.ml_dsa_65.clone(),
                ..Trust::default()
            };
            Ok(PinnedKey { key, trust })
        })
        .collect()
}

/// A commitment whose events root is recomputed.
struct Commitment<'a> {
    source: Source,
    batch_id: B256,
    start: u64,
    end: u64,
    prev_state_root: B256,
    events_root: B256,
    log: Option<&'a BatchCommittedLog>,
}

/// Runs the event checks, pushing findings and filling the event counts of `summary`.
pub(super) fn check(
    input: &AuditInput<'_>,
    events: &[SequencedEvent],
    histories: &Histories<'_>,
    summary: &mut Summary,
    findings: &mut Vec<Finding>,
) -> Result<(), AuditError> {
    let keys = pinned_keys(input.agent_keys)?;
    let mut leaves = Vec::with_capacity(events.len());
    for (index, item) in events.iter().enumerate() {
        let event = &item.event;
        let field = || format!("events[{index}]");
        if event.tenant_id != input.tenant_id || event.store_id != input.store_id {
            return Err(AuditError::WrongStream { field: field() });
        }
        let seq = item.sequence_number;
        let signing_hash = event.signing_hash().map_err(|error| AuditError::Event { field: field(), error })?;
        if let Some(payload) = &event.payload {
            let recomputed =
                ves::payload_plain_hash(payload).map_err(|error| AuditError::Event { field: field(), error })?;
            if recomputed != event.payload_plain_hash {
                findings.push(event_finding(
                    FindingCode::PayloadHashMismatch,
                    seq,
                    "the event's payload does not hash to its payload_plain_hash".into(),
                    (
                        "payload_plain_hash",
                        encode_hex(recomputed.as_slice()),
                        encode_hex(event.payload_plain_hash.as_slice()),
                    ),
                ));
            }
        }
        if !keys.is_empty() {
            check_signature(&keys, item, signing_hash, summary, findings)?;
        }
        let hash = ves::leaf_hash(&event.tenant_id, &event.store_id, seq, &signing_hash, &event.agent_signature);
        leaves.push(Leaf { sequence_number: seq, index, hash });
    }
    leaves.sort_unstable_by_key(|leaf| (leaf.sequence_number, leaf.index));
    if let Some(pair) = leaves.windows(2).find(|pair| pair[0].sequence_number == pair[1].sequence_number) {
        return Err(AuditError::DuplicateSequenceNumber {
            field: format!("events[{}].sequence_number", pair[1].index),
            sequence_number: pair[1].sequence_number,
        });
    }

    let commitments = histories
        .sequencer
        .iter()
        .map(|record| Commitment {
            source: Source::Sequencer,
            batch_id: uuid_to_bytes32(&record.batch_id),
            start: record.sequence_start,
            end: record.sequence_end,
            prev_state_root: record.prev_state_root,
            events_root: record.merkle_root,
            log: None,
        })
        .chain(histories.unrecorded.iter().map(|(log, prev)| Commitment {
            source: Source::Onchain,
            batch_id: log.batch_id,
            start: log.sequence_start,
            end: log.sequence_end,
            prev_state_root: *prev,
            events_root: log.events_root,
            log: Some(*log),
        }));
    let mut used = alloc::vec![false; leaves.len()];
    let mut buffer = Vec::new();
    let mut committed_end = 0u64;
    for commitment in commitments {
        committed_end = committed_end.max(commitment.end);
        recompute(input, &commitment, &leaves, &mut used, &mut buffer, findings)?;
    }
    summary.events_in_export = Some(events.len());
    summary.events_checked = used.iter().filter(|used| **used).count();
    summary.events_uncommitted = leaves.iter().filter(|leaf| leaf.sequence_number > committed_end).count();
    Ok(())
}

fn event_finding(code: FindingCode, seq: u64, message: String, differs: (&'static str, String, String)) -> Finding {
    let mut finding = Finding::new(code, Source::Events, message);
    finding.sequence_number = Some(seq);
    let (field, expected, actual) = differs;
    finding.differs(field, expected, actual)
}

/// The event's signatures with the first pinned key for its agent and key id.
fn check_signature(
    keys: &[PinnedKey<'_>],
    item: &SequencedEvent,
    signing_hash: B256,
    summary: &mut Summary,
    findings: &mut Vec<Finding>,
) -> Result<(), AuditError> {
    let event = &item.event;
    let pinned = keys.iter().find(|pinned| {
        pinned.key.agent_id.is_none_or(|agent| agent == event.source_agent_id)
            && pinned.key.key_id.is_none_or(|key| key == event.agent_key_id)
    });
    let Some(pinned) = pinned else {
        let mut finding = Finding::new(
            FindingCode::AgentKeyUnknown,
            Source::Events,
            format!("no pinned key for agent {} key {}", event.source_agent_id, event.agent_key_id),
        );
        finding.sequence_number = Some(item.sequence_number);
        findings.push(finding);
        return Ok(());
    };
    // Keys were checked to be curve points above, so the rule cannot fail on them here.
    let status = agent_signature_status(event, signing_hash, &pinned.trust)
        .map_err(|_| AuditError::InvalidAgentKey { field: "agent_keys".into() })?;
    match status {
        CheckStatus::Pass => summary.agent_signatures_checked += 1,
        CheckStatus::Fail(reason) => {
            let mut finding = Finding::new(FindingCode::BadAgentSignature, Source::Events, reason);
            finding.sequence_number = Some(item.sequence_number);
            findings.push(finding);
        }
        // A pinned entry holding neither key: nothing to verify with.
        CheckStatus::Skipped(_) => {}
    }
    Ok(())
}

/// The events root of `commitment` from the export's leaves of its range.
fn recompute(
    input: &AuditInput<'_>,
    commitment: &Commitment<'_>,
    leaves: &[Leaf],
    used: &mut [bool],
    buffer: &mut Vec<B256>,
    findings: &mut Vec<Finding>,
) -> Result<(), AuditError> {
    let Some(span) = commitment.end.checked_sub(commitment.start) else {
        return Ok(()); // an invalid range, reported by the history checks
    };
    let first = leaves.partition_point(|leaf| leaf.sequence_number < commitment.start);
    // Leaves are sorted and distinct: the range is complete when as many follow as it covers
    // and the last of them is its end.
    let complete = usize::try_from(span)
        .ok()
        .and_then(|span| leaves.get(first..=first.checked_add(span)?))
        .filter(|slice| slice.last().is_some_and(|leaf| leaf.sequence_number == commitment.end));
    let Some(slice) = complete else {
        let holds = |k: u64| {
            let at = usize::try_from(k).ok().and_then(|k| first.checked_add(k));
            at.and_then(|at| leaves.get(at)).map(|leaf| leaf.sequence_number) == Some(commitment.start + k)
        };
        let missing = commitment.start + (0..=span).find(|k| !holds(*k)).unwrap_or(0);
        let mut finding = Finding::new(
            FindingCode::EventsMissing,
            commitment.source,
            format!("the export lacks sequence number {missing} of this commitment, so its events root is not checked"),
        )
        .batch(commitment.batch_id, commitment.start, commitment.end);
        finding.sequence_number = Some(missing);
        if let Some(log) = commitment.log {
            finding = finding.log(log);
        }
        findings.push(finding);
        return Ok(());
    };
    buffer.clear();
    buffer.extend(slice.iter().map(|leaf| leaf.hash));
    used[first..first + slice.len()].iter_mut().for_each(|used| *used = true);
    let batch = commit_batch(&input.tenant_id, &input.store_id, &commitment.prev_state_root, commitment.start, buffer)?;
    if batch.merkle_root != commitment.events_root {
        let mut finding = Finding::new(
            FindingCode::EventsRootMismatch,
            commitment.source,
            "the events root recomputed from the export is not the commitment's".into(),
        )
        .batch(commitment.batch_id, commitment.start, commitment.end)
        .differs(
            "events_root",
            encode_hex(batch.merkle_root.as_slice()),
            encode_hex(commitment.events_root.as_slice()),
        );
        if let Some(log) = commitment.log {
            finding = finding.log(log);
        }
        findings.push(finding);
    }
    Ok(())
}
