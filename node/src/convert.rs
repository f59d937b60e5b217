//! JS value ↔ core type conversions shared by the modules of this crate (no behaviour).

use napi::bindgen_prelude::{Array, FromNapiValue, JsObjectValue, Object, Uint8ArraySlice, Unknown};
use napi::{Env, JsValue, Result, ValueType};
use set_core::encoding::{decode_hex, fixed_from_slice};

use crate::error::{core_error, invalid_argument, registered};

/// Where a document holds an event payload. The payload is hashed as written, so a `bigint` in
/// it has no JSON form that keeps its hash: it is refused there, while elsewhere (a u64 field) it
/// becomes the decimal string the core reads. As in `@setchain/core`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Payload {
    /// The document is an event: its `payload`.
    OfEvent,
    /// The document is a receipt bundle: its `event.payload`.
    OfBundle,
    /// The document holds no payload (a trust document).
    Absent,
}

/// Whether `value` is a JS string (JSON text, hex).
fn is_string(value: &Unknown) -> Result<bool> {
    Ok(value.get_type()? == ValueType::String)
}

/// `value` as a Rust string, if it is a JS string.
fn string(value: &Unknown) -> Result<Option<String>> {
    if !is_string(value)? {
        return Ok(None);
    }
    String::from_unknown(*value).map(Some)
}

/// JSON text of `value`: a string is taken as JSON text, anything else is `JSON.stringify`-ed
/// (a `bigint` as its decimal string).
///
/// # Errors
/// `INVALID_ARGUMENT` naming `field` for a value `JSON.stringify` refuses (a cycle, a function);
/// `INVALID_JSON` naming the path of a `bigint` inside the document's payload
/// (`event.payload.amount`), from the core module that reads the document (`ves`, `receipt`).
pub(crate) fn json_text(env: &Env, field: &str, value: Unknown, payload: Payload) -> Result<String> {
    if let Some(text) = string(&value)? {
        return Ok(text);
    }
    let text = registered(env)?.json_text.borrow_back(env)?.call(value)?;
    if let Some(text) = string(&text)? {
        // Plain JSON.stringify took it: no bigint anywhere in it.
        return Ok(text);
    }
    let with_bigints = if text.is_array()? { Array::from_unknown(text)?.get::<Unknown>(0)? } else { None };
    let Some(text) = with_bigints.as_ref().map(string).transpose()?.flatten() else {
        return Err(invalid_argument(env, field, "an object that JSON.stringify accepts, or JSON text"));
    };
    // Walked after JSON.stringify accepted the value, so it holds no cycle.
    let (path, at) = match payload {
        Payload::OfEvent => ("event.payload", property(Some(value), "payload")?),
        Payload::OfBundle => ("event.payload", property(property(Some(value), "event")?, "payload")?),
        Payload::Absent => return Ok(text),
    };
    let Some(at) = at else { return Ok(text) };
    match bigint_path(&at)? {
        None => Ok(text),
        Some(inner) => {
            let field = format!("{path}{inner}");
            let reason = String::from("a bigint has no JSON number that keeps the payload's hash");
            Err(match payload {
                Payload::OfBundle => core_error(env, set_core::receipt::ReceiptError::InvalidJson { field, reason }),
                _ => core_error(env, set_core::ves::VesError::InvalidJson { field, reason }),
            })
        }
    }
}

/// `object[key]`, `None` when `object` is absent or not an object.
fn property<'env>(object: Option<Unknown<'env>>, key: &str) -> Result<Option<Unknown<'env>>> {
    match object {
        Some(object) if object.get_type()? == ValueType::Object => {
            Ok(Some(Object::from_unknown(object)?.get_named_property::<Unknown>(key)?))
        }
        _ => Ok(None),
    }
}

/// The path inside `value` of its first `bigint` (`""` for `value` itself, `.items[2].qty`),
/// looking where `JSON.stringify` does: array items and an object's enumerable properties.
fn bigint_path(value: &Unknown) -> Result<Option<String>> {
    match value.get_type()? {
        ValueType::BigInt => Ok(Some(String::new())),
        ValueType::Object if value.is_array()? => {
            let array = Array::from_unknown(*value)?;
            for i in 0..array.len() {
                if let Some(item) = array.get::<Unknown>(i)? {
                    if let Some(inner) = bigint_path(&item)? {
                        return Ok(Some(format!("[{i}]{inner}")));
                    }
                }
            }
            Ok(None)
        }
        ValueType::Object => {
            let object = Object::from_unknown(*value)?;
            for key in Object::keys(&object)? {
                if let Some(inner) = bigint_path(&object.get_named_property::<Unknown>(&key)?)? {
                    return Ok(Some(format!(".{key}{inner}")));
                }
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// The plain JS value `JSON.parse` gives for `text` (the core's JSON of a verdict or an event): the
/// objects `@setchain/core` returns, own properties only (a `__proto__` key stays data).
pub(crate) fn parsed<'env>(env: &'env Env, text: String) -> Result<Unknown<'env>> {
    registered(env)?.json_parse.borrow_back(env)?.call(text)
}

/// The value of `object[key]` unless it is `undefined` or `null`.
pub(crate) fn present<'env>(object: &Unknown<'env>, key: &str) -> Result<Option<Unknown<'env>>> {
    if !matches!(object.get_type()?, ValueType::Object | ValueType::Function) {
        return Ok(None);
    }
    let item = Object::from_unknown(*object)?.get_named_property::<Unknown>(key)?;
    Ok(match item.get_type()? {
        ValueType::Undefined | ValueType::Null => None,
        _ => Some(item),
    })
}

/// `N` bytes from a hex string or a `Uint8Array` of length `N` (a `Buffer` is one).
pub(crate) fn fixed<const N: usize>(env: &Env, field: &str, value: &Unknown) -> Result<[u8; N]> {
    const EXPECTED: &str = "a hex string or a Uint8Array";
    let bytes = if let Some(text) = string(value)? {
        decode_hex(field, &text).map_err(|error| core_error(env, error))?
    } else if value.is_typedarray()? {
        // Refuses the other typed arrays (Int8Array, Uint16Array, …), as `@setchain/core` does.
        match Uint8ArraySlice::from_unknown(*value) {
            Ok(bytes) => bytes.to_vec(),
            Err(_) => return Err(invalid_argument(env, field, EXPECTED)),
        }
    } else {
        return Err(invalid_argument(env, field, EXPECTED));
    };
    fixed_from_slice::<N>(field, &bytes).map_err(|error| core_error(env, error))
}
