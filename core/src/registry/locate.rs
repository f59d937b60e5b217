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

/// One stream's `BatchCommitted` log as an `eth_getLogs` answer gives it: the event's fields and
/// where it is. The batch id is kept as the bytes32 the log carries (a log written by someone
/// other than the anchor need not hold a right-padded UUID).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchCommittedLog {
    /// `batchId` (topic 1).
    pub batch_id: B256,
    /// `eventsRoot`.
    pub events_root: B256,
    /// `newStateRoot`.
    pub new_state_root: B256,
    /// `sequenceStart`.
    pub sequence_start: u64,
    /// `sequenceEnd`.
    pub sequence_end: u64,
    /// `eventCount`.
    pub event_count: u32,
    /// The block holding the log.
    pub block_number: u64,
    /// That block's hash.
    pub block_hash: B256,
    /// The transaction that emitted it.
    pub transaction_hash: B256,
    /// Its index in the block (`logIndex`), when the answer gives one.
    pub log_index: Option<u64>,
}

/// A log of the answer that is a `BatchCommitted` of the stream, decoded; `None` for a log of
/// another event or stream, or marked `removed`.
fn stream_commitment(
    log: &Value,
    path: &str,
    stream: &B256,
) -> Result<Option<ISetRegistry::BatchCommitted>, RegistryError> {
    if log.get("removed").and_then(Value::as_bool) == Some(true) {
        return Ok(None);
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
        topics.first() == Some(&ISetRegistry::BatchCommitted::SIGNATURE_HASH) && topics.get(2) == Some(stream);
    if !is_stream_commitment {
        return Ok(None);
    }
    let data = decode_hex(path, hex_field(log, path, "data")?).map_err(|err| invalid(err.to_string()))?;
    decode_batch_committed(&topics, &data).map(Some)
}

fn b256_field(log: &Value, path: &str, key: &str) -> Result<B256, RegistryError> {
    decode_b256(&format!("{path}.{key}"), hex_field(log, path, key)?).map_err(|err| invalid(err.to_string()))
}

fn quantity_field(log: &Value, path: &str, key: &str) -> Result<u64, RegistryError> {
    let number = hex_field(log, path, key)?;
    u64::from_str_radix(number.trim_start_matches("0x"), 16)
        .map_err(|_| invalid(format!("{path}.{key}: {number} is not a hex quantity")))
}

/// Every `BatchCommitted` log of the stream (`tenant_id`, `store_id`) in the `result` array of an
/// `eth_getLogs` answer to [`batch_committed_filter`], in the answer's order (block order, as
/// nodes return them); logs of other events or streams and logs marked `removed` (reorganised
/// away) are passed over. What a stream audit reads the chain's history from.
///
/// # Errors
/// [`RegistryError::Abi`]: `INVALID_ABI` for a result that is not an array of logs with hex
/// `topics`, `data`, `transactionHash`, `blockNumber` and `blockHash` (`logIndex` may be
/// absent; the reason names `logs[i].<key>`), or a `BatchCommitted` log whose data does not
/// decode.
pub fn batch_committed_logs(
    logs: &Value,
    tenant_id: &Uuid,
    store_id: &Uuid,
) -> Result<Vec<BatchCommittedLog>, RegistryError> {
    let items = logs.as_array().ok_or_else(|| invalid("expected an array of logs".into()))?;
    let stream = stream_topic(tenant_id, store_id);
    let mut found = Vec::new();
    for (index, log) in items.iter().enumerate() {
        let path = format!("logs[{index}]");
        let Some(event) = stream_commitment(log, &path, &stream)? else { continue };
        let log_index = match log.get("logIndex") {
            None | Some(Value::Null) => None,
            Some(_) => Some(quantity_field(log, &path, "logIndex")?),
        };
        found.push(BatchCommittedLog {
            batch_id: event.batchId,
            events_root: event.eventsRoot,
            new_state_root: event.newStateRoot,
            sequence_start: event.sequenceStart,
            sequence_end: event.sequenceEnd,
            event_count: event.eventCount,
            block_number: quantity_field(log, &path, "blockNumber")?,
            block_hash: b256_field(log, &path, "blockHash")?,
            transaction_hash: b256_field(log, &path, "transactionHash")?,
            log_index,
        });
    }
    Ok(found)
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
        let Some(event) = stream_commitment(log, &path, &stream)? else { continue };
        if !(event.sequenceStart..=event.sequenceEnd).contains(&sequence_number) {
            continue;
        }
        let block_number = quantity_field(log, &path, "blockNumber")?;
        let batch_id =
            bytes32_to_uuid(&format!("{path}.topics[1]"), &event.batchId).map_err(|err| invalid(err.to_string()))?;
        return Ok(Some(LocatedCommitment {
            batch_id,
            transaction_hash: b256_field(log, &path, "transactionHash")?,
            block_number,
            block_hash: b256_field(log, &path, "blockHash")?,
            event,
        }));
    }
    Ok(None)
}
