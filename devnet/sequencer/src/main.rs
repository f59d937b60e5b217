//! `set-dev-sequencer`: the dev sequencer on 127.0.0.1 (see the crate's README).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use set_dev_sequencer::server::{Config, DevSequencer};
use set_dev_sequencer::store::{ReceiptSigner, Store};

/// A local stateset-sequencer for development and tests (loopback only).
#[derive(Parser)]
#[command(name = "set-dev-sequencer", version)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one; the chosen address is printed as `LISTENING <addr>`).
    #[arg(long, env = "DEV_SEQUENCER_PORT", default_value_t = 3000)]
    port: u16,
    /// SQLite database file (created if missing; survives restarts and kill -9).
    #[arg(long, env = "DEV_SEQUENCER_STORE", default_value = "dev-sequencer.db")]
    store: PathBuf,
    /// Bootstrap admin API key (must start with `ss_`); empty disables auth. Secret: never printed.
    #[arg(
        long,
        env = "BOOTSTRAP_ADMIN_API_KEY",
        default_value = "",
        hide_env_values = true,
        hide_default_value = true
    )]
    api_key: String,
    /// Hex Ed25519 seed of the receipt-signing key (32 bytes). Default: a fixed dev key. Secret.
    #[arg(
        long,
        env = "DEV_SEQUENCER_SIGNING_SEED",
        default_value = "",
        hide_env_values = true,
        hide_default_value = true
    )]
    signing_seed: String,
    /// Sequencer id written into receipts.
    #[arg(long, env = "VES_SEQUENCER_ID", default_value = "5e9ae3c1-0000-4000-8000-000000000001")]
    sequencer_id: uuid::Uuid,
    /// Percent of anchor-endpoint requests that fail (chaos testing): half with an immediate 500,
    /// half with a 504 after `--slow-failure-ms` (a timeout for a client with a shorter timeout).
    #[arg(long, env = "DEV_SEQUENCER_FAIL_PERCENT", default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=100))]
    fail_percent: u8,
    /// Delay of the slow failures, milliseconds.
    #[arg(long, env = "DEV_SEQUENCER_SLOW_FAILURE_MS", default_value_t = 5_000)]
    slow_failure_ms: u64,
}

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("set-dev-sequencer: {message}");
    ExitCode::from(code)
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = tokio::signal::ctrl_c() => {}, _ = term => {} }
}

#[tokio::main]
async fn main() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
    let args = Args::parse();
    let api_key = Some(args.api_key.trim().to_owned()).filter(|key| !key.is_empty());
    if api_key.as_deref().is_some_and(|key| !key.starts_with("ss_")) {
        return fail(2, "BOOTSTRAP_ADMIN_API_KEY must start with ss_");
    }
    let mut seed = [7u8; 32];
    let seed_text = args.signing_seed.trim();
    if !seed_text.is_empty() {
        let digits = seed_text.strip_prefix("0x").unwrap_or(seed_text);
        if digits.len() != 64 || hex::decode_to_slice(digits, &mut seed).is_err() {
            return fail(2, "DEV_SEQUENCER_SIGNING_SEED must be 64 hex digits");
        }
    }
    let store = match Store::open(&args.store) {
        Ok(store) => store,
        Err(err) => return fail(1, err),
    };
    let config = Config {
        api_key,
        signer: ReceiptSigner { seed, sequencer_id: args.sequencer_id },
        fail_percent: args.fail_percent,
        slow_failure: std::time::Duration::from_millis(args.slow_failure_ms),
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await {
        Ok(listener) => listener,
        Err(err) => return fail(1, format!("cannot bind 127.0.0.1:{}: {err}", args.port)),
    };
    match listener.local_addr() {
        Ok(addr) => println!("LISTENING {addr}"),
        Err(err) => return fail(1, err),
    }
    let router = DevSequencer::new(store, config).router();
    match axum::serve(listener, router).with_graceful_shutdown(shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => fail(1, err),
    }
}
