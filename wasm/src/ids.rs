//! Identifiers: UUID ↔ bytes32, the registry's tenant/store key and the VES stream id.

use set_core::encoding::B256;
use set_core::ids;
use wasm_bindgen::prelude::*;

use crate::convert::{b256, hex};
use crate::error::{core_error, invalid_argument};

/// A tenant or store id given as a UUID string, or as its bytes32 form (a `0x` hex string
/// or a 32-byte `Uint8Array`).
pub(crate) fn id_word(field: &str, value: &JsValue) -> Result<B256, JsValue> {
    match value.as_string() {
        Some(text) => ids::parse_id_word(field, &text).map_err(core_error),
        None => b256(field, value),
    }
}

pub(crate) fn uuid_text(field: &str, value: &JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| invalid_argument(field, "a UUID string"))
}

/// The bytes32 form of a UUID (its 16 bytes, then 16 zero bytes), as `0x` hex.
///
/// # Errors
/// `INVALID_UUID` if `uuid` is not a UUID.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = uuidToBytes32)]
pub fn uuid_to_bytes32(uuid: &JsValue) -> Result<JsValue, JsValue> {
    let id = ids::parse_uuid("uuid", &uuid_text("uuid", uuid)?).map_err(core_error)?;
    Ok(hex(ids::uuid_to_bytes32(&id).as_slice()))
}

/// The UUID (hyphenated lowercase) held in a right-padded bytes32.
///
/// # Errors
/// `INVALID_HEX` / `WRONG_LENGTH` for a bad bytes32; `NOT_PADDED_UUID` if its last 16
/// bytes are not zero.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = bytes32ToUuid)]
pub fn bytes32_to_uuid(bytes32: &JsValue) -> Result<String, JsValue> {
    let word = b256("bytes32", bytes32)?;
    let id = ids::bytes32_to_uuid("bytes32", &word).map_err(core_error)?;
    Ok(id.hyphenated().to_string())
}

/// The registry's `keccak256(tenantId ‖ storeId)` key. Each id is a UUID string or its
/// bytes32 form (`0x` hex or `Uint8Array`).
///
/// # Errors
/// `INVALID_UUID`, `INVALID_HEX` or `WRONG_LENGTH` naming `tenantId` / `storeId`.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = tenantStoreKey)]
pub fn tenant_store_key(tenant_id: &JsValue, store_id: &JsValue) -> Result<JsValue, JsValue> {
    let tenant = id_word("tenantId", tenant_id)?;
    let store = id_word("storeId", store_id)?;
    Ok(hex(ids::tenant_store_key(&tenant, &store).as_slice()))
}

/// The VES stream id `SHA-256("VES_STREAM_V1" ‖ tenant ‖ store)` of two UUIDs.
///
/// # Errors
/// `INVALID_UUID` naming `tenantId` / `storeId`.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = streamId)]
pub fn stream_id(tenant_id: &JsValue, store_id: &JsValue) -> Result<JsValue, JsValue> {
    let tenant = ids::parse_uuid("tenantId", &uuid_text("tenantId", tenant_id)?).map_err(core_error)?;
    let store = ids::parse_uuid("storeId", &uuid_text("storeId", store_id)?).map_err(core_error)?;
    Ok(hex(ids::stream_id(&tenant, &store).as_slice()))
}
