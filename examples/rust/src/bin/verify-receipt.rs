//! Verify one order's receipt bundle from Rust against the app's pinned network with set-client
//! (`Client::verify_online`): `set-core` checks the signatures, the hashes, the inclusion proof
//! and the bundle's anchor claim; the commitment is read from the SetRegistry the trust root pins
//! (never the one the bundle names), on an RPC whose `eth_chainId` must be the pinned chain id;
//! SetRegistry's `verifyVesInclusion` (`Client::contract_accepts_inclusion`) then says whether
//! the contract itself accepts the proof.
//!
//! ```text
//! cargo run -p set-example-rust --bin verify-receipt -- target/demo/export [bundles/NN-….json]
//! ```
//! The folder is the one `make demo` exports (layout in `examples/README.md`): `trust-root.json`
//! is what the app trusts, `rpc-url.txt` where it reads the chain. A hybrid export
//! (`make demo-hybrid`) pins the sequencer's ML-DSA-65 key with the policy `require-hybrid`
//! and lists the agents' ML-DSA-65 keys in a seventh column of `index.tsv`: both signatures of
//! the receipt and of the event are then checked (set-core's `ml-dsa` feature).

use std::path::Path;
use std::process::ExitCode;

use set_client::{Client, ClientConfig};
use set_core::encoding::decode_fixed;
use set_core::receipt::ReceiptBundle;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(export) = args.first() else {
        eprintln!("usage: verify-receipt EXPORT_DIR [BUNDLE_FILE]");
        return ExitCode::from(2);
    };
    match verify(Path::new(export), args.get(1).map(String::as_str)).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("verify-receipt: {err}");
            ExitCode::from(2)
        }
    }
}

async fn verify(export: &Path, wanted: Option<&str>) -> Result<bool, Box<dyn std::error::Error>> {
    // The pinned network: a set-trust-root-v1 document (chain id, SetRegistry, sequencer keys,
    // for a hybrid network also the sequencer's ML-DSA-65 keys and a signature policy), and where
    // to read the chain. Only the chain is read here, so no sequencer URL.
    let trust_root = std::fs::read_to_string(export.join("trust-root.json"))?;
    let rpc_url = std::fs::read_to_string(export.join("rpc-url.txt"))?;
    let mut config = ClientConfig::chain_only(&trust_root, rpc_url.trim())?;

    let index = std::fs::read_to_string(export.join("index.tsv"))?;
    // Columns: file, store, order_id, sequence_number, batch_id, agent_public_key, and in a
    // hybrid export agent_ml_dsa_65_public_key.
    let row: Vec<&str> = index
        .lines()
        .skip(1)
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .find(|row| wanted.is_none_or(|file| row[0] == file))
        .ok_or("bundle not in index.tsv")?;
    let bundle = ReceiptBundle::from_json(&std::fs::read_to_string(export.join(row[0]))?)?;
    config.trust.agent_public_key = Some(decode_fixed("agent_public_key", row[5])?);
    if let Some(key) = row.get(6).filter(|key| !key.is_empty()) {
        config.trust.agent_ml_dsa_65_public_key =
            Some(set_core::pq::parse_ml_dsa_65_public_key("agent_ml_dsa_65_public_key", key)?);
    }
    let client = Client::new(config)?;

    // The bundle's `anchor` is a claim the core checks against the pinned network, not an
    // address to ask.
    let verdict = client.verify_online(&bundle).await?;
    let trust = &client.config().trust;
    let (chain_id, registry) = (trust.chain_id.unwrap_or_default(), trust.registry.unwrap_or_default());
    println!("Rust (set-core) — {} {} of {}", bundle.event.entity_id, bundle.event.event_type, row[1]);
    println!(
        "  pinned               {} · chain {chain_id} · SetRegistry {registry}",
        trust.network.as_deref().unwrap_or("?")
    );
    for outcome in verdict.outcomes() {
        let reason = outcome.reason.map(|reason| format!(" — {reason}")).unwrap_or_default();
        println!("  {:<20} {}{reason}", outcome.name, outcome.status);
    }

    // The contract's own answer on the same proof, from the pinned SetRegistry.
    let contract_accepts = client.contract_accepts_inclusion(&bundle).await?;
    println!(
        "  {:<20} {}",
        "verifyVesInclusion",
        if contract_accepts { "true (eth_call)" } else { "false (eth_call)" }
    );
    let algorithms = |verified: &[set_core::receipt::SignatureAlgorithm]| {
        let names: Vec<&str> = verified.iter().map(|alg| alg.as_str()).collect();
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(" + ")
        }
    };
    println!(
        "  {:<20} sequencer {} · agent {} (policy {})",
        "signatures verified",
        algorithms(&verdict.sequencer_signatures),
        algorithms(&verdict.agent_signatures),
        trust.signature_policy.as_str()
    );
    println!("  {:<20} {}", "level", verdict.level.as_str());

    let mut failed: Vec<&str> = verdict.outcomes().filter(|o| o.status == "fail").map(|o| o.name).collect();
    if !contract_accepts {
        failed.push("verifyVesInclusion");
    }
    if failed.is_empty() {
        println!("  → VALID · level {}", verdict.level.as_str());
    } else {
        println!("  → INVALID · failed: {}", failed.join(", "));
    }
    Ok(failed.is_empty())
}
