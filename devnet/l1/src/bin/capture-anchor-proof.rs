//! `capture-anchor-proof`: makes tests/captured/anvil-anchor-proof.json, the real anvil answers
//! the conformance suite's `proof-` cases and the core's tests build anchor proofs from.
//!
//! It starts the devnet (anvil as Set Chain with SetRegistry from Deploy.s.sol, anvil as L1 with
//! OP's L2OutputOracle), commits the commitment of a conformance case's bundle with
//! `commitBatch`, lets the test proposer post outputs until one covers the commitment's block,
//! then one more, and records: `eth_getBlockByNumber` and `eth_getProof` (the registry's account
//! and the commitment's three slots) at the output's block and at the block before the commit
//! (the slots still empty), `eth_getProof` of SetPaymaster with the same slots (another account),
//! the L2ToL1MessagePasser's `eth_getProof` at both outputs' blocks, and `getL2Output(index)` of
//! both outputs read from L1.
//!
//! ```sh
//! make devnet-l1-setup contracts-setup
//! cargo run -p set-devnet-l1 --bin capture-anchor-proof -- \
//!     --case tests/conformance/cases/valid-anchored.json --out tests/captured/anvil-anchor-proof.json
//! ```

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use clap::Parser;
use serde_json::{json, Value};
use set_core::anchor_proof::l1::encode_get_l2_output;
use set_core::anchor_proof::L2_TO_L1_MESSAGE_PASSER;
use set_core::receipt::ReceiptBundle;
use set_devnet_l1::network::{foundry_bin, L1_CHAIN_ID, SET_CHAIN_ID};
use set_devnet_l1::proposer::Proposed;
use set_devnet_l1::rpc::{hex, BlockTag};
use set_devnet_l1::{Devnet, DevnetError};

/// Captures the anvil answers an anchor proof is built from (see the file's documentation).
#[derive(Debug, Parser)]
struct Args {
    /// A conformance case whose bundle's commitment is committed and proven.
    #[arg(long, default_value = "tests/conformance/cases/valid-anchored.json")]
    case: PathBuf,
    /// Where to write the capture.
    #[arg(long, default_value = "tests/captured/anvil-anchor-proof.json")]
    out: PathBuf,
}

#[tokio::main]
async fn main() {
    if let Err(err) = run(Args::parse()).await {
        eprintln!("capture-anchor-proof: {err}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), DevnetError> {
    let case: Value = std::fs::read_to_string(&args.case)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or_else(|| DevnetError::Setup(format!("{}: not a conformance case", args.case.display())))?;
    let bundle = ReceiptBundle::from_value(case["bundle"].clone())
        .map_err(|err| DevnetError::Setup(format!("{}: {err}", args.case.display())))?;
    let devnet = Devnet::start(2).await?;
    let batch_id = bundle.commitment.batch_id;
    let mined = devnet.commit(&bundle.event.tenant_id, &bundle.event.store_id, &bundle.commitment).await?;
    devnet.wait_safe(mined.block_number).await?;
    let proposer = devnet.proposer();
    let output = proposer.propose_until(mined.block_number, Duration::from_secs(60)).await?;
    let next = proposer.propose_until(output.l2_block_number + 1, Duration::from_secs(60)).await?;

    let at_output = devnet.capture(devnet.set.registry, &batch_id, output.l2_block_number).await?;
    let before = devnet.capture(devnet.set.registry, &batch_id, mined.block_number - 1).await?;
    let paymaster = devnet.capture(devnet.set.paymaster, &batch_id, output.l2_block_number).await?;
    let message_passer = |number| devnet.l2.get_proof(L2_TO_L1_MESSAGE_PASSER, &[], number);
    let (l1, oracle) = (&devnet.l1, devnet.oracle);
    let l1_output = |proposed: Proposed| async move {
        let data = l1.eth_call(oracle, &encode_get_l2_output(proposed.index)).await?;
        Ok::<Value, DevnetError>(json!({
            "index": proposed.index,
            "l1_block_number": proposed.l1_block_number,
            "getL2Output": hex(&data),
        }))
    };
    let anvil = Command::new(foundry_bin("anvil")?)
        .arg("--version")
        .output()
        .map_err(|err| DevnetError::Setup(err.to_string()))?;
    let anvil = String::from_utf8_lossy(&anvil.stdout).lines().next().unwrap_or_default().to_owned();
    let capture = json!({
        "description": "Real anvil answers an anchor.proof is built from: the commitment of the conformance case below committed to SetRegistry on anvil as Set Chain, its output proposed to OP's L2OutputOracle on anvil as L1 by the test proposer. Made by devnet/l1/src/bin/capture-anchor-proof.rs.",
        "command": "cargo run -p set-devnet-l1 --bin capture-anchor-proof -- --case tests/conformance/cases/valid-anchored.json --out tests/captured/anvil-anchor-proof.json",
        "versions": {"anvil": anvil, "@eth-optimism/contracts-bedrock": "0.17.3", "L2OutputOracle": "1.8.0"},
        "case": args.case.file_name().map(|name| name.to_string_lossy().into_owned()),
        "l2": {
            "chain_id": SET_CHAIN_ID,
            "registry": hex(devnet.set.registry.as_slice()),
            "paymaster": hex(devnet.set.paymaster.as_slice()),
            "anchor": {
                "tx_hash": hex(mined.tx_hash.as_slice()),
                "block_number": mined.block_number,
                "block_hash": hex(mined.block_hash.as_slice()),
            },
        },
        "at_output": {
            "eth_getBlockByNumber": at_output.block,
            "eth_getProof": at_output.get_proof,
            "paymaster_eth_getProof": paymaster.get_proof,
            "message_passer_eth_getProof": message_passer(output.l2_block_number).await?,
        },
        "before_commit": before.to_json(),
        "at_next_output": {
            "eth_getBlockByNumber": devnet.l2.block(BlockTag::Number(next.l2_block_number)).await?,
            "message_passer_eth_getProof": message_passer(next.l2_block_number).await?,
        },
        "l1": {
            "chain_id": L1_CHAIN_ID,
            "oracle": hex(devnet.oracle.as_slice()),
            "outputs": [l1_output(output).await?, l1_output(next).await?],
        },
    });
    let text = serde_json::to_string_pretty(&capture).map_err(|err| DevnetError::Setup(err.to_string()))? + "\n";
    std::fs::write(&args.out, text).map_err(|err| DevnetError::Setup(format!("{}: {err}", args.out.display())))?;
    println!("wrote {} (output {} at L2 block {})", args.out.display(), output.index, output.l2_block_number);
    Ok(())
}
