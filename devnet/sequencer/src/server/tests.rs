//! The handlers through the router (no socket): each validation rule refused with the real
//! server's answer, a valid event accepted, replays, commitments, proofs and the anchor
//! endpoints. The captured exchanges of the real server are the fixtures.

use super::*;
use axum::body::Body;
use axum::http::Request;
use set_core::sequencer::IngestRequest;
use set_core::ves::VesEvent;
use tower::ServiceExt as _;

const API_KEY: &str = "ss_unit_test_key";
/// RFC 8032 test key 1 (the captured agent) and test key 2 (the captured sequencer).
const AGENT_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const SEQUENCER_SEED: &str = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

fn seed(hex_text: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_text, &mut out).expect("seed");
    out
}

fn exchange(name: &str) -> Value {
    let capture: Value =
        serde_json::from_str(include_str!("../../../../tests/captured/stateset-sequencer-0.2.7-exchanges.json"))
            .expect("capture");
    let found = capture["exchanges"].as_array().into_iter().flatten().find(|e| e["name"] == name).cloned();
    found.unwrap_or_else(|| panic!("no exchange {name}"))
}

struct Server {
    router: Router,
    path: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

fn server() -> Server {
    let path = std::env::temp_dir().join(format!("set-dev-sequencer-unit-{}.db", Uuid::new_v4()));
    let store = Store::open(&path).expect("store");
    let signer = ReceiptSigner {
        seed: seed(SEQUENCER_SEED),
        sequencer_id: Uuid::from_u128(0x5e9ae3c1_0000_4000_8000_000000000001),
    };
    let config = Config { api_key: Some(API_KEY.into()), signer, fail_percent: 0, slow_failure: Duration::ZERO };
    Server { router: DevSequencer::new(store, config).router(), path }
}

/// An answer: status, content type, `x-error-code`, and the body as JSON (or a JSON string).
struct Answer {
    status: u16,
    content_type: String,
    error_code: Option<String>,
    body: Value,
}

impl Server {
    async fn send(&self, method: &str, path: &str, body: Option<String>, headers: &[(&str, &str)]) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body.map_or_else(Body::empty, Body::from)).expect("request");
        let response = self.router.clone().oneshot(request).await.expect("infallible");
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let (status, content_type, error_code) =
            (response.status().as_u16(), header("content-type").unwrap_or_default(), header("x-error-code"));
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer { status, content_type, error_code, body }
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let auth = format!("ApiKey {API_KEY}");
        let headers = [("authorization", auth.as_str()), ("content-type", "application/json")];
        self.send(method, path, body.map(|b| b.to_string()), &headers).await
    }

    async fn register_captured_key(&self) {
        let answer = self.call("POST", AGENT_KEYS_PATH, Some(exchange("register agent key")["request"].clone())).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }

    async fn ingest(&self, agent: Uuid, events: Vec<VesEvent>) -> Answer {
        let body = IngestRequest { agent_id: agent, events }.to_json();
        self.call("POST", set_core::sequencer::INGEST_PATH, serde_json::from_str(&body).ok()).await
    }
}

fn captured_events() -> (Uuid, Vec<VesEvent>) {
    let request = exchange("ingest 3 signed events")["request"].clone();
    let agent = request["agentId"].as_str().and_then(|s| Uuid::parse_str(s).ok()).expect("agent");
    let events = request["events"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| VesEvent::from_json(&e.to_string()).expect("event"))
        .collect();
    (agent, events)
}

/// Signs `event` as it is (its `payload_plain_hash` untouched) with the captured agent's key.
fn signed(mut event: VesEvent) -> VesEvent {
    event.agent_signature = set_core::ves::signing::sign(&seed(AGENT_SEED), &event.signing_hash().expect("hash"));
    event
}

fn rejections(answer: &Answer) -> Vec<(String, String)> {
    let items = answer.body["rejections"].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .map(|r| (r["reason"].as_str().unwrap_or("").to_owned(), r["message"].as_str().unwrap_or("").to_owned()))
        .collect()
}

#[tokio::test]
async fn auth_is_the_middlewares_and_health_is_open() {
    let server = server();
    let path = "/v1/commitments/pending";
    let cases = [
        (vec![], "missing_auth", "Missing authentication"),
        (vec![("authorization", format!("Bearer {API_KEY}"))], "invalid_jwt", "Invalid JWT"),
        (vec![("authorization", "ApiKey ss_other".to_owned())], "invalid_api_key", "Invalid API key"),
        (vec![("x-api-key", "not_ss_prefixed".to_owned())], "invalid_api_key", "Invalid API key"),
    ];
    for (headers, code, message) in cases {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let answer = server.send("GET", path, None, &headers).await;
        assert_eq!((answer.status, answer.body.clone()), (401, json!({"error": message, "code": code})));
    }
    for headers in [[("authorization", API_KEY)], [("x-api-key", API_KEY)]] {
        assert_eq!(server.send("GET", path, None, &headers).await.status, 200);
    }
    assert_eq!(server.send("GET", "/health", None, &[]).await.body, json!({"status": "ok"}));
}

#[tokio::test]
async fn agent_keys_register_as_on_the_real_server() {
    let server = server();
    let captured = exchange("register agent key");
    let answer = server.call("POST", AGENT_KEYS_PATH, Some(captured["request"].clone())).await;
    assert_eq!(
        (answer.status, answer.content_type.as_str(), &answer.body),
        (200, "application/json", &captured["response"])
    );
    // The same (tenant, agent, key id) again: the server's insert fails, a bare 500.
    let again = server.call("POST", AGENT_KEYS_PATH, Some(captured["request"].clone())).await;
    assert_eq!((again.status, again.body), (500, json!("Internal server error")));
    let mut bad = captured["request"].clone();
    bad["keyId"] = json!(2);
    bad["publicKey"] = json!("d75a98");
    let answer = server.call("POST", AGENT_KEYS_PATH, Some(bad.clone())).await;
    assert_eq!(
        (answer.status, answer.content_type.as_str(), answer.body),
        (400, "text/plain; charset=utf-8", json!("Public key must be 32 bytes"))
    );
    bad["publicKey"] = json!(42);
    assert_eq!(server.call("POST", AGENT_KEYS_PATH, Some(bad)).await.status, 422);
}

#[tokio::test]
async fn events_from_unregistered_agents_are_rejected_and_registered_ones_accepted_with_the_real_receipts() {
    let server = server();
    let (agent, events) = captured_events();
    let answer = server.ingest(agent, events.clone()).await;
    assert_eq!(
        (answer.status, answer.body["eventsAccepted"].clone(), answer.body["headSequence"].clone()),
        (200, json!(0), json!(0))
    );
    let expected = ("agent_key_invalid: Agent key not found".to_owned(), "Agent key not found".to_owned());
    assert_eq!(rejections(&answer), vec![expected; 3]);
    assert!(answer.body.get("receipts").is_none(), "an empty list is omitted: {}", answer.body);

    server.register_captured_key().await;
    let answer = server.ingest(agent, events.clone()).await;
    let captured = exchange("ingest 3 signed events")["response"].clone();
    for key in ["eventsAccepted", "eventsRejected", "sequenceStart", "sequenceEnd", "headSequence"] {
        assert_eq!(answer.body[key], captured[key], "{key}");
    }
    assert!(answer.body.get("rejections").is_none());
    // Same key, same events, same sequence numbers: the very receipts the real server signed.
    for (ours, theirs) in answer.body["receipts"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(captured["receipts"].as_array().into_iter().flatten())
    {
        for key in [
            "sequencerId",
            "eventId",
            "sequenceNumber",
            "receiptHash",
            "signatureAlg",
            "sequencerSignature",
            "sequencerKeyVersion",
            "receiptSignatureScheme",
        ] {
            assert_eq!(ours[key], theirs[key], "{key}");
        }
        let sequenced_at = ours["sequencedAt"].as_str().unwrap_or_default();
        assert!(
            sequenced_at.ends_with("+00:00") && set_core::ves::rfc3339::parse_rfc3339(sequenced_at).is_ok(),
            "{sequenced_at}"
        );
    }

    // A replay: nothing new, the stored receipts (times to the microsecond, as stored).
    let replay = server.ingest(agent, events.clone()).await;
    let captured_replay = exchange("ingest the same events again (idempotent replay)")["response"].clone();
    for key in ["eventsAccepted", "eventsRejected", "sequenceStart", "sequenceEnd", "headSequence"] {
        assert_eq!(replay.body[key], captured_replay[key], "{key}");
    }
    for (first, again) in answer.body["receipts"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(replay.body["receipts"].as_array().into_iter().flatten())
    {
        assert_eq!(first["receiptHash"], again["receiptHash"]);
        let (full, stored) = (first["sequencedAt"].as_str().unwrap_or(""), again["sequencedAt"].as_str().unwrap_or(""));
        assert!(
            full.len() >= stored.len() && stored.len() <= "2026-11-22T03:27:27.194743+00:00".len(),
            "{full} / {stored}"
        );
    }
    assert_ne!(replay.body["batchId"], answer.body["batchId"]);
}

#[tokio::test]
async fn each_event_rule_is_rejected_with_the_servers_reason() {
    let server = server();
    server.register_captured_key().await;
    let (agent, events) = captured_events();
    let base = events[0].clone();
    let with = |change: &dyn Fn(&mut VesEvent)| {
        let mut event = base.clone();
        change(&mut event);
        signed(event)
    };
    let cases: Vec<(VesEvent, &str, &str)> = vec![
        (with(&|e| e.ves_version = 2), "unsupported_version", "Expected VES version 1, got 2"),
        (
            with(&|e| e.created_at = "22/11/2026 10:00".into()),
            "schema_validation: created_at",
            "created_at must be RFC3339",
        ),
        (
            with(&|e| e.payload_cipher_hash = set_core::encoding::B256::repeat_byte(1)),
            "schema_validation: payload_cipher_hash",
            "payload_cipher_hash must be zero for plaintext events",
        ),
        (
            with(&|e| e.payload = Some(json!({"order_id": "ORD-1"}))),
            "invalid_payload_hash",
            "Payload hash verification failed",
        ),
        (with(&|e| e.agent_key_id = 2), "agent_key_invalid: Agent key not found", "Agent key not found"),
        (
            {
                let mut e = base.clone();
                e.entity_id = "ORD-1b".into();
                e
            },
            "invalid_signature",
            "Agent signature verification failed: VerificationFailed",
        ),
    ];
    for (event, reason, message) in cases {
        let answer = server.ingest(agent, vec![event]).await;
        assert_eq!(answer.status, 200);
        assert_eq!(rejections(&answer), vec![(reason.to_owned(), message.to_owned())]);
        assert_eq!(
            (answer.body["eventsAccepted"].clone(), answer.body["eventsRejected"].clone()),
            (json!(0), json!(1))
        );
    }
    // Accepted once; the same id with other contents, and twice in one request, are duplicates.
    assert_eq!(server.ingest(agent, vec![base.clone()]).await.body["eventsAccepted"], json!(1));
    let changed = with(&|e| e.event_type = "order.updated".into());
    let answer = server.ingest(agent, vec![changed, events[1].clone(), events[1].clone()]).await;
    let id = events[1].event_id;
    assert_eq!(
        rejections(&answer),
        vec![
            ("duplicate_event_id".to_owned(), "Event ID already exists with different contents".to_owned()),
            ("duplicate_event_id".to_owned(), format!("Event {id} duplicated in batch")),
        ]
    );
    assert_eq!(
        (
            answer.body["eventsAccepted"].clone(),
            answer.body["sequenceStart"].clone(),
            answer.body["headSequence"].clone()
        ),
        (json!(1), json!(2), json!(2))
    );
}

#[tokio::test]
async fn whole_requests_are_refused_with_the_servers_status_and_body() {
    let server = server();
    server.register_captured_key().await;
    let (agent, events) = captured_events();
    let answer = server.ingest(agent, vec![]).await;
    assert_eq!((answer.status, answer.error_code.as_deref()), (400, Some("INVALID_FIELD_VALUE")));
    assert_eq!(
        answer.body,
        json!({"error": {"code": "INVALID_FIELD_VALUE", "numeric_code": 3003, "message": "events must not be empty"}})
    );
    let answer = server.ingest(Uuid::nil(), events.clone()).await;
    assert_eq!(
        (answer.status, answer.body["error"]["message"].clone()),
        (400, json!("event source_agent_id must match request agent_id"))
    );
    let mut long = events[0].clone();
    long.entity_type = "x".repeat(129);
    let answer = server.ingest(agent, vec![signed(long)]).await;
    let message = format!("Event {} entity_type must be between 1 and 128 characters", events[0].event_id);
    assert_eq!((answer.status, answer.body["error"]["message"].clone()), (400, json!(message)));
    let answer = server.ingest(agent, vec![events[0].clone(); 1001]).await;
    assert_eq!(
        (answer.status, answer.error_code.as_deref(), answer.body["error"]["numeric_code"].clone()),
        (413, Some("PAYLOAD_TOO_LARGE"), json!(3004))
    );
    // The JSON extractor's answers: 400 not JSON, 422 wrong shape, 415 not declared JSON.
    let auth = format!("ApiKey {API_KEY}");
    let json_headers = [("authorization", auth.as_str()), ("content-type", "application/json")];
    let answer = server.send("POST", set_core::sequencer::INGEST_PATH, Some("{".into()), &json_headers).await;
    assert_eq!((answer.status, answer.content_type.as_str()), (400, "text/plain; charset=utf-8"));
    let mut body: Value =
        serde_json::from_str(&IngestRequest { agent_id: agent, events: events.clone() }.to_json()).expect("json");
    body["events"][1]["store_id"] = json!("not-a-uuid");
    let answer = server.send("POST", set_core::sequencer::INGEST_PATH, Some(body.to_string()), &json_headers).await;
    assert_eq!(answer.status, 422);
    assert!(
        answer.body.as_str().is_some_and(
            |t| t.starts_with("Failed to deserialize the JSON body into the target type: events[1].store_id")
        ),
        "{}",
        answer.body
    );
    let answer = server
        .send("POST", set_core::sequencer::INGEST_PATH, Some("{}".into()), &[("authorization", auth.as_str())])
        .await;
    assert_eq!((answer.status, answer.body), (415, json!("Expected request with `Content-Type: application/json`")));
    // Nothing of the refused requests was sequenced.
    assert_eq!(server.ingest(agent, events).await.body["sequenceStart"], json!(1));
}

#[tokio::test]
async fn commitments_proofs_and_the_anchor_endpoints_answer_as_captured() {
    let server = server();
    server.register_captured_key().await;
    let (agent, events) = captured_events();
    assert_eq!(server.ingest(agent, events).await.body["eventsAccepted"], json!(3));
    let request = exchange("create commitment")["request"].clone();
    let created = server.call("POST", "/api/v1/ves/commitments", Some(request.clone())).await;
    let captured = exchange("create commitment")["response"].clone();
    assert_eq!(created.status, 200);
    let keys = |v: &Value| v.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(keys(&created.body), keys(&captured));
    for key in [
        "merkle_root",
        "new_state_root",
        "prev_state_root",
        "leaf_count",
        "padded_leaf_count",
        "tree_depth",
        "sequence_start",
        "sequence_end",
        "ves_version",
    ] {
        assert_eq!(created.body[key], captured[key], "{key}");
    }
    let id = created.body["batch_id"].as_str().unwrap_or_default().to_owned();
    // Idempotent on the start; a different end, a gap and an empty range are refused.
    assert_eq!(server.call("POST", "/api/v1/ves/commitments", Some(request.clone())).await.body["batch_id"], json!(id));
    let mut other = request.clone();
    other["sequence_end"] = json!(2);
    let refused = server.call("POST", "/api/v1/ves/commitments", Some(other)).await;
    assert_eq!(
        (refused.status, refused.body),
        (400, json!("internal error: commitment already exists for start 1 but ends at 3 (requested 2)"))
    );
    let mut gap = request.clone();
    (gap["sequence_start"], gap["sequence_end"]) = (json!(5), json!(6));
    let refused = server.call("POST", "/api/v1/ves/commitments", Some(gap)).await;
    assert_eq!(
        refused.body,
        json!("internal error: commitment range must start at 4 (next after last committed sequence 3)")
    );
    let mut empty = request.clone();
    (empty["sequence_start"], empty["sequence_end"]) = (json!(4), json!(4));
    assert_eq!(
        server.call("POST", "/api/v1/ves/commitments", Some(empty)).await.body,
        json!("internal error: no VES events in range for commitment")
    );

    let (tenant, store) = (request["tenant_id"].as_str().unwrap_or(""), request["store_id"].as_str().unwrap_or(""));
    for seq in 1..=3 {
        let captured = exchange(&format!("inclusion proof seq {seq}"))["response"].clone();
        let proof = server
            .call("GET", &format!("/api/v1/ves/proofs/{seq}?tenant_id={tenant}&store_id={store}&batch_id={id}"), None)
            .await;
        for key in ["directions", "leaf_hash", "leaf_index", "merkle_root", "proof_path", "sequence_number"] {
            assert_eq!(proof.body[key], captured[key], "seq {seq} {key}");
        }
    }
    let out_of_range = server
        .call("GET", &format!("/api/v1/ves/proofs/9?tenant_id={tenant}&store_id={store}&batch_id={id}"), None)
        .await;
    assert_eq!((out_of_range.status, out_of_range.body), (400, json!("Sequence number not in commitment range")));

    let listed =
        server.call("GET", &format!("/api/v1/ves/commitments?tenant_id={tenant}&store_id={store}"), None).await;
    let captured_list = exchange("list unanchored commitments of the stream")["response"].clone();
    assert_eq!(keys(&listed.body), keys(&captured_list));
    assert_eq!(keys(&listed.body["commitments"][0]), keys(&captured_list["commitments"][0]));
    let pending = server.call("GET", "/v1/commitments/pending?limit=1000", None).await;
    let captured_pending = exchange("pending commitments (anchor endpoint)")["response"].clone();
    assert_eq!(keys(&pending.body["commitments"][0]), keys(&captured_pending["commitments"][0]));
    assert_eq!(
        pending.body["commitments"][0]["events_root"],
        json!(format!("0x{}", captured["merkle_root"].as_str().unwrap_or("")))
    );

    for name in [
        "anchored notification",
        "anchored again, same hash",
        "anchored again, different hash",
        "anchored, chain id too large",
    ] {
        let captured = exchange(name);
        let answer =
            server.call("POST", &format!("/v1/commitments/{id}/anchored"), Some(captured["request"].clone())).await;
        let mut expected = captured["response"].clone();
        if expected.get("batch_id").is_some() {
            expected["batch_id"] = json!(id);
        }
        assert_eq!(
            (answer.status, &answer.body),
            (captured["status"].as_u64().unwrap_or(0) as u16, &expected),
            "{name}"
        );
    }
    let unknown = exchange("anchored, unknown batch");
    let answer = server.call("POST", unknown["path"].as_str().unwrap_or(""), Some(unknown["request"].clone())).await;
    assert_eq!((answer.status, answer.body), (404, json!("Commitment not found")));
    let after = server.call("GET", &format!("/api/v1/ves/commitments/{id}"), None).await;
    let captured_after = exchange("get commitment after anchoring")["response"].clone();
    assert_eq!(keys(&after.body), keys(&captured_after));
    for key in ["chain_tx_hash", "chain_id", "chain_block_number", "is_anchored"] {
        assert_eq!(after.body[key], captured_after[key], "{key}");
    }
    assert_eq!(server.call("GET", "/v1/commitments/pending", None).await.body, json!({"commitments": [], "total": 0}));
}
