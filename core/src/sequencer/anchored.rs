//! The rules for the answer to an anchored notification: which HTTP status and body mean
//! success, a conflict, a retry, or a caller's bug.

use alloc::borrow::ToOwned;
use alloc::string::{String, ToString};

use uuid::Uuid;

use super::parse::{parse_anchored_response, parse_error_body};
use super::wire::{AnchoredResponse, ErrorBodyShape};
use crate::encoding::B256;

/// What an anchored notification achieved, decided from the HTTP status and body alone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
/// JSON, ingest JSON or plain text) is sniffed, so no content type is needed.
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
