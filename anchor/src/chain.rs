//! The L2 side over one HTTP provider: the registry reads of a cycle, pinned to a block by hash
//! ([`ChainRead`]), and the node side of the transaction manager ([`TxBackend`], [`Submit`]).
//!
//! The transport has alloy's retry/back-off layer: rate limits (429), 503s and the nodes'
//! "try again" errors are retried a few times with back-off before a call fails; everything
//! else fails at once and the cycle decides. Every JSON-RPC call is counted
//! ([`Chain::rpc_calls`]; `set_anchor_rpc_calls_total`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use alloy::consensus::TxEnvelope;
use alloy::eips::eip2718::Encodable2718;
use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::network::{EthereumWallet, NetworkTransactionBuilder, TransactionBuilder};
use alloy::primitives::{Address, Bytes, B256, U256};
use alloy::providers::{Provider, RootProvider};
use alloy::rpc::client::ClientBuilder;
use alloy::rpc::types::{Filter, TransactionRequest};
use alloy::signers::local::PrivateKeySigner;
use alloy::transports::http::Http;
use alloy::transports::layers::RetryBackoffLayer;
use alloy::transports::TransportError;
use alloy_sol_types::{SolCall, SolEvent};
use set_core::anchoring::StreamHead;
use set_core::registry::{self, CommitBatchArgs, ISetRegistry, OnchainCommitment, RegistryRevert};

use crate::backends::{BlockRef, ChainRead, CommitLog, HeadTag, ProofRead, Submit, SubmitFailure};
use crate::error::ChainError;
use crate::secret::Secret;
use crate::txmgr::{self, Fees, Landed, Mined, PublishResult, SendConfig, TxBackend, TxRequest};

/// Retries of a rate-limited or temporarily unavailable call, and the base back-off, ms.
const RPC_RETRIES: u32 = 3;
const RPC_BACKOFF_MS: u64 = 250;

/// The signer of a private key given as 64 hex digits (optional `0x`).
///
/// # Errors
/// A message without the key if it is not a valid secp256k1 scalar.
pub fn parse_signer(key: &Secret) -> Result<PrivateKeySigner, String> {
    let text = key.expose().trim();
    let text = text.strip_prefix("0x").unwrap_or(text);
    if text.len() != 64 {
        return Err("private key must be 64 hex digits".into());
    }
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(text, &mut bytes).map_err(|_| "private key is not hex".to_owned())?;
    PrivateKeySigner::from_bytes(&B256::from(bytes)).map_err(|_| "private key is not a valid scalar".to_owned())
}

fn rpc_err(err: TransportError) -> ChainError {
    if let Some(data) = err.as_error_resp().and_then(|payload| payload.as_revert_data()) {
        return revert_error(&data);
    }
    ChainError::Rpc(err.to_string())
}

fn revert_error(data: &[u8]) -> ChainError {
    match registry::decode_revert(data) {
        Ok(decoded) => {
            let reason = format!("{:?}", decoded.decoded());
            ChainError::Revert { decoded: Some(Box::new(decoded)), reason }
        }
        Err(_) => ChainError::Revert { decoded: None, reason: format!("0x{}", hex::encode(data)) },
    }
}

fn abi_err(err: impl std::fmt::Display) -> ChainError {
    ChainError::Abi(err.to_string())
}

/// Registry reads and the transaction manager's node over one HTTP provider.
#[derive(Debug, Clone)]
pub struct Chain {
    provider: RootProvider,
    registry: Address,
    wallet: EthereumWallet,
    sender: Address,
    chain_id: u64,
    calls: Arc<AtomicU64>,
}

impl Chain {
    /// Connects (one `eth_chainId` call) with a 10 s request timeout and the retry layer.
    ///
    /// # Errors
    /// [`ChainError::Rpc`].
    pub async fn connect(url: reqwest::Url, registry: Address, signer: PrivateKeySigner) -> Result<Self, ChainError> {
        let client = set_http::client_builder(&[])
            .map_err(|err| ChainError::Rpc(err.to_string()))?
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|err| ChainError::Rpc(err.to_string()))?;
        let transport = Http::with_client(client, url);
        let is_local = transport.guess_local();
        let rpc = ClientBuilder::default()
            .layer(RetryBackoffLayer::new(RPC_RETRIES, RPC_BACKOFF_MS, u64::MAX))
            .transport(transport, is_local);
        let provider = RootProvider::new(rpc);
        let chain_id = provider.get_chain_id().await.map_err(rpc_err)?;
        let sender = signer.address();
        let calls = Arc::new(AtomicU64::new(1));
        Ok(Chain { provider, registry, wallet: EthereumWallet::from(signer), sender, chain_id, calls })
    }

    /// The sender address.
    pub fn sender(&self) -> Address {
        self.sender
    }

    fn count(&self) {
        self.calls.fetch_add(1, Ordering::Relaxed);
    }

    async fn call(&self, data: Vec<u8>, at: Option<&BlockRef>) -> Result<Bytes, ChainError> {
        self.count();
        let tx = TransactionRequest::default().with_to(self.registry).with_input(data);
        let call = self.provider.call(tx);
        let call = match at {
            Some(block) => call.block(BlockId::hash(block.hash)),
            None => call,
        };
        call.await.map_err(|err| match at {
            // A pinned block that is gone is a reorg between two reads, not a node failure.
            Some(block) if err.to_string().to_lowercase().contains("not found") => ChainError::BlockGone(block.hash),
            _ => rpc_err(err),
        })
    }

    /// `authorizedSequencers(sender)`.
    ///
    /// # Errors
    /// [`ChainError::Rpc`], [`ChainError::Abi`].
    pub async fn is_authorized(&self) -> Result<bool, ChainError> {
        let out = self.call(registry::encode_authorized_sequencers(self.sender), None).await?;
        if out.is_empty() {
            return Err(ChainError::Abi(format!("no contract code at {}", self.registry)));
        }
        ISetRegistry::authorizedSequencersCall::abi_decode_returns(&out).map_err(abi_err)
    }

    /// Calldata for the commitments: `commitBatch` for one, `commitBatches` for several.
    pub fn calldata(batches: &[CommitBatchArgs]) -> Vec<u8> {
        match batches {
            [one] => registry::encode_commit_batch(one),
            many => registry::encode_commit_batches(many),
        }
    }

    /// Simulates `data` (`eth_estimateGas` at `latest`); a revert is decoded.
    ///
    /// # Errors
    /// [`ChainError::Revert`], [`ChainError::Rpc`].
    pub async fn estimate(&self, data: &[u8]) -> Result<u64, ChainError> {
        self.count();
        let tx = TransactionRequest::default().with_from(self.sender).with_to(self.registry).with_input(data.to_vec());
        self.provider.estimate_gas(tx).await.map_err(rpc_err)
    }

    fn block_ref(block: &alloy::rpc::types::Block) -> BlockRef {
        BlockRef { number: block.header.number, hash: block.header.hash, timestamp: block.header.timestamp }
    }
}

impl ChainRead for Chain {
    fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// Retries by the transport layer are not counted.
    fn rpc_calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    async fn head(&self, tag: HeadTag) -> Result<BlockRef, ChainError> {
        self.count();
        let number = match tag {
            HeadTag::Latest => BlockNumberOrTag::Latest,
            HeadTag::Safe => BlockNumberOrTag::Safe,
            HeadTag::Finalized => BlockNumberOrTag::Finalized,
        };
        let block = self.provider.get_block_by_number(number).await.map_err(rpc_err)?;
        block
            .as_ref()
            .map(Chain::block_ref)
            .ok_or_else(|| ChainError::Rpc(format!("the node has no `{}` block", tag.as_str())))
    }

    async fn block_at(&self, number: u64) -> Result<Option<BlockRef>, ChainError> {
        self.count();
        let block = self.provider.get_block_by_number(BlockNumberOrTag::Number(number)).await.map_err(rpc_err)?;
        Ok(block.as_ref().map(Chain::block_ref))
    }

    async fn commitments_at(&self, ids: &[B256], at: &BlockRef) -> Result<Vec<OnchainCommitment>, ChainError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let out = self.call(registry::encode_get_batch_commitments(ids), Some(at)).await?;
        let records = registry::decode_get_batch_commitments(&out).map_err(abi_err)?;
        if records.len() != ids.len() {
            return Err(ChainError::Abi(format!("{} records for {} batch ids", records.len(), ids.len())));
        }
        Ok(records)
    }

    async fn heads_at(&self, streams: &[(B256, B256)], at: &BlockRef) -> Result<Vec<StreamHead>, ChainError> {
        if streams.is_empty() {
            return Ok(Vec::new());
        }
        let (tenants, stores): (Vec<B256>, Vec<B256>) = streams.iter().copied().unzip();
        let roots = self.call(registry::encode_get_batch_latest_state_roots(&tenants, &stores), Some(at)).await?;
        let sequences = self.call(registry::encode_get_batch_head_sequences(&tenants, &stores), Some(at)).await?;
        let roots = ISetRegistry::getBatchLatestStateRootsCall::abi_decode_returns(&roots).map_err(abi_err)?;
        let sequences = ISetRegistry::getBatchHeadSequencesCall::abi_decode_returns(&sequences).map_err(abi_err)?;
        if roots.len() != streams.len() || sequences.len() != streams.len() {
            return Err(ChainError::Abi(format!("heads for {} streams do not match the request", streams.len())));
        }
        Ok(roots
            .into_iter()
            .zip(sequences)
            .map(|(state_root, head_sequence)| StreamHead { state_root, head_sequence })
            .collect())
    }

    async fn commit_logs(&self, batch_id: B256, from: u64, to: u64) -> Result<Vec<CommitLog>, ChainError> {
        self.count();
        let filter = Filter::new()
            .address(self.registry)
            .event_signature(ISetRegistry::BatchCommitted::SIGNATURE_HASH)
            .topic1(batch_id)
            .from_block(from)
            .to_block(to);
        let logs = self.provider.get_logs(&filter).await.map_err(rpc_err)?;
        Ok(logs
            .iter()
            .filter(|log| !log.removed)
            .filter_map(|log| {
                Some(CommitLog {
                    tx_hash: log.transaction_hash?,
                    block_number: log.block_number?,
                    block_hash: log.block_hash?,
                })
            })
            .collect())
    }
}

impl ProofRead for Chain {
    async fn block_json(&self, number: u64) -> Result<serde_json::Value, ChainError> {
        self.count();
        let block: serde_json::Value = self
            .provider
            .raw_request("eth_getBlockByNumber".into(), (format!("0x{number:x}"), false))
            .await
            .map_err(rpc_err)?;
        if block.is_null() {
            return Err(ChainError::Rpc(format!("the node has no block {number}")));
        }
        Ok(block)
    }

    async fn registry_proof_json(&self, keys: &[B256], number: u64) -> Result<serde_json::Value, ChainError> {
        self.count();
        self.provider
            .raw_request("eth_getProof".into(), (self.registry, keys.to_vec(), format!("0x{number:x}")))
            .await
            .map_err(rpc_err)
    }
}

impl TxBackend for Chain {
    async fn nonce(&self) -> Result<u64, ChainError> {
        self.count();
        // `latest`, not `pending`: a stuck transaction of ours is then replaced, not queued behind.
        self.provider.get_transaction_count(self.sender).latest().await.map_err(rpc_err)
    }

    async fn suggested_fees(&self) -> Result<Fees, ChainError> {
        // alloy's estimator reads `eth_feeHistory` (one call).
        self.count();
        let est = self.provider.estimate_eip1559_fees().await.map_err(rpc_err)?;
        Ok(Fees { max_fee: est.max_fee_per_gas, priority_fee: est.max_priority_fee_per_gas })
    }

    async fn sign(&self, request: &TxRequest) -> Result<(B256, Vec<u8>), ChainError> {
        let tx = TransactionRequest::default()
            .with_from(self.sender)
            .with_to(self.registry)
            .with_input(request.data.clone())
            .with_nonce(request.nonce)
            .with_chain_id(self.chain_id)
            .with_gas_limit(request.gas_limit)
            .with_max_fee_per_gas(request.fees.max_fee)
            .with_max_priority_fee_per_gas(request.fees.priority_fee)
            .with_value(U256::ZERO);
        let envelope: TxEnvelope =
            tx.build(&self.wallet).await.map_err(|err| ChainError::Rpc(format!("signing failed: {err}")))?;
        Ok((*envelope.tx_hash(), envelope.encoded_2718()))
    }

    async fn publish(&self, raw: &[u8]) -> PublishResult {
        self.count();
        match self.provider.send_raw_transaction(raw).await {
            Ok(_) => PublishResult::Accepted,
            // An error answer from the node is a verdict; anything else may hide an acceptance.
            Err(err) if err.as_error_resp().is_some() => PublishResult::from_error_message(&err.to_string()),
            Err(err) => PublishResult::Unknown(err.to_string()),
        }
    }

    async fn receipt(&self, hash: B256) -> Result<Option<Mined>, ChainError> {
        self.count();
        let receipt = self.provider.get_transaction_receipt(hash).await.map_err(rpc_err)?;
        Ok(receipt.and_then(|r| {
            Some(Mined {
                tx_hash: hash,
                block_number: r.block_number?,
                block_hash: r.block_hash?,
                gas_used: r.gas_used,
                success: r.status(),
            })
        }))
    }
}

impl Submit for Chain {
    fn sender(&self) -> String {
        self.sender.to_string()
    }

    async fn submit(&self, data: Vec<u8>, config: SendConfig) -> Result<Landed, SubmitFailure> {
        let estimate = match self.estimate(&data).await {
            Ok(gas) => gas,
            Err(ChainError::Revert { decoded, reason }) => return Err(SubmitFailure::Refused { decoded, reason }),
            Err(err) => return Err(SubmitFailure::Estimate(err)),
        };
        let gas_limit = estimate.saturating_mul(6) / 5 + 30_000;
        Ok(txmgr::send(self, data, gas_limit, config).await?)
    }
}

/// The decoded revert of a refused simulation, for the cycle's "drop that stream" rule.
pub fn refused_index(decoded: Option<&RegistryRevert>, chunk_len: usize) -> usize {
    match decoded {
        Some(RegistryRevert::BatchCommitFailed { index, .. }) if chunk_len > 1 => {
            usize::try_from(*index).ok().filter(|i| *i < chunk_len).unwrap_or(0)
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_sol_types::SolError;

    #[test]
    fn parses_keys_without_echoing_them() {
        let key = Secret::default();
        assert!(parse_signer(&key).is_err());
        let key: Secret = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d".parse().unwrap();
        assert_eq!(parse_signer(&key).unwrap().address().to_string(), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        let bad: Secret = "zz".repeat(32).parse().unwrap();
        assert!(!parse_signer(&bad).unwrap_err().contains("zz"));
    }

    #[test]
    fn a_refused_commitment_is_found_by_its_index_in_the_chunk() {
        let inner = registry::decode_revert(&ISetRegistry::InvalidSequenceRange {}.abi_encode()).unwrap();
        let wrapped = RegistryRevert::batch_commit_failed(U256::from(2), inner.clone());
        assert_eq!(refused_index(Some(&wrapped), 3), 2);
        // Out of range or a single commitment: the first one.
        assert_eq!(refused_index(Some(&wrapped), 2), 0);
        assert_eq!(refused_index(Some(&inner), 3), 0);
        assert_eq!(refused_index(None, 3), 0);
    }
}
