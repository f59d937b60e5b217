//! Field-naming hex (de)serializers for the wire types.
//!
//! serde_json's messages carry line/column but no field path, so every hex field gets its own
//! visitor that puts the field name into both the "wrong type" and the "bad hex" message.

use alloc::format;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Serializer;

use crate::encoding::{decode_b256, decode_fixed, encode_hex, EncodingError, B256};

struct B256Visitor {
    field: &'static str,
    /// The old anchor read `""` as bytes32(0) for the genesis prev root; keep accepting it.
    empty_is_zero: bool,
}

impl<'de> Visitor<'de> for B256Visitor {
    type Value = B256;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a 32-byte hex string for `{}`", self.field)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<B256, E> {
        if self.empty_is_zero && is_empty_hex(text) {
            return Ok(B256::ZERO);
        }
        decode_b256(self.field, text).map_err(E::custom)
    }
}

struct OptB256Visitor(&'static str);

impl<'de> Visitor<'de> for OptB256Visitor {
    type Value = Option<B256>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "null or a 32-byte hex string for `{}`", self.0)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(B256Visitor { field: self.0, empty_is_zero: false }).map(Some)
    }
}

struct B256ListVisitor(&'static str);

impl<'de> Visitor<'de> for B256ListVisitor {
    type Value = Vec<B256>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of 32-byte hex strings for `{}`", self.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // The size hint comes from the input; bound the pre-allocation.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(text) = seq.next_element::<alloc::borrow::Cow<'de, str>>()? {
            let field = format!("{}[{}]", self.0, out.len());
            out.push(decode_b256(&field, &text).map_err(de::Error::custom)?);
        }
        Ok(out)
    }
}

struct SignatureVisitor(&'static str);

impl<'de> Visitor<'de> for SignatureVisitor {
    type Value = Option<[u8; 64]>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"\" or a 64-byte hex string for `{}`", self.0)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        decode_signature(self.0, text).map_err(E::custom)
    }
}

pub(super) fn is_empty_hex(text: &str) -> bool {
    matches!(text, "" | "0x" | "0X")
}

/// `""` means "no Ed25519 signature" on the wire (`none` and `MlDsa65` receipts).
pub(super) fn decode_signature(field: &str, text: &str) -> Result<Option<[u8; 64]>, EncodingError> {
    if text.is_empty() {
        return Ok(None);
    }
    decode_fixed::<64>(field, text).map(Some)
}

macro_rules! b256_field {
    ($name:ident, $field:literal) => {
        pub(super) fn $name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<B256, D::Error> {
            deserializer.deserialize_str(B256Visitor { field: $field, empty_is_zero: false })
        }
    };
    ($name:ident, $field:literal, empty_is_zero) => {
        pub(super) fn $name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<B256, D::Error> {
            deserializer.deserialize_str(B256Visitor { field: $field, empty_is_zero: true })
        }
    };
}

macro_rules! opt_b256_field {
    ($name:ident, $field:literal) => {
        pub(super) fn $name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<B256>, D::Error> {
            deserializer.deserialize_option(OptB256Visitor($field))
        }
    };
}

b256_field!(de_prev_state_root_or_empty, "prev_state_root", empty_is_zero);
b256_field!(de_prev_state_root, "prev_state_root");
b256_field!(de_new_state_root, "new_state_root");
b256_field!(de_events_root, "events_root");
b256_field!(de_merkle_root, "merkle_root");
b256_field!(de_leaf_hash, "leaf_hash");
b256_field!(de_chain_tx_hash, "chain_tx_hash");
b256_field!(de_receipt_hash, "receiptHash");
opt_b256_field!(de_opt_chain_tx_hash, "chain_tx_hash");

pub(super) fn de_proof_path<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<B256>, D::Error> {
    deserializer.deserialize_seq(B256ListVisitor("proof_path"))
}

pub(super) fn de_sequencer_signature<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<[u8; 64]>, D::Error> {
    deserializer.deserialize_option(SignatureVisitor("sequencerSignature"))
}

pub(super) fn ser_opt_b256<S: Serializer>(value: &Option<B256>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(hash) => serializer.serialize_some(&encode_hex(hash.as_slice())),
        None => serializer.serialize_none(),
    }
}

pub(super) fn ser_signature<S: Serializer>(value: &Option<[u8; 64]>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(sig) => serializer.serialize_str(&encode_hex(sig)),
        None => serializer.serialize_str(""),
    }
}
