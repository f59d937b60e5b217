//! Process wiring of `set-anchor`: validate, serve health, connect (retrying while the RPC is
//! unreachable, which `/health` reports), check chain id and authorization, run the loop, drain
//! on SIGTERM/SIGINT within the grace period. One [`CancellationToken`] stops everything.
//!
//! Every startup failure is one line on stderr and a non-zero exit (2 for configuration, 1 for
//! a wrong chain, an unauthorized key or a port that cannot be bound).

use std::process::ExitCode;
use std::time::Duration;

use alloy::signers::local::PrivateKeySigner;
use tokio_util::sync::CancellationToken;

use crate::backends::{sleep_or_shutdown, ChainRead};
use crate::chain::{parse_signer, Chain};
use crate::config::{AnchorConfig, Settings};
use crate::health::{router, HealthState};
use crate::proofs::ProofStore;
use crate::sequencer_client::SequencerClient;
use crate::service::Anchor;

/// Logs to stderr, filtered by `RUST_LOG` (default `info,set_anchor=debug`).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,set_anchor=debug"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("set-anchor: {message}");
    ExitCode::from(code)
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Connects to the L2 RPC, retrying with back-off (1 s doubling to 30 s) until it answers or
/// `shutdown` fires; `/health` reports each failure meanwhile.
async fn connect_until_reachable(
    settings: &Settings,
    signer: &PrivateKeySigner,
    health: &HealthState,
    shutdown: &CancellationToken,
) -> Option<Chain> {
    let mut delay = Duration::from_secs(1);
    loop {
        match Chain::connect(settings.rpc_url.clone(), settings.registry, signer.clone()).await {
            Ok(chain) => {
                health.lock().warnings.retain(|w| !w.starts_with(RPC_WARNING));
                return Some(chain);
            }
            Err(err) => {
                let message = format!("{RPC_WARNING}: {err}");
                tracing::error!("{message}; retrying in {delay:?}");
                {
                    let mut stats = health.lock();
                    stats.l2_connection_failures += 1;
                    stats.warnings.retain(|w| !w.starts_with(RPC_WARNING));
                    stats.warnings.push(message.clone());
                }
                health.lock().record_error("l2_connection", "L2_UNREACHABLE", message, "Transient", true);
                if sleep_or_shutdown(delay, shutdown).await {
                    return None;
                }
                delay = (delay * 2).min(Duration::from_secs(30));
            }
        }
    }
}

const RPC_WARNING: &str = "L2 RPC unreachable";

/// Runs the daemon until a signal (or `--max-cycles`).
pub async fn run(config: AnchorConfig) -> ExitCode {
    let settings = match config.validate() {
        Ok(settings) => settings,
        Err(err) => return fail(2, err),
    };
    let signer = match parse_signer(&settings.raw.sequencer_private_key) {
        Ok(signer) => signer,
        Err(err) => return fail(2, err),
    };
    tracing::info!(
        rpc = %settings.rpc_url,
        registry = %settings.registry,
        sequencer = %settings.sequencer_url,
        sender = %signer.address(),
        interval_secs = settings.raw.anchor_interval_secs,
        finality = %settings.finality.describe(),
        role = if settings.raw.standby { "standby" } else { "active" },
        "starting set-anchor"
    );
    let mut health = HealthState::new(settings.interval());
    if let Some(dir) = &settings.raw.proof_dir {
        let store = ProofStore::new(dir);
        if let Err(err) = store.create() {
            return fail(
                2,
                format!("invalid configuration: SET_ANCHOR_PROOF_DIR: cannot create {}: {err}", dir.display()),
            );
        }
        tracing::info!(dir = %dir.display(), "anchor proofs are captured once final and served on /proofs/{{batch_id}}");
        health = health.with_proofs(store);
    }
    {
        let mut stats = health.lock();
        stats.finality = settings.finality.describe();
        if let Some(warning) = settings.finality.warning() {
            tracing::warn!("{warning}");
            eprintln!("set-anchor: WARNING: {warning}");
            stats.warnings.push(warning);
        }
    }
    let sequencer = match SequencerClient::new(
        &settings.sequencer_url,
        settings.raw.sequencer_api_key.clone(),
        Duration::from_secs(settings.raw.sequencer_request_timeout_secs),
        Duration::from_secs(settings.raw.sequencer_connect_timeout_secs),
    ) {
        Ok(client) => client,
        Err(err) => return fail(1, err),
    };
    // The health server comes first: an unreachable RPC is reported by /health, not by an exit.
    let listener = match tokio::net::TcpListener::bind(settings.health_addr).await {
        Ok(listener) => listener,
        Err(err) => return fail(1, format!("cannot bind health server on {}: {err}", settings.health_addr)),
    };
    tracing::info!(addr = %settings.health_addr, "health server listening");
    let shutdown = CancellationToken::new();
    let server_stop = shutdown.clone();
    let app = router(health.clone());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).with_graceful_shutdown(server_stop.cancelled_owned()).await;
    });
    let signals = shutdown.clone();
    let signal_task = tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutdown requested; finishing the in-flight step");
        signals.cancel();
    });
    let code = serve(settings, signer, sequencer, health, shutdown.clone()).await;
    shutdown.cancel();
    signal_task.abort();
    let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
    code
}

async fn serve(
    settings: Settings,
    signer: PrivateKeySigner,
    sequencer: SequencerClient,
    health: HealthState,
    shutdown: CancellationToken,
) -> ExitCode {
    let Some(chain) = connect_until_reachable(&settings, &signer, &health, &shutdown).await else {
        return ExitCode::SUCCESS;
    };
    if settings.expected_chain_id != 0 && chain.chain_id() != settings.expected_chain_id {
        return fail(
            1,
            format!("chain id mismatch: expected {}, the RPC reports {}", settings.expected_chain_id, chain.chain_id()),
        );
    }
    match chain.is_authorized().await {
        Ok(true) => {}
        Ok(false) => return fail(1, format!("sequencer address {} is not authorized in SetRegistry", chain.sender())),
        Err(err) => return fail(1, format!("cannot read SetRegistry at {}: {err}", settings.registry)),
    }
    let grace = Duration::from_secs(settings.raw.shutdown_grace_secs);
    let mut anchor = Anchor::new(settings, chain, sequencer, health).with_shutdown(shutdown.clone());
    let mut loop_task = tokio::spawn(async move { anchor.run().await });
    tokio::select! {
        _ = &mut loop_task => {}
        _ = shutdown.cancelled() => {
            if tokio::time::timeout(grace, &mut loop_task).await.is_err() {
                tracing::warn!("grace period over; abandoning the in-flight transaction (the next start re-derives it from the chain)");
                loop_task.abort();
            }
        }
    }
    ExitCode::SUCCESS
}
