//! VES v1 hashing and the receipt verifier, one bundle or many (docs/protocol.md, "VES v1
//! hashes" and "Receipt bundle").

use set_core::{receipt, ves};
use wasm_bindgen::prelude::*;

use crate::convert::{b256, fixed, hex, json_text, json_value, set, u32_of, u64_of, Payload};
use crate::error::{core_error, invalid_argument};

fn event_of(event: &JsValue) -> Result<ves::VesEvent, JsValue> {
    ves::VesEvent::from_json(&json_text("event", event, Payload::OfEvent)?).map_err(core_error)
}

/// `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))` of a payload given as JSON text (hashed
/// as the sequencer parses it) or as a JS value (`JSON.stringify`-ed first).
///
/// # Errors
/// `INVALID_JSON` for text that is not JSON, or naming a `bigint` in the value
/// (`payload.amount`: no JSON number keeps its hash); the core's canonicalisation error code.
#[wasm_bindgen(js_name = payloadPlainHash)]
pub fn payload_plain_hash(payload: &JsValue) -> Result<JsValue, JsValue> {
    let text = json_text("payload", payload, Payload::Whole)?;
    ves::payload_plain_hash_json(&text).map(|hash| hex(hash.as_slice())).map_err(core_error)
}

fn payload_of(payload: &JsValue) -> Result<serde_json::Value, JsValue> {
    ves::parse_json_value("payload", &json_text("payload", payload, Payload::Whole)?).map_err(core_error)
}

/// The salted payload hash of encrypted events, `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ salt ‖
/// JCS(payload))`; `salt` is 16 bytes (hex or `Uint8Array`), `payload` as in `payloadPlainHash`.
///
/// # Errors
/// Hex / `WRONG_LENGTH` naming `salt`; `INVALID_JSON`; the core's canonicalisation code.
#[wasm_bindgen(js_name = payloadPlainHashSalted)]
pub fn payload_plain_hash_salted(salt: &JsValue, payload: &JsValue) -> Result<JsValue, JsValue> {
    let salt = fixed::<16>("salt", salt)?;
    ves::payload_plain_hash_salted(&salt, &payload_of(payload)?).map(|hash| hex(hash.as_slice())).map_err(core_error)
}

/// The RFC 8785 (JCS) text of a payload, as the sequencer canonicalises it (integers beyond
/// 2^53 rounded like it does).
///
/// # Errors
/// `INVALID_JSON`; the core's canonicalisation code.
#[wasm_bindgen(js_name = canonicalJson)]
pub fn canonical_json(payload: &JsValue) -> Result<String, JsValue> {
    ves::canonical_json(&payload_of(payload)?).map_err(core_error)
}

/// The `ves-sha256-v1` padding leaf, `SHA-256("VES_PAD_LEAF_V1")`.
#[wasm_bindgen(js_name = padLeaf)]
pub fn pad_leaf() -> JsValue {
    hex(ves::pad_leaf().as_slice())
}

/// The `ves-sha256-v1` inner node, `SHA-256("VES_NODE_V1" ‖ left ‖ right)`.
///
/// # Errors
/// Hex / `WRONG_LENGTH` naming `left` or `right`.
#[wasm_bindgen(js_name = nodeHash)]
pub fn node_hash(left: &JsValue, right: &JsValue) -> Result<JsValue, JsValue> {
    Ok(hex(ves::node_hash(&b256("left", left)?, &b256("right", right)?).as_slice()))
}

/// Whether `signature` (64 bytes) is a valid Ed25519 signature by `publicKey` (32 bytes) over
/// the 32-byte `message` (an event signing hash or a receipt hash), as the sequencer checks it.
///
/// # Errors
/// Hex / `WRONG_LENGTH` naming the field; `INVALID_PUBLIC_KEY` for a key that is not a curve point.
#[wasm_bindgen(js_name = verifyEd25519)]
pub fn verify_ed25519(public_key: &JsValue, message: &JsValue, signature: &JsValue) -> Result<bool, JsValue> {
    let public_key = fixed::<32>("publicKey", public_key)?;
    let message = b256("message", message)?;
    let signature = fixed::<64>("signature", signature)?;
    ves::verify_ed25519("publicKey", &public_key, &message, &signature).map_err(core_error)
}

/// The event signing hash (what the agent signs) of a VES event (object or JSON text).
///
/// # Errors
/// The core's event-parsing codes, naming the field (`event.tenant_id`, …).
#[wasm_bindgen(js_name = eventSigningHash)]
pub fn event_signing_hash(event: &JsValue) -> Result<JsValue, JsValue> {
    event_of(event)?.signing_hash().map(|hash| hex(hash.as_slice())).map_err(core_error)
}

/// The Merkle leaf of a VES event at `sequenceNumber` (`bigint`, number or decimal string).
///
/// # Errors
/// The core's event-parsing codes; `INVALID_ARGUMENT` for a bad sequence number.
#[wasm_bindgen(js_name = leafHash)]
pub fn leaf_hash(event: &JsValue, sequence_number: &JsValue) -> Result<JsValue, JsValue> {
    let sequence_number = u64_of("sequenceNumber", sequence_number)?;
    event_of(event)?.leaf_hash(sequence_number).map(|hash| hex(hash.as_slice())).map_err(core_error)
}

/// The receipt hash the sequencer signs for a VES event at `sequenceNumber`.
///
/// # Errors
/// The core's event-parsing codes; `INVALID_ARGUMENT` for a bad sequence number.
#[wasm_bindgen(js_name = receiptHash)]
pub fn receipt_hash(event: &JsValue, sequence_number: &JsValue) -> Result<JsValue, JsValue> {
    let sequence_number = u64_of("sequenceNumber", sequence_number)?;
    event_of(event)?.receipt_hash(sequence_number).map(|hash| hex(hash.as_slice())).map_err(core_error)
}

/// A commitment's state root, chaining it to the previous one of its stream.
///
/// # Errors
/// Hex errors naming the field; `INVALID_ARGUMENT` for bad integers.
#[wasm_bindgen(js_name = stateRoot)]
pub fn state_root(
    stream_id: &JsValue,
    prev_state_root: &JsValue,
    merkle_root: &JsValue,
    sequence_start: &JsValue,
    sequence_end: &JsValue,
    leaf_count: &JsValue,
) -> Result<JsValue, JsValue> {
    let root = ves::state_root(
        &b256("streamId", stream_id)?,
        &b256("prevStateRoot", prev_state_root)?,
        &b256("merkleRoot", merkle_root)?,
        u64_of("sequenceStart", sequence_start)?,
        u64_of("sequenceEnd", sequence_end)?,
        u32_of("leafCount", leaf_count)?,
    );
    Ok(hex(root.as_slice()))
}

/// Verifies a receipt bundle (`set-receipt-v1` or `-v2`) against a trust document or a
/// `set-trust-root-v1` (each an object or JSON text) and returns the verdict `{ valid, level,
/// checks: {<check>: "pass"|"fail"|"skipped"}, reasons: {<check>: text} }` (a reason for every
/// failed or skipped check).
///
/// A bundle that parses but fails a check is a verdict with `valid: false`, not an error.
///
/// # Errors
/// A malformed bundle or trust document: `INVALID_JSON`, `UNSUPPORTED_FORMAT`,
/// `NETWORK_NOT_PINNED`, hex, UUID and ABI codes, with the field (`receipt.receipt_hash`,
/// `trust.registry`).
#[wasm_bindgen(js_name = verifyReceipt)]
pub fn verify_receipt(bundle: &JsValue, trust: &JsValue) -> Result<JsValue, JsValue> {
    let bundle = json_text("bundle", bundle, Payload::OfBundle)?;
    let trust = json_text("trust", trust, Payload::Absent)?;
    let verdict = receipt::verify_receipt_json(&bundle, &trust).map_err(core_error)?;
    json_value(&verdict.to_json())
}

/// Verifies many bundles against one trust document: one entry per bundle, in order, each the
/// verdict `verifyReceipt` gives for it alone. A bundle that cannot be read (what
/// `verifyReceipt` would throw for) is the entry `{ valid: false, level: "none", checks: {},
/// reasons: {}, error }`, `error` being that `SetError` (its `code`, `field`, `message`).
///
/// # Errors
/// `INVALID_ARGUMENT` when `bundles` is not an array; a malformed trust document (the whole
/// call), as `verifyReceipt`.
#[wasm_bindgen(js_name = verifyReceipts)]
pub fn verify_receipts(bundles: &JsValue, trust: &JsValue) -> Result<JsValue, JsValue> {
    if !js_sys::Array::is_array(bundles) {
        return Err(invalid_argument("bundles", "an array of bundles (objects or JSON text)"));
    }
    // Readable bundles go to the core as text; the others get their entry now and the
    // readable ones a placeholder (`undefined`) that their verdict replaces, in order.
    let entries = js_sys::Array::new();
    let mut texts = Vec::new();
    for bundle in js_sys::Array::unchecked_from_js_ref(bundles).iter() {
        match json_text("bundle", &bundle, Payload::OfBundle) {
            Ok(text) => {
                texts.push(text);
                entries.push(&JsValue::UNDEFINED);
            }
            Err(error) => {
                entries.push(&unreadable(error));
            }
        }
    }
    let trust = json_text("trust", trust, Payload::Absent)?;
    let mut verdicts = receipt::verify_receipts_json(&texts, &trust).map_err(core_error)?.into_iter();
    for i in 0..entries.length() {
        if entries.get(i).is_undefined() {
            let entry = match verdicts.next() {
                Some(Ok(verdict)) => json_value(&verdict.to_json())?,
                Some(Err(error)) => unreadable(core_error(error)),
                None => break,
            };
            entries.set(i, entry);
        }
    }
    Ok(entries.into())
}

/// The entry of a bundle that cannot be read: a verdict that claims nothing, and the error.
fn unreadable(error: JsValue) -> JsValue {
    let entry = js_sys::Object::new();
    set(&entry, "valid", JsValue::FALSE);
    set(&entry, "level", JsValue::from_str(receipt::Level::None.as_str()));
    set(&entry, "checks", js_sys::Object::new().into());
    set(&entry, "reasons", js_sys::Object::new().into());
    set(&entry, "error", error);
    entry.into()
}
