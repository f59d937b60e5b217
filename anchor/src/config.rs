//! Configuration of `set-anchor`: every setting is a CLI flag and an environment variable
//! (the variables of the existing anchor keep their names and defaults).
//!
//! Validation ([`AnchorConfig::validate`]) runs before any port is bound or any RPC is made.
//! The private key and the API key are [`Secret`]s: their `Debug` and `Display` print
//! `<redacted>`, so they cannot reach logs, `/stats`, `/errors` or panic messages.

use std::net::SocketAddr;
use std::time::Duration;

use alloy::primitives::Address;
use clap::Parser;

use crate::chain::parse_signer;
use crate::finality::Finality;
use crate::secret::Secret;

/// A configuration value that cannot work; the message names the flag and its variable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {field}: {message}")]
pub struct ConfigError {
    /// Environment variable of the setting.
    pub field: &'static str,
    /// What is wrong (never contains a secret).
    pub message: String,
}

fn invalid(field: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError { field, message: message.into() }
}

/// `set-anchor` settings. `--help` lists them all with their variables and defaults.
#[derive(Debug, Clone, Parser)]
#[command(name = "set-anchor", version, about = "Anchors stateset-sequencer commitments on SetRegistry, exactly once.")]
pub struct AnchorConfig {
    /// L2 JSON-RPC endpoint (http or https).
    #[arg(long, env = "L2_RPC_URL", default_value = "http://localhost:8547")]
    pub l2_rpc_url: String,

    /// SetRegistry proxy address (0x + 40 hex).
    #[arg(long, env = "SET_REGISTRY_ADDRESS")]
    pub set_registry_address: String,

    /// secp256k1 key of an authorized sequencer account (64 hex, optional 0x). Secret.
    #[arg(long, env = "SEQUENCER_PRIVATE_KEY", hide_env_values = true)]
    pub sequencer_private_key: Secret,

    /// Sequencer base URL (the anchor-compat endpoints live at its root).
    #[arg(long, env = "SEQUENCER_API_URL", default_value = "http://localhost:3000")]
    pub sequencer_api_url: String,

    /// Bootstrap admin API key of the sequencer, sent as `Authorization: ApiKey <key>`. Secret;
    /// empty sends no header (a sequencer with auth disabled).
    #[arg(long, env = "SEQUENCER_API_KEY", hide_env_values = true, default_value = "")]
    pub sequencer_api_key: Secret,

    /// Seconds between cycles (> 0).
    #[arg(long, env = "ANCHOR_INTERVAL_SECS", default_value_t = 60)]
    pub anchor_interval_secs: u64,

    /// A stream waits until its ready commitments hold this many events, or until
    /// `--max-defer-secs` passed since they were first seen. Never skips a commitment.
    #[arg(long, env = "MIN_EVENTS_FOR_ANCHOR", default_value_t = 100)]
    pub min_events_for_anchor: u32,

    /// Longest a stream is deferred by `MIN_EVENTS_FOR_ANCHOR`, in seconds.
    #[arg(long, env = "MAX_DEFER_SECS", default_value_t = 600)]
    pub max_defer_secs: u64,

    /// Attempts per sequencer request within one cycle (> 0).
    #[arg(long, env = "MAX_RETRIES", default_value_t = 3)]
    pub max_retries: u32,

    /// Base of the exponential back-off between attempts and between failed cycles, seconds (> 0).
    #[arg(long, env = "RETRY_DELAY_SECS", default_value_t = 5)]
    pub retry_delay_secs: u64,

    /// Cap on `maxFeePerGas` in gwei (0 = none). A cycle whose base fee alone exceeds it is skipped.
    #[arg(long, env = "MAX_GAS_PRICE_GWEI", default_value_t = 0)]
    pub max_gas_price_gwei: u64,

    /// Floor on the priority fee, in wei.
    #[arg(long, env = "MIN_PRIORITY_FEE_WEI", default_value_t = 1_000_000)]
    pub min_priority_fee_wei: u128,

    /// Percentage added to both fees on each resubmission (>= 10, geth's replacement rule).
    #[arg(long, env = "FEE_BUMP_PERCENT", default_value_t = 12)]
    pub fee_bump_percent: u64,

    /// Seconds without a receipt before the transaction is resubmitted with bumped fees.
    #[arg(long, env = "RESUBMIT_AFTER_SECS", default_value_t = 12)]
    pub resubmit_after_secs: u64,

    /// Which head a commitment's block must be at or below before the sequencer is notified:
    /// `safe` (default), `finalized`, or `unsafe` (latest with `CONFIRMATIONS` blocks; a reorg
    /// of the unsafe chain can then remove a notified commitment, and the daemon warns loudly).
    #[arg(long, env = "FINALITY", default_value = "safe")]
    pub finality: String,

    /// With `FINALITY=unsafe`: blocks including the landing block before notifying (>= 1).
    #[arg(long, env = "CONFIRMATIONS", default_value_t = 1)]
    pub confirmations: u64,

    /// Pause between cycles while commitments have landed and wait for the finality head,
    /// seconds (> 0; the interval is used when it is shorter).
    #[arg(long, env = "FINALITY_POLL_SECS", default_value_t = 2)]
    pub finality_poll_secs: u64,

    /// Start as a standby: watch without sending, and take over when the active instance
    /// leaves a commitment actionable for `TAKEOVER_AFTER_SECS`. Run it with the same key.
    #[arg(long, env = "STANDBY", default_value_t = false)]
    pub standby: bool,

    /// Standby only: how long one commitment may stay actionable (ready to send, or safe and
    /// not notified) before the standby takes over, seconds (> 0).
    #[arg(long, env = "TAKEOVER_AFTER_SECS", default_value_t = 300)]
    pub takeover_after_secs: u64,

    /// Health server bind address (loopback by default).
    #[arg(long, env = "HEALTH_BIND", default_value = "127.0.0.1")]
    pub health_bind: String,

    /// Health server port.
    #[arg(long, env = "HEALTH_PORT", default_value_t = 9090)]
    pub health_port: u16,

    /// Expected L2 chain id (0 = no check). Falls back to `L2_CHAIN_ID`.
    #[arg(long, env = "EXPECTED_L2_CHAIN_ID", default_value_t = 0)]
    pub expected_l2_chain_id: u64,

    /// Fallback for `EXPECTED_L2_CHAIN_ID`.
    #[arg(long, env = "L2_CHAIN_ID", default_value_t = 0, hide = true)]
    pub l2_chain_id: u64,

    /// Most commitments anchored per cycle (0 = unlimited).
    #[arg(long, env = "MAX_COMMITMENTS_PER_CYCLE", default_value_t = 0)]
    pub max_commitments_per_cycle: u32,

    /// Most commitments in one `commitBatches` transaction.
    #[arg(long, env = "MAX_COMMITMENTS_PER_TX", default_value_t = 64)]
    pub max_commitments_per_tx: usize,

    /// Page size of `GET /v1/commitments/pending` (the server caps it at 5000).
    #[arg(long, env = "PENDING_PAGE_LIMIT", default_value_t = 1000)]
    pub pending_page_limit: u32,

    /// Sequencer request timeout, seconds (> 0).
    #[arg(long, env = "SEQUENCER_REQUEST_TIMEOUT_SECS", default_value_t = 10)]
    pub sequencer_request_timeout_secs: u64,

    /// Sequencer connect timeout, seconds (> 0).
    #[arg(long, env = "SEQUENCER_CONNECT_TIMEOUT_SECS", default_value_t = 3)]
    pub sequencer_connect_timeout_secs: u64,

    /// Consecutive failed cycles before waiting `CIRCUIT_BREAKER_RESET_TIMEOUT_SECS` (> 0).
    #[arg(long, env = "CIRCUIT_BREAKER_FAILURE_THRESHOLD", default_value_t = 5)]
    pub circuit_breaker_failure_threshold: u64,

    /// Pause after the breaker opens, seconds (> 0).
    #[arg(long, env = "CIRCUIT_BREAKER_RESET_TIMEOUT_SECS", default_value_t = 60)]
    pub circuit_breaker_reset_timeout_secs: u64,

    /// Successful cycles to close a half-open breaker (> 0).
    #[arg(long, env = "CIRCUIT_BREAKER_HALF_OPEN_SUCCESS_THRESHOLD", default_value_t = 3)]
    pub circuit_breaker_half_open_success_threshold: u64,

    /// Longest wait for a transaction to be mined and confirmed, seconds (> 0); then it is abandoned
    /// for this cycle (the next cycle re-derives everything from the chain).
    #[arg(long, env = "TX_CONFIRMATION_TIMEOUT_SECS", default_value_t = 60)]
    pub tx_confirmation_timeout_secs: u64,

    /// Ignored (kept so old deployments still start): the transaction of a batch already
    /// on-chain is found at any age, from its on-chain timestamp.
    #[arg(long, env = "LOG_SCAN_BLOCKS", default_value_t = 0, hide = true)]
    pub log_scan_blocks: u64,

    /// Bounded drain on SIGTERM/SIGINT: longest wait for the in-flight transaction, seconds.
    #[arg(long, env = "SHUTDOWN_GRACE_SECS", default_value_t = 20)]
    pub shutdown_grace_secs: u64,

    /// Directory where each commitment's anchor proof is kept once final (`<batch_id>.json`, the
    /// `anchor.proof` of a bundle; served by `GET /proofs/{batch_id}`). Unset: nothing captured.
    #[arg(long, env = "SET_ANCHOR_PROOF_DIR")]
    pub proof_dir: Option<std::path::PathBuf>,

    /// Stop after this many cycles (0 = run forever); for tests and one-shot runs.
    #[arg(long, env = "ANCHOR_MAX_CYCLES", default_value_t = 0)]
    pub max_cycles: u64,
}

/// Validated, typed settings derived from [`AnchorConfig`].
#[derive(Debug, Clone)]
pub struct Settings {
    /// The raw configuration.
    pub raw: AnchorConfig,
    /// L2 RPC URL.
    pub rpc_url: reqwest::Url,
    /// Registry address.
    pub registry: Address,
    /// Sequencer base URL, without a trailing `/`.
    pub sequencer_url: String,
    /// Expected chain id (0 = none).
    pub expected_chain_id: u64,
    /// Health server address.
    pub health_addr: SocketAddr,
    /// Fee cap in wei (None = no cap).
    pub max_fee_wei: Option<u128>,
    /// When a commitment counts as final.
    pub finality: Finality,
}

impl Settings {
    /// Interval between cycles.
    pub fn interval(&self) -> Duration {
        Duration::from_secs(self.raw.anchor_interval_secs)
    }

    /// Pause between cycles while landed commitments wait for the finality head.
    pub fn finality_poll(&self) -> Duration {
        Duration::from_secs(self.raw.finality_poll_secs).min(self.interval())
    }

    /// The standby's takeover delay.
    pub fn takeover_after(&self) -> Duration {
        Duration::from_secs(self.raw.takeover_after_secs)
    }
}

fn check_http(field: &'static str, url: &str) -> Result<reqwest::Url, ConfigError> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(invalid(field, "must start with http:// or https://"));
    }
    reqwest::Url::parse(url).map_err(|err| invalid(field, err.to_string()))
}

impl AnchorConfig {
    /// Checks every value and derives the typed [`Settings`].
    ///
    /// # Errors
    /// The first [`ConfigError`] found.
    pub fn validate(self) -> Result<Settings, ConfigError> {
        let rpc_url = check_http("L2_RPC_URL", &self.l2_rpc_url)?;
        check_http("SEQUENCER_API_URL", &self.sequencer_api_url)?;
        let registry_text = self.set_registry_address.trim();
        if registry_text.len() != 42 || !registry_text.starts_with("0x") {
            return Err(invalid("SET_REGISTRY_ADDRESS", "must be 0x followed by 40 hex digits"));
        }
        let registry: Address = registry_text
            .parse()
            .map_err(|_| invalid("SET_REGISTRY_ADDRESS", "must be 0x followed by 40 hex digits"))?;
        parse_signer(&self.sequencer_private_key)
            .map_err(|_| invalid("SEQUENCER_PRIVATE_KEY", "must be 64 hex digits (optional 0x)"))?;
        let positive = [
            ("ANCHOR_INTERVAL_SECS", self.anchor_interval_secs),
            ("MAX_RETRIES", u64::from(self.max_retries)),
            ("RETRY_DELAY_SECS", self.retry_delay_secs),
            ("SEQUENCER_REQUEST_TIMEOUT_SECS", self.sequencer_request_timeout_secs),
            ("SEQUENCER_CONNECT_TIMEOUT_SECS", self.sequencer_connect_timeout_secs),
            ("CIRCUIT_BREAKER_FAILURE_THRESHOLD", self.circuit_breaker_failure_threshold),
            ("CIRCUIT_BREAKER_RESET_TIMEOUT_SECS", self.circuit_breaker_reset_timeout_secs),
            ("CIRCUIT_BREAKER_HALF_OPEN_SUCCESS_THRESHOLD", self.circuit_breaker_half_open_success_threshold),
            ("TX_CONFIRMATION_TIMEOUT_SECS", self.tx_confirmation_timeout_secs),
            ("CONFIRMATIONS", self.confirmations),
            ("FINALITY_POLL_SECS", self.finality_poll_secs),
            ("TAKEOVER_AFTER_SECS", self.takeover_after_secs),
            ("RESUBMIT_AFTER_SECS", self.resubmit_after_secs),
            ("MAX_COMMITMENTS_PER_TX", self.max_commitments_per_tx as u64),
            ("PENDING_PAGE_LIMIT", u64::from(self.pending_page_limit)),
        ];
        for (field, value) in positive {
            if value == 0 {
                return Err(invalid(field, "must be greater than 0"));
            }
        }
        if self.fee_bump_percent < 10 {
            return Err(invalid("FEE_BUMP_PERCENT", "must be at least 10 (nodes refuse smaller replacements)"));
        }
        let health_addr: SocketAddr = format!("{}:{}", self.health_bind, self.health_port)
            .parse()
            .map_err(|_| invalid("HEALTH_BIND", "must be an IP address"))?;
        let expected_chain_id =
            if self.expected_l2_chain_id != 0 { self.expected_l2_chain_id } else { self.l2_chain_id };
        let finality = match self.finality.trim().to_ascii_lowercase().as_str() {
            "safe" => Finality::Safe,
            "finalized" => Finality::Finalized,
            "unsafe" => Finality::Unsafe { confirmations: self.confirmations },
            _ => return Err(invalid("FINALITY", "must be safe, finalized or unsafe")),
        };
        let max_fee_wei = (self.max_gas_price_gwei > 0).then(|| u128::from(self.max_gas_price_gwei) * 1_000_000_000);
        Ok(Settings {
            sequencer_url: self.sequencer_api_url.trim_end_matches('/').to_owned(),
            rpc_url,
            registry,
            expected_chain_id,
            health_addr,
            max_fee_wei,
            finality,
            raw: self,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Vec<&'static str> {
        vec![
            "set-anchor",
            "--set-registry-address",
            "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            "--sequencer-private-key",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        ]
    }

    #[test]
    fn defaults_match_the_existing_anchor() {
        let config = AnchorConfig::try_parse_from(base()).unwrap();
        assert_eq!(config.l2_rpc_url, "http://localhost:8547");
        assert_eq!(config.sequencer_api_url, "http://localhost:3000");
        assert_eq!((config.anchor_interval_secs, config.min_events_for_anchor, config.max_retries), (60, 100, 3));
        assert_eq!((config.health_port, config.tx_confirmation_timeout_secs), (9090, 60));
        let settings = config.validate().unwrap();
        assert_eq!(settings.health_addr.to_string(), "127.0.0.1:9090");
        assert_eq!(settings.finality, Finality::Safe);
        assert!(!settings.raw.standby);
        assert_eq!(settings.raw.proof_dir, None, "no proof is captured unless asked");
    }

    #[test]
    fn secrets_never_print() {
        let config = AnchorConfig::try_parse_from(base()).unwrap();
        let text = format!("{config:?}");
        assert!(!text.contains("59c6995e"), "{text}");
        assert!(text.contains("<redacted>"));
    }

    #[test]
    fn rejects_bad_values_with_the_variable_name() {
        let mut args = base();
        args.extend(["--anchor-interval-secs", "0"]);
        let err = AnchorConfig::try_parse_from(args).unwrap().validate().unwrap_err();
        assert_eq!(err.field, "ANCHOR_INTERVAL_SECS");
        let mut args = base();
        args[2] = "0x1234";
        assert_eq!(AnchorConfig::try_parse_from(args).unwrap().validate().unwrap_err().field, "SET_REGISTRY_ADDRESS");
        let mut args = base();
        args[4] = "0xnothex";
        let err = AnchorConfig::try_parse_from(args).unwrap().validate().unwrap_err();
        assert_eq!(err.field, "SEQUENCER_PRIVATE_KEY");
        assert!(!err.to_string().contains("nothex"));
        let mut args = base();
        args.extend(["--fee-bump-percent", "5"]);
        assert_eq!(AnchorConfig::try_parse_from(args).unwrap().validate().unwrap_err().field, "FEE_BUMP_PERCENT");
        let mut args = base();
        args.extend(["--finality", "latest"]);
        assert_eq!(AnchorConfig::try_parse_from(args).unwrap().validate().unwrap_err().field, "FINALITY");
        let mut args = base();
        args.extend(["--proof-dir", ""]);
        assert!(AnchorConfig::try_parse_from(args).is_err(), "an empty proof directory");
        let mut args = base();
        args.extend(["--finality", "unsafe", "--confirmations", "3"]);
        let settings = AnchorConfig::try_parse_from(args).unwrap().validate().unwrap();
        assert_eq!(settings.finality, Finality::Unsafe { confirmations: 3 });
    }
}
