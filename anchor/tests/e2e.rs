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
use set_core::ves::agent::{AgentSecretKey, EventFields, UnsignedEvent};
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

/// The sequencer's list of commitments not yet anchored, all of them in one page.
const PENDING_PATH: &str = "/v1/commitments/pending?limit=5000";

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
    /// A request to the sequencer at `path`, with the test API key.
    fn sequencer_request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.sequencer_url))
            .header("Authorization", format!("ApiKey {API_KEY}"))
    }

    /// The body the sequencer answers a GET of `path` with (`what` names the request in a failure).
    async fn sequencer_text(&self, path: &str, what: &str) -> String {
        let response = self.sequencer_request(reqwest::Method::GET, path).send().await.expect(what);
        response.text().await.expect("body")
    }

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

/// anvil's `safe` head is `latest - SAFE_LAG` (`--slots-in-an-epoch`), `finalized` twice that.
const SAFE_LAG: u64 = 2;

async fn setup() -> Env {
    setup_with(1, SAFE_LAG).await
}

async fn setup_with_block_time(block_time: u64) -> Env {
    setup_with(block_time, SAFE_LAG).await
}

/// anvil with `block_time` s blocks and a safe head `safe_lag` blocks behind `latest`.
async fn setup_with(block_time: u64, safe_lag: u64) -> Env {
    let port = free_port();
    let anvil = ProcGroup(
        Command::new(foundry_bin("anvil"))
            .process_group(0)
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--chain-id", &CHAIN_ID.to_string()])
            .args(["--block-time", &block_time.to_string(), "--silent"])
            .args(["--slots-in-an-epoch", &safe_lag.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("anvil"),
    );
    let rpc_url = format!("http://127.0.0.1:{port}");
    let http =
        set_http::client_builder(&[]).expect("TLS setup").timeout(Duration::from_secs(20)).build().expect("client");
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
        .sequencer_request(reqwest::Method::POST, AGENT_KEYS_PATH)
        .header("content-type", "application/json")
        .body(AgentKeyRegistration::ed25519(tenant, agent, 1, &public_key).to_json())
        .send()
        .await
        .expect("register agent key");
    assert!(response.status().is_success(), "agent key registration: {}", response.status());
}

/// Order events `entity_ids` of one stream, signed by `agent` with the [`AGENT_SEED`] key.
fn signed_orders(tenant: Uuid, store: Uuid, agent: Uuid, entity_ids: std::ops::Range<u64>) -> Vec<VesEvent> {
    let key = AgentSecretKey::Ed25519 { seed: AGENT_SEED };
    entity_ids
        .map(|i| {
            let fields = EventFields {
                tenant_id: tenant,
                store_id: store,
                event_id: Uuid::new_v4(),
                source_agent_id: agent,
                agent_key_id: 1,
                entity_type: "Order".into(),
                entity_id: format!("ORD-{i}"),
                event_type: "order.created".into(),
                created_at: "2026-11-22T00:00:00Z".into(),
                payload: json!({"n": i}),
            };
            UnsignedEvent::new(fields).and_then(|event| event.sign(&key)).expect("sign")
        })
        .collect()
}

/// One ingest request; every event must be accepted (the answer parsed with set-core).
async fn ingest(env: &Env, agent: Uuid, events: &[VesEvent]) {
    let request = IngestRequest { agent_id: agent, events: events.to_vec() };
    let response = env
        .sequencer_request(reqwest::Method::POST, "/api/v1/ves/events/ingest")
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
    let response = env
        .sequencer_request(reqwest::Method::POST, "/api/v1/ves/commitments")
        .json(&body)
        .send()
        .await
        .expect("commit");
    let text = response.text().await.expect("body");
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
    let text = env.sequencer_text(&set_core::sequencer::ves_commitment_path(id), "get").await;
    set_core::sequencer::parse_ves_commitment(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

async fn pending_count(env: &Env) -> Option<usize> {
    let response = env.sequencer_request(reqwest::Method::GET, PENDING_PATH).send().await.ok()?;
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
            let text = env.sequencer_text(&set_core::sequencer::ves_proof_path(seq, tenant, store, id), "proof").await;
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
    let errors: Value = serde_json::from_str(&health_text(&env, health_port, "errors").await).expect("json");
    let reported = errors["recent_errors"].as_array().expect("recent").iter().any(|e| {
        e["error_code"] == "STATE_ROOT_MISMATCH" && e["message"].as_str().unwrap_or("").contains(&bad.to_string())
    });
    assert!(reported, "{errors}");
    let metrics = health_text(&env, health_port, "metrics").await;
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
    let client = set_http::client_builder(&[]).expect("TLS setup").build().expect("client");
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
            forward(&client, &upstream, body).await
        }
    };
    (serve_proxy(axum::Router::new().route("/", axum::routing::post(handler))).await, dropped)
}

/// Forwards one JSON-RPC body to `upstream`; 502 when no answer comes back.
async fn forward(client: &reqwest::Client, upstream: &str, body: axum::body::Bytes) -> axum::response::Response {
    use axum::response::IntoResponse;
    match client.post(upstream).header("content-type", "application/json").body(body).send().await {
        Ok(response) => match response.bytes().await {
            Ok(bytes) => {
                (axum::http::StatusCode::OK, [("content-type", "application/json")], bytes.to_vec()).into_response()
            }
            Err(_) => axum::http::StatusCode::BAD_GATEWAY.into_response(),
        },
        Err(_) => axum::http::StatusCode::BAD_GATEWAY.into_response(),
    }
}

/// Serves `app` on a free loopback port; returns its URL.
async fn serve_proxy(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("proxy bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
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
    ("RUST_LOG", "info,set_anchor=debug"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chaos_rpc_drops_sequencer_failures_reorgs_and_kill_9_lose_nothing() {
    // The safe head 5 blocks back: the reorgs below (depth 1 to 3) never reach it.
    let mut env = setup_with(1, 5).await;
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
    // Reorgs of depth 1 to 3 every 5 to 10 s, straight to anvil, until the end of the test. anvil
    // drops the transactions of reorged blocks (a real node returns them to its pool), so each
    // reorg that hits a landing costs a re-send: more often than this and little ever gets safe.
    let reorgs = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let reorger = {
        let (direct, reorgs) = (env.shallow(), reorgs.clone());
        tokio::spawn(async move {
            for _ in 0..200 {
                let roll = Uuid::new_v4().as_bytes()[0];
                tokio::time::sleep(Duration::from_millis(5_000 + u64::from(roll) * 5_000 / 255)).await;
                // Interval mining paused around the reorg: run while anvil's miner is producing
                // a block, anvil_reorg was once seen to remove about 20 blocks instead of 1–3.
                rpc(&direct, "evm_setIntervalMining", json!([0])).await;
                rpc(&direct, "anvil_reorg", json!([1 + u64::from(roll % 3), []])).await;
                rpc(&direct, "evm_setIntervalMining", json!([1])).await;
                reorgs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        })
    };
    for _ in 0..6 {
        let child = spawn_anchor_with(&chaos, health_port, &log, CHAOS_ENV);
        let ms = 500 + u64::from(Uuid::new_v4().as_bytes()[0]) * 3_000 / 255;
        tokio::time::sleep(Duration::from_millis(ms)).await;
        drop(child); // SIGKILL at a random moment
    }
    let anchor = spawn_anchor_with(&chaos, health_port, &log, CHAOS_ENV);
    // Notifications through a 25 % failing sequencer: poll with the test's own retries.
    let deadline = Duration::from_secs(300);
    loop {
        if pending_count(&env).await == Some(0) {
            break;
        }
        assert!(started.elapsed() < deadline, "commitments still pending after {deadline:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    drop(anchor);
    reorger.abort();
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
         {} sendRawTransaction dropped by the proxy; {} reorgs; {} wasted (reverted) transactions, {} gas wasted; {:.1}s",
        dropped.load(std::sync::atomic::Ordering::Relaxed),
        reorgs.load(std::sync::atomic::Ordering::Relaxed),
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

const POLICY: set_anchor::txmgr::FeePolicy =
    set_anchor::txmgr::FeePolicy { min_priority_fee: 1_000_000, max_fee_cap: None, bump_percent: 12 };

fn send_config(policy: set_anchor::txmgr::FeePolicy, resubmit_after: Duration) -> set_anchor::txmgr::SendConfig {
    set_anchor::txmgr::SendConfig {
        policy,
        resubmit_after,
        timeout: Duration::from_secs(30),
        poll: Duration::from_millis(250),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn txmgr_takes_a_fresh_nonce_so_a_foreign_transaction_costs_nothing() {
    let env = setup().await;
    let chain = txmgr_chain(&env).await;
    let config = send_config(POLICY, Duration::from_secs(1));
    let first = set_anchor::txmgr::send(&chain, fresh_commit_calldata(), 300_000, config).await.expect("first send");
    // Someone else (another process with the same key) uses the next nonce.
    rpc(&env, "eth_sendTransaction", json!([{"from": SEQUENCER_ADDRESS, "to": SEQUENCER_ADDRESS, "value": "0x0"}]))
        .await;
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    // The next send reads the nonce again: it lands at once, after the foreign one.
    let second = set_anchor::txmgr::send(&chain, fresh_commit_calldata(), 300_000, config).await.expect("second send");
    assert_eq!(second.bumps, 0);
    assert!(second.mined.block_number > first.mined.block_number);
    let tx = rpc(&env, "eth_getTransactionByHash", json!([format!("{}", second.mined.tx_hash)])).await;
    let nonce = u64::from_str_radix(tx["nonce"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16).unwrap_or(0);
    let tx = rpc(&env, "eth_getTransactionByHash", json!([format!("{}", first.mined.tx_hash)])).await;
    let first_nonce =
        u64::from_str_radix(tx["nonce"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16).unwrap_or(0);
    assert_eq!(nonce, first_nonce + 2, "the foreign transaction's nonce was skipped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn txmgr_bumps_fees_when_not_mined_and_stops_at_the_cap() {
    let env = setup().await;
    let chain = txmgr_chain(&env).await;
    let block = rpc(&env, "eth_getBlockByNumber", json!(["latest", false])).await;
    let base_fee = u128::from_str_radix(block["baseFeePerGas"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16)
        .unwrap_or(0);
    // A cap at the latest base fee (empty blocks only lower it): the suggestion (about twice the
    // next base fee) is clamped to the cap at once, so no replacement can fit under it.
    let cap = base_fee;
    let capped = set_anchor::txmgr::FeePolicy { max_fee_cap: Some(cap), ..POLICY };
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
        let confirmed = set_anchor::txmgr::send(
            &chain,
            fresh_commit_calldata(),
            300_000,
            send_config(policy, Duration::from_secs(1)),
        )
        .await
        .expect("confirmed");
        resume.await.expect("miner");
        let tx = rpc(&env, "eth_getTransactionByHash", json!([format!("{}", confirmed.mined.tx_hash)])).await;
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

fn hex_u64(value: &Value) -> u64 {
    u64::from_str_radix(value.as_str().unwrap_or("0x0").trim_start_matches("0x"), 16).unwrap_or(0)
}

async fn mine(env: &Env, blocks: u64) {
    if blocks > 0 {
        rpc(env, "anvil_mine", json!([format!("0x{blocks:x}")])).await;
    }
}

async fn safe_head(env: &Env) -> u64 {
    hex_u64(&rpc(env, "eth_getBlockByNumber", json!(["safe", false])).await["number"])
}

/// The body of `GET /<path>` on the anchor's health server.
async fn health_text(env: &Env, health_port: u16, path: &str) -> String {
    let url = format!("http://127.0.0.1:{health_port}/{path}");
    env.http.get(url).send().await.expect(path).text().await.expect(path)
}

async fn anchor_stats(env: &Env, health_port: u16) -> Value {
    match env.http.get(format!("http://127.0.0.1:{health_port}/stats")).send().await {
        Ok(response) => response.json().await.unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

fn stage_of(stats: &Value, id: &Uuid) -> Option<String> {
    let id = id.to_string();
    stats["commitments"].as_array()?.iter().find(|c| c["batch_id"] == id.as_str())?["stage"].as_str().map(str::to_owned)
}

/// Polls `check` every 100 ms until it holds; panics after `limit` with `what`.
async fn wait_for<F, Fut>(limit: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !check().await {
        assert!(started.elapsed() < limit, "{what} not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn signal(child: &Proc, name: &str) {
    let status = Command::new("kill").args([&format!("-{name}"), &child.0.id().to_string()]).status().expect("kill");
    assert!(status.success(), "kill -{name}");
}

/// Sends `data` to the registry from the sequencer account (unlocked in anvil), as an earlier
/// anchor process would have; returns the transaction hash once it is mined.
async fn commit_as_sequencer(env: &Env, data: Vec<u8>) -> String {
    let tx = rpc(
        env,
        "eth_sendTransaction",
        json!([{"from": SEQUENCER_ADDRESS, "to": env.registry, "data": format!("0x{}", hex::encode(data)), "gas": "0x7a120"}]),
    )
    .await;
    let hash = tx.as_str().expect("hash").to_owned();
    let direct = env.shallow();
    wait_for(Duration::from_secs(20), "receipt", || {
        let (direct, hash) = (&direct, hash.clone());
        async move { !rpc(direct, "eth_getTransactionReceipt", json!([hash])).await.is_null() }
    })
    .await;
    hash
}

async fn pending_commitments(env: &Env) -> Vec<set_core::sequencer::PendingCommitment> {
    let text = env.sequencer_text(PENDING_PATH, "pending").await;
    set_core::sequencer::parse_pending(&text).expect("pending parses").commitments
}

/// A loopback JSON-RPC proxy in front of anvil that records every request body.
async fn start_recording_proxy(upstream: String) -> (String, std::sync::Arc<std::sync::Mutex<Vec<Value>>>) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    let client = set_http::client_builder(&[]).expect("TLS setup").build().expect("client");
    let handler = move |body: axum::body::Bytes| {
        let (client, upstream, record) = (client.clone(), upstream.clone(), record.clone());
        async move {
            if let Ok(value) = serde_json::from_slice::<Value>(&body) {
                record.lock().expect("lock").push(value);
            }
            forward(&client, &upstream, body).await
        }
    };
    (serve_proxy(axum::Router::new().route("/", axum::routing::post(handler))).await, seen)
}

/// The safe head `REORG_LAG` blocks back and mining driven by the test: between two blocks the
/// chain does not move, so "notified only when safe" is checked exactly, before every block.
/// The commitment as a receipt bundle states it.
fn as_bundle_commitment(c: &VesCommitment) -> set_core::receipt::BundleCommitment {
    set_core::receipt::BundleCommitment {
        batch_id: c.batch_id,
        sequence_start: c.sequence_start,
        sequence_end: c.sequence_end,
        leaf_count: u32::try_from(c.leaf_count).expect("count"),
        merkle_root: c.merkle_root,
        prev_state_root: c.prev_state_root,
        new_state_root: c.new_state_root,
    }
}

/// The anchor proof of `id` served by the anchor, its file, and the commitment the sequencer
/// holds, checked against the chain: the header is the chain's block at its height, at or after
/// the landing and at or below the safe head; the proof holds exactly this commitment.
async fn check_captured_proof(env: &Env, health_port: u16, dir: &Path, id: &Uuid) -> Value {
    use set_core::anchor_proof::{commitment_slots, verify, verify_storage, AnchorProof, ProofCheck, ProofTrust};
    let file = std::fs::read(dir.join(format!("{id}.json"))).unwrap_or_else(|err| panic!("proof file of {id}: {err}"));
    let response = env.http.get(format!("http://127.0.0.1:{health_port}/proofs/{id}")).send().await.expect("proof");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap_or_default().starts_with("application/json"));
    let served = response.bytes().await.expect("body");
    assert_eq!(served.as_ref(), file.as_slice(), "the endpoint serves the file");
    let value: Value = serde_json::from_slice(&file).expect("json");
    let proof = AnchorProof::from_value(&value).expect("an anchor.proof the core reads");
    assert_eq!(proof.to_value(), value, "written as the core writes it");
    let c = get_commitment(env, id).await;
    let landed = c.chain_block_number.expect("notified with its block");
    let header = &proof.l2_header;
    assert!(landed <= header.number && header.number <= safe_head(env).await, "{landed} {} ", header.number);
    // The verifier pins the hash it reads from its own node at that height.
    let block = rpc(env, "eth_getBlockByNumber", json!([format!("0x{:x}", header.number), false])).await;
    let pinned: B256 = block["hash"].as_str().expect("hash").parse().expect("b256");
    assert_eq!(header.hash(), pinned);
    let commitment = as_bundle_commitment(&c);
    let registry: alloy::primitives::Address = env.registry.parse().expect("registry");
    verify_storage(&proof, &commitment, registry).expect("the proof holds the commitment");
    let trust = ProofTrust { l2_block_hashes: vec![pinned], ..ProofTrust::default() };
    assert_eq!(verify(&proof, &commitment, registry, &trust).anchor_proof, ProofCheck::Passed);
    let keys: Vec<B256> = proof.storage_proof.iter().map(|slot| slot.key).collect();
    assert_eq!(keys, commitment_slots(id).to_vec(), "the slots of this batch");
    value
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_anchor_proof_of_each_final_commitment_is_captured_once_and_served() {
    use set_core::anchor_proof::{verify_storage, AnchorProof};
    let env = setup().await;
    let dir = std::env::temp_dir().join(format!("set-anchor-proofs-{}", Uuid::new_v4()));
    let proof_dir = dir.to_str().expect("utf-8 path").to_owned();
    let (tenant, store) = (Uuid::new_v4(), Uuid::new_v4());
    let ids = ingest_and_commit(&env, tenant, store, 6, 3).await;
    let health_port = free_port();
    let log = std::env::temp_dir().join(format!("set-anchor-e2e-proofs-{}.log", Uuid::new_v4()));
    let started = Instant::now();
    let anchor = spawn_anchor_with(&env, health_port, &log, &[("SET_ANCHOR_PROOF_DIR", &proof_dir)]);
    wait_until_drained(&env, Duration::from_secs(60)).await;
    // Captured before the notification: on disk as soon as the commitment left the pending list.
    let mut values = Vec::new();
    for id in &ids {
        values.push(check_captured_proof(&env, health_port, &dir, id).await);
    }
    // A proof of another batch does not hold this one: each file is its own batch's.
    let first = AnchorProof::from_value(&values[0]).expect("proof");
    let other = as_bundle_commitment(&get_commitment(&env, &ids[1]).await);
    let registry = env.registry.parse().expect("registry");
    let err = verify_storage(&first, &other, registry).expect_err("a proof of another batch");
    assert_eq!(err.code(), "PROOF_WRONG_SLOT");
    assert_ne!(values[0], values[1]);
    // 404 for a batch never captured, 400 for an id that is not a UUID.
    let base = format!("http://127.0.0.1:{health_port}/proofs");
    let unknown = env.http.get(format!("{base}/{}", Uuid::new_v4())).send().await.expect("404");
    assert_eq!(unknown.status().as_u16(), 404);
    for bad in ["not-a-uuid", "..%2F..%2Fetc%2Fpasswd", &ids[0].simple().to_string()] {
        let response = env.http.get(format!("{base}/{bad}")).send().await.expect("400");
        assert_eq!(response.status().as_u16(), 400, "{bad}");
    }
    let stats = anchor_stats(&env, health_port).await;
    assert_eq!((&stats["proofs_captured"], &stats["proof_capture_failures"]), (&json!(2), &json!(0)), "{stats}");
    let metrics = health_text(&env, health_port, "metrics").await;
    assert!(metrics.contains("set_anchor_proofs_captured_total 2"), "{metrics}");

    // A restart: what is on disk stays as it was, the next commitment is captured too.
    drop(anchor);
    let modified = |id: &Uuid| std::fs::metadata(dir.join(format!("{id}.json"))).and_then(|m| m.modified()).ok();
    let before: Vec<_> = ids.iter().map(modified).collect();
    let agent = Uuid::new_v4();
    register_agent(&env, tenant, agent).await;
    ingest(&env, agent, &signed_orders(tenant, store, agent, 6..8)).await;
    let third = commit(&env, tenant, store, 7, 8).await;
    let anchor = spawn_anchor_with(&env, health_port, &log, &[("SET_ANCHOR_PROOF_DIR", &proof_dir)]);
    wait_until_drained(&env, Duration::from_secs(60)).await;
    check_captured_proof(&env, health_port, &dir, &third).await;
    assert_eq!(ids.iter().map(modified).collect::<Vec<_>>(), before, "files already on disk are not rewritten");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "one file per commitment, no temporary file left: {names:?}");
    eprintln!("proofs: 3 commitments captured and verified in {:.1}s", started.elapsed().as_secs_f64());
    drop(anchor);
    remove_store(&env.store);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&log);
}

const REORG_LAG: u64 = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reorgs_at_depth_1_3_and_10_before_and_after_landing_are_sent_again_and_notified_only_when_safe() {
    let env = setup_with(1, REORG_LAG).await;
    rpc(&env, "evm_setIntervalMining", json!([0])).await;
    rpc(&env, "evm_setAutomine", json!([false])).await;
    let health_port = free_port();
    let log = std::env::temp_dir().join(format!("set-anchor-reorg-{}.log", Uuid::new_v4()));
    let anchor = spawn_anchor_with(&env, health_port, &log, &[("RESUBMIT_AFTER_SECS", "2")]);
    let (tenant, store, agent) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    register_agent(&env, tenant, agent).await;
    let mut ids = Vec::new();
    let mut next = 1u64;
    let started = Instant::now();
    for (depth, before_landing) in [(1u64, true), (1, false), (3, true), (3, false), (10, true), (10, false)] {
        ingest(&env, agent, &signed_orders(tenant, store, agent, next..next + 2)).await;
        let id = commit(&env, tenant, store, next, next + 1).await;
        next += 2;
        ids.push(id);
        wait_for(Duration::from_secs(20), "the anchor's transaction in the pool", || async {
            hex_u64(&rpc(&env, "txpool_status", json!([])).await["pending"]) > 0
        })
        .await;
        if before_landing {
            // The anchor does not see the receipt: mined and reorged out while it is stopped.
            signal(&anchor, "STOP");
        }
        mine(&env, 1).await;
        if !before_landing {
            wait_for(Duration::from_secs(10), "stage landed", || async {
                stage_of(&anchor_stats(&env, health_port).await, &id).as_deref() == Some("landed")
            })
            .await;
        }
        mine(&env, depth - 1).await;
        rpc(&env, "anvil_reorg", json!([depth, []])).await;
        let exists =
            registry::decode_batch_exists(&eth_call(&env, registry::encode_batch_exists(uuid_to_bytes32(&id))).await)
                .expect("bool");
        assert!(!exists, "depth {depth}: the reorg did not remove the batch");
        if before_landing {
            signal(&anchor, "CONT");
        }
        // One block at a time until the sequencer has it; before every block, whatever is
        // notified must be at or below the safe head.
        let mut notified = false;
        for _ in 0..(REORG_LAG + 60) {
            let safe = safe_head(&env).await;
            for earlier in &ids {
                if let Some(block) = get_commitment(&env, earlier).await.chain_block_number {
                    assert!(block <= safe, "commitment {earlier} notified at block {block} above the safe head {safe}");
                }
            }
            if get_commitment(&env, &id).await.chain_tx_hash.is_some() {
                notified = true;
                break;
            }
            mine(&env, 1).await;
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        assert!(notified, "depth {depth} (before landing: {before_landing}): not notified");
    }
    assert_all_anchored(&env, &[(tenant, store, ids.clone())]).await;
    let stats = anchor_stats(&env, health_port).await;
    let reorged = stats["transitions"]["reorged"].as_u64().unwrap_or(0);
    assert!(reorged >= 3, "the after-landing reorgs were not seen as reorgs: {stats}");
    eprintln!(
        "reorgs: {} commitments, reorged at depth 1, 3 and 10 before and after landing; {reorged} reorgs seen by the anchor; \
         each on-chain once and notified only at or below the safe head; {:.1}s",
        ids.len(),
        started.elapsed().as_secs_f64()
    );
    drop(anchor);
    let _ = std::fs::remove_file(&env.store);
    let _ = std::fs::remove_file(&log);
}

/// Blocks mined between the commit of a batch and the anchor's start in the outage test.
const OUTAGE_BLOCKS: u64 = 4_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_with_other_roots_is_reported_and_an_old_commit_is_found_after_a_long_outage() {
    let env = setup().await;
    let (ta, sa) = (Uuid::new_v4(), Uuid::new_v4());
    let a_ids = ingest_and_commit(&env, ta, sa, 8, 4).await;
    let (tb, sb) = (Uuid::new_v4(), Uuid::new_v4());
    let b_ids = ingest_and_commit(&env, tb, sb, 4, 4).await;
    let pending = pending_commitments(&env).await;
    let find = |id: &Uuid| pending.iter().find(|c| c.batch_id == *id).cloned().expect("pending commitment");
    // An earlier anchor process committed A's first commitment and died before notifying.
    let a0 = set_core::anchoring::commit_args(&find(&a_ids[0]));
    let a0_tx = commit_as_sequencer(&env, set_anchor::chain::Chain::calldata(&[a0])).await;
    let a0_block = hex_u64(&rpc(&env, "eth_getTransactionReceipt", json!([a0_tx])).await["blockNumber"]);
    // Someone committed B's batch id with another events root.
    let mut forged = set_core::anchoring::commit_args(&find(&b_ids[0]));
    forged.events_root = B256::repeat_byte(0x66);
    commit_as_sequencer(&env, set_anchor::chain::Chain::calldata(&[forged])).await;
    // The outage: thousands of blocks (one per second of chain time) before the anchor starts.
    let outage = Instant::now();
    // In chunks: anvil slows down as the chain grows, and one call must stay within the client's
    // 20 s timeout on a busy machine.
    for _ in 0..OUTAGE_BLOCKS / 500 {
        rpc(&env, "anvil_mine", json!(["0x1f4", "0x1"])).await;
    }
    let mined_in = outage.elapsed();
    let (proxy, requests) = start_recording_proxy(env.rpc.clone()).await;
    let mut via = env.shallow();
    via.rpc = proxy;
    let health_port = free_port();
    let log = std::env::temp_dir().join(format!("set-anchor-outage-{}.log", Uuid::new_v4()));
    let anchor = spawn_anchor(&via, health_port, &log);
    wait_for(Duration::from_secs(60), "A notified, B left pending", || async { pending_count(&env).await == Some(1) })
        .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(pending_count(&env).await, Some(1), "the forged batch was notified");
    assert_eq!(get_commitment(&env, &a_ids[0]).await.chain_tx_hash.map(|h| h.to_string()), Some(a0_tx.clone()));
    assert_all_anchored(&env, &[(ta, sa, a_ids.clone())]).await;
    assert!(get_commitment(&env, &b_ids[0]).await.chain_tx_hash.is_none());
    let errors: Value = serde_json::from_str(&health_text(&env, health_port, "errors").await).expect("json");
    let reported = errors["recent_errors"].as_array().expect("recent").iter().any(|e| {
        e["error_code"] == "ONCHAIN_MISMATCH" && e["message"].as_str().unwrap_or("").contains(&b_ids[0].to_string())
    });
    assert!(reported, "{errors}");
    let metrics = health_text(&env, health_port, "metrics").await;
    assert!(metrics.contains("set_anchor_commitments{stage=\"mismatch\"} 1"), "{metrics}");
    // The old transaction was found without scanning the blocks since: each eth_getLogs covers
    // at most 1 000 blocks, and together far fewer than the outage.
    let seen = requests.lock().expect("lock").clone();
    let ranges: Vec<(u64, u64)> = seen
        .iter()
        .filter(|r| r["method"] == "eth_getLogs")
        .map(|r| (hex_u64(&r["params"][0]["fromBlock"]), hex_u64(&r["params"][0]["toBlock"])))
        .collect();
    let block_reads = seen.iter().filter(|r| r["method"] == "eth_getBlockByNumber").count();
    assert!(!ranges.is_empty(), "no eth_getLogs at all");
    assert!(ranges.iter().all(|(from, to)| to - from < 1_000 && *from <= a0_block && a0_block <= *to), "{ranges:?}");
    let latest = block_number(&env).await;
    eprintln!(
        "outage: {OUTAGE_BLOCKS} blocks mined in {:.1}s; commit found {} blocks back with {} eth_getLogs of at most 1 000 blocks \
         ({} eth_getBlockByNumber in all the anchor's cycles); the forged batch reported ONCHAIN_MISMATCH and left pending",
        mined_in.as_secs_f64(),
        latest - a0_block,
        ranges.len(),
        block_reads
    );
    drop(anchor);
    let _ = std::fs::remove_file(&env.store);
    let _ = std::fs::remove_file(&log);
}

/// The standby's takeover delay in the standby test.
const TAKEOVER_SECS: u64 = 10;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standby_takes_over_when_the_active_instance_is_killed_and_wastes_at_most_one_transaction() {
    let env = setup().await;
    let (active_port, standby_port) = (free_port(), free_port());
    let log = std::env::temp_dir().join(format!("set-anchor-standby-{}.log", Uuid::new_v4()));
    let takeover = TAKEOVER_SECS.to_string();
    let settings = [("MAX_COMMITMENTS_PER_TX", "2")];
    let active = spawn_anchor_with(&env, active_port, &log, &settings);
    let standby = spawn_anchor_with(
        &env,
        standby_port,
        &log,
        &[("MAX_COMMITMENTS_PER_TX", "2"), ("STANDBY", "true"), ("TAKEOVER_AFTER_SECS", takeover.as_str())],
    );
    // Three writers keep creating commitments while the active instance dies.
    let shared = std::sync::Arc::new(env.shallow());
    let mut writers = Vec::new();
    for _ in 0..3 {
        let env = shared.clone();
        writers.push(tokio::spawn(async move {
            let (tenant, store) = (Uuid::new_v4(), Uuid::new_v4());
            let created = stream_commitments(&env, tenant, store, 8, 3).await;
            (tenant, store, created.into_iter().map(|c| c.0).collect::<Vec<Uuid>>())
        }));
    }
    wait_for(Duration::from_secs(60), "the active instance notifying", || async {
        anchor_stats(&env, active_port).await["total_notified"].as_u64().unwrap_or(0) >= 3
    })
    .await;
    let standby_role = anchor_stats(&env, standby_port).await["role"].clone();
    assert_eq!(standby_role, "standby", "the standby took over from a live active instance");
    let killed = Instant::now();
    drop(active); // SIGKILL
    wait_for(Duration::from_secs(TAKEOVER_SECS + 15), "the takeover", || async {
        anchor_stats(&env, standby_port).await["role"] == "active"
    })
    .await;
    let took = killed.elapsed();
    let mut streams = Vec::new();
    for writer in writers {
        streams.push(writer.await.expect("writer"));
    }
    wait_until_drained(&env, Duration::from_secs(90)).await;
    let (useful, _) = assert_all_anchored(&env, &streams).await;
    let all = sender_transactions(&env, &env.rpc, SEQUENCER_ADDRESS).await;
    let wasted = all.iter().filter(|t| !t.2).count();
    let stats = anchor_stats(&env, standby_port).await;
    eprintln!(
        "standby: took over {:.1}s after the kill (TAKEOVER_AFTER_SECS={TAKEOVER_SECS}, interval 1 s); {} commitments in {useful} \
         transactions, {wasted} wasted (reverted)",
        took.as_secs_f64(),
        streams.iter().map(|s| s.2.len()).sum::<usize>()
    );
    assert_eq!(stats["takeovers"], 1, "{stats}");
    assert!(wasted <= 1, "{wasted} wasted transactions");
    assert!(took <= Duration::from_secs(TAKEOVER_SECS + 1 + 5), "takeover took {took:?}");
    drop(standby);
    let _ = std::fs::remove_file(&env.store);
    let _ = std::fs::remove_file(&log);
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

/// `make bench-anchor`: 200 commitments over 10 streams on anvil with 2 s blocks (safe head 2 blocks
/// back), created while the anchor runs; then 20 commitments sent one by one for the gas
/// comparison; then the JSON-RPC calls of one cycle with 10 and 100 streams pending. Prints a
/// markdown table (also written to the file named by `BENCH_MD`, if set).
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
    // Wait until every commitment is notified, recording when each one was first seen notified
    // and the chain's block then.
    let mut notified: std::collections::HashMap<Uuid, (Instant, u64, u64)> = std::collections::HashMap::new();
    let started = Instant::now();
    while notified.len() < created.len() {
        assert!(started.elapsed() < Duration::from_secs(300), "bench did not finish");
        let pending: std::collections::HashSet<Uuid> =
            pending_commitments(&env).await.iter().map(|c| c.batch_id).collect();
        let seen = Instant::now();
        let tip = block_number(&env).await;
        for (id, _, _) in &created {
            if !notified.contains_key(id) && !pending.contains(id) {
                let c = get_commitment(&env, id).await;
                if let Some(block) = c.chain_block_number {
                    notified.insert(*id, (seen, block, tip));
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut latency: Vec<f64> = Vec::new();
    let mut blocks: Vec<f64> = Vec::new();
    let mut notify_blocks: Vec<f64> = Vec::new();
    // Pending → notified by the sequencer's own clock (`committed_at` → `anchored_at`): the
    // polling above only starts once every writer is done, so its "first seen" times would count
    // the rest of the creation phase in the latency of the early commitments.
    let seconds = |text: &Option<String>| {
        let at = set_core::ves::rfc3339::parse_rfc3339(text.as_deref().unwrap_or_default()).expect("RFC 3339");
        at.unix_seconds as f64 + f64::from(at.nanos) / 1e9
    };
    for (id, pending_block, _) in &created {
        let (_, block, tip) = notified[id];
        let c = get_commitment(&env, id).await;
        latency.push(seconds(&c.anchored_at) - seconds(&Some(c.committed_at)));
        blocks.push(block.saturating_sub(*pending_block) as f64);
        notify_blocks.push(tip.saturating_sub(*pending_block) as f64);
    }
    latency.sort_by(f64::total_cmp);
    blocks.sort_by(f64::total_cmp);
    notify_blocks.sort_by(f64::total_cmp);
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

    // RPC calls per cycle: a standby (reads only, never takes over here) watching 10, then 100
    // streams with a pending commitment each.
    let standby = spawn_anchor_with(
        &env,
        health_port,
        &log,
        &[("STANDBY", "true"), ("TAKEOVER_AFTER_SECS", "100000"), ("MAX_COMMITMENTS_PER_TX", "64")],
    );
    let mut calls_per_cycle = Vec::new();
    let mut streams_watched = 0;
    for target in [10usize, 100] {
        while streams_watched < target {
            stream_commitments(&env, Uuid::new_v4(), Uuid::new_v4(), 1, 1).await;
            streams_watched += 1;
        }
        tokio::time::sleep(Duration::from_secs(4)).await;
        let stats = anchor_stats(&env, health_port).await;
        assert_eq!(stats["pending_count"].as_u64(), Some(target as u64), "{stats}");
        calls_per_cycle.push(stats["last_cycle_rpc_calls"].as_u64().unwrap_or(0));
    }
    drop(standby);
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
            "| latency pending → notified: p50 / p95 | {:.1} s / {:.1} s ({} / {} blocks; target p95 ≤ safe lag {SAFE_LAG} + 2 = {} blocks) |",
            percentile(&latency, 50.0),
            percentile(&latency, 95.0),
            percentile(&notify_blocks, 50.0),
            percentile(&notify_blocks, 95.0),
            SAFE_LAG + 2
        ),
        format!("| anchor transactions | {multi_tx_count} |"),
        format!("| gas per commitment, multi-commit | {multi_per:.0} |"),
        format!("| gas per commitment, one by one ({} commitments) | {single_per:.0} |", single.len()),
        format!("| ratio | {:.2} (target ≤ 0.85) |", multi_per / single_per),
        format!(
            "| JSON-RPC calls per cycle, 10 / 100 streams pending | {} / {} |",
            calls_per_cycle[0], calls_per_cycle[1]
        ),
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
