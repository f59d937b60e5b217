//! A small, real implementation of the stateset-sequencer endpoints the anchor and the SDK use,
//! for local networks, the demo and the tests (binary `set-dev-sequencer`).
//!
//! | Endpoint | Behaviour |
//! |---|---|
//! | `POST /api/v1/ves/events/ingest` | sequences signed events per stream, idempotent on `event_id`; Ed25519 receipts |
//! | `POST /api/v1/ves/commitments` | commits a range with `set-core`'s tree and state roots; idempotent on `sequence_start` |
//! | `GET /api/v1/ves/commitments/{id}`, `GET /api/v1/ves/commitments?tenant_id=&store_id=` | as the real server |
//! | `GET /api/v1/ves/proofs/{seq}?tenant_id=&store_id=&batch_id=` | inclusion proof |
//! | `GET /v1/commitments/pending?limit=N` | unanchored commitments, oldest first (default 1000, cap 5000) |
//! | `POST /v1/commitments/{id}/anchored` | 200 `anchored` / 200 `already_anchored` / 409 / 404 / 400 |
//! | `GET /health` | `{"status":"ok"}` |
//!
//! JSON follows the real server field for field (docs/protocol.md, "Sequencer HTTP API"): `/api`
//! responses write hex without `0x`, the anchor-compat endpoints with `0x`. Auth: with an API key
//! configured (it must start with `ss_`), every endpoint but `/health` needs
//! `Authorization: ApiKey <key>`, a raw `ss_` key, or `X-API-Key`; errors are the auth
//! middleware's JSON. Without a key auth is disabled (the real server's `AUTH_MODE=disabled`).
//!
//! Store: a JSON snapshot (`--store`) plus an append-only journal next to it (`<store>.journal`,
//! one JSON line per change, `fsync`ed before the answer). On start the journal is replayed (a torn
//! last line is ignored), a new snapshot is written atomically (temp file, fsync, rename) and the
//! journal is emptied. So the server survives its own restart, even after `kill -9`.
//!
//! Simplifications (documented, not hidden): agent signatures are not verified (there is no
//! agent-key registry), and one sequencer key signs every receipt.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use set_core::encoding::B256;
use set_core::merkle::{MerkleTree, Scheme};
use set_core::sequencer::{
    AnchorNotification, IngestReceipt, IngestRejection, IngestRequest, IngestResponse, PendingCommitment,
    PendingCommitmentsResponse, VesCommitment, VesInclusionProof, PENDING_LIMIT_DEFAULT, PENDING_LIMIT_MAX,
};
use tokio::sync::Mutex;
use uuid::Uuid;

use crate::timefmt::rfc3339;

/// Failures of the dev sequencer's store.
#[derive(Debug, thiserror::Error)]
pub enum DevSequencerError {
    /// Reading or writing the store file.
    #[error("store {path}: {message}")]
    Store {
        /// The file.
        path: String,
        /// What failed.
        message: String,
    },
}

/// One sequenced event as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredEvent {
    event_id: Uuid,
    sequence_number: u64,
    signing_hash: B256,
    leaf_hash: B256,
    receipt: IngestReceipt,
}

/// One stream's events.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct StoredStream {
    tenant_id: Uuid,
    store_id: Uuid,
    events: Vec<StoredEvent>,
}

/// The persisted state.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Store {
    streams: BTreeMap<String, StoredStream>,
    commitments: Vec<VesCommitment>,
}

/// One change, as a journal line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum JournalEntry {
    /// An event was sequenced.
    Event { tenant_id: Uuid, store_id: Uuid, event: StoredEvent },
    /// A commitment was created or changed (upsert by `batch_id`).
    Commitment(VesCommitment),
}

impl Store {
    fn apply(&mut self, entry: JournalEntry) {
        match entry {
            JournalEntry::Event { tenant_id, store_id, event } => {
                let stream = self.streams.entry(stream_key(&tenant_id, &store_id)).or_insert_with(|| StoredStream {
                    tenant_id,
                    store_id,
                    events: Vec::new(),
                });
                if !stream.events.iter().any(|e| e.event_id == event.event_id) {
                    stream.events.push(event);
                }
            }
            JournalEntry::Commitment(commitment) => {
                match self.commitments.iter_mut().find(|c| c.batch_id == commitment.batch_id) {
                    Some(existing) => *existing = commitment,
                    None => self.commitments.push(commitment),
                }
            }
        }
    }
}

fn stream_key(tenant: &Uuid, store: &Uuid) -> String {
    format!("{tenant}/{store}")
}

/// Settings of the dev sequencer.
#[derive(Debug, Clone)]
pub struct DevSequencerConfig {
    /// JSON store file.
    pub store_path: PathBuf,
    /// Bootstrap admin API key (`ss_…`); `None` disables auth.
    pub api_key: Option<String>,
    /// Ed25519 seed of the receipt-signing key.
    pub signing_seed: [u8; 32],
    /// Sequencer id written into receipts.
    pub sequencer_id: Uuid,
    /// Percent of anchor-compat requests that fail (fault injection for chaos tests): half with
    /// an immediate 500, half with a 504 after `slow_failure`.
    pub fail_percent: u8,
    /// Delay of the slow failures.
    pub slow_failure: std::time::Duration,
}

struct Inner {
    config: DevSequencerConfig,
    store: Mutex<Store>,
    journal: std::sync::Mutex<std::fs::File>,
}

/// Shared state of the server.
#[derive(Clone)]
pub struct DevSequencer(Arc<Inner>);

impl DevSequencer {
    /// Opens (or creates) the store.
    ///
    /// # Errors
    /// [`DevSequencerError::Store`] if the file exists but cannot be read or parsed.
    pub fn open(config: DevSequencerConfig) -> Result<Self, DevSequencerError> {
        let err = |message: String| DevSequencerError::Store { path: config.store_path.display().to_string(), message };
        let mut store: Store = match std::fs::read(&config.store_path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| err(e.to_string()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Store::default(),
            Err(e) => return Err(err(e.to_string())),
        };
        let journal_path = journal_path(&config.store_path);
        match std::fs::read_to_string(&journal_path) {
            Ok(text) => {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    // A torn last line (crash mid-write) was never acknowledged: skip it.
                    if let Ok(entry) = serde_json::from_str::<JournalEntry>(line) {
                        store.apply(entry);
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(err(e.to_string())),
        }
        let snapshot = serde_json::to_vec(&store).map_err(|e| err(e.to_string()))?;
        write_atomically(&config.store_path, &snapshot).map_err(|e| err(e.to_string()))?;
        let journal = std::fs::File::create(&journal_path).map_err(|e| err(e.to_string()))?;
        let inner = Inner { config, store: Mutex::new(store), journal: std::sync::Mutex::new(journal) };
        Ok(DevSequencer(Arc::new(inner)))
    }

    /// The router.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/health", get(|| async { Json(json!({"status": "ok"})) }))
            .route("/api/v1/ves/events/ingest", post(ingest))
            .route("/api/v1/ves/commitments", post(create_commitment).get(list_commitments))
            .route("/api/v1/ves/commitments/{id}", get(get_commitment))
            .route("/api/v1/ves/proofs/{seq}", get(get_proof))
            .route("/v1/commitments/pending", get(pending))
            .route("/v1/commitments/{id}/anchored", post(anchored))
            .with_state(self.clone())
    }

    /// Appends `entries` to the journal and syncs it (called with the store lock held, so
    /// lines are in the order the changes were made). Returns the 500 to send if that fails.
    fn persist(&self, entries: &[JournalEntry]) -> Option<Response> {
        use std::io::Write as _;
        let mut bytes = Vec::new();
        for entry in entries {
            if serde_json::to_writer(&mut bytes, entry).is_err() {
                return Some(internal());
            }
            bytes.push(b'\n');
        }
        let mut journal = self.0.journal.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match journal.write_all(&bytes).and_then(|()| journal.sync_data()) {
            Ok(()) => None,
            Err(err) => {
                tracing::error!("journal write failed: {err}");
                Some(internal())
            }
        }
    }

    /// The auth middleware's rejection, if any.
    fn check_auth(&self, headers: &HeaderMap) -> Option<Response> {
        let Some(expected) = &self.0.config.api_key else { return None };
        let value = headers
            .get("authorization")
            .or_else(|| headers.get("x-api-key"))
            .and_then(|v| v.to_str().ok())
            .map(str::trim);
        let Some(value) = value else {
            return Some(auth_error("Missing authentication", "missing_auth"));
        };
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
    /// 504 only after [`DevSequencerConfig::slow_failure`] (a client with a shorter timeout sees a
    /// timeout).
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
}

fn journal_path(store: &std::path::Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let tmp = path.with_extension("tmp");
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn text(status: StatusCode, message: &str) -> Response {
    (status, [("content-type", "text/plain; charset=utf-8")], message.to_owned()).into_response()
}

fn internal() -> Response {
    text(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error")
}

fn auth_error(message: &str, code: &str) -> Response {
    (StatusCode::UNAUTHORIZED, Json(json!({"error": message, "code": code}))).into_response()
}

fn api_error(status: StatusCode, code: &str, numeric: u32, message: &str) -> Response {
    let body = Json(json!({"error": {"code": code, "numeric_code": numeric, "message": message}}));
    (status, [("x-error-code", code.to_owned())], body).into_response()
}

/// Rewrites `0x`-prefixed strings of the named keys without the prefix (the `/api` responses).
fn strip_0x(value: &mut Value, keys: &[&str]) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if keys.contains(&key.as_str()) {
                    match item {
                        Value::String(s) => {
                            if let Some(rest) = s.strip_prefix("0x") {
                                *s = rest.to_owned();
                            }
                        }
                        Value::Array(items) => {
                            for entry in items {
                                if let Value::String(s) = entry {
                                    if let Some(rest) = s.strip_prefix("0x") {
                                        *s = rest.to_owned();
                                    }
                                }
                            }
                        }
                        _ => strip_0x(item, keys),
                    }
                } else {
                    strip_0x(item, keys);
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

fn api_json(value: impl Serialize) -> Response {
    match serde_json::to_value(value) {
        Ok(mut value) => {
            strip_0x(&mut value, &HEX_KEYS);
            Json(value).into_response()
        }
        Err(_) => internal(),
    }
}

async fn ingest(State(seq): State<DevSequencer>, headers: HeaderMap, body: String) -> Response {
    if let Some(resp) = seq.check_auth(&headers) {
        return resp;
    }
    let request: IngestRequest = match serde_json::from_str(&body) {
        Ok(request) => request,
        Err(err) => return api_error(StatusCode::BAD_REQUEST, "INVALID_REQUEST", 3000, &err.to_string()),
    };
    let Some(first) = request.events.first() else {
        return api_error(StatusCode::BAD_REQUEST, "INVALID_REQUEST", 3000, "events must not be empty");
    };
    let (tenant, store_id) = (first.tenant_id, first.store_id);
    if request.events.iter().any(|e| e.tenant_id != tenant || e.store_id != store_id) {
        return api_error(
            StatusCode::BAD_REQUEST,
            "INVALID_FIELD_VALUE",
            3003,
            "all events must share tenant and store",
        );
    }
    if request.events.iter().any(|e| e.source_agent_id != request.agent_id) {
        return api_error(StatusCode::BAD_REQUEST, "INVALID_FIELD_VALUE", 3003, "source_agent_id must equal agentId");
    }
    let mut store = seq.0.store.lock().await;
    let key = stream_key(&tenant, &store_id);
    let stream =
        store.streams.entry(key).or_insert_with(|| StoredStream { tenant_id: tenant, store_id, events: Vec::new() });
    let (mut accepted, mut rejections, mut receipts) = (0u32, Vec::new(), Vec::new());
    let mut journal = Vec::new();
    let (mut seq_start, mut seq_end) = (None, None);
    for event in &request.events {
        let signing_hash = match event.signing_hash() {
            Ok(hash) => hash,
            Err(err) => {
                rejections.push(IngestRejection {
                    event_id: event.event_id,
                    reason: "invalid".into(),
                    message: err.to_string(),
                });
                continue;
            }
        };
        if let Some(existing) = stream.events.iter().find(|e| e.event_id == event.event_id) {
            if existing.signing_hash == signing_hash {
                receipts.push(existing.receipt.clone());
            } else {
                rejections.push(IngestRejection {
                    event_id: event.event_id,
                    reason: "duplicate".into(),
                    message: "event_id already sequenced with different content".into(),
                });
            }
            continue;
        }
        let sequence_number = stream.events.last().map_or(1, |e| e.sequence_number + 1);
        let leaf_hash =
            set_core::ves::leaf_hash(&tenant, &store_id, sequence_number, &signing_hash, &event.agent_signature);
        let receipt_hash =
            set_core::ves::receipt_hash(&tenant, &store_id, &event.event_id, sequence_number, &signing_hash);
        let signature = set_core::ves::signing::sign(&seq.0.config.signing_seed, &receipt_hash);
        let receipt = IngestReceipt {
            sequencer_id: seq.0.config.sequencer_id,
            event_id: event.event_id,
            sequence_number,
            sequenced_at: rfc3339(SystemTime::now()).replace('Z', "+00:00"),
            receipt_hash,
            signature_alg: "ed25519".into(),
            sequencer_signature: Some(signature),
            sequencer_key_version: 0,
            receipt_signature_scheme: Some(1),
            receipt_signature_bundle: None,
        };
        let stored = StoredEvent {
            event_id: event.event_id,
            sequence_number,
            signing_hash,
            leaf_hash,
            receipt: receipt.clone(),
        };
        journal.push(JournalEntry::Event { tenant_id: tenant, store_id, event: stored.clone() });
        stream.events.push(stored);
        receipts.push(receipt);
        accepted += 1;
        seq_start.get_or_insert(sequence_number);
        seq_end = Some(sequence_number);
    }
    let head_sequence = stream.events.last().map_or(0, |e| e.sequence_number);
    let response = IngestResponse {
        batch_id: Uuid::new_v4(),
        events_accepted: accepted,
        events_rejected: rejections.len() as u32,
        sequence_start: seq_start,
        sequence_end: seq_end,
        head_sequence,
        rejections,
        receipts,
    };
    if let Some(resp) = seq.persist(&journal) {
        return resp;
    }
    api_json(response)
}

#[derive(Deserialize)]
struct CreateCommitment {
    tenant_id: Uuid,
    store_id: Uuid,
    sequence_start: u64,
    sequence_end: u64,
}

fn create_view(c: &VesCommitment) -> Response {
    match serde_json::to_value(c) {
        Ok(mut value) => {
            if let Value::Object(map) = &mut value {
                for key in ["chain_id", "chain_tx_hash", "chain_block_number", "anchored_at", "is_anchored"] {
                    map.remove(key);
                }
            }
            strip_0x(&mut value, &HEX_KEYS);
            Json(value).into_response()
        }
        Err(_) => internal(),
    }
}

async fn create_commitment(State(seq): State<DevSequencer>, headers: HeaderMap, body: String) -> Response {
    if let Some(resp) = seq.check_auth(&headers) {
        return resp;
    }
    let request: CreateCommitment = match serde_json::from_str(&body) {
        Ok(request) => request,
        Err(err) => return text(StatusCode::UNPROCESSABLE_ENTITY, &err.to_string()),
    };
    let mut store = seq.0.store.lock().await;
    let same_stream = |c: &&VesCommitment| c.tenant_id == request.tenant_id && c.store_id == request.store_id;
    if let Some(existing) =
        store.commitments.iter().filter(same_stream).find(|c| c.sequence_start == request.sequence_start)
    {
        if existing.sequence_end == request.sequence_end {
            return create_view(existing);
        }
        return text(
            StatusCode::BAD_REQUEST,
            &format!("internal error: commitment already exists for start {}", request.sequence_start),
        );
    }
    let last = store.commitments.iter().filter(same_stream).max_by_key(|c| c.sequence_end);
    let (prev_root, expected_start) = last.map_or((B256::ZERO, 1), |c| (c.new_state_root, c.sequence_end + 1));
    let prev_end = expected_start - 1;
    if request.sequence_start != expected_start {
        return text(
            StatusCode::BAD_REQUEST,
            &format!(
                "internal error: commitment range must start at {expected_start} (next after last committed sequence {prev_end})"
            ),
        );
    }
    let Some(stream) = store.streams.get(&stream_key(&request.tenant_id, &request.store_id)) else {
        return text(StatusCode::BAD_REQUEST, "internal error: no VES events in range for commitment");
    };
    let leaves: Vec<B256> = stream
        .events
        .iter()
        .filter(|e| (request.sequence_start..=request.sequence_end).contains(&e.sequence_number))
        .map(|e| e.leaf_hash)
        .collect();
    let expected = request.sequence_end.saturating_sub(request.sequence_start).saturating_add(1);
    if leaves.is_empty() || request.sequence_end < request.sequence_start || leaves.len() as u64 != expected {
        return text(
            StatusCode::BAD_REQUEST,
            &format!(
                "internal error: VES commitment range {}..={} contains {} events but expected {expected}",
                request.sequence_start,
                request.sequence_end,
                leaves.len()
            ),
        );
    }
    let batch = match set_core::ves::commit_batch(
        &request.tenant_id,
        &request.store_id,
        &prev_root,
        request.sequence_start,
        &leaves,
    ) {
        Ok(batch) => batch,
        Err(err) => return text(StatusCode::BAD_REQUEST, &format!("internal error: {err}")),
    };
    let commitment = VesCommitment {
        batch_id: Uuid::new_v4(),
        tenant_id: request.tenant_id,
        store_id: request.store_id,
        ves_version: 1,
        tree_depth: batch.tree.depth() as u32,
        leaf_count: u64::from(batch.leaf_count),
        padded_leaf_count: batch.tree.padded_leaf_count() as u64,
        merkle_root: batch.merkle_root,
        prev_state_root: batch.prev_state_root,
        new_state_root: batch.new_state_root,
        sequence_start: batch.sequence_start,
        sequence_end: batch.sequence_end,
        committed_at: rfc3339(SystemTime::now()),
        chain_id: None,
        chain_tx_hash: None,
        chain_block_number: None,
        anchored_at: None,
        is_anchored: None,
    };
    store.commitments.push(commitment.clone());
    if let Some(resp) = seq.persist(&[JournalEntry::Commitment(commitment.clone())]) {
        return resp;
    }
    create_view(&commitment)
}

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
    if let Some(resp) = seq.check_auth(&headers) {
        return resp;
    }
    let store = seq.0.store.lock().await;
    let commitments: Vec<VesCommitment> = store
        .commitments
        .iter()
        .filter(|c| c.tenant_id == q.tenant_id && c.store_id == q.store_id && c.chain_tx_hash.is_none())
        .map(|c| {
            let mut c = c.clone();
            c.is_anchored = Some(false);
            c
        })
        .collect();
    let mut value = match serde_json::to_value(json!({"count": commitments.len(), "commitments": commitments})) {
        Ok(value) => value,
        Err(_) => return internal(),
    };
    if let Some(Value::Array(items)) = value.get_mut("commitments") {
        for item in items {
            if let Value::Object(map) = item {
                for key in ["chain_id", "chain_tx_hash", "chain_block_number", "anchored_at"] {
                    map.remove(key);
                }
            }
        }
    }
    strip_0x(&mut value, &HEX_KEYS);
    Json(value).into_response()
}

async fn get_commitment(State(seq): State<DevSequencer>, headers: HeaderMap, Path(id): Path<Uuid>) -> Response {
    if let Some(resp) = seq.check_auth(&headers) {
        return resp;
    }
    let store = seq.0.store.lock().await;
    match store.commitments.iter().find(|c| c.batch_id == id) {
        Some(c) => {
            let mut c = c.clone();
            c.is_anchored = Some(c.anchored_at.is_some());
            api_json(c)
        }
        None => text(StatusCode::NOT_FOUND, "Commitment not found"),
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
    if let Some(resp) = seq.check_auth(&headers) {
        return resp;
    }
    let store = seq.0.store.lock().await;
    let Some(c) = store.commitments.iter().find(|c| c.batch_id == q.batch_id) else {
        return text(StatusCode::NOT_FOUND, "Commitment not found");
    };
    if c.tenant_id != q.tenant_id || c.store_id != q.store_id {
        return text(StatusCode::FORBIDDEN, "Commitment access denied");
    }
    if !(c.sequence_start..=c.sequence_end).contains(&sequence_number) {
        return text(StatusCode::BAD_REQUEST, "Sequence number not in commitment range");
    }
    let Some(stream) = store.streams.get(&stream_key(&c.tenant_id, &c.store_id)) else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "Commitment range contains no events");
    };
    let leaves: Vec<B256> = stream
        .events
        .iter()
        .filter(|e| (c.sequence_start..=c.sequence_end).contains(&e.sequence_number))
        .map(|e| e.leaf_hash)
        .collect();
    let Ok(tree) = MerkleTree::build(Scheme::VesSha256V1, &leaves) else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "Commitment range contains no events");
    };
    if tree.root() != c.merkle_root {
        return text(StatusCode::INTERNAL_SERVER_ERROR, "Commitment merkle_root does not match ves_events");
    }
    let index = sequence_number - c.sequence_start;
    let Ok(proof_path) = tree.proof(index as usize) else { return internal() };
    let directions = (0..proof_path.len()).map(|level| (index >> level) & 1 == 0).collect();
    api_json(VesInclusionProof {
        sequence_number,
        batch_id: c.batch_id,
        merkle_root: c.merkle_root,
        leaf_hash: leaves[index as usize],
        leaf_index: index,
        proof_path,
        directions,
    })
}

#[derive(Deserialize)]
struct LimitQuery {
    limit: Option<u32>,
}

async fn pending(State(seq): State<DevSequencer>, headers: HeaderMap, Query(q): Query<LimitQuery>) -> Response {
    if let Some(resp) = seq.check_auth(&headers) {
        return resp;
    }
    if let Some(resp) = seq.maybe_fail().await {
        return resp;
    }
    let limit = q.limit.unwrap_or(PENDING_LIMIT_DEFAULT).min(PENDING_LIMIT_MAX) as usize;
    let store = seq.0.store.lock().await;
    let mut items: Vec<&VesCommitment> = store.commitments.iter().filter(|c| c.chain_tx_hash.is_none()).collect();
    items.sort_by(|a, b| a.committed_at.cmp(&b.committed_at));
    let commitments: Vec<PendingCommitment> = items
        .into_iter()
        .take(limit)
        .map(|c| PendingCommitment {
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
        })
        .collect();
    let total = commitments.len() as u64;
    Json(PendingCommitmentsResponse { commitments, total }).into_response()
}

async fn anchored(
    State(seq): State<DevSequencer>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: String,
) -> Response {
    if let Some(resp) = seq.check_auth(&headers) {
        return resp;
    }
    if let Some(resp) = seq.maybe_fail().await {
        return resp;
    }
    let Ok(id) = Uuid::try_parse(&id) else {
        return text(StatusCode::BAD_REQUEST, "Invalid URL: Cannot parse `batch_id` to a UUID");
    };
    let raw: Value = match serde_json::from_str(&body) {
        Ok(raw) => raw,
        Err(err) => return text(StatusCode::BAD_REQUEST, &format!("Failed to parse the request body as JSON: {err}")),
    };
    match raw.get("chain_tx_hash").and_then(Value::as_str) {
        Some(s) if s.trim().is_empty() => return text(StatusCode::BAD_REQUEST, "chain_tx_hash must not be empty"),
        Some(s) => {
            let hex_part = s.trim().trim_start_matches("0x");
            match hex::decode(hex_part) {
                Err(err) => return text(StatusCode::BAD_REQUEST, &format!("Invalid chain_tx_hash: {err}")),
                Ok(bytes) if bytes.len() != 32 => {
                    return text(StatusCode::BAD_REQUEST, "chain_tx_hash must be 32 bytes")
                }
                Ok(_) => {}
            }
        }
        None => {}
    }
    let note: AnchorNotification = match serde_json::from_value(raw) {
        Ok(note) => note,
        Err(err) => {
            return text(StatusCode::UNPROCESSABLE_ENTITY, &format!("Failed to deserialize the JSON body: {err}"))
        }
    };
    let Ok(chain_id) = u32::try_from(note.chain_id) else {
        return text(StatusCode::BAD_REQUEST, "chain_id must fit in u32");
    };
    let mut store = seq.0.store.lock().await;
    let Some(c) = store.commitments.iter_mut().find(|c| c.batch_id == id) else {
        return text(StatusCode::NOT_FOUND, "Commitment not found");
    };
    if let Some(existing) = c.chain_tx_hash {
        if existing == note.chain_tx_hash {
            return Json(json!({"batch_id": id, "status": "already_anchored"})).into_response();
        }
        return text(StatusCode::CONFLICT, "commitment already anchored with different tx hash");
    }
    c.chain_id = Some(u64::from(chain_id));
    c.chain_tx_hash = Some(note.chain_tx_hash);
    c.chain_block_number = note.block_number;
    c.anchored_at = Some(rfc3339(SystemTime::now()));
    let entry = JournalEntry::Commitment(c.clone());
    let response = json!({
        "batch_id": id,
        "status": "anchored",
        "chain_tx_hash": format!("{}", note.chain_tx_hash),
        "chain_id": chain_id,
        "block_number": note.block_number,
    });
    if let Some(resp) = seq.persist(&[entry]) {
        return resp;
    }
    drop(store);
    Json(response).into_response()
}
