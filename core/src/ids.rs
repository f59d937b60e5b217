//! Identifiers: UUID ↔ bytes32, the on-chain `tenantStoreKey`, and the VES `stream_id`.
//!
//! On-chain ids (docs/protocol.md#identifiers) are the 16 UUID bytes (RFC 4122 order) followed by
//! 16 zero bytes — right-padded, never hashed — exactly as the sequencer and
//! the existing anchor encode them.

use alloc::string::String;
use alloy_primitives::B256;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Domain prefix of the VES stream id.
pub const DOMAIN_STREAM: &[u8] = b"VES_STREAM_V1";

/// A malformed identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The text is not a UUID.
    #[error("{field}: not a UUID ({reason})")]
    InvalidUuid {
        /// The input that was wrong.
        field: String,
        /// What the UUID parser said.
        reason: String,
    },
    /// A bytes32 whose low 16 bytes are not zero cannot be a UUID.
    #[error("{field}: bytes32 is not a right-padded UUID (the last 16 bytes must be zero)")]
    NotPaddedUuid {
        /// The input that was wrong.
        field: String,
    },
    /// Bad hex or wrong length.
    #[error(transparent)]
    Encoding(#[from] crate::encoding::EncodingError),
}

impl IdError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            IdError::InvalidUuid { .. } => "INVALID_UUID",
            IdError::NotPaddedUuid { .. } => "NOT_PADDED_UUID",
            IdError::Encoding(inner) => inner.code(),
        }
    }

    /// The name of the input that was wrong (ADR 09: part of the contract with the code).
    pub fn field(&self) -> &str {
        match self {
            IdError::InvalidUuid { field, .. } | IdError::NotPaddedUuid { field } => field,
            IdError::Encoding(inner) => inner.field(),
        }
    }
}

/// Parses a UUID in any form the sequencer accepts (hyphenated, simple, braced, URN; any case).
///
/// # Errors
/// [`IdError::InvalidUuid`] naming `field`.
pub fn parse_uuid(field: &str, text: &str) -> Result<Uuid, IdError> {
    Uuid::try_parse(text).map_err(|err| IdError::InvalidUuid { field: field.into(), reason: alloc::format!("{err}") })
}

/// An on-chain id given as text: `0x` followed by 64 hex digits is taken as the bytes32 word
/// itself; anything else must be a UUID and is right-padded ([`uuid_to_bytes32`]).
///
/// ```
/// use set_core::ids::parse_id_word;
/// let from_uuid = parse_id_word("tenant_id", "00000000-0000-0000-0000-000000000001").unwrap();
/// let from_word = parse_id_word("tenant_id", &from_uuid.to_string()).unwrap();
/// assert_eq!(from_uuid, from_word);
/// ```
///
/// # Errors
/// [`IdError::Encoding`] for a malformed `0x` word, [`IdError::InvalidUuid`] otherwise, naming `field`.
pub fn parse_id_word(field: &str, text: &str) -> Result<B256, IdError> {
    if text.starts_with("0x") || text.starts_with("0X") {
        Ok(crate::encoding::decode_b256(field, text)?)
    } else {
        parse_uuid(field, text).map(|id| uuid_to_bytes32(&id))
    }
}

/// UUID → bytes32: the 16 UUID bytes followed by 16 zero bytes.
///
/// ```
/// use set_core::ids::uuid_to_bytes32;
/// let id = uuid::Uuid::parse_str("d982e688-bc8e-4cb3-ba26-b7777a98c526").unwrap();
/// assert_eq!(
///     uuid_to_bytes32(&id).to_string(),
///     "0xd982e688bc8e4cb3ba26b7777a98c52600000000000000000000000000000000"
/// );
/// ```
pub fn uuid_to_bytes32(id: &Uuid) -> B256 {
    let mut word = [0u8; 32];
    word[..16].copy_from_slice(id.as_bytes());
    B256::from(word)
}

/// bytes32 → UUID, the inverse of [`uuid_to_bytes32`].
///
/// # Errors
/// [`IdError::NotPaddedUuid`] naming `field` if the last 16 bytes are not zero.
pub fn bytes32_to_uuid(field: &str, word: &B256) -> Result<Uuid, IdError> {
    let (high, low) = word.as_slice().split_at(16);
    if low.iter().any(|&b| b != 0) {
        return Err(IdError::NotPaddedUuid { field: field.into() });
    }
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(high);
    Ok(Uuid::from_bytes(bytes))
}

/// The registry's stream key: `keccak256(tenant32 ‖ store32)`, as the contract's
/// `keccak256(abi.encodePacked(tenantId, storeId))`.
///
/// ```
/// use set_core::ids::{tenant_store_key, uuid_to_bytes32};
/// let tenant = uuid_to_bytes32(&uuid::Uuid::from_u128(1));
/// let store = uuid_to_bytes32(&uuid::Uuid::from_u128(2));
/// assert_eq!(
///     tenant_store_key(&tenant, &store).to_string(),
///     "0xfee4ccde41d1dc5fa401e2a18ac38081fb067b6f6506372afe59366e4feae479"
/// );
/// ```
pub fn tenant_store_key(tenant: &B256, store: &B256) -> B256 {
    // keccak256 of 64 bytes is exactly the keccak-v1 node hash: one Keccak implementation in
    // the npm package (`set-node-hash`'s), not alloy's as well.
    B256::from(set_node_hash::keccak_node(&tenant.0, &store.0))
}

/// The sequencer's stream id: `SHA-256("VES_STREAM_V1" ‖ tenant16 ‖ store16)`.
///
/// Never sent on-chain; it enters every VES state root.
pub fn stream_id(tenant: &Uuid, store: &Uuid) -> B256 {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN_STREAM);
    hasher.update(tenant.as_bytes());
    hasher.update(store.as_bytes());
    B256::from(<[u8; 32]>::from(hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_store_key_is_keccak256_of_the_packed_ids() {
        for seed in 0u8..32 {
            let tenant = B256::repeat_byte(seed);
            let store = B256::from(core::array::from_fn(|i| seed.wrapping_mul(31).wrapping_add(i as u8)));
            let packed = [tenant.as_slice(), store.as_slice()].concat();
            assert_eq!(tenant_store_key(&tenant, &store), alloy_primitives::keccak256(packed));
        }
    }

    #[test]
    fn uuid_round_trips_through_bytes32() {
        let id = parse_uuid("batch_id", "123e4567-e89b-12d3-a456-426614174000").unwrap();
        let word = uuid_to_bytes32(&id);
        assert_eq!(word.to_string(), "0x123e4567e89b12d3a45642661417400000000000000000000000000000000000");
        assert_eq!(bytes32_to_uuid("batch_id", &word).unwrap(), id);
    }

    #[test]
    fn rejects_bytes32_with_nonzero_low_half() {
        let mut word = [0u8; 32];
        word[31] = 1;
        let err = bytes32_to_uuid("tenant_id", &B256::from(word)).unwrap_err();
        assert_eq!(err, IdError::NotPaddedUuid { field: "tenant_id".into() });
        assert_eq!(err.code(), "NOT_PADDED_UUID");
    }

    #[test]
    fn rejects_malformed_uuid_naming_the_field() {
        let err = parse_uuid("store_id", "not-a-uuid").unwrap_err();
        assert!(err.to_string().starts_with("store_id: not a UUID"));
        assert_eq!(err.code(), "INVALID_UUID");
    }

    #[test]
    fn accepts_the_uuid_forms_the_sequencer_accepts() {
        let canonical = parse_uuid("u", "00000000-0000-0000-0000-000000000001").unwrap();
        for form in [
            "00000000000000000000000000000001",
            "{00000000-0000-0000-0000-000000000001}",
            "urn:uuid:00000000-0000-0000-0000-000000000001",
        ] {
            assert_eq!(parse_uuid("u", form).unwrap(), canonical);
        }
    }

    #[test]
    fn id_words_come_from_uuids_or_0x_words() {
        let word = parse_id_word("batch_id", "123e4567-e89b-12d3-a456-426614174000").unwrap();
        assert_eq!(parse_id_word("batch_id", &word.to_string()).unwrap(), word);
        assert_eq!(parse_id_word("batch_id", "0x1234").unwrap_err().code(), "WRONG_LENGTH");
        assert_eq!(parse_id_word("batch_id", "1234").unwrap_err().code(), "INVALID_UUID");
    }

    #[test]
    fn stream_id_matches_reference_5_4_1() {
        let id = stream_id(&Uuid::from_u128(1), &Uuid::from_u128(2));
        assert_eq!(id.to_string(), "0x133fe000dfe2d1f88289fca65ac126b4b3144b00bab915e29aecccbbb5528a4d");
    }
}
