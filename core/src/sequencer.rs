//! Wire types for the stateset-sequencer HTTP API, and pure decisions about its answers.
//!
//! Covers what the anchor daemon and the receipt tools read from the sequencer (reference:
//! stateset-sequencer protocol §3.3–§3.7):
//!
//! | Endpoint | Type | Parser |
//! |---|---|---|
//! | `GET /v1/commitments/pending?limit=N` | [`PendingCommitmentsResponse`] | [`parse_pending`] |
//! | `POST /v1/commitments/{batch_id}/anchored` | [`AnchorNotification`] → [`AnchoredResponse`] | [`parse_anchored_response`], [`classify_anchored_response`] |
//! | `POST /api/v1/ves/commitments`, `GET /api/v1/ves/commitments/{id}` | [`VesCommitment`] | [`parse_ves_commitment`] |
//! | `GET /api/v1/ves/commitments` | [`VesCommitmentList`] | [`parse_ves_commitment_list`] |
//! | `GET /api/v1/ves/proofs/{seq}` | [`VesInclusionProof`] | [`parse_inclusion_proof`] |
//! | `POST /api/v1/ves/events/ingest` (response only) | [`IngestResponse`] | [`parse_ingest_response`] |
//! | any error status | [`SequencerErrorBody`] | [`parse_error_body`] |
//!
//! Hex is accepted with or without `0x`, in any case, because the server is not uniform about it
//! (protocol §1.1.1). Everything this module *writes* follows the crate rule: `0x`-prefixed
//! lowercase hex. The one exception is [`IngestReceipt::sequencer_signature`], which is written
//! as `""` when absent, as the server does.
//!
//! Nothing here does I/O: the caller performs the HTTP exchange and hands the status, content type
//! and body text to these functions.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use uuid::Uuid;

use crate::encoding::{decode_b256, decode_fixed, encode_hex, serde_hex, EncodingError, B256};

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// A sequencer response body that this module cannot turn into the expected type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SequencerApiError {
    /// The body is not JSON, is truncated, or does not have the shape of `what`
    /// (missing field, wrong type, unknown `status` tag, number out of range).
    #[error("{what}: {reason} (line {line}, column {column})")]
    Json {
        /// Which response was being parsed, e.g. `pending commitments`.
        what: &'static str,
        /// serde_json's description, which names the field where serde knows it.
        reason: String,
        /// 1-based line of the body where parsing stopped (0 if unknown).
        line: usize,
        /// 1-based column of the body where parsing stopped (0 if unknown).
        column: usize,
    },
    /// A hex field is malformed; the error's `field` is the path inside the body,
    /// e.g. `commitments[2].events_root` or `receipts[0].sequencerSignature`.
    #[error(transparent)]
    Encoding(#[from] EncodingError),
}

impl SequencerApiError {
    /// Stable machine-readable code, the same string in every language binding:
    /// `INVALID_JSON`, or the [`EncodingError::code`] (`INVALID_HEX`, `WRONG_LENGTH`).
    pub fn code(&self) -> &'static str {
        match self {
            SequencerApiError::Json { .. } => "INVALID_JSON",
            SequencerApiError::Encoding(err) => err.code(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Paths and authentication
// ---------------------------------------------------------------------------------------------

/// Name of the header that carries the credential.
pub const AUTH_HEADER: &str = "Authorization";

/// The server's default page size for [`pending_path`] when no `limit` is sent.
pub const PENDING_LIMIT_DEFAULT: u32 = 1000;

/// The server silently caps `limit` at this value.
pub const PENDING_LIMIT_MAX: u32 = 5000;

/// Path of the VES ingest endpoint (the request type lives in the `ves` module).
pub const INGEST_PATH: &str = "/api/v1/ves/events/ingest";

/// Path of `POST /api/v1/ves/commitments` (create) and `GET` (list, with a query).
pub const VES_COMMITMENTS_PATH: &str = "/api/v1/ves/commitments";

/// Value of the [`AUTH_HEADER`] for an API key: `ApiKey <key>`.
///
/// `Bearer` is deliberately not used: the sequencer accepts only JWTs after `Bearer`
/// (protocol §3.2, §7.4 item 20), so an API key sent that way is rejected with 401.
/// The key is inserted verbatim; keys that do not start with `ss_` are rejected by the server.
///
/// ```
/// assert_eq!(set_core::sequencer::authorization_value("ss_abc"), "ApiKey ss_abc");
/// ```
pub fn authorization_value(api_key: &str) -> String {
    format!("ApiKey {api_key}")
}

/// Path and query of the pending-commitments endpoint, at the server root (no `/api`).
///
/// `limit` is sent as given; the server caps it at [`PENDING_LIMIT_MAX`] and returns an empty
/// list for 0.
///
/// ```
/// assert_eq!(set_core::sequencer::pending_path(50), "/v1/commitments/pending?limit=50");
/// ```
pub fn pending_path(limit: u32) -> String {
    format!("/v1/commitments/pending?limit={limit}")
}

/// Path of the anchored-notification endpoint for a commitment, at the server root.
///
/// The UUID is written hyphenated and lowercase, as the existing anchor does.
pub fn anchored_path(batch_id: &Uuid) -> String {
    format!("/v1/commitments/{}/anchored", batch_id.hyphenated())
}

/// Path of `GET /api/v1/ves/commitments/{batch_id}`.
pub fn ves_commitment_path(batch_id: &Uuid) -> String {
    format!("{VES_COMMITMENTS_PATH}/{}", batch_id.hyphenated())
}

/// Path and query of `GET /api/v1/ves/proofs/{sequence_number}`.
///
/// `batch_id` is the **commitment** id, not the `batchId` an ingest response carries; the server
/// requires all three query parameters.
pub fn ves_proof_path(sequence_number: u64, tenant_id: &Uuid, store_id: &Uuid, batch_id: &Uuid) -> String {
    format!(
        "/api/v1/ves/proofs/{sequence_number}?tenant_id={}&store_id={}&batch_id={}",
        tenant_id.hyphenated(),
        store_id.hyphenated(),
        batch_id.hyphenated()
    )
}

// ---------------------------------------------------------------------------------------------
// Field-naming hex (de)serializers
// ---------------------------------------------------------------------------------------------
//
// serde_json's messages carry line/column but no field path, so every hex field gets its own
// visitor that puts the field name into both the "wrong type" and the "bad hex" message.

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

fn is_empty_hex(text: &str) -> bool {
    matches!(text, "" | "0x" | "0X")
}

/// `""` means "no Ed25519 signature" on the wire (`none` and `MlDsa65` receipts).
fn decode_signature(field: &str, text: &str) -> Result<Option<[u8; 64]>, EncodingError> {
    if text.is_empty() {
        return Ok(None);
    }
    decode_fixed::<64>(field, text).map(Some)
}

macro_rules! b256_field {
    ($name:ident, $field:literal) => {
        fn $name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<B256, D::Error> {
            deserializer.deserialize_str(B256Visitor { field: $field, empty_is_zero: false })
        }
    };
    ($name:ident, $field:literal, empty_is_zero) => {
        fn $name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<B256, D::Error> {
            deserializer.deserialize_str(B256Visitor { field: $field, empty_is_zero: true })
        }
    };
}

macro_rules! opt_b256_field {
    ($name:ident, $field:literal) => {
        fn $name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<B256>, D::Error> {
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

fn de_proof_path<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<B256>, D::Error> {
    deserializer.deserialize_seq(B256ListVisitor("proof_path"))
}

fn de_sequencer_signature<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<[u8; 64]>, D::Error> {
    deserializer.deserialize_option(SignatureVisitor("sequencerSignature"))
}

fn ser_opt_b256<S: Serializer>(value: &Option<B256>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(hash) => serializer.serialize_some(&encode_hex(hash.as_slice())),
        None => serializer.serialize_none(),
    }
}

fn ser_signature<S: Serializer>(value: &Option<[u8; 64]>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(sig) => serializer.serialize_str(&encode_hex(sig)),
        None => serializer.serialize_str(""),
    }
}

// ---------------------------------------------------------------------------------------------
// Anchor-compat endpoints (protocol §3.4)
// ---------------------------------------------------------------------------------------------

/// Response of `GET /v1/commitments/pending`: VES commitments with no tx hash yet, all streams,
/// oldest first (read from the replica, so it may lag the primary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCommitmentsResponse {
    /// The commitments, ordered by `committed_at` ascending.
    pub commitments: Vec<PendingCommitment>,
    /// Number of items in **this** response (not a global count).
    pub total: u64,
}

/// One commitment waiting to be anchored, as the anchor-compat endpoint reports it.
///
/// Roots are written as `0x` hex; read with or without `0x`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCommitment {
    /// Commitment id (becomes the on-chain `batchId`).
    pub batch_id: Uuid,
    /// Tenant of the stream.
    pub tenant_id: Uuid,
    /// Store of the stream.
    pub store_id: Uuid,
    /// State root before this commitment; `""`, `"0x"` and all-zero hex all read as zero
    /// (genesis), as the existing anchor accepted.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_prev_state_root_or_empty")]
    pub prev_state_root: B256,
    /// State root after this commitment.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_new_state_root")]
    pub new_state_root: B256,
    /// The VES (SHA-256) Merkle root of the commitment's events.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_events_root")]
    pub events_root: B256,
    /// First sequence number covered (inclusive).
    pub sequence_start: u64,
    /// Last sequence number covered (inclusive).
    pub sequence_end: u64,
    /// Number of events (unpadded leaf count).
    pub event_count: u32,
    /// RFC 3339 UTC time, kept verbatim (this crate reads no clock and parses no dates).
    #[serde(alias = "committedAt")]
    pub committed_at: String,
    /// Always `null` from this endpoint (it filters on it); a missing key reads as `None`.
    #[serde(default, serialize_with = "ser_opt_b256", deserialize_with = "de_opt_chain_tx_hash")]
    pub chain_tx_hash: Option<B256>,
}

/// Body of `POST /v1/commitments/{batch_id}/anchored`.
///
/// Serializes as `{"chain_tx_hash":"0x…","chain_id":…}` plus `block_number` / `gas_used` when
/// they are `Some` (the captured requests show both forms).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnchorNotification {
    /// Hash of the transaction that committed the batch, written as `0x` hex.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_chain_tx_hash")]
    pub chain_tx_hash: B256,
    /// Chain id; the server rejects values above `u32::MAX` with 400.
    pub chain_id: u64,
    /// Block that included the transaction; stored as-is by the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_number: Option<u64>,
    /// Gas used; accepted and ignored by the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gas_used: Option<u64>,
}

impl AnchorNotification {
    /// The JSON request body.
    ///
    /// # Errors
    /// [`SequencerApiError::Json`] only if serde_json fails, which it does not for this type
    /// (it has no maps); the `Result` avoids a panic path.
    pub fn to_json(&self) -> Result<String, SequencerApiError> {
        serde_json::to_string(self).map_err(|err| json_error("anchor notification", &err))
    }
}

/// A 200 answer of `POST /v1/commitments/{batch_id}/anchored`, tagged by `"status"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum AnchoredResponse {
    /// `"status":"anchored"`: the sequencer recorded the tx hash and marked the commitment final
    /// (it checks nothing on-chain).
    Anchored {
        /// The commitment.
        batch_id: Uuid,
        /// The tx hash as stored, written as `0x` hex.
        #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_chain_tx_hash")]
        chain_tx_hash: B256,
        /// The chain id as stored.
        chain_id: u64,
        /// The block number as stored, if one was sent.
        #[serde(default)]
        block_number: Option<u64>,
    },
    /// `"status":"already_anchored"`: the commitment already had this same tx hash.
    AlreadyAnchored {
        /// The commitment.
        batch_id: Uuid,
    },
}

/// What an anchored notification achieved, decided from the HTTP status and body alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchoredOutcome {
    /// 2xx `anchored`: recorded now.
    Anchored {
        /// The commitment.
        batch_id: Uuid,
        /// The tx hash the server stored (compare with the one sent).
        chain_tx_hash: B256,
        /// The chain id the server stored.
        chain_id: u64,
        /// The block number the server stored.
        block_number: Option<u64>,
    },
    /// 2xx `already_anchored`: the same hash was recorded earlier; success.
    AlreadyAnchored {
        /// The commitment.
        batch_id: Uuid,
    },
    /// 409: the commitment is recorded with a **different** tx hash. Not retryable; an operator
    /// must look (double anchoring or a replaced transaction).
    Conflict {
        /// Server text, normally `commitment already anchored with different tx hash`.
        message: String,
    },
    /// 404 from the handler: the sequencer does not know this commitment.
    NotFound {
        /// Server text, normally `Commitment not found`.
        message: String,
    },
    /// 400, 413, 415 or 422: the request was malformed (a bug on the caller's side).
    BadRequest {
        /// The HTTP status.
        status: u16,
        /// Server text, e.g. `chain_id must fit in u32`.
        message: String,
    },
    /// 401 or 403, or an auth-middleware 404 (`tenant_not_found`): the credential is missing,
    /// wrong, or not bootstrap admin.
    Unauthorized {
        /// The HTTP status.
        status: u16,
        /// The auth middleware's snake_case code (`missing_auth`, `invalid_api_key`, …) if given.
        code: Option<String>,
        /// Server text.
        message: String,
    },
    /// 429: back off (the server sends `Retry-After: 60`, a header the caller holds).
    RateLimited {
        /// Server text.
        message: String,
    },
    /// 5xx (including 503 load shedding and 504 request timeout): retry later.
    ServerError {
        /// The HTTP status.
        status: u16,
        /// A code from a JSON body (`pool_exhausted`, …) if given.
        code: Option<String>,
        /// Server text, often `Internal server error`.
        message: String,
    },
    /// Any other status, or a 2xx whose body is not one of the two documented shapes.
    UnexpectedResponse {
        /// The HTTP status.
        status: u16,
        /// The body text, or the parse failure for a 2xx.
        message: String,
    },
}

impl AnchoredOutcome {
    /// Whether the sequencer now holds the sent tx hash (`Anchored` or `AlreadyAnchored`).
    pub fn is_success(&self) -> bool {
        matches!(self, AnchoredOutcome::Anchored { .. } | AnchoredOutcome::AlreadyAnchored { .. })
    }

    /// Whether sending the same notification again later may succeed (429, 5xx).
    pub fn is_retryable(&self) -> bool {
        matches!(self, AnchoredOutcome::RateLimited { .. } | AnchoredOutcome::ServerError { .. })
    }

    /// Stable UPPER_SNAKE name of the outcome, for logs and metrics labels.
    pub fn code(&self) -> &'static str {
        match self {
            AnchoredOutcome::Anchored { .. } => "ANCHORED",
            AnchoredOutcome::AlreadyAnchored { .. } => "ALREADY_ANCHORED",
            AnchoredOutcome::Conflict { .. } => "CONFLICT",
            AnchoredOutcome::NotFound { .. } => "NOT_FOUND",
            AnchoredOutcome::BadRequest { .. } => "BAD_REQUEST",
            AnchoredOutcome::Unauthorized { .. } => "UNAUTHORIZED",
            AnchoredOutcome::RateLimited { .. } => "RATE_LIMITED",
            AnchoredOutcome::ServerError { .. } => "SERVER_ERROR",
            AnchoredOutcome::UnexpectedResponse { .. } => "UNEXPECTED_RESPONSE",
        }
    }
}

/// Classifies the answer to `POST /v1/commitments/{batch_id}/anchored`.
///
/// Never fails: every status/body pair maps to an outcome. The body's shape (auth-middleware
/// JSON, ingest JSON or plain text, protocol §3.3) is sniffed, so no content type is needed.
/// An auth-middleware JSON body on 404 (`tenant_not_found`) is `Unauthorized`, not `NotFound`:
/// only the handler's plain-text 404 means the commitment is unknown.
pub fn classify_anchored_response(status: u16, body: &str) -> AnchoredOutcome {
    if (200..300).contains(&status) {
        return match parse_anchored_response(body) {
            Ok(AnchoredResponse::Anchored { batch_id, chain_tx_hash, chain_id, block_number }) => {
                AnchoredOutcome::Anchored { batch_id, chain_tx_hash, chain_id, block_number }
            }
            Ok(AnchoredResponse::AlreadyAnchored { batch_id }) => AnchoredOutcome::AlreadyAnchored { batch_id },
            Err(err) => AnchoredOutcome::UnexpectedResponse { status, message: err.to_string() },
        };
    }
    let error = parse_error_body(status, None, body);
    let message = error.message().to_owned();
    let code = error.code().map(ToOwned::to_owned);
    let from_auth_middleware = matches!(error.shape, ErrorBodyShape::Auth(_));
    match status {
        401 | 403 => AnchoredOutcome::Unauthorized { status, code, message },
        404 if from_auth_middleware => AnchoredOutcome::Unauthorized { status, code, message },
        404 => AnchoredOutcome::NotFound { message },
        409 => AnchoredOutcome::Conflict { message },
        400 | 413 | 415 | 422 => AnchoredOutcome::BadRequest { status, message },
        429 => AnchoredOutcome::RateLimited { message },
        500..=599 => AnchoredOutcome::ServerError { status, code, message },
        _ => AnchoredOutcome::UnexpectedResponse { status, message },
    }
}

// ---------------------------------------------------------------------------------------------
// Ingest request (protocol §3.7)
// ---------------------------------------------------------------------------------------------

/// The body of `POST /api/v1/ves/events/ingest`: signed events of one agent, one stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestRequest {
    /// The agent sending the events; every event's `source_agent_id` must equal it.
    #[serde(rename = "agentId")]
    pub agent_id: Uuid,
    /// The signed events (snake_case inside, hex written with `0x`).
    pub events: Vec<crate::ves::VesEvent>,
}

impl IngestRequest {
    /// The request body as JSON text.
    pub fn to_json(&self) -> String {
        // Every field is a plain string, number or JSON value, so this cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------------------------
// VES commitments and proofs (protocol §3.5, §3.6.1)
// ---------------------------------------------------------------------------------------------

/// A VES commitment as the `/api/v1/ves/commitments` endpoints return it.
///
/// One type serves three responses: create (no chain fields, no `is_anchored`), list items
/// (`is_anchored` but no chain fields) and get (everything). Missing chain fields read as `None`,
/// so `None` means "not anchored *or not reported*"; `is_anchored` is `None` when the response
/// did not say. Hex arrives without `0x`; either form is read, `0x` is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VesCommitment {
    /// Commitment id.
    pub batch_id: Uuid,
    /// Tenant of the stream.
    pub tenant_id: Uuid,
    /// Store of the stream.
    pub store_id: Uuid,
    /// VES version (1).
    pub ves_version: u32,
    /// Depth of the padded tree (`proof_path` length).
    pub tree_depth: u32,
    /// Number of events (unpadded leaves).
    pub leaf_count: u64,
    /// `leaf_count` rounded up to a power of two.
    pub padded_leaf_count: u64,
    /// VES (SHA-256) Merkle root of the events.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_merkle_root")]
    pub merkle_root: B256,
    /// State root before this commitment (all zero for the first).
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_prev_state_root")]
    pub prev_state_root: B256,
    /// State root after this commitment.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_new_state_root")]
    pub new_state_root: B256,
    /// First sequence number covered (inclusive).
    pub sequence_start: u64,
    /// Last sequence number covered (inclusive).
    pub sequence_end: u64,
    /// RFC 3339 UTC time, kept verbatim.
    pub committed_at: String,
    /// Chain id recorded by the anchored notification (u32 on the server).
    #[serde(default)]
    pub chain_id: Option<u64>,
    /// Anchoring tx hash.
    #[serde(default, serialize_with = "ser_opt_b256", deserialize_with = "de_opt_chain_tx_hash")]
    pub chain_tx_hash: Option<B256>,
    /// Block number recorded with the tx hash.
    #[serde(default)]
    pub chain_block_number: Option<u64>,
    /// RFC 3339 time the sequencer recorded the anchoring, verbatim.
    #[serde(default)]
    pub anchored_at: Option<String>,
    /// `true` iff `anchored_at` is set; `None` when the response omits it (create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_anchored: Option<bool>,
}

/// Response of `GET /api/v1/ves/commitments?tenant_id=&store_id=` — only commitments with no tx
/// hash, not the stream's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VesCommitmentList {
    /// The unanchored commitments.
    pub commitments: Vec<VesCommitment>,
    /// Number of items in `commitments`.
    pub count: u64,
}

/// Response of `GET /api/v1/ves/proofs/{sequence_number}`: one event's inclusion proof.
///
/// It carries neither `leaf_count` nor `sequence_start`; get them from [`VesCommitment`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VesInclusionProof {
    /// The event's sequence number.
    pub sequence_number: u64,
    /// The commitment id.
    pub batch_id: Uuid,
    /// The commitment's VES Merkle root.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_merkle_root")]
    pub merkle_root: B256,
    /// The event's leaf hash.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_leaf_hash")]
    pub leaf_hash: B256,
    /// `sequence_number - sequence_start`.
    pub leaf_index: u64,
    /// Sibling hashes, bottom-up; length = tree depth.
    #[serde(serialize_with = "serde_hex::b256_list::serialize", deserialize_with = "de_proof_path")]
    pub proof_path: Vec<B256>,
    /// Per level, `true` when the running node is the left child; redundant with `leaf_index`,
    /// empty if the server omitted it.
    #[serde(default)]
    pub directions: Vec<bool>,
}

// ---------------------------------------------------------------------------------------------
// Ingest response and receipts (protocol §3.7, §7.3 item 18)
// ---------------------------------------------------------------------------------------------

/// Response of `POST /api/v1/ves/events/ingest` (camelCase keys).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngestResponse {
    /// Ingest batch id; unrelated to commitment ids.
    pub batch_id: Uuid,
    /// Events newly sequenced by this request.
    pub events_accepted: u32,
    /// Events rejected (see `rejections`).
    pub events_rejected: u32,
    /// First newly assigned sequence number; `None` when nothing new was sequenced.
    #[serde(default)]
    pub sequence_start: Option<u64>,
    /// Last newly assigned sequence number; `None` when nothing new was sequenced.
    #[serde(default)]
    pub sequence_end: Option<u64>,
    /// The stream's head sequence number after this request.
    pub head_sequence: u64,
    /// Rejected events; the server omits the key when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<IngestRejection>,
    /// Receipts, including stored receipts for idempotent replays; omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receipts: Vec<IngestReceipt>,
}

/// One rejected event of an ingest request (snake_case keys, unlike the outer object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestRejection {
    /// The rejected event.
    pub event_id: Uuid,
    /// Short reason.
    pub reason: String,
    /// Human-readable detail; empty if the server sent none.
    #[serde(default)]
    pub message: String,
}

/// The sequencer's receipt for one event (camelCase keys).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngestReceipt {
    /// Sequencer instance id (random per process unless configured).
    pub sequencer_id: Uuid,
    /// The event.
    pub event_id: Uuid,
    /// Sequence number assigned to the event.
    pub sequence_number: u64,
    /// RFC 3339 time with `+00:00`, verbatim; not covered by the signature.
    pub sequenced_at: String,
    /// Receipt hash (protocol §1.13); arrives without `0x`.
    #[serde(serialize_with = "serde_hex::b256::serialize", deserialize_with = "de_receipt_hash")]
    pub receipt_hash: B256,
    /// Signature profile as sent, e.g. `ed25519`; see [`IngestReceipt::signature_algorithm`].
    pub signature_alg: String,
    /// Ed25519 signature over the 32 raw bytes of `receipt_hash`; `None` when the wire has `""`
    /// (profiles `none` and `MlDsa65`). Written back as `""` or `0x` hex.
    #[serde(default, serialize_with = "ser_signature", deserialize_with = "de_sequencer_signature")]
    pub sequencer_signature: Option<[u8; 64]>,
    /// Key version; always 0 in the current server.
    #[serde(default)]
    pub sequencer_key_version: u32,
    /// 1 Ed25519, 2 ML-DSA-65, 3 hybrid; omitted by the server when 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_signature_scheme: Option<i32>,
    /// Per-algorithm signatures, when the server produced a bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_signature_bundle: Option<ReceiptSignatureBundle>,
}

impl IngestReceipt {
    /// The signature profile, compared case-insensitively as the protocol requires.
    pub fn signature_algorithm(&self) -> SignatureAlg {
        SignatureAlg::parse(&self.signature_alg)
    }
}

/// Signatures of a receipt per algorithm.
///
/// On the wire these are JSON **arrays of integers** (serde's default for `Vec<u8>`), not hex,
/// despite the server's doc comment; that format is kept both ways.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptSignatureBundle {
    /// Ed25519 signature bytes (64), if any.
    #[serde(default)]
    pub ed25519_signature: Option<Vec<u8>>,
    /// ML-DSA-65 signature bytes, if any.
    #[serde(default)]
    pub ml_dsa_65_signature: Option<Vec<u8>>,
}

/// The receipt signature profile named by `signatureAlg`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SignatureAlg {
    /// `ed25519`: legacy profile, Ed25519 signature in `sequencerSignature`.
    Ed25519,
    /// `Ed25519MlDsa65`: hybrid profile.
    Ed25519MlDsa65,
    /// `MlDsa65`: post-quantum only; `sequencerSignature` is empty.
    MlDsa65,
    /// `ed25519-fallback`: PQC signing failed and Ed25519 was used.
    Ed25519Fallback,
    /// `none`: the receipt is unsigned.
    None,
    /// Any other value, kept as sent.
    Other(String),
}

impl SignatureAlg {
    /// Reads a `signatureAlg` value, ignoring ASCII case; unknown values become [`SignatureAlg::Other`].
    pub fn parse(text: &str) -> Self {
        const KNOWN: [(&str, SignatureAlg); 5] = [
            ("ed25519", SignatureAlg::Ed25519),
            ("Ed25519MlDsa65", SignatureAlg::Ed25519MlDsa65),
            ("MlDsa65", SignatureAlg::MlDsa65),
            ("ed25519-fallback", SignatureAlg::Ed25519Fallback),
            ("none", SignatureAlg::None),
        ];
        KNOWN
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map_or_else(|| SignatureAlg::Other(text.to_owned()), |(_, alg)| alg)
    }

    /// The server's spelling of the value (for `Other`, the text as received).
    pub fn as_str(&self) -> &str {
        match self {
            SignatureAlg::Ed25519 => "ed25519",
            SignatureAlg::Ed25519MlDsa65 => "Ed25519MlDsa65",
            SignatureAlg::MlDsa65 => "MlDsa65",
            SignatureAlg::Ed25519Fallback => "ed25519-fallback",
            SignatureAlg::None => "none",
            SignatureAlg::Other(text) => text,
        }
    }
}

impl fmt::Display for SignatureAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Error bodies (protocol §3.3)
// ---------------------------------------------------------------------------------------------

/// An error answer from the sequencer: the status plus whichever of the three body shapes came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SequencerErrorBody {
    /// The HTTP status.
    pub status: u16,
    /// The body, by shape.
    pub shape: ErrorBodyShape,
}

impl SequencerErrorBody {
    /// The human-readable message (for `Text`, the whole body).
    pub fn message(&self) -> &str {
        match &self.shape {
            ErrorBodyShape::Auth(body) => &body.error,
            ErrorBodyShape::Api(body) => &body.error.message,
            ErrorBodyShape::Text(text) => text,
        }
    }

    /// The machine code: snake_case from the auth middleware (`missing_auth`), UPPER_SNAKE from
    /// ingest (`INVALID_FIELD_VALUE`), `None` for text bodies.
    pub fn code(&self) -> Option<&str> {
        match &self.shape {
            ErrorBodyShape::Auth(body) => Some(&body.code),
            ErrorBodyShape::Api(body) => Some(&body.error.code),
            ErrorBodyShape::Text(_) => None,
        }
    }
}

/// The three error body shapes of the sequencer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorBodyShape {
    /// Auth middleware (401, 403, 404, 429, 503): `{"error": "<text>", "code": "<snake_code>"}`.
    Auth(AuthErrorBody),
    /// Ingest handlers: `{"error": {"code", "numeric_code", "message", …}}`.
    Api(ApiErrorBody),
    /// Plain text from most handlers and from axum's rejections, or any body matching neither
    /// JSON shape; kept verbatim.
    Text(String),
}

/// The auth middleware's JSON error body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthErrorBody {
    /// Human-readable message, e.g. `Missing authentication`.
    pub error: String,
    /// snake_case code, e.g. `missing_auth`, `invalid_api_key`, `rate_limited`, `pool_exhausted`.
    pub code: String,
}

/// The ingest handlers' JSON error body (`ApiError`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    /// The error object.
    pub error: ApiErrorDetail,
}

/// The object inside [`ApiErrorBody`]; the same code is in the `x-error-code` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorDetail {
    /// UPPER_SNAKE code, e.g. `INVALID_FIELD_VALUE`.
    pub code: String,
    /// Numeric form of the code, e.g. 3003.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeric_code: Option<u32>,
    /// Human-readable message.
    pub message: String,
    /// Request id (also in `x-request-id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Free-form details, kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
    /// Seconds to wait before retrying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// Id of the resource concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// Link to documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_url: Option<String>,
}

/// Reads an error body of any of the three shapes (protocol §3.3).
///
/// A `content_type` that names a non-JSON type (`text/plain; charset=utf-8`) makes the body text;
/// with a JSON type or `None` the JSON shapes are tried first and anything else falls back to
/// text. Never fails and never panics.
pub fn parse_error_body(status: u16, content_type: Option<&str>, body: &str) -> SequencerErrorBody {
    let may_be_json = content_type.is_none_or(is_json_media_type);
    let shape = may_be_json
        .then(|| {
            serde_json::from_str::<AuthErrorBody>(body)
                .map(ErrorBodyShape::Auth)
                .or_else(|_| serde_json::from_str::<ApiErrorBody>(body).map(ErrorBodyShape::Api))
                .ok()
        })
        .flatten()
        .unwrap_or_else(|| ErrorBodyShape::Text(body.to_owned()));
    SequencerErrorBody { status, shape }
}

fn is_json_media_type(content_type: &str) -> bool {
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    media_type.eq_ignore_ascii_case("application/json")
        || media_type.get(media_type.len().saturating_sub(5)..).is_some_and(|tail| tail.eq_ignore_ascii_case("+json"))
}

// ---------------------------------------------------------------------------------------------
// Parse helpers
// ---------------------------------------------------------------------------------------------

/// Parses a `GET /v1/commitments/pending` 200 body.
///
/// # Errors
/// [`SequencerApiError::Encoding`] naming e.g. `commitments[1].events_root` for a malformed
/// root; [`SequencerApiError::Json`] for anything else that does not fit.
pub fn parse_pending(body: &str) -> Result<PendingCommitmentsResponse, SequencerApiError> {
    parse_body("pending commitments", body, |value| {
        each_item(value, "commitments", |item, path| {
            check_b256(item, path, "prev_state_root", HexRule::B256OrEmpty)?;
            check_b256(item, path, "new_state_root", HexRule::B256)?;
            check_b256(item, path, "events_root", HexRule::B256)?;
            check_b256(item, path, "chain_tx_hash", HexRule::B256)
        })
    })
}

/// Parses a 2xx body of `POST /v1/commitments/{batch_id}/anchored`.
///
/// # Errors
/// [`SequencerApiError::Encoding`] for a malformed `chain_tx_hash`; [`SequencerApiError::Json`]
/// for an unknown `status` or any other mismatch.
pub fn parse_anchored_response(body: &str) -> Result<AnchoredResponse, SequencerApiError> {
    parse_body("anchored response", body, |value| check_b256(value, "", "chain_tx_hash", HexRule::B256))
}

/// Parses a VES commitment (create or get response).
///
/// # Errors
/// [`SequencerApiError::Encoding`] naming the malformed root; [`SequencerApiError::Json`] otherwise.
pub fn parse_ves_commitment(body: &str) -> Result<VesCommitment, SequencerApiError> {
    parse_body("VES commitment", body, |value| check_commitment_hex(value, ""))
}

/// Parses the VES commitment list (`{commitments, count}`).
///
/// # Errors
/// [`SequencerApiError::Encoding`] naming e.g. `commitments[0].merkle_root`;
/// [`SequencerApiError::Json`] otherwise.
pub fn parse_ves_commitment_list(body: &str) -> Result<VesCommitmentList, SequencerApiError> {
    parse_body("VES commitment list", body, |value| each_item(value, "commitments", check_commitment_hex))
}

/// Parses a VES inclusion proof.
///
/// # Errors
/// [`SequencerApiError::Encoding`] naming e.g. `proof_path[1]`; [`SequencerApiError::Json`] otherwise.
pub fn parse_inclusion_proof(body: &str) -> Result<VesInclusionProof, SequencerApiError> {
    parse_body("VES inclusion proof", body, |value| {
        check_b256(value, "", "merkle_root", HexRule::B256)?;
        check_b256(value, "", "leaf_hash", HexRule::B256)?;
        match value.get("proof_path").and_then(Value::as_array) {
            Some(items) => items.iter().enumerate().try_for_each(|(i, item)| match item.as_str() {
                Some(text) => decode_b256(&format!("proof_path[{i}]"), text).map(drop),
                None => Ok(()),
            }),
            None => Ok(()),
        }
    })
}

/// Parses a 200 body of `POST /api/v1/ves/events/ingest`.
///
/// # Errors
/// [`SequencerApiError::Encoding`] naming e.g. `receipts[2].sequencerSignature` (which must be
/// `""` or 64 bytes of hex); [`SequencerApiError::Json`] otherwise.
pub fn parse_ingest_response(body: &str) -> Result<IngestResponse, SequencerApiError> {
    parse_body("ingest response", body, |value| {
        each_item(value, "receipts", |item, path| {
            check_b256(item, path, "receiptHash", HexRule::B256)?;
            match item.get("sequencerSignature").and_then(Value::as_str) {
                Some(text) => decode_signature(&field_path(path, "sequencerSignature"), text).map(drop),
                None => Ok(()),
            }
        })
    })
}

fn check_commitment_hex(value: &Value, path: &str) -> Result<(), EncodingError> {
    check_b256(value, path, "merkle_root", HexRule::B256)?;
    check_b256(value, path, "prev_state_root", HexRule::B256)?;
    check_b256(value, path, "new_state_root", HexRule::B256)?;
    check_b256(value, path, "chain_tx_hash", HexRule::B256)
}

/// Parses `body` as `T`; when that fails on data (not syntax), `locate` re-walks the JSON to
/// report a hex failure as a structured [`EncodingError`] with its full path, which serde's
/// message cannot carry. `locate` must mirror the types' hex fields; if it misses one, the
/// error is still reported, just as [`SequencerApiError::Json`].
fn parse_body<T: serde::de::DeserializeOwned>(
    what: &'static str,
    body: &str,
    locate: impl FnOnce(&Value) -> Result<(), EncodingError>,
) -> Result<T, SequencerApiError> {
    serde_json::from_str(body).map_err(|err| {
        if err.is_data() {
            if let Ok(value) = serde_json::from_str::<Value>(body) {
                if let Err(encoding) = locate(&value) {
                    return SequencerApiError::Encoding(encoding);
                }
            }
        }
        json_error(what, &err)
    })
}

fn json_error(what: &'static str, err: &serde_json::Error) -> SequencerApiError {
    SequencerApiError::Json { what, reason: strip_position(err), line: err.line(), column: err.column() }
}

/// serde_json appends " at line L column C" to its message; those are separate fields here.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&suffix) {
        Some(reason) => reason.to_owned(),
        None => text,
    }
}

#[derive(Clone, Copy)]
enum HexRule {
    B256,
    B256OrEmpty,
}

/// Checks `object[key]` if it is a string; other types and absence are serde's to report.
fn check_b256(object: &Value, path: &str, key: &str, rule: HexRule) -> Result<(), EncodingError> {
    match object.get(key).and_then(Value::as_str) {
        Some(text) if matches!(rule, HexRule::B256OrEmpty) && is_empty_hex(text) => Ok(()),
        Some(text) => decode_b256(&field_path(path, key), text).map(drop),
        None => Ok(()),
    }
}

fn each_item(
    value: &Value,
    key: &str,
    mut check: impl FnMut(&Value, &str) -> Result<(), EncodingError>,
) -> Result<(), EncodingError> {
    match value.get(key).and_then(Value::as_array) {
        Some(items) => items.iter().enumerate().try_for_each(|(i, item)| check(item, &format!("{key}[{i}]"))),
        None => Ok(()),
    }
}

fn field_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    /// The captured exchanges; the only place the fixture path is written.
    const CAPTURED_EXCHANGES: &str =
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/captured/stateset-sequencer-0.2.7-exchanges.json"));

    struct Exchange {
        name: String,
        method: String,
        path: String,
        status: u16,
        content_type: String,
        request: Value,
        response: Value,
    }

    impl Exchange {
        /// The body as the server sent it: text/plain bodies are stored as JSON strings.
        fn body(&self) -> String {
            match &self.response {
                Value::String(text) if !self.content_type.contains("json") => text.clone(),
                other => serde_json::to_string(other).unwrap(),
            }
        }
    }

    fn exchanges() -> Vec<Exchange> {
        let root: Value = serde_json::from_str(CAPTURED_EXCHANGES).unwrap();
        root["exchanges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| Exchange {
                name: e["name"].as_str().unwrap().into(),
                method: e["method"].as_str().unwrap().into(),
                path: e["path"].as_str().unwrap().into(),
                status: u16::try_from(e["status"].as_u64().unwrap()).unwrap(),
                content_type: e["content_type"].as_str().unwrap().into(),
                request: e["request"].clone(),
                response: e["response"].clone(),
            })
            .collect()
    }

    fn exchange(name: &str) -> Exchange {
        exchanges().into_iter().find(|e| e.name == name).unwrap()
    }

    /// The VES endpoints send hex without `0x` and we write it with; nulls stand for absent keys.
    fn normalized(value: &Value) -> Value {
        match value {
            Value::String(text) => Value::String(text.strip_prefix("0x").unwrap_or(text).into()),
            Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
            Value::Object(map) => Value::Object(
                map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), normalized(v))).collect(),
            ),
            other => other.clone(),
        }
    }

    fn to_value<T: Serialize>(value: &T) -> Value {
        serde_json::to_value(value).unwrap()
    }

    fn root(byte: u8) -> String {
        hex::encode([byte; 32])
    }

    fn pending_item(prev: &str, events: &str) -> String {
        format!(
            r#"{{"batch_id":"a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b","tenant_id":"6513270e-269e-4d37-b2a7-4de452e6b438",
            "store_id":"d23f0824-128b-4f33-8c5c-7fd0a6a3a450","prev_state_root":"{prev}","new_state_root":"0x{}",
            "events_root":"{events}","sequence_start":1,"sequence_end":3,"event_count":3,
            "committed_at":"2026-11-22T03:27:27.215972Z","chain_tx_hash":null}}"#,
            root(0x22)
        )
    }

    fn pending_body(prev: &str, events: &str) -> String {
        format!(r#"{{"commitments":[{}],"total":1}}"#, pending_item(prev, events))
    }

    fn receipt_json(signature: &str, extra: &str) -> String {
        format!(
            r#"{{"batchId":"3e1d6c0d-1269-4a61-9a30-05d5817644f9","eventsAccepted":1,"eventsRejected":0,
            "sequenceStart":1,"sequenceEnd":1,"headSequence":1,"receipts":[{{
            "sequencerId":"5e9ae3c1-0000-4000-8000-000000000001","eventId":"36f675cc-81e7-4ef5-a8e2-5d940ed90475",
            "sequenceNumber":1,"sequencedAt":"2026-11-22T03:27:27.194743013+00:00","receiptHash":"{}",
            "signatureAlg":"MlDsa65","sequencerSignature":{signature}{extra}}}]}}"#,
            root(0xad)
        )
    }

    // --- captured exchanges ---------------------------------------------------------------

    #[test]
    fn every_captured_exchange_of_these_endpoints_parses() {
        let mut handled = 0;
        for ex in exchanges() {
            let body = ex.body();
            let path = ex.path.split('?').next().unwrap();
            match (ex.method.as_str(), path, ex.status) {
                ("POST", "/api/v1/agents/keys", _) => continue,
                ("POST", INGEST_PATH, 200) => {
                    let parsed = parse_ingest_response(&body).unwrap();
                    assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
                }
                ("POST", VES_COMMITMENTS_PATH, 200) => {
                    let parsed = parse_ves_commitment(&body).unwrap();
                    assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
                }
                ("GET", VES_COMMITMENTS_PATH, 200) => {
                    let parsed = parse_ves_commitment_list(&body).unwrap();
                    assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
                }
                ("GET", p, 200) if p.starts_with("/api/v1/ves/commitments/") => {
                    let parsed = parse_ves_commitment(&body).unwrap();
                    assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
                }
                ("GET", p, 200) if p.starts_with("/api/v1/ves/proofs/") => {
                    let parsed = parse_inclusion_proof(&body).unwrap();
                    assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
                }
                ("GET", "/v1/commitments/pending", 200) => {
                    let parsed = parse_pending(&body).unwrap();
                    // This endpoint already writes `0x`, so the round trip is exact.
                    assert_eq!(to_value(&parsed), ex.response, "{}", ex.name);
                }
                ("GET", "/v1/commitments/pending", status) => {
                    let error = parse_error_body(status, Some(&ex.content_type), &body);
                    assert!(matches!(error.shape, ErrorBodyShape::Auth(_)), "{}", ex.name);
                }
                ("POST", p, status) if p.ends_with("/anchored") => {
                    let request: AnchorNotification = serde_json::from_value(ex.request.clone()).unwrap();
                    assert_eq!(to_value(&request), ex.request, "{}", ex.name);
                    let outcome = classify_anchored_response(status, &body);
                    assert_eq!(outcome.is_success(), status == 200, "{}: {outcome:?}", ex.name);
                }
                other => panic!("unhandled exchange {other:?} ({})", ex.name),
            }
            handled += 1;
        }
        assert_eq!(handled, 16);
    }

    #[test]
    fn pending_roots_round_trip_with_0x() {
        let ex = exchange("pending commitments (anchor endpoint)");
        let parsed = parse_pending(&ex.body()).unwrap();
        assert_eq!(parsed.total, 4);
        assert_eq!(parsed.commitments.len(), 4);
        for (item, wire) in parsed.commitments.iter().zip(ex.response["commitments"].as_array().unwrap()) {
            assert_eq!(encode_hex(item.events_root.as_slice()), wire["events_root"].as_str().unwrap());
            assert_eq!(encode_hex(item.new_state_root.as_slice()), wire["new_state_root"].as_str().unwrap());
            assert_eq!(item.prev_state_root, B256::ZERO);
            assert_eq!(item.chain_tx_hash, None);
            assert_eq!(item.committed_at, wire["committed_at"].as_str().unwrap());
        }
        let last = &parsed.commitments[3];
        assert_eq!(last.batch_id.to_string(), "a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b");
        assert_eq!((last.sequence_start, last.sequence_end, last.event_count), (1, 3, 3));
    }

    #[test]
    fn ves_commitment_roots_are_read_without_0x() {
        let created = parse_ves_commitment(&exchange("create commitment").body()).unwrap();
        assert_eq!(
            hex::encode(created.merkle_root),
            "bd2e1989b38d09487fd91e4d7f0edc509a584b7cf33b290c96fcd40467ee13fc"
        );
        assert_eq!((created.tree_depth, created.leaf_count, created.padded_leaf_count), (2, 3, 4));
        assert_eq!(created.is_anchored, None);
        assert_eq!(created.chain_tx_hash, None);

        let listed = parse_ves_commitment_list(&exchange("list unanchored commitments of the stream").body()).unwrap();
        assert_eq!(listed.count, 1);
        assert_eq!(listed.commitments[0].is_anchored, Some(false));
        assert_eq!(listed.commitments[0].merkle_root, created.merkle_root);

        let anchored = parse_ves_commitment(&exchange("get commitment after anchoring").body()).unwrap();
        assert_eq!(anchored.chain_tx_hash, Some(B256::repeat_byte(0xab)));
        assert_eq!(anchored.chain_id, Some(84_532_001));
        assert_eq!(anchored.chain_block_number, Some(1234));
        assert_eq!(anchored.anchored_at.as_deref(), Some("2026-11-22T03:27:27.245607Z"));
        assert_eq!(anchored.is_anchored, Some(true));
        // Written back with `0x`, read again to the same value.
        let again: VesCommitment = serde_json::from_value(to_value(&anchored)).unwrap();
        assert_eq!(again, anchored);
        assert_eq!(to_value(&anchored)["merkle_root"], format!("0x{}", hex::encode(anchored.merkle_root)));
    }

    #[test]
    fn inclusion_proofs_match_their_leaf_index() {
        for seq in 1..=3u64 {
            let ex = exchanges().into_iter().find(|e| e.name == format!("inclusion proof seq {seq}")).unwrap();
            let proof = parse_inclusion_proof(&ex.body()).unwrap();
            assert_eq!(proof.leaf_index, seq - 1);
            assert_eq!(proof.proof_path.len(), 2);
            let bits: Vec<bool> = (0..2).map(|level| (proof.leaf_index >> level) & 1 == 0).collect();
            assert_eq!(proof.directions, bits);
            assert_eq!(hex::encode(proof.proof_path[1]), ex.response["proof_path"][1].as_str().unwrap());
        }
    }

    #[test]
    fn receipts_keep_hash_signature_and_profile() {
        for name in ["ingest 3 signed events", "ingest the same events again (idempotent replay)"] {
            let ex = exchange(name);
            let parsed = parse_ingest_response(&ex.body()).unwrap();
            assert_eq!(parsed.receipts.len(), 3);
            for (receipt, wire) in parsed.receipts.iter().zip(ex.response["receipts"].as_array().unwrap()) {
                assert_eq!(hex::encode(receipt.receipt_hash), wire["receiptHash"].as_str().unwrap());
                assert_eq!(
                    receipt.sequencer_signature.map(hex::encode).as_deref(),
                    wire["sequencerSignature"].as_str()
                );
                assert_eq!(receipt.signature_algorithm(), SignatureAlg::Ed25519);
                assert_eq!(receipt.receipt_signature_scheme, Some(1));
                assert_eq!(receipt.sequencer_key_version, 0);
                assert_eq!(receipt.receipt_signature_bundle, None);
            }
            assert!(parsed.rejections.is_empty());
        }
        let replay =
            parse_ingest_response(&exchange("ingest the same events again (idempotent replay)").body()).unwrap();
        assert_eq!((replay.events_accepted, replay.sequence_start, replay.sequence_end), (0, None, None));
        assert_eq!(replay.head_sequence, 3);
    }

    #[test]
    fn anchored_answers_classify_like_the_server_means_them() {
        let batch: Uuid = "a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b".parse().unwrap();
        let classify = |name: &str| {
            let ex = exchange(name);
            classify_anchored_response(ex.status, &ex.body())
        };
        assert_eq!(
            classify("anchored notification"),
            AnchoredOutcome::Anchored {
                batch_id: batch,
                chain_tx_hash: B256::repeat_byte(0xab),
                chain_id: 84_532_001,
                block_number: Some(1234)
            }
        );
        assert_eq!(classify("anchored again, same hash"), AnchoredOutcome::AlreadyAnchored { batch_id: batch });
        let conflict = classify("anchored again, different hash");
        assert_eq!(
            conflict,
            AnchoredOutcome::Conflict { message: "commitment already anchored with different tx hash".into() }
        );
        assert!(!conflict.is_success() && !conflict.is_retryable());
        assert_eq!(conflict.code(), "CONFLICT");
        assert_eq!(
            classify("anchored, unknown batch"),
            AnchoredOutcome::NotFound { message: "Commitment not found".into() }
        );
        assert_eq!(
            classify("anchored, chain id too large"),
            AnchoredOutcome::BadRequest { status: 400, message: "chain_id must fit in u32".into() }
        );
        let ex = exchange("pending without auth");
        assert_eq!(
            classify_anchored_response(ex.status, &ex.body()),
            AnchoredOutcome::Unauthorized {
                status: 401,
                code: Some("missing_auth".into()),
                message: "Missing authentication".into()
            }
        );
    }

    #[test]
    fn anchor_notification_serializes_to_the_captured_body() {
        let full = AnchorNotification {
            chain_tx_hash: B256::repeat_byte(0xab),
            chain_id: 84_532_001,
            block_number: Some(1234),
            gas_used: Some(101_234),
        };
        assert_eq!(
            full.to_json().unwrap(),
            format!(
                r#"{{"chain_tx_hash":"0x{}","chain_id":84532001,"block_number":1234,"gas_used":101234}}"#,
                "ab".repeat(32)
            )
        );
        assert_eq!(to_value(&full), exchange("anchored notification").request);
        let bare = AnchorNotification { block_number: None, gas_used: None, ..full };
        assert_eq!(to_value(&bare), exchange("anchored again, same hash").request);
        // The server trims and accepts either form; so do we (without trimming).
        let no_prefix: AnchorNotification =
            serde_json::from_str(&format!(r#"{{"chain_tx_hash":"{}","chain_id":84532001}}"#, "AB".repeat(32))).unwrap();
        assert_eq!(no_prefix, bare);
    }

    // --- hand-written variants ------------------------------------------------------------

    #[test]
    fn accepts_roots_with_or_without_0x_in_any_case() {
        let a = parse_pending(&pending_body(&format!("0x{}", root(0x11)), &format!("0x{}", root(0x33)))).unwrap();
        let b = parse_pending(&pending_body(&root(0x11), &format!("0X{}", root(0x33).to_uppercase()))).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.commitments[0].events_root, B256::repeat_byte(0x33));
    }

    #[test]
    fn reads_an_empty_prev_state_root_as_zero() {
        for empty in ["", "0x"] {
            let parsed = parse_pending(&pending_body(empty, &root(0x33))).unwrap();
            assert_eq!(parsed.commitments[0].prev_state_root, B256::ZERO);
        }
        // Only the prev root has a genesis meaning; an empty events root is an error.
        let err = parse_pending(&pending_body("", "")).unwrap_err();
        assert_eq!(err, SequencerApiError::Encoding(EncodingError::wrong_length("commitments[0].events_root", 32, 0)));
    }

    #[test]
    fn accepts_the_camel_case_committed_at() {
        let body = pending_body(&root(0), &root(0x33)).replace("\"committed_at\"", "\"committedAt\"");
        let parsed = parse_pending(&body).unwrap();
        assert_eq!(parsed.commitments[0].committed_at, "2026-11-22T03:27:27.215972Z");
        assert!(to_value(&parsed).to_string().contains("\"committed_at\""));
        // The existing anchor also tolerated an omitted `chain_tx_hash`.
        let no_hash = pending_body(&root(0), &root(0x33)).replace(",\"chain_tx_hash\":null", "");
        assert_ne!(no_hash, pending_body(&root(0), &root(0x33)));
        assert_eq!(parse_pending(&no_hash).unwrap().commitments[0].chain_tx_hash, None);
    }

    #[test]
    fn rejects_a_bad_root_naming_the_field() {
        let err = parse_pending(&pending_body(&root(0), "0xabcd")).unwrap_err();
        assert_eq!(err.code(), "WRONG_LENGTH");
        assert!(err.to_string().contains("commitments[0].events_root"), "{err}");
        let err = parse_pending(&pending_body(&root(0), &"zz".repeat(32))).unwrap_err();
        assert_eq!(err.code(), "INVALID_HEX");
        assert!(err.to_string().contains("events_root"), "{err}");

        // Plain serde, without the parse helper, still names the field.
        let err = serde_json::from_str::<PendingCommitment>(&pending_item(&root(0), "0xabcd")).unwrap_err();
        assert!(err.to_string().contains("events_root"), "{err}");
        let err = serde_json::from_str::<PendingCommitment>(
            &pending_item(&root(0), &root(1)).replace(&format!("\"{}\"", root(1)), "42"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("events_root"), "{err}");
    }

    #[test]
    fn rejects_a_bad_proof_sibling_naming_its_index() {
        let body = exchange("inclusion proof seq 1")
            .body()
            .replace("cb2a916a0ef6b6682af0663b1b1fc7913aa1b081e1968682df4268ea1e8d6fed", "cb2a");
        let err = parse_inclusion_proof(&body).unwrap_err();
        assert_eq!(err, SequencerApiError::Encoding(EncodingError::wrong_length("proof_path[1]", 32, 2)));
        let err = serde_json::from_str::<VesInclusionProof>(&body).unwrap_err();
        assert!(err.to_string().contains("proof_path[1]"), "{err}");
    }

    #[test]
    fn defaults_missing_directions_to_empty() {
        let mut value = exchange("inclusion proof seq 2").response;
        value.as_object_mut().unwrap().remove("directions");
        let proof = parse_inclusion_proof(&value.to_string()).unwrap();
        assert!(proof.directions.is_empty());
        assert_eq!(proof.leaf_index, 1);
    }

    #[test]
    fn reads_an_empty_sequencer_signature_as_none() {
        let parsed = parse_ingest_response(&receipt_json("\"\"", "")).unwrap();
        let receipt = &parsed.receipts[0];
        assert_eq!(receipt.sequencer_signature, None);
        assert_eq!(receipt.signature_algorithm(), SignatureAlg::MlDsa65);
        assert_eq!(to_value(receipt)["sequencerSignature"], "");
        for absent in ["null", "\"\",\"ignored\":1"] {
            assert_eq!(parse_ingest_response(&receipt_json(absent, "")).unwrap().receipts[0].sequencer_signature, None);
        }
        let sig = format!("\"0x{}\"", "12".repeat(64));
        assert_eq!(
            parse_ingest_response(&receipt_json(&sig, "")).unwrap().receipts[0].sequencer_signature,
            Some([0x12; 64])
        );
    }

    #[test]
    fn rejects_a_malformed_sequencer_signature_naming_the_field() {
        for bad in ["\"abcd\"", "\"zz\"", &format!("\"{}\"", "ab".repeat(65))] {
            let err = parse_ingest_response(&receipt_json(bad, "")).unwrap_err();
            assert!(matches!(err.code(), "WRONG_LENGTH" | "INVALID_HEX"), "{err}");
            assert!(err.to_string().contains("receipts[0].sequencerSignature"), "{err}");
        }
        let err = parse_ingest_response(&receipt_json("7", "")).unwrap_err();
        assert_eq!(err.code(), "INVALID_JSON");
        assert!(err.to_string().contains("sequencerSignature"), "{err}");
    }

    #[test]
    fn keeps_the_signature_bundle_as_integer_arrays() {
        let extra = r#","sequencerKeyVersion":2,"receiptSignatureScheme":3,
            "receiptSignatureBundle":{"ed25519_signature":[1,2,255],"ml_dsa_65_signature":null}"#;
        let parsed = parse_ingest_response(&receipt_json("\"\"", extra)).unwrap();
        let receipt = &parsed.receipts[0];
        assert_eq!(receipt.sequencer_key_version, 2);
        assert_eq!(receipt.receipt_signature_scheme, Some(3));
        let bundle = receipt.receipt_signature_bundle.clone().unwrap();
        assert_eq!(bundle.ed25519_signature, Some(vec![1, 2, 255]));
        assert_eq!(bundle.ml_dsa_65_signature, None);
        assert_eq!(
            to_value(&bundle),
            serde_json::json!({"ed25519_signature": [1, 2, 255], "ml_dsa_65_signature": null})
        );
        // Hex is not the wire format of the bundle.
        let hex_bundle = extra.replace("[1,2,255]", "\"0102ff\"");
        assert!(parse_ingest_response(&receipt_json("\"\"", &hex_bundle)).is_err());
    }

    #[test]
    fn reads_rejections_in_snake_case() {
        let body = r#"{"batchId":"3e1d6c0d-1269-4a61-9a30-05d5817644f9","eventsAccepted":0,"eventsRejected":1,
            "sequenceStart":null,"sequenceEnd":null,"headSequence":7,
            "rejections":[{"event_id":"36f675cc-81e7-4ef5-a8e2-5d940ed90475","reason":"invalid_signature","message":"bad"}]}"#;
        let parsed = parse_ingest_response(body).unwrap();
        assert!(parsed.receipts.is_empty());
        assert_eq!(parsed.rejections[0].reason, "invalid_signature");
        assert_eq!(parsed.rejections[0].message, "bad");
        assert!(to_value(&parsed).get("receipts").is_none());
    }

    #[test]
    fn parses_signature_alg_case_insensitively() {
        let cases = [
            ("ed25519", SignatureAlg::Ed25519),
            ("ED25519", SignatureAlg::Ed25519),
            ("Ed25519MlDsa65", SignatureAlg::Ed25519MlDsa65),
            ("ed25519mldsa65", SignatureAlg::Ed25519MlDsa65),
            ("MLDSA65", SignatureAlg::MlDsa65),
            ("Ed25519-Fallback", SignatureAlg::Ed25519Fallback),
            ("NONE", SignatureAlg::None),
            ("slh-dsa", SignatureAlg::Other("slh-dsa".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(SignatureAlg::parse(text), expected, "{text}");
        }
        assert_eq!(SignatureAlg::Ed25519Fallback.to_string(), "ed25519-fallback");
    }

    #[test]
    fn rejects_every_truncation_of_every_captured_body() {
        let parsers: [fn(&str) -> bool; 6] = [
            |b| parse_pending(b).is_err(),
            |b| parse_anchored_response(b).is_err(),
            |b| parse_ves_commitment(b).is_err(),
            |b| parse_ves_commitment_list(b).is_err(),
            |b| parse_inclusion_proof(b).is_err(),
            |b| parse_ingest_response(b).is_err(),
        ];
        for ex in exchanges().iter().filter(|e| e.content_type.contains("json")) {
            let body = ex.body();
            for end in (0..body.len()).filter(|&end| body.is_char_boundary(end)) {
                let prefix = &body[..end];
                for parser in parsers {
                    assert!(parser(prefix), "{}: prefix of {end} bytes parsed", ex.name);
                }
                let _ = classify_anchored_response(200, prefix);
                let _ = parse_error_body(500, None, prefix);
            }
        }
        let err = parse_pending("{\"commitments\":[").unwrap_err();
        assert_eq!(err.code(), "INVALID_JSON");
        assert!(matches!(err, SequencerApiError::Json { what: "pending commitments", line: 1, .. }), "{err:?}");
    }

    #[test]
    fn rejects_wrong_types_and_shapes() {
        let good = pending_body(&root(0), &root(0x33));
        let bad_bodies = [
            good.replace("\"sequence_start\":1", "\"sequence_start\":\"1\""),
            good.replace("\"event_count\":3", "\"event_count\":4294967296"),
            good.replace("\"sequence_end\":3", "\"sequence_end\":-3"),
            good.replace(",\"total\":1", ""),
            good.replace("a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b", "not-a-uuid"),
            good.replace("\"commitments\":[", "\"commitments\":{\"x\":").replace("],\"total\"", "},\"total\""),
            "[]".into(),
            "null".into(),
            "".into(),
            "<html>502 Bad Gateway</html>".into(),
            "\u{feff}{}".into(),
        ];
        for body in &bad_bodies {
            let err = parse_pending(body).unwrap_err();
            assert_eq!(err.code(), "INVALID_JSON", "{body}: {err}");
        }
        // The VES list shape is not a pending list, although it also has `commitments`.
        let list = exchange("list unanchored commitments of the stream").body();
        assert!(parse_pending(&list).is_err());
        // Unknown status tag.
        let err = parse_anchored_response(r#"{"batch_id":"a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b","status":"pending"}"#)
            .unwrap_err();
        assert!(err.to_string().contains("pending"), "{err}");
        assert!(parse_ingest_response(r#"{"batchId":"3e1d6c0d-1269-4a61-9a30-05d5817644f9"}"#).is_err());
        assert!(parse_ves_commitment(
            &exchange("create commitment").body().replace("\"tree_depth\":2", "\"tree_depth\":true")
        )
        .is_err());
    }

    #[test]
    fn parses_the_three_error_body_shapes() {
        let auth = parse_error_body(
            401,
            Some("application/json"),
            r#"{"error":"Missing authentication","code":"missing_auth"}"#,
        );
        assert_eq!((auth.message(), auth.code()), ("Missing authentication", Some("missing_auth")));

        let api_body = r#"{"error":{"code":"INVALID_FIELD_VALUE","numeric_code":3003,"message":"agent_signature: bad",
            "request_id":"r-1","details":{"field":"agent_signature"},"retry_after":5}}"#;
        let api = parse_error_body(400, Some("application/json; charset=utf-8"), api_body);
        assert_eq!((api.message(), api.code()), ("agent_signature: bad", Some("INVALID_FIELD_VALUE")));
        let ErrorBodyShape::Api(detail) = &api.shape else { panic!("{api:?}") };
        assert_eq!(detail.error.numeric_code, Some(3003));
        assert_eq!(detail.error.retry_after, Some(5));
        assert_eq!(detail.error.request_id.as_deref(), Some("r-1"));

        let text = parse_error_body(404, Some("text/plain; charset=utf-8"), "Commitment not found");
        assert_eq!(text.shape, ErrorBodyShape::Text("Commitment not found".into()));
        assert_eq!(text.code(), None);
        // A JSON-looking text/plain body stays text: the content type decides when given.
        let text_json = parse_error_body(400, Some("text/plain"), r#"{"error":"x","code":"y"}"#);
        assert!(matches!(text_json.shape, ErrorBodyShape::Text(_)));
        // JSON of neither shape, or no content type and plain text, falls back to text.
        let other = parse_error_body(500, Some("application/problem+json"), r#"{"title":"boom"}"#);
        assert_eq!(other.message(), r#"{"title":"boom"}"#);
        let sniffed = parse_error_body(429, None, r#"{"error":"Rate limit exceeded","code":"rate_limited"}"#);
        assert_eq!(sniffed.code(), Some("rate_limited"));
        assert_eq!(parse_error_body(502, None, "").message(), "");
    }

    #[test]
    fn classifies_statuses_outside_the_capture() {
        let outcome = classify_anchored_response(403, "Bootstrap admin permission required");
        assert_eq!(
            outcome,
            AnchoredOutcome::Unauthorized {
                status: 403,
                code: None,
                message: "Bootstrap admin permission required".into()
            }
        );
        let tenant = classify_anchored_response(404, r#"{"error":"Tenant not found","code":"tenant_not_found"}"#);
        assert!(matches!(tenant, AnchoredOutcome::Unauthorized { status: 404, .. }), "{tenant:?}");
        let limited = classify_anchored_response(429, r#"{"error":"Rate limit exceeded","code":"rate_limited"}"#);
        assert!(limited.is_retryable());
        assert_eq!(limited.code(), "RATE_LIMITED");
        let shed =
            classify_anchored_response(503, r#"{"error":"Service temporarily unavailable","code":"pool_exhausted"}"#);
        assert_eq!(
            shed,
            AnchoredOutcome::ServerError {
                status: 503,
                code: Some("pool_exhausted".into()),
                message: "Service temporarily unavailable".into()
            }
        );
        assert!(classify_anchored_response(504, "").is_retryable());
        assert!(matches!(
            classify_anchored_response(422, "Failed to deserialize the JSON body"),
            AnchoredOutcome::BadRequest { status: 422, .. }
        ));
        assert!(matches!(classify_anchored_response(302, ""), AnchoredOutcome::UnexpectedResponse { status: 302, .. }));
        let garbage = classify_anchored_response(200, "ok");
        assert!(matches!(garbage, AnchoredOutcome::UnexpectedResponse { status: 200, .. }), "{garbage:?}");
        assert!(!garbage.is_success());
        let created = classify_anchored_response(
            201,
            r#"{"batch_id":"a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b","status":"already_anchored"}"#,
        );
        assert!(created.is_success());
    }

    #[test]
    fn builds_paths_and_the_authorization_value() {
        let batch: Uuid = "A5D8B6B0-856C-450D-B0D7-E3D6AA8F741B".parse().unwrap();
        assert_eq!(anchored_path(&batch), "/v1/commitments/a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b/anchored");
        assert_eq!(pending_path(PENDING_LIMIT_DEFAULT), "/v1/commitments/pending?limit=1000");
        assert_eq!(ves_commitment_path(&batch), "/api/v1/ves/commitments/a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b");
        let ex = exchange("inclusion proof seq 1");
        let tenant: Uuid = "6513270e-269e-4d37-b2a7-4de452e6b438".parse().unwrap();
        let store: Uuid = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450".parse().unwrap();
        assert_eq!(ves_proof_path(1, &tenant, &store, &batch), ex.path);
        assert_eq!(AUTH_HEADER, "Authorization");
        assert_eq!(authorization_value("ss_live_1"), "ApiKey ss_live_1");
    }
}
