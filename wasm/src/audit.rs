//! The stream audit (`set_core::audit`), in the `full` module, for the JS client's
//! `auditStream` (`@setchain/core/client`) and anyone who gathers the inputs themselves: the
//! stream's `BatchCommitted` logs as `eth_getLogs` answered, the registry's head as
//! `getTenantStoreSummary` returned it, the sequencer's commitments as it answered them, and an
//! optional export of the events. Every check, finding and rendering is the core's.

use set_core::audit::{self, AgentKey, AuditInput, SequencedEvent};
use set_core::ids::bytes32_to_uuid;
use set_core::receipt::Trust;
use set_core::registry::{self, BatchCommittedLog, TenantStoreSummary};
use set_core::sequencer::{self, VesCommitment};
use set_core::ves;
use uuid::Uuid;
use wasm_bindgen::prelude::*;

use crate::agent::present;
use crate::convert::{bigint, bytes, fixed, get, hex, json_text, json_value, set, u32_of, Payload};
use crate::error::{core_error, invalid_argument};
use crate::sequencer::uuid_of;

/// The stream's `BatchCommitted` logs among `logs` (an `eth_getLogs` result: an array or its
/// JSON text), decoded by the core.
fn stream_logs(logs: &JsValue, tenant_id: &Uuid, store_id: &Uuid) -> Result<Vec<BatchCommittedLog>, JsValue> {
    let logs = ves::parse_json_value("logs", &json_text("logs", logs, Payload::Absent)?).map_err(core_error)?;
    registry::batch_committed_logs(&logs, tenant_id, store_id).map_err(core_error)
}

fn export_of(events: &JsValue) -> Result<Vec<SequencedEvent>, JsValue> {
    // A `bigint` in an event's payload is refused with its path (it would be written as a
    // decimal string, which changes the payload's hash), as the other readers of events do.
    SequencedEvent::list_from_json(&json_text("events", events, Payload::OfExport)?).map_err(core_error)
}

/// The stream's `BatchCommitted` logs in the `result` of an `eth_getLogs` answer (an array or
/// its JSON text; other events, streams and `removed` logs left out), in the answer's order:
/// `{ batchId, batchUuid, eventsRoot, newStateRoot, sequenceStart, sequenceEnd, eventCount,
/// blockNumber, blockHash, transactionHash, logIndex }` — hashes `0x` hex, u64 as `bigint`,
/// `batchUuid` the UUID a right-padded batch id holds (every batch the sequencer names), else
/// `null`; `logIndex` `null` when the answer gives none.
///
/// # Errors
/// `INVALID_ABI` naming `logs[i]` for a log that does not decode; `INVALID_UUID`.
#[wasm_bindgen(js_name = batchCommittedLogs)]
pub fn batch_committed_logs(logs: &JsValue, tenant_id: &JsValue, store_id: &JsValue) -> Result<JsValue, JsValue> {
    let found = stream_logs(logs, &uuid_of("tenantId", tenant_id)?, &uuid_of("storeId", store_id)?)?;
    let array = js_sys::Array::new();
    for log in &found {
        let object = js_sys::Object::new();
        set(&object, "batchId", hex(log.batch_id.as_slice()));
        let uuid = bytes32_to_uuid("batchId", &log.batch_id).ok();
        set(&object, "batchUuid", uuid.map_or(JsValue::NULL, |id| JsValue::from_str(&id.hyphenated().to_string())));
        set(&object, "eventsRoot", hex(log.events_root.as_slice()));
        set(&object, "newStateRoot", hex(log.new_state_root.as_slice()));
        set(&object, "sequenceStart", bigint(log.sequence_start));
        set(&object, "sequenceEnd", bigint(log.sequence_end));
        set(&object, "eventCount", JsValue::from(log.event_count));
        set(&object, "blockNumber", bigint(log.block_number));
        set(&object, "blockHash", hex(log.block_hash.as_slice()));
        set(&object, "transactionHash", hex(log.transaction_hash.as_slice()));
        set(&object, "logIndex", log.log_index.map_or(JsValue::NULL, bigint));
        array.push(&object);
    }
    Ok(array.into())
}

/// Reads an export for the audit — a JSON array (or its text) of `{ sequence_number, event }`,
/// each event a signed VES event — and gives it back as plain objects, so a caller can refuse a
/// bad export before fetching anything.
///
/// # Errors
/// `INVALID_JSON` naming `events`, `events[i].sequence_number` or `events[i].event.…`; the
/// event's own codes naming `events[i].event`.
#[wasm_bindgen(js_name = readAuditExport)]
pub fn read_audit_export(events: &JsValue) -> Result<JsValue, JsValue> {
    let array = js_sys::Array::new();
    for item in export_of(events)? {
        let object = js_sys::Object::new();
        set(&object, "sequence_number", bigint(item.sequence_number));
        let event =
            serde_json::to_value(&item.event).map_err(|_| invalid_argument("events", "events with a JSON form"))?;
        set(&object, "event", json_value(&event)?);
        array.push(&object);
    }
    Ok(array.into())
}

/// The agent keys `{ agentId?, keyId?, ed25519?, mlDsa65? }` (ids absent: any agent, any key).
fn agent_keys_of(keys: &JsValue) -> Result<Vec<AgentKey>, JsValue> {
    if !js_sys::Array::is_array(keys) {
        return Err(invalid_argument("agentKeys", "an array of { agentId?, keyId?, ed25519?, mlDsa65? }"));
    }
    js_sys::Array::unchecked_from_js_ref(keys)
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let field = |name: &str| format!("agentKeys[{i}].{name}");
            Ok(AgentKey {
                agent_id: present(get(&key, "agentId")).map(|id| uuid_of(&field("agentId"), &id)).transpose()?,
                key_id: present(get(&key, "keyId")).map(|id| u32_of(&field("keyId"), &id)).transpose()?,
                ed25519: present(get(&key, "ed25519")).map(|k| fixed::<32>(&field("ed25519"), &k)).transpose()?,
                ml_dsa_65: present(get(&key, "mlDsa65")).map(|k| bytes(&field("mlDsa65"), &k)).transpose()?,
            })
        })
        .collect()
}

/// The agent key the trust document pins (Ed25519 and/or ML-DSA-65), for any agent, as
/// set-client's `audit_stream` takes it; none when it pins none.
fn pinned_agent_keys(trust: &JsValue) -> Result<Vec<AgentKey>, JsValue> {
    let trust = Trust::from_json(&json_text("trust", trust, Payload::Absent)?).map_err(core_error)?;
    if trust.agent_public_key.is_none() && trust.agent_ml_dsa_65_public_key.is_none() {
        return Ok(Vec::new());
    }
    Ok(vec![AgentKey {
        ed25519: trust.agent_public_key,
        ml_dsa_65: trust.agent_ml_dsa_65_public_key,
        ..AgentKey::default()
    }])
}

fn commitments_of(commitments: &JsValue) -> Result<Vec<VesCommitment>, JsValue> {
    if !js_sys::Array::is_array(commitments) {
        return Err(invalid_argument("sequencer", "an array of commitments (objects or JSON text)"));
    }
    js_sys::Array::unchecked_from_js_ref(commitments)
        .iter()
        .enumerate()
        .map(|(i, commitment)| {
            let text = json_text(&format!("sequencer[{i}]"), &commitment, Payload::Absent)?;
            sequencer::parse_ves_commitment(&text).map_err(core_error)
        })
        .collect()
}

/// Audits one stream (`set_core::audit::audit_stream`) from what its caller fetched:
/// `{ tenantId, storeId, logs, head?, sequencer, events?, agentKeys?, trust? }`.
///
/// - `logs`: the stream's `BatchCommitted` logs in block order (the `eth_getLogs` results of
///   every page, concatenated; an array or its JSON text);
/// - `head`: the `getTenantStoreSummary` return data at the last block the logs cover (absent:
///   the head check is skipped);
/// - `sequencer`: the sequencer's commitments of the stream, in any order (objects as
///   `readVesCommitment` returns them, or the answers' JSON text);
/// - `events`: an export, as `readAuditExport` takes it (absent: the event checks are skipped);
/// - `agentKeys`: the keys the events' signatures are checked with; when absent, the agent key
///   the trust document `trust` pins, for any agent; neither: signatures are not checked.
///
/// Returns the `set-stream-audit-v1` report (`format`, `tenant_id`, `store_id`, `ok`, `summary`,
/// `findings`: the same JSON as every binding) with `table`, its rendering for people. A gap,
/// fork or mismatch of the stream is a finding, not an error.
///
/// # Errors
/// `WRONG_STREAM` (`events[i]`) and `DUPLICATE_SEQUENCE_NUMBER` for an export core refuses;
/// `INVALID_PUBLIC_KEY` for a pinned key; `INVALID_ABI` naming `logs[i]`; the head's ABI codes;
/// the commitments' parse codes; `INVALID_ARGUMENT` for a value of the wrong type.
#[wasm_bindgen(js_name = auditStream)]
pub fn audit_stream(input: &JsValue) -> Result<JsValue, JsValue> {
    if !input.is_object() {
        return Err(invalid_argument("input", "an object { tenantId, storeId, logs, head?, sequencer, events?, … }"));
    }
    let item = |key: &str| get(input, key);
    let (tenant_id, store_id) = (uuid_of("tenantId", &item("tenantId"))?, uuid_of("storeId", &item("storeId"))?);
    let onchain = stream_logs(&item("logs"), &tenant_id, &store_id)?;
    let head: Option<TenantStoreSummary> = present(item("head"))
        .map(|data| registry::decode_get_tenant_store_summary(&bytes("head", &data)?).map_err(core_error))
        .transpose()?;
    let sequencer = commitments_of(&item("sequencer"))?;
    let events = present(item("events")).as_ref().map(export_of).transpose()?;
    let agent_keys = match (present(item("agentKeys")), present(item("trust"))) {
        (Some(keys), _) => agent_keys_of(&keys)?,
        (None, Some(trust)) => pinned_agent_keys(&trust)?,
        (None, None) => Vec::new(),
    };
    let input = AuditInput {
        tenant_id,
        store_id,
        onchain: &onchain,
        head: head.as_ref(),
        sequencer: &sequencer,
        events: events.as_deref(),
        agent_keys: &agent_keys,
    };
    let report = audit::audit_stream(&input).map_err(core_error)?;
    let value = json_value(&report.to_json())?;
    set(value.unchecked_ref(), "table", JsValue::from_str(&report.to_table()));
    Ok(value)
}
