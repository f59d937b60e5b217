//! The processes of the local Set network — anvil, the contract deployment, the dev sequencer and
//! `set-anchor` — each killed when its handle drops, so an error, a panic or Ctrl-C leaves
//! nothing running.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use set_core::encoding::{decode_hex, encode_hex};

use crate::commerce::Profile;

/// Set Chain's chain id (the anchor refuses another).
pub const CHAIN_ID: u64 = 84_532_001;
/// anvil's first two well-known dev accounts: the deployer and the authorized sequencer.
const DEPLOYER_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const SEQUENCER_ADDRESS: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const SEQUENCER_KEY: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
/// The dev sequencer's bootstrap admin key (loopback only).
pub const API_KEY: &str = "ss_demo_bootstrap_key";
/// The dev sequencer's receipt-signing seed, pinned so the trusted public key is stable.
pub const SEQUENCER_SIGNING_SEED: [u8; 32] = [0x5e; 32];
/// The dev sequencer's ML-DSA-65 receipt-signing seed (the hybrid profile's second key), pinned
/// for the same reason.
pub const SEQUENCER_ML_DSA_SEED: [u8; 32] = [0x5f; 32];

pub type DemoResult<T> = Result<T, String>;

/// A child process killed (with its whole process group) on drop: npm's `anvil` is a node
/// wrapper that spawns the real binary, which a plain kill of the wrapper would orphan.
pub struct Process {
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

fn free_port() -> DemoResult<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|err| format!("no free port on 127.0.0.1: {err}"))
}

/// Where the binaries come from: Foundry from `contracts/node_modules`, ours from the cargo
/// target folder this program was built into.
pub struct Binaries {
    pub contracts: PathBuf,
    pub bin_dir: PathBuf,
}

impl Binaries {
    pub fn locate(repo_root: &Path) -> DemoResult<Self> {
        // Absolute, because forge runs with `contracts/` as its working directory.
        let contracts = std::fs::canonicalize(repo_root.join("contracts"))
            .map_err(|err| format!("{}/contracts: {err} (is --root the repository?)", repo_root.display()))?;
        let bin_dir = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf))
            .ok_or("cannot locate the folder of set-demo")?;
        let binaries = Binaries { contracts, bin_dir };
        for path in [
            binaries.foundry("anvil"),
            binaries.foundry("forge"),
            binaries.ours("set-anchor"),
            binaries.ours("set-dev-sequencer"),
        ] {
            if !path.exists() {
                return Err(format!("{} is missing: run `make demo`, which builds and installs it", path.display()));
            }
        }
        Ok(binaries)
    }

    fn foundry(&self, name: &str) -> PathBuf {
        self.contracts.join("bin").join(name)
    }

    fn ours(&self, name: &str) -> PathBuf {
        self.bin_dir.join(name)
    }
}

/// The running network.
pub struct Network {
    pub rpc_url: String,
    pub registry: String,
    pub sequencer_url: String,
    pub health_url: String,
    pub anchor_log: PathBuf,
    pub http: reqwest::Client,
    /// The dev sequencer's security profile.
    pub profile: Profile,
    // Dropped in reverse order of start: the anchor first, anvil last.
    anchor: Option<Process>,
    _sequencer: Process,
    _anvil: Process,
}

impl Network {
    /// Starts anvil (`block_time` seconds per block), deploys the contracts, starts the dev
    /// sequencer in `profile` and `set-anchor`; files go to `out`.
    pub async fn start(binaries: &Binaries, out: &Path, block_time: u64, profile: Profile) -> DemoResult<Network> {
        let http = set_http::client_builder(&[])
            .map_err(|e| e.to_string())?
            .timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| e.to_string())?;

        let port = free_port()?;
        let anvil = Process {
            child: Command::new(binaries.foundry("anvil"))
                .process_group(0)
                .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--chain-id", &CHAIN_ID.to_string()])
                .args(["--block-time", &block_time.to_string(), "--silent"])
                // set-anchor notifies once a commitment is under the `safe` head, which anvil
                // keeps this many blocks behind `latest` (32 by default: a minute at 2 s blocks).
                .args(["--slots-in-an-epoch", "2"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|err| format!("cannot start anvil: {err}"))?,
            group: true,
        };
        let rpc_url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while rpc(&http, &rpc_url, "eth_chainId", json!([])).await.is_err() {
            if started.elapsed() > Duration::from_secs(30) {
                return Err("anvil did not answer within 30 s".into());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }

        let registry = deploy_registry(binaries, &rpc_url, DEPLOYER_KEY, SEQUENCER_ADDRESS)?;

        let store = out.join("sequencer-store.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(out.join(format!("sequencer-store.db{suffix}")));
        }
        let mut sequencer_child = Command::new(binaries.ours("set-dev-sequencer"))
            .args(["--port", "0", "--security-profile", profile.as_str(), "--store"])
            .arg(&store)
            .env("BOOTSTRAP_ADMIN_API_KEY", API_KEY)
            .env("DEV_SEQUENCER_SIGNING_SEED", hex::encode(SEQUENCER_SIGNING_SEED))
            .env("DEV_SEQUENCER_ML_DSA_SEED", hex::encode(SEQUENCER_ML_DSA_SEED))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|err| format!("cannot start set-dev-sequencer: {err}"))?;
        let mut line = String::new();
        if let Some(stdout) = sequencer_child.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        let sequencer = Process { child: sequencer_child, group: false };
        let addr = line.trim().strip_prefix("LISTENING ").ok_or("set-dev-sequencer did not print its address")?;
        let sequencer_url = format!("http://{addr}");

        let health_port = free_port()?;
        let anchor_log = out.join("set-anchor.log");
        // The anchor keeps the storage proof of each commitment it anchors here, and serves it.
        let proof_dir = out.join("anchor-proofs");
        let _ = std::fs::remove_dir_all(&proof_dir);
        let log = std::fs::File::create(&anchor_log).map_err(|err| format!("{}: {err}", anchor_log.display()))?;
        let anchor = Process {
            child: Command::new(binaries.ours("set-anchor"))
                .envs(anchor_settings(&rpc_url, &registry, &sequencer_url))
                .env("HEALTH_PORT", health_port.to_string())
                .env("SET_ANCHOR_PROOF_DIR", &proof_dir)
                .env("RUST_LOG", "info")
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .map_err(|err| format!("cannot start set-anchor: {err}"))?,
            group: false,
        };
        Ok(Network {
            rpc_url,
            registry,
            sequencer_url,
            health_url: format!("http://127.0.0.1:{health_port}"),
            anchor_log,
            http,
            profile,
            anchor: Some(anchor),
            _sequencer: sequencer,
            _anvil: anvil,
        })
    }

    /// Stops the `set-anchor` daemon (the rest keeps running).
    pub fn stop_anchor_daemon(&mut self) {
        self.anchor = None;
    }

    /// The settings the daemon runs with, as its environment variables, for another anchor
    /// (the library example) on the same network.
    pub fn anchor_settings(&self) -> Vec<(&'static str, String)> {
        anchor_settings(&self.rpc_url, &self.registry, &self.sequencer_url)
    }

    /// A JSON-RPC call to anvil.
    pub async fn rpc(&self, method: &str, params: Value) -> DemoResult<Value> {
        rpc(&self.http, &self.rpc_url, method, params).await
    }

    /// `eth_call` of `data` to `to` at the latest block; the return data.
    pub async fn eth_call(&self, to: &str, data: &[u8]) -> DemoResult<Vec<u8>> {
        let returned = self.rpc("eth_call", json!([{"to": to, "data": encode_hex(data)}, "latest"])).await?;
        let text = returned.as_str().ok_or("eth_call returned no data")?;
        decode_hex("eth_call result", text).map_err(|err| err.to_string())
    }

    /// The receipt of transaction `tx_hash` once it is mined (polled every 200 ms for up to
    /// `timeout`); an error if it reverted.
    pub async fn mined(&self, tx_hash: &str, timeout: Duration) -> DemoResult<Value> {
        let started = Instant::now();
        loop {
            let receipt = self.rpc("eth_getTransactionReceipt", json!([tx_hash])).await?;
            if !receipt.is_null() {
                if receipt["status"] != json!("0x1") {
                    return Err(format!("transaction {tx_hash} reverted"));
                }
                return Ok(receipt);
            }
            if started.elapsed() > timeout {
                return Err(format!("transaction {tx_hash} not mined within {} s", timeout.as_secs()));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// The anchor's `/stats`, if it answers.
    pub async fn anchor_stats(&self) -> Option<Value> {
        self.http.get(format!("{}/stats", self.health_url)).send().await.ok()?.json().await.ok()
    }

    /// The `anchor.proof` the daemon captured for `batch_id` once its transaction was final
    /// (`GET /proofs/{batch_id}` of its health server).
    pub async fn anchor_proof(&self, batch_id: &uuid::Uuid) -> DemoResult<Value> {
        let url = format!("{}/proofs/{batch_id}", self.health_url);
        let response = self.http.get(&url).send().await.map_err(|err| format!("GET {url}: {err}"))?;
        let status = response.status();
        let body = response.text().await.map_err(|err| format!("GET {url}: {err}"))?;
        if !status.is_success() {
            return Err(format!("GET {url}: {status} {body}; the anchor's log ends with:\n{}", self.anchor_log_tail()));
        }
        serde_json::from_str(&body).map_err(|err| format!("GET {url}: {err}"))
    }

    /// The last lines of the anchor's log, for error messages.
    pub fn anchor_log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.anchor_log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }
}

/// Runs `contracts/script/Deploy.s.sol` against `rpc_url` with `deployer_key`, `sequencer_address`
/// authorized to commit; returns the SetRegistry proxy's address.
pub fn deploy_registry(
    binaries: &Binaries,
    rpc_url: &str,
    deployer_key: &str,
    sequencer_address: &str,
) -> DemoResult<String> {
    let output = Command::new(binaries.foundry("forge"))
        .current_dir(&binaries.contracts)
        .args(["script", "script/Deploy.s.sol", "--rpc-url", rpc_url, "--broadcast", "--slow"])
        .env("DEPLOYER_PRIVATE_KEY", deployer_key)
        .env("SEQUENCER_ADDRESS", sequencer_address)
        .output()
        .map_err(|err| format!("cannot run forge: {err}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let deployment = stdout
        .lines()
        .find_map(|line| line.split_once("SET_DEPLOYMENT=").map(|(_, json)| json.trim().to_owned()))
        .ok_or_else(|| {
            format!(
                "the deploy script printed no SET_DEPLOYMENT line:\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        })?;
    let deployment: Value = serde_json::from_str(&deployment).map_err(|err| format!("deployment line: {err}"))?;
    Ok(deployment["registry"].as_str().ok_or("deployment line has no registry")?.to_owned())
}

/// `set-anchor`'s settings for this network: cycles every second and no minimum batch size, so
/// the demo does not wait.
fn anchor_settings(rpc_url: &str, registry: &str, sequencer_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("L2_RPC_URL", rpc_url.to_owned()),
        ("SET_REGISTRY_ADDRESS", registry.to_owned()),
        ("SEQUENCER_PRIVATE_KEY", SEQUENCER_KEY.to_owned()),
        ("SEQUENCER_API_URL", sequencer_url.to_owned()),
        ("SEQUENCER_API_KEY", API_KEY.to_owned()),
        ("EXPECTED_L2_CHAIN_ID", CHAIN_ID.to_string()),
        ("ANCHOR_INTERVAL_SECS", "1".to_owned()),
        ("MIN_EVENTS_FOR_ANCHOR", "0".to_owned()),
    ]
}

/// A JSON-RPC quantity (`"0x1a"`) as a number.
pub fn quantity(value: &Value) -> Option<u64> {
    value.as_str().and_then(|text| u64::from_str_radix(text.strip_prefix("0x")?, 16).ok())
}

async fn rpc(http: &reqwest::Client, url: &str, method: &str, params: Value) -> DemoResult<Value> {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
    let response: Value = http
        .post(url)
        .json(&body)
        .send()
        .await
        .map_err(|err| format!("{method}: {err}"))?
        .json()
        .await
        .map_err(|err| format!("{method}: {err}"))?;
    match response.get("error") {
        Some(error) => Err(format!("{method}: {error}")),
        None => Ok(response["result"].clone()),
    }
}
