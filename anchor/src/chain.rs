//! The L2 side: registry reads (ABI from `set-core`) and a transaction manager in the spirit of
//! OP Stack's txmgr — local nonce that resets on any send error, EIP-1559 fees with a floor and
//! a cap, resubmission with a ≥ 10 % bump when not mined in time, N confirmations, receipt status
//! checked, reverts decoded with `set-core`.

use std::time::{Duration, Instant};

use alloy::consensus::TxEnvelope;
use alloy::eips::eip2718::Encodable2718;
use alloy::network::{EthereumWallet, NetworkTransactionBuilder, TransactionBuilder};
use alloy::primitives::{Address, Bytes, B256, U256};
use alloy::providers::{Provider, RootProvider};
use alloy::rpc::client::RpcClient;
use alloy::rpc::types::{Filter, TransactionRequest};
use alloy::signers::local::PrivateKeySigner;
use alloy::transports::http::Http;
use alloy::transports::TransportError;
use alloy_sol_types::SolEvent;
use set_core::anchoring::StreamHead;
use set_core::registry::{self, CommitBatchArgs, ISetRegistry, RegistryRevert};

use crate::secret::Secret;

/// Failures on the chain side.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// JSON-RPC transport or node error.
    #[error("rpc: {0}")]
    Rpc(String),
    /// A call or gas estimate reverted; `reason` is decoded with `set-core`.
    #[error("reverted: {reason}")]
    Revert {
        /// Decoded revert (None if the data was not decodable).
        decoded: Option<Box<RegistryRevert>>,
        /// Human-readable reason.
        reason: String,
    },
    /// A mined transaction has status 0.
    #[error("transaction {tx_hash} reverted on-chain")]
    MinedReverted {
        /// The transaction.
        tx_hash: B256,
        /// Gas it burnt.
        gas_used: u64,
    },
    /// Not mined and confirmed within the confirmation timeout.
    #[error("transaction not confirmed within {0:?}")]
    Timeout(Duration),
    /// The node returns data the ABI cannot decode.
    #[error("abi: {0}")]
    Abi(String),
    /// The base fee is above the configured cap.
    #[error("fee {fee_wei} wei is above the cap {cap_wei} wei")]
    FeeCap {
        /// Current fee.
        fee_wei: u128,
        /// Cap.
        cap_wei: u128,
    },
    /// Too many `nonce too low` answers without a mined receipt of ours.
    #[error("nonce {0} already used by another transaction")]
    NonceTaken(u64),
}

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

/// Fee parameters of the transaction manager.
#[derive(Debug, Clone, Copy)]
pub struct FeePolicy {
    /// Floor on the priority fee, wei.
    pub min_priority_fee: u128,
    /// Cap on `maxFeePerGas`, wei (None = none).
    pub max_fee_cap: Option<u128>,
    /// Bump per resubmission, percent (≥ 10).
    pub bump_percent: u64,
}

/// EIP-1559 fees of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fees {
    /// `maxFeePerGas`, wei.
    pub max_fee: u128,
    /// `maxPriorityFeePerGas`, wei.
    pub priority_fee: u128,
}

/// Applies the floor and the cap to suggested fees: tip ≥ floor, max fee ≥ tip, both ≤ cap.
pub fn initial_fees(suggested: Fees, policy: &FeePolicy) -> Fees {
    let priority_fee = suggested.priority_fee.max(policy.min_priority_fee);
    let max_fee = suggested.max_fee.max(priority_fee);
    clamp(Fees { max_fee, priority_fee }, policy.max_fee_cap)
}

fn clamp(fees: Fees, cap: Option<u128>) -> Fees {
    match cap {
        Some(cap) => Fees { max_fee: fees.max_fee.min(cap), priority_fee: fees.priority_fee.min(cap) },
        None => fees,
    }
}

/// The fees of a replacement: each at least `old × (1 + percent/100)` rounded up and at least
/// `old + 1`, at least the new suggestion, then capped. Returns `None` when the cap leaves no
/// room for a valid replacement (the caller re-publishes the old transaction).
pub fn bump_fees(old: Fees, suggested: Fees, policy: &FeePolicy) -> Option<Fees> {
    let bump = |value: u128| {
        let raised = value.saturating_mul(100 + u128::from(policy.bump_percent)).div_ceil(100);
        raised.max(value.saturating_add(1))
    };
    let priority_fee = bump(old.priority_fee).max(suggested.priority_fee);
    let max_fee = bump(old.max_fee).max(suggested.max_fee).max(priority_fee);
    let bumped = clamp(Fees { max_fee, priority_fee }, policy.max_fee_cap);
    let enough = |new: u128, old: u128| new.saturating_mul(100) >= old.saturating_mul(110) && new > old;
    (enough(bumped.max_fee, old.max_fee) && enough(bumped.priority_fee, old.priority_fee)).then_some(bumped)
}

/// A confirmed anchor transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirmed {
    /// The hash that was mined (may be a replacement).
    pub tx_hash: B256,
    /// Its block.
    pub block_number: u64,
    /// Gas it used.
    pub gas_used: u64,
    /// Broadcasts made for it (1 + replacements).
    pub broadcasts: u64,
    /// Replacements with bumped fees.
    pub bumps: u64,
}

/// Registry reads and the transaction manager over one HTTP provider.
#[derive(Debug)]
pub struct Chain {
    provider: RootProvider,
    registry: Address,
    wallet: EthereumWallet,
    sender: Address,
    chain_id: u64,
    nonce: Option<u64>,
}

impl Chain {
    /// Connects (one `eth_chainId` call) with a 10 s request timeout.
    ///
    /// # Errors
    /// [`ChainError::Rpc`].
    pub async fn connect(url: reqwest::Url, registry: Address, signer: PrivateKeySigner) -> Result<Self, ChainError> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|err| ChainError::Rpc(err.to_string()))?;
        let transport = Http::with_client(client, url);
        let is_local = transport.guess_local();
        let provider = RootProvider::new(RpcClient::new(transport, is_local));
        let chain_id = provider.get_chain_id().await.map_err(rpc_err)?;
        let sender = signer.address();
        Ok(Chain { provider, registry, wallet: EthereumWallet::from(signer), sender, chain_id, nonce: None })
    }

    /// The chain id reported by the node.
    pub fn chain_id(&self) -> u64 {
        self.chain_id
    }

    /// The sender address.
    pub fn sender(&self) -> Address {
        self.sender
    }

    async fn call(&self, data: Vec<u8>) -> Result<Bytes, ChainError> {
        let tx = TransactionRequest::default().with_to(self.registry).with_input(data);
        self.provider.call(tx).await.map_err(rpc_err)
    }

    /// `authorizedSequencers(sender)`.
    ///
    /// # Errors
    /// [`ChainError::Rpc`], [`ChainError::Abi`].
    pub async fn is_authorized(&self) -> Result<bool, ChainError> {
        let out = self.call(registry::encode_authorized_sequencers(self.sender)).await?;
        if out.is_empty() {
            return Err(ChainError::Abi(format!("no contract code at {}", self.registry)));
        }
        let decoded = <ISetRegistry::authorizedSequencersCall as alloy_sol_types::SolCall>::abi_decode_returns(&out)
            .map_err(|err| ChainError::Abi(err.to_string()))?;
        Ok(decoded)
    }

    /// `batchExists(bytes32[])` for many batches at once.
    ///
    /// # Errors
    /// [`ChainError::Rpc`], [`ChainError::Abi`].
    pub async fn batches_exist(&self, batch_ids: &[B256]) -> Result<Vec<bool>, ChainError> {
        if batch_ids.is_empty() {
            return Ok(Vec::new());
        }
        let out = self.call(registry::encode_batch_exists_many(batch_ids)).await?;
        registry::decode_batch_exists_many(&out).map_err(|err| ChainError::Abi(err.to_string()))
    }

    /// The stream head on-chain (`getLatestStateRoot`, `getHeadSequence`).
    ///
    /// # Errors
    /// [`ChainError::Rpc`], [`ChainError::Abi`].
    pub async fn stream_head(&self, tenant: B256, store: B256) -> Result<StreamHead, ChainError> {
        let root = self.call(registry::encode_get_latest_state_root(tenant, store)).await?;
        let head = self.call(registry::encode_get_head_sequence(tenant, store)).await?;
        Ok(StreamHead {
            state_root: registry::decode_get_latest_state_root(&root)
                .map_err(|err| ChainError::Abi(err.to_string()))?,
            head_sequence: registry::decode_get_head_sequence(&head).map_err(|err| ChainError::Abi(err.to_string()))?,
        })
    }

    /// The transaction that committed `batch_id`, found in `BatchCommitted` logs of the last
    /// `scan_blocks` blocks, newest chunk first (chunks of 2 000 blocks; bounded).
    ///
    /// # Errors
    /// [`ChainError::Rpc`].
    pub async fn find_commit_tx(&self, batch_id: B256, scan_blocks: u64) -> Result<Option<(B256, u64)>, ChainError> {
        const CHUNK: u64 = 2_000;
        let latest = self.provider.get_block_number().await.map_err(rpc_err)?;
        let floor = latest.saturating_sub(scan_blocks);
        let mut to = latest;
        for _ in 0..=(scan_blocks / CHUNK) {
            let from = to.saturating_sub(CHUNK - 1).max(floor);
            let filter = Filter::new()
                .address(self.registry)
                .event_signature(ISetRegistry::BatchCommitted::SIGNATURE_HASH)
                .topic1(batch_id)
                .from_block(from)
                .to_block(to);
            let logs = self.provider.get_logs(&filter).await.map_err(rpc_err)?;
            if let Some(log) = logs.last() {
                if let (Some(hash), Some(block)) = (log.transaction_hash, log.block_number) {
                    return Ok(Some((hash, block)));
                }
            }
            if from <= floor {
                break;
            }
            to = from - 1;
        }
        Ok(None)
    }

    /// Current block number.
    ///
    /// # Errors
    /// [`ChainError::Rpc`].
    pub async fn block_number(&self) -> Result<u64, ChainError> {
        self.provider.get_block_number().await.map_err(rpc_err)
    }

    async fn suggested_fees(&self) -> Result<Fees, ChainError> {
        let est = self.provider.estimate_eip1559_fees().await.map_err(rpc_err)?;
        Ok(Fees { max_fee: est.max_fee_per_gas, priority_fee: est.max_priority_fee_per_gas })
    }

    /// Calldata for the commitments: `commitBatch` for one, `commitBatches` for several.
    pub fn calldata(batches: &[CommitBatchArgs]) -> Vec<u8> {
        match batches {
            [one] => registry::encode_commit_batch(one),
            many => registry::encode_commit_batches(many),
        }
    }

    /// Simulates `data` (`eth_estimateGas`); a revert is decoded.
    ///
    /// # Errors
    /// [`ChainError::Revert`], [`ChainError::Rpc`].
    pub async fn estimate(&self, data: &[u8]) -> Result<u64, ChainError> {
        let tx = TransactionRequest::default().with_from(self.sender).with_to(self.registry).with_input(data.to_vec());
        self.provider.estimate_gas(tx).await.map_err(rpc_err)
    }

    /// Sends `data` to the registry and waits for `confirmations`, resubmitting with bumped
    /// fees every `resubmit_after`; gives up after `timeout` (the transaction may still land:
    /// the next cycle re-derives the state from the chain).
    ///
    /// On any send error the local nonce is dropped and refetched next time.
    ///
    /// # Errors
    /// [`ChainError`]; a mined revert is [`ChainError::MinedReverted`].
    pub async fn send_and_confirm(
        &mut self,
        data: Vec<u8>,
        gas_limit: u64,
        policy: &FeePolicy,
        resubmit_after: Duration,
        confirmations: u64,
        timeout: Duration,
    ) -> Result<Confirmed, ChainError> {
        let result = self.send_inner(data, gas_limit, policy, resubmit_after, confirmations, timeout).await;
        match &result {
            Ok(_) | Err(ChainError::MinedReverted { .. }) => {}
            Err(_) => self.nonce = None,
        }
        result
    }

    async fn next_nonce(&mut self) -> Result<u64, ChainError> {
        if let Some(nonce) = self.nonce {
            return Ok(nonce);
        }
        // `latest`, not `pending`: a stuck transaction of ours is then replaced, not queued behind.
        let nonce = self.provider.get_transaction_count(self.sender).latest().await.map_err(rpc_err)?;
        self.nonce = Some(nonce);
        Ok(nonce)
    }

    async fn sign(&self, data: &[u8], nonce: u64, gas_limit: u64, fees: Fees) -> Result<(B256, Vec<u8>), ChainError> {
        let tx = TransactionRequest::default()
            .with_from(self.sender)
            .with_to(self.registry)
            .with_input(data.to_vec())
            .with_nonce(nonce)
            .with_chain_id(self.chain_id)
            .with_gas_limit(gas_limit)
            .with_max_fee_per_gas(fees.max_fee)
            .with_max_priority_fee_per_gas(fees.priority_fee)
            .with_value(U256::ZERO);
        let envelope: TxEnvelope =
            tx.build(&self.wallet).await.map_err(|err| ChainError::Rpc(format!("signing failed: {err}")))?;
        Ok((*envelope.tx_hash(), envelope.encoded_2718()))
    }

    async fn send_inner(
        &mut self,
        data: Vec<u8>,
        gas_limit: u64,
        policy: &FeePolicy,
        resubmit_after: Duration,
        confirmations: u64,
        timeout: Duration,
    ) -> Result<Confirmed, ChainError> {
        let started = Instant::now();
        let nonce = self.next_nonce().await?;
        let suggested = self.suggested_fees().await?;
        if let Some(cap) = policy.max_fee_cap {
            // The suggestion is about 2 × base fee + tip: over twice the cap cannot be mined soon.
            if suggested.max_fee / 2 > cap {
                return Err(ChainError::FeeCap { fee_wei: suggested.max_fee / 2, cap_wei: cap });
            }
        }
        let mut fees = initial_fees(suggested, policy);
        let mut hashes: Vec<B256> = Vec::new();
        let (mut broadcasts, mut bumps, mut nonce_too_low) = (0u64, 0u64, 0u32);
        // Bounded: every iteration waits at least `resubmit_after` or returns.
        let max_rounds = timeout.as_secs() / resubmit_after.as_secs().max(1) + 2;
        for round in 0..max_rounds {
            if round > 0 {
                let suggested = self.suggested_fees().await.unwrap_or(fees);
                if let Some(bumped) = bump_fees(fees, suggested, policy) {
                    fees = bumped;
                    bumps += 1;
                }
            }
            let (hash, raw) = self.sign(&data, nonce, gas_limit, fees).await?;
            match self.provider.send_raw_transaction(&raw).await {
                Ok(_) => {
                    broadcasts += 1;
                    if !hashes.contains(&hash) {
                        hashes.push(hash);
                    }
                }
                Err(err) => {
                    let text = err.to_string().to_lowercase();
                    if text.contains("already known") || text.contains("already imported") {
                        if !hashes.contains(&hash) {
                            hashes.push(hash);
                        }
                    } else if text.contains("nonce too low") {
                        nonce_too_low += 1;
                        if hashes.is_empty() {
                            // Taken by an earlier transaction of ours (a lost response, a previous
                            // process): the next cycle re-reads the chain.
                            return Err(ChainError::NonceTaken(nonce));
                        }
                    } else if text.contains("underpriced") {
                        if hashes.is_empty() {
                            // A transaction of ours with this nonce is pending: bump at once.
                            continue;
                        }
                    } else if hashes.is_empty() {
                        return Err(rpc_err(err));
                    } else {
                        tracing::warn!(error = %err, "re-publish failed; still watching earlier attempts");
                    }
                }
            }
            let deadline = Instant::now() + resubmit_after;
            while Instant::now() < deadline {
                for hash in &hashes {
                    if let Some(receipt) =
                        self.provider.get_transaction_receipt(*hash).await.map_err(rpc_err).ok().flatten()
                    {
                        let block = receipt.block_number.unwrap_or_default();
                        self.wait_confirmations(block, confirmations, started, timeout).await?;
                        // Re-read after the wait: a reorg may have dropped it.
                        let still = self.provider.get_transaction_receipt(*hash).await.map_err(rpc_err)?;
                        let Some(receipt) = still else { continue };
                        self.nonce = Some(nonce + 1);
                        if !receipt.status() {
                            return Err(ChainError::MinedReverted { tx_hash: *hash, gas_used: receipt.gas_used });
                        }
                        return Ok(Confirmed {
                            tx_hash: *hash,
                            block_number: receipt.block_number.unwrap_or(block),
                            gas_used: receipt.gas_used,
                            broadcasts,
                            bumps,
                        });
                    }
                }
                if nonce_too_low >= 3 {
                    return Err(ChainError::NonceTaken(nonce));
                }
                if started.elapsed() > timeout {
                    return Err(ChainError::Timeout(timeout));
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            if nonce_too_low >= 3 {
                return Err(ChainError::NonceTaken(nonce));
            }
        }
        Err(ChainError::Timeout(timeout))
    }

    async fn wait_confirmations(
        &self,
        block: u64,
        confirmations: u64,
        started: Instant,
        timeout: Duration,
    ) -> Result<(), ChainError> {
        loop {
            let tip = self.provider.get_block_number().await.map_err(rpc_err)?;
            if tip + 1 >= block + confirmations {
                return Ok(());
            }
            if started.elapsed() > timeout {
                return Err(ChainError::Timeout(timeout));
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: FeePolicy = FeePolicy { min_priority_fee: 1_000, max_fee_cap: None, bump_percent: 10 };

    #[test]
    fn initial_fees_apply_floor_and_cap() {
        let fees = initial_fees(Fees { max_fee: 500, priority_fee: 1 }, &POLICY);
        assert_eq!(fees, Fees { max_fee: 1_000, priority_fee: 1_000 });
        let capped = FeePolicy { max_fee_cap: Some(800), ..POLICY };
        assert_eq!(
            initial_fees(Fees { max_fee: 5_000, priority_fee: 2_000 }, &capped),
            Fees { max_fee: 800, priority_fee: 800 }
        );
    }

    #[test]
    fn bumps_are_at_least_ten_percent_and_rise_from_tiny_values() {
        let old = Fees { max_fee: 1_000, priority_fee: 1 };
        let new = bump_fees(old, Fees { max_fee: 0, priority_fee: 0 }, &POLICY).unwrap();
        assert_eq!(new, Fees { max_fee: 1_100, priority_fee: 2 });
        // A higher suggestion wins.
        let new = bump_fees(old, Fees { max_fee: 5_000, priority_fee: 50 }, &POLICY).unwrap();
        assert_eq!(new, Fees { max_fee: 5_000, priority_fee: 50 });
    }

    #[test]
    fn the_cap_stops_bumping() {
        let capped = FeePolicy { max_fee_cap: Some(1_050), ..POLICY };
        assert_eq!(
            bump_fees(Fees { max_fee: 1_000, priority_fee: 10 }, Fees { max_fee: 0, priority_fee: 0 }, &capped),
            None
        );
    }

    #[test]
    fn parses_keys_without_echoing_them() {
        let key = Secret::default();
        assert!(parse_signer(&key).is_err());
        let key: Secret = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d".parse().unwrap();
        assert_eq!(parse_signer(&key).unwrap().address().to_string(), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        let bad: Secret = "zz".repeat(32).parse().unwrap();
        assert!(!parse_signer(&bad).unwrap_err().contains("zz"));
    }
}
