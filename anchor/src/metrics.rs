//! `/metrics`: the daemon's [`Stats`] as Prometheus text (format 0.0.4), encoded by
//! `prometheus-client` from a [`Collector`] that reads one snapshot of the stats per scrape.
//!
//! The names of the existing anchor are kept, in its order. Counters are registered without
//! their `_total` suffix, which the encoder adds. `set_anchor_errors_total_sum` (the sum of
//! `set_anchor_errors_total` over its categories) keeps its name but is declared a gauge: a
//! counter's samples must end in `_total`, so the old exposition declared a counter whose sample
//! no parser attaches to it.

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{prometheus_text, DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;

use crate::finality::Stage;
use crate::health::{rate, HealthState, Stats, CATEGORIES};
use crate::standby::Role;

/// One scrape's values.
#[derive(Debug)]
struct Snapshot {
    stats: Stats,
    ready: bool,
    l2_connected: bool,
    sequencer_connected: bool,
    uptime_secs: u64,
}

fn counter(encoder: &mut DescriptorEncoder, name: &str, help: &str, value: u64) -> Result<(), std::fmt::Error> {
    let metric = ConstCounter::new(value);
    metric.encode(encoder.encode_descriptor(name, help, None, MetricType::Counter)?)
}

fn gauge(encoder: &mut DescriptorEncoder, name: &str, help: &str, value: u64) -> Result<(), std::fmt::Error> {
    let metric = ConstGauge::new(i64::try_from(value).unwrap_or(i64::MAX));
    metric.encode(encoder.encode_descriptor(name, help, None, MetricType::Gauge)?)
}

fn ratio(encoder: &mut DescriptorEncoder, name: &str, help: &str, value: f64) -> Result<(), std::fmt::Error> {
    let metric = ConstGauge::new(value);
    metric.encode(encoder.encode_descriptor(name, help, None, MetricType::Gauge)?)
}

fn labelled(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    kind: MetricType,
    label: &str,
    samples: &[(&str, u64)],
) -> Result<(), std::fmt::Error> {
    let mut family = encoder.encode_descriptor(name, help, None, kind)?;
    for (value, sample) in samples {
        let labels = [(label, *value)];
        let metric = family.encode_family(&labels)?;
        match kind {
            MetricType::Counter => ConstCounter::new(*sample).encode(metric)?,
            _ => ConstGauge::new(*sample as i64).encode(metric)?,
        }
    }
    Ok(())
}

fn flag(b: bool) -> u64 {
    u64::from(b)
}

impl Collector for Snapshot {
    fn encode(&self, mut e: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let s = &self.stats;
        let e = &mut e;
        // The existing anchor's metrics, in its order.
        labelled(
            e,
            "set_anchor_batches",
            "Commitments anchored or failed",
            MetricType::Counter,
            "status",
            &[("success", s.total_anchored), ("failed", s.total_failed)],
        )?;
        counter(e, "set_anchor_events", "Events in anchored commitments", s.total_events_anchored)?;
        counter(e, "set_anchor_gas_price_skips", "Sends skipped because the fee was over the cap", s.gas_price_skips)?;
        gauge(e, "set_anchor_consecutive_failures", "Consecutive failed cycles", s.consecutive_failures)?;
        gauge(e, "set_anchor_avg_anchor_time_ms", "EMA of send-to-landed time, ms", s.avg_anchor_time_ms)?;
        counter(e, "set_anchor_cycles", "Cycles run", s.total_cycles)?;
        labelled(
            e,
            "set_anchor_cycles_by_status",
            "Cycles by outcome",
            MetricType::Counter,
            "status",
            &[("success", s.successful_cycles), ("failed", s.failed_cycles)],
        )?;
        gauge(e, "set_anchor_l2_connected", "L2 reached within the readiness window", flag(self.l2_connected))?;
        gauge(
            e,
            "set_anchor_sequencer_connected",
            "Sequencer reached within the readiness window",
            flag(self.sequencer_connected),
        )?;
        counter(e, "set_anchor_l2_connection_failures", "L2 RPC failures", s.l2_connection_failures)?;
        counter(e, "set_anchor_sequencer_api_failures", "Sequencer API failures", s.sequencer_api_failures)?;
        ratio(e, "set_anchor_success_rate", "anchored/(anchored+failed)", rate(s.total_anchored, s.total_failed))?;
        ratio(
            e,
            "set_anchor_cycle_success_rate",
            "successful/total cycles",
            rate(s.successful_cycles, s.failed_cycles),
        )?;
        gauge(e, "set_anchor_uptime_seconds", "Seconds since start", self.uptime_secs)?;
        gauge(e, "set_anchor_ready", "Same rule as /ready", flag(self.ready))?;
        let errors: Vec<(&str, u64)> = CATEGORIES.iter().copied().zip(s.error_counts).collect();
        labelled(e, "set_anchor_errors", "Errors by category", MetricType::Counter, "category", &errors)?;
        gauge(
            e,
            "set_anchor_errors_total_sum",
            "All errors (sum of set_anchor_errors_total)",
            s.error_counts.iter().sum::<u64>(),
        )?;
        gauge(
            e,
            "set_anchor_circuit_breaker_state",
            "0 closed, 1 half-open, 2 open",
            u64::from(s.circuit_breaker_state),
        )?;
        counter(
            e,
            "set_anchor_circuit_breaker_open_skips",
            "Cycles skipped by the open breaker",
            s.circuit_breaker_open_skips,
        )?;
        // Added by this daemon.
        gauge(e, "set_anchor_pending_commitments", "Pending commitments seen last cycle", s.pending_count)?;
        ratio(e, "set_anchor_lag_seconds", "Age of the oldest pending commitment (first seen)", s.anchor_lag_seconds)?;
        counter(e, "set_anchor_fee_bumps", "Replacement transactions with bumped fees", s.fee_bumps)?;
        gauge(e, "set_anchor_blocked_streams", "Streams blocked by a failed check", s.blocked_streams)?;
        counter(e, "set_anchor_transactions_sent", "Transactions broadcast", s.transactions_sent)?;
        counter(e, "set_anchor_gas_used", "Gas used by landed and reverted anchor transactions", s.gas_used_total)?;
        counter(e, "set_anchor_notified", "Notifications accepted by the sequencer", s.total_notified)?;
        counter(e, "set_anchor_notify_conflicts", "409 answers (different tx hash)", s.notify_conflicts)?;
        let stages: Vec<(&str, u64)> = Stage::ALL.iter().map(|st| st.as_str()).zip(s.stage_counts).collect();
        labelled(
            e,
            "set_anchor_commitments",
            "Commitments of the last pending list by stage",
            MetricType::Gauge,
            "stage",
            &stages,
        )?;
        let t = s.transitions;
        labelled(
            e,
            "set_anchor_commitment_transitions",
            "Commitments entering a stage (reorged: landed, then gone from the chain)",
            MetricType::Counter,
            "stage",
            &[
                ("sent", t.sent),
                ("landed", t.landed),
                ("safe", t.safe),
                ("notified", t.notified),
                ("reorged", t.reorged),
                ("mismatch", t.mismatch),
            ],
        )?;
        gauge(e, "set_anchor_latest_block", "latest block of the last cycle", s.latest_block)?;
        gauge(e, "set_anchor_final_block", "Finality head of the last cycle", s.final_block)?;
        gauge(e, "set_anchor_role", "1 active, 0 standby", flag(s.role == Role::Active))?;
        counter(e, "set_anchor_takeovers", "Times this standby became active", s.takeovers)?;
        gauge(
            e,
            "set_anchor_standby_stalled_seconds",
            "Standby: age of the oldest actionable commitment",
            s.standby_stalled_secs,
        )?;
        counter(e, "set_anchor_rpc_calls", "JSON-RPC calls to the L2 node", s.rpc_calls_total)?;
        gauge(e, "set_anchor_last_cycle_rpc_calls", "JSON-RPC calls of the last cycle", s.last_cycle_rpc_calls)?;
        counter(e, "set_anchor_proofs_captured", "Anchor proofs written to the proof directory", s.proofs_captured)?;
        counter(e, "set_anchor_proof_capture_failures", "Failed anchor proof captures", s.proof_capture_failures)?;
        gauge(e, "set_anchor_proof_capture_backlog", "Anchor proofs waiting to be captured", s.proof_capture_backlog)?;
        Ok(())
    }
}

/// The Prometheus text exposition of the stats.
pub fn render_metrics(state: &HealthState) -> String {
    let (ready, l2_ago, seq_ago) = state.ready();
    let window = state.window().as_secs();
    let snapshot = Snapshot {
        stats: state.lock().clone(),
        ready,
        l2_connected: l2_ago.is_some_and(|a| a <= window),
        sequencer_connected: seq_ago.is_some_and(|a| a <= window),
        uptime_secs: state.uptime_secs(),
    };
    let mut registry = Registry::default();
    registry.register_collector(Box::new(snapshot));
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = prometheus_text::encode(&mut out, &registry);
    out
}

/// The content type of [`render_metrics`].
pub const CONTENT_TYPE: &str = prometheus_text::CONTENT_TYPE;

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn metrics_keep_the_names_and_declare_each_type_once() {
        let state = HealthState::new(Duration::from_secs(1));
        state.lock().record_error("transaction", "X", "boom".into(), "Transient", true);
        state.lock().stage_counts = [1, 2, 3, 4, 0, 0];
        let text = render_metrics(&state);
        for line in [
            "# TYPE set_anchor_batches_total counter",
            "set_anchor_batches_total{status=\"success\"} 0",
            "set_anchor_events_total 0",
            "set_anchor_fee_bumps_total 0",
            "# TYPE set_anchor_lag_seconds gauge",
            "set_anchor_errors_total{category=\"transaction\"} 1",
            "# TYPE set_anchor_errors_total_sum gauge",
            "set_anchor_errors_total_sum 1",
            "set_anchor_commitments{stage=\"landed\"} 3",
            "set_anchor_commitment_transitions_total{stage=\"reorged\"} 0",
            "set_anchor_role 1",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} missing:\n{text}");
        }
        // Every sample follows a TYPE line of its own name (no orphan sample, no counter
        // whose samples lack `_total`).
        let mut declared = std::collections::HashSet::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("# TYPE ") {
                let (name, kind) = rest.split_once(' ').unwrap();
                assert!(kind != "counter" || name.ends_with("_total"), "{line}");
                assert!(declared.insert(name.to_owned()), "{name} declared twice");
            } else if !line.starts_with('#') && !line.is_empty() {
                let name = line.split(['{', ' ']).next().unwrap();
                assert!(declared.contains(name), "sample {name} without a TYPE");
            }
        }
        // The 19 names of the existing anchor are all there.
        for name in [
            "set_anchor_batches_total",
            "set_anchor_events_total",
            "set_anchor_gas_price_skips_total",
            "set_anchor_consecutive_failures",
            "set_anchor_avg_anchor_time_ms",
            "set_anchor_cycles_total",
            "set_anchor_cycles_by_status_total",
            "set_anchor_l2_connected",
            "set_anchor_sequencer_connected",
            "set_anchor_l2_connection_failures_total",
            "set_anchor_sequencer_api_failures_total",
            "set_anchor_success_rate",
            "set_anchor_cycle_success_rate",
            "set_anchor_uptime_seconds",
            "set_anchor_ready",
            "set_anchor_errors_total",
            "set_anchor_errors_total_sum",
            "set_anchor_circuit_breaker_state",
            "set_anchor_circuit_breaker_open_skips_total",
        ] {
            assert!(declared.contains(name), "{name} missing");
        }
    }
}
