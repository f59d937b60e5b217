//! Verify one order's `set-receipt-v1` bundle from Rust: `set-core` checks the signatures, the
//! hashes and the inclusion proof; SetRegistry, read with two `eth_call`s, says whether the
//! commitment is on-chain and whether the contract itself accepts the proof.
//!
//! ```text
//! cargo run -p set-example-rust --bin verify-receipt -- target/demo/export [bundles/NN-….json]
//! ```
//! The folder is the one `make demo` exports (layout in `examples/README.md`).

use std::path::Path;
use std::process::ExitCode;

use serde_json::{json, Value};
use set_core::encoding::decode_fixed;
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
    let network: Value = serde_json::from_str(&std::fs::read_to_string(export.join("network.json"))?)?;
    let index = std::fs::read_to_string(export.join("index.tsv"))?;
    // Columns: file, store, order_id, sequence_number, batch_id, agent_public_key.
    let row: Vec<&str> = index
        .lines()
        .skip(1)
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .find(|row| wanted.is_none_or(|file| row[0] == file))
        .ok_or("bundle not in index.tsv")?;
    let bundle = ReceiptBundle::from_json(&std::fs::read_to_string(export.join(row[0]))?)?;

    let rpc_url = network["rpc_url"].as_str().ok_or("network.json: rpc_url")?;
    let registry = network["registry"].as_str().ok_or("network.json: registry")?;
    let batch_id = set_core::ids::uuid_to_bytes32(&bundle.commitment.batch_id);
    let returned = eth_call(rpc_url, registry, &registry::encode_get_batch_commitment(batch_id)).await?;

    let trust = Trust {
        sequencer_public_keys: vec![decode_fixed(
            "sequencer_public_key",
            network["sequencer_public_key"].as_str().unwrap_or(""),
        )?],
        agent_public_key: Some(decode_fixed("agent_public_key", row[5])?),
        onchain: Some(registry::decode_get_batch_commitment(&returned)?),
        ..Trust::default()
    };
    let verdict = verify_receipt(&bundle, &trust)?;
    println!("Rust (set-core) — {} {} of {}", bundle.event.entity_id, bundle.event.event_type, row[1]);
    for (check, status) in &verdict.checks {
        println!("  {:<20} {}", check.name(), status.as_str());
    }

    // The contract's own answer on the same proof: SetRegistry.verifyVesInclusion.
    let leaf = bundle.event.leaf_hash(bundle.receipt.sequence_number)?;
    let call = registry::encode_verify_ves_inclusion(
        batch_id,
        leaf,
        &bundle.proof.proof_path,
        U256::from(bundle.proof.leaf_index),
    );
    let contract_accepts = registry::decode_verify_ves_inclusion(&eth_call(rpc_url, registry, &call).await?)?;
    println!(
        "  {:<20} {}",
        "verifyVesInclusion",
        if contract_accepts { "true (eth_call)" } else { "false (eth_call)" }
    );

    let valid = verdict.valid && contract_accepts;
    println!("  → {}", if valid { "VALID" } else { "INVALID" });
    Ok(valid)
}

async fn eth_call(rpc_url: &str, to: &str, data: &[u8]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let request = json!({"jsonrpc": "2.0", "id": 1, "method": "eth_call",
        "params": [{"to": to, "data": set_core::encoding::encode_hex(data)}, "latest"]});
    let response: Value = reqwest::Client::new().post(rpc_url).json(&request).send().await?.json().await?;
    let result = response["result"].as_str().ok_or_else(|| format!("eth_call failed: {response}"))?;
    Ok(set_core::encoding::decode_hex("eth_call result", result)?)
}
