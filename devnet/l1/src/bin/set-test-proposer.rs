//! `set-test-proposer`: proposes Set Chain's output roots to an L1 `L2OutputOracle` the way
//! op-proposer does (the next block the oracle asks for, once it is safe on L2), printing one
//! JSON line per output proposed. For local networks: it sends from anvil's unlocked development
//! account 3, the proposer `set-devnet-l1` deploys the oracle with.

use std::time::Duration;

use alloy_primitives::Address;
use clap::Parser;
use serde_json::json;
use set_devnet_l1::proposer::Proposer;
use set_devnet_l1::rpc::{hex, Rpc};

/// Proposes Set Chain's outputs to an L1 L2OutputOracle (local test networks only).
#[derive(Debug, Parser)]
struct Args {
    /// The L1's JSON-RPC URL.
    #[arg(long, env = "L1_RPC_URL")]
    l1_rpc: String,
    /// Set Chain's JSON-RPC URL.
    #[arg(long, env = "L2_RPC_URL")]
    l2_rpc: String,
    /// The L2OutputOracle (its proxy) on L1.
    #[arg(long, env = "L2_OUTPUT_ORACLE")]
    oracle: Address,
    /// How often to look for the next output to propose, in milliseconds.
    #[arg(long, default_value_t = 1000)]
    poll_ms: u64,
    /// Stop after this many outputs (0: never).
    #[arg(long, default_value_t = 0)]
    count: u64,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let proposer = Proposer::new(Rpc::new(args.l1_rpc), Rpc::new(args.l2_rpc), args.oracle);
    let mut proposed = 0;
    loop {
        match proposer.propose_next().await {
            Ok(Some(output)) => {
                let line = json!({
                    "index": output.index,
                    "l2_block_number": output.l2_block_number,
                    "output_root": hex(output.output_root.as_slice()),
                    "l1_block_number": output.l1_block_number,
                });
                println!("{line}");
                proposed += 1;
                if proposed == args.count {
                    return;
                }
                continue;
            }
            Ok(None) => {}
            Err(err) => eprintln!("set-test-proposer: {err}"),
        }
        tokio::time::sleep(Duration::from_millis(args.poll_ms)).await;
    }
}
