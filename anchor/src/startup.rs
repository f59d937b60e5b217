//! Process wiring of `set-anchor`: validate, connect, check chain id and authorization, serve
//! health, run the loop, drain on SIGTERM/SIGINT within the grace period.
//!
//! Every startup failure is one line on stderr and a non-zero exit (2 for configuration, 1 for
//! everything else).

use std::process::ExitCode;
use std::time::Duration;

use tokio::sync::watch;

use crate::chain::{parse_signer, Chain};
use crate::config::AnchorConfig;
use crate::health::{router, HealthState};
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
        "starting set-anchor"
    );
    let chain = match Chain::connect(settings.rpc_url.clone(), settings.registry, signer).await {
        Ok(chain) => chain,
        Err(err) => return fail(1, format!("cannot reach L2 RPC: {err}")),
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
    let sequencer = match SequencerClient::new(
        &settings.sequencer_url,
        settings.raw.sequencer_api_key.clone(),
        Duration::from_secs(settings.raw.sequencer_request_timeout_secs),
        Duration::from_secs(settings.raw.sequencer_connect_timeout_secs),
    ) {
        Ok(client) => client,
        Err(err) => return fail(1, err),
    };
    let health = HealthState::new(settings.interval());
    let listener = match tokio::net::TcpListener::bind(settings.health_addr).await {
        Ok(listener) => listener,
        Err(err) => return fail(1, format!("cannot bind health server on {}: {err}", settings.health_addr)),
    };
    tracing::info!(addr = %settings.health_addr, "health server listening");
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut server_stop = stop_rx.clone();
    let app = router(health.clone());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = server_stop.wait_for(|stop| *stop).await;
            })
            .await;
    });
    let grace = Duration::from_secs(settings.raw.shutdown_grace_secs);
    let mut anchor = Anchor::new(settings, chain, sequencer, health);
    let mut loop_task = tokio::spawn(async move { anchor.run(stop_rx).await });
    let code = tokio::select! {
        _ = &mut loop_task => ExitCode::SUCCESS,
        _ = shutdown_signal() => {
            tracing::info!("shutdown requested; finishing the in-flight step");
            let _ = stop_tx.send(true);
            match tokio::time::timeout(grace, &mut loop_task).await {
                Ok(_) => {}
                Err(_) => {
                    tracing::warn!("grace period over; abandoning the in-flight transaction (the next start re-derives it from the chain)");
                    loop_task.abort();
                }
            }
            ExitCode::SUCCESS
        }
    };
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
    code
}
