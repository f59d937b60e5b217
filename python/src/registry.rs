//! SetRegistry ABI: calldata encoders, return-data, log and revert decoders.
//!
//! Ids are UUIDs (`str` / `uuid.UUID`) or bytes32 (`bytes` / hex); hashes come back as `bytes`,
//! calldata as `bytes` (ready for web3.py's `{"to": …, "data": …}`), integers as `int`.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use set_core::registry::{self, CommitBatchArgs, OnchainCommitment, B256, U256};

use crate::abi::{decoded_dict, revert_exception};
use crate::convert::{b256, b256_list, bytes_of, list_of, py_bytes, u256_of, u32_of, u64_of};
use crate::error::core_error;
use crate::ids::id_word;

/// The arguments of `commitBatch` (and one item of `commitBatches`). Ids and roots are 32
/// `bytes`; sequences are inclusive.
#[pyclass(module = "setchain._native", name = "CommitBatchArgs", frozen, eq)]
#[derive(PartialEq)]
pub struct PyCommitBatchArgs {
    inner: CommitBatchArgs,
}

#[pymethods]
impl PyCommitBatchArgs {
    /// Ids accept UUIDs or bytes32, roots bytes or hex, sequences ints.
    ///
    /// # Errors
    /// `IdError` / `EncodingError` / `InvalidArgumentError` naming the field.
    #[new]
    #[pyo3(signature = (*, batch_id, tenant_id, store_id, events_root, prev_state_root, new_state_root, sequence_start, sequence_end, event_count))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        batch_id: &Bound<'_, PyAny>,
        tenant_id: &Bound<'_, PyAny>,
        store_id: &Bound<'_, PyAny>,
        events_root: &Bound<'_, PyAny>,
        prev_state_root: &Bound<'_, PyAny>,
        new_state_root: &Bound<'_, PyAny>,
        sequence_start: &Bound<'_, PyAny>,
        sequence_end: &Bound<'_, PyAny>,
        event_count: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Ok(PyCommitBatchArgs {
            inner: CommitBatchArgs {
                batch_id: id_word("batch_id", batch_id)?,
                tenant_id: id_word("tenant_id", tenant_id)?,
                store_id: id_word("store_id", store_id)?,
                events_root: b256("events_root", events_root)?,
                prev_state_root: b256("prev_state_root", prev_state_root)?,
                new_state_root: b256("new_state_root", new_state_root)?,
                sequence_start: u64_of("sequence_start", sequence_start)?,
                sequence_end: u64_of("sequence_end", sequence_end)?,
                event_count: u32_of("event_count", event_count)?,
            },
        })
    }

    /// The batch id (bytes32).
    #[getter]
    fn batch_id<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.inner.batch_id.as_slice())
    }
    /// The tenant id (bytes32).
    #[getter]
    fn tenant_id<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.inner.tenant_id.as_slice())
    }
    /// The store id (bytes32).
    #[getter]
    fn store_id<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.inner.store_id.as_slice())
    }
    /// Merkle root of the batch's event leaves.
    #[getter]
    fn events_root<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.inner.events_root.as_slice())
    }
    /// State root before the batch.
    #[getter]
    fn prev_state_root<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.inner.prev_state_root.as_slice())
    }
    /// State root after the batch.
    #[getter]
    fn new_state_root<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.inner.new_state_root.as_slice())
    }
    /// First sequence number, inclusive.
    #[getter]
    fn sequence_start(&self) -> u64 {
        self.inner.sequence_start
    }
    /// Last sequence number, inclusive.
    #[getter]
    fn sequence_end(&self) -> u64 {
        self.inner.sequence_end
    }
    /// Number of events.
    #[getter]
    fn event_count(&self) -> u32 {
        self.inner.event_count
    }

    fn __repr__(&self) -> String {
        format!(
            "CommitBatchArgs(batch_id={}, sequence_start={}, sequence_end={}, event_count={})",
            self.inner.batch_id, self.inner.sequence_start, self.inner.sequence_end, self.inner.event_count
        )
    }
}

/// A batch commitment as stored on-chain (`getBatchCommitment`); `exists` is false for an
/// unknown batch (all fields zero).
#[pyclass(module = "setchain._native", name = "OnchainCommitment", frozen, eq, get_all)]
#[derive(PartialEq)]
pub struct PyOnchainCommitment {
    /// Merkle root of the batch's event leaves (32 bytes).
    events_root: [u8; 32],
    /// State root after the batch (32 bytes).
    new_state_root: [u8; 32],
    /// First sequence number, inclusive.
    sequence_start: u64,
    /// Last sequence number, inclusive.
    sequence_end: u64,
    /// Number of events.
    event_count: u32,
    /// Block timestamp of the commit (Unix seconds); 0 for an unknown batch.
    timestamp: u64,
    /// Whether the batch exists on-chain.
    exists: bool,
}

impl From<OnchainCommitment> for PyOnchainCommitment {
    fn from(commitment: OnchainCommitment) -> Self {
        PyOnchainCommitment {
            events_root: commitment.events_root.0,
            new_state_root: commitment.new_state_root.0,
            sequence_start: commitment.sequence_start,
            sequence_end: commitment.sequence_end,
            event_count: commitment.event_count,
            timestamp: commitment.timestamp,
            exists: commitment.exists(),
        }
    }
}

#[pymethods]
impl PyOnchainCommitment {
    fn __repr__(&self) -> String {
        format!(
            "OnchainCommitment(events_root={}, sequence_start={}, sequence_end={}, event_count={}, exists={})",
            set_core::encoding::encode_hex(&self.events_root),
            self.sequence_start,
            self.sequence_end,
            self.event_count,
            if self.exists { "True" } else { "False" }
        )
    }
}

/// `commitBatch` calldata.
#[pyfunction]
pub fn encode_commit_batch<'py>(py: Python<'py>, args: PyRef<'py, PyCommitBatchArgs>) -> Bound<'py, PyBytes> {
    py_bytes(py, &registry::encode_commit_batch(&args.inner))
}

/// The arguments of `commitBatch` calldata.
///
/// # Errors
/// `RegistryError` (`TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`), `EncodingError`.
#[pyfunction]
pub fn decode_commit_batch(calldata: &Bound<'_, PyAny>) -> PyResult<PyCommitBatchArgs> {
    let data = bytes_of("calldata", calldata)?;
    registry::decode_commit_batch(&data).map(|inner| PyCommitBatchArgs { inner }).map_err(core_error)
}

/// `commitBatches` calldata: many commitments (any streams) in one transaction, in order.
///
/// # Errors
/// `InvalidArgumentError` if `batches` is not a list of `CommitBatchArgs`.
#[pyfunction]
pub fn encode_commit_batches<'py>(py: Python<'py>, batches: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let batches = list_of("batches", batches, "a list of CommitBatchArgs", |field, item| {
        item.cast::<PyCommitBatchArgs>()
            .map(|args| args.get().inner)
            .map_err(|_| crate::error::invalid_argument(field, "a CommitBatchArgs"))
    })?;
    Ok(py_bytes(py, &registry::encode_commit_batches(&batches)))
}

/// The items of `commitBatches` calldata.
///
/// # Errors
/// `RegistryError`, `EncodingError`.
#[pyfunction]
pub fn decode_commit_batches(calldata: &Bound<'_, PyAny>) -> PyResult<Vec<PyCommitBatchArgs>> {
    let data = bytes_of("calldata", calldata)?;
    let batches = registry::decode_commit_batches(&data).map_err(core_error)?;
    Ok(batches.into_iter().map(|inner| PyCommitBatchArgs { inner }).collect())
}

/// `getBatchCommitment(batchId)` calldata; `batch_id` is a UUID or bytes32.
///
/// # Errors
/// `IdError` / `EncodingError` naming `batch_id`.
#[pyfunction]
pub fn encode_get_batch_commitment<'py>(
    py: Python<'py>,
    batch_id: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    Ok(py_bytes(py, &registry::encode_get_batch_commitment(id_word("batch_id", batch_id)?)))
}

/// `getBatchCommitment` return data.
///
/// # Errors
/// `RegistryError` (`TRUNCATED`, `INVALID_ABI`), `EncodingError`.
#[pyfunction]
pub fn decode_get_batch_commitment(data: &Bound<'_, PyAny>) -> PyResult<PyOnchainCommitment> {
    let data = bytes_of("data", data)?;
    registry::decode_get_batch_commitment(&data).map(PyOnchainCommitment::from).map_err(core_error)
}

/// `getLatestStateRoot(tenantId, storeId)` calldata.
///
/// # Errors
/// `IdError` / `EncodingError` naming the field.
#[pyfunction]
pub fn encode_get_latest_state_root<'py>(
    py: Python<'py>,
    tenant_id: &Bound<'py, PyAny>,
    store_id: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let tenant = id_word("tenant_id", tenant_id)?;
    let store = id_word("store_id", store_id)?;
    Ok(py_bytes(py, &registry::encode_get_latest_state_root(tenant, store)))
}

/// `getLatestStateRoot` return data: the state root.
///
/// # Errors
/// `RegistryError`, `EncodingError`.
#[pyfunction]
pub fn decode_get_latest_state_root<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let data = bytes_of("data", data)?;
    registry::decode_get_latest_state_root(&data).map(|root| py_bytes(py, root.as_slice())).map_err(core_error)
}

/// `getHeadSequence(tenantId, storeId)` calldata.
///
/// # Errors
/// `IdError` / `EncodingError` naming the field.
#[pyfunction]
pub fn encode_get_head_sequence<'py>(
    py: Python<'py>,
    tenant_id: &Bound<'py, PyAny>,
    store_id: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let tenant = id_word("tenant_id", tenant_id)?;
    let store = id_word("store_id", store_id)?;
    Ok(py_bytes(py, &registry::encode_get_head_sequence(tenant, store)))
}

/// `getHeadSequence` return data: the last committed sequence number.
///
/// # Errors
/// `RegistryError`, `EncodingError`.
#[pyfunction]
pub fn decode_get_head_sequence(data: &Bound<'_, PyAny>) -> PyResult<u64> {
    registry::decode_get_head_sequence(&bytes_of("data", data)?).map_err(core_error)
}

/// `batchExists(batchId)` calldata.
///
/// # Errors
/// `IdError` / `EncodingError` naming `batch_id`.
#[pyfunction]
pub fn encode_batch_exists<'py>(py: Python<'py>, batch_id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    Ok(py_bytes(py, &registry::encode_batch_exists(id_word("batch_id", batch_id)?)))
}

/// `batchExists` return data.
///
/// # Errors
/// `RegistryError`, `EncodingError`.
#[pyfunction]
pub fn decode_batch_exists(data: &Bound<'_, PyAny>) -> PyResult<bool> {
    registry::decode_batch_exists(&bytes_of("data", data)?).map_err(core_error)
}

/// The calldata `encode` (`verifyInclusion` or `verifyVesInclusion`, which take the same
/// arguments) makes of the converted arguments.
fn inclusion_calldata<'py>(
    py: Python<'py>,
    encode: fn(B256, B256, &[B256], U256) -> Vec<u8>,
    batch_id: &Bound<'py, PyAny>,
    leaf: &Bound<'py, PyAny>,
    proof: &Bound<'py, PyAny>,
    index: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let calldata = encode(
        id_word("batch_id", batch_id)?,
        b256("leaf", leaf)?,
        &b256_list("proof", proof)?,
        u256_of("index", index)?,
    );
    Ok(py_bytes(py, &calldata))
}

/// `verifyInclusion(batchId, leaf, proof, index)` calldata (keccak-v1, the lenient on-chain rule).
///
/// # Errors
/// `EncodingError` / `IdError` / `InvalidArgumentError` naming the field.
#[pyfunction]
pub fn encode_verify_inclusion<'py>(
    py: Python<'py>,
    batch_id: &Bound<'py, PyAny>,
    leaf: &Bound<'py, PyAny>,
    proof: &Bound<'py, PyAny>,
    index: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    inclusion_calldata(py, registry::encode_verify_inclusion, batch_id, leaf, proof, index)
}

/// `verifyInclusion` return data.
///
/// # Errors
/// `RegistryError`, `EncodingError`.
#[pyfunction]
pub fn decode_verify_inclusion(data: &Bound<'_, PyAny>) -> PyResult<bool> {
    registry::decode_verify_inclusion(&bytes_of("data", data)?).map_err(core_error)
}

/// `verifyVesInclusion(batchId, leaf, proof, index)` calldata (ves-sha256-v1, strict on-chain).
///
/// # Errors
/// `EncodingError` / `IdError` / `InvalidArgumentError` naming the field.
#[pyfunction]
pub fn encode_verify_ves_inclusion<'py>(
    py: Python<'py>,
    batch_id: &Bound<'py, PyAny>,
    leaf: &Bound<'py, PyAny>,
    proof: &Bound<'py, PyAny>,
    index: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    inclusion_calldata(py, registry::encode_verify_ves_inclusion, batch_id, leaf, proof, index)
}

/// `verifyVesInclusion` return data.
///
/// # Errors
/// `RegistryError`, `EncodingError`.
#[pyfunction]
pub fn decode_verify_ves_inclusion(data: &Bound<'_, PyAny>) -> PyResult<bool> {
    registry::decode_verify_ves_inclusion(&bytes_of("data", data)?).map_err(core_error)
}

/// Any SetRegistry calldata as `{"name", "signature", "args"}` (values as text).
///
/// # Errors
/// `RegistryError` (`TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`), `EncodingError`.
#[pyfunction]
pub fn decode_registry_call<'py>(py: Python<'py>, calldata: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let call = registry::decode_call(&bytes_of("calldata", calldata)?).map_err(core_error)?;
    decoded_dict(py, &call.decoded())
}

/// The return data of any SetRegistry function as `{"name", "signature", "args"}`; `call` is
/// the calldata sent (or its 4-byte selector).
///
/// # Errors
/// `RegistryError`, `EncodingError`.
#[pyfunction]
pub fn decode_registry_return<'py>(
    py: Python<'py>,
    call: &Bound<'py, PyAny>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let decoded = registry::decode_return(&bytes_of("call", call)?, &bytes_of("data", data)?).map_err(core_error)?;
    decoded_dict(py, &decoded)
}

/// One SetRegistry log (`topics`, `data`, as web3.py gives them) as
/// `{"name", "signature", "args"}` — e.g. `BatchCommitted`.
///
/// # Errors
/// `RegistryError` (`UNKNOWN_EVENT`, `WRONG_TOPIC_COUNT`, `TRUNCATED`, `INVALID_ABI`),
/// `EncodingError`.
#[pyfunction]
pub fn decode_registry_log<'py>(
    py: Python<'py>,
    topics: &Bound<'py, PyAny>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let event = registry::decode_log(&b256_list("topics", topics)?, &bytes_of("data", data)?).map_err(core_error)?;
    decoded_dict(py, &event.decoded())
}

/// SetRegistry revert data (custom errors, `Error(string)`, `Panic(uint256)`) as a
/// `RegistryRevert` exception instance (returned, not raised) with `.name`, `.signature`,
/// `.arguments` and, for `BatchCommitFailed`, `.inner`.
///
/// # Errors
/// `RegistryError` (`TRUNCATED` including empty data, `UNKNOWN_SELECTOR`, `INVALID_ABI`).
#[pyfunction]
pub fn decode_registry_revert<'py>(py: Python<'py>, revert_data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let data = bytes_of("revert_data", revert_data)?;
    let revert = registry::decode_revert(&data).map_err(core_error)?;
    revert_exception(py, "RegistryRevert", &revert.decoded(), Some(&data))
}

/// Registers this module's classes and functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCommitBatchArgs>()?;
    m.add_class::<PyOnchainCommitment>()?;
    m.add_function(wrap_pyfunction!(encode_commit_batch, m)?)?;
    m.add_function(wrap_pyfunction!(decode_commit_batch, m)?)?;
    m.add_function(wrap_pyfunction!(encode_commit_batches, m)?)?;
    m.add_function(wrap_pyfunction!(decode_commit_batches, m)?)?;
    m.add_function(wrap_pyfunction!(encode_get_batch_commitment, m)?)?;
    m.add_function(wrap_pyfunction!(decode_get_batch_commitment, m)?)?;
    m.add_function(wrap_pyfunction!(encode_get_latest_state_root, m)?)?;
    m.add_function(wrap_pyfunction!(decode_get_latest_state_root, m)?)?;
    m.add_function(wrap_pyfunction!(encode_get_head_sequence, m)?)?;
    m.add_function(wrap_pyfunction!(decode_get_head_sequence, m)?)?;
    m.add_function(wrap_pyfunction!(encode_batch_exists, m)?)?;
    m.add_function(wrap_pyfunction!(decode_batch_exists, m)?)?;
    m.add_function(wrap_pyfunction!(encode_verify_inclusion, m)?)?;
    m.add_function(wrap_pyfunction!(decode_verify_inclusion, m)?)?;
    m.add_function(wrap_pyfunction!(encode_verify_ves_inclusion, m)?)?;
    m.add_function(wrap_pyfunction!(decode_verify_ves_inclusion, m)?)?;
    m.add_function(wrap_pyfunction!(decode_registry_call, m)?)?;
    m.add_function(wrap_pyfunction!(decode_registry_return, m)?)?;
    m.add_function(wrap_pyfunction!(decode_registry_log, m)?)?;
    m.add_function(wrap_pyfunction!(decode_registry_revert, m)?)?;
    Ok(())
}
