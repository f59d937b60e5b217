//! Health server: `/health`, `/ready`, `/metrics` (Prometheus text, [`crate::metrics`]),
//! `/stats`, `/errors`, and `/proofs/{batch_id}` (the captured anchor proofs, [`crate::proofs`]).
//!
//! State lives in [`Stats`] behind a mutex, updated by the cycle; readiness is the pure function
//! [`is_ready`]. Nothing here ever holds a secret.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use uuid::Uuid;

use crate::finality::{Stage, Tracked, Transitions};
use crate::metrics::{render_metrics, CONTENT_TYPE};
use crate::proofs::{parse_batch_id, ProofStore};
use crate::standby::Role;
use crate::timefmt::rfc3339;

/// One reported error (`/errors`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ErrorRecord {
    /// RFC 3339 time.
    pub timestamp: String,
    /// Stable code, e.g. `STATE_ROOT_MISMATCH`.
    pub error_code: String,
    /// One-line message (no secrets).
    pub message: String,
    /// `Transient`, `Warning`, `Critical` or `Fatal`.
    pub severity: &'static str,
    /// Whether a later cycle may succeed without an operator.
    pub is_retryable: bool,
}

/// Error categories of the existing anchor's `set_anchor_errors_total{category}`.
pub const CATEGORIES: [&str; 6] =
    ["config", "l2_connection", "sequencer_api", "transaction", "authorization", "internal"];

/// Counters and last contacts of the daemon.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    /// Commitments committed on-chain by this process.
    pub total_anchored: u64,
    /// Commitments whose submission failed.
    pub total_failed: u64,
    /// Events in anchored commitments.
    pub total_events_anchored: u64,
    /// Notifications the sequencer accepted.
    pub total_notified: u64,
    /// Cycles run.
    pub total_cycles: u64,
    /// Cycles that reached chain and sequencer without a failure.
    pub successful_cycles: u64,
    /// Other cycles.
    pub failed_cycles: u64,
    /// Consecutive failed cycles.
    pub consecutive_failures: u64,
    /// Cycles skipped because the base fee exceeded the cap.
    pub gas_price_skips: u64,
    /// Cycles skipped while the breaker was open.
    pub circuit_breaker_open_skips: u64,
    /// L2 RPC failures.
    pub l2_connection_failures: u64,
    /// Sequencer API failures.
    pub sequencer_api_failures: u64,
    /// Transactions broadcast (including replacements).
    pub transactions_sent: u64,
    /// Fee bumps (replacements).
    pub fee_bumps: u64,
    /// Gas used by confirmed anchor transactions.
    pub gas_used_total: u64,
    /// Transactions that were mined but reverted.
    pub reverted_transactions: u64,
    /// Pending commitments seen in the last cycle.
    pub pending_count: u64,
    /// Streams blocked by a failed check in the last cycle.
    pub blocked_streams: u64,
    /// 409 answers (already anchored with a different hash).
    pub notify_conflicts: u64,
    /// Seconds between the oldest pending commitment being first seen and now, last cycle.
    pub anchor_lag_seconds: f64,
    /// EMA of transaction time (send → confirmed), ms.
    pub avg_anchor_time_ms: u64,
    /// Last anchored commitment.
    pub last_batch_id: Option<String>,
    /// When the last commitment was anchored.
    pub last_anchor_time: Option<SystemTime>,
    /// Last successful L2 contact.
    pub last_l2_ok: Option<Instant>,
    /// Last successful sequencer contact.
    pub last_sequencer_ok: Option<Instant>,
    /// When the service started.
    pub service_started: Option<SystemTime>,
    /// 0 closed, 1 half-open, 2 open.
    pub circuit_breaker_state: u8,
    /// Error counts per category ([`CATEGORIES`] order).
    pub error_counts: [u64; 6],
    /// Last 100 errors.
    pub recent_errors: VecDeque<ErrorRecord>,
    /// Tracked commitments per stage, in [`Stage::ALL`] order.
    pub stage_counts: [u64; 6],
    /// Stage transitions since start.
    pub transitions: Transitions,
    /// Every tracked commitment (the last pending list) with its stage.
    pub commitments: Vec<(Uuid, Tracked)>,
    /// Active or standby.
    pub role: Role,
    /// Times this standby took over.
    pub takeovers: u64,
    /// Standby: how long the oldest actionable commitment has waited, seconds.
    pub standby_stalled_secs: u64,
    /// JSON-RPC calls made.
    pub rpc_calls_total: u64,
    /// JSON-RPC calls of the last cycle.
    pub last_cycle_rpc_calls: u64,
    /// `latest` block number of the last cycle.
    pub latest_block: u64,
    /// Finality head number of the last cycle.
    pub final_block: u64,
    /// The finality setting (`safe`, `finalized`, `unsafe+N`).
    pub finality: String,
    /// Warnings shown by `/health` (unsafe finality, an unreachable RPC at start).
    pub warnings: Vec<String>,
    /// Anchor proofs written to the proof directory.
    pub proofs_captured: u64,
    /// Failed proof captures (each retried on a later cycle, up to a bound).
    pub proof_capture_failures: u64,
    /// Proofs waiting to be captured (final commitments whose capture has not succeeded yet).
    pub proof_capture_backlog: u64,
}

impl Stats {
    /// Records an error under `category` (one of [`CATEGORIES`]).
    pub fn record_error(
        &mut self,
        category: &str,
        code: &str,
        message: String,
        severity: &'static str,
        retryable: bool,
    ) {
        if let Some(index) = CATEGORIES.iter().position(|c| *c == category) {
            self.error_counts[index] += 1;
        }
        if self.recent_errors.len() >= 100 {
            self.recent_errors.pop_front();
        }
        self.recent_errors.push_back(ErrorRecord {
            timestamp: rfc3339(SystemTime::now()),
            error_code: code.to_owned(),
            message,
            severity,
            is_retryable: retryable,
        });
    }
}

/// Shared handle on the daemon's state.
#[derive(Debug, Clone)]
pub struct HealthState {
    stats: Arc<Mutex<Stats>>,
    started: Instant,
    interval: Duration,
    proofs: Option<ProofStore>,
}

impl HealthState {
    /// Seconds since the state was created.
    pub fn uptime_secs(&self) -> u64 {
        self.started.elapsed().as_secs()
    }

    /// The readiness window of this daemon's interval.
    pub fn window(&self) -> Duration {
        readiness_window(self.interval)
    }
}

impl HealthState {
    /// New state for a daemon cycling every `interval`.
    pub fn new(interval: Duration) -> Self {
        let stats = Stats { service_started: Some(SystemTime::now()), ..Stats::default() };
        HealthState { stats: Arc::new(Mutex::new(stats)), started: Instant::now(), interval, proofs: None }
    }

    /// Serves the anchor proofs of `store` on `/proofs/{batch_id}`.
    pub fn with_proofs(mut self, store: ProofStore) -> Self {
        self.proofs = Some(store);
        self
    }

    /// Locks the stats (a poisoned lock is recovered: counters stay usable).
    pub fn lock(&self) -> MutexGuard<'_, Stats> {
        self.stats.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Readiness and the age of the last chain and sequencer contacts, seconds.
    pub fn ready(&self) -> (bool, Option<u64>, Option<u64>) {
        let stats = self.lock();
        let now = Instant::now();
        let ago = |t: Option<Instant>| t.map(|t| now.saturating_duration_since(t).as_secs());
        (
            is_ready(now, stats.last_l2_ok, stats.last_sequencer_ok, self.interval),
            ago(stats.last_l2_ok),
            ago(stats.last_sequencer_ok),
        )
    }
}

/// Readiness window: three intervals plus 30 s, so one slow or failed cycle does not flap it.
pub fn readiness_window(interval: Duration) -> Duration {
    interval.saturating_mul(3) + Duration::from_secs(30)
}

/// Ready when the chain and the sequencer were both reached within [`readiness_window`].
pub fn is_ready(
    now: Instant,
    last_l2_ok: Option<Instant>,
    last_sequencer_ok: Option<Instant>,
    interval: Duration,
) -> bool {
    let window = readiness_window(interval);
    let fresh = |t: Option<Instant>| t.is_some_and(|t| now.saturating_duration_since(t) <= window);
    fresh(last_l2_ok) && fresh(last_sequencer_ok)
}

/// The router of the health server.
pub fn router(state: HealthState) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
        .route("/stats", get(stats))
        .route("/errors", get(errors))
        .route("/proofs/{batch_id}", get(proof))
        .with_state(state)
}

/// `GET /proofs/{batch_id}`: 200 with the captured `anchor.proof` JSON, 404 when it is not
/// captured (or no proof directory is set), 400 for an id that is not a hyphenated UUID.
async fn proof(State(state): State<HealthState>, Path(batch_id): Path<String>) -> Response {
    let Some(id) = parse_batch_id(&batch_id) else {
        let body = json!({"error": "BAD_BATCH_ID", "message": "batch_id must be a hyphenated UUID"});
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    };
    let not_found = |message: &str| {
        (StatusCode::NOT_FOUND, Json(json!({"error": "PROOF_NOT_FOUND", "message": message}))).into_response()
    };
    let Some(store) = &state.proofs else {
        return not_found("this anchor captures no proofs (SET_ANCHOR_PROOF_DIR is unset)");
    };
    match store.read(&id).await {
        Ok(Some(bytes)) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Ok(None) => not_found("no proof captured for this batch id"),
        Err(err) => {
            tracing::warn!(batch_id = %id, "reading a proof failed: {err}");
            let body = json!({"error": "PROOF_READ_FAILED", "message": "the proof file cannot be read"});
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
    }
}

async fn health(State(state): State<HealthState>) -> Json<serde_json::Value> {
    let s = state.lock();
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "uptime_secs": state.started.elapsed().as_secs(),
        "role": s.role.as_str(),
        "finality": s.finality,
        "l2_connected": s.last_l2_ok.is_some(),
        "warnings": s.warnings,
    }))
}

async fn ready(State(state): State<HealthState>) -> Response {
    let (ready, l2_ago, seq_ago) = state.ready();
    let window = readiness_window(state.interval).as_secs();
    let body = Json(json!({
        "ready": ready,
        "l2_connected": l2_ago.is_some_and(|s| s <= window),
        "sequencer_connected": seq_ago.is_some_and(|s| s <= window),
        "last_l2_check_secs_ago": l2_ago,
        "last_sequencer_check_secs_ago": seq_ago,
    }));
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, body).into_response()
}

/// `ok / (ok + bad)`, 1 when both are 0.
pub fn rate(ok: u64, bad: u64) -> f64 {
    if ok + bad == 0 {
        1.0
    } else {
        ok as f64 / (ok + bad) as f64
    }
}

async fn stats(State(state): State<HealthState>) -> Json<serde_json::Value> {
    let (ready, _, _) = state.ready();
    let s = state.lock();
    let now = Instant::now();
    let since = |t: Option<Instant>| t.map(|t| rfc3339(SystemTime::now() - now.saturating_duration_since(t)));
    let breaker =
        ["closed", "half-open", "open"].get(usize::from(s.circuit_breaker_state)).copied().unwrap_or("closed");
    let mut body = json!({
        "total_anchored": s.total_anchored,
        "total_failed": s.total_failed,
        "total_events_anchored": s.total_events_anchored,
        "total_notified": s.total_notified,
        "success_rate": rate(s.total_anchored, s.total_failed),
        "successful_cycles": s.successful_cycles,
        "failed_cycles": s.failed_cycles,
        "cycle_success_rate": rate(s.successful_cycles, s.failed_cycles),
        "last_anchor_time": s.last_anchor_time.map(rfc3339),
        "last_batch_id": s.last_batch_id,
        "consecutive_failures": s.consecutive_failures,
        "l2_connection_failures": s.l2_connection_failures,
        "sequencer_api_failures": s.sequencer_api_failures,
        "gas_price_skips": s.gas_price_skips,
        "avg_anchor_time_ms": s.avg_anchor_time_ms,
        "last_l2_healthy": since(s.last_l2_ok),
        "last_sequencer_healthy": since(s.last_sequencer_ok),
        "total_cycles": s.total_cycles,
        "service_started": s.service_started.map(rfc3339),
        "uptime_secs": state.started.elapsed().as_secs(),
        "circuit_breaker_state": breaker,
        "circuit_breaker_open_skips": s.circuit_breaker_open_skips,
        "pending_count": s.pending_count,
        "blocked_streams": s.blocked_streams,
        "transactions_sent": s.transactions_sent,
        "fee_bumps": s.fee_bumps,
        "gas_used_total": s.gas_used_total,
        "reverted_transactions": s.reverted_transactions,
        "notify_conflicts": s.notify_conflicts,
        "anchor_lag_seconds": s.anchor_lag_seconds,
        "ready": ready,
    });
    // Added for the finality model and standby (a second object: json! has a recursion limit).
    let extra = json!({
        "role": s.role.as_str(),
        "takeovers": s.takeovers,
        "finality": s.finality,
        "latest_block": s.latest_block,
        "final_block": s.final_block,
        "rpc_calls_total": s.rpc_calls_total,
        "last_cycle_rpc_calls": s.last_cycle_rpc_calls,
        "proofs_captured": s.proofs_captured,
        "proof_capture_failures": s.proof_capture_failures,
        "proof_capture_backlog": s.proof_capture_backlog,
        "stages": stage_map(&s.stage_counts),
        "transitions": {
            "sent": s.transitions.sent,
            "landed": s.transitions.landed,
            "safe": s.transitions.safe,
            "notified": s.transitions.notified,
            "reorged": s.transitions.reorged,
            "mismatch": s.transitions.mismatch,
        },
        "commitments": s.commitments.iter().take(MAX_LISTED).map(|(id, t)| json!({
            "batch_id": id,
            "stage": t.stage.as_str(),
            "tx_hash": t.landing.map(|l| l.tx_hash.to_string()),
            "block_number": t.landing.map(|l| l.block_number),
        })).collect::<Vec<_>>(),
    });
    if let (Some(body), serde_json::Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    Json(body)
}

/// At most this many commitments are listed in `/stats` (the counts cover all).
pub const MAX_LISTED: usize = 500;

fn stage_map(counts: &[u64; 6]) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> =
        Stage::ALL.iter().zip(counts).map(|(stage, n)| (stage.as_str().to_owned(), json!(n))).collect();
    serde_json::Value::Object(map)
}

async fn errors(State(state): State<HealthState>) -> Json<serde_json::Value> {
    let s = state.lock();
    let last = s.recent_errors.back();
    let recent: Vec<&ErrorRecord> = s.recent_errors.iter().rev().take(20).collect();
    Json(json!({
        "counts": {
            "config_errors": s.error_counts[0],
            "l2_connection_errors": s.error_counts[1],
            "sequencer_api_errors": s.error_counts[2],
            "transaction_errors": s.error_counts[3],
            "authorization_errors": s.error_counts[4],
            "internal_errors": s.error_counts[5],
            "last_error_time": last.map(|e| e.timestamp.clone()),
            "last_error_message": last.map(|e| e.message.clone()),
            "last_error_code": last.map(|e| e.error_code.clone()),
        },
        "recent_errors": recent,
    }))
}

async fn metrics(State(state): State<HealthState>) -> Response {
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], render_metrics(&state)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_needs_both_contacts_within_a_window_scaled_by_the_interval() {
        // Every instant is built forward from `start`: an `Instant` cannot go back past the
        // monotonic clock's origin (the host's boot on Linux), so `now - 211 s` would not exist
        // on a host up for less than 211 s, and the stale case would silently not be tested.
        let start = Instant::now();
        let at = |secs: u64| start + Duration::from_secs(secs);
        let now = at(1_000);
        let interval = Duration::from_secs(60);
        assert_eq!(readiness_window(interval), Duration::from_secs(210));
        assert!(!is_ready(now, None, Some(now), interval));
        assert!(!is_ready(now, Some(now), None, interval));
        assert!(is_ready(now, Some(now), Some(now), interval));
        // A sequencer contact 90 s ago (> 60 s of the old rule) is still fresh with a 60 s interval.
        assert!(is_ready(now, Some(now), Some(at(1_000 - 90)), interval));
        // The window's edge: 210 s ago is fresh, 211 s ago is stale, for either contact.
        assert!(is_ready(now, Some(at(1_000 - 210)), Some(at(1_000 - 210)), interval));
        assert!(!is_ready(now, Some(now), Some(at(1_000 - 211)), interval));
        assert!(!is_ready(now, Some(at(1_000 - 211)), Some(now), interval));
        // A contact recorded after `now` (clock read before the contact landed) counts as fresh.
        assert!(is_ready(now, Some(at(1_001)), Some(now), interval));
    }
}
