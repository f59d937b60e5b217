//! Identifiers: UUID ↔ bytes32, the registry's tenant/store key and the VES stream id.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use set_core::encoding::B256;
use set_core::ids;
use uuid::Uuid;

use crate::convert::{b256, py_bytes, text_of};
use crate::error::{core_error, invalid_argument};

/// A UUID from a `uuid.UUID` or a UUID string.
pub(crate) fn uuid_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Uuid> {
    if let Some(text) = text_of(field, value)? {
        return ids::parse_uuid(field, &text).map_err(core_error);
    }
    value.extract::<Uuid>().map_err(|_| invalid_argument(field, "a UUID (str or uuid.UUID)"))
}

/// A tenant, store or batch id given as a UUID (`str` or `uuid.UUID`) or as its bytes32 form
/// (32 `bytes` or a `0x` hex string).
pub(crate) fn id_word(field: &str, value: &Bound<'_, PyAny>) -> PyResult<B256> {
    if let Some(text) = text_of(field, value)? {
        return ids::parse_id_word(field, &text).map_err(core_error);
    }
    if let Ok(id) = value.extract::<Uuid>() {
        return Ok(ids::uuid_to_bytes32(&id));
    }
    b256(field, value)
}

/// The bytes32 form of a UUID: its 16 bytes, then 16 zero bytes.
///
/// # Errors
/// `IdError` (`INVALID_UUID`) if `uuid` is not a UUID.
#[pyfunction]
pub fn uuid_to_bytes32<'py>(py: Python<'py>, uuid: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    Ok(py_bytes(py, ids::uuid_to_bytes32(&uuid_of("uuid", uuid)?).as_slice()))
}

/// The UUID held in a right-padded bytes32 (32 bytes or hex).
///
/// # Errors
/// `EncodingError` for a bad bytes32; `IdError` (`NOT_PADDED_UUID`) if its last 16 bytes are
/// not zero.
#[pyfunction]
pub fn bytes32_to_uuid(bytes32: &Bound<'_, PyAny>) -> PyResult<Uuid> {
    let word = b256("bytes32", bytes32)?;
    ids::bytes32_to_uuid("bytes32", &word).map_err(core_error)
}

/// The registry's `keccak256(tenant_id ‖ store_id)` key; each id is a UUID or its bytes32 form.
///
/// # Errors
/// `IdError` / `EncodingError` naming `tenant_id` or `store_id`.
#[pyfunction]
pub fn tenant_store_key<'py>(
    py: Python<'py>,
    tenant_id: &Bound<'py, PyAny>,
    store_id: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let tenant = id_word("tenant_id", tenant_id)?;
    let store = id_word("store_id", store_id)?;
    Ok(py_bytes(py, ids::tenant_store_key(&tenant, &store).as_slice()))
}

/// The VES stream id `SHA-256("VES_STREAM_V1" ‖ tenant ‖ store)` of two UUIDs.
///
/// # Errors
/// `IdError` naming `tenant_id` or `store_id`.
#[pyfunction]
pub fn stream_id<'py>(
    py: Python<'py>,
    tenant_id: &Bound<'py, PyAny>,
    store_id: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let tenant = uuid_of("tenant_id", tenant_id)?;
    let store = uuid_of("store_id", store_id)?;
    Ok(py_bytes(py, ids::stream_id(&tenant, &store).as_slice()))
}
