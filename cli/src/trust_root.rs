//! `set trust-root new | check`: a `set-trust-root-v1` document read and written by set-core's
//! `Trust` (so what is written reads back, and what is refused names its field).

use clap::{Args, Subcommand};
use serde_json::{json, Map, Value};
use set_core::receipt::Trust;

use crate::output::{emit_document, pretty, read_input, Colour, Exit, Failure, Style};

const NEW_EXAMPLES: &str = "\
Example:
  set trust-root new --network set-chain-sepolia --chain-id 84532001 \\
      --registry 0x5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e \\
      --sequencer-key 0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a \\
      -o trust-root.json

Every value is checked by set-core as it reads trust roots (a key that is not an Ed25519 point,
an address of the wrong length: exit 2 naming trust.<field>). Get the sequencer's keys and the
registry address from the network's operator, out of band: the sequencer publishes none.";

const CHECK_EXAMPLES: &str = "\
Examples:
  set trust-root check trust-root.json
  set trust-root check trust-root.json --json     # the document as set-core normalises it";

/// `set trust-root …`.
#[derive(Debug, Subcommand)]
pub enum TrustRootCommand {
    /// Write a set-trust-root-v1 document from the network's pins.
    #[command(after_help = NEW_EXAMPLES)]
    New(Box<NewArgs>),
    /// Read a trust root and report what it pins, or why it is refused.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
}

/// `set trust-root new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// A name for people and logs, e.g. set-chain-sepolia.
    #[arg(long, value_name = "NAME")]
    pub network: String,
    /// The Set Chain (L2) chain id.
    #[arg(long, value_name = "N")]
    pub chain_id: u64,
    /// The SetRegistry proxy address.
    #[arg(long, value_name = "0x…")]
    pub registry: String,
    /// A sequencer Ed25519 receipt key (32 bytes hex); repeat for several.
    #[arg(long = "sequencer-key", value_name = "HEX", required = true)]
    pub sequencer_keys: Vec<String>,
    /// A sequencer ML-DSA-65 receipt key (1952 bytes hex); repeat for several.
    #[arg(long = "sequencer-ml-dsa-65-key", value_name = "HEX")]
    pub sequencer_ml_dsa_65_keys: Vec<String>,
    /// What receipts must carry: default, require-ml-dsa or require-hybrid.
    #[arg(long, value_name = "POLICY")]
    pub signature_policy: Option<String>,
    /// An L2 block hash the app trusts, for anchor proofs; repeat for several.
    #[arg(long = "l2-block-hash", value_name = "HEX")]
    pub l2_block_hashes: Vec<String>,
    /// An L1 output root the app holds as final, for anchor proofs; repeat for several.
    #[arg(long = "l1-output-root", value_name = "HEX")]
    pub l1_output_roots: Vec<String>,
    /// The L1 chain the output roots were proposed on.
    #[arg(long, value_name = "N")]
    pub l1_chain_id: Option<u64>,
    /// The L2OutputOracle the output roots were proposed at.
    #[arg(long, value_name = "0x…")]
    pub l1_oracle: Option<String>,
    /// Write the document to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<String>,
}

/// `set trust-root check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The trust root, or `-` for stdin.
    #[arg(value_name = "FILE")]
    pub file: String,
}

/// Runs `set trust-root new` or `check`.
pub fn run(command: &TrustRootCommand, style: &Style) -> Result<Exit, Failure> {
    match command {
        TrustRootCommand::New(args) => new(args),
        TrustRootCommand::Check(args) => check(args, style),
    }
}

fn new(args: &NewArgs) -> Result<Exit, Failure> {
    // The flags as the document set-core reads, so that every value gets its checks and paths.
    let mut document = Map::new();
    document.insert("format".into(), set_core::receipt::TRUST_ROOT_FORMAT.into());
    document.insert("network".into(), args.network.clone().into());
    document.insert("chain_id".into(), args.chain_id.into());
    document.insert("registry".into(), args.registry.clone().into());
    document.insert("sequencer_public_keys".into(), json!(args.sequencer_keys));
    let lists = [
        ("sequencer_ml_dsa_65_public_keys", &args.sequencer_ml_dsa_65_keys),
        ("l2_block_hashes", &args.l2_block_hashes),
        ("l1_output_roots", &args.l1_output_roots),
    ];
    for (key, items) in lists {
        if !items.is_empty() {
            document.insert(key.into(), json!(items));
        }
    }
    if let Some(policy) = &args.signature_policy {
        document.insert("signature_policy".into(), policy.clone().into());
    }
    if let Some(l1_chain_id) = args.l1_chain_id {
        document.insert("l1_chain_id".into(), l1_chain_id.into());
    }
    if let Some(oracle) = &args.l1_oracle {
        document.insert("l1_oracle".into(), oracle.clone().into());
    }
    let trust = Trust::from_value(Value::Object(document)).map_err(Failure::core)?;
    let text = trust.to_trust_root_json().map_err(Failure::core)?;
    emit_document(&text, args.out.as_deref())?;
    Ok(Exit::Ok)
}

fn check(args: &CheckArgs, style: &Style) -> Result<Exit, Failure> {
    let trust = Trust::from_json(&read_input(&args.file)?).map_err(Failure::core)?;
    // A trust document without the network is readable as a trust, but is no trust root.
    let normalised = trust.to_trust_root_value().map_err(Failure::core)?;
    if style.json {
        println!("{}", pretty(&normalised));
        return Ok(Exit::Ok);
    }
    println!("{} set-trust-root-v1", style.paint(Colour::Green, "✔"));
    let line = |label: &str, value: &str| println!("  {label:28} {value}");
    line("network", trust.network.as_deref().unwrap_or_default());
    line("chain id", &trust.chain_id.map(|id| id.to_string()).unwrap_or_default());
    line("registry", &normalised["registry"].as_str().map(str::to_owned).unwrap_or_default());
    for (index, key) in normalised["sequencer_public_keys"].as_array().into_iter().flatten().enumerate() {
        line(&format!("sequencer key {}", index + 1), key.as_str().unwrap_or_default());
    }
    let count = trust.sequencer_ml_dsa_65_public_keys.len();
    if count > 0 {
        line("sequencer ML-DSA-65 keys", &count.to_string());
    }
    line("signature policy", trust.signature_policy.as_str());
    for (key, label) in [
        ("agent_public_key", "agent key"),
        ("l2_block_hashes", "pinned L2 block hashes"),
        ("l1_output_roots", "pinned L1 output roots"),
        ("l1_chain_id", "L1 chain id"),
        ("l1_oracle", "L1 oracle"),
    ] {
        match &normalised[key] {
            Value::Null => {}
            Value::Array(items) => line(label, &items.len().to_string()),
            Value::String(text) => line(label, text),
            other => line(label, &other.to_string()),
        }
    }
    if trust.agent_ml_dsa_65_public_key.is_some() {
        line("agent ML-DSA-65 key", "pinned");
    }
    if trust.onchain.is_some() {
        line("on-chain record", "pinned");
    }
    if trust.sequencer_public_keys.is_empty() && count == 0 {
        println!("  {}", style.paint(Colour::Yellow, "note: no sequencer key is pinned: no receipt can be sequenced"));
    }
    Ok(Exit::Ok)
}
