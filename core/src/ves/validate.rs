//! What stateset-sequencer (0.2.7) checks before it sequences VES events, as pure functions: a
//! server (the dev sequencer) does the I/O — it looks the agent key up and reads the clock — and
//! these decide, with the server's answers.
//!
//! Two levels, each stopping at the first failure, in the server's order:
//!
//! 1. The ingest request as a whole ([`check_ingest_request`]): events not empty, one stream,
//!    every `source_agent_id` equal to the request's `agentId`, at most
//!    [`MAX_EVENTS_PER_BATCH`] events, then per event the string lengths, the payload that its
//!    `payload_kind` needs, and the payload size. A failure refuses the whole request
//!    ([`IngestRequestError`]: HTTP 400 or 413 with the server's JSON error body).
//! 2. Each event that is not a replay ([`check_event`]): `ves_version`, the string lengths, the
//!    payload-kind rules, `created_at` as RFC 3339, the payload hash, the agent key (registered,
//!    valid now, usable for its algorithm), the signature scheme allowed by the
//!    [`SecurityProfile`], then the signatures the scheme names, with the registered key, over the
//!    event signing hash. A failure rejects that event only ([`Rejection`]: an entry of the 200
//!    answer's `rejections`, with the server's `reason` and `message`).
//!
//! Replays come before level 2, as in the server: an event whose `event_id` is already
//! sequenced is answered with its stored receipt when it is the same submission
//! ([`ReceivedEvent::is_replay_of`]), and otherwise rejected as [`Duplicate`].
//!
//! ## Signatures by scheme
//!
//! The event's `agent_signature_scheme` must match the registered key's algorithm
//! ([`KeyAlgorithm`]); any other pairing fails as `VerificationFailed`, so an event cannot be
//! downgraded to a weaker scheme than its key:
//!
//! | Scheme | Key | Verified |
//! |---|---|---|
//! | 0, 1 (or absent, unknown) | Ed25519 (0, 1) | `agent_signature` (Ed25519) |
//! | 3 | Ed25519 + ML-DSA-65 (5) | the bundle's `ed25519_signature` with the bundle's Ed25519 key, then its `ml_dsa_65_signature`; `agent_signature` is not checked |
//! | 2 | ML-DSA-65 (3) | the bundle's `ml_dsa_65_signature`; `agent_signature` is not checked (64 zero bytes by convention) |
//!
//! A missing bundle or bundle half is `InvalidSignatureFormat`. Only `agent_signature` enters the
//! Merkle leaf: under schemes 2 and 3 the inclusion proof binds the 64 bytes the agent put there,
//! not the signatures the sequencer checked.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use alloy_primitives::B256;
use serde_json::Value;
use uuid::Uuid;

use super::profile::{KeyAlgorithm, SecurityProfile, SignatureScheme};
use super::rfc3339::{parse_rfc3339, Timestamp};
use super::{event_from_value, parse_json_value, VesError, VesEvent, VES_VERSION};
use crate::ids::IdError;
use crate::json;

mod signatures;

pub(super) use signatures::ml_dsa_65_signature;
pub use signatures::SignatureFailure;
use signatures::{verify_agent_signatures, Verifier};

/// Longest `entity_type`, in UTF-8 bytes.
pub const MAX_ENTITY_TYPE_LEN: usize = 128;
/// Longest `entity_id`, in UTF-8 bytes.
pub const MAX_ENTITY_ID_LEN: usize = 512;
/// Longest `event_type`, in UTF-8 bytes.
pub const MAX_EVENT_TYPE_LEN: usize = 256;
/// Most events in one ingest request (the server's default `MAX_EVENTS_PER_BATCH`).
pub const MAX_EVENTS_PER_BATCH: usize = 1000;
/// Largest payload, as compact JSON bytes (the server's default `MAX_EVENT_PAYLOAD_SIZE`).
pub const MAX_EVENT_PAYLOAD_SIZE: usize = 1024 * 1024;

/// An event as the server receives it: the signed [`VesEvent`] (with its signature scheme and
/// bundle) plus the unsigned fields that count for replays. Whether two submissions of one
/// `event_id` are the same (a replay, answered with the stored receipt) is
/// [`ReceivedEvent::is_replay_of`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedEvent {
    /// The signed fields, the payload and the agent's Ed25519 signature.
    pub event: VesEvent,
    /// The encrypted payload of a `payload_kind` 1 event, as sent.
    pub payload_encrypted: Option<Value>,
    /// `command_id`, the agent's intent-level idempotency key.
    pub command_id: Option<Uuid>,
    /// `base_version`, the entity version the agent expects (optimistic concurrency).
    pub base_version: Option<u64>,
}

impl ReceivedEvent {
    /// The event as one JSON object, in the wire form (what a store keeps to recognise replays).
    pub fn to_value(&self) -> Value {
        let mut value = serde_json::to_value(&self.event).unwrap_or_default();
        if let Value::Object(map) = &mut value {
            let mut put = |key: &str, item: Option<Value>| {
                if let Some(item) = item {
                    map.insert(key.into(), item);
                }
            };
            put("payload_encrypted", self.payload_encrypted.clone());
            put("command_id", self.command_id.map(|id| Value::String(id.to_string())));
            put("base_version", self.base_version.map(Value::from));
        }
        value
    }

    /// Whether this submission is an exact replay of `stored`, as the server compares them: every
    /// field but `agent_signature_scheme` and `agent_signature_bundle`, which the server leaves
    /// out. (Under `pqc-strict`, where `agent_signature` is zero, a resubmission with another
    /// ML-DSA-65 signature is therefore a replay.)
    pub fn is_replay_of(&self, stored: &ReceivedEvent) -> bool {
        let compared = |received: &ReceivedEvent| {
            let mut copy = received.clone();
            copy.event.agent_signature_scheme = None;
            copy.event.agent_signature_bundle = None;
            copy
        };
        compared(self) == compared(stored)
    }

    /// Reads an event written by [`ReceivedEvent::to_value`] (or sent by an agent).
    ///
    /// # Errors
    /// [`BodyError::Data`] naming the first field of the wrong shape.
    pub fn from_value(value: &Value) -> Result<Self, BodyError> {
        received_event("", value)
    }
}

/// The body of `POST /api/v1/ves/events/ingest` as the server receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedIngest {
    /// `agentId`.
    pub agent_id: Uuid,
    /// `events`, in order.
    pub events: Vec<ReceivedEvent>,
}

/// A request body the server's JSON extractor refuses before any handler runs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// Not JSON: HTTP 400, `Failed to parse the request body as JSON: …`.
    #[error("Failed to parse the request body as JSON: {0}")]
    Syntax(String),
    /// JSON of the wrong shape (a missing field, a bad UUID or hex value, a `payload_kind` other
    /// than 0 or 1): HTTP 422, `Failed to deserialize the JSON body into the target type: …`.
    #[error("Failed to deserialize the JSON body into the target type: {field}: {reason}")]
    Data {
        /// The path of the field (`events[0].tenant_id`, `.` for the whole body).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl BodyError {
    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            BodyError::Syntax(_) => 400,
            BodyError::Data { .. } => 422,
        }
    }

    /// Stable machine-readable code: `INVALID_JSON` or `INVALID_BODY`.
    pub fn code(&self) -> &'static str {
        match self {
            BodyError::Syntax(_) => "INVALID_JSON",
            BodyError::Data { .. } => "INVALID_BODY",
        }
    }

    /// Parses `text` as JSON, a syntax error being [`BodyError::Syntax`].
    pub(crate) fn parse(text: &str) -> Result<Value, BodyError> {
        parse_json_value("", text).map_err(|err| BodyError::Syntax(message_of(err)))
    }

    pub(crate) fn data(field: &str, reason: impl Into<String>) -> BodyError {
        BodyError::Data { field: field.into(), reason: reason.into() }
    }
}

fn message_of(err: VesError) -> String {
    match err {
        VesError::InvalidJson { reason, .. } => reason,
        other => other.to_string(),
    }
}

fn data_error(err: VesError) -> BodyError {
    let field = match &err {
        VesError::InvalidJson { field, reason } => return BodyError::data(field, reason.clone()),
        VesError::Encoding(inner) => inner.field().to_string(),
        VesError::Id(IdError::InvalidUuid { field, .. } | IdError::NotPaddedUuid { field }) => field.clone(),
        VesError::Id(IdError::Encoding(inner)) => inner.field().to_string(),
        VesError::InvalidPublicKey { field } | VesError::FieldTooLong { field, .. } => field.clone(),
        VesError::Canonicalization { .. } => ".".into(),
    };
    // The messages name their field first; the body error names it separately.
    let text = err.to_string();
    let reason = text.strip_prefix(field.as_str()).and_then(|rest| rest.strip_prefix(": ")).unwrap_or(&text);
    BodyError::data(&field, reason)
}

fn uuid_text(path: &str, text: &str) -> Result<Uuid, BodyError> {
    crate::ids::parse_uuid(path, text).map_err(|err| data_error(err.into()))
}

fn optional_u64(path: &str, value: Option<&Value>) -> Result<Option<u64>, BodyError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| BodyError::data(path, format!("expected a u64, found {}", json::kind(v)))),
    }
}

fn optional_uuid(path: &str, value: Option<&Value>) -> Result<Option<Uuid>, BodyError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => uuid_text(path, text).map(Some),
        Some(v) => Err(BodyError::data(path, format!("expected a UUID string, found {}", json::kind(v)))),
    }
}

fn received_event(path: &str, value: &Value) -> Result<ReceivedEvent, BodyError> {
    let event = event_from_value(path, value).map_err(data_error)?;
    // The server's `payload_kind` is an enum of 0 and 1: anything else fails to deserialize.
    if event.payload_kind > 1 {
        return Err(BodyError::data(
            &json::key_path(path, "payload_kind"),
            format!("invalid value: {}, expected one of: 0, 1", event.payload_kind),
        ));
    }
    let field = |name: &str| value.get(name);
    let not_null = |name: &str| field(name).filter(|v| !v.is_null()).cloned();
    Ok(ReceivedEvent {
        command_id: optional_uuid(&json::key_path(path, "command_id"), field("command_id"))?,
        base_version: optional_u64(&json::key_path(path, "base_version"), field("base_version"))?,
        payload_encrypted: not_null("payload_encrypted"),
        event,
    })
}

/// Parses the body of an ingest request (`{"agentId": …, "events": [signed events]}`) as the
/// server does: unknown fields ignored, hex with or without `0x`, UUIDs in any form the server
/// takes.
///
/// # Errors
/// [`BodyError::Syntax`] (HTTP 400) for text that is not JSON, [`BodyError::Data`] (HTTP 422)
/// naming the first field of the wrong shape.
pub fn parse_ingest_request(text: &str) -> Result<ReceivedIngest, BodyError> {
    let value = BodyError::parse(text)?;
    let Value::Object(map) = &value else {
        return Err(BodyError::data(".", format!("expected an object, found {}", json::kind(&value))));
    };
    let agent_id = match map.get("agentId") {
        Some(Value::String(text)) => uuid_text("agentId", text)?,
        Some(other) => {
            return Err(BodyError::data("agentId", format!("expected a UUID string, found {}", json::kind(other))))
        }
        None => return Err(BodyError::data(".", "missing field `agentId`")),
    };
    let events = match map.get("events") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| received_event(&json::index_path("events", index), item))
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => {
            return Err(BodyError::data("events", format!("expected an array, found {}", json::kind(other))))
        }
        None => return Err(BodyError::data(".", "missing field `events`")),
    };
    Ok(ReceivedIngest { agent_id, events })
}

/// Why the server refuses a whole ingest request (nothing is sequenced).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestRequestError {
    /// No events.
    #[error("events must not be empty")]
    Empty,
    /// Events of more than one (tenant, store) stream.
    #[error("All events in a batch must share the same tenantId and storeId")]
    MixedStreams,
    /// An event whose `source_agent_id` is not the request's `agentId`.
    #[error("event source_agent_id must match request agent_id")]
    AgentMismatch,
    /// More than [`MAX_EVENTS_PER_BATCH`] events.
    #[error("Batch exceeds max_events_per_batch ({count} > {MAX_EVENTS_PER_BATCH})")]
    TooManyEvents {
        /// How many there were.
        count: usize,
    },
    /// `entity_type`, `entity_id` or `event_type` empty or too long.
    #[error("Event {event_id} {field} must be between 1 and {max} characters")]
    FieldLength {
        /// The event.
        event_id: Uuid,
        /// `entity_type`, `entity_id` or `event_type`.
        field: &'static str,
        /// Its longest allowed length in bytes.
        max: usize,
    },
    /// A plaintext event without `payload`, or an encrypted one without `payload_encrypted`.
    #[error("Event {event_id} missing {field} for {kind} payload_kind")]
    MissingPayload {
        /// The event.
        event_id: Uuid,
        /// `payload` or `payload_encrypted`.
        field: &'static str,
        /// `plaintext` or `encrypted`.
        kind: &'static str,
    },
    /// A payload over [`MAX_EVENT_PAYLOAD_SIZE`] bytes of compact JSON.
    #[error("Event {event_id} payload exceeds max_event_payload_size ({size} > {MAX_EVENT_PAYLOAD_SIZE})")]
    PayloadTooLarge {
        /// The event.
        event_id: Uuid,
        /// Its size.
        size: usize,
    },
}

impl IngestRequestError {
    /// The HTTP status: 413 for the size limits, 400 otherwise.
    pub fn status(&self) -> u16 {
        match self {
            IngestRequestError::TooManyEvents { .. } | IngestRequestError::PayloadTooLarge { .. } => 413,
            _ => 400,
        }
    }

    /// The `error.code` of the server's JSON body (also its `x-error-code` header).
    pub fn code(&self) -> &'static str {
        if self.status() == 413 {
            "PAYLOAD_TOO_LARGE"
        } else {
            "INVALID_FIELD_VALUE"
        }
    }

    /// The `error.numeric_code` of the server's JSON body.
    pub fn numeric_code(&self) -> u32 {
        if self.status() == 413 {
            3004
        } else {
            3003
        }
    }

    /// The field at fault, as a path into the request (`events[2].entity_id`), when there is one.
    pub fn field(&self, request: &ReceivedIngest) -> Option<String> {
        let index_of = |id: &Uuid| request.events.iter().position(|e| e.event.event_id == *id);
        let at = |id: &Uuid, field: &str| index_of(id).map(|i| json::key_path(&json::index_path("events", i), field));
        match self {
            IngestRequestError::Empty | IngestRequestError::TooManyEvents { .. } => Some("events".into()),
            IngestRequestError::MixedStreams => None,
            IngestRequestError::AgentMismatch => Some("agentId".into()),
            IngestRequestError::FieldLength { event_id, field, .. }
            | IngestRequestError::MissingPayload { event_id, field, .. } => at(event_id, field),
            IngestRequestError::PayloadTooLarge { event_id, .. } => at(event_id, "payload"),
        }
    }
}

fn length_problem(entity_type: &str, entity_id: &str, event_type: &str) -> Option<(&'static str, usize)> {
    [
        ("entity_type", entity_type.len(), MAX_ENTITY_TYPE_LEN),
        ("entity_id", entity_id.len(), MAX_ENTITY_ID_LEN),
        ("event_type", event_type.len(), MAX_EVENT_TYPE_LEN),
    ]
    .into_iter()
    .find(|(_, len, max)| *len == 0 || len > max)
    .map(|(field, _, max)| (field, max))
}

/// The request-level checks, in the server's order; `Ok` when the events may go on to be
/// sequenced one by one.
///
/// # Errors
/// The first [`IngestRequestError`].
pub fn check_ingest_request(request: &ReceivedIngest) -> Result<(), IngestRequestError> {
    let Some(first) = request.events.first() else { return Err(IngestRequestError::Empty) };
    let stream = (first.event.tenant_id, first.event.store_id);
    if request.events.iter().any(|e| (e.event.tenant_id, e.event.store_id) != stream) {
        return Err(IngestRequestError::MixedStreams);
    }
    if request.events.iter().any(|e| e.event.source_agent_id != request.agent_id) {
        return Err(IngestRequestError::AgentMismatch);
    }
    if request.events.len() > MAX_EVENTS_PER_BATCH {
        return Err(IngestRequestError::TooManyEvents { count: request.events.len() });
    }
    for received in &request.events {
        let event_id = received.event.event_id;
        let event = &received.event;
        if let Some((field, max)) = length_problem(&event.entity_type, &event.entity_id, &event.event_type) {
            return Err(IngestRequestError::FieldLength { event_id, field, max });
        }
        let (payload, field, kind) = if received.event.payload_kind == 0 {
            (received.event.payload.as_ref(), "payload", "plaintext")
        } else {
            (received.payload_encrypted.as_ref(), "payload_encrypted", "encrypted")
        };
        let Some(payload) = payload else { return Err(IngestRequestError::MissingPayload { event_id, field, kind }) };
        if let Some(size) = oversized_payload(payload) {
            return Err(IngestRequestError::PayloadTooLarge { event_id, size });
        }
    }
    Ok(())
}

/// The size of `payload` as compact JSON when it is over [`MAX_EVENT_PAYLOAD_SIZE`].
pub(super) fn oversized_payload(payload: &Value) -> Option<usize> {
    let size = serde_json::to_vec(payload).map(|bytes| bytes.len()).unwrap_or(usize::MAX);
    (size > MAX_EVENT_PAYLOAD_SIZE).then_some(size)
}

/// [`oversized_payload`] for a payload whose JCS text is `jcs_len` bytes long, written only when
/// that length leaves the answer open. The compact text differs from the JCS text only in its
/// numbers, each at most 3 bytes longer (`-0.0` for `0`, `1.0` for `1`) and each at least 1 byte
/// of JCS, so it is at most 4 × `jcs_len` bytes: within a quarter of the limit it fits.
pub(super) fn oversized_payload_of_jcs_len(payload: &Value, jcs_len: usize) -> Option<usize> {
    if jcs_len <= MAX_EVENT_PAYLOAD_SIZE / COMPACT_PER_JCS_BYTE {
        return None;
    }
    oversized_payload(payload)
}

/// The most bytes of compact JSON (serde_json's) per byte of JCS text of the same value.
pub(super) const COMPACT_PER_JCS_BYTE: usize = 4;

/// The event rules that need neither the agent key nor a signature, in the server's order:
/// `ves_version`, the string lengths, the payload-kind rules, `created_at` as RFC 3339, the
/// payload hash (what an agent checks before it signs, [`super::agent`]).
///
/// # Errors
/// The first [`Rejection`], as [`check_event`] would answer it.
pub fn check_event_fields(received: &ReceivedEvent) -> Result<(), Rejection> {
    check_envelope(received)
}

/// A key registered for (tenant, agent, key id), as the server's key registry keeps it
/// ([`super::agent_keys::check_registration`] makes one). Which fields an event's signatures are
/// checked with depends on `algorithm` (see [the table above](self#signatures-by-scheme)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentKey {
    /// The registration's `keyAlgorithm`.
    pub algorithm: KeyAlgorithm,
    /// The 32 bytes of `publicKey`: the Ed25519 key of a legacy or Ed25519 key (not checked to be
    /// a curve point until an event uses it, as in the server); zero for an ML-DSA-65 key
    /// registered without one.
    pub public_key: [u8; 32],
    /// `publicKeyBundle.ed25519PublicKey`: the Ed25519 half of a hybrid key.
    pub bundle_ed25519_public_key: Option<[u8; 32]>,
    /// `publicKeyBundle.mlDsa65PublicKey`: the ML-DSA-65 key of an ML-DSA-65 or hybrid key.
    pub ml_dsa_65_public_key: Option<Vec<u8>>,
    /// Not valid before this instant.
    pub valid_from: Option<Timestamp>,
    /// Not valid after this instant.
    pub valid_to: Option<Timestamp>,
}

impl AgentKey {
    /// A legacy Ed25519 key (`keyAlgorithm` absent) with no validity window.
    pub fn ed25519(public_key: [u8; 32]) -> Self {
        AgentKey {
            algorithm: KeyAlgorithm::Unspecified,
            public_key,
            bundle_ed25519_public_key: None,
            ml_dsa_65_public_key: None,
            valid_from: None,
            valid_to: None,
        }
    }
}

/// Why an event's agent key cannot be used (reason `agent_key_invalid: <message>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyProblem {
    /// Nothing registered for (tenant, `source_agent_id`, `agent_key_id`).
    NotFound,
    /// `now` is after the key's `validTo`.
    Expired,
    /// `now` is before the key's `validFrom`.
    NotYetValid,
    /// The registered key cannot verify events: its Ed25519 bytes are not a curve point, a part
    /// its algorithm needs is missing, or the algorithm does not sign (X25519, ML-KEM-768).
    InvalidPublicKey,
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyProblem::NotFound => "Agent key not found",
            KeyProblem::Expired => "Agent key has expired",
            KeyProblem::NotYetValid => "Agent key is not yet valid",
            KeyProblem::InvalidPublicKey => "signature verification failed: invalid public key format",
        })
    }
}

/// Why an `event_id` that is already known is not a replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicate {
    /// The same `event_id` earlier in the same request.
    InBatch,
    /// Sequenced in another stream.
    OtherStream,
    /// Sequenced in this stream with different contents.
    DifferentContents,
}

/// Why the server rejects one event of an ingest request. `reason` and `message` are the
/// strings of the server's `rejections[]` entries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// `ves_version` is not 1.
    #[error("Expected VES version {VES_VERSION}, got {got}")]
    UnsupportedVersion {
        /// The version sent.
        got: u32,
    },
    /// A field breaks the envelope's rules (lengths, payload-kind rules, `created_at`).
    #[error("{message}")]
    Schema {
        /// The field, as the server names it in the reason.
        field: &'static str,
        /// The server's message.
        message: &'static str,
    },
    /// `payload_plain_hash` is not the hash of the payload.
    #[error("Payload hash verification failed")]
    InvalidPayloadHash,
    /// The agent key is missing or not valid now.
    #[error("{0}")]
    AgentKey(KeyProblem),
    /// The profile does not allow the event's signature scheme.
    #[error("Agent signature scheme {} is not allowed under the {} profile", .scheme.name(), .profile.as_str())]
    SchemeNotAllowed {
        /// The event's scheme.
        scheme: SignatureScheme,
        /// The server's profile.
        profile: SecurityProfile,
    },
    /// The agent signature does not verify.
    #[error("Agent signature verification failed: {0}")]
    InvalidSignature(SignatureFailure),
    /// The `event_id` is already taken by another submission.
    #[error("{}", duplicate_message(*.0, *.1))]
    DuplicateEventId(Duplicate, Uuid),
}

fn duplicate_message(kind: Duplicate, event_id: Uuid) -> String {
    match kind {
        Duplicate::InBatch => format!("Event {event_id} duplicated in batch"),
        Duplicate::OtherStream => "Event ID already exists".into(),
        Duplicate::DifferentContents => "Event ID already exists with different contents".into(),
    }
}

impl Rejection {
    /// The `reason` of the server's rejection entry (`invalid_signature`,
    /// `schema_validation: created_at`, `agent_key_invalid: Agent key not found`, …).
    pub fn reason(&self) -> String {
        match self {
            Rejection::UnsupportedVersion { .. } => "unsupported_version".into(),
            Rejection::Schema { field, .. } => format!("schema_validation: {field}"),
            Rejection::InvalidPayloadHash => "invalid_payload_hash".into(),
            Rejection::AgentKey(problem) => format!("agent_key_invalid: {problem}"),
            Rejection::SchemeNotAllowed { .. } | Rejection::InvalidSignature(_) => "invalid_signature".into(),
            Rejection::DuplicateEventId(..) => "duplicate_event_id".into(),
        }
    }

    /// The `message` of the server's rejection entry.
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::UnsupportedVersion { .. } => "UNSUPPORTED_VERSION",
            Rejection::Schema { .. } => "SCHEMA_VALIDATION",
            Rejection::InvalidPayloadHash => "INVALID_PAYLOAD_HASH",
            Rejection::AgentKey(_) => "AGENT_KEY_INVALID",
            Rejection::SchemeNotAllowed { .. } | Rejection::InvalidSignature(_) => "INVALID_SIGNATURE",
            Rejection::DuplicateEventId(..) => "DUPLICATE_EVENT_ID",
        }
    }

    /// The event field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            Rejection::UnsupportedVersion { .. } => "ves_version",
            Rejection::Schema { field, .. } => field,
            Rejection::InvalidPayloadHash => "payload_plain_hash",
            Rejection::AgentKey(_) => "agent_key_id",
            Rejection::SchemeNotAllowed { .. } => "agent_signature_scheme",
            Rejection::InvalidSignature(_) => "agent_signature",
            Rejection::DuplicateEventId(..) => "event_id",
        }
    }
}

fn schema(field: &'static str, message: &'static str) -> Rejection {
    Rejection::Schema { field, message }
}

/// The fields the envelope rules read, borrowed: from a received event, or from an agent's
/// unsigned event without copying it into one.
pub(super) struct Envelope<'a> {
    pub(super) ves_version: u32,
    pub(super) entity_type: &'a str,
    pub(super) entity_id: &'a str,
    pub(super) event_type: &'a str,
    pub(super) created_at: &'a str,
    pub(super) payload_kind: u32,
    pub(super) payload: Option<&'a Value>,
    pub(super) payload_encrypted: Option<&'a Value>,
    pub(super) payload_plain_hash: &'a B256,
    pub(super) payload_cipher_hash: &'a B256,
}

impl<'a> Envelope<'a> {
    fn of(received: &'a ReceivedEvent) -> Self {
        let event = &received.event;
        Envelope {
            ves_version: event.ves_version,
            entity_type: &event.entity_type,
            entity_id: &event.entity_id,
            event_type: &event.event_type,
            created_at: &event.created_at,
            payload_kind: event.payload_kind,
            payload: event.payload.as_ref(),
            payload_encrypted: received.payload_encrypted.as_ref(),
            payload_plain_hash: &event.payload_plain_hash,
            payload_cipher_hash: &event.payload_cipher_hash,
        }
    }
}

/// The envelope rules, in the server's order (everything before the agent key).
fn check_envelope(received: &ReceivedEvent) -> Result<(), Rejection> {
    check_envelope_of(&Envelope::of(received), |payload| super::payload_plain_hash(payload).ok())
}

/// The envelope rules over `event`; `payload_hash` answers the payload's hash (`None`: it has
/// none, a number that is not a finite double), asked only when every other rule has passed.
pub(super) fn check_envelope_of(
    event: &Envelope<'_>,
    payload_hash: impl FnOnce(&Value) -> Option<B256>,
) -> Result<(), Rejection> {
    if event.ves_version != VES_VERSION {
        return Err(Rejection::UnsupportedVersion { got: event.ves_version });
    }
    if let Some((field, _)) = length_problem(event.entity_type, event.entity_id, event.event_type) {
        return Err(schema(
            field,
            match field {
                "entity_type" => "entity_type must be 1-128 characters",
                "entity_id" => "entity_id must be 1-512 characters",
                _ => "event_type must be 1-256 characters",
            },
        ));
    }
    let payload = if event.payload_kind == 0 {
        let Some(payload) = event.payload else {
            return Err(schema("payload", "payload is required for plaintext events"));
        };
        if event.payload_encrypted.is_some() {
            return Err(schema("payload_encrypted", "payload_encrypted must be omitted for plaintext events"));
        }
        if *event.payload_cipher_hash != B256::ZERO {
            return Err(schema("payload_cipher_hash", "payload_cipher_hash must be zero for plaintext events"));
        }
        payload
    } else {
        if event.payload.is_some() {
            return Err(schema("payload", "payload must be omitted for encrypted events"));
        }
        if event.payload_encrypted.is_none() {
            return Err(schema("payload_encrypted", "payload_encrypted is required for encrypted events"));
        }
        return Err(schema("payload_encrypted", ENCRYPTED_UNSUPPORTED));
    };
    if parse_rfc3339(event.created_at).is_err() {
        return Err(schema("created_at", "created_at must be RFC3339"));
    }
    match payload_hash(payload) {
        Some(hash) if hash == *event.payload_plain_hash => Ok(()),
        _ => Err(Rejection::InvalidPayloadHash),
    }
}

/// The message for encrypted events, which the real server checks (structure and cipher hash)
/// and accepts; the checks of `payload_encrypted` are not implemented here, so such events are
/// refused rather than accepted unchecked.
pub const ENCRYPTED_UNSUPPORTED: &str = "encrypted payloads (payload_kind 1) are not supported by this sequencer";

/// The agent key rules: registered, valid at `now`, usable for its algorithm.
fn usable_key(key: Option<&AgentKey>, now: Timestamp) -> Result<Verifier<'_>, Rejection> {
    let key = key.ok_or(Rejection::AgentKey(KeyProblem::NotFound))?;
    if key.valid_from.is_some_and(|from| now < from) {
        return Err(Rejection::AgentKey(KeyProblem::NotYetValid));
    }
    if key.valid_to.is_some_and(|to| now > to) {
        return Err(Rejection::AgentKey(KeyProblem::Expired));
    }
    Verifier::of(key).ok_or(Rejection::AgentKey(KeyProblem::InvalidPublicKey))
}

/// The event-level checks, in the server's order. `key` is what the caller's key registry holds
/// for (`tenant_id`, `source_agent_id`, `agent_key_id`); `now` is the sequencing time, against
/// which the key's validity is judged (not `created_at`); `profile` the server's
/// [`SecurityProfile`], whose allowed schemes are checked after the key is found and before any
/// signature ([`Rejection::SchemeNotAllowed`]).
///
/// Encrypted events (`payload_kind` 1) are rejected with [`ENCRYPTED_UNSUPPORTED`] after the
/// server's presence rules: their checks are not implemented here.
///
/// # Errors
/// The first [`Rejection`].
pub fn check_event(
    received: &ReceivedEvent,
    key: Option<&AgentKey>,
    now: Timestamp,
    profile: SecurityProfile,
) -> Result<(), Rejection> {
    check_envelope(received)?;
    let key = usable_key(key, now)?;
    let scheme = SignatureScheme::from_field(received.event.agent_signature_scheme);
    if !profile.allows_scheme(scheme) {
        return Err(Rejection::SchemeNotAllowed { scheme, profile });
    }
    verify_agent_signatures(&received.event, scheme, &key).map_err(Rejection::InvalidSignature)
}

/// Sorts each event of a request into a replay, a duplicate or a new event, as the server does
/// before validating: `stored` answers what is already sequenced under an `event_id` (its stream
/// and the submission), `None` when nothing is.
pub fn classify_submission(received: &ReceivedEvent, stored: Option<(&Uuid, &Uuid, &ReceivedEvent)>) -> Submission {
    match stored {
        None => Submission::New,
        Some((tenant, store, _)) if (*tenant, *store) != (received.event.tenant_id, received.event.store_id) => {
            Submission::Duplicate(Rejection::DuplicateEventId(Duplicate::OtherStream, received.event.event_id))
        }
        Some((_, _, existing)) if received.is_replay_of(existing) => Submission::Replay,
        Some(_) => {
            Submission::Duplicate(Rejection::DuplicateEventId(Duplicate::DifferentContents, received.event.event_id))
        }
    }
}

/// What [`classify_submission`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    /// Not sequenced yet: validate it ([`check_event`]), then sequence it.
    New,
    /// The same submission again: answer with its stored receipt.
    Replay,
    /// The `event_id` is taken by something else.
    Duplicate(Rejection),
}

/// The rejection of an event whose `event_id` appeared earlier in the same request.
pub fn duplicate_in_batch(event_id: Uuid) -> Rejection {
    Rejection::DuplicateEventId(Duplicate::InBatch, event_id)
}

#[cfg(all(test, feature = "ml-dsa"))]
mod pq_tests;
#[cfg(test)]
mod tests;
