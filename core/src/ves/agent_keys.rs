//! Agent key registration, `POST /api/v1/agents/keys`: the request an agent's operator sends
//! before the agent's events can be sequenced, and the server's checks and answers
//! (stateset-sequencer 0.2.7), as pure functions.
//!
//! The sequencer verifies every event's `agent_signature` with the key registered for
//! (`tenant_id`, `source_agent_id`, `agent_key_id`); an event from an unregistered key is
//! rejected (`agent_key_invalid: Agent key not found`). Registration needs an admin credential
//! on the tenant (the bootstrap admin key qualifies). The server checks, in this order, each
//! failure an HTTP 400 with a plain-text message:
//!
//! 1. the key algorithm is allowed by the profile;
//! 2. `publicKey` is hex (optional `0x`) of 32 bytes (`Invalid public_key hex: …`,
//!    `Public key must be 32 bytes`); it is not checked to be a curve point;
//! 3. the hex fields of `publicKeyBundle` and `proofOfPossessionBundle`;
//! 4. a proof of possession, when one is given, verifies;
//! 5. `validFrom` / `validTo` are RFC 3339 (`Invalid valid_from timestamp: …`).
//!
//! A second registration of the same (tenant, agent, key id) is an HTTP 500
//! (`Internal server error`): the server's insert fails on its primary key.
//!
//! Only Ed25519 keys (`keyAlgorithm` absent, 0 or 1) are implemented; the other algorithms
//! (ML-DSA-65, hybrid) are refused with [`KeyRegistrationError::UnsupportedAlgorithm`].

use alloc::format;
use alloc::string::String;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::rfc3339::{parse_rfc3339, Rfc3339Error, Timestamp};
use super::validate::{AgentKey, BodyError, SecurityProfile};

/// The path of the registration endpoint.
pub const AGENT_KEYS_PATH: &str = "/api/v1/agents/keys";

/// The message of a successful registration.
pub const REGISTERED_MESSAGE: &str = "Agent key registered successfully";

/// The body of `POST /api/v1/agents/keys` (camelCase on the wire). Hex fields are sent as text,
/// with or without `0x`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentKeyRegistration {
    /// The agent's tenant.
    pub tenant_id: Uuid,
    /// The agent (`source_agent_id` of its events).
    pub agent_id: Uuid,
    /// The key's id (`agent_key_id` of the events it signs).
    pub key_id: u32,
    /// The Ed25519 public key, 32 bytes of hex.
    pub public_key: String,
    /// Not valid before (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Not valid after (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// The key algorithm (absent or 0: legacy Ed25519, 1: Ed25519, 3: ML-DSA-65, 5: Ed25519 +
    /// ML-DSA-65, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_algorithm: Option<i32>,
    /// The public keys of a PQC registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key_bundle: Option<PublicKeyBundle>,
    /// Proofs of possession: signatures over `SHA-256("VES_POP_V1" ‖ key bytes)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_of_possession_bundle: Option<ProofOfPossessionBundle>,
}

/// The `publicKeyBundle` of a registration (hex fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyBundle {
    /// Ed25519 public key (32 bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ed25519_public_key: Option<String>,
    /// ML-DSA-65 public key.
    #[serde(default, rename = "mlDsa65PublicKey", skip_serializing_if = "Option::is_none")]
    pub ml_dsa_65_public_key: Option<String>,
    /// X25519 public key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x25519_public_key: Option<String>,
    /// ML-KEM-768 public key.
    #[serde(default, rename = "mlKem768PublicKey", skip_serializing_if = "Option::is_none")]
    pub ml_kem_768_public_key: Option<String>,
}

/// The `proofOfPossessionBundle` of a registration (hex fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProofOfPossessionBundle {
    /// Ed25519 signature (64 bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ed25519_pop: Option<String>,
    /// ML-DSA-65 signature.
    #[serde(default, rename = "mlDsa65Pop", skip_serializing_if = "Option::is_none")]
    pub ml_dsa_65_pop: Option<String>,
}

impl AgentKeyRegistration {
    /// A registration of an Ed25519 key with no validity window (the common case).
    pub fn ed25519(tenant_id: Uuid, agent_id: Uuid, key_id: u32, public_key: &[u8; 32]) -> Self {
        AgentKeyRegistration {
            tenant_id,
            agent_id,
            key_id,
            public_key: hex::encode(public_key),
            valid_from: None,
            valid_to: None,
            key_algorithm: None,
            public_key_bundle: None,
            proof_of_possession_bundle: None,
        }
    }

    /// The request body.
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and options of them: serialisation cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses a request body as the server's JSON extractor does.
    ///
    /// # Errors
    /// [`BodyError::Syntax`] (HTTP 400) or [`BodyError::Data`] (HTTP 422) naming the field.
    pub fn from_json(text: &str) -> Result<Self, BodyError> {
        let value = BodyError::parse(text)?;
        serde_path_to_error::deserialize::<_, AgentKeyRegistration>(&value).map_err(|err| {
            let field = err.path().to_string();
            BodyError::data(&field, err.into_inner().to_string())
        })
    }
}

/// The 200 answer to a registration (camelCase, keys in the server's order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentKeyRegistered {
    /// The agent.
    pub agent_id: Uuid,
    /// The key algorithm as sent (absent: 0).
    pub key_algorithm: i32,
    /// The key id.
    pub key_id: u32,
    /// [`REGISTERED_MESSAGE`].
    pub message: String,
    /// Always `true`.
    pub success: bool,
    /// The tenant.
    pub tenant_id: Uuid,
}

impl AgentKeyRegistered {
    /// The answer to `registration`.
    pub fn to(registration: &AgentKeyRegistration) -> Self {
        AgentKeyRegistered {
            agent_id: registration.agent_id,
            key_algorithm: registration.key_algorithm.unwrap_or(0),
            key_id: registration.key_id,
            message: REGISTERED_MESSAGE.into(),
            success: true,
            tenant_id: registration.tenant_id,
        }
    }

    /// Parses the answer.
    ///
    /// # Errors
    /// [`BodyError`] for anything but this answer.
    pub fn from_json(text: &str) -> Result<Self, BodyError> {
        let value = BodyError::parse(text)?;
        serde_path_to_error::deserialize::<_, AgentKeyRegistered>(&value)
            .map_err(|err| BodyError::data(&err.path().to_string(), err.into_inner().to_string()))
    }

    /// The answer as JSON.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// Why the server refuses a registration (HTTP 400, plain text, except where noted).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyRegistrationError {
    /// A key algorithm other than Ed25519 (not implemented here).
    #[error("key_algorithm {0} is not supported by this sequencer (Ed25519 keys only)")]
    UnsupportedAlgorithm(i32),
    /// A hex field that does not decode.
    #[error("Invalid {field} hex: {reason}")]
    InvalidHex {
        /// The server's name of the field (`public_key`, `ed25519_pop`, …).
        field: &'static str,
        /// What the hex decoder said.
        reason: String,
    },
    /// `publicKey` is not 32 bytes.
    #[error("Public key must be 32 bytes")]
    PublicKeyLength,
    /// A fixed-length bundle field of another length.
    #[error("{field} must be {bytes} bytes")]
    BundleFieldLength {
        /// `ed25519_public_key` or `ed25519_pop`.
        field: &'static str,
        /// Its length.
        bytes: usize,
    },
    /// A proof of possession that does not verify. For an Ed25519 key the server never
    /// verifies one (it checks the proof it was handed, which is empty), so any proof is refused.
    #[error("Proof of possession verification failed: invalid signature format")]
    ProofOfPossession,
    /// `validFrom` or `validTo` not RFC 3339.
    #[error("Invalid {field} timestamp: {reason}")]
    InvalidTimestamp {
        /// `valid_from` or `valid_to`.
        field: &'static str,
        /// The date parser's words.
        reason: Rfc3339Error,
    },
}

impl KeyRegistrationError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            KeyRegistrationError::UnsupportedAlgorithm(_) => "UNSUPPORTED_KEY_ALGORITHM",
            KeyRegistrationError::InvalidHex { .. } => "INVALID_HEX",
            KeyRegistrationError::PublicKeyLength | KeyRegistrationError::BundleFieldLength { .. } => "WRONG_LENGTH",
            KeyRegistrationError::ProofOfPossession => "INVALID_PROOF_OF_POSSESSION",
            KeyRegistrationError::InvalidTimestamp { .. } => "INVALID_TIMESTAMP",
        }
    }

    /// The request field at fault (camelCase, as sent).
    pub fn field(&self) -> &'static str {
        match self {
            KeyRegistrationError::UnsupportedAlgorithm(_) => "keyAlgorithm",
            KeyRegistrationError::InvalidHex { field, .. } | KeyRegistrationError::BundleFieldLength { field, .. } => {
                match *field {
                    "public_key" => "publicKey",
                    "ed25519_public_key" => "publicKeyBundle.ed25519PublicKey",
                    "ml_dsa_65_public_key" => "publicKeyBundle.mlDsa65PublicKey",
                    "x25519_public_key" => "publicKeyBundle.x25519PublicKey",
                    "ml_kem_768_public_key" => "publicKeyBundle.mlKem768PublicKey",
                    "ed25519_pop" => "proofOfPossessionBundle.ed25519Pop",
                    _ => "proofOfPossessionBundle.mlDsa65Pop",
                }
            }
            KeyRegistrationError::PublicKeyLength => "publicKey",
            KeyRegistrationError::ProofOfPossession => "proofOfPossessionBundle",
            KeyRegistrationError::InvalidTimestamp { field, .. } => {
                if *field == "valid_from" {
                    "validFrom"
                } else {
                    "validTo"
                }
            }
        }
    }
}

fn decode_hex(field: &'static str, text: &str) -> Result<alloc::vec::Vec<u8>, KeyRegistrationError> {
    hex::decode(text.strip_prefix("0x").unwrap_or(text))
        .map_err(|err| KeyRegistrationError::InvalidHex { field, reason: format!("{err}") })
}

fn fixed(field: &'static str, text: &Option<String>, bytes: usize) -> Result<(), KeyRegistrationError> {
    match text {
        Some(text) if decode_hex(field, text)?.len() != bytes => {
            Err(KeyRegistrationError::BundleFieldLength { field, bytes })
        }
        _ => Ok(()),
    }
}

fn any_length(field: &'static str, text: &Option<String>) -> Result<(), KeyRegistrationError> {
    text.as_deref().map(|text| decode_hex(field, text)).transpose().map(|_| ())
}

fn timestamp(field: &'static str, text: &Option<String>) -> Result<Option<Timestamp>, KeyRegistrationError> {
    text.as_deref()
        .map(|text| parse_rfc3339(text).map_err(|reason| KeyRegistrationError::InvalidTimestamp { field, reason }))
        .transpose()
}

/// The server's checks of a registration, in its order; the key to store when they pass.
/// (The caller answers a second registration of the same (tenant, agent, key id) with HTTP 500,
/// as the server does.)
///
/// ```
/// use set_core::ves::agent_keys::{check_registration, AgentKeyRegistration, KeyRegistrationError};
/// use set_core::ves::validate::SecurityProfile;
/// let agent = uuid::Uuid::from_u128(2);
/// let mut registration = AgentKeyRegistration::ed25519(uuid::Uuid::from_u128(1), agent, 1, &[0xd7; 32]);
/// assert_eq!(check_registration(&registration, SecurityProfile::Legacy).unwrap().public_key, [0xd7; 32]);
/// registration.public_key = "d75a".into();
/// let err = check_registration(&registration, SecurityProfile::Legacy).unwrap_err();
/// assert_eq!(err, KeyRegistrationError::PublicKeyLength);
/// assert_eq!(err.to_string(), "Public key must be 32 bytes");
/// ```
///
/// # Errors
/// The first [`KeyRegistrationError`].
pub fn check_registration(
    registration: &AgentKeyRegistration,
    profile: SecurityProfile,
) -> Result<AgentKey, KeyRegistrationError> {
    // The legacy profile allows every algorithm; the ones this crate cannot verify are refused.
    let SecurityProfile::Legacy = profile;
    let algorithm = registration.key_algorithm.unwrap_or(0);
    if !matches!(algorithm, 0 | 1) {
        return Err(KeyRegistrationError::UnsupportedAlgorithm(algorithm));
    }
    let bytes = decode_hex("public_key", &registration.public_key)?;
    let public_key: [u8; 32] = bytes.try_into().map_err(|_| KeyRegistrationError::PublicKeyLength)?;
    if let Some(bundle) = &registration.public_key_bundle {
        fixed("ed25519_public_key", &bundle.ed25519_public_key, 32)?;
        any_length("ml_dsa_65_public_key", &bundle.ml_dsa_65_public_key)?;
        any_length("x25519_public_key", &bundle.x25519_public_key)?;
        any_length("ml_kem_768_public_key", &bundle.ml_kem_768_public_key)?;
    }
    if let Some(pop) = &registration.proof_of_possession_bundle {
        fixed("ed25519_pop", &pop.ed25519_pop, 64)?;
        any_length("ml_dsa_65_pop", &pop.ml_dsa_65_pop)?;
        return Err(KeyRegistrationError::ProofOfPossession);
    }
    Ok(AgentKey {
        public_key,
        valid_from: timestamp("valid_from", &registration.valid_from)?,
        valid_to: timestamp("valid_to", &registration.valid_to)?,
    })
}
