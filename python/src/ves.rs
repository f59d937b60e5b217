//! VES v1 hashing and the receipt verifier, one bundle or many (docs/protocol.md, "VES v1
//! hashes" and "Receipt bundle").

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use set_core::encoding::fixed_from_slice;
use set_core::{receipt, ves};

use crate::convert::{b256, bytes_of, json_text, json_value, list_of, py_bytes, u32_of, u64_of};
use crate::error::core_error;

fn event_of(event: &Bound<'_, PyAny>) -> PyResult<ves::VesEvent> {
    ves::VesEvent::from_json(&json_text("event", event)?).map_err(core_error)
}

/// `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))` of any JSON-compatible Python value (dict,
/// list, str, int, float, bool, None). The value hashed is the one the sequencer parses from
/// its `json.dumps` text (read straight from the objects where that is the same value):
/// integers beyond 2^53 are rounded to the nearest double, as the sequencer does (see
/// `payload_plain_hash_json`).
///
/// # Errors
/// `InvalidArgumentError` for a value JSON cannot hold (NaN, a set, an object);
/// `VesError` if the canonicaliser refuses it.
#[pyfunction]
pub fn payload_plain_hash<'py>(py: Python<'py>, payload: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let value = json_value("payload", payload)?;
    ves::payload_plain_hash(&value).map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
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
    let value = json_value("payload", payload)?;
    ves::payload_plain_hash_salted(&salt, &value).map(|hash| py_bytes(py, hash.as_slice())).map_err(core_error)
}

/// The RFC 8785 (JCS) text of a JSON-compatible value, as the sequencer canonicalises it.
///
/// # Errors
/// As `payload_plain_hash`.
#[pyfunction]
pub fn canonical_json(payload: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = json_value("payload", payload)?;
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

/// The verdict on a receipt bundle: `valid` iff no check failed; `level` how far the evidence
/// goes; `checks` maps each check name to `"pass"`, `"fail"` or `"skipped"`; `reasons` says why
/// each failed or skipped check did. In `verify_receipts`, a bundle that cannot be read gets a
/// verdict that claims nothing (`valid=False`, `level="none"`, no checks) with its `error`.
#[pyclass(module = "setchain._native", name = "Verdict", frozen)]
pub struct PyVerdict {
    /// The core's verdict, kept as it is: its dicts are built when they are read, so a bulk call
    /// converts nothing it is not asked for. `None` for a bundle that cannot be read.
    verdict: Option<receipt::Verdict>,
    /// `verify_receipts` only: the exception `verify_receipt` raises for a bundle that cannot be
    /// read (`code`, `field`, message); `None` for a verdict.
    error: Option<Py<PyAny>>,
}

impl PyVerdict {
    /// The Python form of a core verdict: the one conversion of this binding (done on access).
    pub(crate) fn new(verdict: receipt::Verdict) -> Self {
        PyVerdict { verdict: Some(verdict), error: None }
    }

    /// The entry of a bundle that cannot be read.
    fn unreadable(py: Python<'_>, error: PyErr) -> Self {
        PyVerdict { verdict: None, error: Some(error.into_value(py).into_any()) }
    }

    fn outcomes(&self) -> impl Iterator<Item = receipt::Outcome<'_>> {
        self.verdict.iter().flat_map(receipt::Verdict::outcomes)
    }
}

#[pymethods]
impl PyVerdict {
    /// `{"valid": …, "level": …, "checks": {…}, "reasons": {…}, "signatures": {…}}`, the same
    /// shape in every language; with `"error": {"code", "field", "message"}` for a bundle that
    /// cannot be read.
    /// All non-skipped checks passed.
    #[getter]
    fn valid(&self) -> bool {
        self.verdict.as_ref().is_some_and(|verdict| verdict.valid)
    }

    /// The strongest claim the passing checks establish: `"none"`, `"sequenced"`,
    /// `"committed"`, `"anchored"`, `"anchored-l2-proof"` or `"anchored-l1"` (later versions may
    /// add stronger levels after these).
    #[getter]
    fn level(&self) -> &'static str {
        self.verdict.as_ref().map_or(receipt::Level::None, |verdict| verdict.level).as_str()
    }

    /// Check name -> `"pass"` / `"fail"` / `"skipped"` (a new dict on each access).
    #[getter]
    fn checks(&self) -> BTreeMap<&'static str, &'static str> {
        self.outcomes().map(|outcome| (outcome.name, outcome.status)).collect()
    }

    /// Check name -> why it failed or was skipped, for every failed or skipped check.
    #[getter]
    fn reasons(&self) -> BTreeMap<&'static str, String> {
        self.outcomes().filter_map(|outcome| outcome.reason.map(|reason| (outcome.name, reason.to_owned()))).collect()
    }

    /// The failed check names, in the order the checks run.
    #[getter]
    fn failed(&self) -> Vec<&'static str> {
        self.outcomes().filter(|outcome| outcome.status == "fail").map(|outcome| outcome.name).collect()
    }

    /// `{"sequencer": [...], "agent": [...]}`: the algorithms (`"ed25519"`, `"ml-dsa-65"`) whose
    /// signatures verified; a list is empty unless its signature check passed.
    #[getter]
    fn signatures(&self) -> BTreeMap<&'static str, Vec<&'static str>> {
        let names = |algorithms: &[receipt::SignatureAlgorithm]| algorithms.iter().map(|a| a.as_str()).collect();
        let (sequencer, agent) = match &self.verdict {
            Some(verdict) => (names(&verdict.sequencer_signatures), names(&verdict.agent_signatures)),
            None => (Vec::new(), Vec::new()),
        };
        BTreeMap::from([("sequencer", sequencer), ("agent", agent)])
    }

    /// `verify_receipts` only: the exception `verify_receipt` raises for a bundle that cannot be
    /// read (`code`, `field`, message); `None` for a verdict.
    #[getter]
    fn error(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.error.as_ref().map(|error| error.clone_ref(py))
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("valid", self.valid())?;
        dict.set_item("level", self.level())?;
        dict.set_item("checks", self.checks())?;
        dict.set_item("reasons", self.reasons())?;
        dict.set_item("signatures", self.signatures())?;
        if let Some(error) = &self.error {
            let error = error.bind(py);
            let described = PyDict::new(py);
            described.set_item("code", error.getattr("code")?)?;
            described.set_item("field", error.getattr("field")?)?;
            described.set_item("message", error.str()?)?;
            dict.set_item("error", described)?;
        }
        Ok(dict)
    }

    fn __bool__(&self) -> bool {
        self.valid()
    }

    fn __repr__(&self) -> String {
        let valid = if self.valid() { "True" } else { "False" };
        match &self.error {
            None => format!("Verdict(valid={valid}, level={:?}, failed={:?})", self.level(), self.failed()),
            Some(error) => format!("Verdict(valid={valid}, level={:?}, error={error})", self.level()),
        }
    }
}

/// Verifies a receipt bundle (`set-receipt-v1` or `-v2`) against a trust document or a
/// `set-trust-root-v1` (each a dict or JSON text): `trust = {"sequencer_public_keys": [...],
/// "chain_id"?: ..., "registry"?: ..., "agent_public_key"?: ..., "onchain"?: ...}`.
///
/// A bundle that parses but fails a check is a `Verdict` with `valid=False`, not an error.
///
/// # Errors
/// `ReceiptError` (and the hex / UUID / ABI errors) for a malformed bundle or trust document,
/// with its `code` and `field`; `InvalidArgumentError` for a value that is not JSON.
#[pyfunction]
pub fn verify_receipt(bundle: &Bound<'_, PyAny>, trust: &Bound<'_, PyAny>) -> PyResult<PyVerdict> {
    let bundle = json_text("bundle", bundle)?;
    let trust = json_text("trust", trust)?;
    let verdict = receipt::verify_receipt_json(&bundle, &trust).map_err(core_error)?;
    Ok(PyVerdict::new(verdict))
}

/// Verifies many bundles (an iterable of dicts or JSON texts) against one trust document, with
/// the GIL released while the core works: one `Verdict` per bundle, in order, each what
/// `verify_receipt` gives for that bundle alone. A bundle that cannot be read gets a verdict
/// with `valid=False`, `level="none"` and `error` set to the exception `verify_receipt` would
/// raise for it.
///
/// # Errors
/// `InvalidArgumentError` when `bundles` is not iterable; for a malformed trust document (the
/// whole call: no bundle can be verified against it), as `verify_receipt`.
#[pyfunction]
pub fn verify_receipts(
    py: Python<'_>,
    bundles: &Bound<'_, PyAny>,
    trust: &Bound<'_, PyAny>,
) -> PyResult<Vec<PyVerdict>> {
    let texts = list_of("bundles", bundles, "an iterable of bundles (dicts or JSON text)", |_, bundle| {
        Ok(json_text("bundle", bundle))
    })?;
    let trust = json_text("trust", trust)?;
    let readable: Vec<&str> = texts.iter().flatten().map(String::as_str).collect();
    let mut verdicts = py.detach(|| receipt::verify_receipts_json(&readable, &trust)).map_err(core_error)?.into_iter();
    let mut entries = Vec::with_capacity(texts.len());
    for text in texts {
        entries.push(match text {
            Err(error) => PyVerdict::unreadable(py, error),
            // The core answers once per readable bundle, in order.
            Ok(_) => match verdicts.next() {
                Some(Ok(verdict)) => PyVerdict::new(verdict),
                Some(Err(error)) => PyVerdict::unreadable(py, core_error(error)),
                None => break,
            },
        });
    }
    Ok(entries)
}
