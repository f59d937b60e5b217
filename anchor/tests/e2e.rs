//! End-to-end on loopback: `anvil --chain-id 84532001`, the contracts deployed by
//! `contracts/script/Deploy.s.sol`, the dev sequencer and `set-anchor` as real processes.
//!
//! Needs the Foundry binaries of `contracts/node_modules` (`make contracts-setup`); run with
//! `make anchor-test`.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use set_core::encoding::B256;
use set_core::ids::uuid_to_bytes32;
use set_core::registry;
use set_core::sequencer::{IngestRequest, VesCommitment, VesInclusionProof};
use set_core::ves::agent_keys::{AgentKeyRegistration, AGENT_KEYS_PATH};
use set_core::ves::VesEvent;
use uuid::Uuid;

const DEPLOYER_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const SEQUENCER_ADDRESS: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const SEQUENCER_KEY: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const STRANGER_KEY: &str = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
const API_KEY: &str = "ss_e2e_bootstrap_key";
const CHAIN_ID: u64 = 84_532_001;

/// Kills the child on drop (the test never leaks processes, even when it fails).
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A child started in its own process group, killed as a group on drop: npm's `anvil` is a node
/// wrapper that spawns the real binary, which a plain kill of the wrapper would orphan.
struct ProcGroup(Child);

impl Drop for ProcGroup {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.0.id())]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

fn contracts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts")
}

fn foundry_bin(name: &str) -> PathBuf {
    let path = contracts_dir().join("bin").join(name);
    assert!(path.exists(), "{} missing: run `make contracts-setup`", path.display());
    path
}

struct Env {
    rpc: String,
    registry: String,
    sequencer_url: String,
    store: PathBuf,
    http: reqwest::Client,
    _anvil: Option<ProcGroup>,
    sequencer: Option<Proc>,
}

impl Env {
    /// A view of the same network that owns no process.
    fn shallow(&self) -> Env {
        Env {
            rpc: self.rpc.clone(),
            registry: self.registry.clone(),
            sequencer_url: self.sequencer_url.clone(),
            store: self.store.clone(),
            http: self.http.clone(),
            _anvil: None,
            sequencer: None,
        }
    }
}

async fn rpc(env: &Env, method: &str, params: Value) -> Value {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
    let response: Value =
        env.http.post(&env.rpc).json(&body).send().await.expect("rpc").json().await.expect("rpc json");
    assert!(response.get("error").is_none(), "{method}: {response}");
    response["result"].clone()
}

async fn eth_call(env: &Env, data: Vec<u8>) -> Vec<u8> {
    let out =
        rpc(env, "eth_call", json!([{"to": env.registry, "data": format!("0x{}", hex::encode(data))}, "latest"])).await;
    hex::decode(out.as_str().unwrap_or_default().trim_start_matches("0x")).expect("hex")
}

fn start_sequencer(store: &Path, fail_percent: u8) -> (Proc, String) {
    let binary = set_dev_sequencer::binary::built().unwrap_or_else(|err| panic!("set-dev-sequencer: {err}"));
    let mut child = Command::new(binary)
        .args(["--port", "0", "--store"])
        .arg(store)
        .args(["--fail-percent", &fail_percent.to_string()])
        .env("BOOTSTRAP_ADMIN_API_KEY", API_KEY)
        .env("DEV_SEQUENCER_SLOW_FAILURE_MS", "2500")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("dev sequencer");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("LISTENING line");
    let addr = line.trim().strip_prefix("LISTENING ").expect("LISTENING prefix").to_owned();
    (Proc(child), format!("http://{addr}"))
}

async fn setup() -> Env {
    setup_with_block_time(1).await
}

async fn setup_with_block_time(block_time: u64) -> Env {
    let port = free_port();
    let anvil = ProcGroup(
        Command::new(foundry_bin("anvil"))
            .process_group(0)
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--chain-id", &CHAIN_ID.to_string()])
            .args(["--block-time", &block_time.to_string(), "--silent"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("anvil"),
    );
    let rpc_url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().expect("client");
    let started = Instant::now();
    loop {
        let probe =
            http.post(&rpc_url).json(&json!({"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]})).send().await;
        if probe.is_ok() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "anvil did not start");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let output = Command::new(foundry_bin("forge"))
        .current_dir(contracts_dir())
        .args(["script", "script/Deploy.s.sol", "--rpc-url", &rpc_url, "--broadcast", "--slow"])
        .env("DEPLOYER_PRIVATE_KEY", DEPLOYER_KEY)
        .env("SEQUENCER_ADDRESS", SEQUENCER_ADDRESS)
        .output()
        .expect("forge script");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("SET_DEPLOYMENT=").map(|(_, json)| json.to_owned()))
        .unwrap_or_else(|| panic!("no SET_DEPLOYMENT line:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr)));
    let deployment: Value = serde_json::from_str(line.trim()).expect("deployment json");
    let registry = deployment["registry"].as_str().expect("registry").to_owned();
    let store = std::env::temp_dir().join(format!("set-dev-sequencer-{}.db", Uuid::new_v4()));
    let (sequencer, sequencer_url) = start_sequencer(&store, 0);
    Env { rpc: rpc_url, registry, sequencer_url, store, http, _anvil: Some(anvil), sequencer: Some(sequencer) }
}

fn anchor_command(env: &Env, key: &str, health_port: u16) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_set-anchor"));
    command
        .env("L2_RPC_URL", &env.rpc)
        .env("SET_REGISTRY_ADDRESS", &env.registry)
        .env("SEQUENCER_PRIVATE_KEY", key)
        .env("SEQUENCER_API_URL", &env.sequencer_url)
        .env("SEQUENCER_API_KEY", API_KEY)
        .env("ANCHOR_INTERVAL_SECS", "1")
        .env("MIN_EVENTS_FOR_ANCHOR", "0")
        .env("EXPECTED_L2_CHAIN_ID", CHAIN_ID.to_string())
        .env("HEALTH_PORT", health_port.to_string())
        .env("RETRY_DELAY_SECS", "1")
        .env("RESUBMIT_AFTER_SECS", "4")
        .env("MAX_COMMITMENTS_PER_TX", "16")
        .env("RUST_LOG", "info,set_anchor=info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// The anchor as a daemon, its log appended to `log` (a file, so a full pipe never blocks it).
fn spawn_anchor(env: &Env, health_port: u16, log: &Path) -> Proc {
    spawn_anchor_with(env, health_port, log, &[])
}

/// [`spawn_anchor`] with extra environment variables.
fn spawn_anchor_with(env: &Env, health_port: u16, log: &Path, extra: &[(&str, &str)]) -> Proc {
    let file = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("log file");
    let mut command = anchor_command(env, SEQUENCER_KEY, health_port);
    command.envs(extra.iter().copied()).stderr(file);
    Proc(command.spawn().expect("anchor"))
}

/// The Ed25519 seed every test agent signs with.
const AGENT_SEED: [u8; 32] = [11u8; 32];

/// Removes the dev sequencer's database and its WAL files.
fn remove_store(store: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", store.display()));
    }
}

/// Registers `agent`'s key 1 (the [`AGENT_SEED`] key) with the sequencer, which accepts events
/// only from registered keys.
async fn register_agent(env: &Env, tenant: Uuid, agent: Uuid) {
    let public_key = set_core::ves::signing::public_key(&AGENT_SEED);
    let response = env
        .http
        .post(format!("{}{AGENT_KEYS_PATH}", env.sequencer_url))
        .header("Authorization", format!("ApiKey {API_KEY}"))
        .header("content-type", "application/json")
        .body(AgentKeyRegistration::ed25519(tenant, agent, 1, &public_key).to_json())
        .send()
        .await
        .expect("register agent key");
    assert!(response.status().is_success(), "agent key registration: {}", response.status());
}

/// Order events `entity_ids` of one stream, signed by `agent` with the [`AGENT_SEED`] key.
fn signed_orders(tenant: Uuid, store: Uuid, agent: Uuid, entity_ids: std::ops::Range<u64>) -> Vec<VesEvent> {
    entity_ids
        .map(|i| {
            let mut event = VesEvent {
                ves_version: 1,
                tenant_id: tenant,
                store_id: store,
                event_id: Uuid::new_v4(),
                source_agent_id: agent,
                agent_key_id: 1,
                entity_type: "Order".into(),
                entity_id: format!("ORD-{i}"),
                event_type: "order.created".into(),
                created_at: "2026-11-22T00:00:00Z".into(),
                payload_kind: 0,
                payload: Some(json!({"n": i})),
                payload_plain_hash: B256::ZERO,
                payload_cipher_hash: B256::ZERO,
                agent_signature: [0; 64],
                agent_signature_scheme: None,
                agent_signature_bundle: None,
            };
            event.sign(&AGENT_SEED).expect("sign");
            event
        })
        .collect()
}

/// One ingest request; every event must be accepted (the answer parsed with set-core).
async fn ingest(env: &Env, agent: Uuid, events: &[VesEvent]) {
    let request = IngestRequest { agent_id: agent, events: events.to_vec() };
    let response = env
        .http
        .post(format!("{}/api/v1/ves/events/ingest", env.sequencer_url))
        .header("Authorization", format!("ApiKey {API_KEY}"))
        .header("content-type", "application/json")
        .body(request.to_json())
        .send()
        .await
        .expect("ingest");
    assert!(response.status().is_success(), "ingest: {}", response.status());
    let body = response.text().await.expect("body");
    let parsed = set_core::sequencer::parse_ingest_response(&body).expect("ingest response parses with set-core");
    assert_eq!(parsed.events_accepted as usize, events.len(), "rejected: {:?}", parsed.rejections);
}

/// Commits sequence numbers `start..=end` of a stream; returns the commitment's id.
async fn commit(env: &Env, tenant: Uuid, store: Uuid, start: u64, end: u64) -> Uuid {
    let body = json!({"tenant_id": tenant, "store_id": store, "sequence_start": start, "sequence_end": end});
    let text = env
        .http
        .post(format!("{}/api/v1/ves/commitments", env.sequencer_url))
        .header("Authorization", format!("ApiKey {API_KEY}"))
        .json(&body)
        .send()
        .await
        .expect("commit")
        .text()
        .await
        .expect("body");
    set_core::sequencer::parse_ves_commitment(&text).unwrap_or_else(|e| panic!("{e}: {text}")).batch_id
}

/// Signs `count` events for a stream and ingests them in requests of 10; then commits them in
/// commitments of `per_commitment` events. Returns the commitment ids in order.
async fn ingest_and_commit(env: &Env, tenant: Uuid, store: Uuid, count: u64, per_commitment: u64) -> Vec<Uuid> {
    let agent = Uuid::new_v4();
    register_agent(env, tenant, agent).await;
    let events = signed_orders(tenant, store, agent, 0..count);
    for chunk in events.chunks(10) {
        ingest(env, agent, chunk).await;
    }
    let mut ids = Vec::new();
    let mut start = 1;
    while start <= count {
        let end = (start + per_commitment - 1).min(count);
        ids.push(commit(env, tenant, store, start, end).await);
        start = end + 1;
    }
    ids
}

async fn get_commitment(env: &Env, id: &Uuid) -> VesCommitment {
    let text = env
        .http
        .get(format!("{}{}", env.sequencer_url, set_core::sequencer::ves_commitment_path(id)))
        .header("Authorization", format!("ApiKey {API_KEY}"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    set_core::sequencer::parse_ves_commitment(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

async fn pending_count(env: &Env) -> Option<usize> {
    let response = env
        .http
        .get(format!("{}/v1/commitments/pending?limit=5000", env.sequencer_url))
        .header("Authorization", format!("ApiKey {API_KEY}"))
        .send()
        .await
        .ok()?;
    let text = response.text().await.ok()?;
    set_core::sequencer::parse_pending(&text).ok().map(|p| p.commitments.len())
}

/// Every commitment anchored exactly once, roots equal on-chain, notified; sampled proofs verify.
async fn assert_all_anchored(env: &Env, streams: &[(Uuid, Uuid, Vec<Uuid>)]) -> (usize, u64) {
    // All BatchCommitted logs (the test chain is short; the daemon itself never scans from 0).
    let topic = format!("{}", <registry::ISetRegistry::BatchCommitted as alloy_sol_types::SolEvent>::SIGNATURE_HASH);
    let logs = rpc(
        env,
        "eth_getLogs",
        json!([{"address": env.registry, "fromBlock": "0x0", "toBlock": "latest", "topics": [topic]}]),
    )
    .await;
    let logs = logs.as_array().cloned().unwrap_or_default();
    let mut txs = std::collections::HashSet::new();
    for (tenant, store, ids) in streams {
        for id in ids {
            let c = get_commitment(env, id).await;
            let tx = c.chain_tx_hash.unwrap_or_else(|| panic!("commitment {id} not notified"));
            assert_eq!(c.chain_id, Some(CHAIN_ID));
            let word = format!("{}", uuid_to_bytes32(id));
            let hits: Vec<&Value> = logs.iter().filter(|l| l["topics"][1].as_str() == Some(word.as_str())).collect();
            assert_eq!(hits.len(), 1, "commitment {id} committed {} times", hits.len());
            assert_eq!(
                hits[0]["transactionHash"].as_str(),
                Some(format!("{tx}").as_str()),
                "notified tx differs for {id}"
            );
            txs.insert(format!("{tx}"));
            let onchain = registry::decode_get_batch_commitment(
                &eth_call(env, registry::encode_get_batch_commitment(uuid_to_bytes32(id))).await,
            )
            .expect("decode");
            assert_eq!(onchain.events_root, c.merkle_root, "events root of {id}");
            assert_eq!(onchain.new_state_root, c.new_state_root, "state root of {id}");
            assert_eq!((onchain.sequence_start, onchain.sequence_end), (c.sequence_start, c.sequence_end));
            // One sampled proof per commitment, verified by the contract.
            let seq = c.sequence_start + (c.leaf_count - 1) / 2;
            let text = env
                .http
                .get(format!("{}{}", env.sequencer_url, set_core::sequencer::ves_proof_path(seq, tenant, store, id)))
                .header("Authorization", format!("ApiKey {API_KEY}"))
                .send()
                .await
                .expect("proof")
                .text()
                .await
                .expect("body");
            let proof: VesInclusionProof = set_core::sequencer::parse_inclusion_proof(&text).expect("proof parses");
            let call = registry::encode_verify_ves_inclusion(
                uuid_to_bytes32(id),
                proof.leaf_hash,
                &proof.proof_path,
                alloy::primitives::U256::from(proof.leaf_index),
            );
            assert!(
                registry::decode_verify_ves_inclusion(&eth_call(env, call).await).expect("bool"),
                "proof of {seq} in {id}"
            );
        }
        let last = get_commitment(env, ids.last().expect("ids")).await;
        let root = registry::decode_get_latest_state_root(
            &eth_call(env, registry::encode_get_latest_state_root(uuid_to_bytes32(tenant), uuid_to_bytes32(store)))
                .await,
        )
        .expect("root");
        assert_eq!(root, last.new_state_root, "stream head root");
    }
    let mut gas = 0u64;
    for tx in &txs {
        let receipt = rpc(env, "eth_getTransactionReceipt", json!([tx])).await;
        gas +=
            u64::from_str_radix(receipt["gasUsed"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16).unwrap_or(0);
    }
    (txs.len(), gas)
}

async fn wait_until_drained(env: &Env, limit: Duration) {
    let started = Instant::now();
    loop {
        if pending_count(env).await == Some(0) {
            return;
        }
        assert!(started.elapsed() < limit, "commitments still pending after {limit:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anchors_every_commitment_exactly_once_across_kill_9_restarts() {
    let mut env = setup().await;
    let mut streams = Vec::new();
    for _ in 0..5 {
        let (tenant, store) = (Uuid::new_v4(), Uuid::new_v4());
        let ids = ingest_and_commit(&env, tenant, store, 40, 10).await;
        streams.push((tenant, store, ids));
    }
    // The dev sequencer survives its own restart: same pending list from its store.
    let before = pending_count(&env).await;
    assert_eq!(before, Some(20));
    env.sequencer = None;
    let (sequencer, url) = start_sequencer(&env.store, 0);
    env.sequencer = Some(sequencer);
    env.sequencer_url = url;
    assert_eq!(pending_count(&env).await, Some(20));

    let health_port = free_port();
    let log = std::env::temp_dir().join(format!("set-anchor-e2e-{}.log", Uuid::new_v4()));
    let started = Instant::now();
    // kill -9 the anchor at a few moments while it works, then let one run finish.
    for delay_ms in [400u64, 900, 1_600, 2_300, 3_100] {
        let child = spawn_anchor(&env, health_port, &log);
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        drop(child); // SIGKILL
    }
    // Commitments created while the anchor was down are picked up too.
    let (tenant, store) = (Uuid::new_v4(), Uuid::new_v4());
    let ids = ingest_and_commit(&env, tenant, store, 7, 3).await;
    streams.push((tenant, store, ids));

    let anchor = spawn_anchor(&env, health_port, &log);
    wait_until_drained(&env, Duration::from_secs(120)).await;
    let elapsed = started.elapsed();

    // Health endpoints of the running daemon.
    let base = format!("http://127.0.0.1:{health_port}");
    let metrics = env.http.get(format!("{base}/metrics")).send().await.expect("metrics");
    let content_type =
        metrics.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    let metrics = metrics.text().await.expect("metrics body");
    assert!(metrics.contains("set_anchor_pending_commitments"), "{metrics}");
    let ready = env.http.get(format!("{base}/ready")).send().await.expect("ready");
    assert_eq!(ready.status().as_u16(), 200);
    let stats: Value = env.http.get(format!("{base}/stats")).send().await.expect("stats").json().await.expect("json");
    assert!(!stats.to_string().contains(SEQUENCER_KEY.trim_start_matches("0x")));
    assert!(!stats.to_string().contains(API_KEY));
    let errors = env.http.get(format!("{base}/errors")).send().await.expect("errors").text().await.expect("body");
    assert!(!errors.contains(API_KEY) && !errors.contains(SEQUENCER_KEY.trim_start_matches("0x")));

    let (txs, gas) = assert_all_anchored(&env, &streams).await;
    let commitments: usize = streams.iter().map(|s| s.2.len()).sum();
    eprintln!(
        "e2e: {commitments} commitments anchored exactly once in {txs} transactions, {gas} gas ({} per commitment), {:.1}s",
        gas / commitments as u64,
        elapsed.as_secs_f64()
    );
    drop(anchor);
    let stderr = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(stderr.contains("anchored"), "no anchoring in the log:\n{stderr}");
    assert!(!stderr.contains(SEQUENCER_KEY.trim_start_matches("0x")), "the key leaked into the logs");
    assert!(!stderr.contains(API_KEY), "the API key leaked into the logs");
    remove_store(&env.store);
    let _ = std::fs::remove_file(&log);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_errors_are_one_line_and_non_zero() {
    let env = setup().await;
    // Unauthorized sequencer key.
    let out = anchor_command(&env, STRANGER_KEY, free_port()).env("ANCHOR_MAX_CYCLES", "1").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.lines().any(|l| l.starts_with("set-anchor: ") && l.contains("not authorized")), "{stderr}");
    // Wrong chain id.
    let out = anchor_command(&env, SEQUENCER_KEY, free_port()).env("EXPECTED_L2_CHAIN_ID", "1").output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("chain id mismatch"), "{stderr}");
    // Bad config: the key is not echoed.
    let out = anchor_command(&env, "0xnothex", free_port()).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("SEQUENCER_PRIVATE_KEY") && !stderr.contains("nothex"), "{stderr}");
    remove_store(&env.store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commitment_that_does_not_chain_is_refused_while_other_streams_complete_and_sigterm_drains() {
    let mut env = setup().await;
    let mut streams = Vec::new();
    for _ in 0..3 {
        let (tenant, store) = (Uuid::new_v4(), Uuid::new_v4());
        let ids = ingest_and_commit(&env, tenant, store, 20, 5).await;
        streams.push((tenant, store, ids));
    }
    // Tamper with the second commitment of the first stream in the stopped sequencer's store.
    env.sequencer = None;
    let bad = streams[0].2[1];
    {
        let store = set_dev_sequencer::store::Store::open(&env.store).expect("open the store");
        let mut commitment = store.commitment(bad).await.expect("read").expect("bad commitment");
        commitment.new_state_root = B256::repeat_byte(0x11);
        store.put_commitment(commitment).await.expect("write");
    }
    let (sequencer, url) = start_sequencer(&env.store, 0);
    env.sequencer = Some(sequencer);
    env.sequencer_url = url;

    let health_port = free_port();
    let log = std::env::temp_dir().join(format!("set-anchor-e2e-{}.log", Uuid::new_v4()));
    let anchor = spawn_anchor(&env, health_port, &log);
    let started = Instant::now();
    // Stream 0 keeps its refused commitment and the two after it; everything else drains.
    loop {
        if pending_count(&env).await == Some(3) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(90), "other streams did not complete");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(pending_count(&env).await, Some(3), "a refused commitment was anchored");
    let errors: Value = env
        .http
        .get(format!("http://127.0.0.1:{health_port}/errors"))
        .send()
        .await
        .expect("errors")
        .json()
        .await
        .expect("json");
    let reported = errors["recent_errors"].as_array().expect("recent").iter().any(|e| {
        e["error_code"] == "STATE_ROOT_MISMATCH" && e["message"].as_str().unwrap_or("").contains(&bad.to_string())
    });
    assert!(reported, "{errors}");
    let metrics = env
        .http
        .get(format!("http://127.0.0.1:{health_port}/metrics"))
        .send()
        .await
        .expect("m")
        .text()
        .await
        .expect("t");
    assert!(metrics.contains("set_anchor_blocked_streams 1"), "{metrics}");
    let exists = registry::decode_batch_exists_many(
        &eth_call(
            &env,
            registry::encode_batch_exists_many(&streams[0].2.iter().map(uuid_to_bytes32).collect::<Vec<_>>()),
        )
        .await,
    )
    .expect("exists");
    assert_eq!(exists, [true, false, false, false]);
    let done: Vec<(Uuid, Uuid, Vec<Uuid>)> = streams[1..].to_vec();
    assert_all_anchored(&env, &done).await;
    // SIGTERM: the daemon drains within its grace period and exits 0.
    let mut anchor = anchor;
    let status = Command::new("kill").args(["-TERM", &anchor.0.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let stopped = Instant::now();
    let code = loop {
        if let Some(code) = anchor.0.try_wait().expect("wait") {
            break code;
        }
        assert!(stopped.elapsed() < Duration::from_secs(25), "no exit within the grace period");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(code.success(), "{code:?}");
    drop(anchor);
    remove_store(&env.store);
    let _ = std::fs::remove_file(&log);
}

/// A loopback JSON-RPC proxy in front of anvil: drops `drop_percent` % of
/// `eth_sendRawTransaction` (half never forwarded, half forwarded with the answer lost) and
/// delays every other call by 0–150 ms.
async fn start_chaos_proxy(
    upstream: String,
    drop_percent: u8,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicU64>) {
    use axum::body::Bytes;
    use axum::response::IntoResponse;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;
    let dropped = Arc::new(AtomicU64::new(0));
    let counter = dropped.clone();
    let client = reqwest::Client::new();
    let handler = move |body: Bytes| {
        let (client, upstream, counter) = (client.clone(), upstream.clone(), counter.clone());
        async move {
            let roll = |n: u8| Uuid::new_v4().as_bytes()[0] % 100 < n;
            let method =
                serde_json::from_slice::<Value>(&body).ok().and_then(|v| v["method"].as_str().map(str::to_owned));
            let is_send = method.as_deref() == Some("eth_sendRawTransaction");
            if is_send && roll(drop_percent) {
                counter.fetch_add(1, Ordering::Relaxed);
                if roll(50) {
                    let _ = client.post(&upstream).header("content-type", "application/json").body(body).send().await;
                }
                return axum::http::StatusCode::BAD_GATEWAY.into_response();
            }
            if !is_send {
                let ms = u64::from(Uuid::new_v4().as_bytes()[1]) * 150 / 255;
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            match client.post(&upstream).header("content-type", "application/json").body(body).send().await {
                Ok(response) => match response.bytes().await {
                    Ok(bytes) => (axum::http::StatusCode::OK, [("content-type", "application/json")], bytes.to_vec())
                        .into_response(),
                    Err(_) => axum::http::StatusCode::BAD_GATEWAY.into_response(),
                },
                Err(_) => axum::http::StatusCode::BAD_GATEWAY.into_response(),
            }
        }
    };
    let app = axum::Router::new().route("/", axum::routing::post(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("proxy bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}"), dropped)
}

/// Transactions of `sender` (count, gas) in all blocks, and which of them are in `useful`.
async fn sender_transactions(env: &Env, rpc_url: &str, sender: &str) -> Vec<(String, u64, bool)> {
    let mut direct = env.shallow();
    direct.rpc = rpc_url.to_owned();
    let latest = rpc(&direct, "eth_blockNumber", json!([])).await;
    let latest = u64::from_str_radix(latest.as_str().unwrap_or("0x0").trim_start_matches("0x"), 16).unwrap_or(0);
    let mut out = Vec::new();
    for n in 0..=latest {
        let block = rpc(&direct, "eth_getBlockByNumber", json!([format!("0x{n:x}"), true])).await;
        for tx in block["transactions"].as_array().cloned().unwrap_or_default() {
            if tx["from"].as_str().map(str::to_lowercase) == Some(sender.to_lowercase()) {
                let hash = tx["hash"].as_str().unwrap_or_default().to_owned();
                let receipt = rpc(&direct, "eth_getTransactionReceipt", json!([hash])).await;
                let gas =
                    u64::from_str_radix(receipt["gasUsed"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16)
                        .unwrap_or(0);
                out.push((hash, gas, receipt["status"].as_str() == Some("0x1")));
            }
        }
    }
    out
}

/// Small transactions (more sends for the proxy to drop) and quick resubmission.
/// The sequencer's slow failures (2.5 s) outlast the anchor's 2 s request timeout.
/// The circuit breaker pauses 5 s instead of 60 s once open.
const CHAOS_ENV: &[(&str, &str)] = &[
    ("MAX_COMMITMENTS_PER_TX", "3"),
    ("RESUBMIT_AFTER_SECS", "3"),
    ("SEQUENCER_REQUEST_TIMEOUT_SECS", "2"),
    ("CIRCUIT_BREAKER_RESET_TIMEOUT_SECS", "5"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chaos_rpc_drops_sequencer_failures_and_kill_9_lose_nothing() {
    let mut env = setup().await;
    let mut streams = Vec::new();
    for _ in 0..5 {
        let (tenant, store) = (Uuid::new_v4(), Uuid::new_v4());
        let ids = ingest_and_commit(&env, tenant, store, 40, 8).await;
        streams.push((tenant, store, ids));
    }
    // The sequencer now fails 25 % of the anchor's requests: half 500s, half timeouts.
    env.sequencer = None;
    let (sequencer, url) = start_sequencer(&env.store, 25);
    env.sequencer = Some(sequencer);
    env.sequencer_url = url;
    let anvil_url = env.rpc.clone();
    let (proxy_url, dropped) = start_chaos_proxy(anvil_url.clone(), 35).await;
    let mut chaos = env.shallow();
    chaos.rpc = proxy_url;

    let health_port = free_port();
    let log = std::env::temp_dir().join(format!("set-anchor-chaos-{}.log", Uuid::new_v4()));
    let started = Instant::now();
    for _ in 0..6 {
        let child = spawn_anchor_with(&chaos, health_port, &log, CHAOS_ENV);
        let ms = 500 + u64::from(Uuid::new_v4().as_bytes()[0]) * 3_000 / 255;
        tokio::time::sleep(Duration::from_millis(ms)).await;
        drop(child); // SIGKILL at a random moment
    }
    let anchor = spawn_anchor_with(&chaos, health_port, &log, CHAOS_ENV);
    // Notifications through a 25 % failing sequencer: poll with the test's own retries.
    let deadline = Duration::from_secs(180);
    loop {
        if pending_count(&env).await == Some(0) {
            break;
        }
        assert!(started.elapsed() < deadline, "commitments still pending after {deadline:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    drop(anchor);
    // Check through a healthy sequencer.
    env.sequencer = None;
    let (sequencer, url) = start_sequencer(&env.store, 0);
    env.sequencer = Some(sequencer);
    env.sequencer_url = url;
    let (useful, gas) = assert_all_anchored(&env, &streams).await;
    let all = sender_transactions(&env, &anvil_url, SEQUENCER_ADDRESS).await;
    let wasted: Vec<&(String, u64, bool)> = all.iter().filter(|t| !t.2).collect();
    let commitments: usize = streams.iter().map(|s| s.2.len()).sum();
    eprintln!(
        "chaos: {commitments} commitments anchored exactly once in {useful} useful transactions ({gas} gas); \
         {} sendRawTransaction dropped by the proxy; {} wasted (reverted) transactions, {} gas wasted; {:.1}s",
        dropped.load(std::sync::atomic::Ordering::Relaxed),
        wasted.len(),
        wasted.iter().map(|t| t.1).sum::<u64>(),
        started.elapsed().as_secs_f64()
    );
    remove_store(&env.store);
    let _ = std::fs::remove_file(&log);
}

/// A commitBatch for a fresh stream (the registry's first-batch freedom): never reverts.
fn fresh_commit_calldata() -> Vec<u8> {
    let args = registry::CommitBatchArgs {
        batch_id: uuid_to_bytes32(&Uuid::new_v4()),
        tenant_id: uuid_to_bytes32(&Uuid::new_v4()),
        store_id: uuid_to_bytes32(&Uuid::new_v4()),
        events_root: B256::repeat_byte(1),
        prev_state_root: B256::ZERO,
        new_state_root: B256::repeat_byte(2),
        sequence_start: 1,
        sequence_end: 1,
        event_count: 1,
    };
    set_anchor::chain::Chain::calldata(&[args])
}

async fn txmgr_chain(env: &Env) -> set_anchor::chain::Chain {
    let key: set_anchor::secret::Secret = SEQUENCER_KEY.parse().expect("key");
    let signer = set_anchor::chain::parse_signer(&key).expect("signer");
    set_anchor::chain::Chain::connect(env.rpc.parse().expect("url"), env.registry.parse().expect("address"), signer)
        .await
        .expect("connect")
}

const POLICY: set_anchor::chain::FeePolicy =
    set_anchor::chain::FeePolicy { min_priority_fee: 1_000_000, max_fee_cap: None, bump_percent: 12 };

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn txmgr_resets_its_nonce_after_a_send_error() {
    let env = setup().await;
    let mut chain = txmgr_chain(&env).await;
    let one = Duration::from_secs(1);
    let timeout = Duration::from_secs(30);
    chain.send_and_confirm(fresh_commit_calldata(), 300_000, &POLICY, one, 1, timeout).await.expect("first send");
    // Someone else (another process with the same key) uses the next nonce.
    rpc(&env, "eth_sendTransaction", json!([{"from": SEQUENCER_ADDRESS, "to": SEQUENCER_ADDRESS, "value": "0x0"}]))
        .await;
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let err = chain.send_and_confirm(fresh_commit_calldata(), 300_000, &POLICY, one, 1, timeout).await.unwrap_err();
    assert!(matches!(err, set_anchor::chain::ChainError::NonceTaken(_)), "{err}");
    // The nonce was dropped and refetched: the next send lands.
    let confirmed =
        chain.send_and_confirm(fresh_commit_calldata(), 300_000, &POLICY, one, 1, timeout).await.expect("after reset");
    assert_eq!(confirmed.bumps, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn txmgr_bumps_fees_when_not_mined_and_stops_at_the_cap() {
    let env = setup().await;
    let mut chain = txmgr_chain(&env).await;
    let timeout = Duration::from_secs(30);
    let block = rpc(&env, "eth_getBlockByNumber", json!(["latest", false])).await;
    let base_fee = u128::from_str_radix(block["baseFeePerGas"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16)
        .unwrap_or(0);
    // A cap at the latest base fee (empty blocks only lower it): the suggestion (about twice the
    // next base fee) is clamped to the cap at once, so no replacement can fit under it.
    let cap = base_fee;
    let capped = set_anchor::chain::FeePolicy { max_fee_cap: Some(cap), ..POLICY };
    for (policy, expect_bumps) in [(POLICY, true), (capped, false)] {
        // Stop mining for a while: the manager must resubmit with higher fees (or, at the cap, re-publish).
        rpc(&env, "evm_setIntervalMining", json!([0])).await;
        rpc(&env, "evm_setAutomine", json!([false])).await;
        let miner = env.shallow();
        let resume = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(3_500)).await;
            rpc(&miner, "evm_mine", json!([])).await;
            rpc(&miner, "evm_setIntervalMining", json!([1])).await;
        });
        let confirmed = chain
            .send_and_confirm(fresh_commit_calldata(), 300_000, &policy, Duration::from_secs(1), 1, timeout)
            .await
            .expect("confirmed");
        resume.await.expect("miner");
        let tx = rpc(&env, "eth_getTransactionByHash", json!([format!("{}", confirmed.tx_hash)])).await;
        let max_fee = u128::from_str_radix(tx["maxFeePerGas"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16)
            .unwrap_or(0);
        if expect_bumps {
            assert!(confirmed.bumps >= 2, "{confirmed:?}");
        } else {
            assert_eq!(confirmed.bumps, 0, "{confirmed:?}");
            assert!(max_fee <= cap, "fee {max_fee} above the cap {cap}");
        }
    }
}

async fn block_number(env: &Env) -> u64 {
    let n = rpc(env, "eth_blockNumber", json!([])).await;
    u64::from_str_radix(n.as_str().unwrap_or("0x0").trim_start_matches("0x"), 16).unwrap_or(0)
}

/// Ingests `per_commitment` events and commits them at once, `count` times; returns
/// (commitment id, block number right after it became pending, time it became pending).
async fn stream_commitments(
    env: &Env,
    tenant: Uuid,
    store: Uuid,
    count: u64,
    per_commitment: u64,
) -> Vec<(Uuid, u64, Instant)> {
    let mut out = Vec::new();
    let mut start = 1;
    let agent = Uuid::new_v4();
    register_agent(env, tenant, agent).await;
    for round in 0..count {
        let orders = round * per_commitment..(round + 1) * per_commitment;
        ingest(env, agent, &signed_orders(tenant, store, agent, orders)).await;
        let end = start + per_commitment - 1;
        let batch_id = commit(env, tenant, store, start, end).await;
        out.push((batch_id, block_number(env).await, Instant::now()));
        start = end + 1;
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// `make bench-anchor`: 200 commitments over 10 streams on anvil with 2 s blocks, created while the
/// anchor runs; then 20 commitments sent one by one for the gas comparison. Prints a markdown table
/// (also written to the file named by `BENCH_MD`, if set).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: make bench-anchor"]
async fn bench_anchor_200_commitments() {
    let env = setup_with_block_time(2).await;
    let health_port = free_port();
    let log = std::env::temp_dir().join(format!("set-anchor-bench-{}.log", Uuid::new_v4()));
    let anchor = spawn_anchor_with(&env, health_port, &log, &[("MAX_COMMITMENTS_PER_TX", "64")]);
    tokio::time::sleep(Duration::from_secs(1)).await;
    // 10 streams filled concurrently, 20 commitments of 5 events each.
    let mut tasks = Vec::new();
    let shared = std::sync::Arc::new(env.shallow());
    for _ in 0..10 {
        let env = shared.clone();
        tasks.push(tokio::spawn(async move {
            let (tenant, store) = (Uuid::new_v4(), Uuid::new_v4());
            stream_commitments(&env, tenant, store, 20, 5).await
        }));
    }
    let mut created = Vec::new();
    for task in tasks {
        created.extend(task.await.expect("stream"));
    }
    // Wait until every commitment is notified, recording when each one was first seen notified.
    let mut notified: std::collections::HashMap<Uuid, (Instant, u64)> = std::collections::HashMap::new();
    let started = Instant::now();
    while notified.len() < created.len() {
        assert!(started.elapsed() < Duration::from_secs(300), "bench did not finish");
        let text = env
            .http
            .get(format!("{}/v1/commitments/pending?limit=5000", env.sequencer_url))
            .header("Authorization", format!("ApiKey {API_KEY}"))
            .send()
            .await
            .expect("pending")
            .text()
            .await
            .expect("body");
        let pending: std::collections::HashSet<Uuid> = set_core::sequencer::parse_pending(&text)
            .expect("pending")
            .commitments
            .iter()
            .map(|c| c.batch_id)
            .collect();
        let seen = Instant::now();
        for (id, _, _) in &created {
            if !notified.contains_key(id) && !pending.contains(id) {
                let c = get_commitment(&env, id).await;
                if let Some(block) = c.chain_block_number {
                    notified.insert(*id, (seen, block));
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut latency: Vec<f64> = Vec::new();
    let mut blocks: Vec<f64> = Vec::new();
    // Pending → notified by the sequencer's own clock (`committed_at` → `anchored_at`): the
    // polling above only starts once every writer is done, so its "first seen" times would count
    // the rest of the creation phase in the latency of the early commitments.
    let seconds = |text: &Option<String>| {
        let at = set_core::ves::rfc3339::parse_rfc3339(text.as_deref().unwrap_or_default()).expect("RFC 3339");
        at.unix_seconds as f64 + f64::from(at.nanos) / 1e9
    };
    for (id, pending_block, _) in &created {
        let (_, block) = notified[id];
        let c = get_commitment(&env, id).await;
        latency.push(seconds(&c.anchored_at) - seconds(&Some(c.committed_at)));
        blocks.push(block.saturating_sub(*pending_block) as f64);
    }
    latency.sort_by(f64::total_cmp);
    blocks.sort_by(f64::total_cmp);
    drop(anchor);
    let all = sender_transactions(&env, &env.rpc, SEQUENCER_ADDRESS).await;
    assert!(all.iter().all(|t| t.2), "a reverted anchor transaction");
    let multi_gas_total: u64 = all.iter().map(|t| t.1).sum();
    let multi_tx_count = all.len();

    // One by one: 2 streams × 10 commitments with MAX_COMMITMENTS_PER_TX=1.
    let before = all.len();
    let anchor = spawn_anchor_with(&env, health_port, &log, &[("MAX_COMMITMENTS_PER_TX", "1")]);
    let mut single = Vec::new();
    for _ in 0..2 {
        single.extend(stream_commitments(&env, Uuid::new_v4(), Uuid::new_v4(), 10, 5).await);
    }
    wait_until_drained(&env, Duration::from_secs(300)).await;
    drop(anchor);
    let all = sender_transactions(&env, &env.rpc, SEQUENCER_ADDRESS).await;
    let single_gas: u64 = all[before..].iter().map(|t| t.1).sum();
    let single_per = single_gas as f64 / single.len() as f64;
    let multi_per = multi_gas_total as f64 / created.len() as f64;
    let table = [
        "| measure | value |".to_string(),
        "|---|---|".to_string(),
        format!("| commitments (streams) | {} (10), created while the anchor runs, 2 s blocks |", created.len()),
        format!(
            "| blocks from pending to landed: p50 / p95 / max | {} / {} / {} (target: within 5) |",
            percentile(&blocks, 50.0),
            percentile(&blocks, 95.0),
            blocks.last().copied().unwrap_or(0.0)
        ),
        format!(
            "| latency pending → notified: p50 / p95 | {:.1} s / {:.1} s |",
            percentile(&latency, 50.0),
            percentile(&latency, 95.0)
        ),
        format!("| anchor transactions | {multi_tx_count} |"),
        format!("| gas per commitment, multi-commit | {multi_per:.0} |"),
        format!("| gas per commitment, one by one ({} commitments) | {single_per:.0} |", single.len()),
        format!("| ratio | {:.2} (target ≤ 0.85) |", multi_per / single_per),
    ]
    .join("\n");
    println!("{table}");
    // `make bench` (tools/bench/run.py) collects the table from the file named by BENCH_MD.
    if let Some(path) = std::env::var_os("BENCH_MD").filter(|p| !p.is_empty()) {
        std::fs::write(path, format!("{table}\n")).expect("write BENCH_MD");
    }
    println!("anchor log: {}", log.display());
    remove_store(&env.store);
}
