//! The two histories of a stream — the sequencer's commitments and the chain's logs — each
//! checked on its own (ranges, contiguity, the state-root chain), then against each other and
//! against the registry's head.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use alloy_primitives::B256;

use super::{AuditInput, Finding, FindingCode, Source};
use crate::ids::{stream_id, uuid_to_bytes32};
use crate::registry::BatchCommittedLog;
use crate::sequencer::VesCommitment;
use crate::ves::state_root;

/// What the event checks need from the histories.
pub(super) struct Histories<'a> {
    /// The sequencer's commitments of the stream, by sequence range, each batch id once.
    pub(super) sequencer: Vec<&'a VesCommitment>,
    /// The on-chain commitments the sequencer has no record of, with the state root they
    /// should chain from (the previous log's, zero for the first).
    pub(super) unrecorded: Vec<(&'a BatchCommittedLog, B256)>,
    /// Sequencer commitments awaiting the anchor.
    pub(super) pending: usize,
}

/// One commitment as both histories describe it.
struct Link {
    batch_id: B256,
    start: u64,
    end: u64,
    count: u64,
}

/// Where a history stands while it is walked: the previous commitment, if any.
struct Walk {
    source: Source,
    previous: Option<(B256, u64, B256)>,
}

impl Walk {
    fn new(source: Source) -> Self {
        Walk { source, previous: None }
    }

    /// Checks the range and the contiguity of `link`; whether it continues the previous one
    /// exactly (only then is its state-root link checked: after a gap or an overlap the
    /// commitment it should chain from is not the previous one).
    fn step(&self, link: &Link, findings: &mut Vec<Finding>, locate: impl Fn(Finding) -> Finding) -> bool {
        let source = self.source.as_str();
        let mut well_formed = true;
        let size = link.end.checked_sub(link.start).and_then(|span| span.checked_add(1));
        if size != Some(link.count) {
            well_formed = false;
            let expected = size.map_or_else(|| "an end at or after the start".into(), |size| format!("{size}"));
            findings.push(locate(
                Finding::new(
                    FindingCode::InvalidRange,
                    self.source,
                    format!(
                        "{source} commitment covers {}..={} with an event count of {}",
                        link.start, link.end, link.count
                    ),
                )
                .batch(link.batch_id, link.start, link.end)
                .differs("event_count", expected, link.count),
            ));
        }
        let expected_start = self.previous.map_or(1, |(_, end, _)| end.saturating_add(1));
        let mut finding = |code, message| {
            let mut finding = Finding::new(code, self.source, message)
                .batch(link.batch_id, link.start, link.end)
                .differs("sequence_start", expected_start, link.start);
            finding.previous_batch_id = self.previous.map(|(id, _, _)| id);
            findings.push(locate(finding));
        };
        if link.start > expected_start {
            let mut message =
                format!("{source} history skips sequence numbers {expected_start}..={}", link.start.saturating_sub(1));
            if self.previous.is_none() {
                message.push_str(" (its first commitment does not start at 1)");
            }
            finding(FindingCode::SequenceGap, message);
            // Points at the first number missing.
            if let Some(last) = findings.last_mut() {
                last.sequence_number = Some(expected_start);
            }
            false
        } else if link.start < expected_start {
            finding(
                FindingCode::SequenceOverlap,
                format!(
                    "{source} commitment starts at {} but the previous one ends at {}",
                    link.start,
                    expected_start - 1
                ),
            );
            false
        } else {
            well_formed
        }
    }

    fn advance(&mut self, batch_id: B256, end: u64, new_state_root: B256) {
        self.previous = Some((batch_id, end, new_state_root));
    }

    fn previous_root(&self) -> B256 {
        self.previous.map_or(B256::ZERO, |(_, _, root)| root)
    }
}

fn hex(root: &B256) -> String {
    crate::encoding::encode_hex(root.as_slice())
}

fn leaf_count(count: u64) -> u32 {
    // A count past u32 is an invalid range already (the recomputation then cannot match).
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Runs every history check, pushing findings; returns what the event checks need.
pub(super) fn check<'a>(input: &AuditInput<'a>, findings: &mut Vec<Finding>) -> Histories<'a> {
    let stream = stream_id(&input.tenant_id, &input.store_id);
    let sequencer = sequencer_history(input, &stream, findings);
    let mut unrecorded = Vec::new();
    let by_id: BTreeMap<B256, &VesCommitment> =
        sequencer.iter().map(|commitment| (uuid_to_bytes32(&commitment.batch_id), *commitment)).collect();
    chain_history(input, &stream, &by_id, &mut unrecorded, findings);
    let pending = not_onchain(input, &sequencer, findings);
    head(input, findings);
    Histories { sequencer, unrecorded, pending }
}

/// The sequencer's history: its own stream only, each batch id once, by range.
fn sequencer_history<'a>(input: &AuditInput<'a>, stream: &B256, findings: &mut Vec<Finding>) -> Vec<&'a VesCommitment> {
    let mut seen = BTreeMap::new();
    for commitment in input.sequencer {
        let id = uuid_to_bytes32(&commitment.batch_id);
        if commitment.tenant_id != input.tenant_id || commitment.store_id != input.store_id {
            findings.push(
                Finding::new(
                    FindingCode::ForeignCommitment,
                    Source::Sequencer,
                    format!("the sequencer's commitment is of stream {}/{}", commitment.tenant_id, commitment.store_id),
                )
                .batch(id, commitment.sequence_start, commitment.sequence_end),
            );
            continue;
        }
        seen.entry(id).or_insert(commitment);
    }
    let mut history: Vec<&VesCommitment> = seen.into_values().collect();
    history.sort_by_key(|commitment| (commitment.sequence_start, commitment.sequence_end, commitment.batch_id));

    let mut walk = Walk::new(Source::Sequencer);
    for commitment in &history {
        let id = uuid_to_bytes32(&commitment.batch_id);
        let link = Link {
            batch_id: id,
            start: commitment.sequence_start,
            end: commitment.sequence_end,
            count: commitment.leaf_count,
        };
        let continues = walk.step(&link, findings, |finding| finding);
        let expected_prev = walk.previous_root();
        if continues && commitment.prev_state_root != expected_prev {
            let mut finding = Finding::new(
                FindingCode::StateRootFork,
                Source::Sequencer,
                "the sequencer's commitment does not chain from the previous commitment's state root".into(),
            )
            .batch(id, link.start, link.end)
            .differs("prev_state_root", hex(&expected_prev), hex(&commitment.prev_state_root));
            finding.previous_batch_id = walk.previous.map(|(id, _, _)| id);
            findings.push(finding);
        }
        let recomputed = state_root(
            stream,
            &commitment.prev_state_root,
            &commitment.merkle_root,
            link.start,
            link.end,
            leaf_count(link.count),
        );
        if recomputed != commitment.new_state_root {
            findings.push(
                Finding::new(
                    FindingCode::StateRootMismatch,
                    Source::Sequencer,
                    "the sequencer's new state root does not recompute from its previous root, events root and range"
                        .into(),
                )
                .batch(id, link.start, link.end)
                .differs("new_state_root", hex(&recomputed), hex(&commitment.new_state_root)),
            );
        }
        walk.advance(id, link.end, commitment.new_state_root);
    }
    history
}

/// The chain's history in block order, and each log against the sequencer's record.
fn chain_history<'a>(
    input: &AuditInput<'a>,
    stream: &B256,
    by_id: &BTreeMap<B256, &VesCommitment>,
    unrecorded: &mut Vec<(&'a BatchCommittedLog, B256)>,
    findings: &mut Vec<Finding>,
) {
    let mut walk = Walk::new(Source::Onchain);
    for log in input.onchain {
        let link = Link {
            batch_id: log.batch_id,
            start: log.sequence_start,
            end: log.sequence_end,
            count: log.event_count.into(),
        };
        let located = |finding: Finding| finding.log(log);
        let continues = walk.step(&link, findings, located);
        let prev = walk.previous_root();
        let recomputed = state_root(stream, &prev, &log.events_root, link.start, link.end, log.event_count);
        if continues && recomputed != log.new_state_root {
            let mut finding = Finding::new(
                FindingCode::StateRootFork,
                Source::Onchain,
                format!(
                    "the on-chain new state root does not follow from the previous one ({}) and its events root",
                    hex(&prev)
                ),
            )
            .batch(log.batch_id, link.start, link.end)
            .differs("new_state_root", hex(&recomputed), hex(&log.new_state_root))
            .log(log);
            finding.previous_batch_id = walk.previous.map(|(id, _, _)| id);
            findings.push(finding);
        }
        match by_id.get(&log.batch_id) {
            Some(record) => compare(log, record, findings),
            None => {
                unrecorded.push((log, prev));
                findings.push(
                    Finding::new(
                        FindingCode::NotInSequencer,
                        Source::Onchain,
                        "an on-chain commitment the sequencer has no record of".into(),
                    )
                    .batch(log.batch_id, link.start, link.end)
                    .log(log),
                );
            }
        }
        walk.advance(log.batch_id, link.end, log.new_state_root);
    }
}

/// A log against the sequencer's record of its batch id, field by field.
fn compare(log: &BatchCommittedLog, record: &VesCommitment, findings: &mut Vec<Finding>) {
    let mut differs = |field: &'static str, expected: String, actual: String| {
        findings.push(
            Finding::new(
                FindingCode::OnchainMismatch,
                Source::Onchain,
                format!("the on-chain {field} is not the sequencer's for this batch"),
            )
            .batch(log.batch_id, log.sequence_start, log.sequence_end)
            .differs(field, expected, actual)
            .log(log),
        );
    };
    if record.merkle_root != log.events_root {
        differs("events_root", hex(&record.merkle_root), hex(&log.events_root));
    }
    if record.new_state_root != log.new_state_root {
        differs("new_state_root", hex(&record.new_state_root), hex(&log.new_state_root));
    }
    if record.sequence_start != log.sequence_start {
        differs("sequence_start", record.sequence_start.to_string(), log.sequence_start.to_string());
    }
    if record.sequence_end != log.sequence_end {
        differs("sequence_end", record.sequence_end.to_string(), log.sequence_end.to_string());
    }
    if record.leaf_count != u64::from(log.event_count) {
        differs("event_count", record.leaf_count.to_string(), u64::from(log.event_count).to_string());
    }
    if let Some(recorded) = record.chain_tx_hash {
        if recorded != log.transaction_hash {
            findings.push(
                Finding::new(
                    FindingCode::AnchorTxMismatch,
                    Source::Sequencer,
                    "the sequencer records another anchoring transaction than the one whose log holds the batch".into(),
                )
                .batch(log.batch_id, log.sequence_start, log.sequence_end)
                .differs("chain_tx_hash", hex(&log.transaction_hash), hex(&recorded))
                .log(log),
            );
        }
    }
}

/// Sequencer commitments that are not on-chain: a finding when the sequencer reports them
/// anchored or the chain's history is past them; otherwise pending. Returns the pending count.
fn not_onchain(input: &AuditInput<'_>, sequencer: &[&VesCommitment], findings: &mut Vec<Finding>) -> usize {
    let onchain: BTreeMap<B256, &BatchCommittedLog> = input.onchain.iter().map(|log| (log.batch_id, log)).collect();
    let chain_end = input.onchain.iter().map(|log| log.sequence_end).max().unwrap_or(0);
    let mut pending = 0;
    for commitment in sequencer {
        let id = uuid_to_bytes32(&commitment.batch_id);
        if onchain.contains_key(&id) {
            continue;
        }
        let (start, end) = (commitment.sequence_start, commitment.sequence_end);
        let message = match commitment.chain_tx_hash {
            Some(tx) => format!("the sequencer reports it anchored in {} but no log of the stream holds it", hex(&tx)),
            None if end <= chain_end => {
                format!("the chain's history reaches sequence number {chain_end} without this commitment")
            }
            None => {
                pending += 1;
                continue;
            }
        };
        let mut finding = Finding::new(FindingCode::NotOnchain, Source::Sequencer, message).batch(id, start, end);
        finding.transaction_hash = commitment.chain_tx_hash;
        findings.push(finding);
    }
    pending
}

/// The registry's head against the last log (genesis: zero batch, zero root, sequence 0).
fn head(input: &AuditInput<'_>, findings: &mut Vec<Finding>) {
    let Some(head) = input.head else { return };
    let last = input.onchain.last();
    let (batch_id, root, sequence) =
        last.map_or((B256::ZERO, B256::ZERO, 0), |log| (log.batch_id, log.new_state_root, log.sequence_end));
    let mut differs = |field: &'static str, expected: String, actual: String| {
        let mut finding = Finding::new(
            FindingCode::HeadMismatch,
            Source::Head,
            format!("the registry's {field} of the stream is not its last BatchCommitted log's"),
        )
        .differs(field, expected, actual);
        if let Some(log) = last {
            finding = finding.batch(log.batch_id, log.sequence_start, log.sequence_end).log(log);
        }
        findings.push(finding);
    };
    if head.latest_batch_id != batch_id {
        differs("latest_batch_id", hex(&batch_id), hex(&head.latest_batch_id));
    }
    if head.current_state_root != root {
        differs("state_root", hex(&root), hex(&head.current_state_root));
    }
    if head.current_head_sequence != sequence {
        differs("head_sequence", sequence.to_string(), head.current_head_sequence.to_string());
    }
}
