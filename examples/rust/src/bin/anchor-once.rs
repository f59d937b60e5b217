//! Embed the anchor in your own Rust service: cycles of `set_anchor::service::Anchor` (fetch
//! the pending commitments, check them against the chain, commit, wait until the block is under
//! the `safe` head, notify the sequencer), run from this program instead of the `set-anchor`
//! daemon, until nothing is left in flight (at most two minutes).
//!
//! It takes the daemon's settings, as flags or the same environment variables
//! (`L2_RPC_URL`, `SET_REGISTRY_ADDRESS`, `SEQUENCER_PRIVATE_KEY`, `SEQUENCER_API_URL`, …;
//! `set-anchor --help` lists them). `make demo` runs it against its network.
//!
//! ```text
//! cargo run -p set-example-rust --bin anchor-once -- --help
//! ```

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use set_anchor::chain::{parse_signer, Chain};
use set_anchor::config::AnchorConfig;
use set_anchor::health::HealthState;
use set_anchor::sequencer_client::SequencerClient;
use set_anchor::service::Anchor;

#[tokio::main]
async fn main() -> ExitCode {
    set_anchor::startup::init_tracing();
    match anchor_once(AnchorConfig::parse()).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("anchor-once: {err}");
            ExitCode::from(2)
        }
    }
}

async fn anchor_once(config: AnchorConfig) -> Result<bool, Box<dyn std::error::Error>> {
    let settings = config.validate()?;
    let signer = parse_signer(&settings.raw.sequencer_private_key)?;
    let chain = Chain::connect(settings.rpc_url.clone(), settings.registry, signer).await?;
    if !chain.is_authorized().await? {
        return Err(format!("{} is not an authorized sequencer of SetRegistry", chain.sender()).into());
    }
    let sequencer = SequencerClient::new(
        &settings.sequencer_url,
        settings.raw.sequencer_api_key.clone(),
        Duration::from_secs(settings.raw.sequencer_request_timeout_secs),
        Duration::from_secs(settings.raw.sequencer_connect_timeout_secs),
    )?;
    let health = HealthState::new(settings.interval());
    let pause = settings.finality_poll();
    let mut anchor = Anchor::new(settings, chain, sequencer, health);

    // A commitment is sent in one cycle and notified in a later one, once its block is final.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    let mut cycles = 0u32;
    let outcome = loop {
        let outcome = anchor.cycle().await;
        cycles += 1;
        let settled = outcome.awaiting_finality == 0 && !outcome.more;
        if outcome.failed || settled || std::time::Instant::now() > deadline {
            break outcome;
        }
        tokio::time::sleep(pause).await;
    };
    println!(
        "Rust (set_anchor library) — {cycles} cycles: sequencer {}, chain {}, {}{}",
        if outcome.sequencer_ok { "ok" } else { "unreachable" },
        if outcome.chain_ok { "ok" } else { "unreachable" },
        if outcome.failed { "a step failed" } else { "nothing failed" },
        if outcome.awaiting_finality > 0 { ", still waiting for finality" } else { "" },
    );
    Ok(outcome.sequencer_ok && outcome.chain_ok && !outcome.failed && outcome.awaiting_finality == 0)
}
