//! The commands that talk to servers, through set-client: `set event send`, `set bundle`, and
//! the client `set verify --online` uses.

use std::future::Future;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use set_client::{Auth, Client, ClientConfig, ClientError};
use set_core::sequencer::parse_ingest_receipt;
use set_core::ves::VesEvent;

use crate::output::{emit_document, pretty, read_input, Colour, Exit, Failure, Style};
use crate::SequencerArgs;

/// The examples of `set event send --help`.
pub const SEND_EXAMPLES: &str = "\
Examples:
  export SET_API_KEY=ss_live_…
  set event send signed.json --sequencer https://sequencer.example --trust trust-root.json
  set event send signed.json --sequencer https://sequencer.example --trust trust-root.json \\
      --json -o receipt.json

The receipt is verified on arrival against the sequencer keys the trust root pins; one that does
not verify is refused (exit 3). A rejection by the sequencer (an unregistered agent key, a bad
signature) exits 1 with its reason. Resending the same event is safe: the sequencer answers its
stored receipt.";

/// The examples of `set bundle --help`.
pub const BUNDLE_EXAMPLES: &str = "\
Example:
  set bundle --event signed.json --receipt receipt.json --trust trust-root.json \\
      --sequencer https://sequencer.example --rpc-url https://rpc.setchain.example \\
      --timeout 600 -o bundle.json

Waits (up to --timeout seconds in all) for the commitment holding the event, then for the
anchor to put it on-chain, takes the anchor's block hash from the chain, and writes the
set-receipt-v2 bundle set-core assembled (it refuses parts that do not belong together).
Exit 3 when a wait runs out of time.";

/// How the API key is sent.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AuthScheme {
    /// `Authorization: ApiKey <key>`.
    ApiKey,
    /// `X-API-Key: <key>`.
    XApiKey,
    /// `Authorization: Bearer <jwt>`.
    Bearer,
}

fn auth(args: &SequencerArgs) -> Auth {
    match (&args.api_key, args.auth) {
        (None, _) => Auth::None,
        (Some(key), AuthScheme::ApiKey) => Auth::ApiKey(key.clone()),
        (Some(key), AuthScheme::XApiKey) => Auth::XApiKey(key.clone()),
        (Some(key), AuthScheme::Bearer) => Auth::BearerJwt(key.clone()),
    }
}

fn client(config: Result<ClientConfig, ClientError>) -> Result<Client, Failure> {
    config.and_then(Client::new).map_err(|error| Failure::client(&error))
}

/// A client of both servers, with the sequencer's key as `args` says (`set audit`).
pub fn client_with_auth(trust_text: &str, args: &SequencerArgs, rpc_url: &str) -> Result<Client, Failure> {
    client(ClientConfig::new(trust_text, &args.sequencer, rpc_url, auth(args)))
}

/// A client that only reads the chain (`set verify --online`).
pub fn chain_client(trust_text: &str, rpc_url: &str) -> Result<Client, Failure> {
    client(ClientConfig::chain_only(trust_text, rpc_url))
}

/// Runs one of set-client's futures to completion on a runtime of this thread.
pub fn block_on<F: Future>(future: F) -> Result<F::Output, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|error| Failure {
        exit: Exit::Network,
        code: "RUNTIME".into(),
        field: None,
        message: format!("cannot start the async runtime: {error}"),
    })?;
    Ok(runtime.block_on(future))
}

fn read_event(path: &str) -> Result<VesEvent, Failure> {
    VesEvent::from_json(&read_input(path)?).map_err(Failure::core)
}

/// `set event send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// The signed event (what `set event sign` prints), or `-` for stdin.
    #[arg(value_name = "SIGNED_EVENT")]
    pub event: String,
    #[command(flatten)]
    pub sequencer: SequencerArgs,
    /// The trust root whose sequencer keys the receipt must verify with.
    #[arg(long, value_name = "FILE", env = "SET_TRUST")]
    pub trust: String,
    /// Also write the receipt (JSON, what `set bundle --receipt` reads) to this file.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<String>,
}

/// Sends the signed event and prints its receipt, verified on arrival; exit 1 when the
/// sequencer rejects the event.
pub fn send(args: &SendArgs, style: &Style) -> Result<Exit, Failure> {
    let event = read_event(&args.event)?;
    let trust_text = read_input(&args.trust)?;
    let client = client(ClientConfig::sequencer_only(&trust_text, &args.sequencer.sequencer, auth(&args.sequencer)))?;
    let outcome = block_on(client.ingest(std::slice::from_ref(&event)))?.map_err(|error| Failure::client(&error))?;
    if let Some(rejection) = outcome.rejections.first() {
        let message =
            format!("the sequencer rejected event {}: {}: {}", rejection.event_id, rejection.reason, rejection.message);
        return Err(Failure { exit: Exit::Negative, code: "REJECTED".into(), field: None, message });
    }
    let Some(accepted) = outcome.accepted.first() else {
        let message = "the sequencer answered neither a receipt nor a rejection for the event";
        return Err(Failure { exit: Exit::Network, code: "NO_RECEIPT".into(), field: None, message: message.into() });
    };
    let receipt = serde_json::to_value(&accepted.receipt).map_err(|error| Failure::input("IO", None, error))?;
    let text = pretty(&receipt);
    if let Some(path) = &args.out {
        emit_document(&text, Some(path))?;
    }
    if style.json {
        println!("{text}");
    } else {
        let r = &accepted.receipt;
        println!(
            "{} event {} · sequence number {} · receipt {}",
            style.paint(Colour::Green, "✔ sequenced"),
            r.event_id,
            r.sequence_number,
            r.receipt_hash
        );
        println!("  receipt signature ({}) verified against the trust root's sequencer keys", r.signature_alg);
        if let Some(path) = &args.out {
            println!("  receipt written to {path}");
        }
    }
    Ok(Exit::Ok)
}

/// `set bundle`.
#[derive(Debug, Args)]
pub struct BundleArgs {
    /// The signed event that was sent.
    #[arg(long, value_name = "FILE")]
    pub event: String,
    /// Its receipt, as `set event send --json` prints it.
    #[arg(long, value_name = "FILE")]
    pub receipt: String,
    #[command(flatten)]
    pub sequencer: SequencerArgs,
    /// Set Chain JSON-RPC URL (the anchor's block hash and the commitment's logs are read there;
    /// its chain id must be the pinned one).
    #[arg(long, value_name = "URL", env = "SET_RPC_URL")]
    pub rpc_url: String,
    /// The trust root: chain id, SetRegistry, sequencer keys.
    #[arg(long, value_name = "FILE", env = "SET_TRUST")]
    pub trust: String,
    /// Longest wait, in seconds, for the commitment and its anchoring together.
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub timeout: u64,
    /// Write the bundle to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<String>,
}

/// Waits for the event's commitment and its anchoring, then writes the bundle.
pub fn bundle(args: &BundleArgs, style: &Style) -> Result<Exit, Failure> {
    let event = read_event(&args.event)?;
    let receipt = parse_ingest_receipt(&read_input(&args.receipt)?).map_err(Failure::core)?;
    let trust_text = read_input(&args.trust)?;
    let client = client_with_auth(&trust_text, &args.sequencer, &args.rpc_url)?;
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    let bundle = block_on(async {
        let seq = receipt.sequence_number;
        let committed = client
            .wait_for_commitment(&event.tenant_id, &event.store_id, seq, Duration::from_secs(args.timeout))
            .await?;
        let left = deadline.saturating_duration_since(Instant::now());
        let anchored = client.wait_until_anchored(&committed.batch_id, left).await?;
        client.bundle_with_commitment(&event, &receipt, &anchored).await
    })?
    .map_err(|error| Failure::client(&error))?;
    let text = pretty(&serde_json::to_value(&bundle).map_err(|error| Failure::input("IO", None, error))?);
    emit_document(&text, args.out.as_deref())?;
    if let Some(path) = &args.out {
        let anchor = bundle.anchor.as_ref();
        if style.json {
            println!("{}", serde_json::json!({"written": path, "batch_id": bundle.commitment.batch_id}));
        } else {
            println!(
                "{} {path}: commitment {} (events {}–{}), anchored in block {}",
                style.paint(Colour::Green, "✔ wrote"),
                bundle.commitment.batch_id,
                bundle.commitment.sequence_start,
                bundle.commitment.sequence_end,
                anchor.map(|anchor| anchor.block_number.to_string()).unwrap_or_else(|| "?".into()),
            );
        }
    }
    Ok(Exit::Ok)
}
