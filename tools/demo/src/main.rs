//! `set-demo` — what `make demo` runs: the whole Set stack on 127.0.0.1, then one order's
//! receipt verified, on-chain check included, by every SDK.
//!
//! 1. anvil (chain id 84532001, 2 s blocks), `Deploy.s.sol`, `set-dev-sequencer`, `set-anchor`;
//! 2. signed commerce events of two tenants and three stores are ingested and committed; a store
//!    named by `--agent` has its events signed by a script through a binding (Python, JS), whose
//!    ingest bodies must equal set-core's byte for byte before they are posted;
//! 3. it waits, printing progress, until the anchor has put every commitment on-chain and
//!    notified the sequencer;
//! 4. it exports the receipt bundles of every order with the app's configuration
//!    (`<out>/export/`: `trust-root.json`, `rpc-url.txt`; layout in `examples/README.md`) and
//!    runs each `--verifier` command on that folder: each must say valid, level `anchored`;
//! 5. it forges two copies of the export (one order's total edited; the same order's anchor
//!    moved to a second SetRegistry holding the same commitment) and runs every verifier on
//!    each: each must refuse, failing `payload_hash` and `anchor` respectively;
//! 6. with `--anchored-l1 NAME`, Set Chain is committed to an L1 (anvil with OP's
//!    `L2OutputOracle`, an output root proposed as op-proposer would), the sample order's bundle
//!    gains an `anchor.proof` up to that output, the trust root pins the output root read from
//!    L1, and each named verifier must say valid, level `anchored-l1`, and refuse a copy whose
//!    proven slot value is edited (`anchor_proof` fails);
//! 7. it prints a summary. Every process it started stops at the end, on error, on Ctrl-C and
//!    on SIGTERM.
//!
//! With `--security-profile hybrid` (`make demo-hybrid`) the sequencer signs receipts with
//! Ed25519 and ML-DSA-65, the agents register hybrid keys and sign every event with both, the
//! trust root pins the sequencer's ML-DSA-65 key with the policy `require-hybrid`, and a third
//! forged copy (the receipt's ML-DSA-65 half flipped) must be refused too.

mod agents;
mod commerce;
mod fault_proxy;
mod forgery;
mod l1;
mod network;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use clap::Parser;
use serde_json::json;
use set_core::encoding::encode_hex;
use set_core::sequencer::{IngestReceipt, VesCommitment};
use set_core::ves::agent_keys::AgentKeyRegistration;
use set_core::ves::VesEvent;

use commerce::Profile;
use network::{Binaries, DemoResult, Network, API_KEY, CHAIN_ID, SEQUENCER_ML_DSA_SEED, SEQUENCER_SIGNING_SEED};
use set_client::{Auth, Client, ClientConfig};
use set_core::sequencer::CommitmentRequest;

/// The network name the demo's trust root pins.
const NETWORK_NAME: &str = "set-chain-devnet";

/// Runs the local Set network, anchors sample commerce events and verifies a receipt from every SDK.
#[derive(Debug, Parser)]
#[command(name = "set-demo")]
struct Args {
    /// Repository root (for `contracts/`).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Folder for the run's files (sequencer store, anchor log, export); a previous run's are replaced.
    #[arg(long, default_value = "target/demo")]
    out: PathBuf,
    /// Seconds per anvil block.
    #[arg(long, default_value_t = 2)]
    block_time: u64,
    /// Longest wait for the anchoring, seconds.
    #[arg(long, default_value_t = 240)]
    timeout: u64,
    /// `NAME=COMMAND ARGS…`: run after the export with the export folder appended; repeatable.
    #[arg(long = "verifier", value_name = "NAME=COMMAND")]
    verifiers: Vec<String>,
    /// `STORE=NAME=COMMAND…`: `STORE`'s agent is the program `COMMAND`, in language `NAME`,
    /// run with a job file (the unsigned events and the agent's seeds) and an output file
    /// appended, where it writes one ingest body per line; repeatable. The bodies must equal
    /// set-core's of the same events byte for byte. The other stores' agents sign in Rust.
    #[arg(long = "agent", value_name = "STORE=NAME=COMMAND")]
    agents: Vec<String>,
    /// The dev sequencer's security profile. `hybrid`: the agents register Ed25519 + ML-DSA-65
    /// keys and sign every event with both, the receipts carry both signatures, the trust root
    /// pins the sequencer's ML-DSA-65 key with the policy `require-hybrid`, and every verifier
    /// must also refuse a copy whose receipt has its ML-DSA-65 signature flipped.
    #[arg(long, value_enum, default_value = "legacy")]
    security_profile: Profile,
    /// `COMMAND ARGS…` that runs one anchor cycle with set-anchor's settings in its environment
    /// (the library example): run with the daemon stopped, on one more commitment.
    #[arg(long, value_name = "COMMAND")]
    embedded_anchor: Option<String>,
    /// `NAME` of a `--verifier` whose SDK checks anchor proofs: after the forgeries, the sample
    /// order is proven up to an output root proposed on an L1 (anvil with OP's
    /// `L2OutputOracle`), and this verifier must verify it at `anchored-l1` and refuse a copy
    /// with an edited slot value; repeatable. Without any, there is no L1 step.
    #[arg(long = "anchored-l1", value_name = "NAME")]
    anchored_l1: Vec<String>,
    /// Only start the network (anvil with SetRegistry, the dev sequencer, set-anchor), write
    /// `FILE` (a `set-test-network-v1` document: URLs, API key, trust root), print
    /// `NETWORK READY FILE` and keep running until stdin closes or a signal arrives: the
    /// network the language clients' shared test matrix runs against.
    #[arg(long, value_name = "FILE")]
    serve_network: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    tokio::select! {
        result = run(&args) => match result {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(err) => {
                eprintln!("\nset-demo: {err}");
                ExitCode::from(1)
            }
        },
        _ = set_anchor::startup::shutdown_signal() => {
            // Returning drops the network, which kills every process this run started.
            eprintln!("\nset-demo: interrupted; stopping anvil, the dev sequencer and set-anchor");
            ExitCode::from(130)
        }
    }
}

fn step(text: &str) {
    println!("▸ {text}");
}

async fn run(args: &Args) -> DemoResult<bool> {
    if let Some(file) = &args.serve_network {
        return serve_network(args, file).await.map(|()| true);
    }
    let started = Instant::now();
    std::fs::create_dir_all(&args.out).map_err(|err| format!("{}: {err}", args.out.display()))?;
    let out = std::fs::canonicalize(&args.out).map_err(|err| format!("{}: {err}", args.out.display()))?;
    // Only what a previous run wrote: `--out` may be any folder, even one holding other files.
    for stale in [
        "export",
        "export-tampered",
        "export-edited-total",
        "export-anchored-elsewhere",
        "export-ml-dsa-flipped",
        "export-anchored-l1",
        "export-anchored-l1-slot-edited",
        "agents",
    ] {
        let _ = std::fs::remove_dir_all(out.join(stale));
    }
    let export = out.join("export");
    std::fs::create_dir_all(export.join("bundles")).map_err(|err| format!("{}: {err}", export.display()))?;

    println!("Set SDK demo — the whole stack on 127.0.0.1 (files in {})\n", out.display());
    let binaries = Binaries::locate(&args.root)?;
    step(&format!("starting anvil (chain id {CHAIN_ID}, {} s blocks), deploying SetRegistry and SetPaymaster, starting set-dev-sequencer and set-anchor", args.block_time));
    let profile = args.security_profile;
    let mut network = Network::start(&binaries, &out, args.block_time, profile).await?;
    println!(
        "  RPC {}  ·  SetRegistry {}  ·  sequencer {} (security profile {})",
        network.rpc_url,
        network.registry,
        network.sequencer_url,
        profile.as_str()
    );

    // Every exchange with the sequencer, and the chain reads of a bundle, go through set-client.
    let trust_document = trust_root(&network, profile)?;
    let config = ClientConfig::new(
        &trust_document.to_string(),
        &network.sequencer_url,
        &network.rpc_url,
        Auth::ApiKey(API_KEY.into()),
    )
    .map_err(|err| format!("set-client: {err}"))?;
    let client = Client::new(config).map_err(|err| format!("set-client: {err}"))?;

    let stores = commerce::stores();
    let agents = args.agents.iter().map(|spec| agents::Agent::parse(spec)).collect::<DemoResult<Vec<_>>>()?;
    if let Some(agent) = agents.iter().find(|agent| stores.iter().all(|store| store.name != agent.store)) {
        return Err(format!("--agent {}: no store {} in the demo", agent.command, agent.store));
    }
    let now = SystemTime::now();
    // Which agent signed which store's events, for the summary.
    let mut signers = Vec::new();
    let mut events_total = 0;
    let mut orders: Vec<(usize, VesEvent)> = Vec::new();
    let mut receipts: HashMap<uuid::Uuid, IngestReceipt> = HashMap::new();
    let mut commitment_ids = Vec::new();
    step(match profile {
        Profile::Legacy => "registering the store agents' Ed25519 keys; ingesting signed events (orders, payments, inventory, returns) of 2 tenants, 3 stores",
        Profile::Hybrid => "registering the store agents' hybrid keys (Ed25519 + ML-DSA-65, proofs of possession); ingesting events signed with both (scheme 3) of 2 tenants, 3 stores",
    });
    for (store_index, store) in stores.iter().enumerate() {
        register_agent_key(&client, store, profile).await?;
        // Signed in Rust: the events posted for a Rust agent, the reference for a binding's.
        let events = commerce::store_events(store, now, 0..commerce::ORDERS_PER_STORE, profile)
            .map_err(|err| format!("signing {}: {err}", store.name))?;
        let signed_by = match agents.iter().find(|agent| agent.store == store.name) {
            Some(agent) => {
                // The binding's requests must equal set-core's byte for byte (checked there).
                let printed = agents::sign_with(agent, store, &events, profile, &out.join("agents")).await?;
                for line in printed {
                    println!("    {} agent: {line}", agent.name);
                }
                agent.name.as_str()
            }
            None => "Rust",
        };
        receipts.extend(ingest(&client, store, &events).await?);
        commitment_ids.extend(commit(&client, store, 1, events.len() as u64).await?);
        println!(
            "  {:<16} {:<19} {} events signed by the {signed_by} agent → {} commitments",
            store.name,
            store.tenant_name,
            events.len(),
            events.len().div_ceil(commerce::EVENTS_PER_COMMITMENT as usize)
        );
        signers.push(format!("{}: {signed_by}", store.name));
        events_total += events.len();
        orders.extend(events.into_iter().filter(|e| e.event_type == "order.created").map(|e| (store_index, e)));
    }

    step(&format!(
        "waiting for set-anchor to put {} commitments on-chain and notify the sequencer",
        commitment_ids.len()
    ));
    let commitments =
        wait_until_anchored(&network, &client, &commitment_ids, Duration::from_secs(args.timeout)).await?;

    step(&format!("exporting the receipt bundles of {} orders to {}", orders.len(), export.display()));
    // A hybrid export adds the agents' ML-DSA-65 keys: like the Ed25519 ones, one per store.
    let mut index = String::from("file\tstore\torder_id\tsequence_number\tbatch_id\tagent_public_key");
    index.push_str(if profile == Profile::Hybrid { "\tagent_ml_dsa_65_public_key\n" } else { "\n" });
    for (n, (store_index, event)) in orders.iter().enumerate() {
        let store = &stores[*store_index];
        let receipt = receipts.get(&event.event_id).ok_or_else(|| format!("no receipt for {}", event.entity_id))?;
        let commitment = commitments
            .iter()
            .find(|c| {
                c.store_id == store.store_id && (c.sequence_start..=c.sequence_end).contains(&receipt.sequence_number)
            })
            .ok_or_else(|| format!("no commitment holds {}", event.entity_id))?;
        // The proof from the sequencer, the anchor's block from the chain, the parts checked by
        // set-core: set-client's bundle.
        let bundle = client
            .bundle_with_commitment(event, receipt, commitment)
            .await
            .map_err(|err| format!("bundle of {}: {err}", event.entity_id))?;
        let file = format!("bundles/{n:02}-{}-{}.json", store.name, event.entity_id);
        write(&export.join(&file), &bundle.to_json())?;
        let agent_key = encode_hex(&set_core::ves::signing::public_key(&store.agent_seed));
        let _ = write!(
            index,
            "{file}\t{}\t{}\t{}\t{}\t{agent_key}",
            store.name, event.entity_id, receipt.sequence_number, commitment.batch_id
        );
        if profile == Profile::Hybrid {
            let _ = write!(index, "\t{}", encode_hex(&set_core::pq::signing::public_key(&store.agent_ml_dsa_seed)));
        }
        index.push('\n');
    }
    write(&export.join("index.tsv"), &index)?;
    write_configuration(&export, &trust_document, &network.rpc_url)?;
    let (first_store, first_order) = orders.first().ok_or("the sample business has no orders")?;
    println!(
        "  the order every SDK verifies: {} of {} ({}), the first row of index.tsv",
        first_order.entity_id, stores[*first_store].tenant_name, stores[*first_store].name
    );

    let verifiers = args
        .verifiers
        .iter()
        .map(|spec| spec.split_once('=').ok_or_else(|| format!("--verifier {spec}: expected NAME=COMMAND")))
        .collect::<DemoResult<Vec<_>>>()?;
    let mut results = Vec::new();
    for (name, command) in &verifiers {
        step(&format!("verifying from {name}: {command} {}", export.display()));
        results.push(run_verifier(command, &export, Output::All).await?);
    }

    // A verifier that always says "valid" would pass the step above: each must also refuse
    // copies of the export with one order forged, for the reason the forgery breaks.
    step(&format!(
        "forging {}: its total edited after signing, and its anchor moved to a decoy SetRegistry holding the same commitment",
        first_order.entity_id
    ));
    let mut forgeries = vec![
        forgery::edited_total(&export, &out, first_order)?,
        forgery::anchored_elsewhere(&network, &binaries, &export, &out, first_order).await?,
    ];
    if profile == Profile::Hybrid {
        step(&format!("forging {}: the ML-DSA-65 half of its hybrid receipt signature flipped", first_order.entity_id));
        forgeries.push(forgery::ml_dsa_flipped(&export, &out, first_order)?);
    }
    let mut refusals: Vec<Vec<bool>> = vec![Vec::new(); verifiers.len()];
    for forgery in &forgeries {
        if !verifiers.is_empty() {
            step(&format!(
                "the verifiers on the {} copy — {} (must be refused: {} fails)",
                forgery.name, forgery.description, forgery.failing_check
            ));
        }
        for ((name, command), refused) in verifiers.iter().zip(&mut refusals) {
            println!("  {name}:");
            let run = run_verifier(command, &forgery.folder, Output::Failures).await?;
            let right_reason = run.refused_for(forgery.failing_check);
            if !right_reason {
                println!("    ✘ {name} did not refuse it with {}: fail", forgery.failing_check);
            }
            refused.push(right_reason);
        }
    }

    let l1_proofs = if args.anchored_l1.is_empty() {
        None
    } else {
        Some(prove_to_l1(args, &network, &export, &out, first_order, &verifiers).await?)
    };

    let transactions = network.anchor_stats().await.and_then(|stats| stats["transactions_sent"].as_u64());
    let embedded = match &args.embedded_anchor {
        Some(command) => Some(anchor_with_the_library(&mut network, &client, &stores[0], now, command).await?),
        None => None,
    };
    let blocks: Vec<u64> = commitments.iter().filter_map(|c| c.chain_block_number).collect();
    println!("\n━━ Summary ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━");
    println!(
        "  chain       anvil, chain id {CHAIN_ID}, {} s blocks, SetRegistry {}; sequencer profile {}",
        args.block_time,
        network.registry,
        profile.as_str()
    );
    println!(
        "  events      {events_total} signed events, 2 tenants, 3 stores → {} commitments, anchored in {} transaction(s), blocks {}–{}",
        commitments.len(),
        transactions.map_or("?".into(), |t| t.to_string()),
        blocks.iter().min().copied().unwrap_or_default(),
        blocks.iter().max().copied().unwrap_or_default()
    );
    println!("  agents      {} (a binding's ingest bodies equal to set-core's, byte for byte)", signers.join(" · "));
    println!(
        "  receipt     {} verified against trust-root.json ({NETWORK_NAME}: chain {CHAIN_ID}, SetRegistry {}), the chain read through the RPC of rpc-url.txt",
        first_order.entity_id, network.registry
    );
    let forged: Vec<String> = forgeries.iter().map(|f| format!("{} ({} fails)", f.name, f.failing_check)).collect();
    println!("  forgeries   {}", forged.join(" · "));
    let mut all_ok = true;
    for (((name, _), run), refused) in verifiers.iter().zip(&results).zip(&refusals) {
        let verified = run.accepted_as_anchored();
        all_ok &= verified && refused.iter().all(|r| *r);
        let mark = |ok: bool| if ok { "✔" } else { "✘" };
        let outcome: Vec<String> =
            forgeries.iter().zip(refused).map(|(f, ok)| format!("{} {}", mark(*ok), f.name)).collect();
        println!(
            "  {name:<10}  {} {}  ·  refuses {}  ({:.1} s)",
            mark(verified),
            run.last_line.trim_start_matches('→').trim(),
            outcome.join(", "),
            run.took.as_secs_f64()
        );
    }
    if let Some((proven, runs)) = &l1_proofs {
        println!(
            "  L1          {} proven to output root {}… of Set Chain block {} (L2OutputOracle {} on L1 chain {}, block {}); bundle {} bytes of JSON",
            first_order.entity_id,
            &proven.output_root.to_string()[..10],
            proven.l2_block_number,
            proven.oracle,
            set_devnet_l1::network::L1_CHAIN_ID,
            proven.l1_block_number,
            proven.bundle_bytes
        );
        for (name, run, refused) in runs {
            let verified = run.accepted_at("anchored-l1");
            all_ok &= verified && *refused;
            let mark = |ok: bool| if ok { "✔" } else { "✘" };
            println!(
                "  {name:<10}  {} {}  ·  refuses {} {}",
                mark(verified),
                run.last_line.trim_start_matches('→').trim(),
                mark(*refused),
                proven.tampered.name
            );
        }
    }
    if let Some((range, ok)) = &embedded {
        all_ok &= ok;
        let outcome = if *ok { "✔ anchored" } else { "✘ did NOT anchor" };
        println!(
            "  Rust lib    {outcome} the late {} commitment (events {range}) with set_anchor::service::Anchor cycles",
            stores[0].name
        );
    }
    println!("  total       {:.0} s; every process started by the demo is stopped", started.elapsed().as_secs_f64());
    Ok(all_ok)
}

/// The L1 step ([`l1`]): proves `order` up to an output root on L1 and runs the verifiers
/// named by `--anchored-l1` on the one-bundle export (each must reach `anchored-l1`) and on its
/// copy with an edited slot value (each must refuse it for `anchor_proof`). Returns what was
/// proven and, per verifier, its run and whether it refused the copy.
async fn prove_to_l1(
    args: &Args,
    network: &Network,
    export: &Path,
    out: &Path,
    order: &VesEvent,
    verifiers: &[(&str, &str)],
) -> DemoResult<(l1::AnchoredL1, Vec<(String, VerifierRun, bool)>)> {
    step(&format!(
        "committing Set Chain to an L1: anvil (chain id {}) with OP's L2OutputOracle; a proposer posts Set Chain's next output root, and {}'s receipt gets an anchor.proof up to it",
        set_devnet_l1::network::L1_CHAIN_ID,
        order.entity_id
    ));
    let proven = l1::prove_to_l1(network, args.block_time, export, out, order).await?;
    let mut runs = Vec::new();
    for name in &args.anchored_l1 {
        let (_, command) = verifiers
            .iter()
            .find(|(verifier, _)| verifier == name)
            .ok_or_else(|| format!("--anchored-l1 {name}: no --verifier of that name"))?;
        step(&format!("verifying at anchored-l1 from {name}: {command} {}", proven.folder.display()));
        let run = run_verifier(command, &proven.folder, Output::All).await?;
        println!("  {name} on the {} copy ({}):", proven.tampered.name, proven.tampered.description);
        let refused = run_verifier(command, &proven.tampered.folder, Output::Failures)
            .await?
            .refused_for(proven.tampered.failing_check);
        if !refused {
            println!("    ✘ {name} did not refuse it with {}: fail", proven.tampered.failing_check);
        }
        runs.push((name.clone(), run, refused));
    }
    Ok((proven, runs))
}

/// Registers `store`'s agent key with the sequencer, which accepts events only from registered
/// keys (key id 1, as the events name it): Ed25519 under `legacy`, Ed25519 + ML-DSA-65 with its
/// proof of possession under `hybrid` (which refuses a key without ML-DSA-65).
async fn register_agent_key(client: &Client, store: &commerce::Store, profile: Profile) -> DemoResult<()> {
    let registration = match profile {
        Profile::Legacy => AgentKeyRegistration::ed25519(
            store.tenant_id,
            store.agent_id,
            1,
            &set_core::ves::signing::public_key(&store.agent_seed),
        ),
        Profile::Hybrid => AgentKeyRegistration::hybrid(
            store.tenant_id,
            store.agent_id,
            1,
            &store.agent_seed,
            &store.agent_ml_dsa_seed,
        ),
    };
    client
        .register_agent_key(&registration)
        .await
        .map_err(|err| format!("agent key registration of {}: {err}", store.name))?;
    Ok(())
}

/// Sends `store`'s `events` through set-client, [`agents::EVENTS_PER_REQUEST`] per request;
/// returns the receipts by event id, each verified on arrival against the sequencer's key.
///
/// The client builds each request with set-core; where a binding's agent signed the events, its
/// requests were already checked equal to set-core's byte for byte ([`agents::sign_with`]), so
/// the same bytes go out.
async fn ingest(
    client: &Client,
    store: &commerce::Store,
    events: &[VesEvent],
) -> DemoResult<HashMap<uuid::Uuid, IngestReceipt>> {
    let mut receipts = HashMap::new();
    for chunk in events.chunks(agents::EVENTS_PER_REQUEST) {
        let outcome = client.ingest(chunk).await.map_err(|err| format!("ingest of {}: {err}", store.name))?;
        if !outcome.rejections.is_empty() {
            return Err(format!("the sequencer rejected events of {}: {:?}", store.name, outcome.rejections));
        }
        receipts.extend(outcome.accepted.into_iter().map(|accepted| (accepted.event.event_id, accepted.receipt)));
    }
    Ok(receipts)
}

/// Commits sequence numbers `first..=last` of `store`'s stream, `EVENTS_PER_COMMITMENT` at a
/// time; returns the commitment ids in order.
async fn commit(client: &Client, store: &commerce::Store, first: u64, last: u64) -> DemoResult<Vec<uuid::Uuid>> {
    let mut ids = Vec::new();
    let mut start = first;
    while start <= last {
        let sequence_end = (start + commerce::EVENTS_PER_COMMITMENT - 1).min(last);
        let request = CommitmentRequest {
            tenant_id: store.tenant_id,
            store_id: store.store_id,
            sequence_start: start,
            sequence_end,
        };
        let commitment = client.create_commitment(&request).await.map_err(|err| format!("commitment: {err}"))?;
        ids.push(commitment.batch_id);
        start = sequence_end + 1;
    }
    Ok(ids)
}

/// Stops the daemon, commits one more order of `store`, and lets `command` (cycles of the
/// anchor as a library) anchor it. Returns the commitment's range and whether it landed and
/// was notified.
async fn anchor_with_the_library(
    network: &mut Network,
    client: &Client,
    store: &commerce::Store,
    now: SystemTime,
    command: &str,
) -> DemoResult<(String, bool)> {
    network.stop_anchor_daemon();
    let late = commerce::ORDERS_PER_STORE..commerce::ORDERS_PER_STORE + 1;
    let events = commerce::store_events(store, now, late, network.profile).map_err(|err| format!("signing: {err}"))?;
    let receipts = ingest(client, store, &events).await?;
    let (first, last) = (
        receipts.values().map(|r| r.sequence_number).min().unwrap_or_default(),
        receipts.values().map(|r| r.sequence_number).max().unwrap_or_default(),
    );
    let ids = commit(client, store, first, last).await?;
    step(&format!(
        "set-anchor daemon stopped; {} more {} events committed (sequence {first}–{last}); anchoring them with the library: {command}",
        events.len(),
        store.name
    ));
    let mut words = command.split_whitespace();
    let program = words.next().ok_or("empty --embedded-anchor command")?;
    let output = tokio::process::Command::new(program)
        .args(words)
        .envs(network.anchor_settings())
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| format!("cannot run {program}: {err}"))?;
    for line in String::from_utf8_lossy(&output.stdout).lines().chain(String::from_utf8_lossy(&output.stderr).lines()) {
        println!("    {line}");
    }
    // The proof is on the sequencer's side: the commitment carries the tx hash once notified.
    let landed =
        output.status.success() && wait_until_anchored(network, client, &ids, Duration::from_secs(30)).await.is_ok();
    Ok((format!("{first}–{last}"), landed))
}

/// Writes the app's configuration beside the bundles: `trust-root.json`, the network every
/// verifier pins (a `set-trust-root-v1` document: chain id, SetRegistry, the sequencer's key;
/// under `hybrid` also its ML-DSA-65 key and the policy `require-hybrid`, so that a receipt
/// with either signature missing is refused), and `rpc-url.txt`, where to read that chain
/// (configuration, not trust: every verifier checks `eth_chainId` against the pinned chain id
/// and reads only the pinned registry).
fn write_configuration(export: &Path, trust_document: &serde_json::Value, rpc_url: &str) -> DemoResult<()> {
    write(&export.join("trust-root.json"), &format!("{trust_document:#}\n"))?;
    write(&export.join("rpc-url.txt"), &format!("{rpc_url}\n"))
}

/// The `set-trust-root-v1` document of `network`, read back by the core so every verifier is
/// handed a document it accepts.
fn trust_root(network: &Network, profile: Profile) -> DemoResult<serde_json::Value> {
    let sequencer_key = encode_hex(&set_core::ves::signing::public_key(&SEQUENCER_SIGNING_SEED));
    let mut trust_root = json!({
        "format": "set-trust-root-v1",
        "network": NETWORK_NAME,
        "chain_id": CHAIN_ID,
        "registry": network.registry,
        "sequencer_public_keys": [sequencer_key],
    });
    if profile == Profile::Hybrid {
        let ml_dsa_key = encode_hex(&set_core::pq::signing::public_key(&SEQUENCER_ML_DSA_SEED));
        trust_root["sequencer_ml_dsa_65_public_keys"] = json!([ml_dsa_key]);
        trust_root["signature_policy"] = json!("require-hybrid");
    }
    set_core::receipt::Trust::from_json(&trust_root.to_string()).map_err(|err| format!("trust-root.json: {err}"))?;
    Ok(trust_root)
}

/// `--serve-network`: the network alone, described in `file`, until stdin closes.
async fn serve_network(args: &Args, file: &Path) -> DemoResult<()> {
    std::fs::create_dir_all(&args.out).map_err(|err| format!("{}: {err}", args.out.display()))?;
    let out = std::fs::canonicalize(&args.out).map_err(|err| format!("{}: {err}", args.out.display()))?;
    let binaries = Binaries::locate(&args.root)?;
    let network = Network::start(&binaries, &out, args.block_time, args.security_profile).await?;
    let faulty = fault_proxy::start(network.sequencer_url.clone(), network.http.clone()).await?;
    let description = json!({
        "format": "set-test-network-v1",
        "sequencer_url": network.sequencer_url,
        "faulty_sequencer_url": faulty.url,
        "rpc_url": network.rpc_url,
        "api_key": network::API_KEY,
        "chain_id": CHAIN_ID,
        "registry": network.registry,
        "anchor_health_url": network.health_url,
        "security_profile": args.security_profile.as_str(),
        "trust_root": trust_root(&network, args.security_profile)?,
    });
    // Written whole, then renamed: a reader never sees half a file.
    let partial = file.with_extension("partial");
    write(&partial, &format!("{description:#}\n"))?;
    std::fs::rename(&partial, file).map_err(|err| format!("{}: {err}", file.display()))?;
    println!("NETWORK READY {}", file.display());
    // stdin is read on a blocking thread: EOF (the test runner closed the pipe or exited) ends it.
    let stdin_closed = tokio::task::spawn_blocking(|| {
        let mut sink = Vec::new();
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut sink);
    });
    let _ = stdin_closed.await;
    drop(faulty);
    drop(network);
    Ok(())
}

fn write(path: &Path, text: &str) -> DemoResult<()> {
    std::fs::write(path, text).map_err(|err| format!("{}: {err}", path.display()))
}

/// Polls every commitment until all carry the anchoring tx hash (the anchor notified the
/// sequencer after the transaction was confirmed), printing progress when it changes.
async fn wait_until_anchored(
    network: &Network,
    client: &Client,
    ids: &[uuid::Uuid],
    timeout: Duration,
) -> DemoResult<Vec<VesCommitment>> {
    let started = Instant::now();
    let mut last_report = (usize::MAX, 0u64);
    loop {
        let mut commitments = Vec::with_capacity(ids.len());
        for id in ids {
            commitments.push(client.commitment(id).await.map_err(|err| format!("commitment {id}: {err}"))?);
        }
        let anchored = commitments.iter().filter(|c| c.chain_tx_hash.is_some()).count();
        let block = network
            .rpc("eth_blockNumber", json!([]))
            .await
            .ok()
            .and_then(|b| b.as_str().and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok()))
            .unwrap_or_default();
        if (anchored, block) != last_report {
            println!(
                "  … {anchored}/{} anchored and notified · block {block} · {:.0} s",
                ids.len(),
                started.elapsed().as_secs_f64()
            );
            last_report = (anchored, block);
        }
        if anchored == ids.len() {
            return Ok(commitments);
        }
        if started.elapsed() > timeout {
            return Err(format!(
                "only {anchored} of {} commitments anchored after {} s; the anchor's log ends with:\n{}",
                ids.len(),
                timeout.as_secs(),
                network.anchor_log_tail()
            ));
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// How much of a verifier's output to show.
#[derive(Clone, Copy, PartialEq)]
enum Output {
    All,
    /// The failing checks and the last line.
    Failures,
}

/// One run of a verifier: its exit status and the last line of its output, where every example
/// sums up (`→ VALID · level anchored`, `→ INVALID · failed: anchor`).
struct VerifierRun {
    exit_code: Option<i32>,
    last_line: String,
    took: Duration,
}

impl VerifierRun {
    /// Valid, with the on-chain check against the pinned registry passed.
    fn accepted_as_anchored(&self) -> bool {
        self.exit_code == Some(0) && self.last_line.contains("VALID · level anchored")
    }

    /// Valid at exactly `level` (`anchored-l1`: not a weaker `anchored` that shares its prefix).
    fn accepted_at(&self, level: &str) -> bool {
        let claimed = self.last_line.split_once("VALID · level ").map(|(_, rest)| rest.split_whitespace().next());
        self.exit_code == Some(0) && !self.last_line.contains("INVALID") && claimed == Some(Some(level))
    }

    /// Refused as invalid (exit status 1, not a crash or bad input) with `check` among the
    /// failed checks.
    fn refused_for(&self, check: &str) -> bool {
        let failed = self.last_line.split_once("failed: ").map_or("", |(_, names)| names);
        self.exit_code == Some(1)
            && self.last_line.contains("INVALID")
            && failed.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(|name| name == check)
    }
}

/// Runs one verifier with the export folder as its last argument, its output indented.
async fn run_verifier(command: &str, export: &Path, shown: Output) -> DemoResult<VerifierRun> {
    let started = Instant::now();
    let mut words = command.split_whitespace();
    let program = words.next().ok_or("empty verifier command")?;
    let output = tokio::process::Command::new(program)
        .args(words)
        .arg(export)
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| format!("cannot run {program}: {err}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stdout.lines().chain(stderr.lines()).collect();
    let last = lines.len().saturating_sub(1);
    for (n, line) in lines.iter().enumerate() {
        if shown == Output::All || n == last || line.contains("fail") || line.contains('✘') {
            println!("    {line}");
        }
    }
    let last_line = stdout.lines().rev().find(|line| line.trim_start().starts_with('→')).unwrap_or("");
    Ok(VerifierRun { exit_code: output.status.code(), last_line: last_line.trim().to_owned(), took: started.elapsed() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(exit_code: i32, last_line: &str) -> VerifierRun {
        VerifierRun { exit_code: Some(exit_code), last_line: last_line.into(), took: Duration::ZERO }
    }

    #[test]
    fn only_a_valid_anchored_run_counts_as_verified() {
        assert!(run(0, "→ VALID · level anchored").accepted_as_anchored());
        assert!(run(0, "→ VALID · level anchored · 24 of 24").accepted_as_anchored());
        assert!(!run(0, "→ VALID · level committed").accepted_as_anchored());
        assert!(!run(0, "→ VALID · levels committed ×3, anchored ×21").accepted_as_anchored());
        assert!(!run(1, "→ VALID · level anchored").accepted_as_anchored());
    }

    #[test]
    fn only_the_level_named_counts_at_anchored_l1() {
        assert!(run(0, "→ VALID · level anchored-l1").accepted_at("anchored-l1"));
        assert!(run(0, "→ VALID · level anchored-l1 · 1 of 1").accepted_at("anchored-l1"));
        assert!(!run(0, "→ VALID · level anchored").accepted_at("anchored-l1"));
        assert!(!run(0, "→ VALID · level anchored-l2-proof").accepted_at("anchored-l1"));
        assert!(!run(1, "→ VALID · level anchored-l1").accepted_at("anchored-l1"));
        assert!(!run(1, "→ INVALID · level anchored-l1").accepted_at("anchored-l1"));
    }

    #[test]
    fn a_refusal_counts_only_with_exit_status_1_and_the_expected_check_failed() {
        assert!(run(1, "→ INVALID · failed: anchor").refused_for("anchor"));
        assert!(run(1, "→ INVALID · 1 of 24 · failed: payload_hash ×1, anchor ×1").refused_for("anchor"));
        assert!(!run(1, "→ INVALID · failed: payload_hash").refused_for("anchor"));
        assert!(!run(1, "→ INVALID · failed: anchor_x").refused_for("anchor"));
        // A crash or a bad setup (exit status 2) is no refusal, whatever it prints.
        assert!(!run(2, "→ INVALID · failed: anchor").refused_for("anchor"));
        assert!(!run(0, "→ VALID · level anchored").refused_for("anchor"));
    }
}
