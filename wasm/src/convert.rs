//! JS value ↔ core type conversions shared by the modules of this crate (no behaviour).

use alloy_primitives::{Address, U256};
use set_core::encoding::{decode_b256, decode_hex, encode_hex, fixed_from_slice, B256};
use set_core::merkle::HEX_SIBLING_SEPARATOR;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{core_error, invalid_argument};

/// Largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A 32-byte value from a hex string or a 32-byte `Uint8Array`.
pub(crate) fn b256(field: &str, value: &JsValue) -> Result<B256, JsValue> {
    if let Some(text) = value.as_string() {
        return decode_b256(field, &text).map_err(core_error);
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return fixed_from_slice::<32>(field, &bytes.to_vec()).map(B256::from).map_err(core_error);
    }
    Err(invalid_argument(field, "a hex string or a Uint8Array of 32 bytes"))
}

/// Bytes from a hex string or a `Uint8Array`.
pub(crate) fn bytes(field: &str, value: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.as_string() {
        return decode_hex(field, &text).map_err(core_error);
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    Err(invalid_argument(field, "a hex string or a Uint8Array"))
}

/// A list of 32-byte values: an array of hex strings / `Uint8Array`s.
pub(crate) fn b256_list(field: &str, value: &JsValue) -> Result<Vec<B256>, JsValue> {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(invalid_argument(field, "an array of 32-byte hex strings or Uint8Arrays"));
    };
    if let Some(list) = joined_hex_list(array) {
        return Ok(list);
    }
    // The indexed field name is only formatted for the item that fails: at 2^16 leaves a name
    // per item costs more than the hashing.
    array
        .iter()
        .enumerate()
        .map(|(i, item)| b256(field, &item).or_else(|_| b256(&format!("{field}[{i}]"), &item)))
        .collect()
}

/// An array of hex strings, every one valid, read as one text: the engine joins the items with
/// commas, so one string crosses the boundary instead of one per item (each a UTF-8 encode, a
/// copy and an allocation). `None` when any item is not a string, or any piece (there is one
/// per item exactly when no item holds a comma) does not decode; the caller then converts item
/// by item, which gives the same values and the same errors.
fn joined_hex_list(array: &js_sys::Array) -> Option<Vec<B256>> {
    // Plain loops: iterator adapters collecting into `Option<Vec>` cost ~1 KB of wasm here.
    for item in array.iter() {
        if !item.is_string() {
            return None;
        }
    }
    let text = String::from(array.join(","));
    let mut list = Vec::with_capacity(array.length() as usize);
    for piece in text.split(',') {
        list.push(decode_b256("", piece).ok()?);
    }
    (list.len() == array.length() as usize).then_some(list)
}

/// A list of 32-byte values: an array, or one packed `Uint8Array` of N×32 bytes (returned
/// as `Err(bytes)` so that the core checks and splits it).
pub(crate) fn b256_list_or_packed(field: &str, value: &JsValue) -> Result<Result<Vec<B256>, Vec<u8>>, JsValue> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(Err(bytes.to_vec()));
    }
    b256_list(field, value).map(Ok)
}

/// A list of 32-byte values: an array, or one packed `Uint8Array` of N×32 bytes.
pub(crate) fn b256_list_any(field: &str, value: &JsValue) -> Result<Vec<B256>, JsValue> {
    match b256_list_or_packed(field, value)? {
        Ok(list) => Ok(list),
        Err(packed) => set_core::merkle::split_packed(field, &packed).map_err(core_error),
    }
}

/// A list of u64 values: an array (of `bigint`s, numbers or decimal strings) or a
/// `Uint32Array` / `BigUint64Array`.
pub(crate) fn u64_list(field: &str, value: &JsValue) -> Result<Vec<u64>, JsValue> {
    if let Some(typed) = value.dyn_ref::<js_sys::Uint32Array>() {
        return Ok(typed.to_vec().into_iter().map(u64::from).collect());
    }
    if let Some(typed) = value.dyn_ref::<js_sys::BigUint64Array>() {
        return Ok(typed.to_vec());
    }
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(invalid_argument(field, "an array of integers, a Uint32Array or a BigUint64Array"));
    };
    array
        .iter()
        .enumerate()
        .map(|(i, item)| u64_of(field, &item).or_else(|_| u64_of(&format!("{field}[{i}]"), &item)))
        .collect()
}

/// A u64 from a `bigint`, a non-negative safe-integer `number` or a decimal string.
pub(crate) fn u64_of(field: &str, value: &JsValue) -> Result<u64, JsValue> {
    const EXPECTED: &str = "a non-negative integer below 2^64 (bigint, safe-integer number or decimal string)";
    if value.is_bigint() {
        let big = js_sys::BigInt::unchecked_from_js_ref(value);
        let text = big.to_string(10).map_err(|_| invalid_argument(field, EXPECTED))?;
        return String::from(text).parse::<u64>().map_err(|_| invalid_argument(field, EXPECTED));
    }
    if let Some(number) = value.as_f64() {
        if number.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&number) {
            // Exact: a safe integer converts to u64 without rounding.
            return Ok(number as u64);
        }
        return Err(invalid_argument(field, EXPECTED));
    }
    if let Some(text) = value.as_string() {
        return text.parse::<u64>().map_err(|_| invalid_argument(field, EXPECTED));
    }
    Err(invalid_argument(field, EXPECTED))
}

/// A u32 (same inputs as [`u64_of`]).
pub(crate) fn u32_of(field: &str, value: &JsValue) -> Result<u32, JsValue> {
    u32::try_from(u64_of(field, value)?).map_err(|_| invalid_argument(field, "an integer below 2^32"))
}

/// A uint256 from a `bigint`, a safe-integer `number` or a decimal string.
pub(crate) fn u256_of(field: &str, value: &JsValue) -> Result<U256, JsValue> {
    const EXPECTED: &str = "a non-negative integer below 2^256 (bigint, safe-integer number or decimal string)";
    if value.is_bigint() {
        let big = js_sys::BigInt::unchecked_from_js_ref(value);
        let text = big.to_string(10).map_err(|_| invalid_argument(field, EXPECTED))?;
        return U256::from_str_radix(&String::from(text), 10).map_err(|_| invalid_argument(field, EXPECTED));
    }
    if let Some(text) = value.as_string() {
        return U256::from_str_radix(&text, 10).map_err(|_| invalid_argument(field, EXPECTED));
    }
    u64_of(field, value).map(U256::from)
}

/// `0x`-lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> JsValue {
    JsValue::from_str(&encode_hex(bytes))
}

/// A u64 as a JS `bigint`.
pub(crate) fn bigint(value: u64) -> JsValue {
    js_sys::BigInt::from(value).into()
}

#[wasm_bindgen]
extern "C" {
    /// A JS string, for the one method below (methods cannot be added to js-sys's `JsString`).
    #[wasm_bindgen(js_name = String)]
    type Text;

    /// `String.prototype.split` with a separator that is already a JS string (js-sys's `split`
    /// takes a `&str`, which crosses the boundary again on every call).
    #[wasm_bindgen(method, js_name = split)]
    fn split(this: &Text, separator: &js_sys::JsString) -> js_sys::Array;
}

/// `text.split(separator)`, both JS strings.
pub(crate) fn split_by(text: &JsValue, separator: &js_sys::JsString) -> js_sys::Array {
    text.unchecked_ref::<Text>().split(separator)
}

/// An array of `0x` hex strings.
///
/// Written by the core as one text (`merkle::push_proof_hex`) and cut by the engine's own
/// `split`: one string crosses the boundary instead of one per value, each of which costs a
/// UTF-8 decode and a call.
pub(crate) fn hex_array(values: &[B256]) -> js_sys::Array {
    if values.is_empty() {
        return js_sys::Array::new();
    }
    let mut text = String::new();
    set_core::merkle::push_proof_hex(&mut text, values);
    split_by(&JsValue::from_str(&text), &HEX_SIBLING_SEPARATOR.into())
}

/// Where a document holds an event payload. The payload is hashed as written, so a `bigint` in
/// it has no JSON form that keeps its hash: it is refused there, while elsewhere (u64 fields, an
/// on-chain record from `decodeGetBatchCommitment`) it becomes the decimal string the core reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Payload {
    /// The document is a payload (`payloadPlainHash`, `canonicalJson`).
    Whole,
    /// The document is an event: its `payload`.
    OfEvent,
    /// The document is a receipt bundle: its `event.payload`.
    OfBundle,
    /// The document is a stream audit's export: each item's `event.payload` (the full module's
    /// audit only: the checkout module's size budget).
    #[cfg(feature = "full")]
    OfExport,
    /// The document holds no payload (a trust document).
    Absent,
}

/// JSON text of `value`: a string is taken as JSON text, anything else is `JSON.stringify`-ed.
///
/// # Errors
/// `INVALID_ARGUMENT` naming `field` for a value `JSON.stringify` refuses (a cycle, a function);
/// `INVALID_JSON` naming the path of a `bigint` inside the document's payload
/// (`event.payload.amount`, `events[2].event.payload.amount`), from the core module that reads
/// the document (`ves`, `receipt`, `audit`).
pub(crate) fn json_text(field: &str, value: &JsValue, payload: Payload) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    // `bigint`s (as `decodeGetBatchCommitment` returns them) become decimal strings through the
    // entry's replacer: the core accepts them for every u64 field; plain `JSON.stringify`
    // throws on them.
    let text = match crate::error::json_replacer() {
        Some(replacer) => js_sys::JSON::stringify_with_replacer(value, &replacer),
        None => js_sys::JSON::stringify(value),
    };
    let text = text
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| invalid_argument(field, "an object that JSON.stringify accepts, or JSON text"))?;
    // Walked after `JSON.stringify` accepted the value, so it holds no cycle.
    let at_path = |path: &str, at: &JsValue| bigint_path(at).map(|inner| format!("{path}{inner}"));
    let found = match payload {
        Payload::Whole => at_path("payload", value),
        Payload::OfEvent => at_path("event.payload", &get(value, "payload")),
        Payload::OfBundle => at_path("event.payload", &get(&get(value, "event"), "payload")),
        #[cfg(feature = "full")]
        Payload::OfExport if js_sys::Array::is_array(value) => {
            js_sys::Array::unchecked_from_js_ref(value).iter().enumerate().find_map(|(i, item)| {
                at_path(&format!("{field}[{i}].event.payload"), &get(&get(&item, "event"), "payload"))
            })
        }
        #[cfg(feature = "full")]
        Payload::OfExport => None,
        Payload::Absent => None,
    };
    let Some(field) = found else { return Ok(text) };
    let reason = String::from("a bigint has no JSON number that keeps the payload's hash");
    Err(match payload {
        Payload::OfBundle => core_error(set_core::receipt::ReceiptError::InvalidJson { field, reason }),
        #[cfg(feature = "full")]
        Payload::OfExport => {
            let error = set_core::ves::VesError::InvalidJson { field: field.clone(), reason };
            core_error(set_core::audit::AuditError::Event { field, error })
        }
        _ => core_error(set_core::ves::VesError::InvalidJson { field, reason }),
    })
}

/// The path inside `value` of its first `bigint` (`""` for `value` itself, `.items[2].qty`),
/// looking where `JSON.stringify` does: array items and an object's own enumerable properties.
fn bigint_path(value: &JsValue) -> Option<String> {
    if value.is_bigint() {
        return Some(String::new());
    }
    if js_sys::Array::is_array(value) {
        for (i, item) in js_sys::Array::unchecked_from_js_ref(value).iter().enumerate() {
            if let Some(inner) = bigint_path(&item) {
                return Some(format!("[{i}]{inner}"));
            }
        }
    } else if value.is_object() {
        for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            if let Some(inner) = bigint_path(&entry.get(1)) {
                return Some(format!(".{}{inner}", entry.get(0).as_string().unwrap_or_default()));
            }
        }
    }
    None
}

/// A `serde_json::Value` produced by the core, as the plain JS value `JSON.parse` would give for
/// its text (built directly: printing and re-parsing would keep serde_json's printer in the wasm).
pub(crate) fn json_value(value: &serde_json::Value) -> Result<JsValue, JsValue> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => JsValue::NULL,
        Value::Bool(flag) => JsValue::from_bool(*flag),
        // As JSON.parse reads the number's text: the nearest double.
        Value::Number(number) => JsValue::from_f64(number.as_f64().unwrap_or(f64::NAN)),
        Value::String(text) => JsValue::from_str(text),
        Value::Array(items) => {
            let array = js_sys::Array::new();
            for item in items {
                array.push(&json_value(item)?);
            }
            array.into()
        }
        // Object.fromEntries defines own properties, as JSON.parse does: a `__proto__` key stays
        // data and does not set the prototype.
        Value::Object(entries) => {
            let pairs = js_sys::Array::new();
            for (key, item) in entries {
                pairs.push(&js_sys::Array::of2(&JsValue::from_str(key), &json_value(item)?));
            }
            js_sys::Object::from_entries(&pairs)?.into()
        }
    })
}

/// Sets `object[key] = value` on a fresh plain object.
pub(crate) fn set(object: &js_sys::Object, key: &str, value: JsValue) {
    // Cannot fail on a plain, extensible object.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &value);
}

/// `object[key]`, `undefined` when absent or when `object` is not an object.
pub(crate) fn get(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `N` bytes from a hex string or a `Uint8Array` of length `N`.
pub(crate) fn fixed<const N: usize>(field: &str, value: &JsValue) -> Result<[u8; N], JsValue> {
    let bytes = bytes(field, value)?;
    fixed_from_slice::<N>(field, &bytes).map_err(core_error)
}

/// A 20-byte address from a hex string or a 20-byte `Uint8Array`.
pub(crate) fn address(field: &str, value: &JsValue) -> Result<Address, JsValue> {
    fixed::<20>(field, value).map(Address::from)
}

/// A list of addresses.
pub(crate) fn address_list(field: &str, value: &JsValue) -> Result<Vec<Address>, JsValue> {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(invalid_argument(field, "an array of 20-byte hex strings or Uint8Arrays"));
    };
    array.iter().enumerate().map(|(i, item)| address(&format!("{field}[{i}]"), &item)).collect()
}

/// A list of uint256 values.
pub(crate) fn u256_list(field: &str, value: &JsValue) -> Result<Vec<U256>, JsValue> {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(invalid_argument(field, "an array of non-negative integers"));
    };
    array.iter().enumerate().map(|(i, item)| u256_of(&format!("{field}[{i}]"), &item)).collect()
}

/// A uint256 as a JS `bigint`.
pub(crate) fn bigint_u256(value: U256) -> JsValue {
    // A decimal string of a U256 is always a valid BigInt literal.
    js_sys::BigInt::new(&JsValue::from_str(&value.to_string())).map(JsValue::from).unwrap_or(JsValue::UNDEFINED)
}

/// A boolean field: `true` or `false`, nothing else.
pub(crate) fn bool_of(field: &str, value: &JsValue) -> Result<bool, JsValue> {
    value.as_bool().ok_or_else(|| invalid_argument(field, "a boolean"))
}

/// A string field.
pub(crate) fn string_of(field: &str, value: &JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| invalid_argument(field, "a string"))
}
