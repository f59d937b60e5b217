//! Finding the on-chain commitment that holds an event: the `eth_getLogs` filter of a stream's
//! `BatchCommitted` logs, and the pick of the log whose range holds a sequence number.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{Address, B256};
use alloy_sol_types::SolEvent;
use serde_json::{json, Value};
use uuid::Uuid;

use super::interface::ISetRegistry;
use super::logs::decode_batch_committed;
use super::RegistryError;
use crate::abi::AbiError;
use crate::encoding::{decode_b256, decode_hex, encode_hex};
use crate::ids::{bytes32_to_uuid, tenant_store_key, uuid_to_bytes32};

/// The topic a stream's `BatchCommitted` logs carry second: `tenantStoreKey` =
/// `keccak256(tenant bytes32 ‖ store bytes32)`, each UUID right-padded to 32 bytes.
pub fn stream_topic(tenant_id: &Uuid, store_id: &Uuid) -> B256 {
    tenant_store_key(&uuid_to_bytes32(tenant_id), &uuid_to_bytes32(store_id))
}

/// The `eth_getLogs` filter (the one parameter object) for the `BatchCommitted` logs of one
/// stream at `registry`, from block `from_block` to `to_block` (`"latest"` when `None`); block
/// numbers as `0x` quantities.
pub fn batch_committed_filter(
    registry: &Address,
    tenant_id: &Uuid,
    store_id: &Uuid,
    from_block: u64,
    to_block: Option<u64>,
) -> Value {
    json!({
        "address": encode_hex(registry.as_slice()),
        "fromBlock": format!("{from_block:#x}"),
        "toBlock": to_block.map_or_else(|| "latest".into(), |block| format!("{block:#x}")),
        "topics": [
            ISetRegistry::BatchCommitted::SIGNATURE_HASH.to_string(),
            Value::Null,
            stream_topic(tenant_id, store_id).to_string(),
        ],
    })
}

/// A `BatchCommitted` log whose range holds the sequence number looked for, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedCommitment {
    /// The commitment's id (the sequencer's `batch_id`).
    pub batch_id: Uuid,
    /// The decoded log.
    pub event: ISetRegistry::BatchCommitted,
    /// The transaction that committed it (a bundle's `anchor.tx_hash`).
    pub transaction_hash: B256,
    /// Its block (`anchor.block_number`).
    pub block_number: u64,
    /// Its block's hash (`anchor.block_hash`).
    pub block_hash: B256,
}

fn invalid(reason: String) -> RegistryError {
    RegistryError::Abi(AbiError::Invalid { what: "eth_getLogs result", reason })
}

fn hex_field<'a>(log: &'a Value, path: &str, key: &str) -> Result<&'a str, RegistryError> {
    log.get(key).and_then(Value::as_str).ok_or_else(|| invalid(format!("{path}.{key}: expected a hex string")))
}

/// Picks, from the `result` array of an `eth_getLogs` answer to [`batch_committed_filter`], the
/// `BatchCommitted` log of the stream (`tenant_id`, `store_id`) whose range holds
/// `sequence_number` (the first one, in the answer's order); logs of other events or streams and
/// logs marked `removed` (reorganised away) are passed over. `None` when no log holds it (not
/// anchored yet).
///
/// # Errors
/// [`RegistryError::Abi`]: `INVALID_ABI` for a result that is not an array of logs with hex
/// `topics`, `data`, `transactionHash`, `blockNumber` and `blockHash` (the reason names
/// `logs[i].<key>`), or a `BatchCommitted` log whose data does not decode.
pub fn commitment_holding_in_logs(
    logs: &Value,
    tenant_id: &Uuid,
    store_id: &Uuid,
    sequence_number: u64,
) -> Result<Option<LocatedCommitment>, RegistryError> {
    let items = logs.as_array().ok_or_else(|| invalid("expected an array of logs".into()))?;
    let stream = stream_topic(tenant_id, store_id);
    for (index, log) in items.iter().enumerate() {
        let path = format!("logs[{index}]");
        if log.get("removed").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let topics = log
            .get("topics")
            .and_then(Value::as_array)
            .ok_or_else(|| invalid(format!("{path}.topics: expected an array")))?
            .iter()
            .enumerate()
            .map(|(i, topic)| {
                let field = format!("{path}.topics[{i}]");
                topic
                    .as_str()
                    .ok_or_else(|| invalid(format!("{field}: expected a hex string")))
                    .and_then(|text| decode_b256(&field, text).map_err(|err| invalid(err.to_string())))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let is_stream_commitment =
            topics.first() == Some(&ISetRegistry::BatchCommitted::SIGNATURE_HASH) && topics.get(2) == Some(&stream);
        if !is_stream_commitment {
            continue;
        }
        let data = decode_hex(&path, hex_field(log, &path, "data")?).map_err(|err| invalid(err.to_string()))?;
        let event = decode_batch_committed(&topics, &data)?;
        if !(event.sequenceStart..=event.sequenceEnd).contains(&sequence_number) {
            continue;
        }
        let b256 = |key: &str| -> Result<B256, RegistryError> {
            decode_b256(&format!("{path}.{key}"), hex_field(log, &path, key)?).map_err(|err| invalid(err.to_string()))
        };
        let number = hex_field(log, &path, "blockNumber")?;
        let block_number = u64::from_str_radix(number.trim_start_matches("0x"), 16)
            .map_err(|_| invalid(format!("{path}.blockNumber: {number} is not a hex quantity")))?;
        let batch_id =
            bytes32_to_uuid(&format!("{path}.topics[1]"), &event.batchId).map_err(|err| invalid(err.to_string()))?;
        return Ok(Some(LocatedCommitment {
            batch_id,
            transaction_hash: b256("transactionHash")?,
            block_number,
            block_hash: b256("blockHash")?,
            event,
        }));
    }
    Ok(None)
}
