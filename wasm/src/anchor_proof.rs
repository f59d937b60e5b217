//! Anchor proofs (docs/bundle-format.md, "Anchor proof"), `@setchain/core/full` only: the
//! `anchor_proof` and `output_root` checks of a bundle with each failure typed. `verifyReceipt`
//! runs the same checks (in both modules: the checkout module, built without them, reports them
//! skipped); this call is for callers who branch on why a proof was refused.

use set_core::anchor_proof;
use wasm_bindgen::prelude::*;

use crate::convert::{json_text, set, Payload};
use crate::error::core_error;

/// The `anchor_proof` and `output_root` checks of `bundle` against `trust` (each an object or
/// JSON text, as `verifyReceipt` takes them), exactly as `verifyReceipt` runs them:
/// `{ checks: { anchor_proof, output_root }, reasons: { name: text }, errors: { name: SetError } }`
/// (`reasons` for every failed or skipped check, `errors` for every failed one: the core's `code`,
/// such as `PROOF_NODE_MISMATCH` or `UNTRUSTED_OUTPUT_ROOT`, and the `field` or proof node at fault,
/// such as `anchor.proof.account_proof[0]`).
///
/// # Errors
/// A malformed bundle or trust document, as `verifyReceipt`.
#[wasm_bindgen(js_name = verifyAnchorProof)]
pub fn verify_anchor_proof(bundle: &JsValue, trust: &JsValue) -> Result<JsValue, JsValue> {
    let bundle = json_text("bundle", bundle, Payload::OfBundle)?;
    let trust = json_text("trust", trust, Payload::Absent)?;
    let verdict = anchor_proof::verify_bundle_json(&bundle, &trust).map_err(core_error)?;
    let (checks, reasons, errors) = (js_sys::Object::new(), js_sys::Object::new(), js_sys::Object::new());
    for (check, outcome) in verdict.checks() {
        set(&checks, check.name(), JsValue::from_str(outcome.as_str()));
        if let Some(reason) = outcome.to_status().reason() {
            set(&reasons, check.name(), JsValue::from_str(reason));
        }
        if let Some(error) = outcome.error() {
            set(&errors, check.name(), core_error(error.clone()));
        }
    }
    let answer = js_sys::Object::new();
    set(&answer, "checks", checks.into());
    set(&answer, "reasons", reasons.into());
    set(&answer, "errors", errors.into());
    Ok(answer.into())
}
