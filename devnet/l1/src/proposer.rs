//! A test proposer: posts Set Chain's output roots to the L1 `L2OutputOracle` the way
//! op-proposer does with an `L2OutputOracle` (its `driver.go`): it proposes the block the oracle
//! asks for next (`nextBlockNumber()`) once that block is at or below the L2 safe head (op-proposer
//! waits for the finalized head unless told to accept safe ones), with the output root op-node's
//! `optimism_outputAtBlock` computes (`keccak256(0 ‖ state root ‖ message-passer storage root ‖
//! block hash)`, here from `eth_getBlockByNumber` and `eth_getProof` through the core), and pins
//! the L1 head it saw (`_l1BlockHash`, `_l1BlockNumber`) against reorgs.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use set_core::anchor_proof::l1::{decode_uint, IL2OutputOracle};
use set_core::anchor_proof::{output_preimage_from_rpc, OutputRootPreimage, L2_TO_L1_MESSAGE_PASSER};

use crate::network::PROPOSER;
use crate::rpc::{quantity, BlockTag, Rpc};
use crate::DevnetError;

/// One output proposed on L1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposed {
    /// Its index in the oracle (`getL2Output(index)`).
    pub index: u64,
    /// The L2 block it is the output of.
    pub l2_block_number: u64,
    /// Its preimage (what the output root hashes).
    pub preimage: OutputRootPreimage,
    /// The output root.
    pub output_root: B256,
    /// The L1 block holding the proposal.
    pub l1_block_number: u64,
}

/// Proposes Set Chain's outputs to one `L2OutputOracle`.
#[derive(Debug, Clone)]
pub struct Proposer {
    l1: Rpc,
    l2: Rpc,
    oracle: Address,
}

impl Proposer {
    /// A proposer of `l2`'s outputs to `oracle` on `l1`, sending as [`PROPOSER`].
    pub fn new(l1: Rpc, l2: Rpc, oracle: Address) -> Self {
        Proposer { l1, l2, oracle }
    }

    async fn read(&self, call: &impl SolCall) -> Result<u64, DevnetError> {
        Ok(decode_uint(&self.l1.eth_call(self.oracle, &call.abi_encode()).await?)?)
    }

    /// The output-root preimage of L2 block `number`, as op-node computes it.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`]; [`DevnetError::Proof`] when the answers do not hold together.
    pub async fn output_at(&self, number: u64) -> Result<OutputRootPreimage, DevnetError> {
        let block = self.l2.block(BlockTag::Number(number)).await?;
        let message_passer = self.l2.get_proof(L2_TO_L1_MESSAGE_PASSER, &[], number).await?;
        Ok(output_preimage_from_rpc(&block, &message_passer)?)
    }

    /// Proposes the next output if its L2 block is safe; `None` when it is not yet.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`] / [`DevnetError::Reverted`] from the calls and the transaction.
    pub async fn propose_next(&self) -> Result<Option<Proposed>, DevnetError> {
        let next = self.read(&IL2OutputOracle::nextBlockNumberCall {}).await?;
        if self.l2.block_number(BlockTag::Safe).await? < next {
            return Ok(None);
        }
        let preimage = self.output_at(next).await?;
        let output_root = preimage.output_root();
        // The oracle refuses an output whose L2 time (as it computes it) is not yet past on L1.
        let l2_time = self.read(&IL2OutputOracle::computeL2TimestampCall { _l2BlockNumber: U256::from(next) }).await?;
        while unix_now() <= l2_time {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let index = self.read(&IL2OutputOracle::nextOutputIndexCall {}).await?;
        let l1_head = self.l1.block(BlockTag::Latest).await?;
        let l1_hash: B256 = l1_head["hash"]
            .as_str()
            .and_then(|text| text.parse().ok())
            .ok_or_else(|| DevnetError::Answer(format!("L1 head without a hash: {l1_head}")))?;
        let propose = IL2OutputOracle::proposeL2OutputCall {
            _outputRoot: output_root,
            _l2BlockNumber: U256::from(next),
            _l1BlockHash: l1_hash,
            _l1BlockNumber: U256::from(quantity("number", &l1_head["number"])?),
        };
        let mined = self.l1.send(PROPOSER, Some(self.oracle), &propose.abi_encode()).await?;
        Ok(Some(Proposed { index, l2_block_number: next, preimage, output_root, l1_block_number: mined.block_number }))
    }

    /// Proposes outputs until one covers L2 block `at_least` (as op-proposer would over time),
    /// waiting for the safe head; returns that output.
    ///
    /// # Errors
    /// As [`Proposer::propose_next`]; [`DevnetError::Timeout`] after `timeout`.
    pub async fn propose_until(&self, at_least: u64, timeout: Duration) -> Result<Proposed, DevnetError> {
        let started = std::time::Instant::now();
        loop {
            if let Some(proposed) = self.propose_next().await? {
                if proposed.l2_block_number >= at_least {
                    return Ok(proposed);
                }
                continue;
            }
            if started.elapsed() > timeout {
                return Err(DevnetError::Timeout(format!("an output at or after L2 block {at_least}")));
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs())
}
