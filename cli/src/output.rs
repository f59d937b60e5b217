//! How `set` answers: exit codes, typed failures (code, field, message) and the human or JSON
//! form of each, colour only on a terminal.

use std::io::IsTerminal;
use std::process::ExitCode;

/// The exit codes a script can rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The answer is yes: the bundle is valid, the document was written, the event sequenced,
    /// the audited stream clean.
    Ok = 0,
    /// The answer is no: the verdict is not valid, the sequencer rejected the event, or the
    /// audit found something.
    Negative = 1,
    /// The input is unusable: bad arguments, an unreadable file, a document core refuses
    /// (its code and field are printed).
    Input = 2,
    /// A server failed: the sequencer or the chain RPC did not answer, answered an error, or
    /// answered something core refuses; a wait ran out of time.
    Network = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// Why a command did not answer yes: the exit code, a stable code (core's or set-client's, or
/// `REJECTED`, `IO`), the field at fault when there is one, and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The exit code.
    pub exit: Exit,
    /// The machine-readable code.
    pub code: String,
    /// The input at fault (`receipt.receipt_hash`, `trust.registry`, `entity_id`).
    pub field: Option<String>,
    /// What went wrong.
    pub message: String,
}

impl Failure {
    /// An input failure.
    pub fn input(code: &str, field: Option<&str>, message: impl ToString) -> Self {
        Failure { exit: Exit::Input, code: code.into(), field: field.map(Into::into), message: message.to_string() }
    }

    /// A file that cannot be read or written.
    pub fn io(path: &str, error: &std::io::Error) -> Self {
        Failure::input("IO", Some(path), format!("{path}: {error}"))
    }

    /// A core error, its code and field kept.
    pub fn core(error: impl Into<set_core::Error>) -> Self {
        let error = error.into();
        Failure::input(error.code(), error.field(), &error)
    }

    /// A set-client error: core's refusals of the input are input failures, everything a server
    /// did (or did not) answer is a network failure.
    pub fn client(error: &set_client::ClientError) -> Self {
        use set_client::ClientError as E;
        let exit = match error {
            E::Config { .. } | E::Request(_) | E::Receipt(_) => Exit::Input,
            _ => Exit::Network,
        };
        Failure { exit, code: error.code().into(), field: error.field().map(Into::into), message: error.to_string() }
    }

    /// The JSON form: `{"error": {"code", "field", "message"}}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({"error": {"code": self.code, "field": self.field, "message": self.message}})
    }

    /// Prints the failure on stderr, as JSON with `--json`.
    pub fn report(&self, style: &Style) {
        if style.json {
            eprintln!("{}", self.to_json());
            return;
        }
        // Core's messages start with the field they name; it is not repeated then.
        let at = match self.field.as_deref() {
            Some(field) if !self.message.starts_with(field) => format!(" at {field}"),
            _ => String::new(),
        };
        eprintln!("{} {}{at}: {}", style.paint(Colour::Red, "error:"), self.code, self.message);
    }
}

/// Terminal colours `set` uses.
#[derive(Debug, Clone, Copy)]
pub enum Colour {
    /// Failures.
    Red,
    /// Passes.
    Green,
    /// Skipped checks, notes.
    Yellow,
    /// Names and labels.
    Bold,
}

/// The output mode of one run.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// `--json`: documents and results as JSON.
    pub json: bool,
    /// ANSI colours (stdout is a terminal and `NO_COLOR` is unset or empty).
    pub colour: bool,
}

impl Style {
    /// The style for this process.
    pub fn detect(json: bool) -> Self {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Style { json, colour: !json && !no_colour && std::io::stdout().is_terminal() }
    }

    /// `text` in `colour` when colours are on.
    pub fn paint(&self, colour: Colour, text: &str) -> String {
        if !self.colour {
            return text.to_owned();
        }
        let code = match colour {
            Colour::Red => "31",
            Colour::Green => "32",
            Colour::Yellow => "33",
            Colour::Bold => "1",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

/// Reads a file, or stdin for `-`.
pub fn read_input(path: &str) -> Result<String, Failure> {
    if path == "-" {
        return std::io::read_to_string(std::io::stdin()).map_err(|error| Failure::io("-", &error));
    }
    std::fs::read_to_string(path).map_err(|error| Failure::io(path, &error))
}

/// Writes `text` (and a final newline) to `out`, or prints it when there is none.
pub fn emit_document(text: &str, out: Option<&str>) -> Result<(), Failure> {
    match out {
        Some(path) => std::fs::write(path, format!("{text}\n")).map_err(|error| Failure::io(path, &error)),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

/// Pretty JSON text of a value (a `Value` always serialises).
pub fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_is_off_in_json_mode_and_paint_is_plain_without_colour() {
        let style = Style { json: false, colour: false };
        assert_eq!(style.paint(Colour::Red, "x"), "x");
        let style = Style { json: false, colour: true };
        assert_eq!(style.paint(Colour::Green, "ok"), "\x1b[32mok\x1b[0m");
        assert!(!Style::detect(true).colour);
    }

    #[test]
    fn client_failures_split_into_input_and_network_exit_codes() {
        let config = set_client::ClientError::Config { field: "sequencer_url", reason: "not a URL".into() };
        assert_eq!(Failure::client(&config).exit, Exit::Input);
        let timeout =
            set_client::ClientError::Timeout { what: "x".into(), waited: std::time::Duration::from_millis(5) };
        let failure = Failure::client(&timeout);
        assert_eq!((failure.exit, failure.code.as_str()), (Exit::Network, "TIMEOUT"));
    }
}
