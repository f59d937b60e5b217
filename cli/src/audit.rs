//! `set audit`: one (tenant, store) stream's history checked end to end through set-client's
//! `audit_stream` (the chain's `BatchCommitted` logs and head, the sequencer's commitments, and
//! optionally an export of the events); the report is set-core's.

use std::io::IsTerminal as _;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use set_client::AuditProgress;
use set_core::audit::SequencedEvent;
use uuid::Uuid;

use crate::network::{block_on, client_with_auth};
use crate::output::{read_input, Colour, Exit, Failure, Style};
use crate::SequencerArgs;

/// The examples of `set audit --help`.
pub const EXAMPLES: &str = "\
Examples:
  set audit --tenant 5f0c…-… --store 8a1d…-… --trust trust-root.json \\
      --sequencer https://sequencer.example --rpc-url https://rpc.setchain.example
  set audit --tenant … --store … --trust trust-root.json --sequencer … --rpc-url … \\
      --events export.json --json > report.json

Checks that both histories (the chain's logs, the sequencer's commitments) run from sequence 1
without gap or overlap, that the state roots chain from genesis, that every on-chain commitment
is the sequencer's, that the registry's head is the last one, and, with --events (a JSON array of
{\"sequence_number\": n, \"event\": {…}}), each commitment's events root, each payload hash and,
with an agent key in the trust root, each agent signature. Exit 0 when the stream is clean, 1
with the findings (each with its evidence), 3 when a server fails.";

/// `set audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The stream's tenant (UUID).
    #[arg(long, value_name = "UUID")]
    pub tenant: Uuid,
    /// The stream's store (UUID).
    #[arg(long, value_name = "UUID")]
    pub store: Uuid,
    /// The trust root: chain id, SetRegistry, and the agent key signatures are checked with.
    #[arg(long, value_name = "FILE", env = "SET_TRUST")]
    pub trust: String,
    #[command(flatten)]
    pub sequencer: SequencerArgs,
    /// Set Chain JSON-RPC URL (its chain id must be the pinned one).
    #[arg(long, value_name = "URL", env = "SET_RPC_URL")]
    pub rpc_url: String,
    /// An export of the stream's events, to check their roots, hashes and signatures too.
    #[arg(long, value_name = "FILE")]
    pub events: Option<String>,
    /// No progress bar. (It is drawn on stderr only when stderr is a terminal.)
    #[arg(long)]
    pub no_progress: bool,
}

/// Audits the stream and prints the report (the human table, or its JSON with `--json`).
pub fn run(args: &AuditArgs, style: &Style) -> Result<Exit, Failure> {
    let trust_text = read_input(&args.trust)?;
    let events = match &args.events {
        Some(path) => Some(SequencedEvent::list_from_json(&read_input(path)?).map_err(Failure::core)?),
        None => None,
    };
    let client = client_with_auth(&trust_text, &args.sequencer, &args.rpc_url)?;
    let bar = progress_bar(args.no_progress);
    let keys = client.pinned_agent_keys();
    let observe = |step: AuditProgress| show(bar.as_ref(), step);
    let audit = client.audit_stream_observed(&args.tenant, &args.store, events.as_deref(), &keys, &observe);
    let report = block_on(audit);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report = report?.map_err(|error| Failure::client(&error))?;
    if style.json {
        println!("{}", crate::output::pretty(&report.to_json()));
    } else {
        let table = report.to_table();
        let (colour, first) = if report.ok() { (Colour::Green, "✔") } else { (Colour::Red, "✘") };
        println!("{} {}", style.paint(colour, first), table.trim_end());
    }
    Ok(if report.ok() { Exit::Ok } else { Exit::Negative })
}

/// A bar on stderr while a long audit reads the chain and the sequencer: only when stderr is
/// a terminal (a script's captured stderr stays clean) and `--no-progress` is not given.
fn progress_bar(disabled: bool) -> Option<ProgressBar> {
    if disabled || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} {msg:<28} [{bar:30}] {pos}/{len}")
        .map_or_else(|_| ProgressStyle::default_bar(), |style| style.progress_chars("=> "));
    bar.set_style(style);
    Some(bar)
}

fn show(bar: Option<&ProgressBar>, step: AuditProgress) {
    let Some(bar) = bar else { return };
    let (message, done, total) = match step {
        AuditProgress::LogPages { done, total } => ("chain: BatchCommitted logs", done, total),
        AuditProgress::Commitments { done, total } => ("sequencer: commitments", done as u64, total as u64),
        AuditProgress::Checking => ("checking", 1, 1),
        _ => return,
    };
    bar.set_position(done);
    bar.set_length(total);
    bar.set_message(message);
}
