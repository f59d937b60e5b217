//! The receipt verifier, one bundle or many (`set_core::receipt`), with the arguments and
//! verdicts of `@setchain/core/full`'s `verifyReceipt` and `verifyReceipts`.

use napi::bindgen_prelude::{Array, FromNapiValue, Object, Uint32Array, Unknown};
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
/// once), for `verifyReceipts` in `js/index.js`, which gives every bundle its own entry, in order:
/// the verdict `verifyReceipt` gives for it alone, or, for a bundle that cannot be read (what
/// `verifyReceipt` would throw for), `{ valid: false, level: "none", checks: {}, reasons: {},
/// error }`, `error` being that `SetError`.
///
/// Returns `{ distinct, order, errors }`: the distinct verdicts (parsed from one JSON text), for
/// each bundle the index of its verdict in `distinct` (`0xffffffff` for an error entry), and the
/// error entries by bundle index. Verdicts repeat (every valid receipt of one kind gets the same
/// one), so each distinct one crosses once and the JS side copies it; converting every verdict
/// here cost more than verifying some receipts.
///
/// # Errors
/// `INVALID_ARGUMENT` when `bundles` is not an array; a malformed trust document (the whole
/// call), as `verifyReceipt`.
#[napi(js_name = "__verifyReceipts")]
pub fn verify_receipts<'env>(env: &'env Env, bundles: Unknown, trust: Unknown) -> Result<Object<'env>> {
    if !bundles.is_array()? {
        return Err(invalid_argument(env, "bundles", "an array of bundles (objects or JSON text)"));
    }
    let bundles = Array::from_unknown(bundles)?;
    // Readable bundles go to the core as text; the others keep their error for their entry.
    let mut texts = Vec::with_capacity(bundles.len() as usize);
    let mut unreadable = Vec::new();
    for i in 0..bundles.len() {
        // napi answers None only past the array's end; the slot still gets its own entry so
        // that no later verdict shifts onto it.
        let Some(bundle) = bundles.get::<Unknown>(i)? else {
            unreadable.push((i, invalid_argument(env, "bundle", "a bundle (an object or JSON text)")));
            continue;
        };
        match json_text(env, "bundle", bundle, Payload::OfBundle) {
            Ok(text) => texts.push(text),
            Err(error) => unreadable.push((i, error)),
        }
    }
    let trust = json_text(env, "trust", trust, Payload::Absent)?;
    let verdicts = receipt::verify_receipts_json(&texts, &trust).map_err(|error| core_error(env, error))?;
    let mut distinct: Vec<receipt::Verdict> = Vec::new();
    let mut order: Vec<u32> = Vec::with_capacity(bundles.len() as usize);
    let mut errors = Object::new(env)?;
    let mut verdicts = verdicts.into_iter();
    let mut skipped = unreadable.into_iter().peekable();
    for i in 0..bundles.len() {
        if skipped.peek().is_some_and(|(at, _)| *at == i) {
            if let Some((_, error)) = skipped.next() {
                errors.set(i.to_string(), unreadable_entry(env, error_object(env, error)?)?)?;
            }
            order.push(NO_VERDICT);
            continue;
        }
        match verdicts.next() {
            Some(Ok(verdict)) => {
                // The last few distinct verdicts are enough to find the repeats of a bulk call;
                // a bounded look keeps all-different verdicts linear.
                let seen = distinct.iter().enumerate().rev().take(RECENT_VERDICTS).find(|(_, seen)| **seen == verdict);
                let index = match seen {
                    Some((index, _)) => index,
                    None => {
                        distinct.push(verdict);
                        distinct.len() - 1
                    }
                };
                order.push(u32::try_from(index).unwrap_or(NO_VERDICT));
            }
            Some(Err(error)) => {
                errors.set(i.to_string(), unreadable_entry(env, core_error_value(env, error)?)?)?;
                order.push(NO_VERDICT);
            }
            None => order.push(NO_VERDICT),
        }
    }
    let mut text = String::with_capacity(distinct.len() * 512 + 2);
    text.push('[');
    for (i, verdict) in distinct.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&verdict.to_json().to_string());
    }
    text.push(']');
    let mut answer = Object::new(env)?;
    answer.set("distinct", parsed(env, text)?)?;
    answer.set("order", Uint32Array::new(order))?;
    answer.set("errors", errors)?;
    Ok(answer)
}

/// `order`'s mark of an entry that is not a verdict (an error entry).
const NO_VERDICT: u32 = u32::MAX;

/// How many of the latest distinct verdicts a verdict is compared with.
const RECENT_VERDICTS: usize = 8;

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

/// For `wasm/bench/verify.mjs` only: the core's bulk verification from JSON text
/// (`verify_receipts_json`) with nothing converted back, so the benchmark times Rust's bulk and
/// this package's `verifyReceipts` in one process, interleaved, under one load. Returns how many
/// verdicts are valid (so the work cannot be skipped).
///
/// # Errors
/// A malformed trust document.
#[napi(js_name = "__rustBulkFromText")]
pub fn rust_bulk_from_text(env: &Env, texts: Vec<String>, trust: String) -> Result<u32> {
    let verdicts = receipt::verify_receipts_json(&texts, &trust).map_err(|error| core_error(env, error))?;
    let valid = verdicts.iter().filter(|verdict| verdict.as_ref().is_ok_and(|verdict| verdict.valid)).count();
    Ok(u32::try_from(valid).unwrap_or(u32::MAX))
}
