//! Identifiers: UUID ↔ bytes32, the registry's tenant/store key and the VES stream id
//! (docs/protocol.md, "Identifiers").

use set_core::ids;

use crate::convert::{b256, hex_b256};
use crate::error::{core_error, SetError};

/// The bytes32 form of a UUID (any form the sequencer accepts): its 16 bytes, then 16 zero
/// bytes, as `0x` hex.
///
/// # Errors
/// `SetError.Id` (`INVALID_UUID`) naming `uuid`.
#[uniffi::export]
pub fn uuid_to_bytes32(uuid: String) -> Result<String, SetError> {
    let id = ids::parse_uuid("uuid", &uuid).map_err(core_error)?;
    Ok(hex_b256(&ids::uuid_to_bytes32(&id)))
}

/// The UUID (lowercase, hyphenated) held in a right-padded bytes32 given as hex.
///
/// # Errors
/// `SetError.Encoding` for bad hex or length; `SetError.Id` (`NOT_PADDED_UUID`) if its last 16
/// bytes are not zero.
#[uniffi::export]
pub fn bytes32_to_uuid(bytes32: String) -> Result<String, SetError> {
    let word = b256("bytes32", &bytes32)?;
    Ok(ids::bytes32_to_uuid("bytes32", &word).map_err(core_error)?.to_string())
}

/// The registry's `keccak256(tenant_id ‖ store_id)` key (`0x` hex); each id is a UUID or its
/// bytes32 hex form.
///
/// # Errors
/// `SetError.Id` naming `tenant_id` or `store_id`.
#[uniffi::export]
pub fn tenant_store_key(tenant_id: String, store_id: String) -> Result<String, SetError> {
    let tenant = ids::parse_id_word("tenant_id", &tenant_id).map_err(core_error)?;
    let store = ids::parse_id_word("store_id", &store_id).map_err(core_error)?;
    Ok(hex_b256(&ids::tenant_store_key(&tenant, &store)))
}

/// The VES stream id `SHA-256("VES_STREAM_V1" ‖ tenant ‖ store)` of two UUIDs (`0x` hex).
///
/// # Errors
/// `SetError.Id` naming `tenant_id` or `store_id`.
#[uniffi::export]
pub fn stream_id(tenant_id: String, store_id: String) -> Result<String, SetError> {
    let tenant = ids::parse_uuid("tenant_id", &tenant_id).map_err(core_error)?;
    let store = ids::parse_uuid("store_id", &store_id).map_err(core_error)?;
    Ok(hex_b256(&ids::stream_id(&tenant, &store)))
}
