//! `set decode`: hex recognised and decoded by set-core as SetRegistry or SetPaymaster calldata,
//! revert data or a log (`set_core::abi::recognise`, `recognise_log`).

use clap::Args;
use set_core::abi::{recognise, recognise_log, AbiError, AbiValue, DecodedAbi, NamedValue, Recognised};
use set_core::encoding::{decode_b256, decode_hex};

use crate::output::{pretty, Colour, Exit, Failure, Style};

/// The examples of `set decode --help`.
pub const EXAMPLES: &str = "\
Examples:
  set decode 0xd38f6b8b…                       # calldata: commitBatch(…) and its arguments
  set decode 0x37f04d41…                       # revert data: StateRootMismatch(expected, provided)
  set decode 0x982da11e… --topics 0x1b2cc50e…,0x123e4567…,0xfee4ccde…   # a BatchCommitted log
  set decode 0x08c379a0… --json

Without --topics the hex is calldata or revert data, recognised by its 4-byte selector
(SetRegistry's functions, SetPaymaster's, then their errors, Error(string) and Panic(uint256)).
With --topics it is a log's data (`0x` when empty), recognised by topic0. A selector or topic0
of neither contract exits 2 with UNKNOWN_SELECTOR or UNKNOWN_EVENT.";

/// `set decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// Calldata or revert data, or a log's data with --topics (hex, `0x` optional).
    #[arg(value_name = "HEX", allow_hyphen_values = true)]
    pub hex: String,
    /// The log's topics, topic0 first (comma-separated or repeated): decode HEX as that log's data.
    #[arg(long, value_name = "TOPIC", value_delimiter = ',', num_args = 1..)]
    pub topics: Vec<String>,
}

/// Decodes `args.hex` and prints what it is; exit 0, or 2 for hex no decoder recognises.
pub fn run(args: &DecodeArgs, style: &Style) -> Result<Exit, Failure> {
    let data = decode_hex("data", &args.hex).map_err(Failure::core)?;
    let recognised = if args.topics.is_empty() {
        recognise(&data).map_err(abi_failure)?
    } else {
        let mut topics = Vec::with_capacity(args.topics.len());
        for (index, topic) in args.topics.iter().enumerate() {
            topics.push(decode_b256(&format!("topics[{index}]"), topic).map_err(Failure::core)?);
        }
        recognise_log(&topics, &data).map_err(abi_failure)?
    };
    if style.json {
        println!("{}", pretty(&recognised.to_json()));
    } else {
        print_recognised(&recognised, style);
    }
    Ok(Exit::Ok)
}

fn abi_failure(error: AbiError) -> Failure {
    Failure::input(error.code(), None, error)
}

fn print_recognised(recognised: &Recognised, style: &Style) {
    println!(
        "{} {} {}",
        recognised.source.as_str(),
        recognised.kind.as_str(),
        style.paint(Colour::Bold, &recognised.decoded.name)
    );
    print_decoded(&recognised.decoded, "  ");
}

fn print_decoded(decoded: &DecodedAbi, indent: &str) {
    let width = decoded.args.iter().map(|arg| arg.name.len()).chain(["signature".len()]).max().unwrap_or(0);
    println!("{indent}{:width$}  {}", "signature", decoded.signature);
    print_args(&decoded.args, indent, width);
    if let Some(inner) = &decoded.inner {
        println!("{indent}{:width$}  {}", "inner", inner.name);
        print_decoded(inner, &format!("{indent}  "));
    }
}

fn print_args(args: &[NamedValue], indent: &str, width: usize) {
    for arg in args {
        match &arg.value {
            AbiValue::Text(text) => println!("{indent}{:width$}  {text}  ({})", arg.name, arg.sol_type),
            // Lists and structs on one line each, in their JSON form.
            other => println!("{indent}{:width$}  {}  ({})", arg.name, other.to_json(), arg.sol_type),
        }
    }
}
