//! A loopback network for the client's tests: the real dev sequencer (devnet/sequencer) and,
//! when a test needs the chain, anvil with SetRegistry deployed (set-devnet-l1's helpers) and
//! anchoring runs of the real anchor (set-anchor as a library). Every process is killed when its
//! handle drops.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser as _;
use serde_json::json;
use set_client::{Auth, Client, ClientConfig, RetryPolicy};
use set_core::sequencer::CommitmentRequest;
use set_core::ves::agent::{AgentSecretKey, EventFields, UnsignedEvent};
use set_core::ves::agent_keys::AgentKeyRegistration;
use set_core::ves::VesEvent;
use uuid::Uuid;

pub const API_KEY: &str = "ss_client_test_key";
pub const CHAIN_ID: u64 = 84_532_001;
/// The dev sequencer's receipt-signing seed, pinned so the trust root can name its key.
const SEQUENCER_SIGNING_SEED: [u8; 32] = [0x5e; 32];
/// The agents' Ed25519 seed.
pub const AGENT_SEED: [u8; 32] = [11; 32];
/// anvil's development key 1: the sequencer account SetRegistry authorises
/// (`set_devnet_l1::network::SEQUENCER`), which the anchor sends from.
const SEQUENCER_KEY: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

/// The dev sequencer's process, killed on drop.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The dev sequencer on a free loopback port, with [`API_KEY`] as its bootstrap admin key.
pub struct Sequencer {
    pub url: String,
    store: PathBuf,
    _process: Killed,
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
    let process = Killed(child);
    let addr = line.trim().strip_prefix("LISTENING ").expect("LISTENING prefix").to_owned();
    Sequencer { url: format!("http://{addr}"), store, _process: process }
}

/// anvil as Set Chain (1 s blocks, the `safe` head 2 blocks behind) with SetRegistry deployed by
/// `contracts/script/Deploy.s.sol`, both from set-devnet-l1 (the anchor-proof test network).
pub struct Chain {
    pub rpc_url: String,
    pub registry: String,
    _anvil: set_devnet_l1::network::Process,
}

pub async fn start_chain() -> Chain {
    use set_devnet_l1::network::{deploy_set_chain, start_anvil, SET_CHAIN_ID};
    assert_eq!(SET_CHAIN_ID, CHAIN_ID);
    let (anvil, rpc) = start_anvil(CHAIN_ID, 1).await.unwrap_or_else(|err| panic!("anvil: {err}"));
    let deployment = deploy_set_chain(&rpc).unwrap_or_else(|err| panic!("deploy: {err}"));
    Chain { rpc_url: rpc.url().to_owned(), registry: deployment.registry.to_string(), _anvil: anvil }
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
    let config = ClientConfig::new(&trust_root(registry), sequencer_url, rpc_url, auth).expect("config");
    with_short_pauses(config, 5)
}

/// The client of `config` with at most `max_attempts` tries per request and test-sized pauses:
/// retries from 50 ms, polls from 100 ms, at most 500 ms apart.
pub fn with_short_pauses(mut config: ClientConfig, max_attempts: u32) -> Client {
    config.retry = RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(50),
        max_backoff: Duration::from_millis(400),
    };
    config.poll.initial_backoff = Duration::from_millis(100);
    config.poll.max_backoff = Duration::from_millis(500);
    Client::new(config).expect("client")
}

/// A client of the sequencer alone (nothing read from a chain) with `auth` and test-sized pauses.
pub fn sequencer_client(sequencer_url: &str, auth: Auth) -> Client {
    let config = ClientConfig::sequencer_only(&trust_root(UNUSED_REGISTRY), sequencer_url, auth).expect("config");
    with_short_pauses(config, 5)
}

/// A registry address nothing is deployed at, for the trust root of a client that reads no chain.
pub const UNUSED_REGISTRY: &str = "0x00000000000000000000000000000000000000aa";

/// Registers `agent`'s key 1 (the [`AGENT_SEED`] key) with the sequencer, through the client.
pub async fn register_agent(sequencer_url: &str, tenant: Uuid, agent: Uuid) {
    let public_key = set_core::ves::signing::public_key(&AGENT_SEED);
    let registration = AgentKeyRegistration::ed25519(tenant, agent, 1, &public_key);
    sequencer_client(sequencer_url, Auth::ApiKey(API_KEY.into()))
        .register_agent_key(&registration)
        .await
        .expect("register agent key");
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
/// does, through the client; the commitment id.
pub async fn commit(sequencer_url: &str, tenant: Uuid, store: Uuid, start: u64, end: u64) -> Uuid {
    let request = CommitmentRequest { tenant_id: tenant, store_id: store, sequence_start: start, sequence_end: end };
    sequencer_client(sequencer_url, Auth::ApiKey(API_KEY.into()))
        .create_commitment(&request)
        .await
        .expect("commit")
        .batch_id
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
