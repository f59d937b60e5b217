//! The HTTP side: routes, authentication, and the handlers, which read the request, let
//! `set-core` decide (`ves::validate`, `ves::agent_keys`, `ves::commitments`) and the
//! [`Store`] remember, and answer as the real server does.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use set_core::merkle::{MerkleTree, Scheme};
use set_core::sequencer::{
    PendingCommitment, PendingCommitmentsResponse, VesCommitment, VesInclusionProof, PENDING_LIMIT_DEFAULT,
    PENDING_LIMIT_MAX,
};
use set_core::ves::agent_keys::{check_registration, AgentKeyRegistered, AgentKeyRegistration, AGENT_KEYS_PATH};
use set_core::ves::commitments::{AnchoredRequest, CommitmentRequest};
use set_core::ves::rfc3339::Timestamp;
use set_core::ves::validate::{
    check_event, check_ingest_request, parse_ingest_request, BodyError, IngestRequestError, SecurityProfile,
};
use uuid::Uuid;

use crate::store::{AnchorMark, Anchoring, IngestJob, ReceiptSigner, Store, StoreError};

/// Settings of the server (the store is opened separately).
#[derive(Clone)]
pub struct Config {
    /// Bootstrap admin API key (`ss_…`); `None` disables auth (the real server's
    /// `AUTH_MODE=disabled`: every request is bootstrap admin).
    pub api_key: Option<String>,
    /// The receipt key and sequencer id.
    pub signer: ReceiptSigner,
    /// Percent of anchor-endpoint requests that fail (fault injection for chaos tests): half
    /// with an immediate 500, half with a 504 after `slow_failure`.
    pub fail_percent: u8,
    /// Delay of the slow failures.
    pub slow_failure: Duration,
}

struct Inner {
    config: Config,
    store: Store,
}

/// The server: its settings and its store; cheap to clone.
#[derive(Clone)]
pub struct DevSequencer(Arc<Inner>);

impl DevSequencer {
    /// A server over `store`.
    pub fn new(store: Store, config: Config) -> Self {
        DevSequencer(Arc::new(Inner { config, store }))
    }

    /// Every route of the server.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/health", get(|| async { Json(json!({"status": "ok"})) }))
            .route(AGENT_KEYS_PATH, post(register_key))
            .route(set_core::sequencer::INGEST_PATH, post(ingest))
            .route(set_core::sequencer::VES_COMMITMENTS_PATH, post(create_commitment).get(list_commitments))
            .route("/api/v1/ves/commitments/{id}", get(get_commitment))
            .route("/api/v1/ves/proofs/{seq}", get(get_proof))
            .route("/v1/commitments/pending", get(pending))
            .route("/v1/commitments/{id}/anchored", post(anchored))
            .with_state(self.clone())
    }

    /// The auth middleware's refusal, if any.
    fn check_auth(&self, headers: &HeaderMap) -> Option<Response> {
        let expected = self.0.config.api_key.as_ref()?;
        let value = headers
            .get("authorization")
            .or_else(|| headers.get("x-api-key"))
            .and_then(|v| v.to_str().ok())
            .map(str::trim);
        let Some(value) = value else { return Some(auth_error("Missing authentication", "missing_auth")) };
        let key = if let Some(rest) = value.strip_prefix("ApiKey ") {
            rest.trim()
        } else if value.starts_with("Bearer ") {
            return Some(auth_error("Invalid JWT", "invalid_jwt"));
        } else {
            value
        };
        if key.starts_with("ss_") && key == expected {
            None
        } else {
            Some(auth_error("Invalid API key", "invalid_api_key"))
        }
    }

    /// An injected failure, `fail_percent` of the time: half are an immediate 500, half answer
    /// 504 only after [`Config::slow_failure`] (a client with a shorter timeout sees a timeout).
    async fn maybe_fail(&self) -> Option<Response> {
        let percent = self.0.config.fail_percent;
        let roll = Uuid::new_v4();
        if percent == 0 || roll.as_bytes()[0] % 100 >= percent {
            return None;
        }
        if roll.as_bytes()[1].is_multiple_of(2) {
            return Some(internal());
        }
        tokio::time::sleep(self.0.config.slow_failure).await;
        Some(text(StatusCode::GATEWAY_TIMEOUT, "Request timed out"))
    }

    fn store(&self) -> &Store {
        &self.0.store
    }
}

fn text(status: StatusCode, message: &str) -> Response {
    (status, [("content-type", "text/plain; charset=utf-8")], message.to_owned()).into_response()
}

fn internal() -> Response {
    text(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error")
}

fn store_failed(err: StoreError) -> Response {
    tracing::error!("{err}");
    internal()
}

fn auth_error(message: &str, code: &str) -> Response {
    (StatusCode::UNAUTHORIZED, Json(json!({"error": message, "code": code}))).into_response()
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST)
}

/// The JSON extractor's refusal of a body (plain text).
fn body_error(err: &BodyError) -> Response {
    text(status(err.status()), &err.to_string())
}

/// The JSON extractor's refusal of a body not declared as JSON, if any.
fn require_json(headers: &HeaderMap) -> Option<Response> {
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let mime = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json")) {
        None
    } else {
        Some(text(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Expected request with `Content-Type: application/json`"))
    }
}

/// The ingest handlers' JSON error (`{"error": {"code", "numeric_code", "message"}}` and an
/// `x-error-code` header).
fn ingest_error(err: &IngestRequestError) -> Response {
    let body = json!({"error": {"code": err.code(), "numeric_code": err.numeric_code(), "message": err.to_string()}});
    (status(err.status()), [("x-error-code", err.code())], Json(body)).into_response()
}

/// Rewrites `0x`-prefixed strings of the named keys without the prefix (the `/api` responses).
fn strip_0x(value: &mut Value, keys: &[&str]) {
    let strip = |s: &mut String| {
        if let Some(rest) = s.strip_prefix("0x") {
            *s = rest.to_owned();
        }
    };
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(s) if keys.contains(&key.as_str()) => strip(s),
                    Value::Array(items) if keys.contains(&key.as_str()) => {
                        items.iter_mut().for_each(|entry| match entry {
                            Value::String(s) => strip(s),
                            other => strip_0x(other, keys),
                        })
                    }
                    other => strip_0x(other, keys),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| strip_0x(item, keys)),
        _ => {}
    }
}

const HEX_KEYS: [&str; 8] = [
    "merkle_root",
    "prev_state_root",
    "new_state_root",
    "chain_tx_hash",
    "leaf_hash",
    "proof_path",
    "receiptHash",
    "sequencerSignature",
];

/// An `/api` answer: the wire type's JSON without the `0x` of its hex, without `drop` keys.
fn api_json(value: impl Serialize, drop: &[&str]) -> Response {
    match serde_json::to_value(value) {
        Ok(mut value) => {
            if let Value::Object(map) = &mut value {
                drop.iter().for_each(|key| {
                    map.remove(*key);
                });
            }
            strip_0x(&mut value, &HEX_KEYS);
            Json(value).into_response()
        }
        Err(_) => internal(),
    }
}

fn now() -> (chrono::DateTime<Utc>, Timestamp) {
    let at = Utc::now();
    (at, Timestamp::from_unix(at.timestamp(), at.timestamp_subsec_nanos()))
}

async fn register_key(State(seq): State<DevSequencer>, headers: HeaderMap, body: String) -> Response {
    if let Some(refused) = seq.check_auth(&headers).or_else(|| require_json(&headers)) {
        return refused;
    }
    let registration = match AgentKeyRegistration::from_json(&body) {
        Ok(registration) => registration,
        Err(err) => return body_error(&err),
    };
    let key = match check_registration(&registration, SecurityProfile::Legacy) {
        Ok(key) => key,
        Err(err) => return text(StatusCode::BAD_REQUEST, &err.to_string()),
    };
    let stored =
        seq.store().register_key(registration.tenant_id, registration.agent_id, registration.key_id, key).await;
    match stored {
        Ok(true) => Json(AgentKeyRegistered::to(&registration).to_value()).into_response(),
        // The real server's insert fails on its primary key and answers a bare 500.
        Ok(false) => {
            tracing::warn!(agent = %registration.agent_id, key_id = registration.key_id, "agent key already registered");
            internal()
        }
        Err(err) => store_failed(err),
    }
}

async fn ingest(State(seq): State<DevSequencer>, headers: HeaderMap, body: String) -> Response {
    if let Some(refused) = seq.check_auth(&headers).or_else(|| require_json(&headers)) {
        return refused;
    }
    let request = match parse_ingest_request(&body) {
        Ok(request) => request,
        Err(err) => return body_error(&err),
    };
    if let Err(err) = check_ingest_request(&request) {
        return ingest_error(&err);
    }
    let first = &request.events[0].event;
    let (tenant_id, store_id) = (first.tenant_id, first.store_id);
    let wanted = request.events.iter().map(|e| (e.event.source_agent_id, e.event.agent_key_id)).collect();
    let keys = match seq.store().agent_keys(tenant_id, wanted).await {
        Ok(keys) => keys,
        Err(err) => return store_failed(err),
    };
    // Signature checks are CPU work: off the runtime's threads, and off the store's.
    let (_, at) = now();
    let events = request.events;
    let checked = tokio::task::spawn_blocking(move || {
        let checks = events
            .iter()
            .map(|e| {
                let key = keys.get(&(e.event.source_agent_id, e.event.agent_key_id));
                check_event(e, key, at, SecurityProfile::Legacy)
            })
            .collect::<Vec<_>>();
        (events, checks)
    })
    .await;
    let Ok((events, checks)) = checked else { return internal() };
    let job = IngestJob { tenant_id, store_id, events, checks, signer: seq.0.config.signer.clone() };
    match seq.store().ingest(job).await {
        Ok(response) => api_json(response, &[]),
        Err(err) => store_failed(err),
    }
}

async fn create_commitment(State(seq): State<DevSequencer>, headers: HeaderMap, body: String) -> Response {
    if let Some(refused) = seq.check_auth(&headers).or_else(|| require_json(&headers)) {
        return refused;
    }
    let request = match CommitmentRequest::from_json(&body) {
        Ok(request) => request,
        Err(err) => return body_error(&err),
    };
    match seq.store().commit(request, Utc::now()).await {
        Ok(Ok(commitment)) => api_json(commitment, &UNANCHORED_KEYS),
        Ok(Err(refused)) => text(StatusCode::BAD_REQUEST, &refused.body()),
        Err(err) => store_failed(err),
    }
}

/// The keys a commitment's create answer does not have (and the stream list drops all but
/// `is_anchored`).
const UNANCHORED_KEYS: [&str; 5] = ["chain_id", "chain_tx_hash", "chain_block_number", "anchored_at", "is_anchored"];

#[derive(Deserialize)]
struct StreamQuery {
    tenant_id: Uuid,
    store_id: Uuid,
}

async fn list_commitments(
    State(seq): State<DevSequencer>,
    headers: HeaderMap,
    Query(q): Query<StreamQuery>,
) -> Response {
    if let Some(refused) = seq.check_auth(&headers) {
        return refused;
    }
    let commitments = match seq.store().unanchored(q.tenant_id, q.store_id).await {
        Ok(commitments) => commitments,
        Err(err) => return store_failed(err),
    };
    let mut items = Vec::new();
    for mut commitment in commitments {
        commitment.is_anchored = Some(false);
        let Ok(mut item) = serde_json::to_value(commitment) else { return internal() };
        if let Value::Object(map) = &mut item {
            UNANCHORED_KEYS[..4].iter().for_each(|key| {
                map.remove(*key);
            });
        }
        items.push(item);
    }
    api_json(json!({"count": items.len(), "commitments": items}), &[])
}

async fn get_commitment(State(seq): State<DevSequencer>, headers: HeaderMap, Path(id): Path<Uuid>) -> Response {
    if let Some(refused) = seq.check_auth(&headers) {
        return refused;
    }
    match seq.store().commitment(id).await {
        Ok(Some(mut c)) => {
            c.is_anchored = Some(c.anchored_at.is_some());
            api_json(c, &[])
        }
        Ok(None) => text(StatusCode::NOT_FOUND, "Commitment not found"),
        Err(err) => store_failed(err),
    }
}

#[derive(Deserialize)]
struct ProofQuery {
    tenant_id: Uuid,
    store_id: Uuid,
    batch_id: Uuid,
}

async fn get_proof(
    State(seq): State<DevSequencer>,
    headers: HeaderMap,
    Path(sequence_number): Path<u64>,
    Query(q): Query<ProofQuery>,
) -> Response {
    if let Some(refused) = seq.check_auth(&headers) {
        return refused;
    }
    let c = match seq.store().commitment(q.batch_id).await {
        Ok(Some(c)) => c,
        Ok(None) => return text(StatusCode::NOT_FOUND, "Commitment not found"),
        Err(err) => return store_failed(err),
    };
    if c.tenant_id != q.tenant_id || c.store_id != q.store_id {
        return text(StatusCode::FORBIDDEN, "Commitment access denied");
    }
    if !(c.sequence_start..=c.sequence_end).contains(&sequence_number) {
        return text(StatusCode::BAD_REQUEST, "Sequence number not in commitment range");
    }
    let leaves = match seq.store().leaves(c.tenant_id, c.store_id, c.sequence_start, c.sequence_end).await {
        Ok(leaves) => leaves,
        Err(err) => return store_failed(err),
    };
    let Ok(tree) = MerkleTree::build(Scheme::VesSha256V1, &leaves) else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "Commitment range contains no events");
    };
    if tree.root() != c.merkle_root {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "Commitment merkle_root does not match ves_events");
    }
    let index = sequence_number - c.sequence_start;
    let (Ok(proof_path), Some(leaf_hash)) = (tree.proof(index as usize), leaves.get(index as usize)) else {
        return internal();
    };
    let directions = (0..proof_path.len()).map(|level| (index >> level) & 1 == 0).collect();
    let proof = VesInclusionProof {
        sequence_number,
        batch_id: c.batch_id,
        merkle_root: c.merkle_root,
        leaf_hash: *leaf_hash,
        leaf_index: index,
        proof_path,
        directions,
    };
    api_json(proof, &[])
}

#[derive(Deserialize)]
struct LimitQuery {
    limit: Option<u32>,
}

async fn pending(State(seq): State<DevSequencer>, headers: HeaderMap, Query(q): Query<LimitQuery>) -> Response {
    if let Some(refused) = seq.check_auth(&headers) {
        return refused;
    }
    if let Some(failure) = seq.maybe_fail().await {
        return failure;
    }
    let limit = q.limit.unwrap_or(PENDING_LIMIT_DEFAULT).min(PENDING_LIMIT_MAX);
    let commitments = match seq.store().pending(limit).await {
        Ok(commitments) => commitments,
        Err(err) => return store_failed(err),
    };
    let commitments: Vec<PendingCommitment> = commitments.iter().map(pending_item).collect();
    let total = commitments.len() as u64;
    Json(PendingCommitmentsResponse { commitments, total }).into_response()
}

fn pending_item(c: &VesCommitment) -> PendingCommitment {
    PendingCommitment {
        batch_id: c.batch_id,
        tenant_id: c.tenant_id,
        store_id: c.store_id,
        prev_state_root: c.prev_state_root,
        new_state_root: c.new_state_root,
        events_root: c.merkle_root,
        sequence_start: c.sequence_start,
        sequence_end: c.sequence_end,
        event_count: c.leaf_count as u32,
        committed_at: c.committed_at.clone(),
        chain_tx_hash: None,
    }
}

async fn anchored(
    State(seq): State<DevSequencer>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: String,
) -> Response {
    if let Some(refused) = seq.check_auth(&headers) {
        return refused;
    }
    let Ok(id) = Uuid::try_parse(&id) else {
        return text(StatusCode::BAD_REQUEST, "Invalid URL: Cannot parse `batch_id` to a UUID");
    };
    if let Some(refused) = require_json(&headers) {
        return refused;
    }
    let request = match AnchoredRequest::from_json(&body) {
        Ok(request) => request,
        Err(err) => return body_error(&err),
    };
    if let Some(failure) = seq.maybe_fail().await {
        return failure;
    }
    // The server looks the commitment up before it checks the body's values.
    match seq.store().commitment(id).await {
        Ok(Some(_)) => {}
        Ok(None) => return text(StatusCode::NOT_FOUND, "Commitment not found"),
        Err(err) => return store_failed(err),
    }
    let (chain_id, chain_tx_hash) = match request.check() {
        Ok(checked) => checked,
        Err(err) => return text(StatusCode::BAD_REQUEST, &err.to_string()),
    };
    let mark = AnchorMark { chain_tx_hash, chain_id, block_number: request.block_number, at: Utc::now() };
    match seq.store().mark_anchored(id, mark).await {
        Ok(Anchoring::Anchored) => Json(json!({
            "batch_id": id,
            "status": "anchored",
            "chain_tx_hash": format!("{chain_tx_hash}"),
            "chain_id": chain_id,
            "block_number": request.block_number,
        }))
        .into_response(),
        Ok(Anchoring::AlreadyAnchored { same_hash: true }) => {
            Json(json!({"batch_id": id, "status": "already_anchored"})).into_response()
        }
        Ok(Anchoring::AlreadyAnchored { same_hash: false }) => {
            text(StatusCode::CONFLICT, "commitment already anchored with different tx hash")
        }
        Ok(Anchoring::NotFound) => text(StatusCode::NOT_FOUND, "Commitment not found"),
        Err(err) => store_failed(err),
    }
}

#[cfg(test)]
mod tests;
