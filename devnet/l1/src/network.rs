//! The two networks as processes: anvil as Set Chain (chain id 84532001, SetRegistry deployed by
//! `contracts/script/Deploy.s.sol`) and anvil as L1 (OP's `L2OutputOracle` behind OP's `Proxy`,
//! deployed from the compiled artifacts of `@eth-optimism/contracts-bedrock`).

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use alloy_primitives::{address, Address, U256};
use alloy_sol_types::{sol, SolCall, SolValue};
use serde_json::Value;
use set_core::anchor_proof::l1::IL2OutputOracle;

use crate::rpc::{quantity, BlockTag, Rpc};
use crate::DevnetError;

/// Set Chain's chain id.
pub const SET_CHAIN_ID: u64 = 84_532_001;
/// The L1's chain id (OP's devnet L1 uses 900).
pub const L1_CHAIN_ID: u64 = 900;
/// anvil's development account 0: deploys and owns everything, on both networks.
pub const DEPLOYER: Address = address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
/// Its key (anvil's well-known development key 0), for `forge script`.
pub const DEPLOYER_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
/// Development account 1: the sequencer SetRegistry authorises.
pub const SEQUENCER: Address = address!("70997970C51812dc3A010C7d01b50e0d17dc79C8");
/// Development account 3: the L2OutputOracle's proposer.
pub const PROPOSER: Address = address!("90F79bf6EB2c4f870365E785982E1f101E93b906");
/// Development account 4: the L2OutputOracle's challenger.
pub const CHALLENGER: Address = address!("15d34AAf54267DB7D7c367839AAf71A00a2C6A65");

sol! {
    /// OP Stack's `Proxy` (contracts-bedrock): the admin upgrades it and calls the initializer.
    interface IOpProxy {
        function upgradeToAndCall(address _implementation, bytes calldata _data) external payable returns (bytes memory);
    }
}

/// A child started in its own process group and killed as a group on drop: npm's `anvil` is a
/// node wrapper around the real binary, which killing the wrapper alone would orphan.
#[derive(Debug)]
pub struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.0.id())]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The repository's root (this crate is `devnet/l1`).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A Foundry binary from `contracts/node_modules` (`make contracts-setup`).
///
/// # Errors
/// [`DevnetError::Setup`] when it is not installed.
pub fn foundry_bin(name: &str) -> Result<PathBuf, DevnetError> {
    let path = repository_root().join("contracts/node_modules/.bin").join(name);
    if path.exists() {
        Ok(path)
    } else {
        Err(DevnetError::Setup(format!("{} missing: run `make contracts-setup`", path.display())))
    }
}

/// The compiled artifact of `contract` in `@eth-optimism/contracts-bedrock` (`make devnet-l1-setup`).
///
/// # Errors
/// [`DevnetError::Setup`] when the package is not installed or the artifact does not read.
pub fn op_artifact(file: &str, contract: &str) -> Result<Value, DevnetError> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("node_modules/@eth-optimism/contracts-bedrock/forge-artifacts")
        .join(file)
        .join(format!("{contract}.json"));
    let text = std::fs::read_to_string(&path)
        .map_err(|err| DevnetError::Setup(format!("{}: {err} (run `make devnet-l1-setup`)", path.display())))?;
    serde_json::from_str(&text).map_err(|err| DevnetError::Setup(format!("{}: {err}", path.display())))
}

fn free_port() -> Result<u16, DevnetError> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|err| DevnetError::Setup(format!("no free port: {err}")))
}

/// Starts anvil with `chain_id`, mining a block every `block_time` seconds (0: one per
/// transaction) and keeping its safe head two blocks behind, as Set Chain's op-node would some
/// blocks behind; returns the process and a client once it answers.
///
/// # Errors
/// [`DevnetError::Setup`] when anvil cannot start; [`DevnetError::Timeout`] when it does not
/// answer within 20 s.
pub async fn start_anvil(chain_id: u64, block_time: u64) -> Result<(Process, Rpc), DevnetError> {
    let port = free_port()?;
    let mut command = Command::new(foundry_bin("anvil")?);
    command
        .process_group(0)
        .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--chain-id", &chain_id.to_string()])
        .args(["--slots-in-an-epoch", "2", "--silent"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if block_time > 0 {
        command.args(["--block-time", &block_time.to_string()]);
    }
    let process = Process(command.spawn().map_err(|err| DevnetError::Setup(format!("anvil: {err}")))?);
    let rpc = Rpc::new(format!("http://127.0.0.1:{port}"));
    let answered = rpc.wait_ready(Duration::from_secs(20)).await?;
    if answered != chain_id {
        return Err(DevnetError::Setup(format!("anvil answers chain id {answered}, not {chain_id}")));
    }
    Ok((process, rpc))
}

/// SetRegistry and SetPaymaster as `contracts/script/Deploy.s.sol` deployed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetDeployment {
    /// The SetRegistry proxy.
    pub registry: Address,
    /// The SetPaymaster proxy (another account with storage, for negative tests).
    pub paymaster: Address,
}

/// Deploys Set Chain's contracts with `contracts/script/Deploy.s.sol` (owner: [`DEPLOYER`],
/// sequencer: [`SEQUENCER`]).
///
/// # Errors
/// [`DevnetError::Setup`] when forge fails or prints no `SET_DEPLOYMENT=` line.
pub fn deploy_set_chain(rpc: &Rpc) -> Result<SetDeployment, DevnetError> {
    let output = Command::new(foundry_bin("forge")?)
        .current_dir(repository_root().join("contracts"))
        .args(["script", "script/Deploy.s.sol", "--rpc-url", rpc.url(), "--broadcast", "--slow"])
        .env("DEPLOYER_PRIVATE_KEY", DEPLOYER_KEY)
        .env("SEQUENCER_ADDRESS", set_core::encoding::encode_hex(SEQUENCER.as_slice()))
        .output()
        .map_err(|err| DevnetError::Setup(format!("forge script: {err}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line =
        stdout.lines().find_map(|line| line.split_once("SET_DEPLOYMENT=").map(|(_, json)| json.trim().to_owned()));
    let line = line.ok_or_else(|| {
        DevnetError::Setup(format!("no SET_DEPLOYMENT line:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr)))
    })?;
    let deployment: Value = serde_json::from_str(&line).map_err(|err| DevnetError::Setup(format!("{line}: {err}")))?;
    let address = |key: &str| {
        deployment[key]
            .as_str()
            .and_then(|text| text.parse().ok())
            .ok_or_else(|| DevnetError::Setup(format!("{line}: {key}")))
    };
    Ok(SetDeployment { registry: address("registry")?, paymaster: address("paymaster")? })
}

/// How the L1's `L2OutputOracle` is set up (its `initialize` arguments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OracleConfig {
    /// Outputs are proposed every this many L2 blocks.
    pub submission_interval: u64,
    /// The L2 block time the oracle assumes, in seconds.
    pub l2_block_time: u64,
    /// The first L2 block: outputs are for `starting_block_number + k · submission_interval`.
    pub starting_block_number: u64,
    /// Its timestamp.
    pub starting_timestamp: u64,
}

impl OracleConfig {
    /// Outputs every `submission_interval` blocks of `l2`, starting at its current head.
    ///
    /// # Errors
    /// [`DevnetError::Rpc`] or [`DevnetError::Answer`] reading the head.
    pub async fn from_head(l2: &Rpc, submission_interval: u64, l2_block_time: u64) -> Result<Self, DevnetError> {
        let head = l2.block(BlockTag::Latest).await?;
        Ok(OracleConfig {
            submission_interval,
            l2_block_time,
            starting_block_number: quantity("number", &head["number"])?,
            starting_timestamp: quantity("timestamp", &head["timestamp"])?,
        })
    }
}

fn bytecode(artifact: &Value, name: &str) -> Result<Vec<u8>, DevnetError> {
    artifact["bytecode"]["object"]
        .as_str()
        .and_then(|text| set_core::encoding::decode_hex(name, text).ok())
        .filter(|code| !code.is_empty())
        .ok_or_else(|| DevnetError::Setup(format!("{name}: no bytecode in the artifact")))
}

/// Deploys OP's `L2OutputOracle` on `l1` as OP's deploy scripts do: the implementation, a `Proxy`
/// administered by [`DEPLOYER`], and `upgradeToAndCall(implementation, initialize(…))` with
/// [`PROPOSER`] and [`CHALLENGER`]. Returns the proxy: the oracle's address.
///
/// # Errors
/// [`DevnetError::Setup`] without the artifacts; [`DevnetError::Rpc`] / [`DevnetError::Reverted`]
/// from the transactions.
pub async fn deploy_l2_output_oracle(l1: &Rpc, config: OracleConfig) -> Result<Address, DevnetError> {
    let implementation_code = bytecode(&op_artifact("L2OutputOracle.sol", "L2OutputOracle")?, "L2OutputOracle")?;
    let mut proxy_code = bytecode(&op_artifact("Proxy.sol", "Proxy")?, "Proxy")?;
    let implementation = l1.send(DEPLOYER, None, &implementation_code).await?.contract;
    let implementation =
        implementation.ok_or_else(|| DevnetError::Setup("L2OutputOracle: no contract address".into()))?;
    proxy_code.extend_from_slice(&DEPLOYER.abi_encode());
    let proxy = l1.send(DEPLOYER, None, &proxy_code).await?.contract;
    let proxy = proxy.ok_or_else(|| DevnetError::Setup("Proxy: no contract address".into()))?;
    let initialize = IL2OutputOracle::initializeCall {
        _submissionInterval: U256::from(config.submission_interval),
        _l2BlockTime: U256::from(config.l2_block_time),
        _startingBlockNumber: U256::from(config.starting_block_number),
        _startingTimestamp: U256::from(config.starting_timestamp),
        _proposer: PROPOSER,
        _challenger: CHALLENGER,
        _finalizationPeriodSeconds: U256::from(12),
    };
    let upgrade =
        IOpProxy::upgradeToAndCallCall { _implementation: implementation, _data: initialize.abi_encode().into() };
    l1.send(DEPLOYER, Some(proxy), &upgrade.abi_encode()).await?;
    Ok(proxy)
}
