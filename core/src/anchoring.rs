//! Pure decisions of the anchor daemon: which pending commitments may be sent on-chain.
//!
//! The anchor reads the pending commitments of the sequencer ([`PendingCommitment`]) and the
//! head of each stream on-chain (`getLatestStateRoot`, `getHeadSequence`), then, per stream and
//! in sequence order, checks every commitment **before spending gas**:
//!
//! 1. its `new_state_root` recomputes from (stream, prev root, events root, range, count) with
//!    [`crate::ves::state_root`];
//! 2. its range is well formed (`event_count == end - start + 1`, `start <= end`);
//! 3. its `prev_state_root` and `sequence_start` continue the stream's head — the on-chain head,
//!    or the previous commitment accepted in the same pass.
//!
//! The first commitment that fails blocks its stream (later ones cannot chain either); other
//! streams are unaffected. Commitments already on-chain are not checked against the head (the
//! head already includes them) and only need the sequencer to be notified.
//!
//! Nothing here does I/O: the caller passes the on-chain heads and which batches exist.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use uuid::Uuid;

use crate::encoding::B256;
use crate::ids::{stream_id, uuid_to_bytes32};
use crate::registry::{CommitBatchArgs, OnchainCommitment};
use crate::sequencer::PendingCommitment;
use crate::ves::state_root;

/// Why a pending commitment must not be sent on-chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnchorCheckError {
    /// `new_state_root` is not what the VES rule gives for the commitment's own fields.
    #[error("commitment {batch_id}: new_state_root {provided} does not recompute (expected {recomputed})")]
    StateRootMismatch {
        /// The commitment.
        batch_id: Uuid,
        /// The root the sequencer sent.
        provided: B256,
        /// The root recomputed with `set-core`.
        recomputed: B256,
    },
    /// `event_count` does not match the range, or the range is reversed or empty.
    #[error("commitment {batch_id}: range {sequence_start}..={sequence_end} does not hold {event_count} events")]
    InvalidRange {
        /// The commitment.
        batch_id: Uuid,
        /// First sequence number.
        sequence_start: u64,
        /// Last sequence number.
        sequence_end: u64,
        /// Declared event count.
        event_count: u32,
    },
    /// `prev_state_root` is not the stream's current head root.
    #[error("commitment {batch_id}: prev_state_root {provided} does not continue the stream head {expected}")]
    BrokenChain {
        /// The commitment.
        batch_id: Uuid,
        /// The head's state root (on-chain, or of the previous accepted commitment).
        expected: B256,
        /// The commitment's `prev_state_root`.
        provided: B256,
    },
    /// `sequence_start` is not the head sequence + 1.
    #[error("commitment {batch_id}: sequence_start {provided} does not follow head sequence (expected {expected})")]
    SequenceGap {
        /// The commitment.
        batch_id: Uuid,
        /// Head sequence + 1.
        expected: u64,
        /// The commitment's `sequence_start`.
        provided: u64,
    },
    /// The batch is already on-chain, but with other content than the pending commitment of
    /// the same id: the anchor must alert, never tell the sequencer it landed.
    #[error("commitment {batch_id}: on-chain {field} differs from the sequencer's")]
    OnchainMismatch {
        /// The commitment.
        batch_id: Uuid,
        /// The first field that differs: `events_root`, `new_state_root`, `sequence_start`,
        /// `sequence_end` or `event_count`.
        field: &'static str,
        /// The record read from the chain (boxed: it would triple the size of every check's
        /// `Result`).
        onchain: Box<OnchainCommitment>,
    },
}

impl AnchorCheckError {
    /// Stable machine-readable code: `STATE_ROOT_MISMATCH`, `INVALID_RANGE`, `BROKEN_CHAIN`,
    /// `SEQUENCE_GAP`, `ONCHAIN_MISMATCH`.
    pub fn code(&self) -> &'static str {
        match self {
            AnchorCheckError::StateRootMismatch { .. } => "STATE_ROOT_MISMATCH",
            AnchorCheckError::InvalidRange { .. } => "INVALID_RANGE",
            AnchorCheckError::BrokenChain { .. } => "BROKEN_CHAIN",
            AnchorCheckError::SequenceGap { .. } => "SEQUENCE_GAP",
            AnchorCheckError::OnchainMismatch { .. } => "ONCHAIN_MISMATCH",
        }
    }

    /// The commitment the error is about.
    pub fn batch_id(&self) -> Uuid {
        match self {
            AnchorCheckError::StateRootMismatch { batch_id, .. }
            | AnchorCheckError::InvalidRange { batch_id, .. }
            | AnchorCheckError::BrokenChain { batch_id, .. }
            | AnchorCheckError::SequenceGap { batch_id, .. }
            | AnchorCheckError::OnchainMismatch { batch_id, .. } => *batch_id,
        }
    }
}

/// A stream: (tenant, store).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StreamKey {
    /// Tenant.
    pub tenant_id: Uuid,
    /// Store.
    pub store_id: Uuid,
}

/// Where a stream stands: its latest state root and last sequence number.
///
/// On-chain this is `getLatestStateRoot` / `getHeadSequence`; a stream with no commit has
/// [`StreamHead::GENESIS`] (zero root, sequence 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StreamHead {
    /// State root after the last commitment (zero before the first).
    pub state_root: B256,
    /// Last sequence number covered (0 before the first).
    pub head_sequence: u64,
}

impl StreamHead {
    /// The head of a stream with no commitment yet.
    pub const GENESIS: StreamHead = StreamHead { state_root: B256::ZERO, head_sequence: 0 };

    /// Whether nothing has been committed for the stream.
    pub fn is_genesis(&self) -> bool {
        *self == StreamHead::GENESIS
    }
}

/// The state root the VES rule gives for the commitment's own fields.
pub fn recompute_state_root(commitment: &PendingCommitment) -> B256 {
    let stream = stream_id(&commitment.tenant_id, &commitment.store_id);
    state_root(
        &stream,
        &commitment.prev_state_root,
        &commitment.events_root,
        commitment.sequence_start,
        commitment.sequence_end,
        commitment.event_count,
    )
}

/// Checks that `commitment` is internally consistent (range, recomputed state root).
///
/// # Errors
/// [`AnchorCheckError::InvalidRange`], [`AnchorCheckError::StateRootMismatch`].
pub fn check_self_consistent(commitment: &PendingCommitment) -> Result<(), AnchorCheckError> {
    let span = commitment.sequence_end.checked_sub(commitment.sequence_start).and_then(|d| d.checked_add(1));
    if commitment.event_count == 0 || span != Some(u64::from(commitment.event_count)) {
        return Err(AnchorCheckError::InvalidRange {
            batch_id: commitment.batch_id,
            sequence_start: commitment.sequence_start,
            sequence_end: commitment.sequence_end,
            event_count: commitment.event_count,
        });
    }
    let recomputed = recompute_state_root(commitment);
    if recomputed != commitment.new_state_root {
        return Err(AnchorCheckError::StateRootMismatch {
            batch_id: commitment.batch_id,
            provided: commitment.new_state_root,
            recomputed,
        });
    }
    Ok(())
}

/// Checks `commitment` against the stream `head` and returns the head after it.
///
/// A genesis head (no commit on-chain) accepts a zero `prev_state_root` with any
/// `sequence_start >= 1` — the contract's first-batch freedom; otherwise the commitment must
/// continue the head exactly.
///
/// # Errors
/// As [`check_self_consistent`], then [`AnchorCheckError::BrokenChain`] or
/// [`AnchorCheckError::SequenceGap`].
pub fn check_continues(head: &StreamHead, commitment: &PendingCommitment) -> Result<StreamHead, AnchorCheckError> {
    check_self_consistent(commitment)?;
    if commitment.prev_state_root != head.state_root {
        return Err(AnchorCheckError::BrokenChain {
            batch_id: commitment.batch_id,
            expected: head.state_root,
            provided: commitment.prev_state_root,
        });
    }
    let expected_start = head.head_sequence.saturating_add(1);
    let start_ok =
        if head.is_genesis() { commitment.sequence_start >= 1 } else { commitment.sequence_start == expected_start };
    if !start_ok {
        return Err(AnchorCheckError::SequenceGap {
            batch_id: commitment.batch_id,
            expected: expected_start,
            provided: commitment.sequence_start,
        });
    }
    Ok(StreamHead { state_root: commitment.new_state_root, head_sequence: commitment.sequence_end })
}

/// Checks that a batch read from the chain holds what the pending commitment of the same id
/// holds: events root, new state root (which commits to the stream and the previous root),
/// range and count. The anchor notifies the sequencer only after this check passes.
///
/// # Errors
/// [`AnchorCheckError::OnchainMismatch`] naming the first field that differs.
pub fn check_onchain_matches(
    commitment: &PendingCommitment,
    onchain: &OnchainCommitment,
) -> Result<(), AnchorCheckError> {
    let field = if onchain.events_root != commitment.events_root {
        "events_root"
    } else if onchain.new_state_root != commitment.new_state_root {
        "new_state_root"
    } else if onchain.sequence_start != commitment.sequence_start {
        "sequence_start"
    } else if onchain.sequence_end != commitment.sequence_end {
        "sequence_end"
    } else if onchain.event_count != commitment.event_count {
        "event_count"
    } else {
        return Ok(());
    };
    Err(AnchorCheckError::OnchainMismatch { batch_id: commitment.batch_id, field, onchain: Box::new(*onchain) })
}

/// The `commitBatch` / `commitBatches` arguments of a pending commitment (UUIDs left-aligned).
pub fn commit_args(commitment: &PendingCommitment) -> CommitBatchArgs {
    CommitBatchArgs {
        batch_id: uuid_to_bytes32(&commitment.batch_id),
        tenant_id: uuid_to_bytes32(&commitment.tenant_id),
        store_id: uuid_to_bytes32(&commitment.store_id),
        events_root: commitment.events_root,
        prev_state_root: commitment.prev_state_root,
        new_state_root: commitment.new_state_root,
        sequence_start: commitment.sequence_start,
        sequence_end: commitment.sequence_end,
        event_count: commitment.event_count,
    }
}

/// Groups commitments per stream, each group sorted by `sequence_start` (ties by `batch_id`).
///
/// Duplicates (same `batch_id`, as pages may overlap) are kept once.
pub fn group_by_stream(commitments: &[PendingCommitment]) -> BTreeMap<StreamKey, Vec<PendingCommitment>> {
    let mut groups: BTreeMap<StreamKey, Vec<PendingCommitment>> = BTreeMap::new();
    for commitment in commitments {
        let key = StreamKey { tenant_id: commitment.tenant_id, store_id: commitment.store_id };
        let group = groups.entry(key).or_default();
        if !group.iter().any(|c| c.batch_id == commitment.batch_id) {
            group.push(commitment.clone());
        }
    }
    for group in groups.values_mut() {
        group.sort_by_key(|a| (a.sequence_start, a.batch_id));
    }
    groups
}

/// What to do with one stream's pending commitments this cycle.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StreamPlan {
    /// Already on-chain: only the sequencer must be told.
    pub notify_only: Vec<PendingCommitment>,
    /// Checked and chained: to be sent, in this order.
    pub ready: Vec<PendingCommitment>,
    /// The first commitment that failed its check; it and everything after it wait.
    pub blocked: Option<AnchorCheckError>,
    /// The head after the last ready commitment.
    pub head_after: StreamHead,
}

/// Plans one stream: `sorted` as from [`group_by_stream`], `head` as read on-chain, and
/// `on_chain(batch_id)` telling whether `batchExists` is true for a commitment.
pub fn plan_stream(
    head: &StreamHead,
    sorted: &[PendingCommitment],
    mut on_chain: impl FnMut(&Uuid) -> bool,
) -> StreamPlan {
    let mut plan = StreamPlan { head_after: *head, ..StreamPlan::default() };
    for commitment in sorted {
        if on_chain(&commitment.batch_id) {
            plan.notify_only.push(commitment.clone());
            continue;
        }
        if plan.blocked.is_some() {
            continue;
        }
        match check_continues(&plan.head_after, commitment) {
            Ok(next) => {
                plan.head_after = next;
                plan.ready.push(commitment.clone());
            }
            Err(err) => plan.blocked = Some(err),
        }
    }
    plan
}

#[cfg(any(test, feature = "fixtures"))]
pub mod fixture;

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(tenant: u128, store: u128, lengths: &[u32]) -> Vec<PendingCommitment> {
        super::fixture::pending_chain(tenant, store, lengths).unwrap()
    }

    #[test]
    fn accepts_a_chained_stream_from_genesis() {
        let commitments = chain(1, 2, &[3, 5, 1]);
        let plan = plan_stream(&StreamHead::GENESIS, &commitments, |_| false);
        assert_eq!(plan.ready.len(), 3);
        assert!(plan.blocked.is_none());
        assert_eq!(plan.head_after.head_sequence, 9);
        assert_eq!(plan.head_after.state_root, commitments[2].new_state_root);
    }

    #[test]
    fn already_on_chain_commitments_are_notify_only_and_the_rest_continue_the_chain_head() {
        let commitments = chain(1, 2, &[3, 5, 1]);
        let head = StreamHead { state_root: commitments[0].new_state_root, head_sequence: 3 };
        let first = commitments[0].batch_id;
        let plan = plan_stream(&head, &commitments, |id| *id == first);
        assert_eq!(plan.notify_only.len(), 1);
        assert_eq!(plan.ready.len(), 2);
    }

    #[test]
    fn a_tampered_root_blocks_its_stream_from_that_commitment_on() {
        let mut commitments = chain(1, 2, &[3, 5, 1]);
        commitments[1].new_state_root = B256::repeat_byte(9);
        let plan = plan_stream(&StreamHead::GENESIS, &commitments, |_| false);
        assert_eq!(plan.ready.len(), 1);
        let err = plan.blocked.unwrap();
        assert_eq!((err.code(), err.batch_id()), ("STATE_ROOT_MISMATCH", commitments[1].batch_id));
    }

    #[test]
    fn rejects_a_gap_a_broken_chain_and_a_bad_count() {
        let commitments = chain(1, 2, &[3, 5]);
        let head = StreamHead { state_root: commitments[0].new_state_root, head_sequence: 2 };
        assert_eq!(check_continues(&head, &commitments[1]).unwrap_err().code(), "SEQUENCE_GAP");
        let head = StreamHead { state_root: B256::repeat_byte(1), head_sequence: 3 };
        assert_eq!(check_continues(&head, &commitments[1]).unwrap_err().code(), "BROKEN_CHAIN");
        let mut bad = commitments[0].clone();
        bad.event_count = 4;
        assert_eq!(check_self_consistent(&bad).unwrap_err().code(), "INVALID_RANGE");
    }

    #[test]
    fn an_onchain_record_must_hold_the_pending_commitments_roots_range_and_count() {
        let commitments = chain(1, 2, &[3]);
        let c = &commitments[0];
        let record = OnchainCommitment {
            events_root: c.events_root,
            new_state_root: c.new_state_root,
            sequence_start: c.sequence_start,
            sequence_end: c.sequence_end,
            event_count: c.event_count,
            timestamp: 1_700_000_000,
        };
        assert_eq!(check_onchain_matches(c, &record), Ok(()));
        let cases: [(&str, OnchainCommitment); 5] = [
            ("events_root", OnchainCommitment { events_root: B256::repeat_byte(7), ..record }),
            ("new_state_root", OnchainCommitment { new_state_root: B256::repeat_byte(7), ..record }),
            ("sequence_start", OnchainCommitment { sequence_start: 2, ..record }),
            ("sequence_end", OnchainCommitment { sequence_end: 4, ..record }),
            ("event_count", OnchainCommitment { event_count: 2, ..record }),
        ];
        for (field, onchain) in cases {
            let err = check_onchain_matches(c, &onchain).unwrap_err();
            assert_eq!(
                err,
                AnchorCheckError::OnchainMismatch { batch_id: c.batch_id, field, onchain: Box::new(onchain) }
            );
            assert_eq!((err.code(), err.batch_id()), ("ONCHAIN_MISMATCH", c.batch_id));
        }
    }

    #[test]
    fn groups_per_stream_in_sequence_order_without_duplicates() {
        let mut all = chain(1, 2, &[2, 2]);
        all.extend(chain(3, 4, &[1]));
        all.reverse();
        all.push(all[0].clone());
        let groups = group_by_stream(&all);
        assert_eq!(groups.len(), 2);
        let first = &groups[&StreamKey { tenant_id: Uuid::from_u128(1), store_id: Uuid::from_u128(2) }];
        assert_eq!(first.iter().map(|c| c.sequence_start).collect::<Vec<_>>(), [1, 3]);
        let args = commit_args(&first[0]);
        assert_eq!(args.batch_id, uuid_to_bytes32(&first[0].batch_id));
    }
}
