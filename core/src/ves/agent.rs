//! The store agent's side of the sequencer: build an event, check it against the sequencer's own
//! rules, sign it (or have it signed elsewhere), send it, and check the receipts that come back.
//!
//! 1. [`UnsignedEvent`]: the signed fields with the defaults the sequencer expects
//!    (`ves_version` 1, `payload_kind` 0, a zero `payload_cipher_hash`), `payload_plain_hash`
//!    computed from the payload, and the sequencer's event rules applied
//!    ([`super::validate::check_event_fields`] — the dev sequencer's own rules, not a copy).
//! 2. [`UnsignedEvent::signing_hash`]: the 32 bytes to sign, no placeholder signature needed.
//! 3. [`UnsignedEvent::sign`] with an [`AgentSecretKey`] (feature `signing`: Ed25519, hybrid
//!    Ed25519 + ML-DSA-65, or ML-DSA-65; deterministic, no randomness; seeds zeroized on drop),
//!    or [`UnsignedEvent::attach_signatures`] for a signature made elsewhere (WebCrypto, a
//!    platform keystore, an HSM), verified with the agent's [`AgentPublicKey`] before it is
//!    accepted. Both lay the signatures out as the sequencer's profiles expect:
//!
//!    | Key | `agent_signature` | `agent_signature_scheme` | `agent_signature_bundle` |
//!    |---|---|---|---|
//!    | Ed25519 (profile `legacy`) | the Ed25519 signature | absent | absent |
//!    | hybrid (`hybrid`) | the Ed25519 signature | 3 | both signatures |
//!    | ML-DSA-65 (`hybrid`, `pqc-strict`) | 64 zero bytes | 2 | the ML-DSA-65 signature |
//!
//! 4. [`ingest_request`]: the body of `POST /api/v1/ves/events/ingest`, refused locally when the
//!    sequencer would refuse the whole request; [`read_ingest_response`]: its answer as receipts
//!    (each verified on arrival with the pinned sequencer keys) and rejections (the server's
//!    reasons).
//!
//! A bundle is then [`crate::receipt::ReceiptBundle::from_sequencer`]; the commitment holding an
//! event is [`crate::sequencer::commitment_holding`] or
//! [`crate::registry::commitment_holding_in_logs`].

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use alloy_primitives::B256;
use serde_json::Value;
use uuid::Uuid;

use super::validate::{self, Envelope, IngestRequestError, ReceivedEvent, ReceivedIngest, Rejection};
use super::{
    event_from_value, payload_digest, payload_plain_hash, signed_fields, SignatureBundle, VesError, VesEvent,
    VES_VERSION,
};
use crate::json;
use crate::pq::{self, MlDsaOutcome, ML_DSA_65_SIGNATURE_LENGTH};
use crate::receipt::{CheckStatus, ReceiptError, Trust};
use crate::sequencer::{IngestReceipt, IngestRejection, IngestRequest, SequencerApiError};

/// Why an event cannot be built, signed or sent, or an ingest answer cannot be accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AgentError {
    /// The event breaks one of the sequencer's event rules: it would be rejected with this
    /// reason. `field` is the path of the field (`entity_id`, `events[2].created_at`).
    #[error("{field}: {rejection}")]
    Rule {
        /// The field at fault.
        field: String,
        /// The sequencer's rejection (its `reason()` and `message()`).
        rejection: Rejection,
    },
    /// The sequencer would refuse the whole ingest request (HTTP 400 or 413).
    #[error("{field}: {error}")]
    Request {
        /// The field at fault (`events`, `agentId`, `events[1].payload`), `$` for the request.
        field: String,
        /// The server's refusal.
        error: IngestRequestError,
    },
    /// A signature the key needs was not given.
    #[error("{field}: required by the agent's {key} key")]
    MissingSignature {
        /// `ed25519_signature` or `ml_dsa_65_signature`.
        field: String,
        /// The key's kind: `Ed25519`, `Ed25519MlDsa65` or `MlDsa65`.
        key: &'static str,
    },
    /// A signature given to [`UnsignedEvent::attach_signatures`] does not verify with the
    /// agent's public key over the event's signing hash (another key signed, or another event).
    #[error("{field}: does not verify with the agent's public key over the event signing hash")]
    SignatureMismatch {
        /// `ed25519_signature` or `ml_dsa_65_signature`.
        field: String,
    },
    /// ML-DSA-65 is needed but this build has none (set-core without `ml-dsa`).
    #[error("{field}: ML-DSA-65 is not in this build")]
    MlDsaNotSupported {
        /// The field that needs it.
        field: String,
    },
    /// A receipt of the ingest answer does not verify with the pinned sequencer keys, or does not
    /// recompute from the event sent.
    #[error("{field}: {reason}")]
    ReceiptNotVerified {
        /// `receipts[i]`.
        field: String,
        /// Which check failed, and why.
        reason: String,
    },
    /// The ingest answer names an event that was not sent.
    #[error("{field}: {event_id} is not an event of the request")]
    UnexpectedReceipt {
        /// `receipts[i].eventId` or `rejections[i].event_id`.
        field: String,
        /// The event it names.
        event_id: Uuid,
    },
    /// Bad JSON, hex, UUID or length in an event.
    #[error(transparent)]
    Ves(#[from] VesError),
    /// A key registration's `validFrom` or `validTo` that is not RFC 3339 (the server answers
    /// HTTP 400, `Invalid valid_from timestamp: …`).
    #[error("{field}: not an RFC 3339 timestamp: {reason}")]
    InvalidTimestamp {
        /// `validFrom` or `validTo`.
        field: String,
        /// The date parser's words.
        reason: super::rfc3339::Rfc3339Error,
    },
    /// An ingest answer that does not parse.
    #[error(transparent)]
    Sequencer(#[from] SequencerApiError),
    /// A receipt that cannot be read or checked.
    #[error(transparent)]
    Receipt(#[from] ReceiptError),
}

impl AgentError {
    /// Stable machine-readable code, the same string in every language binding: the
    /// sequencer's rejection code for [`AgentError::Rule`] (`UNSUPPORTED_VERSION`,
    /// `SCHEMA_VALIDATION`, `INVALID_PAYLOAD_HASH`), its error code for
    /// [`AgentError::Request`] (`INVALID_FIELD_VALUE`, `PAYLOAD_TOO_LARGE`), then
    /// `MISSING_SIGNATURE`, `SIGNATURE_MISMATCH`, `ML_DSA_NOT_SUPPORTED`,
    /// `RECEIPT_NOT_VERIFIED`, `UNEXPECTED_RECEIPT`, `INVALID_TIMESTAMP`, or the inner error's code.
    pub fn code(&self) -> &'static str {
        match self {
            AgentError::Rule { rejection, .. } => rejection.code(),
            AgentError::Request { error, .. } => error.code(),
            AgentError::MissingSignature { .. } => "MISSING_SIGNATURE",
            AgentError::SignatureMismatch { .. } => "SIGNATURE_MISMATCH",
            AgentError::MlDsaNotSupported { .. } => "ML_DSA_NOT_SUPPORTED",
            AgentError::ReceiptNotVerified { .. } => "RECEIPT_NOT_VERIFIED",
            AgentError::UnexpectedReceipt { .. } => "UNEXPECTED_RECEIPT",
            AgentError::InvalidTimestamp { .. } => "INVALID_TIMESTAMP",
            AgentError::Ves(inner) => inner.code(),
            AgentError::Sequencer(inner) => inner.code(),
            AgentError::Receipt(inner) => inner.code(),
        }
    }

    /// The path of the input at fault (`entity_type`, `events[0].created_at`,
    /// `ml_dsa_65_signature`, `receipts[1]`); `$` for an ingest answer that is not JSON.
    pub fn field(&self) -> &str {
        match self {
            AgentError::Rule { field, .. }
            | AgentError::Request { field, .. }
            | AgentError::MissingSignature { field, .. }
            | AgentError::SignatureMismatch { field }
            | AgentError::MlDsaNotSupported { field }
            | AgentError::ReceiptNotVerified { field, .. }
            | AgentError::UnexpectedReceipt { field, .. }
            | AgentError::InvalidTimestamp { field, .. } => field,
            AgentError::Ves(inner) => inner.field(),
            AgentError::Sequencer(SequencerApiError::Encoding(inner)) => inner.field(),
            AgentError::Sequencer(_) => "$",
            AgentError::Receipt(inner) => inner.field(),
        }
    }
}

/// What an agent fills in for a plaintext event; [`UnsignedEvent::new`] adds the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFields {
    /// Tenant.
    pub tenant_id: Uuid,
    /// Store.
    pub store_id: Uuid,
    /// The event's own id, the idempotency key (a fresh UUID from the caller: core draws none).
    pub event_id: Uuid,
    /// The agent (the ingest request's `agentId`).
    pub source_agent_id: Uuid,
    /// Which of the agent's registered keys signs.
    pub agent_key_id: u32,
    /// e.g. `Order` (1–128 bytes).
    pub entity_type: String,
    /// e.g. `ORD-1` (1–512 bytes).
    pub entity_id: String,
    /// e.g. `order.created` (1–256 bytes).
    pub event_type: String,
    /// RFC 3339 time, hashed verbatim (from the caller's clock: core reads none).
    pub created_at: String,
    /// The plaintext payload (at most 1 MiB of compact JSON).
    pub payload: Value,
}

/// A VES event before it is signed: every field the signing hash covers, plus the payload.
/// Built by [`UnsignedEvent::new`] or [`UnsignedEvent::from_json`], both of which apply the
/// sequencer's rules; after editing a field, [`UnsignedEvent::validate`] applies them again
/// ([`UnsignedEvent::sign`] and [`UnsignedEvent::attach_signatures`] always do).
#[derive(Debug, Clone, PartialEq)]
pub struct UnsignedEvent {
    /// Must be 1.
    pub ves_version: u32,
    /// Tenant.
    pub tenant_id: Uuid,
    /// Store.
    pub store_id: Uuid,
    /// The event's id.
    pub event_id: Uuid,
    /// The agent.
    pub source_agent_id: Uuid,
    /// The agent's key id.
    pub agent_key_id: u32,
    /// e.g. `Order`.
    pub entity_type: String,
    /// e.g. `ORD-1`.
    pub entity_id: String,
    /// e.g. `order.created`.
    pub event_type: String,
    /// RFC 3339.
    pub created_at: String,
    /// 0 plaintext (the only kind the dev sequencer takes).
    pub payload_kind: u32,
    /// The plaintext payload.
    pub payload: Option<Value>,
    /// `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))`.
    pub payload_plain_hash: B256,
    /// Zero for plaintext events.
    pub payload_cipher_hash: B256,
}

impl UnsignedEvent {
    /// A plaintext event: `ves_version` 1, `payload_kind` 0, a zero cipher hash and the payload's
    /// hash, checked against the sequencer's rules.
    ///
    /// # Errors
    /// [`AgentError::Rule`] naming the first field the sequencer would reject (its lengths,
    /// `created_at` as RFC 3339, …); [`AgentError::Request`] (`PAYLOAD_TOO_LARGE`) for a payload
    /// over 1 MiB.
    pub fn new(fields: EventFields) -> Result<Self, AgentError> {
        let (payload_plain_hash, jcs_len) = payload_digest(&fields.payload)?;
        let event = UnsignedEvent {
            ves_version: VES_VERSION,
            tenant_id: fields.tenant_id,
            store_id: fields.store_id,
            event_id: fields.event_id,
            source_agent_id: fields.source_agent_id,
            agent_key_id: fields.agent_key_id,
            entity_type: fields.entity_type,
            entity_id: fields.entity_id,
            event_type: fields.event_type,
            created_at: fields.created_at,
            payload_kind: 0,
            payload: Some(fields.payload),
            payload_plain_hash,
            payload_cipher_hash: B256::ZERO,
        };
        // The payload was hashed just above, from the payload the event now holds.
        event.check(Some((payload_plain_hash, jcs_len)))?;
        Ok(event)
    }

    /// Reads an event's fields from JSON text (the snake_case keys of a signed event, UUIDs as
    /// text), with the defaults of [`UnsignedEvent::new`] for `ves_version`, `payload_kind` and
    /// `payload_cipher_hash`, and `payload_plain_hash` computed when absent. Signature fields, if
    /// present, are ignored. Checked as [`UnsignedEvent::new`].
    ///
    /// # Errors
    /// [`AgentError::Ves`] for text that is not JSON or a field of the wrong type or form (named:
    /// `tenant_id`, `payload_plain_hash`); [`AgentError::Rule`] as [`UnsignedEvent::new`],
    /// including a `payload_kind` other than 0 or 1.
    pub fn from_json(text: &str) -> Result<Self, AgentError> {
        let mut value = super::parse_json_value("", text)?;
        let Value::Object(map) = &mut value else {
            return Err(VesError::InvalidJson { field: "$".into(), reason: "expected an object".into() }.into());
        };
        map.entry("ves_version").or_insert(Value::from(VES_VERSION));
        map.entry("payload_kind").or_insert(Value::from(0));
        map.entry("payload_cipher_hash").or_insert(Value::String(crate::encoding::encode_hex(&[0; 32])));
        if !map.contains_key("payload_plain_hash") {
            // A missing payload is the payload rule's to name; hash nothing in the meantime.
            let hash = match map.get("payload") {
                Some(payload) => payload_plain_hash(payload)?,
                None => B256::ZERO,
            };
            map.insert("payload_plain_hash".into(), Value::String(hash.to_string()));
        }
        map.insert("agent_signature".into(), Value::String(crate::encoding::encode_hex(&[0; 64])));
        map.remove("agent_signature_scheme");
        map.remove("agent_signature_bundle");
        let event = Self::from_event(&event_from_value("", &value)?);
        if event.payload_kind > 1 {
            // The server's `payload_kind` is an enum of 0 and 1.
            let rejection = Rejection::Schema { field: "payload_kind", message: "payload_kind must be 0 or 1" };
            return Err(AgentError::Rule { field: "payload_kind".into(), rejection });
        }
        event.validate()?;
        Ok(event)
    }

    /// The signed fields of `event`, its signatures left out.
    pub fn from_event(event: &VesEvent) -> Self {
        UnsignedEvent {
            ves_version: event.ves_version,
            tenant_id: event.tenant_id,
            store_id: event.store_id,
            event_id: event.event_id,
            source_agent_id: event.source_agent_id,
            agent_key_id: event.agent_key_id,
            entity_type: event.entity_type.clone(),
            entity_id: event.entity_id.clone(),
            event_type: event.event_type.clone(),
            created_at: event.created_at.clone(),
            payload_kind: event.payload_kind,
            payload: event.payload.clone(),
            payload_plain_hash: event.payload_plain_hash,
            payload_cipher_hash: event.payload_cipher_hash,
        }
    }

    /// The sequencer's event rules that need no key (see [`super::validate::check_event_fields`]),
    /// then the payload size limit of the ingest request.
    ///
    /// # Errors
    /// [`AgentError::Rule`] or [`AgentError::Request`] naming the field.
    pub fn validate(&self) -> Result<(), AgentError> {
        self.check(None)
    }

    /// The rules of [`UnsignedEvent::validate`], read in place (the event is not copied).
    /// `digest` is the payload's hash and JCS length when the caller has just computed them from
    /// `self.payload`; otherwise the payload is canonicalised here, once, for both the payload
    /// hash rule and the size rule.
    fn check(&self, digest: Option<(B256, usize)>) -> Result<(), AgentError> {
        let envelope = Envelope {
            ves_version: self.ves_version,
            entity_type: &self.entity_type,
            entity_id: &self.entity_id,
            event_type: &self.event_type,
            created_at: &self.created_at,
            payload_kind: self.payload_kind,
            payload: self.payload.as_ref(),
            payload_encrypted: None,
            payload_plain_hash: &self.payload_plain_hash,
            payload_cipher_hash: &self.payload_cipher_hash,
        };
        let mut jcs_len = digest.map(|(_, len)| len);
        validate::check_envelope_of(&envelope, |payload| {
            let (hash, len) = match digest {
                Some(digest) => digest,
                None => payload_digest(payload).ok()?,
            };
            jcs_len = Some(len);
            Some(hash)
        })
        .map_err(|rejection| AgentError::Rule { field: rejection.field().into(), rejection })?;
        let oversized = self.payload.as_ref().and_then(|payload| match jcs_len {
            Some(len) => validate::oversized_payload_of_jcs_len(payload, len),
            None => validate::oversized_payload(payload),
        });
        if let Some(size) = oversized {
            let error = IngestRequestError::PayloadTooLarge { event_id: self.event_id, size };
            return Err(AgentError::Request { field: "payload".into(), error });
        }
        Ok(())
    }

    /// The event signing hash (docs/protocol.md#event-signing-hash): what the agent signs.
    ///
    /// # Errors
    /// [`VesError::FieldTooLong`] for a string over 2^32 − 1 bytes.
    pub fn signing_hash(&self) -> Result<B256, VesError> {
        signed_fields!(self).signing_hash()
    }

    /// The event as JSON: the snake_case keys of a signed event (UUIDs as text, hashes as `0x`
    /// hex) without its signature fields; what [`UnsignedEvent::from_json`] reads back to the
    /// same event, and what a signer elsewhere is handed.
    pub fn to_json_value(&self) -> Value {
        // The signed event's own serialisation, so both forms agree field for field.
        let mut value = serde_json::to_value(self.to_event([0; 64], None, None)).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut value {
            map.remove("agent_signature");
            map.remove("agent_signature_scheme");
            map.remove("agent_signature_bundle");
        }
        value
    }

    fn to_event(&self, agent_signature: [u8; 64], scheme: Option<u32>, bundle: Option<SignatureBundle>) -> VesEvent {
        VesEvent {
            ves_version: self.ves_version,
            tenant_id: self.tenant_id,
            store_id: self.store_id,
            event_id: self.event_id,
            source_agent_id: self.source_agent_id,
            agent_key_id: self.agent_key_id,
            entity_type: self.entity_type.clone(),
            entity_id: self.entity_id.clone(),
            event_type: self.event_type.clone(),
            created_at: self.created_at.clone(),
            payload_kind: self.payload_kind,
            payload: self.payload.clone(),
            payload_plain_hash: self.payload_plain_hash,
            payload_cipher_hash: self.payload_cipher_hash,
            agent_signature,
            agent_signature_scheme: scheme,
            agent_signature_bundle: bundle,
        }
    }

    /// The signed event, the signatures laid out as the sequencer expects for `kind` (the table
    /// in the module documentation).
    fn signed(&self, kind: KeyKind, ed25519: Option<[u8; 64]>, ml_dsa_65: Option<Vec<u8>>) -> VesEvent {
        let mut event = self.to_event([0; 64], None, None);
        place_signatures(&mut event, kind, ed25519, ml_dsa_65);
        event
    }

    /// The signed event, with signatures made elsewhere over [`UnsignedEvent::signing_hash`]:
    /// each one the key needs (`ed25519_signature` for an Ed25519 or hybrid key,
    /// `ml_dsa_65_signature` for a hybrid or ML-DSA-65 key) is checked with `public_key` before
    /// it is accepted; one the key does not need is ignored.
    ///
    /// # Errors
    /// [`AgentError::Rule`] / [`AgentError::Request`] as [`UnsignedEvent::validate`];
    /// [`AgentError::MissingSignature`]; [`AgentError::Ves`] (`WRONG_LENGTH`, naming the
    /// signature) for a signature of the wrong length, or (`INVALID_PUBLIC_KEY`) an Ed25519 key
    /// that is not a curve point; [`AgentError::SignatureMismatch`] for a signature that does not
    /// verify; [`AgentError::MlDsaNotSupported`] without ML-DSA-65 in the build.
    pub fn attach_signatures(
        &self,
        public_key: &AgentPublicKey,
        ed25519_signature: Option<&[u8]>,
        ml_dsa_65_signature: Option<&[u8]>,
    ) -> Result<VesEvent, AgentError> {
        self.validate()?;
        let hash = self.signing_hash()?;
        let kind = public_key.kind();
        let ed25519 = match public_key.ed25519() {
            Some(key) => {
                let field = "ed25519_signature";
                let bytes =
                    ed25519_signature.ok_or(AgentError::MissingSignature { field: field.into(), key: kind.name() })?;
                let signature = crate::encoding::fixed_from_slice::<64>(field, bytes).map_err(VesError::from)?;
                if !super::verify_ed25519("agent_public_key.ed25519", key, &hash, &signature)? {
                    return Err(AgentError::SignatureMismatch { field: field.into() });
                }
                Some(signature)
            }
            None => None,
        };
        let ml_dsa_65 = match public_key.ml_dsa_65() {
            Some(key) => {
                let field = "ml_dsa_65_signature";
                let signature = ml_dsa_65_signature
                    .ok_or(AgentError::MissingSignature { field: field.into(), key: kind.name() })?;
                if signature.len() != ML_DSA_65_SIGNATURE_LENGTH {
                    let err = crate::encoding::EncodingError::wrong_length(
                        field,
                        ML_DSA_65_SIGNATURE_LENGTH,
                        signature.len(),
                    );
                    return Err(VesError::from(err).into());
                }
                match pq::verify_ml_dsa_65(key, &hash, signature) {
                    MlDsaOutcome::Valid => Some(signature.to_vec()),
                    MlDsaOutcome::Invalid => return Err(AgentError::SignatureMismatch { field: field.into() }),
                    MlDsaOutcome::Unsupported => return Err(AgentError::MlDsaNotSupported { field: field.into() }),
                }
            }
            None => None,
        };
        Ok(self.signed(kind, ed25519, ml_dsa_65))
    }
}

/// The event rules of [`UnsignedEvent::validate`] for `event`, fields named under `prefix`.
fn check_event(prefix: &str, event: &VesEvent) -> Result<(), AgentError> {
    let received =
        ReceivedEvent { event: event.clone(), payload_encrypted: None, command_id: None, base_version: None };
    validate::check_event_fields(&received)
        .map_err(|rejection| AgentError::Rule { field: json::key_path(prefix, rejection.field()), rejection })?;
    if let Some(size) = event.payload.as_ref().and_then(validate::oversized_payload) {
        let error = IngestRequestError::PayloadTooLarge { event_id: event.event_id, size };
        return Err(AgentError::Request { field: json::key_path(prefix, "payload"), error });
    }
    Ok(())
}

/// Which signatures a key makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Ed25519,
    Hybrid,
    MlDsa65,
}

impl KeyKind {
    fn name(self) -> &'static str {
        match self {
            KeyKind::Ed25519 => "Ed25519",
            KeyKind::Hybrid => "Ed25519MlDsa65",
            KeyKind::MlDsa65 => "MlDsa65",
        }
    }
}

/// An agent's public key, as registered with the sequencer: what an external signature is
/// checked with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentPublicKey {
    /// An Ed25519 key (registered as `keyAlgorithm` 1, or legacy without one).
    Ed25519([u8; 32]),
    /// An Ed25519 + ML-DSA-65 key (`keyAlgorithm` 5).
    Hybrid {
        /// The Ed25519 half.
        ed25519: [u8; 32],
        /// The ML-DSA-65 half (1952 bytes).
        ml_dsa_65: Vec<u8>,
    },
    /// An ML-DSA-65 key (`keyAlgorithm` 3), 1952 bytes.
    MlDsa65(Vec<u8>),
}

impl AgentPublicKey {
    /// Reads a key from hex (with or without `0x`): `ed25519` and/or `ml_dsa_65` given decide
    /// the kind (both: hybrid).
    ///
    /// # Errors
    /// [`VesError::Encoding`] naming `ed25519` or `ml_dsa_65` for bad hex or length;
    /// [`VesError::InvalidPublicKey`] for an Ed25519 key that is not a curve point;
    /// [`VesError::InvalidJson`] (field `$`) when neither is given.
    pub fn from_hex(ed25519: Option<&str>, ml_dsa_65: Option<&str>) -> Result<Self, VesError> {
        let ed25519 = ed25519.map(|text| super::parse_public_key("ed25519", text)).transpose()?;
        let ml_dsa_65 = ml_dsa_65.map(|text| pq::parse_ml_dsa_65_public_key("ml_dsa_65", text)).transpose()?;
        match (ed25519, ml_dsa_65) {
            (Some(ed25519), Some(ml_dsa_65)) => Ok(AgentPublicKey::Hybrid { ed25519, ml_dsa_65 }),
            (Some(ed25519), None) => Ok(AgentPublicKey::Ed25519(ed25519)),
            (None, Some(ml_dsa_65)) => Ok(AgentPublicKey::MlDsa65(ml_dsa_65)),
            (None, None) => Err(VesError::InvalidJson { field: "$".into(), reason: "no public key given".into() }),
        }
    }

    fn kind(&self) -> KeyKind {
        match self {
            AgentPublicKey::Ed25519(_) => KeyKind::Ed25519,
            AgentPublicKey::Hybrid { .. } => KeyKind::Hybrid,
            AgentPublicKey::MlDsa65(_) => KeyKind::MlDsa65,
        }
    }

    /// The Ed25519 key, if the kind has one.
    pub fn ed25519(&self) -> Option<&[u8; 32]> {
        match self {
            AgentPublicKey::Ed25519(key) | AgentPublicKey::Hybrid { ed25519: key, .. } => Some(key),
            AgentPublicKey::MlDsa65(_) => None,
        }
    }

    /// The ML-DSA-65 key, if the kind has one.
    pub fn ml_dsa_65(&self) -> Option<&[u8]> {
        match self {
            AgentPublicKey::Hybrid { ml_dsa_65: key, .. } | AgentPublicKey::MlDsa65(key) => Some(key),
            AgentPublicKey::Ed25519(_) => None,
        }
    }

    /// The `agent_signature_scheme` its events carry: `None` (Ed25519, as the legacy profile
    /// sends them), 3 (hybrid) or 2 (ML-DSA-65).
    pub fn signature_scheme(&self) -> Option<u32> {
        match self.kind() {
            KeyKind::Ed25519 => None,
            KeyKind::Hybrid => Some(3),
            KeyKind::MlDsa65 => Some(2),
        }
    }
}

#[cfg(feature = "signing")]
pub use secret::{AgentSecretKey, AgentSigner};

/// Writes the signatures into `event` as the sequencer expects them for `kind` (the table in the
/// module documentation): `agent_signature` is the Ed25519 one (zeros without one), a hybrid or
/// ML-DSA-65 key adds its scheme and `agent_signature_bundle`.
fn place_signatures(event: &mut VesEvent, kind: KeyKind, ed25519: Option<[u8; 64]>, ml_dsa_65: Option<Vec<u8>>) {
    event.agent_signature = ed25519.unwrap_or([0; 64]);
    (event.agent_signature_scheme, event.agent_signature_bundle) = match kind {
        KeyKind::Ed25519 => (None, None),
        KeyKind::Hybrid => {
            (Some(3), Some(SignatureBundle { ed25519_signature: ed25519, ml_dsa_65_signature: ml_dsa_65 }))
        }
        KeyKind::MlDsa65 => {
            (Some(2), Some(SignatureBundle { ed25519_signature: None, ml_dsa_65_signature: ml_dsa_65 }))
        }
    };
}

/// Secret keys and signing (feature `signing`).
#[cfg(feature = "signing")]
mod secret;

/// The body of `POST /api/v1/ves/events/ingest` for `events` of `agent_id`, refused here when the
/// sequencer would refuse it whole (the request rules of
/// [`super::validate::check_ingest_request`]) or reject one of the events for its fields.
/// [`IngestRequest::to_json`] is the text to send.
///
/// # Errors
/// [`AgentError::Request`] naming `events`, `agentId` or `events[i].<field>` (`$` for events of
/// two streams); [`AgentError::Rule`] naming `events[i].<field>`.
pub fn ingest_request(agent_id: Uuid, events: &[VesEvent]) -> Result<IngestRequest, AgentError> {
    let received = ReceivedIngest {
        agent_id,
        events: events
            .iter()
            .map(|event| ReceivedEvent {
                event: event.clone(),
                payload_encrypted: None,
                command_id: None,
                base_version: None,
            })
            .collect(),
    };
    validate::check_ingest_request(&received)
        .map_err(|error| AgentError::Request { field: error.field(&received).unwrap_or_else(|| "$".into()), error })?;
    for (index, event) in events.iter().enumerate() {
        check_event(&json::index_path("events", index), event)?;
    }
    Ok(IngestRequest { agent_id, events: events.to_vec() })
}

/// One event the sequencer accepted (or had already accepted: a replay), with its receipt,
/// verified on arrival.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptedEvent {
    /// The event as sent.
    pub event: VesEvent,
    /// Its receipt.
    pub receipt: IngestReceipt,
}

/// The sequencer's answer to an ingest request, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestOutcome {
    /// The ingest batch id (not a commitment id).
    pub batch_id: Uuid,
    /// The stream's head sequence number after the request.
    pub head_sequence: u64,
    /// Every receipt, in the answer's order, each with its event.
    pub accepted: Vec<AcceptedEvent>,
    /// The events the sequencer rejected, with its `reason` (`invalid_signature`,
    /// `schema_validation: created_at`, …) and `message`.
    pub rejections: Vec<IngestRejection>,
}

/// Reads the 200 answer of `POST /api/v1/ves/events/ingest` to a request of `sent` events:
/// every receipt must be for an event sent, recompute from it, and verify with the sequencer
/// keys pinned in `trust` (under its signature policy) — a receipt that does not is refused, not
/// kept; every rejection must name an event sent.
///
/// # Errors
/// [`AgentError::Sequencer`] for an answer that does not parse;
/// [`AgentError::UnexpectedReceipt`] for a receipt or rejection of an event not sent;
/// [`AgentError::ReceiptNotVerified`] naming `receipts[i]`; [`AgentError::Receipt`] for a
/// signature of the wrong length or a pinned key that is not a curve point.
pub fn read_ingest_response(body: &str, sent: &[VesEvent], trust: &Trust) -> Result<IngestOutcome, AgentError> {
    let response = crate::sequencer::parse_ingest_response(body)?;
    let find = |event_id: &Uuid| sent.iter().find(|event| event.event_id == *event_id);
    let mut accepted = Vec::with_capacity(response.receipts.len());
    for (index, receipt) in response.receipts.into_iter().enumerate() {
        let field = json::index_path("receipts", index);
        let event = find(&receipt.event_id).ok_or_else(|| AgentError::UnexpectedReceipt {
            field: json::key_path(&field, "eventId"),
            event_id: receipt.event_id,
        })?;
        match crate::receipt::verify_ingest_receipt(event, &receipt, trust)? {
            CheckStatus::Pass => accepted.push(AcceptedEvent { event: event.clone(), receipt }),
            CheckStatus::Fail(reason) | CheckStatus::Skipped(reason) => {
                return Err(AgentError::ReceiptNotVerified { field, reason })
            }
        }
    }
    for (index, rejection) in response.rejections.iter().enumerate() {
        if find(&rejection.event_id).is_none() {
            let field = json::key_path(&json::index_path("rejections", index), "event_id");
            return Err(AgentError::UnexpectedReceipt { field, event_id: rejection.event_id });
        }
    }
    Ok(IngestOutcome {
        batch_id: response.batch_id,
        head_sequence: response.head_sequence,
        accepted,
        rejections: response.rejections,
    })
}

#[cfg(test)]
mod tests;
