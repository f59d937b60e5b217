//! What a cycle talks to, as small traits: the chain's pinned reads ([`ChainRead`]), the raw
//! answers of an anchor proof ([`ProofRead`]), sending ([`Submit`]) and the sequencer
//! ([`SequencerApi`]). The daemon implements them with
//! [`crate::chain::Chain`] and [`crate::sequencer_client::SequencerClient`]; the unit tests
//! with in-memory fakes (`service::tests`), so the cycle's decisions are tested without anvil.

use std::future::Future;
use std::time::Duration;

use alloy::primitives::B256;
use set_core::anchoring::StreamHead;
use set_core::registry::{OnchainCommitment, RegistryRevert};
use set_core::sequencer::{AnchorNotification, AnchoredOutcome, PendingCommitment};
use uuid::Uuid;

use crate::error::ChainError;
use crate::sequencer_client::{SequencerClient, SequencerClientError};
use crate::txmgr::{Landed, SendConfig, SendFailure};

/// A block, as the cycle pins it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BlockRef {
    /// Number.
    pub number: u64,
    /// Hash.
    pub hash: B256,
    /// Timestamp, seconds.
    pub timestamp: u64,
}

/// Which head the cycle reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadTag {
    /// `latest`.
    Latest,
    /// `safe`.
    Safe,
    /// `finalized`.
    Finalized,
}

impl HeadTag {
    /// The JSON-RPC tag.
    pub fn as_str(self) -> &'static str {
        match self {
            HeadTag::Latest => "latest",
            HeadTag::Safe => "safe",
            HeadTag::Finalized => "finalized",
        }
    }
}

/// A `BatchCommitted` log: where a batch landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitLog {
    /// The transaction.
    pub tx_hash: B256,
    /// Its block.
    pub block_number: u64,
    /// That block's hash.
    pub block_hash: B256,
}

/// Reads of the chain. Every state read names its block by hash, so the reads of one cycle
/// see one state (a block reorged out in between fails the read instead of mixing two states).
pub trait ChainRead: Send + Sync {
    /// The chain id.
    fn chain_id(&self) -> u64;
    /// JSON-RPC calls made so far (for `set_anchor_rpc_calls_total`).
    fn rpc_calls(&self) -> u64 {
        0
    }
    /// The head behind `tag`.
    fn head(&self, tag: HeadTag) -> impl Future<Output = Result<BlockRef, ChainError>> + Send;
    /// The canonical block at `number`, if the chain is that long.
    fn block_at(&self, number: u64) -> impl Future<Output = Result<Option<BlockRef>, ChainError>> + Send;
    /// `getBatchCommitments(ids)` at `at` (a record with `timestamp == 0` does not exist).
    fn commitments_at(
        &self,
        ids: &[B256],
        at: &BlockRef,
    ) -> impl Future<Output = Result<Vec<OnchainCommitment>, ChainError>> + Send;
    /// `getBatchLatestStateRoots` and `getBatchHeadSequences` for `streams` (tenant, store) at `at`.
    fn heads_at(
        &self,
        streams: &[(B256, B256)],
        at: &BlockRef,
    ) -> impl Future<Output = Result<Vec<StreamHead>, ChainError>> + Send;
    /// `BatchCommitted(batch_id)` logs in blocks `from..=to` (the caller bounds the range).
    fn commit_logs(
        &self,
        batch_id: B256,
        from: u64,
        to: u64,
    ) -> impl Future<Output = Result<Vec<CommitLog>, ChainError>> + Send;
}

/// The raw answers an anchor proof is built from (`set_core::anchor_proof::build_anchor_proof`):
/// JSON as the node returns it, so the core reads exactly what any verifier would be handed.
pub trait ProofRead: Send + Sync {
    /// `eth_getBlockByNumber(number, false)`; an error if the node has no such block.
    fn block_json(&self, number: u64) -> impl Future<Output = Result<serde_json::Value, ChainError>> + Send;
    /// `eth_getProof(registry, keys, number)` for the registry proxy.
    fn registry_proof_json(
        &self,
        keys: &[B256],
        number: u64,
    ) -> impl Future<Output = Result<serde_json::Value, ChainError>> + Send;
}

/// Failures of [`Submit::submit`].
#[derive(Debug, thiserror::Error)]
pub enum SubmitFailure {
    /// The simulation reverted (the registry refuses a commitment).
    #[error("simulation reverted: {reason}")]
    Refused {
        /// Decoded revert, if any.
        decoded: Option<Box<RegistryRevert>>,
        /// Human-readable reason.
        reason: String,
    },
    /// The simulation could not run.
    #[error("estimate failed: {0}")]
    Estimate(ChainError),
    /// The transaction manager ended without a successful receipt, or skipped at the fee cap.
    #[error(transparent)]
    Send(#[from] SendFailure),
}

/// Sending commitments.
pub trait Submit: Send + Sync {
    /// The sender address, as text (logs only).
    fn sender(&self) -> String;
    /// Simulates, then sends `data` to the registry and waits for a receipt.
    fn submit(&self, data: Vec<u8>, config: SendConfig) -> impl Future<Output = Result<Landed, SubmitFailure>> + Send;
}

/// The sequencer's anchor-compat endpoints.
pub trait SequencerApi: Clone + Send + Sync + 'static {
    /// One page of pending commitments.
    fn pending_page(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<PendingCommitment>, SequencerClientError>> + Send;
    /// Tells the sequencer where a commitment landed.
    fn notify(
        &self,
        batch_id: &Uuid,
        note: &AnchorNotification,
    ) -> impl Future<Output = Result<AnchoredOutcome, SequencerClientError>> + Send;
}

/// Sleeps `duration` unless `shutdown` fires first; returns whether the sleep was cut short.
pub async fn sleep_or_shutdown(duration: Duration, shutdown: &tokio_util::sync::CancellationToken) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(duration) => false,
        _ = shutdown.cancelled() => true,
    }
}

impl SequencerApi for SequencerClient {
    async fn pending_page(&self, limit: u32) -> Result<Vec<PendingCommitment>, SequencerClientError> {
        SequencerClient::pending_page(self, limit).await
    }

    async fn notify(
        &self,
        batch_id: &Uuid,
        note: &AnchorNotification,
    ) -> Result<AnchoredOutcome, SequencerClientError> {
        SequencerClient::notify(self, batch_id, note).await
    }
}
