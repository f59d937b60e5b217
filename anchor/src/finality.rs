//! The finality model: which head a commitment must be under before the sequencer is told, and
//! the stage of every commitment the process tracks (`/stats`, `/metrics`).
//!
//! A commitment goes `pending → sent → landed → safe → notified`. It is *landed* when a receipt
//! of its transaction is known (block number and hash); *safe* when that block is at or below
//! the finality head ([`Finality`]) and its hash is still the canonical one at that height. Only
//! then is the sequencer notified. A landed commitment that disappears from the chain (its
//! block reorged out) goes back to pending and is sent again.

use std::collections::HashMap;

use alloy::primitives::B256;
use uuid::Uuid;

use crate::backends::HeadTag;

/// Which head a landing block must be at or below before the sequencer is notified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finality {
    /// The node's `safe` head (an OP Stack L2 block derived from L1 data).
    Safe,
    /// The node's `finalized` head (derived from finalized L1 data).
    Finalized,
    /// `latest` with this many blocks including the landing block: a reorg of the unsafe chain
    /// can still remove a notified commitment.
    Unsafe {
        /// Blocks including the landing block (≥ 1).
        confirmations: u64,
    },
}

impl Finality {
    /// The head tag to read, or `None` for [`Finality::Unsafe`] (derived from `latest`).
    pub fn tag(self) -> Option<HeadTag> {
        match self {
            Finality::Safe => Some(HeadTag::Safe),
            Finality::Finalized => Some(HeadTag::Finalized),
            Finality::Unsafe { .. } => None,
        }
    }

    /// The number of the finality head when the latest block is `latest` (unsafe mode only).
    pub fn unsafe_head(confirmations: u64, latest: u64) -> u64 {
        latest.saturating_sub(confirmations.saturating_sub(1))
    }

    /// A name for logs and `/health`.
    pub fn describe(self) -> String {
        match self {
            Finality::Safe => "safe".into(),
            Finality::Finalized => "finalized".into(),
            Finality::Unsafe { confirmations } => format!("unsafe+{confirmations}"),
        }
    }

    /// The warning printed at start and shown by `/health` for unsafe mode.
    pub fn warning(self) -> Option<String> {
        match self {
            Finality::Unsafe { confirmations } => Some(format!(
                "FINALITY=unsafe: commitments are notified {confirmations} block(s) after landing on the unsafe head; \
                 a reorg of the unsafe chain after that loses the notification's transaction (use safe or finalized in production)"
            )),
            _ => None,
        }
    }
}

/// Where a commitment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Waiting to be sent.
    Pending,
    /// In a transaction not mined yet.
    Sent,
    /// Mined, not yet under the finality head.
    Landed,
    /// Under the finality head and canonical; the notification is due.
    Safe,
    /// The sequencer accepted the notification (kept until it leaves the pending list).
    Notified,
    /// On-chain with other roots, range or count than the sequencer's: never notified.
    Mismatch,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 6] =
        [Stage::Pending, Stage::Sent, Stage::Landed, Stage::Safe, Stage::Notified, Stage::Mismatch];

    /// The label used in `/stats` and `/metrics`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Pending => "pending",
            Stage::Sent => "sent",
            Stage::Landed => "landed",
            Stage::Safe => "safe",
            Stage::Notified => "notified",
            Stage::Mismatch => "mismatch",
        }
    }
}

/// Where a commitment's transaction landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Landing {
    /// The transaction.
    pub tx_hash: B256,
    /// Its block number.
    pub block_number: u64,
    /// Its block hash.
    pub block_hash: B256,
    /// Gas used per commitment of the transaction (unknown when recovered from a log).
    pub gas_used: Option<u64>,
}

/// One tracked commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tracked {
    /// Its stage.
    pub stage: Stage,
    /// Its landing, once known.
    pub landing: Option<Landing>,
}

/// Transitions counted since start (`set_anchor_commitment_transitions_total{stage}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Transitions {
    /// Into `sent`.
    pub sent: u64,
    /// Into `landed`.
    pub landed: u64,
    /// Into `safe`.
    pub safe: u64,
    /// Into `notified`.
    pub notified: u64,
    /// Landed commitments whose block was reorged out (back to `pending`).
    pub reorged: u64,
    /// Found on-chain with other content.
    pub mismatch: u64,
}

/// The stages of the commitments of the current pending list.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    entries: HashMap<Uuid, Tracked>,
    /// Counted transitions.
    pub transitions: Transitions,
}

impl Tracker {
    /// Forgets commitments no longer pending at the sequencer; adds new ones as `pending`.
    pub fn sync(&mut self, pending: impl IntoIterator<Item = Uuid>) {
        let live: std::collections::HashSet<Uuid> = pending.into_iter().collect();
        self.entries.retain(|id, _| live.contains(id));
        for id in live {
            self.entries.entry(id).or_insert(Tracked { stage: Stage::Pending, landing: None });
        }
    }

    /// The entry of `id`.
    pub fn get(&self, id: &Uuid) -> Option<Tracked> {
        self.entries.get(id).copied()
    }

    /// Moves `id` to `stage`, counting the transition if the stage changes.
    pub fn set(&mut self, id: Uuid, stage: Stage) {
        let entry = self.entries.entry(id).or_insert(Tracked { stage: Stage::Pending, landing: None });
        if entry.stage == stage {
            return;
        }
        entry.stage = stage;
        let t = &mut self.transitions;
        match stage {
            Stage::Sent => t.sent += 1,
            Stage::Landed => t.landed += 1,
            Stage::Safe => t.safe += 1,
            Stage::Notified => t.notified += 1,
            Stage::Mismatch => t.mismatch += 1,
            Stage::Pending => {}
        }
    }

    /// Records where `id` landed (stage `landed`).
    pub fn landed(&mut self, id: Uuid, landing: Landing) {
        self.set(id, Stage::Landed);
        if let Some(entry) = self.entries.get_mut(&id) {
            entry.landing = Some(landing);
        }
    }

    /// A landed commitment is no longer on-chain: back to `pending`, counted as reorged.
    pub fn reorged(&mut self, id: Uuid) {
        if let Some(entry) = self.entries.get_mut(&id) {
            entry.landing = None;
            entry.stage = Stage::Pending;
            self.transitions.reorged += 1;
        }
    }

    /// Forgets a landing that is not canonical any more (the batch is on-chain elsewhere).
    pub fn forget_landing(&mut self, id: &Uuid) {
        if let Some(entry) = self.entries.get_mut(id) {
            entry.landing = None;
        }
    }

    /// How many tracked commitments are in each stage, in [`Stage::ALL`] order.
    pub fn counts(&self) -> [u64; 6] {
        let mut counts = [0u64; 6];
        for entry in self.entries.values() {
            if let Some(i) = Stage::ALL.iter().position(|s| *s == entry.stage) {
                counts[i] += 1;
            }
        }
        counts
    }

    /// Every tracked commitment, sorted by id (for `/stats`).
    pub fn snapshot(&self) -> Vec<(Uuid, Tracked)> {
        let mut all: Vec<(Uuid, Tracked)> = self.entries.iter().map(|(id, t)| (*id, *t)).collect();
        all.sort_by_key(|(id, _)| *id);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_head_counts_the_landing_block() {
        assert_eq!(Finality::unsafe_head(1, 100), 100);
        assert_eq!(Finality::unsafe_head(3, 100), 98);
        assert_eq!(Finality::unsafe_head(300, 100), 0);
        assert!(Finality::Unsafe { confirmations: 2 }.warning().is_some());
        assert!(Finality::Safe.warning().is_none());
        assert_eq!(Finality::Finalized.tag(), Some(HeadTag::Finalized));
    }

    #[test]
    fn stages_and_transitions_follow_the_commitment() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut tracker = Tracker::default();
        tracker.sync([a, b]);
        tracker.set(a, Stage::Sent);
        let landing =
            Landing { tx_hash: B256::repeat_byte(1), block_number: 7, block_hash: B256::ZERO, gas_used: None };
        tracker.landed(a, landing);
        assert_eq!(tracker.counts(), [1, 0, 1, 0, 0, 0]);
        tracker.reorged(a);
        assert_eq!(tracker.get(&a), Some(Tracked { stage: Stage::Pending, landing: None }));
        tracker.landed(a, landing);
        tracker.set(a, Stage::Safe);
        tracker.set(a, Stage::Safe);
        tracker.set(a, Stage::Notified);
        let t = tracker.transitions;
        assert_eq!((t.sent, t.landed, t.safe, t.notified, t.reorged), (1, 2, 1, 1, 1));
        // Leaving the pending list forgets it.
        tracker.sync([b]);
        assert_eq!(tracker.get(&a), None);
        assert_eq!(tracker.snapshot().len(), 1);
    }
}
