//! The shared client matrix (`tests/conformance/client/matrix.json`) run against `set-client`,
//! on the network `set-demo --serve-network` starts (anvil with SetRegistry, the dev sequencer,
//! set-anchor): the same cases, steps and expected codes every language client runs.

// Only the client builder is used here; the rest serves the other test files.
#[allow(dead_code)]
mod support;

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use set_client::{Auth, Client, ClientConfig, ClientError};
use set_core::receipt::{Check, CheckStatus, ReceiptBundle, Verdict};
use set_core::sequencer::{CommitmentRequest, VesCommitment};
use set_core::ves::agent::{AcceptedEvent, AgentSecretKey, EventFields, UnsignedEvent};
use set_core::ves::agent_keys::AgentKeyRegistration;
use set_core::ves::VesEvent;
use uuid::Uuid;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `set-demo --serve-network`, stopped (its stdin closed, then killed) on drop.
struct ServedNetwork {
    child: Child,
    file: Value,
    _dir: PathBuf,
}

impl Drop for ServedNetwork {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        // Closing stdin stops it; the kill is for a demo stuck before reading stdin.
        std::thread::sleep(Duration::from_millis(300));
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_network() -> ServedNetwork {
    let exe = std::env::current_exe().expect("test executable");
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>");
    let demo = profile_dir.join("set-demo");
    assert!(demo.exists(), "{} is missing: `make demo-build` builds it", demo.display());
    let dir = std::env::temp_dir().join(format!("set-client-matrix-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("network dir");
    let file = dir.join("network.json");
    let mut child = Command::new(demo)
        .args(["--root"])
        .arg(repo_root())
        .args(["--out"])
        .arg(&dir)
        .args(["--block-time", "1", "--serve-network"])
        .arg(&file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start set-demo --serve-network");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("READY line");
    assert!(line.starts_with("NETWORK READY"), "set-demo printed {line:?}");
    let text = std::fs::read_to_string(&file).expect("network file");
    ServedNetwork { child, file: serde_json::from_str(&text).expect("network JSON"), _dir: dir }
}

fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_else(|| panic!("{key} in {value}")).to_owned()
}

/// A case's stream and everything its steps produced so far.
#[derive(Default)]
struct Stream {
    tenant: Uuid,
    store: Uuid,
    agent: Uuid,
    /// Signed events by their number in the case (1, 2, …): signed once, so a repeated ingest
    /// is a replay.
    events: HashMap<u64, VesEvent>,
    accepted: HashMap<u64, AcceptedEvent>,
    committed: Option<Uuid>,
    anchored: Option<VesCommitment>,
    bundle: Option<ReceiptBundle>,
}

struct Runner {
    network: Value,
    matrix: Value,
    /// The operator's client (the network's API key): registers agents, commits ranges.
    operator: Client,
    /// The anchored bundle of each case that made one, for `uses_bundle_of`.
    bundles: HashMap<String, ReceiptBundle>,
}

impl Runner {
    fn seed(&self) -> [u8; 32] {
        let seed = text(&self.matrix["agent"], "seed");
        set_core::encoding::decode_hex("agent.seed", &seed).expect("seed hex").try_into().expect("32 bytes")
    }

    fn client(&self, case: &Value) -> Client {
        Self::client_for(&self.network, &case["client"])
    }

    /// A client of `network` with a case's `client` overrides (none: `Value::Null`).
    fn client_for(network: &Value, overrides: &Value) -> Client {
        let api_key = text(network, "api_key");
        let auth = match overrides["auth"].as_str() {
            None => Auth::ApiKey(api_key),
            Some("XApiKey network.api_key") => Auth::XApiKey(api_key),
            Some(other) => match other.split_once(' ') {
                Some(("ApiKey", key)) => Auth::ApiKey(key.to_owned()),
                _ => panic!("auth {other}"),
            },
        };
        let mut trust_root = network["trust_root"].clone();
        match overrides["trust_root_edit"].as_str() {
            None => {}
            Some("chain_id = network.chain_id + 1") => {
                trust_root["chain_id"] = (network["chain_id"].as_u64().expect("chain id") + 1).into();
            }
            Some(other) => panic!("trust_root_edit {other}"),
        }
        let sequencer_url = match overrides["sequencer_url"].as_str() {
            None => text(network, "sequencer_url"),
            Some(field) if field.starts_with("network.") => text(network, field.trim_start_matches("network.")),
            Some(url) => url.to_owned(),
        };
        let config = ClientConfig::new(&trust_root.to_string(), &sequencer_url, &text(network, "rpc_url"), auth)
            .expect("config");
        // The matrix's retry setting: at most 3 tries, pauses from 50 ms.
        support::with_short_pauses(config, 3)
    }

    fn event(&self, stream: &mut Stream, n: u64) -> VesEvent {
        let seed = self.seed();
        let template = &self.matrix["event_template"];
        stream
            .events
            .entry(n)
            .or_insert_with(|| {
                let mut payload = template["payload"].clone();
                payload["n"] = n.into();
                let fields = EventFields {
                    tenant_id: stream.tenant,
                    store_id: stream.store,
                    event_id: Uuid::new_v4(),
                    source_agent_id: stream.agent,
                    agent_key_id: self.matrix["agent"]["key_id"].as_u64().expect("key id") as u32,
                    entity_type: text(template, "entity_type"),
                    entity_id: text(template, "entity_id").replace("{n}", &n.to_string()),
                    event_type: text(template, "event_type"),
                    created_at: text(template, "created_at"),
                    payload,
                };
                UnsignedEvent::new(fields).expect("event").sign(&AgentSecretKey::Ed25519 { seed }).expect("sign")
            })
            .clone()
    }

    async fn run_case(&mut self, case: &Value) {
        let name = text(case, "name");
        let client = self.client(case);
        let mut stream =
            Stream { tenant: Uuid::new_v4(), store: Uuid::new_v4(), agent: Uuid::new_v4(), ..Default::default() };
        if let Some(source) = case["uses_bundle_of"].as_str() {
            stream.bundle =
                Some(self.bundles.get(source).unwrap_or_else(|| panic!("{name}: no bundle of {source}")).clone());
        }
        for (index, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
            let at = format!("{name} step {index} ({})", text(step, "do"));
            self.run_step(&client, &mut stream, step, &at).await;
        }
        if let Some(bundle) = stream.bundle {
            self.bundles.insert(name, bundle);
        }
    }

    async fn run_step(&self, client: &Client, stream: &mut Stream, step: &Value, at: &str) {
        let expect = &step["expect"];
        match text(step, "do").as_str() {
            "register_agent" => {
                let public_key = set_core::ves::signing::public_key(&self.seed());
                let key_id = self.matrix["agent"]["key_id"].as_u64().expect("key id") as u32;
                let registration = AgentKeyRegistration::ed25519(stream.tenant, stream.agent, key_id, &public_key);
                self.operator.register_agent_key(&registration).await.unwrap_or_else(|err| panic!("{at}: {err}"));
            }
            "ingest" => {
                let numbers: Vec<u64> =
                    step["events"].as_array().expect("events").iter().map(|n| n.as_u64().expect("n")).collect();
                let events: Vec<VesEvent> = numbers.iter().map(|&n| self.event(stream, n)).collect();
                match client.ingest(&events).await {
                    Ok(outcome) => {
                        let sequence_numbers: Vec<u64> =
                            outcome.accepted.iter().map(|accepted| accepted.receipt.sequence_number).collect();
                        let wanted: Vec<u64> = serde_json::from_value(expect["accepted_sequence_numbers"].clone())
                            .unwrap_or_else(|_| panic!("{at}: expected an error, got {sequence_numbers:?}"));
                        assert_eq!(sequence_numbers, wanted, "{at}");
                        assert_eq!(Some(outcome.rejections.len() as u64), expect["rejections"].as_u64(), "{at}");
                        if let Some(prefix) = expect["rejection_reason_prefix"].as_str() {
                            assert!(outcome.rejections[0].reason.starts_with(prefix), "{at}: {:?}", outcome.rejections);
                        }
                        for accepted in outcome.accepted {
                            let n = numbers
                                [events.iter().position(|e| e.event_id == accepted.event.event_id).expect("sent")];
                            stream.accepted.insert(n, accepted);
                        }
                    }
                    Err(error) => expect_error(&error, expect, at),
                }
            }
            "commit" => {
                let request = CommitmentRequest {
                    tenant_id: stream.tenant,
                    store_id: stream.store,
                    sequence_start: step["sequence_start"].as_u64().expect("sequence_start"),
                    sequence_end: step["sequence_end"].as_u64().expect("sequence_end"),
                };
                let committed =
                    self.operator.create_commitment(&request).await.unwrap_or_else(|err| panic!("{at}: {err}"));
                stream.committed = Some(committed.batch_id);
            }
            "wait_for_commitment" => {
                let sequence_number = step["sequence_number"].as_u64().expect("sequence number");
                let found = client
                    .wait_for_commitment(&stream.tenant, &stream.store, sequence_number, timeout(step))
                    .await
                    .unwrap_or_else(|err| panic!("{at}: {err}"));
                assert_eq!(Some(found.batch_id), stream.committed, "{at}");
            }
            "wait_until_anchored" => {
                let batch_id = stream.committed.expect("a commit step first");
                let anchored = client
                    .wait_until_anchored(&batch_id, timeout(step))
                    .await
                    .unwrap_or_else(|err| panic!("{at}: {err}"));
                assert!(anchored.chain_tx_hash.is_some(), "{at}");
                stream.anchored = Some(anchored);
            }
            "bundle" => {
                let event = &stream.accepted[&step["event"].as_u64().expect("event")];
                let receipt_of = step["receipt_of_event"].as_u64().map_or(event, |n| &stream.accepted[&n]);
                match client.bundle(&event.event, &receipt_of.receipt).await {
                    Ok(bundle) => {
                        let anchor = bundle.anchor.as_ref().expect("anchor");
                        assert_eq!(Some(anchor.chain_id), self.network["chain_id"].as_u64(), "{at}");
                        let anchored = stream.anchored.as_ref().expect("anchored first");
                        assert_eq!(Some(anchor.tx_hash), anchored.chain_tx_hash, "{at}");
                        assert_eq!(Some(bundle.receipt.sequence_number), expect["sequence_number"].as_u64(), "{at}");
                        stream.bundle = Some(bundle);
                    }
                    Err(error) => expect_error(&error, expect, at),
                }
            }
            "verify_online" => {
                let mut bundle = stream.bundle.clone().expect("a bundle first");
                match step["edit"].as_str() {
                    None => {}
                    Some(edit) => {
                        let registry = edit.strip_prefix("anchor.registry = ").unwrap_or_else(|| panic!("edit {edit}"));
                        bundle.anchor.as_mut().expect("anchor").registry = registry.parse().expect("address");
                    }
                }
                match client.verify_online(&bundle).await {
                    Ok(verdict) => expect_verdict(&verdict, expect, at),
                    Err(error) => expect_error(&error, expect, at),
                }
            }
            other => panic!("{at}: unknown step {other}"),
        }
    }
}

fn timeout(step: &Value) -> Duration {
    Duration::from_secs(step["timeout_seconds"].as_u64().expect("timeout_seconds"))
}

fn expect_error(error: &ClientError, expect: &Value, at: &str) {
    let wanted = &expect["error"];
    assert!(wanted.is_object(), "{at}: unexpected error {error}");
    assert_eq!(error.code(), text(wanted, "code"), "{at}: {error}");
    if let Some(status) = wanted["status"].as_u64() {
        assert_eq!(error.status().map(u64::from), Some(status), "{at}: {error}");
    }
    if let Some(field) = wanted["field"].as_str() {
        assert_eq!(error.field(), Some(field), "{at}: {error}");
    }
}

fn expect_verdict(verdict: &Verdict, expect: &Value, at: &str) {
    assert!(!expect["error"].is_object(), "{at}: expected an error, got a verdict");
    assert_eq!(Some(verdict.valid), expect["valid"].as_bool(), "{at}: {:?}", verdict.checks);
    assert_eq!(verdict.level.as_str(), text(expect, "level"), "{at}");
    for (name, status) in expect["checks"].as_object().expect("checks") {
        let check = Check::ALL.into_iter().find(|check| check.name() == name).expect("check name");
        let got = verdict.status(check).map_or("absent", CheckStatus::as_str);
        assert_eq!(got, status.as_str().expect("status"), "{at}: check {name}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_case_of_the_shared_client_matrix() {
    let served = serve_network();
    let matrix_text =
        std::fs::read_to_string(repo_root().join("tests/conformance/client/matrix.json")).expect("matrix");
    let matrix: Value = serde_json::from_str(&matrix_text).expect("matrix JSON");
    let operator = Runner::client_for(&served.file, &Value::Null);
    let mut runner = Runner { network: served.file.clone(), matrix: matrix.clone(), operator, bundles: HashMap::new() };
    let cases = matrix["cases"].as_array().expect("cases");
    assert!(cases.len() >= 7, "the matrix lost cases");
    for case in cases {
        runner.run_case(case).await;
    }
    assert!(runner.bundles.contains_key("send_wait_bundle_verify"), "the whole path made no bundle");
    // The faulty sequencer did fail requests both ways, so `faulty_sequencer` tested the retries.
    let proxy = format!("{}/_fault_proxy", text(&served.file, "faulty_sequencer_url"));
    let http = set_http::client_builder(&[]).expect("TLS setup").build().expect("client");
    let counts: Value = http.get(&proxy).send().await.expect("counts").json().await.expect("counts JSON");
    assert!(counts["dropped"].as_u64() >= Some(1) && counts["answers_lost"].as_u64() >= Some(1), "{counts}");
}
