//! Anchor proofs (docs/bundle-format.md, "Anchor proof"), `@setchain/core/full` only: producing a
//! bundle's proof (`anchorProofRequests`, `attachAnchorProof`, `upgradeAnchorProof`, each the
//! core's JSON call), and the `anchor_proof` and `output_root` checks of a bundle with each
//! failure typed. `verifyReceipt` runs the same checks (in both modules: the checkout module, built
//! without them, reports them skipped); `verifyAnchorProof` is for callers who branch on why a
//! proof was refused.

use set_core::anchor_proof;
use wasm_bindgen::prelude::*;

use crate::convert::{json_text, set, string_of, u64_of, Payload};
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

/// What a producer asks its nodes for the proof of `batchId` in `registry` at L2 block
/// `l2BlockNumber`, as JSON-RPC params: `{ eth_getBlockByNumber, eth_getProof, message_passer_eth_getProof,
/// getL2OutputIndexAfter, getL2Output? }` (the commitment's three slot keys in `eth_getProof`; L1
/// calldata as `0x` hex; `getL2Output` only with `outputIndex`).
///
/// # Errors
/// A malformed UUID or address (`INVALID_UUID` at `batch_id`, `WRONG_LENGTH` at `registry`).
#[wasm_bindgen(js_name = anchorProofRequests)]
pub fn anchor_proof_requests(
    batch_id: &JsValue,
    registry: &JsValue,
    l2_block_number: &JsValue,
    output_index: &JsValue,
) -> Result<JsValue, JsValue> {
    let batch_id = string_of("batchId", batch_id)?;
    let registry = string_of("registry", registry)?;
    let l2_block_number = u64_of("l2BlockNumber", l2_block_number)?;
    let output_index = (!output_index.is_undefined() && !output_index.is_null())
        .then(|| u64_of("outputIndex", output_index))
        .transpose()?;
    let text =
        anchor_proof::proof_requests_json(&batch_id, &registry, l2_block_number, output_index).map_err(core_error)?;
    js_sys::JSON::parse(&text)
}

/// The bundle with `anchor.proof` set to the storage proof of its commitment, built from the
/// `result` of `eth_getBlockByNumber(n, false)` and of `eth_getProof(registry, slots, n)` (objects
/// or JSON text): JSON text written by the core, the same bytes in every language. A bundle
/// already carrying a proof takes only the same one: evidence is added, never replaced.
///
/// # Errors
/// A malformed bundle (module `receipt`); a `SetError` of module `anchor_proof` with its `code`
/// and `field` (`PROOF_NOT_ATTACHABLE` at `anchor.registry`, `INVALID_RPC_ANSWER` at
/// `eth_getProof.storageProof`, `PROOF_NOT_COMMITTED`, …).
#[wasm_bindgen(js_name = attachAnchorProof)]
pub fn attach_anchor_proof(
    bundle: &JsValue,
    block: &JsValue,
    get_proof: &JsValue,
    registry: &JsValue,
) -> Result<String, JsValue> {
    let bundle = json_text("bundle", bundle, Payload::OfBundle)?;
    let block = json_text("block", block, Payload::Absent)?;
    let get_proof = json_text("getProof", get_proof, Payload::Absent)?;
    let registry = string_of("registry", registry)?;
    anchor_proof::attach_proof_json(&bundle, &block, &get_proof, &registry).map_err(core_error)
}

/// The bundle with the output root of its proof's L2 block added to `anchor.proof`, from the
/// `result` of `eth_getBlockByNumber(n, false)` and of `eth_getProof(L2ToL1MessagePasser, [], n)`
/// at that block, and, when read, where it was proposed on L1 (`l1`:
/// `{ chain_id, oracle, index, get_l2_output, l1_block_number? }`, `get_l2_output` the return data
/// of `getL2Output(index)`): JSON text written by the core.
///
/// # Errors
/// A malformed bundle (module `receipt`); a `SetError` of module `anchor_proof`
/// (`OUTPUT_ROOT_MISMATCH` at `anchor.proof.output.state_root` for another block's answers, at
/// `l1.get_l2_output` when L1 holds another root; `PROOF_NOT_ATTACHABLE` at `anchor.proof`
/// without a proof, …).
#[wasm_bindgen(js_name = upgradeAnchorProof)]
pub fn upgrade_anchor_proof(
    bundle: &JsValue,
    block: &JsValue,
    message_passer_proof: &JsValue,
    l1: &JsValue,
) -> Result<String, JsValue> {
    let bundle = json_text("bundle", bundle, Payload::OfBundle)?;
    let block = json_text("block", block, Payload::Absent)?;
    let message_passer_proof = json_text("messagePasserProof", message_passer_proof, Payload::Absent)?;
    let l1 = (!l1.is_undefined() && !l1.is_null()).then(|| json_text("l1", l1, Payload::Absent)).transpose()?;
    anchor_proof::upgrade_proof_json(&bundle, &block, &message_passer_proof, l1.as_deref()).map_err(core_error)
}
