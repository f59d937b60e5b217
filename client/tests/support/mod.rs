//! A loopback network for the client's tests: the real dev sequencer (devnet/sequencer) and,
//! when a test needs the chain, anvil with SetRegistry deployed by `contracts/script/Deploy.s.sol`
//! and one anchoring run of the real anchor (set-anchor as a library). Every process is killed
//! when its handle drops.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser as _;
use serde_json::{json, Value};
use set_client::{Auth, Client, ClientConfig, RetryPolicy};
use set_core::ves::agent::{AgentSecretKey, EventFields, UnsignedEvent};
use set_core::ves::agent_keys::{AgentKeyRegistration, AGENT_KEYS_PATH};
use set_core::ves::VesEvent;
use uuid::Uuid;

pub const API_KEY: &str = "ss_client_test_key";
pub const CHAIN_ID: u64 = 84_532_001;
/// The dev sequencer's receipt-signing seed, pinned so the trust root can name its key.
const SEQUENCER_SIGNING_SEED: [u8; 32] = [0x5e; 32];
/// The agents' Ed25519 seed.
pub const AGENT_SEED: [u8; 32] = [11; 32];
/// anvil's first two dev accounts: the deployer, and the sequencer account SetRegistry authorises.
const DEPLOYER_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const SEQUENCER_ADDRESS: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const SEQUENCER_KEY: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

/// A child process; with `group`, its whole process group is killed (npm's `anvil` is a node
/// wrapper around the real binary).
struct Process {
    child: Child,
    group: bool,
}

impl Drop for Process {
    fn drop(&mut self) {
        if self.group {
            let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.child.id())]).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The dev sequencer on a free loopback port, with [`API_KEY`] as its bootstrap admin key.
pub struct Sequencer {
    pub url: String,
    store: PathBuf,
    _process: Process,
}

impl Drop for Sequencer {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.store.display()));
        }
    }
}

pub fn start_sequencer() -> Sequencer {
    let binary = set_dev_sequencer::binary::built().unwrap_or_else(|err| panic!("set-dev-sequencer: {err}"));
    let store = std::env::temp_dir().join(format!("set-client-test-{}.db", Uuid::new_v4()));
    let mut child = Command::new(binary)
        .args(["--port", "0", "--store"])
        .arg(&store)
        .env("BOOTSTRAP_ADMIN_API_KEY", API_KEY)
        .env("DEV_SEQUENCER_SIGNING_SEED", hex(&SEQUENCER_SIGNING_SEED))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start set-dev-sequencer");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("LISTENING line");
    let process = Process { child, group: false };
    let addr = line.trim().strip_prefix("LISTENING ").expect("LISTENING prefix").to_owned();
    Sequencer { url: format!("http://{addr}"), store, _process: process }
}

/// anvil (1 s blocks, the `safe` head 2 blocks behind) with SetRegistry deployed.
pub struct Chain {
    pub rpc_url: String,
    pub registry: String,
    _anvil: Process,
}

fn foundry(name: &str) -> PathBuf {
    let path = contracts_dir().join("bin").join(name);
    assert!(path.exists(), "{} missing: run `make contracts-setup`", path.display());
    path
}

fn contracts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts")
}

pub async fn start_chain() -> Chain {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let anvil = Process {
        child: Command::new(foundry("anvil"))
            .process_group(0)
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--chain-id", &CHAIN_ID.to_string()])
            .args(["--block-time", "1", "--slots-in-an-epoch", "2", "--silent"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start anvil"),
        group: true,
    };
    let rpc_url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let started = Instant::now();
    let probe = json!({"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []});
    while http.post(&rpc_url).json(&probe).send().await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "anvil did not answer within 30 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let output = Command::new(foundry("forge"))
        .current_dir(contracts_dir())
        .args(["script", "script/Deploy.s.sol", "--rpc-url", &rpc_url, "--broadcast", "--slow"])
        .env("DEPLOYER_PRIVATE_KEY", DEPLOYER_KEY)
        .env("SEQUENCER_ADDRESS", SEQUENCER_ADDRESS)
        .output()
        .expect("forge script");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|line| line.split_once("SET_DEPLOYMENT=").map(|(_, json)| json.trim().to_owned()))
        .unwrap_or_else(|| panic!("no SET_DEPLOYMENT line:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr)));
    let deployment: Value = serde_json::from_str(&line).expect("deployment line");
    let registry = deployment["registry"].as_str().expect("registry").to_owned();
    Chain { rpc_url, registry, _anvil: anvil }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The `set-trust-root-v1` document of the test network.
pub fn trust_root(registry: &str) -> String {
    json!({
        "format": "set-trust-root-v1",
        "network": "client-test",
        "chain_id": CHAIN_ID,
        "registry": registry,
        "sequencer_public_keys": [format!("0x{}", hex(&set_core::ves::signing::public_key(&SEQUENCER_SIGNING_SEED)))],
    })
    .to_string()
}

/// A client of `sequencer_url` and `rpc_url` pinning `registry`, with short back-off pauses.
pub fn client(sequencer_url: &str, rpc_url: &str, registry: &str, auth: Auth) -> Client {
    let mut config = ClientConfig::new(&trust_root(registry), sequencer_url, rpc_url, auth).expect("config");
    config.retry = RetryPolicy {
        max_attempts: 5,
        initial_backoff: Duration::from_millis(50),
        max_backoff: Duration::from_millis(400),
    };
    config.poll.initial_backoff = Duration::from_millis(100);
    config.poll.max_backoff = Duration::from_millis(500);
    Client::new(config).expect("client")
}

/// Registers `agent`'s key 1 (the [`AGENT_SEED`] key) with the sequencer.
pub async fn register_agent(sequencer_url: &str, tenant: Uuid, agent: Uuid) {
    let public_key = set_core::ves::signing::public_key(&AGENT_SEED);
    let response = reqwest::Client::new()
        .post(format!("{sequencer_url}{AGENT_KEYS_PATH}"))
        .header("Authorization", format!("ApiKey {API_KEY}"))
        .header("content-type", "application/json")
        .body(AgentKeyRegistration::ed25519(tenant, agent, 1, &public_key).to_json())
        .send()
        .await
        .expect("register agent key");
    assert!(response.status().is_success(), "agent key registration: {}", response.status());
}

/// Order `n` of a stream, signed by `agent` with the [`AGENT_SEED`] key through core.
pub fn signed_order(tenant: Uuid, store: Uuid, agent: Uuid, n: u64) -> VesEvent {
    let unsigned = UnsignedEvent::new(EventFields {
        tenant_id: tenant,
        store_id: store,
        event_id: Uuid::new_v4(),
        source_agent_id: agent,
        agent_key_id: 1,
        entity_type: "Order".into(),
        entity_id: format!("ORD-{n}"),
        event_type: "order.created".into(),
        created_at: "2026-12-07T00:00:00Z".into(),
        payload: json!({"n": n, "total_cents": 1250}),
    })
    .expect("event");
    unsigned.sign(&AgentSecretKey::Ed25519 { seed: AGENT_SEED }).expect("sign")
}

/// `POST /api/v1/ves/commitments` for sequence numbers `start..=end` of a stream, as an operator
/// does; the commitment id.
pub async fn commit(sequencer_url: &str, tenant: Uuid, store: Uuid, start: u64, end: u64) -> Uuid {
    let body = json!({"tenant_id": tenant, "store_id": store, "sequence_start": start, "sequence_end": end});
    let text = reqwest::Client::new()
        .post(format!("{sequencer_url}/api/v1/ves/commitments"))
        .header("Authorization", format!("ApiKey {API_KEY}"))
        .json(&body)
        .send()
        .await
        .expect("commit")
        .text()
        .await
        .expect("commit body");
    set_core::sequencer::parse_ves_commitment(&text).unwrap_or_else(|err| panic!("{err}: {text}")).batch_id
}

/// Cycles of the real anchor (set-anchor as a library, the way `examples/rust`'s `anchor-once`
/// runs it) until every pending commitment is on-chain, final and notified to the sequencer.
pub async fn anchor_pending(chain: &Chain, sequencer_url: &str) {
    use set_anchor::{chain::parse_signer, config::AnchorConfig, health::HealthState};
    let config = AnchorConfig::try_parse_from([
        "set-anchor",
        "--l2-rpc-url",
        &chain.rpc_url,
        "--set-registry-address",
        &chain.registry,
        "--sequencer-private-key",
        SEQUENCER_KEY,
        "--sequencer-api-url",
        sequencer_url,
        "--sequencer-api-key",
        API_KEY,
        "--expected-l2-chain-id",
        &CHAIN_ID.to_string(),
        "--anchor-interval-secs",
        "1",
        "--min-events-for-anchor",
        "0",
        "--finality-poll-secs",
        "1",
    ])
    .expect("anchor settings");
    let settings = config.validate().expect("valid anchor settings");
    let signer = parse_signer(&settings.raw.sequencer_private_key).expect("signer");
    let rpc = set_anchor::chain::Chain::connect(settings.rpc_url.clone(), settings.registry, signer)
        .await
        .expect("anchor's chain");
    let sequencer = set_anchor::sequencer_client::SequencerClient::new(
        &settings.sequencer_url,
        settings.raw.sequencer_api_key.clone(),
        Duration::from_secs(10),
        Duration::from_secs(3),
    )
    .expect("anchor's sequencer client");
    let pause = settings.finality_poll();
    let health = HealthState::new(settings.interval());
    let mut anchor = set_anchor::service::Anchor::new(settings, rpc, sequencer, health);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let outcome = anchor.cycle().await;
        assert!(!outcome.failed, "an anchor cycle failed: {outcome:?}");
        if outcome.awaiting_finality == 0 && !outcome.more {
            return;
        }
        assert!(Instant::now() < deadline, "the anchor did not settle within 60 s: {outcome:?}");
        tokio::time::sleep(pause).await;
    }
}
