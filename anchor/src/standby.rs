//! Standby: a second instance (`--standby`) watches the same sequencer and chain as the active
//! one and takes over when the active one stops anchoring. No lock service: the coordination
//! uses what both already read.
//!
//! - **Takeover rule** ([`Watch::observe`]): a commitment is *actionable* when the active
//!   instance has something to do for it right now — it is ready to be sent (not on-chain, its
//!   checks pass, not deferred), or it is on-chain with the sequencer's content and safe but
//!   still pending at the sequencer (not notified). A healthy active instance clears each
//!   actionable commitment within one interval plus one transaction; when one commitment has
//!   stayed actionable for `TAKEOVER_AFTER_SECS`, the standby becomes active. Takeover
//!   therefore happens at most `TAKEOVER_AFTER_SECS` + one standby interval after the active
//!   instance stops.
//! - **Fencing by nonce**: both instances run with the same `SEQUENCER_PRIVATE_KEY` and take
//!   their nonce from `latest` before every send. Two transactions of the two instances for the
//!   same commitments then share a nonce, and only one of them can be mined; the other is
//!   replaced, refused (`nonce too low`) or dropped. A transaction can only be wasted (mined and
//!   reverted with `BatchAlreadyCommitted`) when the other instance's transaction landed between
//!   its simulation and its inclusion — at most once per takeover, since the old active
//!   instance has stopped sending.
//! - **No way back**: a promoted standby stays active. An instance started without `--standby`
//!   never steps down, so an old active instance must be restarted with `--standby`.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;
use uuid::Uuid;

/// The role of this instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Sends and notifies.
    #[default]
    Active,
    /// Only watches; takes over after a stall.
    Standby,
}

impl Role {
    /// `active` / `standby`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Active => "active",
            Role::Standby => "standby",
        }
    }
}

/// The standby's view of the active instance's progress.
#[derive(Debug, Clone)]
pub struct Watch {
    takeover_after: Duration,
    actionable_since: HashMap<Uuid, Instant>,
}

impl Watch {
    /// A watch that takes over after `takeover_after` without progress.
    pub fn new(takeover_after: Duration) -> Self {
        Watch { takeover_after, actionable_since: HashMap::new() }
    }

    /// Records the commitments actionable at `now`; returns whether to take over.
    pub fn observe(&mut self, now: Instant, actionable: impl IntoIterator<Item = Uuid>) -> bool {
        let current: HashMap<Uuid, Instant> =
            actionable.into_iter().map(|id| (id, self.actionable_since.get(&id).copied().unwrap_or(now))).collect();
        self.actionable_since = current;
        self.stalled_for(now) >= self.takeover_after
    }

    /// How long the oldest actionable commitment has waited.
    pub fn stalled_for(&self, now: Instant) -> Duration {
        self.actionable_since.values().map(|since| now.saturating_duration_since(*since)).max().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_over_only_when_one_commitment_stays_actionable_for_the_whole_delay() {
        let start = Instant::now();
        let at = |secs: u64| start + Duration::from_secs(secs);
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut watch = Watch::new(Duration::from_secs(10));
        assert!(!watch.observe(at(0), [a]));
        // The active instance handles `a`; `b` appears: the clock starts again for `b`.
        assert!(!watch.observe(at(6), [b]));
        assert!(!watch.observe(at(12), [b]));
        assert_eq!(watch.stalled_for(at(12)), Duration::from_secs(6));
        assert!(watch.observe(at(16), [b, a]));
        // Nothing actionable: never a takeover, however long.
        let mut idle = Watch::new(Duration::from_secs(10));
        assert!(!idle.observe(at(0), []));
        assert!(!idle.observe(at(1_000), []));
    }
}
