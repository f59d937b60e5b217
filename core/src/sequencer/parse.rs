//! Parsers of the response bodies: serde for the shape, plus a second walk that turns a bad hex
//! field into an [`EncodingError`] naming its full path.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};

use serde_json::Value;

use super::hex_fields::{decode_signature, is_empty_hex};
use super::wire::{
    AnchoredResponse, ApiErrorBody, AuthErrorBody, ErrorBodyShape, IngestReceipt, IngestResponse,
    PendingCommitmentsResponse, SequencerErrorBody, VesCommitment, VesCommitmentList, VesInclusionProof,
};
use super::SequencerApiError;
use crate::encoding::{decode_b256, EncodingError};
use crate::ves::agent_keys::AgentKeyRegistered;

/// Reads an error body of any of the three shapes ([`ErrorBodyShape`]).
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
    parse_body("ingest response", body, |value| each_item(value, "receipts", check_receipt_hex))
}

/// Parses one receipt of an ingest answer (camelCase keys, as [`parse_ingest_response`] reads
/// each item, or as an [`IngestReceipt`] is written): what a store agent keeps until the bundle
/// is assembled.
///
/// # Errors
/// [`SequencerApiError::Encoding`] naming `receiptHash` or `sequencerSignature`;
/// [`SequencerApiError::Json`] otherwise.
pub fn parse_ingest_receipt(body: &str) -> Result<IngestReceipt, SequencerApiError> {
    parse_body("ingest receipt", body, |value| check_receipt_hex(value, ""))
}

/// Parses a 200 body of `POST /api/v1/agents/keys` (an agent key registered).
///
/// # Errors
/// [`SequencerApiError::Json`] for anything but that answer (its keys have no hex).
pub fn parse_agent_key_registered(body: &str) -> Result<AgentKeyRegistered, SequencerApiError> {
    parse_body("agent key registration answer", body, |_| Ok(()))
}

fn check_receipt_hex(item: &Value, path: &str) -> Result<(), EncodingError> {
    check_b256(item, path, "receiptHash", HexRule::B256)?;
    match item.get("sequencerSignature").and_then(Value::as_str) {
        Some(text) => decode_signature(&field_path(path, "sequencerSignature"), text).map(drop),
        None => Ok(()),
    }
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

pub(super) fn json_error(what: &'static str, err: &serde_json::Error) -> SequencerApiError {
    SequencerApiError::Json { what, reason: strip_position(err), line: err.line(), column: err.column() }
}

/// serde_json appends " at line L column C" to its message; those are separate fields here.
pub(super) fn strip_position(err: &serde_json::Error) -> String {
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
