//! `set verify`: set-core's verdict on a receipt bundle, offline or with the on-chain check
//! through set-client.

use clap::Args;
use set_core::receipt::{verify_receipt, ReceiptBundle, SignatureAlgorithm, Trust, Verdict};

use crate::output::{pretty, read_input, Colour, Exit, Failure, Style};

/// The examples of `set verify --help`.
pub const EXAMPLES: &str = "\
Examples:
  set verify receipt.json --trust trust-root.json
  cat receipt.json | set verify - --trust trust-root.json --json
  set verify receipt.json --trust trust-root.json --online --rpc-url https://rpc.setchain.example

Offline, the level reaches `committed` (or `anchored-l2-proof` / `anchored-l1` when the bundle
carries an anchor proof and the trust root pins the block hash or output root). With --online,
the commitment is read from the pinned SetRegistry on an RPC whose chain id is the pinned one,
which reaches `anchored`. Exit 0 valid, 1 invalid, 2 unreadable input, 3 RPC failure.";

/// `set verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The receipt bundle (set-receipt-v1 or -v2), or `-` for stdin.
    #[arg(value_name = "BUNDLE")]
    pub bundle: String,
    /// The trust root (set-trust-root-v1) or trust document the verdict is against.
    #[arg(long, value_name = "FILE", env = "SET_TRUST")]
    pub trust: String,
    /// Also read the commitment from the pinned SetRegistry (needs --rpc-url).
    #[arg(long, requires = "rpc_url")]
    pub online: bool,
    /// Set Chain JSON-RPC URL for --online (configuration, not trust: its chain id is checked).
    #[arg(long, value_name = "URL", env = "SET_RPC_URL")]
    pub rpc_url: Option<String>,
}

/// Prints the verdict on the bundle; exit 0 when valid, 1 when not.
pub fn run(args: &VerifyArgs, style: &Style) -> Result<Exit, Failure> {
    let bundle_text = read_input(&args.bundle)?;
    let trust_text = read_input(&args.trust)?;
    let bundle = ReceiptBundle::from_json(&bundle_text).map_err(Failure::core)?;
    let verdict = if args.online {
        let rpc_url = args.rpc_url.as_deref().unwrap_or_default();
        let client = crate::network::chain_client(&trust_text, rpc_url)?;
        crate::network::block_on(client.verify_online(&bundle))?.map_err(|error| Failure::client(&error))?
    } else {
        let trust = Trust::from_json(&trust_text).map_err(Failure::core)?;
        verify_receipt(&bundle, &trust).map_err(Failure::core)?
    };
    if style.json {
        println!("{}", pretty(&verdict.to_json()));
    } else {
        print_verdict(&verdict, style);
    }
    Ok(if verdict.valid { Exit::Ok } else { Exit::Negative })
}

fn print_verdict(verdict: &Verdict, style: &Style) {
    let headline =
        if verdict.valid { style.paint(Colour::Green, "✔ valid") } else { style.paint(Colour::Red, "✘ invalid") };
    println!("{headline} · level {}", style.paint(Colour::Bold, verdict.level.as_str()));
    let width = verdict.outcomes().map(|outcome| outcome.name.len()).max().unwrap_or(0);
    for outcome in verdict.outcomes() {
        let colour = match outcome.status {
            "pass" => Colour::Green,
            "fail" => Colour::Red,
            _ => Colour::Yellow,
        };
        // Padded only when a reason follows: no trailing blanks.
        let line = match outcome.reason {
            Some(reason) => format!("{}  {reason}", style.paint(colour, &format!("{:7}", outcome.status))),
            None => style.paint(colour, outcome.status),
        };
        println!("  {:width$}  {line}", outcome.name);
    }
    let names = |algorithms: &[SignatureAlgorithm]| {
        if algorithms.is_empty() {
            "none".to_owned()
        } else {
            algorithms.iter().map(|algorithm| algorithm.as_str()).collect::<Vec<_>>().join(", ")
        }
    };
    println!(
        "  signatures verified: sequencer {}; agent {}",
        names(&verdict.sequencer_signatures),
        names(&verdict.agent_signatures)
    );
}
