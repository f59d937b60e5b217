//! The receipt verifier, one bundle or many (`set_core::receipt`), with the arguments and
//! verdicts of `@setchain/core/full`'s `verifyReceipt` and `verifyReceipts`.

use napi::bindgen_prelude::{Array, FromNapiValue, Object, Unknown};
use napi::{Env, JsValue, Result};
use napi_derive::napi;
use set_core::receipt;

use crate::convert::{json_text, parsed, Payload};
use crate::error::{core_error, core_error_value, invalid_argument};

/// Verifies a receipt bundle (`set-receipt-v1` or `-v2`) against a trust document or a
/// `set-trust-root-v1` (each an object or JSON text) and returns the verdict `{ valid, level,
/// checks: {<check>: "pass"|"fail"|"skipped"}, reasons: {<check>: text}, signatures: {sequencer:
/// [alg…], agent: [alg…]} }`, the object `@setchain/core/full` returns (Ed25519, ML-DSA-65, anchor
/// proofs).
///
/// A bundle that parses but fails a check is a verdict with `valid: false`, not an error.
///
/// # Errors
/// A malformed bundle or trust document: `INVALID_JSON`, `UNSUPPORTED_FORMAT`,
/// `NETWORK_NOT_PINNED`, hex, UUID and ABI codes, with the field (`receipt.receipt_hash`,
/// `trust.registry`).
#[napi(js_name = "verifyReceipt")]
pub fn verify_receipt<'env>(env: &'env Env, bundle: Unknown, trust: Unknown) -> Result<Unknown<'env>> {
    let bundle = json_text(env, "bundle", bundle, Payload::OfBundle)?;
    let trust = json_text(env, "trust", trust, Payload::Absent)?;
    let verdict = receipt::verify_receipt_json(&bundle, &trust).map_err(|error| core_error(env, error))?;
    parsed(env, verdict.to_json().to_string())
}

/// Verifies many bundles against one trust document (batched Ed25519, each distinct anchor proof
/// once): one entry per bundle, in order, each the verdict `verifyReceipt` gives for it alone. A
/// bundle that cannot be read (what `verifyReceipt` would throw for) is the entry `{ valid:
/// false, level: "none", checks: {}, reasons: {}, error }`, `error` being that `SetError`.
///
/// # Errors
/// `INVALID_ARGUMENT` when `bundles` is not an array; a malformed trust document (the whole
/// call), as `verifyReceipt`.
#[napi(js_name = "verifyReceipts")]
pub fn verify_receipts<'env>(env: &'env Env, bundles: Unknown, trust: Unknown) -> Result<Unknown<'env>> {
    if !bundles.is_array()? {
        return Err(invalid_argument(env, "bundles", "an array of bundles (objects or JSON text)"));
    }
    let bundles = Array::from_unknown(bundles)?;
    // Readable bundles go to the core as text; the others keep their error for their entry.
    let mut texts = Vec::with_capacity(bundles.len() as usize);
    let mut unreadable = Vec::new();
    for i in 0..bundles.len() {
        let Some(bundle) = bundles.get::<Unknown>(i)? else { continue };
        match json_text(env, "bundle", bundle, Payload::OfBundle) {
            Ok(text) => texts.push(text),
            Err(error) => unreadable.push((i, error)),
        }
    }
    let trust = json_text(env, "trust", trust, Payload::Absent)?;
    let verdicts = receipt::verify_receipts_json(&texts, &trust).map_err(|error| core_error(env, error))?;
    // One JSON text for every verdict, parsed by one JSON.parse: far fewer boundary crossings than
    // building each object property by property. `null` holds the place of an unreadable bundle.
    let mut text = String::with_capacity(verdicts.len() * 512 + 2);
    text.push('[');
    let mut verdicts = verdicts.into_iter();
    let mut skipped = unreadable.iter().map(|(i, _)| *i).peekable();
    let mut errors = Vec::new();
    for i in 0..bundles.len() {
        if i > 0 {
            text.push(',');
        }
        if skipped.peek() == Some(&i) {
            skipped.next();
            text.push_str("null");
            continue;
        }
        match verdicts.next() {
            Some(Ok(verdict)) => text.push_str(&verdict.to_json().to_string()),
            Some(Err(error)) => {
                text.push_str("null");
                errors.push((i, core_error_value(env, error)?));
            }
            None => text.push_str("null"),
        }
    }
    text.push(']');
    let mut entries = Array::from_unknown(parsed(env, text)?)?;
    for (i, error) in unreadable {
        entries.set(i, unreadable_entry(env, error_object(env, error)?)?)?;
    }
    for (i, error) in errors {
        entries.set(i, unreadable_entry(env, error)?)?;
    }
    Ok(entries.to_unknown())
}

/// The `SetError` object an error from [`json_text`] would throw.
fn error_object<'env>(env: &'env Env, error: napi::Error) -> Result<Unknown<'env>> {
    // A conversion error carries the thrown object; a napi failure has none and is thrown itself.
    let value = env.create_error(error)?;
    Ok(value.to_unknown())
}

/// The entry of a bundle that cannot be read: a verdict that claims nothing, and the error.
fn unreadable_entry<'env>(env: &'env Env, error: Unknown<'env>) -> Result<Object<'env>> {
    let mut entry = Object::new(env)?;
    entry.set("valid", false)?;
    entry.set("level", receipt::Level::None.as_str())?;
    entry.set("checks", Object::new(env)?)?;
    entry.set("reasons", Object::new(env)?)?;
    entry.set("error", error)?;
    Ok(entry)
}
