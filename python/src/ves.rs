//! VES v1 hashing and the `set-receipt-v1` verifier (docs/protocol.md, "VES v1 hashes" and
//! "Receipt bundle").

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use set_core::encoding::fixed_from_slice;
use set_core::{receipt, ves};

use crate::convert::{b256, bytes_of, json_dumps, json_text, py_bytes, u32_of, u64_of};
use crate::error::core_error;

fn event_of(event: &Bound<'_, PyAny>) -> PyResult<ves::VesEvent> {
    ves::VesEvent::from_json(&json_text("event", event)?).map_err(core_error)
}

/// `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))` of any JSON-compatible Python value (dict,
/// list, str, int, float, bool, None). The value is serialised with `json.dumps` and hashed as
/// the sequencer parses that text: integers beyond 2^53 are rounded to the nearest double, as
/// the sequencer does (see `payload_plain_hash_json`).
///
/// # Errors
/// `InvalidArgumentError` for a value JSON cannot hold (NaN, a set, an object);
/// `VesError` if the canonicaliser refuses it.
#[pyfunction]
pub fn payload_plain_hash<'py>(py: Python<'py>, payload: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let text = json_dumps("payload", payload)?;
    ves::payload_plain_hash_json(&text).map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
}

/// `payload_plain_hash` of a payload given as JSON text, parsed exactly as the sequencer
/// parses it.
///
/// # Errors
/// `VesError` (`INVALID_JSON`) for text that is not JSON.
#[pyfunction]
pub fn payload_plain_hash_json<'py>(
    py: Python<'py>,
    payload_json: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let text = json_text("payload_json", payload_json)?;
    ves::payload_plain_hash_json(&text).map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
}

/// The salted payload hash of encrypted events: `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ salt16 ‖
/// JCS(payload))`; `salt` is 16 bytes (or hex), `payload` any JSON-compatible value.
///
/// # Errors
/// `EncodingError` naming `salt`; as `payload_plain_hash` for the payload.
#[pyfunction]
pub fn payload_plain_hash_salted<'py>(
    py: Python<'py>,
    salt: &Bound<'py, PyAny>,
    payload: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let salt = fixed_from_slice::<16>("salt", &bytes_of("salt", salt)?).map_err(core_error)?;
    let value: serde_json::Value = ves::parse_json("payload", &json_dumps("payload", payload)?).map_err(core_error)?;
    ves::payload_plain_hash_salted(&salt, &value).map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
}

/// The RFC 8785 (JCS) text of a JSON-compatible value, as the sequencer canonicalises it.
///
/// # Errors
/// As `payload_plain_hash`.
#[pyfunction]
pub fn canonical_json(payload: &Bound<'_, PyAny>) -> PyResult<String> {
    let value: serde_json::Value = ves::parse_json("payload", &json_dumps("payload", payload)?).map_err(core_error)?;
    ves::canonical_json(&value).map_err(core_error)
}

/// The event signing hash (what the agent signs) of a VES event (dict or JSON text).
///
/// # Errors
/// `VesError` / `IdError` / `EncodingError` naming the field (`event.tenant_id`, …).
#[pyfunction]
pub fn event_signing_hash<'py>(py: Python<'py>, event: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    event_of(event)?.signing_hash().map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
}

/// The Merkle leaf of a VES event (dict or JSON text) at `sequence_number`.
///
/// # Errors
/// As `event_signing_hash`; `InvalidArgumentError` for a bad sequence number.
#[pyfunction]
pub fn leaf_hash<'py>(
    py: Python<'py>,
    event: &Bound<'py, PyAny>,
    sequence_number: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let sequence_number = u64_of("sequence_number", sequence_number)?;
    event_of(event)?.leaf_hash(sequence_number).map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
}

/// The receipt hash the sequencer signs for a VES event (dict or JSON text) at `sequence_number`.
///
/// # Errors
/// As `leaf_hash`.
#[pyfunction]
pub fn receipt_hash<'py>(
    py: Python<'py>,
    event: &Bound<'py, PyAny>,
    sequence_number: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let sequence_number = u64_of("sequence_number", sequence_number)?;
    event_of(event)?.receipt_hash(sequence_number).map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
}

/// A commitment's state root, chaining it to the previous one of its stream.
///
/// # Errors
/// `EncodingError` naming the hash; `InvalidArgumentError` for bad integers.
#[pyfunction]
pub fn state_root<'py>(
    py: Python<'py>,
    stream_id: &Bound<'py, PyAny>,
    prev_state_root: &Bound<'py, PyAny>,
    merkle_root: &Bound<'py, PyAny>,
    sequence_start: &Bound<'py, PyAny>,
    sequence_end: &Bound<'py, PyAny>,
    leaf_count: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let root = ves::state_root(
        &b256("stream_id", stream_id)?,
        &b256("prev_state_root", prev_state_root)?,
        &b256("merkle_root", merkle_root)?,
        u64_of("sequence_start", sequence_start)?,
        u64_of("sequence_end", sequence_end)?,
        u32_of("leaf_count", leaf_count)?,
    );
    Ok(py_bytes(py, root.as_slice()))
}

/// The VES padding leaf `SHA-256("VES_PAD_LEAF_V1")`.
#[pyfunction]
pub fn pad_leaf(py: Python<'_>) -> Bound<'_, PyBytes> {
    py_bytes(py, ves::pad_leaf().as_slice())
}

/// The VES inner node `SHA-256("VES_NODE_V1" ‖ left ‖ right)`.
///
/// # Errors
/// `EncodingError` naming `left` / `right`.
#[pyfunction]
pub fn node_hash<'py>(
    py: Python<'py>,
    left: &Bound<'py, PyAny>,
    right: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    Ok(py_bytes(py, ves::node_hash(&b256("left", left)?, &b256("right", right)?).as_slice()))
}

/// The verdict on a `set-receipt-v1` bundle: `valid` iff no check failed; `checks` maps each
/// check name to `"pass"`, `"fail"` or `"skipped"`; `reasons` explains each failure.
#[pyclass(module = "setchain._native", name = "Verdict", frozen)]
pub struct PyVerdict {
    inner: receipt::Verdict,
}

#[pymethods]
impl PyVerdict {
    /// All non-skipped checks passed.
    #[getter]
    fn valid(&self) -> bool {
        self.inner.valid
    }

    /// How far the evidence goes: `"none"`, `"sequenced"`, `"committed"` or `"anchored"`
    /// (stronger levels may be added later).
    #[getter]
    fn level(&self) -> &'static str {
        self.inner.level.as_str()
    }

    /// Check name → `"pass"` / `"fail"` / `"skipped"`, in the order the checks run.
    #[getter]
    fn checks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (check, status) in &self.inner.checks {
            dict.set_item(check.name(), status.as_str())?;
        }
        Ok(dict)
    }

    /// Check name → human-readable reason, for the failed checks only.
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (check, status) in &self.inner.checks {
            if let receipt::CheckStatus::Fail(reason) = status {
                dict.set_item(check.name(), reason)?;
            }
        }
        Ok(dict)
    }

    /// The failed check names, in order.
    #[getter]
    fn failed(&self) -> Vec<&'static str> {
        self.inner
            .checks
            .iter()
            .filter(|(_, status)| matches!(status, receipt::CheckStatus::Fail(_)))
            .map(|(check, _)| check.name())
            .collect()
    }

    /// `{"valid": …, "level": …, "checks": {…}, "reasons": {…}}`, the same shape in every language.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("valid", self.inner.valid)?;
        dict.set_item("level", self.level())?;
        dict.set_item("checks", self.checks(py)?)?;
        dict.set_item("reasons", self.reasons(py)?)?;
        Ok(dict)
    }

    fn __bool__(&self) -> bool {
        self.inner.valid
    }

    fn __repr__(&self) -> String {
        format!("Verdict(valid={}, failed={:?})", if self.inner.valid { "True" } else { "False" }, self.failed())
    }
}

/// Verifies a `set-receipt-v1` bundle against a trust document (each a dict or JSON text):
/// `trust = {"sequencer_public_keys": [...], "agent_public_key": ...?, "onchain": ...?}`.
///
/// A bundle that parses but fails a check is a `Verdict` with `valid=False`, not an error.
///
/// # Errors
/// `ReceiptError` (and the hex / UUID / ABI errors) for a malformed bundle or trust document,
/// naming the field; `InvalidArgumentError` for a value that is not JSON.
#[pyfunction]
pub fn verify_receipt(bundle: &Bound<'_, PyAny>, trust: &Bound<'_, PyAny>) -> PyResult<PyVerdict> {
    let bundle = json_text("bundle", bundle)?;
    let trust = json_text("trust", trust)?;
    let inner = receipt::verify_receipt_json(&bundle, &trust).map_err(core_error)?;
    Ok(PyVerdict { inner })
}
