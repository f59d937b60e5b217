//! Wire types for the stateset-sequencer HTTP API, and pure decisions about its answers.
//!
//! Covers what the anchor daemon and the receipt tools read from the sequencer:
//!
//! | Endpoint | Type | Parser |
//! |---|---|---|
//! | `GET /v1/commitments/pending?limit=N` | [`PendingCommitmentsResponse`] | [`parse_pending`] |
//! | `POST /v1/commitments/{batch_id}/anchored` | [`AnchorNotification`] → [`AnchoredResponse`] | [`parse_anchored_response`], [`classify_anchored_response`] |
//! | `POST /api/v1/ves/commitments` ([`CommitmentRequest`]), `GET /api/v1/ves/commitments/{id}` | [`VesCommitment`] | [`parse_ves_commitment`] |
//! | `GET /api/v1/ves/commitments?tenant_id=&store_id=` ([`ves_commitment_list_path`]) | [`VesCommitmentList`] | [`parse_ves_commitment_list`] |
//! | `GET /api/v1/ves/proofs/{seq}` | [`VesInclusionProof`] | [`parse_inclusion_proof`] |
//! | `POST /api/v1/ves/events/ingest` (response only) | [`IngestResponse`] | [`parse_ingest_response`] |
//! | any error status | [`SequencerErrorBody`] | [`parse_error_body`] |
//!
//! Hex is accepted with or without `0x`, in any case, because the server is not uniform about it:
//! the anchor-compat endpoints (`/v1/commitments/…`) write `0x` hex, while the VES commitment,
//! proof and ingest-receipt answers write bare hex. Everything this module *writes* follows the
//! crate rule: `0x`-prefixed lowercase hex. The one exception is
//! [`IngestReceipt::sequencer_signature`], which is written as `""` when absent, as the server
//! does.
//!
//! Nothing here does I/O: the caller performs the HTTP exchange and hands the status, content type
//! and body text to these functions.

use alloc::string::String;

use crate::encoding::EncodingError;

mod anchored;
mod hex_fields;
mod parse;
mod paths;
mod wire;

#[cfg(test)]
mod tests;

pub use anchored::{classify_anchored_response, AnchoredOutcome};
pub use parse::{
    parse_agent_key_registered, parse_anchored_response, parse_error_body, parse_inclusion_proof, parse_ingest_receipt,
    parse_ingest_response, parse_pending, parse_ves_commitment, parse_ves_commitment_list,
};
pub use paths::{
    anchored_path, authorization_value, pending_path, ves_commitment_list_path, ves_commitment_path, ves_proof_path,
    AUTH_HEADER, INGEST_PATH, PENDING_LIMIT_DEFAULT, PENDING_LIMIT_MAX, VES_COMMITMENTS_PATH,
};
pub use wire::{
    AnchorNotification, AnchoredResponse, ApiErrorBody, ApiErrorDetail, AuthErrorBody, CommitmentRequest,
    ErrorBodyShape, IngestReceipt, IngestRejection, IngestRequest, IngestResponse, PendingCommitment,
    PendingCommitmentsResponse, ReceiptSignatureBundle, SequencerErrorBody, SignatureAlg, VesCommitment,
    VesCommitmentList, VesInclusionProof,
};

/// The commitment of the stream (`tenant_id`, `store_id`) whose range holds `sequence_number`,
/// among `commitments` (the sequencer's commitment list, or commitments fetched one by one);
/// `None` when none does (not committed yet).
pub fn commitment_holding<'a>(
    commitments: &'a [VesCommitment],
    tenant_id: &uuid::Uuid,
    store_id: &uuid::Uuid,
    sequence_number: u64,
) -> Option<&'a VesCommitment> {
    commitments.iter().find(|commitment| {
        commitment.tenant_id == *tenant_id
            && commitment.store_id == *store_id
            && (commitment.sequence_start..=commitment.sequence_end).contains(&sequence_number)
    })
}

/// A sequencer response body that this module cannot turn into the expected type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
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
