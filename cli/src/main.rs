//! `set`: the Set SDK on the command line. Every rule is set-core's and every request
//! set-client's; this binary reads arguments and files, calls them, and prints the answer.

mod audit;
mod decode;
mod event;
mod network;
mod output;
mod trust_root;
mod verify;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use output::{Exit, Failure, Style};

const EXIT_CODES: &str = "\
Exit codes:
  0  yes: the bundle is valid, the document was written, the event was sequenced, the
     audited stream is clean
  1  no: the verdict is not valid, the sequencer rejected the event, or the audit found
     something
  2  unusable input: bad arguments, an unreadable file, a document set-core refuses
     (the error's code and field are printed)
  3  a server failed: the sequencer or the chain RPC was unreachable, answered an error or
     something set-core refuses, or a wait ran out of time

Errors go to stderr as `error: CODE: FIELD: message` (core's messages start with the field
they name), or with --json as {\"error\": {\"code\", \"field\", \"message\"}}.
Colours only on a terminal; set NO_COLOR to turn them off.";

/// The Set SDK on the command line: verify receipt bundles, decode contract data, write trust
/// roots, build, sign and send events, export their receipt bundles.
#[derive(Debug, Parser)]
#[command(name = "set", version, after_help = EXIT_CODES, after_long_help = EXIT_CODES)]
struct Cli {
    /// Print results as JSON (for scripts) instead of text for people.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Verify a receipt bundle against a trust root: verdict, level, every check.
    #[command(after_help = verify::EXAMPLES)]
    Verify(verify::VerifyArgs),
    /// Decode SetRegistry or SetPaymaster calldata, revert data or a log.
    #[command(after_help = decode::EXAMPLES)]
    Decode(decode::DecodeArgs),
    /// Write or check a set-trust-root-v1 document (the network an app pins).
    #[command(subcommand, name = "trust-root")]
    TrustRoot(trust_root::TrustRootCommand),
    /// Build, sign and send VES events.
    #[command(subcommand)]
    Event(event::EventCommand),
    /// Export the receipt bundle of a sequenced event once it is anchored.
    #[command(after_help = network::BUNDLE_EXAMPLES)]
    Bundle(network::BundleArgs),
    /// Audit one (tenant, store) stream end to end: gaps, forks, mismatches, with evidence.
    #[command(after_help = audit::EXAMPLES)]
    Audit(audit::AuditArgs),
}

/// How to reach the sequencer, shared by the commands that talk to it.
#[derive(Debug, Args)]
pub struct SequencerArgs {
    /// The sequencer's base URL.
    #[arg(long, value_name = "URL", env = "SET_SEQUENCER_URL")]
    pub sequencer: String,
    /// The sequencer's API key. Prefer the SET_API_KEY environment variable: arguments are
    /// visible to other users of the machine (ps) and kept in shell history.
    #[arg(long, value_name = "KEY", env = "SET_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// How the key is sent: `api-key` (Authorization: ApiKey), `x-api-key` (X-API-Key header)
    /// or `bearer` (Authorization: Bearer, for JWTs).
    #[arg(long, value_name = "SCHEME", default_value = "api-key")]
    pub auth: network::AuthScheme,
}

fn run(cli: Cli, style: &Style) -> Result<Exit, Failure> {
    match cli.command {
        Command::Verify(args) => verify::run(&args, style),
        Command::Decode(args) => decode::run(&args, style),
        Command::TrustRoot(command) => trust_root::run(&command, style),
        Command::Event(command) => event::run(command, style),
        Command::Bundle(args) => network::bundle(&args, style),
        Command::Audit(args) => audit::run(&args, style),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version are answers, not errors; clap prints both kinds.
            let usage = error.use_stderr();
            let _ = error.print();
            return if usage { Exit::Input.into() } else { Exit::Ok.into() };
        }
    };
    let style = Style::detect(cli.json);
    match run(cli, &style) {
        Ok(exit) => exit.into(),
        Err(failure) => {
            failure.report(&style);
            failure.exit.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed_and_every_command_and_flag_has_help_and_examples() {
        Cli::command().debug_assert();
        fn check(command: &clap::Command, path: &str) {
            for arg in command.get_arguments() {
                let builtin = ["help", "version"].contains(&arg.get_id().as_str());
                assert!(builtin || arg.get_help().is_some(), "{path} --{} has no help", arg.get_id());
            }
            let leaf = command.get_subcommands().next().is_none();
            if leaf && path != "set" {
                assert!(command.get_about().is_some(), "{path} has no one-line purpose");
                let examples = command.get_after_help().map(|help| help.to_string()).unwrap_or_default();
                assert!(examples.contains("Example"), "{path} has no example");
            }
            for sub in command.get_subcommands() {
                if sub.get_name() != "help" {
                    check(sub, &format!("{path} {}", sub.get_name()));
                }
            }
        }
        check(&Cli::command(), "set");
    }
}
