//! Hex string ↔ core type conversions shared by the modules of this crate (no behaviour).

use set_core::encoding::{decode_b256, decode_hex, encode_hex, B256};

use crate::error::{core_error, SetError};

/// A 32-byte value from hex (`0x` optional, any case), errors naming `field`.
pub(crate) fn b256(field: &str, text: &str) -> Result<B256, SetError> {
    decode_b256(field, text).map_err(core_error)
}

/// Bytes from hex (`0x` optional, any case), errors naming `field`.
pub(crate) fn bytes(field: &str, text: &str) -> Result<Vec<u8>, SetError> {
    decode_hex(field, text).map_err(core_error)
}

/// A list of 32-byte values, elements named `field[i]`.
pub(crate) fn b256_list(field: &str, texts: &[String]) -> Result<Vec<B256>, SetError> {
    // The indexed name is formatted only for the element that fails, not once per element.
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| decode_b256(field, text).or_else(|_| b256(&format!("{field}[{i}]"), text)))
        .collect()
}

/// `0x` lowercase hex of a hash.
pub(crate) fn hex_b256(value: &B256) -> String {
    encode_hex(value.as_slice())
}

/// `0x` lowercase hex of bytes.
pub(crate) fn hex_bytes(value: &[u8]) -> String {
    encode_hex(value)
}
