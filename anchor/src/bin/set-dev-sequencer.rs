//! `set-dev-sequencer`: the dev sequencer of `set_anchor::devseq` on 127.0.0.1.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use set_anchor::devseq::{DevSequencer, DevSequencerConfig};
use set_anchor::secret::Secret;

/// A local stateset-sequencer for development and tests (loopback only).
#[derive(Debug, Parser)]
#[command(name = "set-dev-sequencer", version)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one; the chosen address is printed as `LISTENING <addr>`).
    #[arg(long, env = "DEV_SEQUENCER_PORT", default_value_t = 3000)]
    port: u16,
    /// JSON store file (created if missing; survives restarts).
    #[arg(long, env = "DEV_SEQUENCER_STORE", default_value = "dev-sequencer.json")]
    store: PathBuf,
    /// Bootstrap admin API key (must start with `ss_`); empty disables auth. Secret.
    #[arg(long, env = "BOOTSTRAP_ADMIN_API_KEY", default_value = "", hide_env_values = true)]
    api_key: Secret,
    /// Hex Ed25519 seed of the receipt-signing key (32 bytes). Default: a fixed dev key.
    #[arg(long, env = "DEV_SEQUENCER_SIGNING_SEED", hide_env_values = true, default_value = "")]
    signing_seed: Secret,
    /// Sequencer id written into receipts.
    #[arg(long, env = "VES_SEQUENCER_ID", default_value = "5e9ae3c1-0000-4000-8000-000000000001")]
    sequencer_id: uuid::Uuid,
    /// Percent of anchor-compat requests that fail (chaos testing): half with an immediate 500,
    /// half with a 504 after `--slow-failure-ms` (a timeout for a client with a shorter timeout).
    #[arg(long, env = "DEV_SEQUENCER_FAIL_PERCENT", default_value_t = 0)]
    fail_percent: u8,
    /// Delay of the slow failures, milliseconds.
    #[arg(long, env = "DEV_SEQUENCER_SLOW_FAILURE_MS", default_value_t = 5_000)]
    slow_failure_ms: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    set_anchor::startup::init_tracing();
    let args = Args::parse();
    let api_key = if args.api_key.is_empty() { None } else { Some(args.api_key.expose().to_owned()) };
    if api_key.as_deref().is_some_and(|k| !k.starts_with("ss_")) {
        eprintln!("set-dev-sequencer: BOOTSTRAP_ADMIN_API_KEY must start with ss_");
        return ExitCode::from(2);
    }
    let mut seed = [7u8; 32];
    if !args.signing_seed.is_empty() {
        let text = args.signing_seed.expose().trim_start_matches("0x");
        if text.len() != 64 || hex::decode_to_slice(text, &mut seed).is_err() {
            eprintln!("set-dev-sequencer: DEV_SEQUENCER_SIGNING_SEED must be 64 hex digits");
            return ExitCode::from(2);
        }
    }
    if args.fail_percent > 100 {
        eprintln!("set-dev-sequencer: --fail-percent must be 0..=100");
        return ExitCode::from(2);
    }
    let config = DevSequencerConfig {
        store_path: args.store,
        api_key,
        signing_seed: seed,
        sequencer_id: args.sequencer_id,
        fail_percent: args.fail_percent,
        slow_failure: std::time::Duration::from_millis(args.slow_failure_ms),
    };
    let sequencer = match DevSequencer::open(config) {
        Ok(sequencer) => sequencer,
        Err(err) => {
            eprintln!("set-dev-sequencer: {err}");
            return ExitCode::from(1);
        }
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("set-dev-sequencer: cannot bind 127.0.0.1:{}: {err}", args.port);
            return ExitCode::from(1);
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("LISTENING {addr}"),
        Err(err) => {
            eprintln!("set-dev-sequencer: {err}");
            return ExitCode::from(1);
        }
    }
    let served =
        axum::serve(listener, sequencer.router()).with_graceful_shutdown(set_anchor::startup::shutdown_signal()).await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("set-dev-sequencer: {err}");
            ExitCode::from(1)
        }
    }
}
