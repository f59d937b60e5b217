//! The stream audit: one (tenant, store) stream's history checked end to end, for back offices
//! and auditors, from what they can fetch themselves: the registry's `BatchCommitted` logs and
//! head, the sequencer's commitments, and optionally an export of the events.
//!
//! Pure and deterministic (no clock, no I/O): the same input gives the same [`AuditReport`],
//! byte for byte in [`AuditReport::to_json`], so every binding can expose it and two auditors
//! can compare reports. `set-client`'s `Client::audit_stream` gathers the inputs.
//!
//! What is checked, each failure a [`Finding`] with a stable [`FindingCode`] and its evidence:
//!
//! - both histories (the chain's in block order, the sequencer's by sequence number) are
//!   contiguous from sequence number 1, each range well formed;
//! - the state roots chain from genesis (the zero root): the sequencer's `prev_state_root` is the
//!   previous `new_state_root`, and each `new_state_root` recomputes ([`crate::ves::state_root`]);
//!   on-chain, where logs carry no previous root, each `newStateRoot` must recompute from the
//!   previous log's;
//! - every on-chain commitment is the sequencer's record of the same batch id, field by field,
//!   and every commitment the sequencer reports anchored (or the chain has passed) is on-chain;
//! - the registry's head (latest batch, state root, head sequence) is the last log's;
//! - with events: each commitment's events root recomputes from its events
//!   ([`crate::ves::commit_batch`]), each kept payload hashes to its `payload_plain_hash`, and,
//!   with pinned agent keys, each event's signatures verify (the receipt's `agent_signature`
//!   rule, every profile).
//!
//! The codes are listed in `docs/protocol.md` (section "Stream audit").

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use alloy_primitives::B256;
use uuid::Uuid;

use crate::merkle::MerkleError;
use crate::registry::{BatchCommittedLog, TenantStoreSummary};
use crate::sequencer::VesCommitment;
use crate::ves::{VesError, VesEvent};

mod events;
mod history;
mod render;

pub use render::batch_id_text;

#[cfg(any(test, feature = "fixtures"))]
pub mod fixture;
#[cfg(test)]
mod tests;

/// The `format` of [`AuditReport::to_json`].
pub const REPORT_FORMAT: &str = "set-stream-audit-v1";

/// An event of the export with the sequence number the sequencer gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct SequencedEvent {
    /// The event's sequence number in its stream (from 1).
    pub sequence_number: u64,
    /// The signed event.
    pub event: VesEvent,
}

impl SequencedEvent {
    /// Reads an export: a JSON array of `{"sequence_number": n, "event": {…signed VES event…}}`
    /// (what `set audit --events` takes). Events are read as [`VesEvent::from_json`] reads them.
    ///
    /// # Errors
    /// [`AuditError::Event`] naming `events` (not JSON, not an array), `events[i]` (not an
    /// object, or no whole `sequence_number`) or `events[i].event` with the event's own error.
    pub fn list_from_json(text: &str) -> Result<Vec<SequencedEvent>, AuditError> {
        let invalid = |field: String, reason: &str| AuditError::Event {
            field: field.clone(),
            error: VesError::InvalidJson { field, reason: reason.into() },
        };
        let value = crate::ves::parse_json_value("events", text)
            .map_err(|error| AuditError::Event { field: "events".into(), error })?;
        let serde_json::Value::Array(items) = value else {
            return Err(invalid("events".into(), "expected an array of {sequence_number, event}"));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let field = alloc::format!("events[{i}]");
                let sequence_number = item
                    .get("sequence_number")
                    .and_then(serde_json::Value::as_u64)
                    .ok_or_else(|| invalid(alloc::format!("{field}.sequence_number"), "expected a whole number"))?;
                let event = item.get("event").ok_or_else(|| invalid(alloc::format!("{field}.event"), "missing"))?;
                let event = VesEvent::from_json(&event.to_string())
                    .map_err(|error| AuditError::Event { field: alloc::format!("{field}.event"), error })?;
                Ok(SequencedEvent { sequence_number, event })
            })
            .collect()
    }
}

/// A pinned agent key the events' signatures are checked against. `agent_id` and `key_id` say
/// which events it is for (`None`: any); an event takes the first key that matches it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgentKey {
    /// The agent (`source_agent_id`), or any.
    pub agent_id: Option<Uuid>,
    /// The key id (`agent_key_id`), or any.
    pub key_id: Option<u32>,
    /// The Ed25519 public key (32 bytes).
    pub ed25519: Option<[u8; 32]>,
    /// The ML-DSA-65 public key (1952 bytes), for events signed under the hybrid or
    /// `pqc-strict` profile.
    pub ml_dsa_65: Option<Vec<u8>>,
}

/// Everything one stream's audit reads. Nothing is fetched: the caller (`set-client`, a binding,
/// a test) hands over what the chain and the sequencer answered.
#[derive(Debug, Clone, Copy)]
pub struct AuditInput<'a> {
    /// The stream's tenant.
    pub tenant_id: Uuid,
    /// The stream's store.
    pub store_id: Uuid,
    /// The registry's `BatchCommitted` logs of the stream, in block order
    /// ([`crate::registry::batch_committed_logs`] of each page).
    pub onchain: &'a [BatchCommittedLog],
    /// The registry's head of the stream (`getTenantStoreSummary`), read at the last block the
    /// logs cover; `None` skips the head check.
    pub head: Option<&'a TenantStoreSummary>,
    /// The sequencer's commitments of the stream, in any order (those it lists as unanchored and
    /// those read by the batch ids of the logs); a batch id given twice counts once.
    pub sequencer: &'a [VesCommitment],
    /// The export, in any order; `None` skips the event checks.
    pub events: Option<&'a [SequencedEvent]>,
    /// Pinned agent keys; empty skips the signature check.
    pub agent_keys: &'a [AgentKey],
}

/// Why an audit could not run (its input is unusable). Anything wrong with the stream itself is
/// a [`Finding`], never an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// An event of the export belongs to another stream.
    #[error("{field}: the event is of another stream than the one audited")]
    WrongStream {
        /// `events[i]`.
        field: String,
    },
    /// Two events of the export carry the same sequence number.
    #[error("{field}: sequence number {sequence_number} is given twice")]
    DuplicateSequenceNumber {
        /// `events[i].sequence_number` (the second one).
        field: String,
        /// The number.
        sequence_number: u64,
    },
    /// A pinned agent key that is not an Ed25519 curve point.
    #[error("{field}: not a valid Ed25519 public key")]
    InvalidAgentKey {
        /// `agent_keys[i].ed25519`.
        field: String,
    },
    /// An event whose hashes cannot be computed (a string past 2^32 − 1 bytes).
    #[error("{field}: {error}")]
    Event {
        /// `events[i]`.
        field: String,
        /// The hashing error.
        error: VesError,
    },
    /// A commitment's tree cannot be built (more leaves than the platform holds).
    #[error(transparent)]
    Merkle(#[from] MerkleError),
}

impl AuditError {
    /// Stable machine-readable code: `WRONG_STREAM`, `DUPLICATE_SEQUENCE_NUMBER`,
    /// `INVALID_PUBLIC_KEY`, or the inner error's code.
    pub fn code(&self) -> &'static str {
        match self {
            AuditError::WrongStream { .. } => "WRONG_STREAM",
            AuditError::DuplicateSequenceNumber { .. } => "DUPLICATE_SEQUENCE_NUMBER",
            AuditError::InvalidAgentKey { .. } => "INVALID_PUBLIC_KEY",
            AuditError::Event { error, .. } => error.code(),
            AuditError::Merkle(error) => error.code(),
        }
    }

    /// The input at fault (`events[3]`, `agent_keys[0].ed25519`), when one is named.
    pub fn field(&self) -> Option<&str> {
        match self {
            AuditError::WrongStream { field }
            | AuditError::DuplicateSequenceNumber { field, .. }
            | AuditError::InvalidAgentKey { field }
            | AuditError::Event { field, .. } => Some(field),
            AuditError::Merkle(error) => error.field(),
        }
    }
}

/// What kind of problem a [`Finding`] is; [`FindingCode::as_str`] is the stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum FindingCode {
    /// Sequence numbers no commitment covers: between two consecutive commitments of one
    /// history, or before the first (streams start at 1).
    SequenceGap,
    /// A commitment starts at or before the previous one's end.
    SequenceOverlap,
    /// A commitment whose end is before its start, or whose event count is not its range's size.
    InvalidRange,
    /// The state-root chain breaks: a sequencer commitment's `prev_state_root` is not the
    /// previous `new_state_root` (genesis: zero), or an on-chain `newStateRoot` does not
    /// recompute from the previous log's.
    StateRootFork,
    /// A sequencer commitment's `new_state_root` does not recompute from its own fields.
    StateRootMismatch,
    /// The events root recomputed from the export is not the commitment's.
    EventsRootMismatch,
    /// The export lacks events of a commitment's range, so its root cannot be recomputed.
    EventsMissing,
    /// An event's kept payload does not hash to its `payload_plain_hash`.
    PayloadHashMismatch,
    /// An event's signatures do not verify with its pinned agent key.
    BadAgentSignature,
    /// Agent keys are pinned but none is for the event's agent and key id.
    AgentKeyUnknown,
    /// An on-chain commitment differs from the sequencer's record of the same batch id.
    OnchainMismatch,
    /// An on-chain commitment whose batch id the sequencer has no record of.
    NotInSequencer,
    /// A sequencer commitment that should be on-chain and is not: reported anchored, or covered
    /// by the chain's history (at or before its last sequence number).
    NotOnchain,
    /// The sequencer's recorded anchoring transaction is not the one whose log holds the batch.
    AnchorTxMismatch,
    /// The registry's head of the stream is not its last `BatchCommitted` log.
    HeadMismatch,
    /// A sequencer commitment of another stream was handed in.
    ForeignCommitment,
}

impl FindingCode {
    /// Every code, in the order of the list above.
    pub const ALL: [FindingCode; 16] = [
        FindingCode::SequenceGap,
        FindingCode::SequenceOverlap,
        FindingCode::InvalidRange,
        FindingCode::StateRootFork,
        FindingCode::StateRootMismatch,
        FindingCode::EventsRootMismatch,
        FindingCode::EventsMissing,
        FindingCode::PayloadHashMismatch,
        FindingCode::BadAgentSignature,
        FindingCode::AgentKeyUnknown,
        FindingCode::OnchainMismatch,
        FindingCode::NotInSequencer,
        FindingCode::NotOnchain,
        FindingCode::AnchorTxMismatch,
        FindingCode::HeadMismatch,
        FindingCode::ForeignCommitment,
    ];

    /// The stable code, e.g. `SEQUENCE_GAP`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FindingCode::SequenceGap => "SEQUENCE_GAP",
            FindingCode::SequenceOverlap => "SEQUENCE_OVERLAP",
            FindingCode::InvalidRange => "INVALID_RANGE",
            FindingCode::StateRootFork => "STATE_ROOT_FORK",
            FindingCode::StateRootMismatch => "STATE_ROOT_MISMATCH",
            FindingCode::EventsRootMismatch => "EVENTS_ROOT_MISMATCH",
            FindingCode::EventsMissing => "EVENTS_MISSING",
            FindingCode::PayloadHashMismatch => "PAYLOAD_HASH_MISMATCH",
            FindingCode::BadAgentSignature => "BAD_AGENT_SIGNATURE",
            FindingCode::AgentKeyUnknown => "AGENT_KEY_UNKNOWN",
            FindingCode::OnchainMismatch => "ONCHAIN_MISMATCH",
            FindingCode::NotInSequencer => "NOT_IN_SEQUENCER",
            FindingCode::NotOnchain => "NOT_ONCHAIN",
            FindingCode::AnchorTxMismatch => "ANCHOR_TX_MISMATCH",
            FindingCode::HeadMismatch => "HEAD_MISMATCH",
            FindingCode::ForeignCommitment => "FOREIGN_COMMITMENT",
        }
    }
}

impl core::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which record a [`Finding`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The registry's `BatchCommitted` logs.
    Onchain,
    /// The sequencer's commitments.
    Sequencer,
    /// The registry's head of the stream.
    Head,
    /// The events export.
    Events,
}

impl Source {
    /// `onchain`, `sequencer`, `head` or `events`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Onchain => "onchain",
            Source::Sequencer => "sequencer",
            Source::Head => "head",
            Source::Events => "events",
        }
    }
}

/// One problem found, with its evidence. Fields that do not apply are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of problem.
    pub code: FindingCode,
    /// Which record it is in.
    pub source: Source,
    /// The commitment at fault (bytes32 as on-chain: a UUID right-padded with zeros).
    pub batch_id: Option<B256>,
    /// The commitment before it in its history (gaps, overlaps, forks).
    pub previous_batch_id: Option<B256>,
    /// The commitment's first sequence number.
    pub sequence_start: Option<u64>,
    /// The commitment's last sequence number.
    pub sequence_end: Option<u64>,
    /// The event at fault, or the first sequence number missing.
    pub sequence_number: Option<u64>,
    /// The value that differs: `events_root`, `new_state_root`, `prev_state_root`,
    /// `sequence_start`, `event_count`, `latest_batch_id`, …
    pub field: Option<&'static str>,
    /// What the rule or the other record says it should be (`0x` hex for roots and hashes,
    /// decimal for numbers).
    pub expected: Option<String>,
    /// What the record holds.
    pub actual: Option<String>,
    /// The block of the log at fault.
    pub block_number: Option<u64>,
    /// The transaction of the log at fault.
    pub transaction_hash: Option<B256>,
    /// One sentence for people; not part of the contract.
    pub message: String,
}

impl Finding {
    fn new(code: FindingCode, source: Source, message: String) -> Self {
        Finding {
            code,
            source,
            batch_id: None,
            previous_batch_id: None,
            sequence_start: None,
            sequence_end: None,
            sequence_number: None,
            field: None,
            expected: None,
            actual: None,
            block_number: None,
            transaction_hash: None,
            message,
        }
    }

    fn batch(mut self, batch_id: B256, sequence_start: u64, sequence_end: u64) -> Self {
        self.batch_id = Some(batch_id);
        self.sequence_start = Some(sequence_start);
        self.sequence_end = Some(sequence_end);
        self
    }

    fn log(mut self, log: &BatchCommittedLog) -> Self {
        self.block_number = Some(log.block_number);
        self.transaction_hash = Some(log.transaction_hash);
        self
    }

    fn differs(mut self, field: &'static str, expected: impl ToString, actual: impl ToString) -> Self {
        self.field = Some(field);
        self.expected = Some(expected.to_string());
        self.actual = Some(actual.to_string());
        self
    }
}

/// Counts of what the audit saw and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// `BatchCommitted` logs of the stream.
    pub onchain_commitments: usize,
    /// Distinct sequencer commitments of the stream.
    pub sequencer_commitments: usize,
    /// Sequencer commitments not on-chain yet and past the chain's history (awaiting the anchor:
    /// not a finding).
    pub pending_commitments: usize,
    /// Events in the export (`None`: no export).
    pub events_in_export: Option<usize>,
    /// Events whose leaves entered a recomputed events root.
    pub events_checked: usize,
    /// Events past every commitment (sequenced, not committed yet: not a finding).
    pub events_uncommitted: usize,
    /// Events whose agent signatures were verified.
    pub agent_signatures_checked: usize,
    /// The registry's head sequence, when read.
    pub head_sequence: Option<u64>,
    /// The registry's latest state root, when read.
    pub head_state_root: Option<B256>,
}

/// The audit's answer: a summary and every finding, in the order the checks ran (sequencer
/// history, chain history, chain against sequencer, head, events). `ok` when there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    /// The stream's tenant.
    pub tenant_id: Uuid,
    /// The stream's store.
    pub store_id: Uuid,
    /// What was seen and checked.
    pub summary: Summary,
    /// Every problem found.
    pub findings: Vec<Finding>,
}

impl AuditReport {
    /// Whether the stream passed every check.
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }

    /// Whether a finding of `code` was made.
    pub fn has(&self, code: FindingCode) -> bool {
        self.findings.iter().any(|finding| finding.code == code)
    }
}

/// Audits one stream (see the module's documentation for the checks).
///
/// # Errors
/// [`AuditError`] for an export that is not of the stream or repeats a sequence number, a pinned
/// agent key that is not a curve point, or an event whose hashes cannot be computed.
pub fn audit_stream(input: &AuditInput<'_>) -> Result<AuditReport, AuditError> {
    let mut findings = Vec::new();
    let histories = history::check(input, &mut findings);
    let mut summary = Summary {
        onchain_commitments: input.onchain.len(),
        sequencer_commitments: histories.sequencer.len(),
        pending_commitments: histories.pending,
        head_sequence: input.head.map(|head| head.current_head_sequence),
        head_state_root: input.head.map(|head| head.current_state_root),
        ..Summary::default()
    };
    if let Some(events) = input.events {
        events::check(input, events, &histories, &mut summary, &mut findings)?;
    }
    Ok(AuditReport { tenant_id: input.tenant_id, store_id: input.store_id, summary, findings })
}
