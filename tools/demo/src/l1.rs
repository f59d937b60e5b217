//! The demo's last step: Set Chain committed to an L1, and the sample order proven up to it.
//!
//! set-anchor captured the sample order's `anchor.proof` when its transaction was final (the
//! registry's account and the commitment's three storage slots, proven against the header of the
//! block that was its finality head) and serves it on `GET /proofs/{batch_id}`. anvil as L1
//! (chain id 900) then gets OP's `L2OutputOracle` (from `@eth-optimism/contracts-bedrock`,
//! deployed by `set-devnet-l1` the way OP's deploy scripts do it) with outputs due at that block
//! and every `SUBMISSION_INTERVAL` blocks after; the test proposer posts the output root of that
//! block, as op-proposer would. The demo then acts as the bundle's producer and as the app:
//!
//! - **producer**: the proof as the anchor served it, upgraded with the output root of its block
//!   and where it was proposed (evidence added, never replaced);
//! - **app**: reads that output back from the oracle (`getL2Output(index)`, as an app would from
//!   its own L1 node) and pins it in the trust root (`l1_output_roots`, `l1_chain_id`,
//!   `l1_oracle`), so a verifier believes no RPC for the proof.
//!
//! `export-anchored-l1/` holds that one bundle with the pinned trust root; every SDK that checks
//! anchor proofs must say `VALID · level anchored-l1`. `export-anchored-l1-slot-edited/` is the
//! same with the events root of the proven slot edited: each must refuse it, `anchor_proof` failing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};
use set_core::anchor_proof::l1::{decode_get_l2_output, encode_get_l2_output};
use set_core::anchor_proof::{AnchorProof, L1Proposal};
use set_core::encoding::{encode_hex, Address, B256};
use set_core::receipt::ReceiptBundle;
use set_core::ves::VesEvent;
use set_devnet_l1::network::{deploy_l2_output_oracle, start_anvil, OracleConfig, L1_CHAIN_ID};
use set_devnet_l1::proposer::Proposer;
use set_devnet_l1::rpc::{quantity, BlockTag, Rpc};

use crate::forgery::{self, Forgery};
use crate::network::{DemoResult, Network};

/// An output root every this many L2 blocks: the first one comes a few seconds after deployment.
const SUBMISSION_INTERVAL: u64 = 2;

/// How long the proposer may wait for the output's L2 block to be safe.
const PROPOSE_TIMEOUT: Duration = Duration::from_secs(90);

/// What the L1 step made: the export at `anchored-l1`, its tampered copy, and what it pinned.
pub struct AnchoredL1 {
    /// One-bundle export of the sample order with its `anchor.proof` and the L1-pinned trust root.
    pub folder: PathBuf,
    /// The copy every verifier must refuse.
    pub tampered: Forgery,
    /// The output root pinned (read from L1).
    pub output_root: B256,
    /// The L2 block it is the output of.
    pub l2_block_number: u64,
    /// The oracle on L1.
    pub oracle: Address,
    /// The L1 block holding the proposal.
    pub l1_block_number: u64,
    /// The JSON size of the bundle at `anchored-l1`.
    pub bundle_bytes: usize,
}

/// Starts the L1, proposes the demo chain's output, and writes `out/export-anchored-l1` (and its
/// tampered copy) for `order`, whose bundle is in `export`. The L1 stops when this returns: the
/// verifiers need only what the app pinned.
pub async fn prove_to_l1(
    network: &Network,
    block_time: u64,
    export: &Path,
    out: &Path,
    order: &VesEvent,
) -> DemoResult<AnchoredL1> {
    let text = |err: set_devnet_l1::DevnetError| err.to_string();
    let source = forgery::bundle_file(export, order)?;
    let mut bundle = ReceiptBundle::from_json(&read(&source)?).map_err(|err| format!("{}: {err}", source.display()))?;
    let batch_id = bundle.commitment.batch_id;

    // The producer's L2 evidence, as the anchor captured it: the demo reads no storage itself.
    let served = network.anchor_proof(&batch_id).await?;
    let mut proof =
        AnchorProof::from_value(&served).map_err(|err| format!("the anchor's proof of {batch_id}: {err}"))?;
    let proven_at = proof.l2_header.number;
    println!(
        "  set-anchor's proof of commitment {batch_id} (GET /proofs/{batch_id}): against Set Chain block {proven_at}, {}",
        proof.l2_header.hash()
    );

    let l2 = Rpc::new(network.rpc_url.clone());
    let (_l1_process, l1) = start_anvil(L1_CHAIN_ID, 0).await.map_err(text)?;
    // Outputs due at `proven_at` and every SUBMISSION_INTERVAL blocks after: the first output
    // proposed is the one of the proof's own block.
    let starting_block_number =
        proven_at.checked_sub(SUBMISSION_INTERVAL).ok_or("the anchor's proof is of a block too early")?;
    let starting = l2.block(BlockTag::Number(starting_block_number)).await.map_err(text)?;
    let starting_timestamp = quantity("timestamp", &starting["timestamp"]).map_err(text)?;
    let config = OracleConfig {
        submission_interval: SUBMISSION_INTERVAL,
        l2_block_time: block_time,
        starting_block_number,
        starting_timestamp,
    };
    let oracle = deploy_l2_output_oracle(&l1, config).await.map_err(text)?;
    println!(
        "  L1 {} (chain id {L1_CHAIN_ID}) · L2OutputOracle {oracle}: outputs due every {SUBMISSION_INTERVAL} Set Chain blocks from block {proven_at}",
        l1.url()
    );
    let output =
        Proposer::new(l1.clone(), l2.clone(), oracle).propose_until(proven_at, PROPOSE_TIMEOUT).await.map_err(text)?;
    if output.l2_block_number != proven_at {
        return Err(format!("the oracle's first output is of block {}, not {proven_at}", output.l2_block_number));
    }

    // The app's read of L1: the output as the oracle stores it, never the proposer's word.
    let data = l1.eth_call(oracle, &encode_get_l2_output(output.index)).await.map_err(text)?;
    let on_l1 = decode_get_l2_output(&data).map_err(|err| format!("getL2Output({}): {err}", output.index))?;
    println!(
        "  output {} of Set Chain block {} proposed in L1 block {}; read back from the oracle: {}",
        output.index, on_l1.l2_block_number, output.l1_block_number, on_l1.output_root
    );

    // The producer upgrades the anchor's proof with that output: evidence added, none replaced.
    let location = L1Proposal::from_l2_output(L1_CHAIN_ID, oracle, output.index, &on_l1, Some(output.l1_block_number));
    proof
        .add_output(output.preimage, Some(location))
        .map_err(|err| format!("output of block {}: {err}", output.l2_block_number))?;
    bundle.anchor.as_mut().ok_or("the sample bundle has no anchor")?.proof = Some(proof.to_value());
    let bundle_json = bundle.to_json();

    let folder = out.join("export-anchored-l1");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("bundles")).map_err(|err| format!("{}: {err}", folder.display()))?;
    let file = source.strip_prefix(export).map_err(|_| "the bundle is not in the export")?;
    write(&folder.join(file), &bundle_json)?;
    write(&folder.join("index.tsv"), &sample_index(export, file)?)?;
    write(&folder.join("rpc-url.txt"), &read(&export.join("rpc-url.txt"))?)?;
    write(&folder.join("trust-root.json"), &l1_trust_root(export, oracle, on_l1.output_root)?)?;

    let tampered = forgery::slot_edited(&folder, out, order)?;
    Ok(AnchoredL1 {
        folder,
        tampered,
        output_root: on_l1.output_root,
        l2_block_number: on_l1.l2_block_number,
        oracle,
        l1_block_number: output.l1_block_number,
        bundle_bytes: bundle_json.len(),
    })
}

/// The export's trust root plus what the app read from L1: the output root, the L1 chain and
/// the oracle it read it from. Read back by the core, so every verifier gets a document it accepts.
fn l1_trust_root(export: &Path, oracle: Address, output_root: B256) -> DemoResult<String> {
    let mut trust: Value = serde_json::from_str(&read(&export.join("trust-root.json"))?)
        .map_err(|err| format!("trust-root.json: {err}"))?;
    trust["l1_chain_id"] = json!(L1_CHAIN_ID);
    trust["l1_oracle"] = json!(encode_hex(oracle.as_slice()));
    trust["l1_output_roots"] = json!([encode_hex(output_root.as_slice())]);
    let text = format!("{trust:#}\n");
    set_core::receipt::Trust::from_json(&text).map_err(|err| format!("the anchored-l1 trust root: {err}"))?;
    Ok(text)
}

/// `index.tsv` of the export with only the header and the row of `file`.
fn sample_index(export: &Path, file: &Path) -> DemoResult<String> {
    let index = read(&export.join("index.tsv"))?;
    let name = file.to_string_lossy();
    let mut lines = index.lines();
    let header = lines.next().ok_or("index.tsv is empty")?;
    let row = lines.find(|line| line.split('\t').next() == Some(&*name)).ok_or("the sample is not in index.tsv")?;
    Ok(format!("{header}\n{row}\n"))
}

fn read(path: &Path) -> DemoResult<String> {
    std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))
}

fn write(path: &Path, text: &str) -> DemoResult<()> {
    std::fs::write(path, text).map_err(|err| format!("{}: {err}", path.display()))
}
