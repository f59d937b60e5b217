//! Set Chain over JSON-RPC (alloy): the few reads the client needs, each failure naming the RPC
//! and the method. The answers are decoded by core.

use alloy::eips::BlockId;
use alloy::network::TransactionBuilder;
use alloy::providers::{Provider, RootProvider};
use alloy::rpc::client::ClientBuilder;
use alloy::rpc::types::TransactionRequest;
use alloy::transports::http::Http;
use serde_json::Value;
use set_core::encoding::{Address, B256};

use crate::config::ClientConfig;
use crate::error::{error_chain, ClientError};

/// Where an anchoring transaction landed, as the chain says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Landed {
    pub(crate) block_number: u64,
    pub(crate) block_hash: B256,
}

/// The chain RPC; none for a client configured without one
/// ([`ClientConfig::sequencer_only`]), whose chain calls are then a [`ClientError::Config`].
#[derive(Debug, Clone)]
pub(crate) struct ChainRpc {
    provider: Option<RootProvider>,
    url: String,
}

impl ChainRpc {
    /// The chain RPC of `config`, reached through `http` (see [`crate::http::http_client`]).
    pub(crate) fn new(config: &ClientConfig, http: reqwest::Client) -> Self {
        let Some(rpc_url) = &config.chain_rpc_url else {
            return ChainRpc { provider: None, url: String::new() };
        };
        let transport = Http::with_client(http, rpc_url.clone());
        let is_local = transport.guess_local();
        let provider = RootProvider::new(ClientBuilder::default().transport(transport, is_local));
        ChainRpc { provider: Some(provider), url: rpc_url.to_string() }
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The provider, or why there is none.
    fn provider(&self, method: &'static str) -> Result<&RootProvider, ClientError> {
        self.provider.as_ref().ok_or_else(|| ClientError::Config {
            field: "chain_rpc_url",
            reason: format!("{method} needs Set Chain, and the client was configured without a chain RPC"),
        })
    }

    fn failed(&self, method: &'static str) -> impl Fn(alloy::transports::TransportError) -> ClientError + '_ {
        move |err| ClientError::ChainRpc { url: self.url.clone(), method, reason: error_chain(&err) }
    }

    /// `eth_chainId`.
    pub(crate) async fn chain_id(&self) -> Result<u64, ClientError> {
        self.provider("eth_chainId")?.get_chain_id().await.map_err(self.failed("eth_chainId"))
    }

    /// `eth_call` of `data` to `to` at the latest block; the return data.
    pub(crate) async fn call(&self, to: Address, data: Vec<u8>) -> Result<Vec<u8>, ClientError> {
        let request = TransactionRequest::default().with_to(to).with_input(data);
        let returned = self.provider("eth_call")?.call(request).await.map_err(self.failed("eth_call"))?;
        Ok(returned.to_vec())
    }

    /// `eth_blockNumber`: the latest block.
    pub(crate) async fn block_number(&self) -> Result<u64, ClientError> {
        self.provider("eth_blockNumber")?.get_block_number().await.map_err(self.failed("eth_blockNumber"))
    }

    /// `eth_call` of `data` to `to` at block `number`; the return data. Reading at the block the
    /// logs were read up to keeps the answer consistent with them.
    pub(crate) async fn call_at(&self, to: Address, data: Vec<u8>, number: u64) -> Result<Vec<u8>, ClientError> {
        let request = TransactionRequest::default().with_to(to).with_input(data);
        let returned = self
            .provider("eth_call")?
            .call(request)
            .block(BlockId::number(number))
            .await
            .map_err(self.failed("eth_call"))?;
        Ok(returned.to_vec())
    }

    /// `eth_getLogs` with `filter` (a JSON filter object, as core builds it); the raw result.
    pub(crate) async fn logs(&self, filter: Value) -> Result<Value, ClientError> {
        self.provider("eth_getLogs")?
            .raw_request("eth_getLogs".into(), [filter])
            .await
            .map_err(self.failed("eth_getLogs"))
    }

    /// The block a successful transaction is in, from `eth_getTransactionReceipt`.
    ///
    /// # Errors
    /// [`ClientError::AnchorTransaction`] when the node has no receipt, or the transaction
    /// reverted or is not in a block.
    pub(crate) async fn landed(&self, tx_hash: B256) -> Result<Landed, ClientError> {
        let refuse = |reason: &str| ClientError::AnchorTransaction {
            url: self.url.clone(),
            tx_hash: tx_hash.to_string(),
            reason: reason.to_owned(),
        };
        let receipt = self
            .provider("eth_getTransactionReceipt")?
            .get_transaction_receipt(tx_hash)
            .await
            .map_err(self.failed("eth_getTransactionReceipt"))?
            .ok_or_else(|| refuse("the node has no receipt for it (not mined, or reorganised away)"))?;
        if !receipt.status() {
            return Err(refuse("it reverted"));
        }
        match (receipt.block_number, receipt.block_hash) {
            (Some(block_number), Some(block_hash)) => Ok(Landed { block_number, block_hash }),
            _ => Err(refuse("its receipt names no block")),
        }
    }
}
