//! Anchor proofs (docs/bundle-format.md, "Anchor proof"): producing a bundle's proof
//! (`anchor_proof_requests`, `attach_anchor_proof`, `upgrade_anchor_proof`, each the core's JSON
//! call) and the `anchor_proof` and `output_root` checks of a bundle with each failure typed.
//! `verify_receipt` runs the same checks and reports them as text; `verify_anchor_proof` is for
//! callers who branch on why a proof was refused.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use set_core::anchor_proof;

use crate::convert::{address, address_text, json_text, py_json, u64_of};
use crate::error::core_error;
use crate::ids::uuid_of;

/// The anchor-proof checks of a bundle: `checks` maps `anchor_proof` and `output_root` to
/// `"pass"`, `"fail"` or `"skipped"`; `reasons` says why each failed or skipped check did;
/// `errors` holds, for each failed check, the `AnchorProofError` (or hex / length error) naming
/// the field or proof node at fault (`code`, `field`).
#[pyclass(module = "setchain._native", name = "AnchorProofVerdict", frozen, get_all)]
pub struct PyAnchorProofVerdict {
    /// Check name -> `"pass"` / `"fail"` / `"skipped"`.
    checks: BTreeMap<&'static str, &'static str>,
    /// Check name -> why it failed or was skipped.
    reasons: BTreeMap<&'static str, String>,
    /// Check name -> the exception describing its failure, for every failed check.
    errors: BTreeMap<&'static str, Py<PyAny>>,
}

#[pymethods]
impl PyAnchorProofVerdict {
    fn __repr__(&self) -> String {
        format!("AnchorProofVerdict(checks={:?})", self.checks)
    }
}

/// Runs the `anchor_proof` and `output_root` checks of a bundle against a trust document (each a
/// dict or JSON text, as `verify_receipt` takes them), exactly as `verify_receipt` runs them, and
/// returns an `AnchorProofVerdict` whose `errors` carry each failure's `code`
/// (`PROOF_NODE_MISMATCH`, `UNTRUSTED_OUTPUT_ROOT`, …) and `field` (`anchor.proof.account_proof[0]`).
///
/// # Errors
/// As `verify_receipt`, for a malformed bundle or trust document.
#[pyfunction]
pub fn verify_anchor_proof(
    py: Python<'_>,
    bundle: &Bound<'_, PyAny>,
    trust: &Bound<'_, PyAny>,
) -> PyResult<PyAnchorProofVerdict> {
    let bundle = json_text("bundle", bundle)?;
    let trust = json_text("trust", trust)?;
    let verdict = anchor_proof::verify_bundle_json(&bundle, &trust).map_err(core_error)?;
    let (mut checks, mut reasons, mut errors) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for (check, outcome) in verdict.checks() {
        checks.insert(check.name(), outcome.as_str());
        if let Some(reason) = outcome.to_status().reason() {
            reasons.insert(check.name(), reason.to_owned());
        }
        if let Some(error) = outcome.error() {
            errors.insert(check.name(), core_error(error.clone()).into_value(py).into_any());
        }
    }
    Ok(PyAnchorProofVerdict { checks, reasons, errors })
}

/// What a producer asks its nodes for the proof of `batch_id` in `registry` at L2 block
/// `l2_block_number`, as JSON-RPC params (a dict): `eth_getBlockByNumber`, `eth_getProof` (the
/// commitment's three slot keys), `message_passer_eth_getProof`, the L1 calldata of
/// `getL2OutputIndexAfter` and, with `output_index`, of `getL2Output`.
///
/// # Errors
/// `SetError` for a malformed UUID or address, naming `batch_id` or `registry`; `InvalidArgumentError`
/// for a block number or index that is not an integer below 2^64.
#[pyfunction]
#[pyo3(signature = (batch_id, registry, l2_block_number, output_index=None))]
pub fn anchor_proof_requests<'py>(
    py: Python<'py>,
    batch_id: &Bound<'py, PyAny>,
    registry: &Bound<'py, PyAny>,
    l2_block_number: &Bound<'py, PyAny>,
    output_index: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let batch_id = uuid_of("batch_id", batch_id)?;
    let registry = address("registry", registry)?;
    let l2_block_number = u64_of("l2_block_number", l2_block_number)?;
    let output_index = output_index.map(|index| u64_of("output_index", index)).transpose()?;
    py_json(py, &anchor_proof::proof_requests(&batch_id, registry, l2_block_number, output_index))
}

/// The bundle with `anchor.proof` set to the storage proof of its commitment, built from the
/// `result` of `eth_getBlockByNumber(n, false)` and of `eth_getProof(registry, slots, n)` (dicts
/// or JSON text), as JSON text written by the core (the same bytes in every language). A bundle
/// already carrying a proof takes only the same one: evidence is added, never replaced.
///
/// # Errors
/// `ReceiptError` for a malformed bundle; `AnchorProofError` with its `code` and `field`
/// (`PROOF_NOT_ATTACHABLE` at `anchor.registry`, `INVALID_RPC_ANSWER` at
/// `eth_getProof.storageProof`, `PROOF_NOT_COMMITTED`, …).
#[pyfunction]
pub fn attach_anchor_proof(
    bundle: &Bound<'_, PyAny>,
    block: &Bound<'_, PyAny>,
    get_proof: &Bound<'_, PyAny>,
    registry: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let bundle = json_text("bundle", bundle)?;
    let block = json_text("block", block)?;
    let get_proof = json_text("get_proof", get_proof)?;
    let registry = address_text(&address("registry", registry)?);
    anchor_proof::attach_proof_json(&bundle, &block, &get_proof, &registry).map_err(core_error)
}

/// The bundle with the output root of its proof's L2 block added to `anchor.proof`, from the
/// `result` of `eth_getBlockByNumber(n, false)` and of
/// `eth_getProof(L2ToL1MessagePasser, [], n)` at that block, and, when read, where it was
/// proposed on L1 (`l1`: `{"chain_id", "oracle", "index", "get_l2_output", "l1_block_number"?}`,
/// `get_l2_output` the return data of `getL2Output(index)`), as JSON text written by the core.
///
/// # Errors
/// `ReceiptError` for a malformed bundle; `AnchorProofError` (`OUTPUT_ROOT_MISMATCH` at
/// `anchor.proof.output.state_root` for another block's answers, at `l1.get_l2_output` when L1
/// holds another root, `PROOF_NOT_ATTACHABLE` at `anchor.proof` without a proof, …).
#[pyfunction]
#[pyo3(signature = (bundle, block, message_passer_proof, l1=None))]
pub fn upgrade_anchor_proof(
    bundle: &Bound<'_, PyAny>,
    block: &Bound<'_, PyAny>,
    message_passer_proof: &Bound<'_, PyAny>,
    l1: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let bundle = json_text("bundle", bundle)?;
    let block = json_text("block", block)?;
    let message_passer_proof = json_text("message_passer_proof", message_passer_proof)?;
    let l1 = l1.filter(|l1| !l1.is_none()).map(|l1| json_text("l1", l1)).transpose()?;
    anchor_proof::upgrade_proof_json(&bundle, &block, &message_passer_proof, l1.as_deref()).map_err(core_error)
}
