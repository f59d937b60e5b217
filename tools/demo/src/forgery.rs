//! The forged copies of the export that every verifier must refuse, each changing one thing in
//! one order's bundle and nothing in the app's configuration (`trust-root.json`, `rpc-url.txt`):
//!
//! - **edited total**: the order's `total_minor` raised after the agent signed it;
//! - **anchored elsewhere**: the order's `anchor` names a SetRegistry the forger deployed on the
//!   same chain and wrote the very same commitment to, so that registry answers
//!   `getBatchCommitment` exactly as the pinned one. A verifier that read the chain through the
//!   bundle's `anchor` would call it anchored; one that reads the pinned registry refuses it;
//! - **ML-DSA flipped** (hybrid profile only): one bit of the ML-DSA-65 half of the order's
//!   hybrid receipt signature flipped, its Ed25519 half intact. A verifier that checked only the
//!   Ed25519 half, or skipped an ML-DSA-65 signature it cannot check, would accept it;
//! - **slot edited** (of the `anchored-l1` export, [`crate::l1`]): the events root the order's
//!   `anchor.proof` states for the commitment's first storage slot changed by one bit, the proof
//!   nodes intact. A verifier that trusted the stated value would still call it `anchored-l1`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};
use set_core::ids::uuid_to_bytes32;
use set_core::receipt::ReceiptBundle;
use set_core::registry::{self, OnchainCommitment};
use set_core::ves::VesEvent;

use crate::network::{self, Binaries, DemoResult, Network};

/// anvil's third dev account: the forger, who deploys a SetRegistry of its own and authorizes
/// itself to commit to it (anvil's dev accounts are unlocked, so `eth_sendTransaction` signs).
const FORGER_ADDRESS: &str = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const FORGER_KEY: &str = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

/// Files of an export that are the app's configuration, not evidence: a forgery copies them as
/// they are.
pub const CONFIGURATION: [&str; 3] = ["trust-root.json", "rpc-url.txt", "index.tsv"];

/// A forged copy of the export.
pub struct Forgery {
    /// Short name for the summary.
    pub name: &'static str,
    /// What was forged, for the output.
    pub description: String,
    /// The copy's folder (same layout as the export).
    pub folder: PathBuf,
    /// The check every verifier must fail on it.
    pub failing_check: &'static str,
}

/// A copy of `export` in `out/export-edited-total` whose `order` total is 100 higher than the
/// agent signed.
pub fn edited_total(export: &Path, out: &Path, order: &VesEvent) -> DemoResult<Forgery> {
    let folder = out.join("export-edited-total");
    copy_export(export, &folder, order, |bundle| {
        let total = bundle["event"]["payload"]["total_minor"].as_u64().ok_or("order payload without total_minor")?;
        bundle["event"]["payload"]["total_minor"] = json!(total + 100);
        Ok(())
    })?;
    Ok(Forgery {
        name: "edited total",
        description: format!("{}'s total_minor raised by 100 after the agent signed it", order.entity_id),
        folder,
        failing_check: "payload_hash",
    })
}

/// Deploys the forger's SetRegistry on the demo's chain, commits `order`'s commitment to it
/// exactly as the anchor committed it to the pinned registry, checks that both registries now
/// return the same record, and writes a copy of `export` to `out/export-anchored-elsewhere`
/// whose `order` bundle names the forger's registry, transaction and block as its anchor.
pub async fn anchored_elsewhere(
    network: &Network,
    binaries: &Binaries,
    export: &Path,
    out: &Path,
    order: &VesEvent,
) -> DemoResult<Forgery> {
    let bundle = ReceiptBundle::from_json(&std::fs::read_to_string(bundle_file(export, order)?).map_err(io(export))?)
        .map_err(|err| format!("bundle of {}: {err}", order.entity_id))?;
    let commitment = &bundle.commitment;
    let decoy = network::deploy_registry(binaries, &network.rpc_url, FORGER_KEY, FORGER_ADDRESS)?;
    let batch_id = uuid_to_bytes32(&commitment.batch_id);
    let calldata = set_devnet_l1::commit_calldata(&bundle.event.tenant_id, &bundle.event.store_id, commitment);
    let data = set_core::encoding::encode_hex(&calldata);
    let sent = network.rpc("eth_sendTransaction", json!([{"from": FORGER_ADDRESS, "to": decoy, "data": data}])).await?;
    let tx_hash = sent.as_str().ok_or("eth_sendTransaction returned no hash")?.to_owned();
    let landed = network.mined(&tx_hash, Duration::from_secs(60)).await?;
    let block_number = network::quantity(&landed["blockNumber"]).ok_or("commit receipt without blockNumber")?;

    // The point of the forgery: the decoy answers exactly as the pinned registry does (the
    // commit's timestamp aside, which no verifier compares).
    let read = |record: OnchainCommitment| OnchainCommitment { timestamp: 0, ..record };
    let call = registry::encode_get_batch_commitment(batch_id);
    let decode = |data: Vec<u8>| registry::decode_get_batch_commitment(&data).map_err(|err| err.to_string());
    let pinned = read(decode(network.eth_call(&network.registry, &call).await?)?);
    let forged = read(decode(network.eth_call(&decoy, &call).await?)?);
    if pinned != forged || pinned == OnchainCommitment::default() {
        return Err(format!("the decoy registry answers {forged:?}, the pinned one {pinned:?}"));
    }
    println!(
        "  decoy SetRegistry {decoy} (deployed by {FORGER_ADDRESS}), commitment {} written to it in block {block_number}",
        commitment.batch_id
    );
    println!(
        "  both registries answer getBatchCommitment alike: events root {}, state root {}, sequence {}–{}, {} events",
        short(&pinned.events_root.to_string()),
        short(&pinned.new_state_root.to_string()),
        pinned.sequence_start,
        pinned.sequence_end,
        pinned.event_count
    );

    let folder = out.join("export-anchored-elsewhere");
    copy_export(export, &folder, order, |bundle| {
        let anchor = &mut bundle["anchor"];
        anchor["registry"] = json!(decoy);
        anchor["tx_hash"] = json!(tx_hash);
        anchor["block_number"] = json!(block_number);
        anchor["block_hash"] = landed["blockHash"].clone();
        Ok(())
    })?;
    Ok(Forgery {
        name: "anchored elsewhere",
        description: format!(
            "{}'s anchor names the decoy SetRegistry {decoy}, which holds the same commitment",
            order.entity_id
        ),
        folder,
        failing_check: "anchor",
    })
}

/// A copy of `export` in `out/export-ml-dsa-flipped` whose `order` receipt has one bit of its
/// ML-DSA-65 signature (`receipt.receipt_signature_bundle.ml_dsa_65_signature`) flipped.
pub fn ml_dsa_flipped(export: &Path, out: &Path, order: &VesEvent) -> DemoResult<Forgery> {
    let folder = out.join("export-ml-dsa-flipped");
    copy_export(export, &folder, order, |bundle| {
        let half = &mut bundle["receipt"]["receipt_signature_bundle"]["ml_dsa_65_signature"];
        let mut signature = half
            .as_str()
            .and_then(|text| set_core::encoding::decode_hex("ml_dsa_65_signature", text).ok())
            .ok_or("the receipt has no ML-DSA-65 signature: is the sequencer hybrid?")?;
        // In the middle of the signature (its response vector z), not in its hint encoding.
        signature[1000] ^= 0x01;
        *half = json!(set_core::encoding::encode_hex(&signature));
        Ok(())
    })?;
    Ok(Forgery {
        name: "ML-DSA flipped",
        description: format!(
            "one bit of the ML-DSA-65 half of {}'s hybrid receipt signature flipped, the Ed25519 half intact",
            order.entity_id
        ),
        folder,
        failing_check: "sequencer_signature",
    })
}

/// A copy of the one-bundle `anchored-l1` export in `out/export-anchored-l1-slot-edited` whose
/// `order` proof states another value for the events-root slot (`storage_proof[0].value`, its
/// last bit flipped) than the slot proof leads to.
pub fn slot_edited(export: &Path, out: &Path, order: &VesEvent) -> DemoResult<Forgery> {
    let folder = out.join("export-anchored-l1-slot-edited");
    copy_export(export, &folder, order, |bundle| {
        let value = &mut bundle["anchor"]["proof"]["storage_proof"][0]["value"];
        let mut word = value
            .as_str()
            .and_then(|text| set_core::encoding::decode_hex("value", text).ok())
            .filter(|word| !word.is_empty())
            .ok_or("the bundle has no anchor.proof slot value")?;
        if let Some(last) = word.last_mut() {
            *last ^= 0x01;
        }
        *value = json!(set_core::encoding::encode_hex(&word));
        Ok(())
    })?;
    Ok(Forgery {
        name: "slot edited",
        description: format!(
            "{}'s anchor.proof states an events root one bit off the one its slot proof leads to",
            order.entity_id
        ),
        folder,
        failing_check: "anchor_proof",
    })
}

fn short(hex: &str) -> String {
    format!("{}…", &hex[..hex.len().min(10)])
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |err| format!("{}: {err}", path.display())
}

/// The bundle file of `order` in `export`.
pub fn bundle_file(export: &Path, order: &VesEvent) -> DemoResult<PathBuf> {
    let index = std::fs::read_to_string(export.join("index.tsv")).map_err(io(export))?;
    // Columns: file, store, order_id, …
    index
        .lines()
        .skip(1)
        .find_map(|line| {
            let mut columns = line.split('\t');
            let file = columns.next()?;
            (columns.nth(1) == Some(order.entity_id.as_str())).then(|| export.join(file))
        })
        .ok_or_else(|| format!("{} is not in index.tsv", order.entity_id))
}

/// Copies `export` to `to` (replacing a previous copy), applying `edit` to `order`'s bundle.
fn copy_export(
    export: &Path,
    to: &Path,
    order: &VesEvent,
    edit: impl FnOnce(&mut Value) -> DemoResult<()>,
) -> DemoResult<()> {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to.join("bundles")).map_err(io(to))?;
    for name in CONFIGURATION {
        std::fs::copy(export.join(name), to.join(name)).map_err(io(to))?;
    }
    let edited = bundle_file(export, order)?;
    let mut edit = Some(edit);
    for entry in std::fs::read_dir(export.join("bundles")).map_err(io(export))? {
        let path = entry.map_err(io(export))?.path();
        let name = path.file_name().ok_or("bundle without a file name")?;
        let target = to.join("bundles").join(name);
        if path != edited {
            std::fs::copy(&path, &target).map_err(io(to))?;
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        let mut bundle: Value = serde_json::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))?;
        if let Some(edit) = edit.take() {
            edit(&mut bundle)?;
        }
        std::fs::write(&target, bundle.to_string()).map_err(io(&target))?;
    }
    Ok(())
}
