//! Hex and fixed-width byte encodings shared by every module.
//!
//! The sequencer emits hex without `0x` in most places and with `0x` in others
//! (docs/protocol.md, "Hex on the wire"), so every parser here accepts both, in any
//! case. Everything this crate writes is `0x`-prefixed lowercase.

use alloc::string::String;
use alloc::vec::Vec;
use alloy_primitives::hex;

pub use alloy_primitives::{Address, B256};

/// A malformed hex string or a byte string of the wrong length.
///
/// `field` names the input that was wrong, as a dotted path where it helps
/// (`receipt.sequencer_signature`, `proof.proof_path[3]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodingError {
    /// The text is not hex: odd length or a character outside `0-9a-fA-F`.
    #[error("{field}: not valid hex ({reason})")]
    InvalidHex {
        /// The input that was wrong.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The bytes decoded fine but there are too many or too few of them.
    #[error("{field}: expected {expected} bytes, got {actual}")]
    WrongLength {
        /// The input that was wrong.
        field: String,
        /// The length this field must have.
        expected: usize,
        /// The length that was given.
        actual: usize,
    },
}

impl EncodingError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            EncodingError::InvalidHex { .. } => "INVALID_HEX",
            EncodingError::WrongLength { .. } => "WRONG_LENGTH",
        }
    }

    /// The name of the input that was wrong.
    pub fn field(&self) -> &str {
        match self {
            EncodingError::InvalidHex { field, .. } | EncodingError::WrongLength { field, .. } => field,
        }
    }

    /// A wrong-length error for `field`.
    pub fn wrong_length(field: impl Into<String>, expected: usize, actual: usize) -> Self {
        EncodingError::WrongLength { field: field.into(), expected, actual }
    }
}

fn strip_0x(text: &str) -> &str {
    text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")).unwrap_or(text)
}

/// Decodes hex with or without a `0x` prefix, in any case.
///
/// ```
/// assert_eq!(set_core::encoding::decode_hex("x", "0xABcd").unwrap(), vec![0xab, 0xcd]);
/// assert!(set_core::encoding::decode_hex("x", "abc").is_err());
/// ```
///
/// # Errors
/// [`EncodingError::InvalidHex`] naming `field` for odd length or a non-hex character.
pub fn decode_hex(field: &str, text: &str) -> Result<Vec<u8>, EncodingError> {
    let digits = strip_0x(text);
    check_no_second_prefix(digits)
        .and_then(|()| hex::decode(digits))
        .map_err(|err| EncodingError::InvalidHex { field: field.into(), reason: hex_reason(err) })
}

/// `const-hex` strips a `0x`/`0X` prefix of its own: refuse digits that still start with one
/// (`0x0x12`), as the first non-hex character, after the odd-length check it also does first.
fn check_no_second_prefix(digits: &str) -> Result<(), hex::FromHexError> {
    match digits.as_bytes() {
        bytes if bytes.len() % 2 != 0 => Err(hex::FromHexError::OddLength),
        [b'0', second @ (b'x' | b'X'), ..] => {
            Err(hex::FromHexError::InvalidHexCharacter { c: char::from(*second), index: 1 })
        }
        _ => Ok(()),
    }
}

fn hex_reason(err: hex::FromHexError) -> String {
    match err {
        hex::FromHexError::InvalidHexCharacter { c, index } => {
            alloc::format!("character '{c}' at position {index}")
        }
        hex::FromHexError::OddLength => "odd number of digits".into(),
        hex::FromHexError::InvalidStringLength => "wrong number of digits".into(),
    }
}

/// Decodes exactly `N` bytes of hex, with or without `0x`.
///
/// # Errors
/// [`EncodingError::InvalidHex`] or [`EncodingError::WrongLength`] naming `field`.
pub fn decode_fixed<const N: usize>(field: &str, text: &str) -> Result<[u8; N], EncodingError> {
    let digits = strip_0x(text);
    if digits.len() != 2 * N {
        // Decode first so that a non-hex string reports as such, not as a length problem.
        let decoded = decode_hex(field, digits)?;
        return Err(EncodingError::wrong_length(field, N, decoded.len()));
    }
    let mut out = [0u8; N];
    check_no_second_prefix(digits)
        .and_then(|()| hex::decode_to_slice(digits, &mut out))
        .map_err(|err| EncodingError::InvalidHex { field: field.into(), reason: hex_reason(err) })?;
    Ok(out)
}

/// Decodes a 32-byte value (hash, root, bytes32 word) from hex, with or without `0x`.
///
/// # Errors
/// [`EncodingError::InvalidHex`] or [`EncodingError::WrongLength`] naming `field`.
pub fn decode_b256(field: &str, text: &str) -> Result<B256, EncodingError> {
    decode_fixed::<32>(field, text).map(B256::from)
}

/// Copies exactly `N` bytes out of a slice.
///
/// # Errors
/// [`EncodingError::WrongLength`] naming `field` if `bytes.len() != N`.
pub fn fixed_from_slice<const N: usize>(field: &str, bytes: &[u8]) -> Result<[u8; N], EncodingError> {
    bytes.try_into().map_err(|_| EncodingError::wrong_length(field, N, bytes.len()))
}

/// Encodes bytes as `0x`-prefixed lowercase hex.
///
/// ```
/// assert_eq!(set_core::encoding::encode_hex(&[0xab, 0x01]), "0xab01");
/// ```
pub fn encode_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 + 2 * bytes.len());
    out.push_str("0x");
    out.push_str(&hex::encode(bytes));
    out
}

/// Serde adapters: hex accepted with or without `0x`, written with `0x`.
pub mod serde_hex {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    /// A 32-byte value as hex (`#[serde(with = "serde_hex::b256")]`).
    pub mod b256 {
        use super::*;
        /// Writes `0x`-prefixed lowercase hex.
        pub fn serialize<S: Serializer>(value: &B256, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(&encode_hex(value.as_slice()))
        }
        /// Reads hex with or without `0x`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<B256, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            decode_b256("value", &text).map_err(serde::de::Error::custom)
        }
    }

    /// A list of 32-byte values as hex strings.
    pub mod b256_list {
        use super::*;
        use serde::ser::SerializeSeq;
        /// Writes `0x`-prefixed lowercase hex strings.
        pub fn serialize<S: Serializer>(values: &[B256], serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(values.len()))?;
            for value in values {
                seq.serialize_element(&encode_hex(value.as_slice()))?;
            }
            seq.end()
        }
        /// Reads hex strings with or without `0x`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<B256>, D::Error> {
            let texts = <Vec<alloc::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
            texts
                .iter()
                .enumerate()
                .map(|(i, text)| decode_b256(&alloc::format!("[{i}]"), text))
                .collect::<Result<_, _>>()
                .map_err(serde::de::Error::custom)
        }
    }

    /// A fixed-size byte array as hex (`#[serde(with = "serde_hex::array")]`), e.g. a 64-byte signature.
    pub mod array {
        use super::*;
        /// Writes `0x`-prefixed lowercase hex.
        pub fn serialize<S: Serializer, const N: usize>(value: &[u8; N], serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(&encode_hex(value))
        }
        /// Reads hex with or without `0x`.
        pub fn deserialize<'de, D: Deserializer<'de>, const N: usize>(deserializer: D) -> Result<[u8; N], D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            decode_fixed::<N>("value", &text).map_err(serde::de::Error::custom)
        }
    }

    /// Arbitrary bytes as hex (`#[serde(with = "serde_hex::bytes")]`).
    pub mod bytes {
        use super::*;
        /// Writes `0x`-prefixed lowercase hex.
        pub fn serialize<S: Serializer>(value: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(&encode_hex(value))
        }
        /// Reads hex with or without `0x`.
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            decode_hex("value", &text).map_err(serde::de::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `hex` crate's reading (strip one `0x`/`0X`, then strict digits), which the faster
    /// `const-hex` must match error for error: the oracle.
    fn oracle(text: &str) -> Result<Vec<u8>, String> {
        ::hex::decode(strip_0x(text)).map_err(|err| match err {
            ::hex::FromHexError::InvalidHexCharacter { c, index } => {
                alloc::format!("character '{c}' at position {index}")
            }
            ::hex::FromHexError::OddLength => "odd number of digits".into(),
            ::hex::FromHexError::InvalidStringLength => "wrong number of digits".into(),
        })
    }

    #[test]
    fn decoding_matches_the_hex_crate_on_every_edge() {
        let mut inputs: Vec<String> = [
            "", "0x", "0X", "0x0x12", "0x0X12", "0X0x12", "0x0x1", "0x12", "0X12", "12", "1", "0x1", "xx", "0xzz",
            "ab cd", "abcg", "AbCdEf", "0x00", "g0", "0g", "é1", "1é", "0x0", "00x0", "x0",
        ]
        .iter()
        .map(|s| String::from(*s))
        .collect();
        // Every two-character string over a small alphabet, and long inputs with one bad digit
        // anywhere (const-hex checks long input in vector lanes).
        let alphabet = ['0', '9', 'a', 'f', 'A', 'F', 'g', 'x', 'X', ' ', 'é'];
        for a in alphabet {
            for b in alphabet {
                inputs.push([a, b].iter().collect());
                inputs.push(["0x".into(), String::from(a), String::from(b)].concat());
            }
        }
        for bad in 0..70 {
            let mut long: Vec<char> = "0123456789abcdefABCDEF".chars().cycle().take(70).collect();
            long[bad] = 'q';
            inputs.push(long.iter().collect());
        }
        for input in &inputs {
            let ours = decode_hex("f", input).map_err(|err| match err {
                EncodingError::InvalidHex { reason, .. } => reason,
                other => alloc::format!("{other}"),
            });
            assert_eq!(ours, oracle(input), "{input:?}");
            if let Ok(bytes) = oracle(input) {
                if bytes.len() == 2 {
                    assert_eq!(decode_fixed::<2>("f", input).unwrap().to_vec(), bytes);
                }
            } else if strip_0x(input).len() == 4 {
                assert!(decode_fixed::<2>("f", input).is_err(), "{input:?}");
            }
        }
    }

    #[test]
    fn accepts_hex_with_and_without_prefix_in_any_case() {
        let lower = decode_b256("h", &"ab".repeat(32)).unwrap();
        let upper = decode_b256("h", &alloc::format!("0X{}", "AB".repeat(32))).unwrap();
        assert_eq!(lower, upper);
        assert_eq!(encode_hex(lower.as_slice()), alloc::format!("0x{}", "ab".repeat(32)));
    }

    #[test]
    fn rejects_wrong_length_naming_the_field() {
        let err = decode_b256("merkle_root", "0xabcd").unwrap_err();
        assert_eq!(err, EncodingError::wrong_length("merkle_root", 32, 2));
        assert_eq!(err.field(), "merkle_root");
        assert_eq!(err.code(), "WRONG_LENGTH");
    }

    #[test]
    fn rejects_non_hex_and_odd_length() {
        assert_eq!(decode_b256("f", &"zz".repeat(32)).unwrap_err().code(), "INVALID_HEX");
        assert_eq!(decode_hex("f", "abc").unwrap_err().code(), "INVALID_HEX");
        assert_eq!(decode_fixed::<2>("f", "0xabc").unwrap_err().code(), "INVALID_HEX");
        // Multi-byte UTF-8 must not panic on slicing.
        assert!(decode_b256("f", &"é".repeat(32)).is_err());
    }
}
