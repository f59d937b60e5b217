//! A small JSON-RPC client over HTTP, and the few calls the devnet makes with it. Transactions
//! are sent with `eth_sendTransaction` from anvil's development accounts, which anvil unlocks.

use std::time::{Duration, Instant};

use alloy_primitives::{Address, B256};
use serde_json::{json, Value};

use crate::DevnetError;

/// One node's JSON-RPC endpoint.
#[derive(Debug, Clone)]
pub struct Rpc {
    url: String,
    http: reqwest::Client,
}

/// What a mined transaction left: its block and, for a deployment, the contract's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mined {
    /// The transaction's hash.
    pub tx_hash: B256,
    /// Its block's number.
    pub block_number: u64,
    /// Its block's hash.
    pub block_hash: B256,
    /// The contract a deployment created.
    pub contract: Option<Address>,
}

/// `0x` lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    set_core::encoding::encode_hex(bytes)
}

/// A JSON-RPC quantity (`0x1a`) as a number.
pub fn quantity(field: &str, value: &Value) -> Result<u64, DevnetError> {
    value
        .as_str()
        .and_then(|text| text.strip_prefix("0x"))
        .and_then(|digits| u64::from_str_radix(digits, 16).ok())
        .ok_or_else(|| DevnetError::Answer(format!("{field}: {value} is not a quantity")))
}

fn b256(field: &str, value: &Value) -> Result<B256, DevnetError> {
    value
        .as_str()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| DevnetError::Answer(format!("{field}: {value} is not 32 bytes of hex")))
}

impl Rpc {
    /// A client of `url` (`http://127.0.0.1:8545`).
    pub fn new(url: impl Into<String>) -> Self {
        // No extra roots and fixed settings: nothing here can be refused.
        let http = set_http::client_builder(&[])
            .expect("TLS setup without extra roots")
            .timeout(Duration::from_secs(30))
            .build()
            .expect("an HTTP client with a time-out");
        Rpc { url: url.into(), http }
    }

    /// The endpoint's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Calls `method` and returns its `result`.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`] for a transport error or a JSON-RPC error answer.
    pub async fn call(&self, method: &str, params: Value) -> Result<Value, DevnetError> {
        let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
        let failed = |message: String| DevnetError::Rpc { method: method.into(), message };
        let response = self.http.post(&self.url).json(&body).send().await.map_err(|err| failed(err.to_string()))?;
        let answer: Value = response.json().await.map_err(|err| failed(err.to_string()))?;
        match answer.get("error") {
            Some(error) => Err(failed(error.to_string())),
            None => Ok(answer["result"].clone()),
        }
    }

    /// Waits until the node answers `eth_chainId`, and returns it.
    ///
    /// # Errors
    /// [`DevnetError::Timeout`] after `timeout`.
    pub async fn wait_ready(&self, timeout: Duration) -> Result<u64, DevnetError> {
        let started = Instant::now();
        loop {
            if let Ok(id) = self.call("eth_chainId", json!([])).await {
                return quantity("eth_chainId", &id);
            }
            if started.elapsed() > timeout {
                return Err(DevnetError::Timeout(format!("{} to answer", self.url)));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// `eth_getBlockByNumber(tag, false)`: `tag` is a number or `latest`, `safe`, `finalized`.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`]; [`DevnetError::Answer`] when there is no such block.
    pub async fn block(&self, tag: BlockTag) -> Result<Value, DevnetError> {
        let block = self.call("eth_getBlockByNumber", json!([tag.param(), false])).await?;
        if block.is_null() {
            return Err(DevnetError::Answer(format!("no block {}", tag.param())));
        }
        Ok(block)
    }

    /// The number of the block `tag` names.
    ///
    /// # Errors
    /// As [`Rpc::block`].
    pub async fn block_number(&self, tag: BlockTag) -> Result<u64, DevnetError> {
        quantity("number", &self.block(tag).await?["number"])
    }

    /// `eth_getProof(address, keys, block)`.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`].
    pub async fn get_proof(&self, address: Address, keys: &[B256], block: u64) -> Result<Value, DevnetError> {
        let keys: Vec<String> = keys.iter().map(|key| hex(key.as_slice())).collect();
        self.call("eth_getProof", json!([hex(address.as_slice()), keys, BlockTag::Number(block).param()])).await
    }

    /// `eth_call` of `data` at `to`, at the latest block.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`] (a revert included); [`DevnetError::Answer`] for an answer that is
    /// not hex.
    pub async fn eth_call(&self, to: Address, data: &[u8]) -> Result<Vec<u8>, DevnetError> {
        let out = self.call("eth_call", json!([{"to": hex(to.as_slice()), "data": hex(data)}, "latest"])).await?;
        out.as_str()
            .and_then(|text| set_core::encoding::decode_hex("eth_call", text).ok())
            .ok_or_else(|| DevnetError::Answer(format!("eth_call: {out} is not hex")))
    }

    /// Sends a transaction from one of anvil's unlocked accounts (`to: None` deploys `data`)
    /// and waits until it is mined.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`]; [`DevnetError::Reverted`] when it reverted; [`DevnetError::Timeout`]
    /// when it is not mined within 30 s.
    pub async fn send(&self, from: Address, to: Option<Address>, data: &[u8]) -> Result<Mined, DevnetError> {
        let mut transaction = json!({"from": hex(from.as_slice()), "data": hex(data)});
        if let Some(to) = to {
            transaction["to"] = json!(hex(to.as_slice()));
        }
        let tx_hash = b256("eth_sendTransaction", &self.call("eth_sendTransaction", json!([transaction])).await?)?;
        let started = Instant::now();
        loop {
            let receipt = self.call("eth_getTransactionReceipt", json!([hex(tx_hash.as_slice())])).await?;
            if !receipt.is_null() {
                if receipt["status"] != json!("0x1") {
                    return Err(DevnetError::Reverted(format!("{tx_hash}: {receipt}")));
                }
                let contract = receipt["contractAddress"].as_str().and_then(|text| text.parse().ok());
                return Ok(Mined {
                    tx_hash,
                    block_number: quantity("blockNumber", &receipt["blockNumber"])?,
                    block_hash: b256("blockHash", &receipt["blockHash"])?,
                    contract,
                });
            }
            if started.elapsed() > Duration::from_secs(30) {
                return Err(DevnetError::Timeout(format!("transaction {tx_hash} to be mined")));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A block, by number or by tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockTag {
    /// The head.
    Latest,
    /// The safe head (anvil keeps it `--slots-in-an-epoch` blocks behind).
    Safe,
    /// This block.
    Number(u64),
}

impl BlockTag {
    fn param(self) -> String {
        match self {
            BlockTag::Latest => "latest".into(),
            BlockTag::Safe => "safe".into(),
            BlockTag::Number(number) => format!("0x{number:x}"),
        }
    }
}
