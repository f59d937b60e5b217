//! The `set-dev-sequencer` binary over HTTP on 127.0.0.1: the real server's captured exchanges,
//! in each security profile, replayed against it (same statuses, content types, fields and
//! casing; same values wherever they do not depend on the clock or a random id), its hybrid and
//! `pqc-strict` receipts verified as receipt bundles, and a `kill -9` and restart that loses
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
const AGENT_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

const LEGACY: &str = include_str!("../../../tests/captured/stateset-sequencer-0.2.7-exchanges.json");
const HYBRID: &str = include_str!("../../../tests/captured/stateset-sequencer-0.2.7-hybrid-exchanges.json");
const PQC_STRICT: &str = include_str!("../../../tests/captured/stateset-sequencer-0.2.7-pqc-strict-exchanges.json");
/// The ML-DSA-65 receipt seed of the hybrid and pqc-strict captures (their `about`).
const SEQUENCER_ML_DSA_SEED: &str = "697fa88e24970e15b6f007b95c50cd2fb81ae383cbaa5944fb3ef8e984e3c9e7";

fn exchanges_of(text: &str) -> Vec<Value> {
    let capture: Value = serde_json::from_str(text).expect("capture");
    capture["exchanges"].as_array().cloned().unwrap_or_default()
}

fn capture() -> Vec<Value> {
    exchanges_of(LEGACY)
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
    start_with(store, &[])
}

/// The server with extra settings (environment variables).
fn start_with(store: &Path, settings: &[(&str, &str)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_set-dev-sequencer"))
        .args(["--port", "0", "--store"])
        .arg(store)
        .envs(settings.iter().copied())
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
    let client = set_http::client_builder(&[]).expect("TLS setup").build().expect("client");
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

fn temp_db(name: &str) -> Db {
    Db(std::env::temp_dir().join(format!("set-dev-sequencer-{name}-{}.db", uuid::Uuid::new_v4())))
}

/// Replays `exchanges` in order, checking each answer against the captured one; returns the
/// answers.
async fn replay(server: &Server, exchanges: &[Value]) -> Vec<Answer> {
    let mut captured_batch: Option<String> = None;
    let mut our_batch = String::new();
    let mut answers = Vec::new();
    for exchange in exchanges {
        let name = exchange["name"].as_str().unwrap_or_default();
        let mut path = exchange["path"].as_str().unwrap_or_default().to_owned();
        if let Some(captured) = &captured_batch {
            path = path.replace(captured.as_str(), &our_batch);
        }
        let auth = name != "pending without auth";
        let body = exchange.get("request");
        let answer = call(server, exchange["method"].as_str().unwrap_or("GET"), &path, body, auth).await;
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
        answers.push(answer);
    }
    answers
}

#[tokio::test]
async fn the_captured_exchanges_get_the_same_answers() {
    let db = temp_db("http");
    let server = start(&db.0);
    let exchanges = capture();
    assert!(exchanges.len() >= 17, "{}", exchanges.len());
    replay(&server, &exchanges).await;
}

/// The server in `profile` with the capture's keys and sequencer id.
fn start_in_profile(db: &Db, profile: &str, exchanges: &[Value]) -> Server {
    let receipts = exchanges.iter().find_map(|e| e["response"]["receipts"].as_array().cloned()).unwrap_or_default();
    let sequencer_id = receipts.first().and_then(|r| r["sequencerId"].as_str()).expect("a receipt").to_owned();
    start_with(
        &db.0,
        &[
            ("VES_SEQUENCER_SECURITY_PROFILE", profile),
            ("DEV_SEQUENCER_ML_DSA_SEED", SEQUENCER_ML_DSA_SEED),
            ("VES_SEQUENCER_ID", &sequencer_id),
        ],
    )
}

/// The receipt bundles of the three events of `answers` (ingest, commitment, proofs), verified
/// against `trust`: one verdict each.
fn verdicts(exchanges: &[Value], answers: &[Answer], trust: &Value) -> Vec<set_core::receipt::Verdict> {
    use set_core::receipt::{verify_receipt, ReceiptBundle, Trust};
    use set_core::sequencer::{parse_inclusion_proof, parse_ingest_response, parse_ves_commitment};
    let at = |prefix: &str| exchanges.iter().position(|e| e["name"].as_str().is_some_and(|n| n.starts_with(prefix)));
    let ingest = at("ingest 3").expect("ingest");
    let request: IngestRequest = serde_json::from_value(exchanges[ingest]["request"].clone()).expect("request");
    let response = parse_ingest_response(&answers[ingest].body.to_string()).expect("receipts");
    let commitment = parse_ves_commitment(&answers[at("get commitment").expect("get")].body.to_string()).expect("c");
    let trust = Trust::from_json(&trust.to_string()).expect("trust");
    (0..3)
        .map(|k| {
            let proof = answers[at(&format!("inclusion proof seq {}", k + 1)).expect("proof")].body.to_string();
            let proof = parse_inclusion_proof(&proof).expect("proof");
            let bundle = ReceiptBundle::from_sequencer(
                request.events[k].clone(),
                &response.receipts[k],
                &commitment,
                &proof,
                None,
            )
            .expect("bundle");
            verify_receipt(&bundle, &trust).expect("verdict")
        })
        .collect()
}

fn ml_dsa_public_key(seed_hex: &str) -> String {
    let mut seed = [0u8; 32];
    hex::decode_to_slice(seed_hex, &mut seed).expect("seed");
    hex::encode(set_core::pq::signing::public_key(&seed))
}

#[tokio::test]
async fn the_hybrid_and_pqc_strict_captures_get_the_same_answers_and_their_receipts_verify() {
    let sequencer_ed25519 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    let agent_ml_dsa = ml_dsa_public_key("576383b9fbed1f6f93e01ec78294c5792825fd66ec085a569f787422b815d74f");
    for (profile, text, policy) in [("hybrid", HYBRID, "require-hybrid"), ("pqc-strict", PQC_STRICT, "require-ml-dsa")]
    {
        let db = temp_db(profile);
        let exchanges = exchanges_of(text);
        let server = start_in_profile(&db, profile, &exchanges);
        // Every exchange, including the refused legacy key and the refused legacy event (200,
        // `invalid_signature`, "Agent signature scheme Unspecified is not allowed under …").
        let answers = replay(&server, &exchanges).await;
        let refused = answers.iter().find(|a| a.body["eventsRejected"] == json!(1)).expect("refused legacy event");
        assert_eq!(
            refused.body["rejections"][0]["message"],
            json!(format!("Agent signature scheme Unspecified is not allowed under the {profile} profile"))
        );

        let mut trust = json!({
            "sequencer_public_keys": [sequencer_ed25519],
            "sequencer_ml_dsa_65_public_keys": [ml_dsa_public_key(SEQUENCER_ML_DSA_SEED)],
            "agent_public_key": AGENT_PUBLIC,
            "agent_ml_dsa_65_public_key": agent_ml_dsa,
            "signature_policy": policy,
        });
        for verdict in verdicts(&exchanges, &answers, &trust) {
            assert!(verdict.valid, "{profile}: {}", verdict.to_json());
            assert_eq!(verdict.to_json()["checks"]["sequencer_signature"], json!("pass"), "{profile}");
        }
        // An exact replay names `signatureAlg` from the stored Ed25519 signature alone, as the
        // server (which does not keep it) does; the signatures are the stored ones.
        let ingest = exchanges.iter().find(|e| e["name"].as_str().is_some_and(|n| n.starts_with("ingest 3")));
        let again = call(&server, "POST", "/api/v1/ves/events/ingest", ingest.map(|e| &e["request"]), true).await;
        let replayed = again.body["receipts"][0].clone();
        let first = answers.iter().find_map(|a| a.body["receipts"].get(0).cloned()).unwrap_or_default();
        let expected_alg = if profile == "hybrid" { "ed25519" } else { "none" };
        assert_eq!(replayed["signatureAlg"], json!(expected_alg), "{profile}");
        assert_eq!(replayed["receiptSignatureBundle"], first["receiptSignatureBundle"], "{profile}");
        // Another ML-DSA-65 key pinned: the receipts no longer verify.
        trust["sequencer_ml_dsa_65_public_keys"] = json!([ml_dsa_public_key(&"11".repeat(32))]);
        assert!(verdicts(&exchanges, &answers, &trust).iter().all(|v| !v.valid), "{profile}");
    }
}

#[tokio::test]
async fn a_proof_of_possession_that_does_not_verify_is_refused() {
    let db = temp_db("pop");
    let exchanges = exchanges_of(HYBRID);
    let server = start_in_profile(&db, "hybrid", &exchanges);
    let mut registration = exchanges[0]["request"].clone();
    let pop = registration["proofOfPossessionBundle"]["ed25519Pop"].as_str().unwrap_or_default().to_owned();
    let flipped = format!("{}{}", if pop.starts_with('0') { '1' } else { '0' }, &pop[1..]);
    registration["proofOfPossessionBundle"]["ed25519Pop"] = json!(flipped);
    let answer = call(&server, "POST", "/api/v1/agents/keys", Some(&registration), true).await;
    assert_eq!(
        (answer.status, answer.body),
        (400, json!("Proof of possession verification failed: signature verification failed"))
    );
    registration.as_object_mut().map(|r| r.remove("proofOfPossessionBundle"));
    let answer = call(&server, "POST", "/api/v1/agents/keys", Some(&registration), true).await;
    assert_eq!(
        (answer.status, answer.body),
        (400, json!("Proof of possession is required for hybrid and pqc-strict key registrations"))
    );
    // The untouched registration is taken.
    let answer = call(&server, "POST", "/api/v1/agents/keys", Some(&exchanges[0]["request"]), true).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
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
