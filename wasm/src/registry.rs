//! SetRegistry ABI: calldata encoders, return-data, log and revert decoders.
//!
//! Feature `main` (`@setchain/core`) has what reading a commitment for a receipt check needs:
//! `getBatchCommitment` and `getLatestStateRoot`. Feature `full` (`@setchain/core/full`) adds the
//! rest: `commitBatch`, `verifyInclusion`, `verifyVesInclusion`, `BatchCommitted` and the generic
//! decoders.
//!
//! Hex (or `Uint8Array`) in; `0x` hex, `bigint`s and plain objects out, so the results plug
//! into viem or ethers (`{ to, data: encodeGetBatchCommitment(id) }`).

use alloy_primitives::{B256, U256};
use set_core::registry::{self, CommitBatchArgs, OnchainCommitment};
use wasm_bindgen::prelude::*;

use crate::convert::{b256, b256_list, bigint, bytes, get, hex, json_value, set, u256_of, u32_of, u64_of};
use crate::error::{core_error, invalid_argument};
use crate::ids::id_word;

fn args_of(args: &JsValue) -> Result<CommitBatchArgs, JsValue> {
    if !args.is_object() {
        return Err(invalid_argument("args", "an object with the commitBatch arguments"));
    }
    Ok(CommitBatchArgs {
        batch_id: id_word("batchId", &get(args, "batchId"))?,
        tenant_id: id_word("tenantId", &get(args, "tenantId"))?,
        store_id: id_word("storeId", &get(args, "storeId"))?,
        events_root: b256("eventsRoot", &get(args, "eventsRoot"))?,
        prev_state_root: b256("prevStateRoot", &get(args, "prevStateRoot"))?,
        new_state_root: b256("newStateRoot", &get(args, "newStateRoot"))?,
        sequence_start: u64_of("sequenceStart", &get(args, "sequenceStart"))?,
        sequence_end: u64_of("sequenceEnd", &get(args, "sequenceEnd"))?,
        event_count: u32_of("eventCount", &get(args, "eventCount"))?,
    })
}

/// The `topics` and `data` of a log object (`{ topics, data }`, as viem and ethers give it).
pub(crate) fn log_parts(log: &JsValue) -> Result<(Vec<B256>, Vec<u8>), JsValue> {
    Ok((b256_list("topics", &get(log, "topics"))?, bytes("data", &get(log, "data"))?))
}

fn args_to_js(args: &CommitBatchArgs) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, "batchId", hex(args.batch_id.as_slice()));
    set(&object, "tenantId", hex(args.tenant_id.as_slice()));
    set(&object, "storeId", hex(args.store_id.as_slice()));
    set(&object, "eventsRoot", hex(args.events_root.as_slice()));
    set(&object, "prevStateRoot", hex(args.prev_state_root.as_slice()));
    set(&object, "newStateRoot", hex(args.new_state_root.as_slice()));
    set(&object, "sequenceStart", bigint(args.sequence_start));
    set(&object, "sequenceEnd", bigint(args.sequence_end));
    set(&object, "eventCount", JsValue::from(args.event_count));
    object.into()
}

fn commitment_to_js(commitment: &OnchainCommitment) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, "eventsRoot", hex(commitment.events_root.as_slice()));
    set(&object, "newStateRoot", hex(commitment.new_state_root.as_slice()));
    set(&object, "sequenceStart", bigint(commitment.sequence_start));
    set(&object, "sequenceEnd", bigint(commitment.sequence_end));
    set(&object, "eventCount", JsValue::from(commitment.event_count));
    set(&object, "timestamp", bigint(commitment.timestamp));
    set(&object, "exists", JsValue::from_bool(commitment.exists()));
    object.into()
}

/// `commitBatch` calldata from `{ batchId, tenantId, storeId, eventsRoot, prevStateRoot,
/// newStateRoot, sequenceStart, sequenceEnd, eventCount }`. Ids are UUID strings or bytes32;
/// sequences are `bigint`s (or safe-integer numbers / decimal strings).
///
/// # Errors
/// Hex, UUID and `INVALID_ARGUMENT` errors naming the field.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = encodeCommitBatch)]
pub fn encode_commit_batch(args: &JsValue) -> Result<JsValue, JsValue> {
    Ok(hex(&registry::encode_commit_batch(&args_of(args)?)))
}

/// The arguments of `commitBatch` calldata (ids and roots as bytes32 hex, sequences as
/// `bigint`, `eventCount` as a number).
///
/// # Errors
/// `TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeCommitBatch)]
pub fn decode_commit_batch(calldata: &JsValue) -> Result<JsValue, JsValue> {
    let data = bytes("calldata", calldata)?;
    registry::decode_commit_batch(&data).map(|args| args_to_js(&args)).map_err(core_error)
}

/// `getBatchCommitment(batchId)` calldata; `batchId` is a UUID string or bytes32.
///
/// # Errors
/// Hex and UUID errors naming `batchId`.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = encodeGetBatchCommitment)]
pub fn encode_get_batch_commitment(batch_id: &JsValue) -> Result<JsValue, JsValue> {
    Ok(hex(&registry::encode_get_batch_commitment(id_word("batchId", batch_id)?)))
}

/// `getBatchCommitment` return data as `{ eventsRoot, newStateRoot, sequenceStart,
/// sequenceEnd, eventCount, timestamp, exists }`; unknown batches come back with
/// `exists: false`.
///
/// # Errors
/// `TRUNCATED`, `INVALID_ABI`, hex errors.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = decodeGetBatchCommitment)]
pub fn decode_get_batch_commitment(data: &JsValue) -> Result<JsValue, JsValue> {
    let data = bytes("data", data)?;
    registry::decode_get_batch_commitment(&data).map(|c| commitment_to_js(&c)).map_err(core_error)
}

/// `getLatestStateRoot(tenantId, storeId)` calldata (UUID strings or bytes32).
///
/// # Errors
/// Hex and UUID errors naming the field.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = encodeGetLatestStateRoot)]
pub fn encode_get_latest_state_root(tenant_id: &JsValue, store_id: &JsValue) -> Result<JsValue, JsValue> {
    let tenant = id_word("tenantId", tenant_id)?;
    let store = id_word("storeId", store_id)?;
    Ok(hex(&registry::encode_get_latest_state_root(tenant, store)))
}

/// `getLatestStateRoot` return data: the state root, `0x` hex.
///
/// # Errors
/// `TRUNCATED`, `INVALID_ABI`, hex errors.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = decodeGetLatestStateRoot)]
pub fn decode_get_latest_state_root(data: &JsValue) -> Result<JsValue, JsValue> {
    let data = bytes("data", data)?;
    registry::decode_get_latest_state_root(&data).map(|root| hex(root.as_slice())).map_err(core_error)
}

/// The calldata `encode` (`verifyInclusion` or `verifyVesInclusion`, which take the same
/// arguments) makes of the converted arguments.
#[cfg(feature = "full")]
fn inclusion_calldata(
    encode: fn(B256, B256, &[B256], U256) -> Vec<u8>,
    batch_id: &JsValue,
    leaf: &JsValue,
    proof: &JsValue,
    index: &JsValue,
) -> Result<JsValue, JsValue> {
    let calldata = encode(
        id_word("batchId", batch_id)?,
        b256("leaf", leaf)?,
        &b256_list("proof", proof)?,
        u256_of("index", index)?,
    );
    Ok(hex(&calldata))
}

/// `verifyInclusion(batchId, leaf, proof, index)` calldata (keccak-v1, lenient on-chain rule).
///
/// # Errors
/// Hex errors naming the field; `INVALID_ARGUMENT` for a bad index.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = encodeVerifyInclusion)]
pub fn encode_verify_inclusion(
    batch_id: &JsValue,
    leaf: &JsValue,
    proof: &JsValue,
    index: &JsValue,
) -> Result<JsValue, JsValue> {
    inclusion_calldata(registry::encode_verify_inclusion, batch_id, leaf, proof, index)
}

/// `verifyInclusion` return data: a boolean.
///
/// # Errors
/// `TRUNCATED`, `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeVerifyInclusion)]
pub fn decode_verify_inclusion(data: &JsValue) -> Result<bool, JsValue> {
    registry::decode_verify_inclusion(&bytes("data", data)?).map_err(core_error)
}

/// `verifyVesInclusion(batchId, leaf, proof, index)` calldata (ves-sha256-v1).
///
/// # Errors
/// Hex errors naming the field; `INVALID_ARGUMENT` for a bad index.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = encodeVerifyVesInclusion)]
pub fn encode_verify_ves_inclusion(
    batch_id: &JsValue,
    leaf: &JsValue,
    proof: &JsValue,
    index: &JsValue,
) -> Result<JsValue, JsValue> {
    inclusion_calldata(registry::encode_verify_ves_inclusion, batch_id, leaf, proof, index)
}

/// `verifyVesInclusion` return data: a boolean.
///
/// # Errors
/// `TRUNCATED`, `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeVerifyVesInclusion)]
pub fn decode_verify_ves_inclusion(data: &JsValue) -> Result<bool, JsValue> {
    registry::decode_verify_ves_inclusion(&bytes("data", data)?).map_err(core_error)
}

/// Any SetRegistry calldata as `{ name, signature, args }` (integers as decimal strings).
///
/// # Errors
/// `TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeRegistryCall)]
pub fn decode_registry_call(calldata: &JsValue) -> Result<JsValue, JsValue> {
    let call = registry::decode_call(&bytes("calldata", calldata)?).map_err(core_error)?;
    json_value(&call.decoded().to_json())
}

/// The return data of any SetRegistry function as `{ name, signature, args }`; `call` is the
/// calldata sent (or its 4-byte selector).
///
/// # Errors
/// `TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeRegistryReturn)]
pub fn decode_registry_return(call: &JsValue, data: &JsValue) -> Result<JsValue, JsValue> {
    let decoded = registry::decode_return(&bytes("call", call)?, &bytes("data", data)?).map_err(core_error)?;
    json_value(&decoded.to_json())
}

/// One SetRegistry log (`{ topics, data }`, as viem and ethers give it) as
/// `{ name, signature, args }` — e.g. `BatchCommitted`.
///
/// # Errors
/// `TRUNCATED`, `UNKNOWN_EVENT`, `WRONG_TOPIC_COUNT`, `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeRegistryLog)]
pub fn decode_registry_log(log: &JsValue) -> Result<JsValue, JsValue> {
    let (topics, data) = log_parts(log)?;
    let event = registry::decode_log(&topics, &data).map_err(core_error)?;
    json_value(&event.decoded().to_json())
}

/// SetRegistry revert data (custom errors, `Error(string)`, `Panic(uint256)`) as
/// `{ name, signature, args }`, plus `inner` for `BatchCommitFailed`.
///
/// # Errors
/// `TRUNCATED` (including empty revert data), `UNKNOWN_SELECTOR`, `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeRegistryError)]
pub fn decode_registry_error(revert_data: &JsValue) -> Result<JsValue, JsValue> {
    let revert = registry::decode_revert(&bytes("revertData", revert_data)?).map_err(core_error)?;
    json_value(&revert.decoded().to_json())
}

/// A `BatchCommitted` log (`{ topics, data }`) as `{ batchId, tenantStoreKey, eventsRoot,
/// newStateRoot, sequenceStart, sequenceEnd, eventCount }` (hashes as hex, sequences as
/// `bigint`, `eventCount` as a number).
///
/// # Errors
/// `UNKNOWN_EVENT` (also for other SetRegistry events), `WRONG_TOPIC_COUNT`, `TRUNCATED`,
/// `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeBatchCommitted)]
pub fn decode_batch_committed(log: &JsValue) -> Result<JsValue, JsValue> {
    let (topics, data) = log_parts(log)?;
    let event = registry::decode_batch_committed(&topics, &data).map_err(core_error)?;
    let object = js_sys::Object::new();
    set(&object, "batchId", hex(event.batchId.as_slice()));
    set(&object, "tenantStoreKey", hex(event.tenantStoreKey.as_slice()));
    set(&object, "eventsRoot", hex(event.eventsRoot.as_slice()));
    set(&object, "newStateRoot", hex(event.newStateRoot.as_slice()));
    set(&object, "sequenceStart", bigint(event.sequenceStart));
    set(&object, "sequenceEnd", bigint(event.sequenceEnd));
    set(&object, "eventCount", JsValue::from(event.eventCount));
    Ok(object.into())
}

/// `getTenantStoreSummary(tenantId, storeId)` calldata (UUID strings or bytes32): the stream's
/// head, as the stream audit reads it.
///
/// # Errors
/// Hex and UUID errors naming the field.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = encodeGetTenantStoreSummary)]
pub fn encode_get_tenant_store_summary(tenant_id: &JsValue, store_id: &JsValue) -> Result<JsValue, JsValue> {
    let tenant = id_word("tenantId", tenant_id)?;
    let store = id_word("storeId", store_id)?;
    Ok(hex(&registry::encode_get_tenant_store_summary(tenant, store)))
}

/// `getTenantStoreSummary` return data: `{ latestBatchId, currentStateRoot, currentHeadSequence,
/// hasLatestProof }` (hashes as hex, the sequence as `bigint`).
///
/// # Errors
/// `TRUNCATED`, `INVALID_ABI`, hex errors.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeGetTenantStoreSummary)]
pub fn decode_get_tenant_store_summary(data: &JsValue) -> Result<JsValue, JsValue> {
    let summary = registry::decode_get_tenant_store_summary(&bytes("data", data)?).map_err(core_error)?;
    let object = js_sys::Object::new();
    set(&object, "latestBatchId", hex(summary.latest_batch_id.as_slice()));
    set(&object, "currentStateRoot", hex(summary.current_state_root.as_slice()));
    set(&object, "currentHeadSequence", bigint(summary.current_head_sequence));
    set(&object, "hasLatestProof", JsValue::from_bool(summary.has_latest_proof));
    Ok(object.into())
}
