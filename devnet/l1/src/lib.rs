//! The L1 test network of anchor proofs (see README.md): anvil as Set Chain and anvil as L1 with
//! OP Stack's `L2OutputOracle`, a test proposer that posts Set Chain's output roots there the way
//! op-proposer does, and what a producer does to capture an `anchor.proof` (the RPC answers the
//! core builds it from).
//!
//! Everything that decides something (the proof, its checks, the output root) is in `set-core`;
//! this crate only starts processes, sends transactions and reads answers.

pub mod network;
pub mod proposer;
pub mod rpc;

use alloy_primitives::{Address, B256};
use serde_json::{json, Value};
use set_core::anchor_proof::{commitment_slots, AnchorProofError};
use set_core::receipt::BundleCommitment;
use set_core::registry::{encode_commit_batch, CommitBatchArgs};
use uuid::Uuid;

use network::{OracleConfig, Process, SetDeployment, L1_CHAIN_ID, SEQUENCER, SET_CHAIN_ID};
use proposer::Proposer;
use rpc::{BlockTag, Mined, Rpc};

/// What can go wrong setting the networks up or talking to them.
#[derive(Debug, thiserror::Error)]
pub enum DevnetError {
    /// A tool or artifact is missing, or a process did not start.
    #[error("setup: {0}")]
    Setup(String),
    /// A JSON-RPC call failed (transport or error answer).
    #[error("{method}: {message}")]
    Rpc {
        /// The method called.
        method: String,
        /// The transport error or the node's error object.
        message: String,
    },
    /// An answer that is not what the call returns.
    #[error("unexpected answer: {0}")]
    Answer(String),
    /// A transaction reverted.
    #[error("reverted: {0}")]
    Reverted(String),
    /// Something did not happen in time.
    #[error("timed out waiting for {0}")]
    Timeout(String),
    /// The core refused an answer while building a proof or an output root.
    #[error(transparent)]
    Proof(#[from] AnchorProofError),
}

/// Both networks, up and deployed: Set Chain (L2) with SetRegistry, the L1 with an
/// `L2OutputOracle` proposed to by [`Devnet::proposer`]. The processes stop when it is dropped.
#[derive(Debug)]
pub struct Devnet {
    /// Set Chain's RPC.
    pub l2: Rpc,
    /// The L1's RPC.
    pub l1: Rpc,
    /// SetRegistry and SetPaymaster on Set Chain.
    pub set: SetDeployment,
    /// The `L2OutputOracle` proxy on L1.
    pub oracle: Address,
    /// The oracle's configuration.
    pub oracle_config: OracleConfig,
    _processes: [Process; 2],
}

impl Devnet {
    /// Starts Set Chain (a block every second, its safe head two blocks behind) and the L1 (a
    /// block per transaction), deploys SetRegistry and the `L2OutputOracle` (an output every
    /// `submission_interval` L2 blocks from Set Chain's current head).
    ///
    /// # Errors
    /// [`DevnetError`] from any step.
    pub async fn start(submission_interval: u64) -> Result<Self, DevnetError> {
        let (l2_process, l2) = network::start_anvil(SET_CHAIN_ID, 1).await?;
        let (l1_process, l1) = network::start_anvil(L1_CHAIN_ID, 0).await?;
        let deploy_rpc = l2.clone();
        let set = tokio::task::spawn_blocking(move || network::deploy_set_chain(&deploy_rpc))
            .await
            .map_err(|err| DevnetError::Setup(format!("deploy: {err}")))??;
        let oracle_config = OracleConfig::from_head(&l2, submission_interval, 1).await?;
        let oracle = network::deploy_l2_output_oracle(&l1, oracle_config).await?;
        Ok(Devnet { l2, l1, set, oracle, oracle_config, _processes: [l2_process, l1_process] })
    }

    /// A proposer of this Set Chain's outputs to this oracle.
    pub fn proposer(&self) -> Proposer {
        Proposer::new(self.l1.clone(), self.l2.clone(), self.oracle)
    }

    /// Commits `commitment` of the stream (`tenant`, `store`) to SetRegistry as the authorised
    /// sequencer (`commitBatch`), and waits until it is mined.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`] / [`DevnetError::Reverted`].
    pub async fn commit(
        &self,
        tenant: &Uuid,
        store: &Uuid,
        commitment: &BundleCommitment,
    ) -> Result<Mined, DevnetError> {
        self.l2.send(SEQUENCER, Some(self.set.registry), &commit_calldata(tenant, store, commitment)).await
    }

    /// Waits until Set Chain's safe head reaches `number`.
    ///
    /// # Errors
    /// [`DevnetError::Timeout`] after 30 s.
    pub async fn wait_safe(&self, number: u64) -> Result<(), DevnetError> {
        let started = std::time::Instant::now();
        while self.l2.block_number(BlockTag::Safe).await? < number {
            if started.elapsed() > std::time::Duration::from_secs(30) {
                return Err(DevnetError::Timeout(format!("L2 block {number} to be safe")));
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        Ok(())
    }

    /// The RPC answers an `anchor.proof` of `batch_id` at L2 block `number` is built from:
    /// `eth_getBlockByNumber(number)` and `eth_getProof(account, commitment_slots(batch_id), number)`.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`].
    pub async fn capture(&self, account: Address, batch_id: &Uuid, number: u64) -> Result<Capture, DevnetError> {
        Ok(Capture {
            block: self.l2.block(BlockTag::Number(number)).await?,
            get_proof: self.l2.get_proof(account, &commitment_slots(batch_id), number).await?,
        })
    }
}

/// `eth_getBlockByNumber` and `eth_getProof` answers of one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    /// `eth_getBlockByNumber(n, false)`.
    pub block: Value,
    /// `eth_getProof(account, slots, n)`.
    pub get_proof: Value,
}

impl Capture {
    /// As JSON: `{"eth_getBlockByNumber": …, "eth_getProof": …}`.
    pub fn to_json(&self) -> Value {
        json!({"eth_getBlockByNumber": self.block, "eth_getProof": self.get_proof})
    }
}

/// `commitBatch` calldata of `commitment` for the stream (`tenant`, `store`).
pub fn commit_calldata(tenant: &Uuid, store: &Uuid, commitment: &BundleCommitment) -> Vec<u8> {
    let bytes32 = set_core::ids::uuid_to_bytes32;
    encode_commit_batch(&CommitBatchArgs {
        batch_id: bytes32(&commitment.batch_id),
        tenant_id: bytes32(tenant),
        store_id: bytes32(store),
        events_root: commitment.merkle_root,
        prev_state_root: commitment.prev_state_root,
        new_state_root: commitment.new_state_root,
        sequence_start: commitment.sequence_start,
        sequence_end: commitment.sequence_end,
        event_count: commitment.leaf_count,
    })
}

/// The block hash field of an `eth_getBlockByNumber` answer.
///
/// # Errors
/// [`DevnetError::Answer`] when it has none.
pub fn block_hash(block: &Value) -> Result<B256, DevnetError> {
    block["hash"]
        .as_str()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| DevnetError::Answer(format!("block without a hash: {block}")))
}
