//! Anchor proofs (docs/bundle-format.md, "Anchor proof"): the `anchor_proof` and `output_root`
//! checks of a bundle with each failure typed. `verify_receipt` runs the same checks and reports
//! them as text; this call is for callers who branch on why a proof was refused.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use set_core::anchor_proof;

use crate::convert::json_text;
use crate::error::core_error;

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
