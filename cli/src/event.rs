//! `set event new | sign | send`: an event built and checked by set-core's store-agent rules,
//! signed by set-core with seeds read from files, sent through set-client.

use clap::{Args, Subcommand};
use set_core::encoding::decode_fixed;
use set_core::ids::parse_uuid;
use set_core::ves::agent::{AgentSecretKey, EventFields, UnsignedEvent};
use set_core::ves::parse_json_value;
use zeroize::Zeroizing;

use crate::output::{emit_document, pretty, read_input, Exit, Failure, Style};

const NEW_EXAMPLES: &str = "\
Example:
  set event new --tenant 00000000-0000-0000-0000-000000000001 \\
      --store 00000000-0000-0000-0000-000000000002 \\
      --agent 22222222-2222-2222-2222-222222222222 \\
      --entity-type Order --entity-id ORD-1 --event-type order.created \\
      --payload '{\"order_id\": \"ORD-1\", \"total_minor\": 1999}' -o event.json

Prints the unsigned event (JSON) that `set event sign` reads. The sequencer's own rules are
applied first (lengths, RFC 3339 `created_at`, payload size); a field they refuse exits 2
with the sequencer's code and the field's name. --event-id defaults to a fresh random UUID and
--created-at to the current UTC time: pass both to get the same bytes again.";

const SIGN_EXAMPLES: &str = "\
Examples:
  set event sign event.json --ed25519-seed-file agent.ed25519 -o signed.json
  set event sign event.json --ed25519-seed-file agent.ed25519 --ml-dsa-65-seed-file agent.mldsa
  set event sign event.json --ml-dsa-65-seed-file agent.mldsa

A seed file holds the 32-byte seed as hex (64 digits, `0x` optional, surrounding blanks
ignored). Seeds are read from files only, never from the command line: arguments are visible
to every user of the machine (ps, /proc) and end up in shell history. Keep the files readable
by you alone (chmod 600). Ed25519 alone signs for the `legacy` profile, both seeds sign
hybrid (scheme 3), ML-DSA-65 alone scheme 2; signing is deterministic.";

/// `set event …`.
#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Build an unsigned event, checked by the sequencer's rules, and print it as JSON.
    #[command(after_help = NEW_EXAMPLES)]
    New(NewArgs),
    /// Sign an event with the agent's seeds (from files) and print the signed event.
    #[command(after_help = SIGN_EXAMPLES)]
    Sign(SignArgs),
    /// Send a signed event to the sequencer and print its receipt, verified on arrival.
    #[command(after_help = crate::network::SEND_EXAMPLES)]
    Send(crate::network::SendArgs),
}

/// `set event new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Tenant id (UUID).
    #[arg(long, value_name = "UUID")]
    pub tenant: String,
    /// Store id (UUID).
    #[arg(long, value_name = "UUID")]
    pub store: String,
    /// The agent's id (UUID): the source_agent_id whose registered key signs.
    #[arg(long, value_name = "UUID")]
    pub agent: String,
    /// Which of the agent's registered keys signs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub key_id: u32,
    /// The entity the event is about, e.g. Order (1–128 bytes).
    #[arg(long, value_name = "TYPE")]
    pub entity_type: String,
    /// The entity's id, e.g. ORD-1 (1–512 bytes).
    #[arg(long, value_name = "ID")]
    pub entity_id: String,
    /// What happened, e.g. order.created (1–256 bytes).
    #[arg(long, value_name = "TYPE")]
    pub event_type: String,
    /// The payload, a JSON value (at most 1 MiB compact).
    #[arg(long, value_name = "JSON")]
    pub payload: String,
    /// RFC 3339 time, hashed verbatim [default: now, UTC, whole seconds].
    #[arg(long, value_name = "RFC3339")]
    pub created_at: Option<String>,
    /// The event's id, its idempotency key (UUID) [default: a fresh random UUID].
    #[arg(long, value_name = "UUID")]
    pub event_id: Option<String>,
    /// Write the event to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<String>,
}

/// `set event sign`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("seeds").required(true).multiple(true))]
pub struct SignArgs {
    /// The unsigned event (what `set event new` prints), or `-` for stdin.
    #[arg(value_name = "EVENT")]
    pub event: String,
    /// File holding the agent's Ed25519 seed (hex).
    #[arg(long, value_name = "FILE", group = "seeds")]
    pub ed25519_seed_file: Option<String>,
    /// File holding the agent's ML-DSA-65 seed (hex); with --ed25519-seed-file, signs hybrid.
    #[arg(long, value_name = "FILE", group = "seeds")]
    pub ml_dsa_65_seed_file: Option<String>,
    /// Write the signed event to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<String>,
}

/// Runs `set event new`, `sign` or `send`.
pub fn run(command: EventCommand, style: &Style) -> Result<Exit, Failure> {
    match command {
        EventCommand::New(args) => new(&args),
        EventCommand::Sign(args) => sign(&args),
        EventCommand::Send(args) => crate::network::send(&args, style),
    }
}

fn new(args: &NewArgs) -> Result<Exit, Failure> {
    let uuid = |field: &str, text: &str| parse_uuid(field, text).map_err(Failure::core);
    let event_id = match &args.event_id {
        Some(text) => uuid("event_id", text)?,
        // The caller's randomness, as core draws none.
        None => uuid::Uuid::new_v4(),
    };
    let created_at = match &args.created_at {
        Some(text) => text.clone(),
        None => chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let fields = EventFields {
        tenant_id: uuid("tenant_id", &args.tenant)?,
        store_id: uuid("store_id", &args.store)?,
        event_id,
        source_agent_id: uuid("source_agent_id", &args.agent)?,
        agent_key_id: args.key_id,
        entity_type: args.entity_type.clone(),
        entity_id: args.entity_id.clone(),
        event_type: args.event_type.clone(),
        created_at,
        payload: parse_json_value("payload", &args.payload).map_err(Failure::core)?,
    };
    let event = UnsignedEvent::new(fields).map_err(Failure::core)?;
    emit_document(&pretty(&event.to_json_value()), args.out.as_deref())?;
    Ok(Exit::Ok)
}

/// A 32-byte seed from a file of hex. The file's text and the seed are wiped when dropped
/// (`AgentSecretKey` wipes its own copy).
fn read_seed(path: &str, field: &str) -> Result<Zeroizing<[u8; 32]>, Failure> {
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|error| Failure::io(path, &error))?);
    decode_fixed::<32>(field, text.trim()).map(Zeroizing::new).map_err(Failure::core)
}

fn sign(args: &SignArgs) -> Result<Exit, Failure> {
    let event = UnsignedEvent::from_json(&read_input(&args.event)?).map_err(Failure::core)?;
    let ed25519 = args.ed25519_seed_file.as_deref().map(|path| read_seed(path, "ed25519_seed")).transpose()?;
    let ml_dsa_65 = args.ml_dsa_65_seed_file.as_deref().map(|path| read_seed(path, "ml_dsa_65_seed")).transpose()?;
    let key = match (ed25519, ml_dsa_65) {
        (Some(ed25519_seed), Some(ml_dsa_65_seed)) => {
            AgentSecretKey::Hybrid { ed25519_seed: *ed25519_seed, ml_dsa_65_seed: *ml_dsa_65_seed }
        }
        (Some(seed), None) => AgentSecretKey::Ed25519 { seed: *seed },
        (None, Some(seed)) => AgentSecretKey::MlDsa65 { seed: *seed },
        // clap's `seeds` group requires one of the two.
        (None, None) => return Err(Failure::input("MISSING_SEED", Some("seeds"), "no seed file given")),
    };
    let signed = event.sign(&key).map_err(Failure::core)?;
    let value = serde_json::to_value(&signed).map_err(|error| Failure::input("IO", None, error))?;
    emit_document(&pretty(&value), args.out.as_deref())?;
    Ok(Exit::Ok)
}
