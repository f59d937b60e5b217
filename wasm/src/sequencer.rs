//! The sequencer's HTTP API as the JS client (`@setchain/core/client`, over the `full` module)
//! needs it: the endpoint paths, the credential header's value, the operator's commitment
//! request, and the readers of its answers (`set_core::sequencer`). The client only sends what
//! these build and hands back what they read.

use set_core::ids::parse_uuid;
use set_core::sequencer;
use uuid::Uuid;
use wasm_bindgen::prelude::*;

use crate::convert::{json_value, set, u64_of};
use crate::error::{core_error, invalid_argument};
use crate::ids::uuid_text;

pub(crate) fn uuid_of(field: &str, value: &JsValue) -> Result<Uuid, JsValue> {
    parse_uuid(field, &uuid_text(field, value)?).map_err(core_error)
}

fn text_of(field: &str, value: &JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| invalid_argument(field, "the answer's body as text"))
}

fn js_json(value: Result<serde_json::Value, serde_json::Error>) -> Result<JsValue, JsValue> {
    json_value(&value.map_err(|_| invalid_argument("answer", "a value with a JSON form"))?)
}

/// The path of `POST /api/v1/ves/events/ingest`.
#[wasm_bindgen(js_name = ingestPath)]
pub fn ingest_path() -> String {
    sequencer::INGEST_PATH.to_owned()
}

/// The path of `GET /api/v1/ves/commitments/{batchId}`.
///
/// # Errors
/// `INVALID_UUID` naming `batchId`.
#[wasm_bindgen(js_name = commitmentPath)]
pub fn commitment_path(batch_id: &JsValue) -> Result<String, JsValue> {
    Ok(sequencer::ves_commitment_path(&uuid_of("batchId", batch_id)?))
}

/// The path and query of `GET /api/v1/ves/commitments?tenant_id=&store_id=`: the stream's
/// commitments the anchor has not anchored yet.
///
/// # Errors
/// `INVALID_UUID` naming `tenantId` or `storeId`.
#[wasm_bindgen(js_name = commitmentListPath)]
pub fn commitment_list_path(tenant_id: &JsValue, store_id: &JsValue) -> Result<String, JsValue> {
    Ok(sequencer::ves_commitment_list_path(&uuid_of("tenantId", tenant_id)?, &uuid_of("storeId", store_id)?))
}

/// The path and query of `GET /api/v1/ves/proofs/{sequenceNumber}`; `batchId` is the
/// commitment's id.
///
/// # Errors
/// `INVALID_UUID` naming the id; `INVALID_ARGUMENT` for a bad sequence number.
#[wasm_bindgen(js_name = proofPath)]
pub fn proof_path(
    sequence_number: &JsValue,
    tenant_id: &JsValue,
    store_id: &JsValue,
    batch_id: &JsValue,
) -> Result<String, JsValue> {
    Ok(sequencer::ves_proof_path(
        u64_of("sequenceNumber", sequence_number)?,
        &uuid_of("tenantId", tenant_id)?,
        &uuid_of("storeId", store_id)?,
        &uuid_of("batchId", batch_id)?,
    ))
}

/// `POST /api/v1/ves/commitments`, the operator's request to commit the stream's events
/// `sequenceStart..=sequenceEnd` into one batch: `{ path, body }`, the body the exact JSON text
/// to send (`sequencer::CommitmentRequest`).
///
/// # Errors
/// `INVALID_UUID` naming `tenantId` or `storeId`; `INVALID_ARGUMENT` for a bad sequence number.
#[wasm_bindgen(js_name = commitmentRequest)]
pub fn commitment_request(
    tenant_id: &JsValue,
    store_id: &JsValue,
    sequence_start: &JsValue,
    sequence_end: &JsValue,
) -> Result<JsValue, JsValue> {
    let request = sequencer::CommitmentRequest {
        tenant_id: uuid_of("tenantId", tenant_id)?,
        store_id: uuid_of("storeId", store_id)?,
        sequence_start: u64_of("sequenceStart", sequence_start)?,
        sequence_end: u64_of("sequenceEnd", sequence_end)?,
    };
    let object = js_sys::Object::new();
    set(&object, "path", JsValue::from_str(sequencer::VES_COMMITMENTS_PATH));
    set(&object, "body", JsValue::from_str(&request.to_json()));
    Ok(object.into())
}

/// The `Authorization` header's value for an API key (`ApiKey <key>`: the sequencer reads only
/// JWTs after `Bearer`).
///
/// # Errors
/// `INVALID_ARGUMENT` when `apiKey` is not a string.
#[wasm_bindgen(js_name = authorizationValue)]
pub fn authorization_value(api_key: &JsValue) -> Result<String, JsValue> {
    let key = api_key.as_string().ok_or_else(|| invalid_argument("apiKey", "a string"))?;
    Ok(sequencer::authorization_value(&key))
}

/// Reads the sequencer's answer to `GET /api/v1/ves/commitments/{id}` (JSON text): the
/// commitment as a plain object (snake_case, `0x` hex, `chain_tx_hash` `null` until anchored).
///
/// # Errors
/// `INVALID_JSON`, or a hex code naming the field (`merkle_root`), for an answer that is not one.
#[wasm_bindgen(js_name = readVesCommitment)]
pub fn read_ves_commitment(body: &JsValue) -> Result<JsValue, JsValue> {
    let commitment = sequencer::parse_ves_commitment(&text_of("body", body)?).map_err(core_error)?;
    js_json(serde_json::to_value(&commitment))
}

/// Reads the sequencer's answer to `GET /api/v1/ves/commitments?tenant_id=&store_id=` (JSON
/// text): the stream's unanchored commitments, an array of what `readVesCommitment` returns.
///
/// # Errors
/// `INVALID_JSON`, or a hex code naming the field, for an answer that is not one.
#[wasm_bindgen(js_name = readVesCommitmentList)]
pub fn read_ves_commitment_list(body: &JsValue) -> Result<JsValue, JsValue> {
    let list = sequencer::parse_ves_commitment_list(&text_of("body", body)?).map_err(core_error)?;
    js_json(serde_json::to_value(&list.commitments))
}

/// Reads the sequencer's answer to `GET /api/v1/ves/proofs/{seq}` (JSON text): `{ sequence_number,
/// batch_id, merkle_root, leaf_hash, leaf_index, proof_path, directions }`.
///
/// # Errors
/// `INVALID_JSON`, or a hex code naming the field (`proof_path[2]`).
#[wasm_bindgen(js_name = readInclusionProof)]
pub fn read_inclusion_proof(body: &JsValue) -> Result<JsValue, JsValue> {
    let proof = sequencer::parse_inclusion_proof(&text_of("body", body)?).map_err(core_error)?;
    js_json(serde_json::to_value(&proof))
}

/// Reads an error answer of the sequencer, in whichever of its three shapes it came (the auth
/// layer's `{ error, code }`, the ingest handlers' `{ error: { code, message } }`, or text):
/// `{ code, message }`, `code` `null` for a text body. Never throws on the body.
///
/// # Errors
/// `INVALID_ARGUMENT` for a status outside 0–65535 or a body that is not a string.
#[wasm_bindgen(js_name = readErrorBody)]
pub fn read_error_body(status: &JsValue, content_type: &JsValue, body: &JsValue) -> Result<JsValue, JsValue> {
    let status = u16::try_from(u64_of("status", status)?).map_err(|_| invalid_argument("status", "an HTTP status"))?;
    let content_type = content_type.as_string();
    let parsed = sequencer::parse_error_body(status, content_type.as_deref(), &text_of("body", body)?);
    let object = js_sys::Object::new();
    set(&object, "code", parsed.code().map_or(JsValue::NULL, JsValue::from_str));
    set(&object, "message", JsValue::from_str(parsed.message()));
    Ok(object.into())
}
