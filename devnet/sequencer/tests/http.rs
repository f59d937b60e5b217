//! The `set-dev-sequencer` binary over HTTP on 127.0.0.1: the real server's captured exchanges
//! replayed against it (same statuses, content types, fields and casing; same values wherever
//! they do not depend on the clock or a random id), and a `kill -9` and restart that loses
//! nothing.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};
use set_core::sequencer::IngestRequest;
use set_core::ves::VesEvent;

const API_KEY: &str = "ss_http_test_key";
/// RFC 8032 test key 1 (the captured agent) and test key 2 (the captured sequencer).
const AGENT_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const SEQUENCER_SEED: &str = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

fn capture() -> Vec<Value> {
    let text = include_str!("../../../tests/captured/stateset-sequencer-0.2.7-exchanges.json");
    let capture: Value = serde_json::from_str(text).expect("capture");
    capture["exchanges"].as_array().cloned().unwrap_or_default()
}

/// The server process, killed with SIGKILL on drop; its database files removed by [`Db`].
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Db(PathBuf);

impl Drop for Db {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

fn start(store: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_set-dev-sequencer"))
        .args(["--port", "0", "--store"])
        .arg(store)
        .env("BOOTSTRAP_ADMIN_API_KEY", API_KEY)
        .env("DEV_SEQUENCER_SIGNING_SEED", SEQUENCER_SEED)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("set-dev-sequencer");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("LISTENING line");
    let addr = line.trim().strip_prefix("LISTENING ").expect("LISTENING prefix").to_owned();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    Server { child, url: format!("http://{addr}") }
}

struct Answer {
    status: u16,
    content_type: String,
    body: Value,
}

async fn call(server: &Server, method: &str, path: &str, body: Option<&Value>, auth: bool) -> Answer {
    let client = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut request = client.request(method, format!("{}{path}", server.url));
    if auth {
        request = request.header("Authorization", format!("ApiKey {API_KEY}"));
    }
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body.to_string());
    }
    let response = request.send().await.expect("send");
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let text = response.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer { status, content_type, body }
}

/// The JSON type of a value, and of every field and first array item inside it.
fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        Value::Array(items) => json!([items.first().map(shape)]),
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("bool"),
        Value::Null => json!("null"),
    }
}

/// Fields that depend on the clock or on a random id.
const VOLATILE: [&str; 5] = ["batchId", "batch_id", "committed_at", "sequencedAt", "anchored_at"];

fn without_volatile(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !VOLATILE.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without_volatile(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_volatile).collect()),
        other => other.clone(),
    }
}

#[tokio::test]
async fn the_captured_exchanges_get_the_same_answers() {
    let db = Db(std::env::temp_dir().join(format!("set-dev-sequencer-http-{}.db", uuid::Uuid::new_v4())));
    let server = start(&db.0);
    let mut captured_batch: Option<String> = None;
    let mut our_batch = String::new();
    let exchanges = capture();
    assert!(exchanges.len() >= 17, "{}", exchanges.len());
    for exchange in &exchanges {
        let name = exchange["name"].as_str().unwrap_or_default();
        let mut path = exchange["path"].as_str().unwrap_or_default().to_owned();
        if let Some(captured) = &captured_batch {
            path = path.replace(captured.as_str(), &our_batch);
        }
        let auth = name != "pending without auth";
        let body = exchange.get("request");
        let answer = call(&server, exchange["method"].as_str().unwrap_or("GET"), &path, body, auth).await;
        let expected = &exchange["response"];
        assert_eq!(answer.status as u64, exchange["status"].as_u64().unwrap_or(0), "{name}: {}", answer.body);
        assert_eq!(answer.content_type, exchange["content_type"].as_str().unwrap_or_default(), "{name}");
        assert_eq!(shape(&answer.body), shape(expected), "{name}: {}", answer.body);
        if name == "create commitment" {
            captured_batch = expected["batch_id"].as_str().map(str::to_owned);
            our_batch = answer.body["batch_id"].as_str().unwrap_or_default().to_owned();
        }
        // The pending list of the capture holds other streams of that server's database.
        if !name.starts_with("pending commitments") {
            assert_eq!(without_volatile(&answer.body), without_volatile(expected), "{name}");
        }
    }
}

fn events_signed_by_the_captured_agent() -> (uuid::Uuid, Vec<VesEvent>) {
    let exchanges = capture();
    let request =
        exchanges.iter().find(|e| e["name"] == "ingest 3 signed events").expect("exchange")["request"].clone();
    let agent = request["agentId"].as_str().and_then(|s| uuid::Uuid::parse_str(s).ok()).expect("agent");
    let mut events: Vec<VesEvent> = request["events"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| VesEvent::from_json(&e.to_string()).expect("event"))
        .collect();
    // A fourth event of the same stream, for after the restart.
    let mut seed = [0u8; 32];
    hex::decode_to_slice(AGENT_SEED, &mut seed).expect("seed");
    let mut fourth = events[2].clone();
    fourth.event_id = uuid::Uuid::from_u128(0x4444_4444_4444_4444_8444_4444_4444_4444);
    fourth.entity_id = "ORD-4".into();
    fourth.payload = Some(json!({"order_id": "ORD-4"}));
    fourth.sign(&seed).expect("sign");
    events.push(fourth);
    (agent, events)
}

#[tokio::test]
async fn kill_9_and_restart_keep_every_event_sequence_number_commitment_and_mark() {
    let db = Db(std::env::temp_dir().join(format!("set-dev-sequencer-restart-{}.db", uuid::Uuid::new_v4())));
    let (agent, events) = events_signed_by_the_captured_agent();
    let (tenant, store) = (events[0].tenant_id, events[0].store_id);
    let exchanges = capture();
    let registration =
        exchanges.iter().find(|e| e["name"] == "register agent key").expect("exchange")["request"].clone();
    let ingest = |events: &[VesEvent]| {
        serde_json::from_str::<Value>(&IngestRequest { agent_id: agent, events: events.to_vec() }.to_json())
            .expect("json")
    };
    let commit = |start: u64, end: u64| json!({"tenant_id": tenant, "store_id": store, "sequence_start": start, "sequence_end": end});
    let anchored =
        json!({"chain_tx_hash": format!("0x{}", "ab".repeat(32)), "chain_id": 84_532_001, "block_number": 7});

    let server = start(&db.0);
    assert_eq!(call(&server, "POST", "/api/v1/agents/keys", Some(&registration), true).await.status, 200);
    let first = call(&server, "POST", "/api/v1/ves/events/ingest", Some(&ingest(&events[..3])), true).await;
    assert_eq!(first.body["eventsAccepted"], json!(3));
    let first_commitment = call(&server, "POST", "/api/v1/ves/commitments", Some(&commit(1, 2)), true).await.body;
    let first_id = first_commitment["batch_id"].as_str().unwrap_or_default().to_owned();
    let second_id =
        call(&server, "POST", "/api/v1/ves/commitments", Some(&commit(3, 3)), true).await.body["batch_id"].clone();
    let path = format!("/v1/commitments/{first_id}/anchored");
    assert_eq!(call(&server, "POST", &path, Some(&anchored), true).await.body["status"], json!("anchored"));
    drop(server); // SIGKILL: no shutdown, no checkpoint

    let server = start(&db.0);
    // The key is still registered, the events keep their numbers and receipts.
    let replay = call(&server, "POST", "/api/v1/ves/events/ingest", Some(&ingest(&events)), true).await;
    assert_eq!(
        (
            replay.body["eventsAccepted"].clone(),
            replay.body["sequenceStart"].clone(),
            replay.body["headSequence"].clone()
        ),
        (json!(1), json!(4), json!(4))
    );
    let hashes = |answer: &Answer| {
        answer.body["receipts"].as_array().into_iter().flatten().map(|r| r["receiptHash"].clone()).collect::<Vec<_>>()
    };
    assert_eq!(hashes(&replay)[..3], hashes(&first)[..]);
    // The commitments and the anchored mark.
    let read = call(&server, "GET", &format!("/api/v1/ves/commitments/{first_id}"), None, true).await.body;
    assert_eq!((read["is_anchored"].clone(), read["chain_block_number"].clone()), (json!(true), json!(7)));
    assert_eq!(read["new_state_root"], first_commitment["new_state_root"]);
    assert_eq!(call(&server, "POST", &path, Some(&anchored), true).await.body["status"], json!("already_anchored"));
    let pending = call(&server, "GET", "/v1/commitments/pending", None, true).await.body;
    assert_eq!(
        pending["commitments"].as_array().map(|c| c.iter().map(|c| c["batch_id"].clone()).collect::<Vec<_>>()),
        Some(vec![second_id])
    );
    // The next commitment chains on and proves the new event.
    let third = call(&server, "POST", "/api/v1/ves/commitments", Some(&commit(4, 4)), true).await.body;
    assert_eq!(third["sequence_start"], json!(4));
    let proof_path = format!(
        "/api/v1/ves/proofs/4?tenant_id={tenant}&store_id={store}&batch_id={}",
        third["batch_id"].as_str().unwrap_or("")
    );
    assert_eq!(call(&server, "GET", &proof_path, None, true).await.body["leaf_index"], json!(0));
}
