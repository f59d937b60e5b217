//! The JSON bodies the sequencer sends and receives, as serde types.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::hex_fields::{
    de_chain_tx_hash, de_events_root, de_leaf_hash, de_merkle_root, de_new_state_root, de_opt_chain_tx_hash,
    de_prev_state_root, de_prev_state_root_or_empty, de_proof_path, de_receipt_hash, de_sequencer_signature,
    ser_opt_b256, ser_signature,
};
use super::parse::json_error;
use super::SequencerApiError;
use crate::encoding::{serde_hex, B256};

// Anchor-compat endpoints: `/v1/commitments/…`, at the server root, `0x` hex.

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
#[non_exhaustive]
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

// Commitment request.

/// The body of `POST /api/v1/ves/commitments`: commit the stream's events
/// `sequence_start..=sequence_end` into one batch (what an operator, or the sequencer's own
/// scheduler, does). The answer is a [`VesCommitment`].
///
/// ```
/// # use uuid::Uuid;
/// let request = set_core::sequencer::CommitmentRequest {
///     tenant_id: Uuid::nil(), store_id: Uuid::max(), sequence_start: 1, sequence_end: 3,
/// };
/// assert_eq!(
///     request.to_json(),
///     r#"{"tenant_id":"00000000-0000-0000-0000-000000000000","store_id":"ffffffff-ffff-ffff-ffff-ffffffffffff","sequence_start":1,"sequence_end":3}"#
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentRequest {
    /// The stream's tenant.
    pub tenant_id: Uuid,
    /// The stream's store.
    pub store_id: Uuid,
    /// First sequence number committed (from 1).
    pub sequence_start: u64,
    /// Last sequence number committed (inclusive).
    pub sequence_end: u64,
}

impl CommitmentRequest {
    /// The request body as JSON text, fields in the order the server's own clients send them.
    pub fn to_json(&self) -> String {
        // Two UUIDs and two integers: serialisation cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

// Ingest request.

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
    /// The request body as JSON text, in the server's wire form: the halves of an
    /// `agent_signature_bundle` as arrays of byte values (the real server reads them so; bundles
    /// and [`VesEvent`](crate::ves::VesEvent)'s own JSON keep them as hex).
    pub fn to_json(&self) -> String {
        // Every field is a plain string, number or JSON value, so this cannot fail.
        let mut body = serde_json::to_value(self).unwrap_or_default();
        let bundles = body
            .get_mut("events")
            .and_then(serde_json::Value::as_array_mut)
            .into_iter()
            .flatten()
            .filter_map(|event| event.get_mut("agent_signature_bundle").and_then(serde_json::Value::as_object_mut));
        for half in bundles.flat_map(|bundle| bundle.values_mut()) {
            // Written by SignatureBundle's serializer, so always `0x` hex.
            if let Some(bytes) = half.as_str().and_then(|text| crate::encoding::decode_hex("bundle", text).ok()) {
                *half = serde_json::Value::from(bytes);
            }
        }
        body.to_string()
    }
}

// VES commitments and proofs: `/api/v1/ves/…`, bare hex.

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

// Ingest response and receipts: camelCase keys, bare hex, whatever the server's own API
// documentation shows.

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
    /// Receipt hash ([`crate::ves::receipt_hash`] of tenant, store, event id, sequence number
    /// and payload hash); arrives without `0x`.
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
    /// The signature profile, compared case-insensitively: the server spells the values in mixed
    /// case (`ed25519`, `Ed25519MlDsa65`).
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
#[non_exhaustive]
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

// Error bodies: the server answers errors in three shapes, depending on which layer refused.

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
#[non_exhaustive]
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
