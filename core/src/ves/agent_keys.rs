//! Agent key registration, `POST /api/v1/agents/keys`: the request an agent's operator sends
//! before the agent's events can be sequenced, and the server's checks and answers
//! (stateset-sequencer 0.2.7), as pure functions.
//!
//! The sequencer verifies every event's signatures with the key registered for
//! (`tenant_id`, `source_agent_id`, `agent_key_id`); an event from an unregistered key is
//! rejected (`agent_key_invalid: Agent key not found`). Registration needs an admin credential
//! on the tenant (the bootstrap admin key qualifies). The server checks, in this order, each
//! failure an HTTP 400 with a plain-text message:
//!
//! 1. the key algorithm ([`KeyAlgorithm`], `keyAlgorithm` absent is 0) is allowed by the
//!    [`SecurityProfile`] (`key_algorithm Unspecified is not allowed under the hybrid profile`);
//! 2. `publicKey` is hex (optional `0x`) of 32 bytes (`Invalid public_key hex: …`,
//!    `Public key must be 32 bytes`), except for an ML-DSA-65 key (3), where it may be anything
//!    else, e.g. empty; it is not checked to be a curve point;
//! 3. the hex fields of `publicKeyBundle` (`ed25519PublicKey` 32 bytes) and
//!    `proofOfPossessionBundle` (`ed25519Pop` 64 bytes); the others may have any length;
//! 4. a proof of possession is given for an ML-DSA-65 (3) or hybrid (5) key;
//! 5. the proof of possession, when one is given, verifies: each key signs
//!    [`crate::pq::proof_of_possession_hash`] of its public key bytes (a hybrid key: of
//!    `ed25519 key ‖ ML-DSA-65 key`, both from `publicKeyBundle`, signed by both). For any other
//!    algorithm a proof is refused (the server checks one it was never handed);
//! 6. `validFrom` / `validTo` are RFC 3339 (`Invalid valid_from timestamp: …`).
//!
//! A second registration of the same (tenant, agent, key id) is an HTTP 500
//! (`Internal server error`): the server's insert fails on its primary key.
//!
//! Keys of the encryption algorithms (X25519, ML-KEM-768) register like the others, but an event
//! signed under one is rejected (`agent_key_invalid`), as on the server.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::agent::AgentError;
#[cfg(feature = "signing")]
use super::agent::AgentSecretKey;
use super::profile::{KeyAlgorithm, SecurityProfile};
use super::rfc3339::{parse_rfc3339, Rfc3339Error, Timestamp};
use super::validate::{ml_dsa_65_signature, AgentKey, BodyError, SignatureFailure};
use crate::pq;

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
    /// The Ed25519 public key, 32 bytes of hex (may be empty for an ML-DSA-65 key).
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

    /// A registration of a hybrid Ed25519 + ML-DSA-65 key (`keyAlgorithm` 5) from its two
    /// 32-byte seeds, with the proof of possession the server requires: both keys sign
    /// [`pq::proof_of_possession_hash`] of `ed25519 key ‖ ML-DSA-65 key` (features `signing` and
    /// `ml-dsa`). Deterministic: the same seeds give the same body, byte for byte.
    #[cfg(all(feature = "signing", feature = "ml-dsa"))]
    pub fn hybrid(
        tenant_id: Uuid,
        agent_id: Uuid,
        key_id: u32,
        ed25519_seed: &[u8; 32],
        ml_dsa_65_seed: &[u8; 32],
    ) -> Self {
        let ed25519 = super::signing::public_key(ed25519_seed);
        let ml_dsa_65 = pq::signing::public_key(ml_dsa_65_seed);
        let challenge = pq::proof_of_possession_hash(&[ed25519.as_slice(), &ml_dsa_65].concat());
        AgentKeyRegistration {
            key_algorithm: Some(KeyAlgorithm::Ed25519MlDsa65.number()),
            public_key_bundle: Some(PublicKeyBundle {
                ed25519_public_key: Some(hex::encode(ed25519)),
                ml_dsa_65_public_key: Some(hex::encode(&ml_dsa_65)),
                ..PublicKeyBundle::default()
            }),
            proof_of_possession_bundle: Some(ProofOfPossessionBundle {
                ed25519_pop: Some(hex::encode(super::signing::sign(ed25519_seed, &challenge))),
                ml_dsa_65_pop: Some(hex::encode(pq::signing::sign(ml_dsa_65_seed, &challenge))),
            }),
            ..AgentKeyRegistration::ed25519(tenant_id, agent_id, key_id, &ed25519)
        }
    }

    /// A registration of an ML-DSA-65 key (`keyAlgorithm` 3, the `pqc-strict` profile's) from its
    /// 32-byte seed, `publicKey` empty, with its proof of possession: the key signs
    /// [`pq::proof_of_possession_hash`] of itself (features `signing` and `ml-dsa`).
    #[cfg(all(feature = "signing", feature = "ml-dsa"))]
    pub fn ml_dsa_65(tenant_id: Uuid, agent_id: Uuid, key_id: u32, ml_dsa_65_seed: &[u8; 32]) -> Self {
        let ml_dsa_65 = pq::signing::public_key(ml_dsa_65_seed);
        let challenge = pq::proof_of_possession_hash(&ml_dsa_65);
        AgentKeyRegistration {
            public_key: String::new(),
            key_algorithm: Some(KeyAlgorithm::MlDsa65.number()),
            public_key_bundle: Some(PublicKeyBundle {
                ml_dsa_65_public_key: Some(hex::encode(&ml_dsa_65)),
                ..PublicKeyBundle::default()
            }),
            proof_of_possession_bundle: Some(ProofOfPossessionBundle {
                ed25519_pop: None,
                ml_dsa_65_pop: Some(hex::encode(pq::signing::sign(ml_dsa_65_seed, &challenge))),
            }),
            ..AgentKeyRegistration::ed25519(tenant_id, agent_id, key_id, &[0; 32])
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

/// The registration of the key of `key`'s seeds, proof of possession included where the server
/// needs one, valid from `valid_from` to `valid_to` (RFC 3339, sent verbatim; `None`: no bound):
/// what a store agent (or its operator) sends to [`AGENT_KEYS_PATH`] before its first event. An Ed25519 key gives [`AgentKeyRegistration::ed25519`], a hybrid one
/// [`AgentKeyRegistration::hybrid`], an ML-DSA-65 one [`AgentKeyRegistration::ml_dsa_65`], so the
/// body ([`AgentKeyRegistration::to_json`]) is the same bytes for the same seeds, here and in
/// every binding (feature `signing`).
///
/// ```
/// use set_core::ves::agent::AgentSecretKey;
/// use set_core::ves::agent_keys::{key_registration_request, read_key_registration_response, AgentKeyRegistered};
/// use set_core::ves::profile::KeyAlgorithm;
/// let (tenant, agent) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
/// let key = AgentSecretKey::Hybrid { ed25519_seed: [7; 32], ml_dsa_65_seed: [9; 32] };
/// let registration = key_registration_request(tenant, agent, 1, &key, None, None).unwrap();
/// assert_eq!(registration.key_algorithm, Some(KeyAlgorithm::Ed25519MlDsa65.number()));
/// let answer = AgentKeyRegistered::to(&registration).to_value().to_string();
/// assert_eq!(read_key_registration_response(&answer).unwrap().key_id, 1);
/// assert_eq!(read_key_registration_response("{}").unwrap_err().code(), "INVALID_JSON");
/// let late = key_registration_request(tenant, agent, 1, &key, Some("2026-01-01T00:00:00Z"), Some("2027"));
/// assert_eq!(late.unwrap_err().field(), "validTo");
/// ```
///
/// # Errors
/// [`AgentError::InvalidTimestamp`] naming `validFrom` or `validTo` when it is not RFC 3339 (the
/// server would refuse it); [`AgentError::MlDsaNotSupported`] (naming `ml_dsa_65_seed`) for a key
/// with an ML-DSA-65 half without the `ml-dsa` feature.
#[cfg(feature = "signing")]
pub fn key_registration_request(
    tenant_id: Uuid,
    agent_id: Uuid,
    key_id: u32,
    key: &AgentSecretKey,
    valid_from: Option<&str>,
    valid_to: Option<&str>,
) -> Result<AgentKeyRegistration, AgentError> {
    let bound = |field: &str, text: Option<&str>| -> Result<Option<String>, AgentError> {
        text.map(|text| match parse_rfc3339(text) {
            Ok(_) => Ok(text.into()),
            Err(reason) => Err(AgentError::InvalidTimestamp { field: field.into(), reason }),
        })
        .transpose()
    };
    let (valid_from, valid_to) = (bound("validFrom", valid_from)?, bound("validTo", valid_to)?);
    let registration = match key {
        AgentSecretKey::Ed25519 { seed } => {
            AgentKeyRegistration::ed25519(tenant_id, agent_id, key_id, &super::signing::public_key(seed))
        }
        #[cfg(feature = "ml-dsa")]
        AgentSecretKey::Hybrid { ed25519_seed, ml_dsa_65_seed } => {
            AgentKeyRegistration::hybrid(tenant_id, agent_id, key_id, ed25519_seed, ml_dsa_65_seed)
        }
        #[cfg(feature = "ml-dsa")]
        AgentSecretKey::MlDsa65 { seed } => AgentKeyRegistration::ml_dsa_65(tenant_id, agent_id, key_id, seed),
        #[cfg(not(feature = "ml-dsa"))]
        AgentSecretKey::Hybrid { .. } | AgentSecretKey::MlDsa65 { .. } => {
            return Err(AgentError::MlDsaNotSupported { field: "ml_dsa_65_seed".into() })
        }
    };
    Ok(AgentKeyRegistration { valid_from, valid_to, ..registration })
}

/// Reads the server's 200 answer to a registration (`POST` [`AGENT_KEYS_PATH`]).
///
/// # Errors
/// [`AgentError::Sequencer`] (`INVALID_JSON`, field `$`) for a body that is not that answer.
pub fn read_key_registration_response(body: &str) -> Result<AgentKeyRegistered, AgentError> {
    Ok(crate::sequencer::parse_agent_key_registered(body)?)
}

/// Why the server refuses a registration (HTTP 400, plain text, except where noted).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyRegistrationError {
    /// The profile does not allow keys of this algorithm.
    #[error("key_algorithm {} is not allowed under the {} profile", .algorithm.name(), .profile.as_str())]
    AlgorithmNotAllowed {
        /// The registration's algorithm.
        algorithm: KeyAlgorithm,
        /// The server's profile.
        profile: SecurityProfile,
    },
    /// A hex field that does not decode.
    #[error("Invalid {field} hex: {reason}")]
    InvalidHex {
        /// The server's name of the field (`public_key`, `ed25519_pop`, …).
        field: &'static str,
        /// What the hex decoder said.
        reason: String,
    },
    /// `publicKey` is not 32 bytes (and the key is not ML-DSA-65 only).
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
    /// An ML-DSA-65 or hybrid key without a proof of possession.
    #[error("Proof of possession is required for hybrid and pqc-strict key registrations")]
    ProofOfPossessionRequired,
    /// A proof of possession that does not verify (or a key part it needs is missing). For an
    /// Ed25519 key the server never verifies one (it checks the proof it was handed, which is
    /// empty), so any proof is refused (`invalid signature format`).
    #[error("Proof of possession verification failed: {}", .0.words())]
    ProofOfPossession(SignatureFailure),
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
            KeyRegistrationError::AlgorithmNotAllowed { .. } => "KEY_ALGORITHM_NOT_ALLOWED",
            KeyRegistrationError::InvalidHex { .. } => "INVALID_HEX",
            KeyRegistrationError::PublicKeyLength | KeyRegistrationError::BundleFieldLength { .. } => "WRONG_LENGTH",
            KeyRegistrationError::ProofOfPossessionRequired => "PROOF_OF_POSSESSION_REQUIRED",
            KeyRegistrationError::ProofOfPossession(_) => "INVALID_PROOF_OF_POSSESSION",
            KeyRegistrationError::InvalidTimestamp { .. } => "INVALID_TIMESTAMP",
        }
    }

    /// The request field at fault (camelCase, as sent).
    pub fn field(&self) -> &'static str {
        match self {
            KeyRegistrationError::AlgorithmNotAllowed { .. } => "keyAlgorithm",
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
            KeyRegistrationError::ProofOfPossessionRequired | KeyRegistrationError::ProofOfPossession(_) => {
                "proofOfPossessionBundle"
            }
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

fn decode_hex(field: &'static str, text: &str) -> Result<Vec<u8>, KeyRegistrationError> {
    hex::decode(text.strip_prefix("0x").unwrap_or(text))
        .map_err(|err| KeyRegistrationError::InvalidHex { field, reason: format!("{err}") })
}

fn fixed<const N: usize>(field: &'static str, text: &Option<String>) -> Result<Option<[u8; N]>, KeyRegistrationError> {
    text.as_deref()
        .map(|text| {
            <[u8; N]>::try_from(decode_hex(field, text)?)
                .map_err(|_| KeyRegistrationError::BundleFieldLength { field, bytes: N })
        })
        .transpose()
}

fn any_length(field: &'static str, text: &Option<String>) -> Result<Option<Vec<u8>>, KeyRegistrationError> {
    text.as_deref().map(|text| decode_hex(field, text)).transpose()
}

fn timestamp(field: &'static str, text: &Option<String>) -> Result<Option<Timestamp>, KeyRegistrationError> {
    text.as_deref()
        .map(|text| parse_rfc3339(text).map_err(|reason| KeyRegistrationError::InvalidTimestamp { field, reason }))
        .transpose()
}

/// A decoded `proofOfPossessionBundle`: the Ed25519 and the ML-DSA-65 proof, each if sent.
type Proof = (Option<[u8; 64]>, Option<Vec<u8>>);

/// The bundles of a registration, decoded.
struct Decoded {
    ed25519_public_key: Option<[u8; 32]>,
    ml_dsa_65_public_key: Option<Vec<u8>>,
    /// `Some` when a `proofOfPossessionBundle` was sent.
    proof: Option<Proof>,
}

/// The server's proof-of-possession check of a registration that sent one.
fn check_proof(algorithm: KeyAlgorithm, decoded: &Decoded) -> Result<(), SignatureFailure> {
    let Some((ed25519_pop, ml_dsa_65_pop)) = &decoded.proof else { return Ok(()) };
    match algorithm {
        // The server checks the proof it passes along for these keys: an empty one.
        KeyAlgorithm::Unspecified | KeyAlgorithm::Ed25519 => Err(SignatureFailure::InvalidSignatureFormat),
        KeyAlgorithm::Ed25519MlDsa65 => {
            let ed25519 = decoded.ed25519_public_key.ok_or(SignatureFailure::InvalidPublicKeyFormat)?;
            let ml_dsa_65 = decoded.ml_dsa_65_public_key.as_deref().ok_or(SignatureFailure::InvalidPublicKeyFormat)?;
            let challenge = pq::proof_of_possession_hash(&[ed25519.as_slice(), ml_dsa_65].concat());
            let ed25519_pop = ed25519_pop.ok_or(SignatureFailure::InvalidSignatureFormat)?;
            match super::verify_ed25519("ed25519_public_key", &ed25519, &challenge, &ed25519_pop) {
                Ok(true) => {}
                Ok(false) => return Err(SignatureFailure::VerificationFailed),
                Err(_) => return Err(SignatureFailure::InvalidPublicKeyFormat),
            }
            ml_dsa_65_signature(ml_dsa_65, &challenge, ml_dsa_65_pop.as_deref())
        }
        KeyAlgorithm::MlDsa65 => {
            let key = decoded.ml_dsa_65_public_key.as_deref().ok_or(SignatureFailure::InvalidPublicKeyFormat)?;
            ml_dsa_65_signature(key, &pq::proof_of_possession_hash(key), ml_dsa_65_pop.as_deref())
        }
        KeyAlgorithm::X25519 | KeyAlgorithm::MlKem768 | KeyAlgorithm::X25519MlKem768 => {
            Err(SignatureFailure::InvalidPublicKeyFormat)
        }
    }
}

/// The server's checks of a registration under `profile`, in its order; the key to store when
/// they pass. (The caller answers a second registration of the same (tenant, agent, key id) with
/// HTTP 500, as the server does.)
///
/// ```
/// use set_core::ves::agent_keys::{check_registration, AgentKeyRegistration, KeyRegistrationError};
/// use set_core::ves::profile::SecurityProfile;
/// let agent = uuid::Uuid::from_u128(2);
/// let mut registration = AgentKeyRegistration::ed25519(uuid::Uuid::from_u128(1), agent, 1, &[0xd7; 32]);
/// assert_eq!(check_registration(&registration, SecurityProfile::Legacy).unwrap().public_key, [0xd7; 32]);
/// let refused = check_registration(&registration, SecurityProfile::Hybrid).unwrap_err();
/// assert_eq!(refused.to_string(), "key_algorithm Unspecified is not allowed under the hybrid profile");
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
    let algorithm = KeyAlgorithm::from_field(registration.key_algorithm);
    if !profile.allows_key_algorithm(algorithm) {
        return Err(KeyRegistrationError::AlgorithmNotAllowed { algorithm, profile });
    }
    let bytes = decode_hex("public_key", &registration.public_key)?;
    let public_key: [u8; 32] = match <[u8; 32]>::try_from(bytes) {
        Ok(key) => key,
        // An ML-DSA-65 key needs no Ed25519 one: `publicKey` may be empty (or anything).
        Err(_) if algorithm.has_ml_dsa() && !algorithm.has_ed25519() => [0; 32],
        Err(_) => return Err(KeyRegistrationError::PublicKeyLength),
    };
    let bundle = registration.public_key_bundle.as_ref();
    let decoded_keys = match bundle {
        Some(bundle) => {
            let ed25519 = fixed::<32>("ed25519_public_key", &bundle.ed25519_public_key)?;
            let ml_dsa_65 = any_length("ml_dsa_65_public_key", &bundle.ml_dsa_65_public_key)?;
            any_length("x25519_public_key", &bundle.x25519_public_key)?;
            any_length("ml_kem_768_public_key", &bundle.ml_kem_768_public_key)?;
            (ed25519, ml_dsa_65)
        }
        None => (None, None),
    };
    let proof = match &registration.proof_of_possession_bundle {
        Some(pop) => {
            Some((fixed::<64>("ed25519_pop", &pop.ed25519_pop)?, any_length("ml_dsa_65_pop", &pop.ml_dsa_65_pop)?))
        }
        None => None,
    };
    let decoded = Decoded { ed25519_public_key: decoded_keys.0, ml_dsa_65_public_key: decoded_keys.1, proof };
    if algorithm.needs_proof_of_possession() && decoded.proof.is_none() {
        return Err(KeyRegistrationError::ProofOfPossessionRequired);
    }
    check_proof(algorithm, &decoded).map_err(KeyRegistrationError::ProofOfPossession)?;
    Ok(AgentKey {
        algorithm,
        public_key,
        bundle_ed25519_public_key: decoded.ed25519_public_key,
        ml_dsa_65_public_key: decoded.ml_dsa_65_public_key,
        valid_from: timestamp("valid_from", &registration.valid_from)?,
        valid_to: timestamp("valid_to", &registration.valid_to)?,
    })
}
