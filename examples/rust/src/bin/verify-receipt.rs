//! Verify one order's receipt bundle from Rust against the app's pinned network: `set-core`
//! checks the signatures, the hashes, the inclusion proof and the bundle's anchor claim; the
//! commitment is read from the SetRegistry the trust root pins (never the one the bundle names),
//! on an RPC whose `eth_chainId` must be the pinned chain id; SetRegistry's `verifyVesInclusion`
//! then says whether the contract itself accepts the proof.
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

use serde_json::{json, Value};
use set_core::encoding::{decode_fixed, Address};
use set_core::receipt::{verify_receipt, ReceiptBundle, Trust};
use set_core::registry::{self, U256};

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
    // for a hybrid network also the sequencer's ML-DSA-65 keys and a signature policy).
    let mut trust = Trust::from_json(&std::fs::read_to_string(export.join("trust-root.json"))?)?;
    let (Some(chain_id), Some(registry)) = (trust.chain_id, trust.registry) else {
        return Err("trust-root.json pins no chain_id and registry".into());
    };
    let rpc_url = std::fs::read_to_string(export.join("rpc-url.txt"))?.trim().to_owned();

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

    // The chain is read through the pinned network only: the bundle's `anchor` is a claim the
    // core checks against it, not an address to ask.
    let served = rpc(&rpc_url, "eth_chainId", json!([])).await?;
    let served = served.as_str().and_then(|hex| u64::from_str_radix(hex.trim_start_matches("0x"), 16).ok());
    if served != Some(chain_id) {
        return Err(format!("{rpc_url} serves chain {served:?}, the trust root pins {chain_id}").into());
    }
    let batch_id = set_core::ids::uuid_to_bytes32(&bundle.commitment.batch_id);
    let returned = eth_call(&rpc_url, registry, &registry::encode_get_batch_commitment(batch_id)).await?;
    trust.agent_public_key = Some(decode_fixed("agent_public_key", row[5])?);
    if let Some(key) = row.get(6).filter(|key| !key.is_empty()) {
        trust.agent_ml_dsa_65_public_key =
            Some(set_core::pq::parse_ml_dsa_65_public_key("agent_ml_dsa_65_public_key", key)?);
    }
    trust.onchain = Some(registry::decode_get_batch_commitment(&returned)?);

    let verdict = verify_receipt(&bundle, &trust)?;
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
    let leaf = bundle.event.leaf_hash(bundle.receipt.sequence_number)?;
    let call = registry::encode_verify_ves_inclusion(
        batch_id,
        leaf,
        &bundle.proof.proof_path,
        U256::from(bundle.proof.leaf_index),
    );
    let contract_accepts = registry::decode_verify_ves_inclusion(&eth_call(&rpc_url, registry, &call).await?)?;
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

async fn rpc(rpc_url: &str, method: &str, params: Value) -> Result<Value, Box<dyn std::error::Error>> {
    let request = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
    let response: Value = reqwest::Client::new().post(rpc_url).json(&request).send().await?.json().await?;
    match response.get("result") {
        Some(result) if !result.is_null() => Ok(result.clone()),
        _ => Err(format!("{method} failed: {response}").into()),
    }
}

async fn eth_call(rpc_url: &str, to: Address, data: &[u8]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let result =
        rpc(rpc_url, "eth_call", json!([{"to": to, "data": set_core::encoding::encode_hex(data)}, "latest"])).await?;
    Ok(set_core::encoding::decode_hex("eth_call result", result.as_str().unwrap_or_default())?)
}
