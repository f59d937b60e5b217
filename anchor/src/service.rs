//! The anchor cycle. Stateless like op-proposer: each cycle re-derives what to do from the
//! sequencer's pending list and one view of the chain, so a crash or `kill -9` at any moment
//! loses nothing.
//!
//! One cycle:
//! 1. fetch one page of pending commitments;
//! 2. read the chain once: the `latest` block and the finality head ([`Finality`]), then, at
//!    `latest` by block hash, `getBatchCommitments` for every pending id and
//!    `getBatchLatestStateRoots` / `getBatchHeadSequences` for every stream — a constant number
//!    of calls, whatever the number of streams;
//! 3. classify each commitment: on-chain with other content → alert (`ONCHAIN_MISMATCH`), never
//!    notified; on-chain and under the finality head with its block still canonical → notify;
//!    on-chain above it → wait; known to have landed but gone from the chain → reorged, sent
//!    again; not on-chain → checked against the stream head and sent;
//! 4. a standby only watches ([`crate::standby`]); an active instance notifies and sends.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant, SystemTime};

use alloy::primitives::B256;
use set_core::anchoring::{
    check_onchain_matches, commit_args, group_by_stream, plan_stream, AnchorCheckError, StreamHead, StreamKey,
};
use set_core::ids::uuid_to_bytes32;
use set_core::registry::OnchainCommitment;
use set_core::sequencer::{AnchorNotification, AnchoredOutcome, PendingCommitment};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::backends::{sleep_or_shutdown, BlockRef, ChainRead, HeadTag, SequencerApi, Submit, SubmitFailure};
use crate::chain::{refused_index, Chain};
use crate::config::Settings;
use crate::error::ChainError;
use crate::finality::{Finality, Landing, Stage, Tracker};
use crate::health::HealthState;
use crate::recovery;
use crate::sequencer_client::{SequencerClient, SequencerClientError};
use crate::standby::{Role, Watch};
use crate::txmgr::{FeePolicy, SendConfig, SendError, SendFailure};

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
    /// Commitments on-chain that wait for the finality head before the sequencer is told.
    pub awaiting_finality: usize,
    /// The fee was over the cap: nothing was sent (not a failure).
    pub fee_cap_skip: bool,
}

/// The cycle's view of the chain, read at one block.
#[derive(Debug)]
struct View {
    latest: BlockRef,
    final_head: BlockRef,
    records: HashMap<Uuid, OnchainCommitment>,
    heads: HashMap<StreamKey, StreamHead>,
}

/// The daemon.
#[derive(Debug)]
pub struct Anchor<C = Chain, S = SequencerClient> {
    settings: Settings,
    chain: C,
    sequencer: S,
    health: HealthState,
    shutdown: CancellationToken,
    role: Role,
    watch: Watch,
    tracker: Tracker,
    first_seen: HashMap<Uuid, Instant>,
    reported: HashSet<(Uuid, &'static str)>,
    proofs: Option<capture::ProofCapture>,
}

impl<C: ChainRead + Submit + crate::backends::ProofRead, S: SequencerApi> Anchor<C, S> {
    /// Assembles the daemon from connected clients; a standby if `settings.raw.standby`.
    pub fn new(settings: Settings, chain: C, sequencer: S, health: HealthState) -> Self {
        let role = if settings.raw.standby { Role::Standby } else { Role::Active };
        health.lock().role = role;
        let watch = Watch::new(settings.takeover_after());
        Anchor {
            proofs: settings.raw.proof_dir.clone().map(capture::ProofCapture::new),
            settings,
            chain,
            sequencer,
            health,
            shutdown: CancellationToken::new(),
            role,
            watch,
            tracker: Tracker::default(),
            first_seen: HashMap::new(),
            reported: HashSet::new(),
        }
    }

    /// Ends back-off sleeps and the run loop when `token` is cancelled.
    pub fn with_shutdown(mut self, token: CancellationToken) -> Self {
        self.shutdown = token;
        self
    }

    /// Active or standby.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The stage of every commitment of the last pending list.
    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    fn send_config(&self) -> SendConfig {
        SendConfig {
            policy: FeePolicy {
                min_priority_fee: self.settings.raw.min_priority_fee_wei,
                max_fee_cap: self.settings.max_fee_wei,
                bump_percent: self.settings.raw.fee_bump_percent,
            },
            resubmit_after: Duration::from_secs(self.settings.raw.resubmit_after_secs),
            timeout: Duration::from_secs(self.settings.raw.tx_confirmation_timeout_secs),
            poll: Duration::from_millis(250),
        }
    }

    fn error(&self, category: &str, code: &str, message: String, severity: &'static str, retryable: bool) {
        tracing::warn!(category, code, "{message}");
        self.health.lock().record_error(category, code, message, severity, retryable);
    }

    /// Reports a refusal of `batch_id` once per (commitment, code).
    fn report_once(&mut self, err: &AnchorCheckError) {
        if self.reported.insert((err.batch_id(), err.code())) {
            tracing::error!(code = err.code(), batch_id = %err.batch_id(), "commitment refused: {err}");
            let message = match err {
                AnchorCheckError::OnchainMismatch { .. } => format!("ALERT {err}; not notified"),
                _ => err.to_string(),
            };
            self.health.lock().record_error("transaction", err.code(), message, "Critical", false);
        }
    }

    fn publish_stages(&self) {
        let mut stats = self.health.lock();
        stats.stage_counts = self.tracker.counts();
        stats.transitions = self.tracker.transitions;
        stats.commitments = self.tracker.snapshot();
        stats.role = self.role;
        stats.rpc_calls_total = self.chain.rpc_calls();
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
                    if attempt < attempts && sleep_or_shutdown(delay.min(Duration::from_secs(30)), &self.shutdown).await
                    {
                        break;
                    }
                    delay = delay.saturating_mul(2);
                }
            }
        }
        Err(last.unwrap_or(SequencerClientError::Transport("no attempt made".into())))
    }

    async fn read_view(
        &self,
        groups: &std::collections::BTreeMap<StreamKey, Vec<PendingCommitment>>,
    ) -> Result<View, ChainError> {
        let latest = self.chain.head(HeadTag::Latest).await?;
        let mut final_head = match self.settings.finality {
            Finality::Unsafe { confirmations } => {
                let number = Finality::unsafe_head(confirmations, latest.number);
                if number == latest.number {
                    latest
                } else {
                    self.chain.block_at(number).await?.ok_or(ChainError::BlockGone(latest.hash))?
                }
            }
            finality => self.chain.head(finality.tag().unwrap_or(HeadTag::Safe)).await?,
        };
        if final_head.number > latest.number {
            // Read after `latest`, the finality head may have passed it: nothing above
            // `latest` is in this cycle's view.
            final_head = latest;
        }
        let commitments: Vec<&PendingCommitment> = groups.values().flatten().collect();
        let ids: Vec<B256> = commitments.iter().map(|c| uuid_to_bytes32(&c.batch_id)).collect();
        let found = self.chain.commitments_at(&ids, &latest).await?;
        let records = commitments.iter().map(|c| c.batch_id).zip(found).collect();
        let keys: Vec<StreamKey> = groups.keys().copied().collect();
        let streams: Vec<(B256, B256)> =
            keys.iter().map(|k| (uuid_to_bytes32(&k.tenant_id), uuid_to_bytes32(&k.store_id))).collect();
        let heads = self.chain.heads_at(&streams, &latest).await?;
        Ok(View { latest, final_head, records, heads: keys.into_iter().zip(heads).collect() })
    }

    /// Runs one cycle.
    pub async fn cycle(&mut self) -> CycleOutcome {
        let calls_before = self.chain.rpc_calls();
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
        self.tracker.sync(live.iter().copied());
        {
            let mut stats = self.health.lock();
            stats.last_sequencer_ok = Some(now);
            stats.pending_count = pending.len() as u64;
            stats.anchor_lag_seconds =
                self.first_seen.values().map(|t| now.saturating_duration_since(*t).as_secs_f64()).fold(0.0, f64::max);
        }

        let groups = group_by_stream(&pending);
        let view = match self.read_view(&groups).await {
            Ok(view) => view,
            Err(err) => return self.chain_failure(outcome, &err),
        };
        outcome.chain_ok = true;
        {
            let mut stats = self.health.lock();
            stats.last_l2_ok = Some(Instant::now());
            stats.latest_block = view.latest.number;
            stats.final_block = view.final_head.number;
        }

        // What is on-chain: mismatches, reorgs, landings and which are final.
        let mut actionable: Vec<Uuid> = Vec::new();
        let mut to_notify: Vec<(Uuid, Landing)> = Vec::new();
        let mut canonical: HashMap<u64, Option<B256>> = HashMap::new();
        // Landed in a block this view does not reach yet (a node behind another): not resent.
        let mut ahead_of_view: HashSet<Uuid> = HashSet::new();
        for c in groups.values().flatten() {
            let id = c.batch_id;
            let record = view.records.get(&id).copied().unwrap_or_default();
            if !record.exists() {
                match self.tracker.get(&id).and_then(|t| t.landing) {
                    Some(landing) if view.latest.number >= landing.block_number => {
                        tracing::warn!(batch_id = %id, tx = %landing.tx_hash, block = landing.block_number, "REORGED: the commitment's block left the chain; sending it again");
                        self.tracker.reorged(id);
                    }
                    Some(_) => {
                        ahead_of_view.insert(id);
                        outcome.awaiting_finality += 1;
                    }
                    None => {}
                }
                continue;
            }
            if let Err(err) = check_onchain_matches(c, &record) {
                self.tracker.set(id, Stage::Mismatch);
                self.report_once(&err);
                continue;
            }
            if record.timestamp > view.final_head.timestamp {
                // Landed after the finality head: wait (no need to know the transaction yet).
                if self.tracker.get(&id).is_some_and(|t| t.stage < Stage::Landed) {
                    self.tracker.set(id, Stage::Landed);
                }
                outcome.awaiting_finality += 1;
                continue;
            }
            if self.role == Role::Standby {
                // Final by its timestamp and still pending: the active instance should notify it.
                actionable.push(id);
                continue;
            }
            let known = self.tracker.get(&id).and_then(|t| t.landing);
            let landing = match known {
                Some(landing) => landing,
                None => match self.recover(c, &record, &view.latest).await {
                    Some(landing) => landing,
                    None => {
                        outcome.failed = true;
                        continue;
                    }
                },
            };
            if landing.block_number > view.final_head.number {
                self.tracker.landed(id, landing);
                outcome.awaiting_finality += 1;
                continue;
            }
            let hash = match canonical.get(&landing.block_number) {
                Some(hash) => *hash,
                None => match self.chain.block_at(landing.block_number).await {
                    Ok(block) => {
                        let hash = block.map(|b| b.hash);
                        canonical.insert(landing.block_number, hash);
                        hash
                    }
                    Err(err) => return self.chain_failure(outcome, &err),
                },
            };
            if hash != Some(landing.block_hash) {
                // Our memory of the landing is stale (reorged, then committed again elsewhere).
                self.tracker.forget_landing(&id);
                outcome.awaiting_finality += 1;
                continue;
            }
            self.tracker.landed(id, landing);
            self.tracker.set(id, Stage::Safe);
            to_notify.push((id, landing));
        }

        // What to send: per stream, checked against the head read at the same block.
        let mut to_send: Vec<PendingCommitment> = Vec::new();
        let mut blocked = 0u64;
        let cycle_cap = match self.settings.raw.max_commitments_per_cycle {
            0 => usize::MAX,
            n => n as usize,
        };
        for (key, group) in &groups {
            let head = view.heads.get(key).copied().unwrap_or_default();
            if group.iter().any(|c| ahead_of_view.contains(&c.batch_id)) {
                // The head read here does not include it yet: the checks would raise a false alert.
                continue;
            }
            let plan = plan_stream(&head, group, |id| view.records.get(id).is_some_and(|r| r.exists()));
            if genesis_not_final(group, &view) {
                // The registry accepts any batch as a stream's first: if the block of the
                // stream's first commitment were reorged out while a later transaction of ours
                // survived, that later commitment would become the stream's first and the first
                // could never follow. So nothing else of a new stream is sent before its first
                // commitment is final (first commitments of new streams only).
                continue;
            }
            if let Some(err) = plan.blocked {
                blocked += 1;
                tracing::debug!(
                    block = view.latest.number,
                    hash = %view.latest.hash,
                    head_root = %head.state_root,
                    head_sequence = head.head_sequence,
                    group = ?group.iter().map(|c| (c.batch_id, c.sequence_start, view.records.get(&c.batch_id).map(|r| r.timestamp))).collect::<Vec<_>>(),
                    "stream blocked"
                );
                self.report_once(&err);
            }
            let events: u64 = plan.ready.iter().map(|c| u64::from(c.event_count)).sum();
            let oldest = plan.ready.iter().filter_map(|c| self.first_seen.get(&c.batch_id)).min().copied();
            let waited =
                oldest.is_some_and(|t| now.saturating_duration_since(t).as_secs() >= self.settings.raw.max_defer_secs);
            if !plan.ready.is_empty() && events < u64::from(self.settings.raw.min_events_for_anchor) && !waited {
                tracing::debug!(tenant = %key.tenant_id, store = %key.store_id, events, "stream deferred by MIN_EVENTS_FOR_ANCHOR");
                continue;
            }
            let mut ready = plan.ready;
            if ready.first().is_some_and(|c| c.prev_state_root == B256::ZERO) && ready.len() > 1 {
                // The stream's first commitment goes alone: were the rest sent in this cycle,
                // they would ride a later nonce, and a reorg or a lost publish of the first could
                // let a later one land as the stream's first (see `genesis_not_final`).
                ready.truncate(1);
            }
            for c in ready {
                if to_send.len() < cycle_cap {
                    to_send.push(c);
                } else {
                    outcome.more = true;
                }
            }
        }
        self.health.lock().blocked_streams = blocked;

        if self.role == Role::Standby {
            actionable.extend(to_send.iter().map(|c| c.batch_id));
            let takeover = self.watch.observe(tokio::time::Instant::now(), actionable);
            self.health.lock().standby_stalled_secs = self.watch.stalled_for(tokio::time::Instant::now()).as_secs();
            if takeover {
                tracing::warn!(
                    after_secs = self.settings.raw.takeover_after_secs,
                    "TAKEOVER: a commitment stayed actionable too long; this standby is now the active instance"
                );
                self.role = Role::Active;
                self.health.lock().takeovers += 1;
                outcome.more = true;
            }
            self.finish_cycle(calls_before);
            return outcome;
        }

        self.capture_proofs(&pending, &to_notify, &view.final_head).await;
        if !to_notify.is_empty() && !self.notify(&to_notify).await {
            outcome.failed = true;
        }
        self.publish_stages();
        self.send_all(to_send, &mut outcome).await;
        self.finish_cycle(calls_before);
        outcome
    }

    fn finish_cycle(&self, calls_before: u64) {
        self.publish_stages();
        self.health.lock().last_cycle_rpc_calls = self.chain.rpc_calls().saturating_sub(calls_before);
    }

    /// The landing of a batch on-chain whose transaction this process does not know.
    async fn recover(
        &mut self,
        c: &PendingCommitment,
        record: &OnchainCommitment,
        latest: &BlockRef,
    ) -> Option<Landing> {
        match recovery::find_commit(&self.chain, uuid_to_bytes32(&c.batch_id), record.timestamp, latest).await {
            Ok(Some(log)) => Some(Landing {
                tx_hash: log.tx_hash,
                block_number: log.block_number,
                block_hash: log.block_hash,
                gas_used: None,
            }),
            Ok(None) => {
                self.error(
                    "l2_connection",
                    "COMMIT_TX_NOT_FOUND",
                    format!("batch {} is on-chain but no BatchCommitted log carries its timestamp", c.batch_id),
                    "Warning",
                    true,
                );
                None
            }
            Err(err) => {
                self.error("l2_connection", "LOG_SCAN_FAILED", err.to_string(), "Transient", true);
                None
            }
        }
    }

    async fn send_all(&mut self, to_send: Vec<PendingCommitment>, outcome: &mut CycleOutcome) {
        let per_tx = self.settings.raw.max_commitments_per_tx.max(1);
        let mut queue = to_send;
        // Bounded: each round either sends a chunk or removes at least one commitment.
        let mut rounds = queue.len() * 2 + 2;
        while !queue.is_empty() && rounds > 0 && !self.shutdown.is_cancelled() {
            rounds -= 1;
            let take = queue.len().min(per_tx);
            let chunk: Vec<PendingCommitment> = queue.drain(..take).collect();
            match self.submit(&chunk).await {
                Ok(()) => {
                    // New commitments may have arrived while this one was mined: look again at once.
                    outcome.more = true;
                    outcome.awaiting_finality += chunk.len();
                }
                Err(Submitted::Refused { index }) => {
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
                Err(Submitted::FeeCap) => {
                    outcome.fee_cap_skip = true;
                    outcome.more = false;
                    return;
                }
                Err(Submitted::Failed) => {
                    outcome.failed = true;
                    outcome.more = false;
                    return;
                }
            }
        }
        outcome.more |= !queue.is_empty();
    }

    fn chain_failure(&self, mut outcome: CycleOutcome, err: &ChainError) -> CycleOutcome {
        self.health.lock().l2_connection_failures += 1;
        self.error("l2_connection", "L2_CONNECTION_ERROR", err.to_string(), "Transient", true);
        outcome.failed = true;
        outcome
    }

    async fn submit(&mut self, chunk: &[PendingCommitment]) -> Result<(), Submitted> {
        let args: Vec<_> = chunk.iter().map(commit_args).collect();
        let data = Chain::calldata(&args);
        for c in chunk {
            self.tracker.set(c.batch_id, Stage::Sent);
        }
        self.publish_stages();
        let started = Instant::now();
        let result = self.chain.submit(data, self.send_config()).await;
        if result.is_err() {
            for c in chunk {
                self.tracker.set(c.batch_id, Stage::Pending);
            }
        }
        match result {
            Ok(landed) => {
                let elapsed = started.elapsed().as_millis() as u64;
                let mined = landed.mined;
                {
                    let mut stats = self.health.lock();
                    stats.total_anchored += chunk.len() as u64;
                    stats.total_events_anchored += chunk.iter().map(|c| u64::from(c.event_count)).sum::<u64>();
                    stats.transactions_sent += landed.broadcasts;
                    stats.fee_bumps += landed.bumps;
                    stats.gas_used_total += mined.gas_used;
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
                    tx = %mined.tx_hash,
                    block = mined.block_number,
                    gas = mined.gas_used,
                    commitments = chunk.len(),
                    "anchored (landed; notified once final)"
                );
                let per = mined.gas_used / chunk.len() as u64;
                for c in chunk {
                    let landing = Landing {
                        tx_hash: mined.tx_hash,
                        block_number: mined.block_number,
                        block_hash: mined.block_hash,
                        gas_used: Some(per),
                    };
                    self.tracker.landed(c.batch_id, landing);
                }
                Ok(())
            }
            Err(SubmitFailure::Refused { decoded, reason }) => {
                let index = refused_index(decoded.as_deref(), chunk.len());
                self.error(
                    "transaction",
                    "COMMIT_REVERTED",
                    format!("commitment {} refused by the registry: {reason}", chunk[index].batch_id),
                    "Critical",
                    false,
                );
                Err(Submitted::Refused { index })
            }
            Err(SubmitFailure::Estimate(err)) => {
                self.health.lock().l2_connection_failures += 1;
                self.error("l2_connection", "ESTIMATE_FAILED", err.to_string(), "Transient", true);
                Err(Submitted::Failed)
            }
            Err(SubmitFailure::Send(SendFailure::FeeCap { fee_wei, cap_wei })) => {
                self.health.lock().gas_price_skips += 1;
                tracing::warn!(fee_wei, cap_wei, "fee above MAX_GAS_PRICE_GWEI: nothing sent this cycle");
                Err(Submitted::FeeCap)
            }
            Err(SubmitFailure::Send(err)) => {
                {
                    let mut stats = self.health.lock();
                    stats.total_failed += chunk.len() as u64;
                    if let SendFailure::Send(SendError::Reverted(mined)) = &err {
                        stats.reverted_transactions += 1;
                        stats.gas_used_total += mined.gas_used;
                    }
                }
                self.error("transaction", "SUBMISSION_FAILED", err.to_string(), "Transient", true);
                Err(Submitted::Failed)
            }
        }
    }

    /// Notifies the sequencer of final commitments, up to [`NOTIFY_CONCURRENCY`] requests at a
    /// time. Returns whether all succeeded.
    async fn notify(&mut self, work: &[(Uuid, Landing)]) -> bool {
        let mut all_ok = true;
        let attempts = self.settings.raw.max_retries.max(1);
        for wave in work.chunks(NOTIFY_CONCURRENCY) {
            let mut set = tokio::task::JoinSet::new();
            for (batch_id, landing) in wave {
                let note = AnchorNotification {
                    chain_tx_hash: landing.tx_hash,
                    chain_id: self.chain.chain_id(),
                    block_number: Some(landing.block_number),
                    gas_used: landing.gas_used,
                };
                let client = self.sequencer.clone();
                let shutdown = self.shutdown.clone();
                let (batch_id, tx_hash) = (*batch_id, landing.tx_hash);
                set.spawn(async move {
                    let result = send_notification(&client, &batch_id, &note, attempts, &shutdown).await;
                    (batch_id, tx_hash, result)
                });
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
        self.health.lock().sequencer_api_failures += result.failed_attempts;
        match result.outcome {
            Some(outcome) if outcome.is_success() => {
                self.health.lock().total_notified += 1;
                self.tracker.set(batch_id, Stage::Notified);
                tracing::info!(batch_id = %batch_id, tx = %tx_hash, outcome = outcome.code(), "sequencer notified");
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
                // Still pending at the sequencer: the next cycle (or process) notifies again.
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

    /// Runs cycles until the shutdown token is cancelled (checked between cycles and during
    /// sleeps) or `max_cycles` is reached.
    pub async fn run(&mut self) {
        let interval = self.settings.interval();
        let mut cycles = 0u64;
        let mut half_open_successes = 0u64;
        loop {
            if self.shutdown.is_cancelled() {
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
            let breaker_open = consecutive >= self.settings.raw.circuit_breaker_failure_threshold;
            let pause = if breaker_open {
                let mut stats = self.health.lock();
                stats.circuit_breaker_state = 2;
                stats.circuit_breaker_open_skips += 1;
                Duration::from_secs(self.settings.raw.circuit_breaker_reset_timeout_secs)
            } else if outcome.more && !outcome.failed {
                Duration::from_millis(100)
            } else if outcome.awaiting_finality > 0 && self.role == Role::Active {
                self.settings.finality_poll()
            } else {
                interval
            };
            if sleep_or_shutdown(pause, &self.shutdown).await {
                return;
            }
            if breaker_open {
                self.health.lock().circuit_breaker_state = 1;
            }
        }
    }
}

/// Whether the stream's first commitment (previous root zero) is on-chain but not yet final.
fn genesis_not_final(group: &[PendingCommitment], view: &View) -> bool {
    group.first().is_some_and(|first| {
        first.prev_state_root == B256::ZERO
            && view.records.get(&first.batch_id).is_some_and(|r| r.exists() && r.timestamp > view.final_head.timestamp)
    })
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

/// Sends one notification, retrying 429/5xx/transport failures with exponential back-off
/// (the back-off ends at shutdown).
async fn send_notification<S: SequencerApi>(
    client: &S,
    batch_id: &Uuid,
    note: &AnchorNotification,
    attempts: u32,
    shutdown: &CancellationToken,
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
            if sleep_or_shutdown(delay, shutdown).await {
                break;
            }
            delay = delay.saturating_mul(2);
        }
    }
    result
}

#[derive(Debug)]
enum Submitted {
    /// The registry refuses the commitment at `index` of the chunk.
    Refused { index: usize },
    /// The fee is over the cap: stop sending this cycle, not a failure.
    FeeCap,
    /// Anything else; the cycle stops.
    Failed,
}

mod capture;
#[cfg(test)]
mod tests;
