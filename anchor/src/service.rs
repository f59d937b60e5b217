//! The anchor cycle. Stateless like op-proposer: each cycle re-derives what to do from the
//! sequencer's pending list and the chain (`batchExists`, stream heads), so a crash or `kill -9`
//! at any moment loses nothing — a commitment that landed but was not notified is found on-chain
//! next cycle and notified then.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant, SystemTime};

use alloy::primitives::B256;
use set_core::anchoring::{commit_args, group_by_stream, plan_stream, AnchorCheckError};
use set_core::ids::uuid_to_bytes32;
use set_core::registry::RegistryRevert;
use set_core::sequencer::{AnchorNotification, AnchoredOutcome, PendingCommitment};
use tokio::sync::watch;
use uuid::Uuid;

use crate::chain::{Chain, ChainError, FeePolicy};
use crate::config::Settings;
use crate::health::HealthState;
use crate::sequencer_client::{SequencerClient, SequencerClientError};

/// What one cycle achieved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CycleOutcome {
    /// The sequencer answered the pending request.
    pub sequencer_ok: bool,
    /// The chain answered.
    pub chain_ok: bool,
    /// Something failed (submission, notification, a read).
    pub failed: bool,
    /// More work is waiting right now (a full page, or commitments left for the next tx).
    pub more: bool,
}

/// Where a commitment landed.
#[derive(Debug, Clone, Copy)]
struct Landed {
    tx_hash: B256,
    block_number: u64,
    gas_used: Option<u64>,
}

/// The daemon.
#[derive(Debug)]
pub struct Anchor {
    settings: Settings,
    chain: Chain,
    sequencer: SequencerClient,
    health: HealthState,
    first_seen: HashMap<Uuid, Instant>,
    landed: HashMap<Uuid, Landed>,
    reported_blocked: HashSet<Uuid>,
}

impl Anchor {
    /// Assembles the daemon from connected clients.
    pub fn new(settings: Settings, chain: Chain, sequencer: SequencerClient, health: HealthState) -> Self {
        Anchor {
            settings,
            chain,
            sequencer,
            health,
            first_seen: HashMap::new(),
            landed: HashMap::new(),
            reported_blocked: HashSet::new(),
        }
    }

    fn policy(&self) -> FeePolicy {
        FeePolicy {
            min_priority_fee: self.settings.raw.min_priority_fee_wei,
            max_fee_cap: self.settings.max_fee_wei,
            bump_percent: self.settings.raw.fee_bump_percent,
        }
    }

    fn error(&self, category: &str, code: &str, message: String, severity: &'static str, retryable: bool) {
        tracing::warn!(category, code, "{message}");
        self.health.lock().record_error(category, code, message, severity, retryable);
    }

    async fn fetch_pending(&self) -> Result<Vec<PendingCommitment>, SequencerClientError> {
        let mut delay = Duration::from_secs(self.settings.raw.retry_delay_secs);
        let attempts = self.settings.raw.max_retries.max(1);
        let mut last = None;
        for attempt in 1..=attempts {
            match self.sequencer.pending_page(self.settings.raw.pending_page_limit).await {
                Ok(page) => return Ok(page),
                Err(err @ SequencerClientError::Unauthorized { .. }) => return Err(err),
                Err(err) => {
                    self.health.lock().sequencer_api_failures += 1;
                    tracing::debug!(attempt, error = %err, "pending request failed");
                    last = Some(err);
                    if attempt < attempts {
                        tokio::time::sleep(delay.min(Duration::from_secs(30))).await;
                        delay = delay.saturating_mul(2);
                    }
                }
            }
        }
        Err(last.unwrap_or(SequencerClientError::Transport("no attempt made".into())))
    }

    /// Runs one cycle.
    pub async fn cycle(&mut self) -> CycleOutcome {
        let mut outcome = CycleOutcome::default();
        let pending = match self.fetch_pending().await {
            Ok(page) => page,
            Err(err) => {
                let (category, code) = match err {
                    SequencerClientError::Unauthorized { .. } => ("authorization", "SEQUENCER_UNAUTHORIZED"),
                    _ => ("sequencer_api", "SEQUENCER_UNAVAILABLE"),
                };
                self.error(category, code, err.to_string(), "Transient", true);
                outcome.failed = true;
                return outcome;
            }
        };
        outcome.sequencer_ok = true;
        outcome.more = pending.len() as u64 >= u64::from(self.settings.raw.pending_page_limit);
        let now = Instant::now();
        let live: HashSet<Uuid> = pending.iter().map(|c| c.batch_id).collect();
        self.first_seen.retain(|id, _| live.contains(id));
        for c in &pending {
            self.first_seen.entry(c.batch_id).or_insert(now);
        }
        {
            let mut stats = self.health.lock();
            stats.last_sequencer_ok = Some(now);
            stats.pending_count = pending.len() as u64;
            stats.anchor_lag_seconds =
                self.first_seen.values().map(|t| now.saturating_duration_since(*t).as_secs_f64()).fold(0.0, f64::max);
        }

        let groups = group_by_stream(&pending);
        let ids: Vec<B256> = groups.values().flatten().map(|c| uuid_to_bytes32(&c.batch_id)).collect();
        let exists = match self.chain.batches_exist(&ids).await {
            Ok(exists) => exists,
            Err(err) => return self.chain_failure(outcome, &err),
        };
        outcome.chain_ok = true;
        self.health.lock().last_l2_ok = Some(Instant::now());
        let on_chain: HashSet<Uuid> =
            groups.values().flatten().zip(&exists).filter(|(_, e)| **e).map(|(c, _)| c.batch_id).collect();

        let mut to_send: Vec<PendingCommitment> = Vec::new();
        let mut notify_only: Vec<PendingCommitment> = Vec::new();
        let mut blocked = 0u64;
        let cycle_cap = match self.settings.raw.max_commitments_per_cycle {
            0 => usize::MAX,
            n => n as usize,
        };
        for (key, group) in &groups {
            let head =
                match self.chain.stream_head(uuid_to_bytes32(&key.tenant_id), uuid_to_bytes32(&key.store_id)).await {
                    Ok(head) => head,
                    Err(err) => return self.chain_failure(outcome, &err),
                };
            let plan = plan_stream(&head, group, |id| on_chain.contains(id));
            notify_only.extend(plan.notify_only);
            if let Some(err) = plan.blocked {
                blocked += 1;
                self.report_blocked(&err);
            }
            let events: u64 = plan.ready.iter().map(|c| u64::from(c.event_count)).sum();
            let oldest = plan.ready.iter().filter_map(|c| self.first_seen.get(&c.batch_id)).min().copied();
            let waited =
                oldest.is_some_and(|t| now.saturating_duration_since(t).as_secs() >= self.settings.raw.max_defer_secs);
            if !plan.ready.is_empty() && events < u64::from(self.settings.raw.min_events_for_anchor) && !waited {
                tracing::debug!(tenant = %key.tenant_id, store = %key.store_id, events, "stream deferred by MIN_EVENTS_FOR_ANCHOR");
                continue;
            }
            for c in plan.ready {
                if to_send.len() < cycle_cap {
                    to_send.push(c);
                } else {
                    outcome.more = true;
                }
            }
        }
        self.health.lock().blocked_streams = blocked;

        if !notify_only.is_empty() && !self.notify_landed(&notify_only).await {
            outcome.failed = true;
        }
        let per_tx = self.settings.raw.max_commitments_per_tx.max(1);
        let mut queue = to_send;
        // Bounded: each round either sends a chunk or removes at least one commitment.
        let mut rounds = queue.len() * 2 + 2;
        while !queue.is_empty() && rounds > 0 {
            rounds -= 1;
            let take = queue.len().min(per_tx);
            let chunk: Vec<PendingCommitment> = queue.drain(..take).collect();
            match self.submit(&chunk).await {
                // New commitments may have arrived while this one was mined: look again at once.
                Ok(()) => outcome.more = true,
                Err(SubmitError::Refused { index }) => {
                    // Drop the refused commitment and the rest of its stream; retry the others.
                    let bad = &chunk[index];
                    let stream = (bad.tenant_id, bad.store_id);
                    let rest: Vec<PendingCommitment> = chunk
                        .iter()
                        .enumerate()
                        .filter(|(i, c)| !((c.tenant_id, c.store_id) == stream && *i >= index))
                        .map(|(_, c)| c.clone())
                        .collect();
                    queue.retain(|c| (c.tenant_id, c.store_id) != stream);
                    let mut requeued = rest;
                    requeued.append(&mut queue);
                    queue = requeued;
                    outcome.failed = true;
                }
                Err(SubmitError::Failed) => {
                    outcome.failed = true;
                    outcome.more = false;
                    return outcome;
                }
            }
        }
        outcome.more |= !queue.is_empty();
        outcome
    }

    fn chain_failure(&self, mut outcome: CycleOutcome, err: &ChainError) -> CycleOutcome {
        self.health.lock().l2_connection_failures += 1;
        self.error("l2_connection", "L2_CONNECTION_ERROR", err.to_string(), "Transient", true);
        outcome.failed = true;
        outcome
    }

    fn report_blocked(&mut self, err: &AnchorCheckError) {
        if self.reported_blocked.insert(err.batch_id()) {
            tracing::error!(code = err.code(), batch_id = %err.batch_id(), "commitment refused: {err}");
            self.health.lock().record_error("transaction", err.code(), err.to_string(), "Critical", false);
        }
    }

    async fn submit(&mut self, chunk: &[PendingCommitment]) -> Result<(), SubmitError> {
        let args: Vec<_> = chunk.iter().map(commit_args).collect();
        let data = Chain::calldata(&args);
        let estimate = match self.chain.estimate(&data).await {
            Ok(gas) => gas,
            Err(ChainError::Revert { decoded, reason }) => {
                let index = match decoded.as_deref() {
                    Some(RegistryRevert::BatchCommitFailed { index, .. }) if chunk.len() > 1 => {
                        usize::try_from(*index).ok().filter(|i| *i < chunk.len()).unwrap_or(0)
                    }
                    _ => 0,
                };
                let bad = &chunk[index];
                self.error(
                    "transaction",
                    "COMMIT_REVERTED",
                    format!("commitment {} refused by the registry: {reason}", bad.batch_id),
                    "Critical",
                    false,
                );
                return Err(SubmitError::Refused { index });
            }
            Err(err) => {
                self.health.lock().l2_connection_failures += 1;
                self.error("l2_connection", "ESTIMATE_FAILED", err.to_string(), "Transient", true);
                return Err(SubmitError::Failed);
            }
        };
        let gas_limit = estimate.saturating_mul(6) / 5 + 30_000;
        let started = Instant::now();
        let policy = self.policy();
        let result = self
            .chain
            .send_and_confirm(
                data,
                gas_limit,
                &policy,
                Duration::from_secs(self.settings.raw.resubmit_after_secs),
                self.settings.raw.confirmations,
                Duration::from_secs(self.settings.raw.tx_confirmation_timeout_secs),
            )
            .await;
        match result {
            Ok(confirmed) => {
                let elapsed = started.elapsed().as_millis() as u64;
                {
                    let mut stats = self.health.lock();
                    stats.total_anchored += chunk.len() as u64;
                    stats.total_events_anchored += chunk.iter().map(|c| u64::from(c.event_count)).sum::<u64>();
                    stats.transactions_sent += confirmed.broadcasts;
                    stats.fee_bumps += confirmed.bumps;
                    stats.gas_used_total += confirmed.gas_used;
                    stats.last_anchor_time = Some(SystemTime::now());
                    stats.last_batch_id = chunk.last().map(|c| c.batch_id.to_string());
                    stats.avg_anchor_time_ms = if stats.avg_anchor_time_ms == 0 {
                        elapsed
                    } else {
                        (stats.avg_anchor_time_ms * 9 + elapsed) / 10
                    };
                    stats.last_l2_ok = Some(Instant::now());
                }
                tracing::info!(
                    tx = %confirmed.tx_hash,
                    block = confirmed.block_number,
                    gas = confirmed.gas_used,
                    commitments = chunk.len(),
                    "anchored"
                );
                let per = confirmed.gas_used / chunk.len() as u64;
                for c in chunk {
                    self.landed.insert(
                        c.batch_id,
                        Landed {
                            tx_hash: confirmed.tx_hash,
                            block_number: confirmed.block_number,
                            gas_used: Some(per),
                        },
                    );
                }
                self.notify_landed(chunk).await;
                Ok(())
            }
            Err(err) => {
                {
                    let mut stats = self.health.lock();
                    stats.total_failed += chunk.len() as u64;
                    if let ChainError::MinedReverted { gas_used, .. } = &err {
                        stats.reverted_transactions += 1;
                        stats.gas_used_total += gas_used;
                    }
                }
                self.error("transaction", "SUBMISSION_FAILED", err.to_string(), "Transient", true);
                Err(SubmitError::Failed)
            }
        }
    }

    /// Where `c` landed: from memory, else from a bounded log scan. Reports failures.
    async fn resolve_landed(&mut self, c: &PendingCommitment) -> Option<Landed> {
        if let Some(landed) = self.landed.get(&c.batch_id) {
            return Some(*landed);
        }
        match self.chain.find_commit_tx(uuid_to_bytes32(&c.batch_id), self.settings.raw.log_scan_blocks).await {
            Ok(Some((tx_hash, block_number))) => {
                let landed = Landed { tx_hash, block_number, gas_used: None };
                self.landed.insert(c.batch_id, landed);
                Some(landed)
            }
            Ok(None) => {
                self.error(
                    "l2_connection",
                    "COMMIT_TX_NOT_FOUND",
                    format!(
                        "batch {} is on-chain but its tx is not in the last {} blocks",
                        c.batch_id, self.settings.raw.log_scan_blocks
                    ),
                    "Warning",
                    false,
                );
                None
            }
            Err(err) => {
                self.error("l2_connection", "LOG_SCAN_FAILED", err.to_string(), "Transient", true);
                None
            }
        }
    }

    /// Notifies the sequencer of commitments known to be on-chain, up to [`NOTIFY_CONCURRENCY`]
    /// requests at a time. Returns whether all succeeded.
    async fn notify_landed(&mut self, commitments: &[PendingCommitment]) -> bool {
        let mut all_ok = true;
        let mut work = Vec::new();
        for c in commitments {
            match self.resolve_landed(c).await {
                Some(landed) => work.push((c.batch_id, landed)),
                None => all_ok = false,
            }
        }
        let attempts = self.settings.raw.max_retries.max(1);
        for wave in work.chunks(NOTIFY_CONCURRENCY) {
            let mut set = tokio::task::JoinSet::new();
            for (batch_id, landed) in wave {
                let note = AnchorNotification {
                    chain_tx_hash: landed.tx_hash,
                    chain_id: self.chain.chain_id(),
                    block_number: Some(landed.block_number),
                    gas_used: landed.gas_used,
                };
                let client = self.sequencer.clone();
                let (batch_id, tx_hash) = (*batch_id, landed.tx_hash);
                set.spawn(
                    async move { (batch_id, tx_hash, send_notification(&client, &batch_id, &note, attempts).await) },
                );
            }
            while let Some(joined) = set.join_next().await {
                let Ok((batch_id, tx_hash, result)) = joined else {
                    all_ok = false;
                    continue;
                };
                if !self.record_notification(batch_id, tx_hash, result) {
                    all_ok = false;
                }
            }
        }
        all_ok
    }

    /// Books the result of one notification. Returns success.
    fn record_notification(&mut self, batch_id: Uuid, tx_hash: B256, result: NotifyResult) -> bool {
        {
            let mut stats = self.health.lock();
            stats.sequencer_api_failures += result.failed_attempts;
        }
        match result.outcome {
            Some(outcome) if outcome.is_success() => {
                self.health.lock().total_notified += 1;
                self.landed.remove(&batch_id);
                tracing::info!(batch_id = %batch_id, outcome = outcome.code(), "sequencer notified");
                true
            }
            Some(AnchoredOutcome::Conflict { message }) => {
                self.health.lock().notify_conflicts += 1;
                self.error(
                    "sequencer_api",
                    "ANCHORED_CONFLICT",
                    format!("ALERT batch {batch_id}: {message} (ours {tx_hash})"),
                    "Critical",
                    false,
                );
                false
            }
            Some(AnchoredOutcome::Unauthorized { status, message, .. }) => {
                self.error(
                    "authorization",
                    "SEQUENCER_UNAUTHORIZED",
                    format!("{status}: {message}"),
                    "Critical",
                    false,
                );
                false
            }
            Some(outcome) if !outcome.is_retryable() => {
                self.error("sequencer_api", outcome.code(), format!("batch {batch_id}: {outcome:?}"), "Warning", false);
                false
            }
            _ => {
                // Kept in `landed`; the commitment stays pending at the sequencer, so the next
                // cycle (or the next process, through the log scan) notifies again.
                self.error(
                    "sequencer_api",
                    "NOTIFY_FAILED",
                    format!("batch {batch_id} not notified yet"),
                    "Transient",
                    true,
                );
                false
            }
        }
    }

    /// Runs cycles until `shutdown` turns true (checked between cycles and during sleeps) or
    /// `max_cycles` is reached.
    pub async fn run(&mut self, mut shutdown: watch::Receiver<bool>) {
        let interval = self.settings.interval();
        let mut cycles = 0u64;
        let mut half_open_successes = 0u64;
        loop {
            if *shutdown.borrow() {
                return;
            }
            let outcome = self.cycle().await;
            cycles += 1;
            let consecutive = {
                let mut stats = self.health.lock();
                stats.total_cycles += 1;
                if outcome.failed || !outcome.chain_ok && !outcome.sequencer_ok {
                    stats.failed_cycles += 1;
                    stats.consecutive_failures += 1;
                    half_open_successes = 0;
                } else {
                    stats.successful_cycles += 1;
                    stats.consecutive_failures = 0;
                    if stats.circuit_breaker_state != 0 {
                        half_open_successes += 1;
                        if half_open_successes >= self.settings.raw.circuit_breaker_half_open_success_threshold {
                            stats.circuit_breaker_state = 0;
                        }
                    }
                }
                stats.consecutive_failures
            };
            if self.settings.raw.max_cycles != 0 && cycles >= self.settings.raw.max_cycles {
                return;
            }
            let pause = if consecutive >= self.settings.raw.circuit_breaker_failure_threshold {
                let mut stats = self.health.lock();
                stats.circuit_breaker_state = 2;
                stats.circuit_breaker_open_skips += 1;
                Duration::from_secs(self.settings.raw.circuit_breaker_reset_timeout_secs)
            } else if outcome.more && !outcome.failed {
                Duration::from_millis(100)
            } else {
                interval
            };
            if tokio::time::timeout(pause, shutdown.changed()).await.is_ok() {
                return;
            }
            if consecutive >= self.settings.raw.circuit_breaker_failure_threshold {
                self.health.lock().circuit_breaker_state = 1;
            }
        }
    }
}

/// Notifications sent at the same time.
pub const NOTIFY_CONCURRENCY: usize = 8;

/// The result of one notification with its retries.
#[derive(Debug)]
struct NotifyResult {
    /// The last classified answer; `None` if no answer arrived.
    outcome: Option<AnchoredOutcome>,
    /// Attempts that failed (transport, 429, 5xx).
    failed_attempts: u64,
}

/// Sends one notification, retrying 429/5xx/transport failures with exponential back-off.
async fn send_notification(
    client: &SequencerClient,
    batch_id: &Uuid,
    note: &AnchorNotification,
    attempts: u32,
) -> NotifyResult {
    let mut delay = Duration::from_millis(500);
    let mut result = NotifyResult { outcome: None, failed_attempts: 0 };
    for attempt in 1..=attempts {
        match client.notify(batch_id, note).await {
            Ok(outcome) if outcome.is_success() || !outcome.is_retryable() => {
                result.outcome = Some(outcome);
                return result;
            }
            Ok(outcome) => {
                tracing::debug!(attempt, code = outcome.code(), "notification not accepted yet");
                result.outcome = Some(outcome);
            }
            Err(err) => tracing::debug!(attempt, error = %err, "notification failed"),
        }
        result.failed_attempts += 1;
        if attempt < attempts {
            tokio::time::sleep(delay).await;
            delay = delay.saturating_mul(2);
        }
    }
    result
}

#[derive(Debug)]
enum SubmitError {
    /// The registry refuses the commitment at `index` of the chunk.
    Refused { index: usize },
    /// Anything else; the cycle stops.
    Failed,
}
