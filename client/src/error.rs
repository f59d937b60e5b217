//! The client's one error type: each variant says which server (the sequencer's URL, the chain
//! RPC's URL) answered what, or which core rule refused.

use std::time::Duration;

use set_core::audit::AuditError;
use set_core::receipt::ReceiptError;
use set_core::registry::RegistryError;
use set_core::sequencer::SequencerApiError;
use set_core::ves::agent::AgentError;

/// How many characters of an answer's body an error keeps.
pub(crate) const EXCERPT_CHARS: usize = 300;

/// The first [`EXCERPT_CHARS`] characters of `body`, marked when cut.
pub(crate) fn excerpt(body: &str) -> String {
    match body.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}…", &body[..end]),
        None => body.to_owned(),
    }
}

/// `err` and its sources, joined by `: ` (reqwest's own message leaves out the cause, such as
/// the TLS handshake's "invalid peer certificate: UnknownIssuer"); a source whose text the chain
/// already holds is not repeated.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let line = cause.to_string();
        if !text.contains(&line) {
            text = format!("{text}: {line}");
        }
        source = cause.source();
    }
    text
}

/// Why a [`crate::Client`] call failed. [`ClientError::code`] is the stable machine-readable
/// code; messages are for people and may change.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The configuration is unusable (a URL, a trust root that pins no chain id or registry).
    #[error("configuration {field}: {reason}")]
    Config {
        /// The setting at fault, e.g. `sequencer_url`, `trust.registry`.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// The sequencer could not be reached or did not answer in time (after the retries).
    #[error("sequencer {url}: no answer: {reason}")]
    SequencerUnreachable {
        /// The URL requested.
        url: String,
        /// The transport's description (connect refused, timeout, …).
        reason: String,
    },
    /// The sequencer answered with an error status (after the retries for 5xx).
    #[error("sequencer {url} answered HTTP {status}{}: {excerpt}", server_code.as_deref().map(|code| format!(" {code}")).unwrap_or_default())]
    SequencerStatus {
        /// The URL requested.
        url: String,
        /// The HTTP status, e.g. 401.
        status: u16,
        /// The server's own code when its body has one (`invalid_api_key`, `INVALID_FIELD_VALUE`).
        server_code: Option<String>,
        /// The server's message, or the start of its body.
        excerpt: String,
    },
    /// The sequencer's 2xx answer does not parse as what the endpoint returns.
    #[error("sequencer {url}: unreadable answer ({error}): {excerpt}")]
    SequencerAnswer {
        /// The URL requested.
        url: String,
        /// Core's parse error (its code and field).
        error: SequencerApiError,
        /// The start of the body.
        excerpt: String,
    },
    /// The sequencer's ingest answer was refused by core: a receipt that does not verify with the
    /// pinned keys or does not recompute from the event sent, a receipt of an event not sent.
    #[error("sequencer {url}: ingest answer refused: {error}")]
    IngestAnswer {
        /// The URL requested.
        url: String,
        /// Core's refusal (`RECEIPT_NOT_VERIFIED` naming `receipts[i]`, `UNEXPECTED_RECEIPT`).
        error: AgentError,
    },
    /// Core refused the request before it was sent: the sequencer would refuse it whole or
    /// reject an event (`INVALID_FIELD_VALUE`, `SCHEMA_VALIDATION`, … naming the field).
    #[error("not sent: {0}")]
    Request(AgentError),
    /// The chain RPC failed: no answer, a JSON-RPC error, or an answer alloy cannot read.
    #[error("chain RPC {url}: {method}: {reason}")]
    ChainRpc {
        /// The RPC URL.
        url: String,
        /// The JSON-RPC method, e.g. `eth_call`.
        method: &'static str,
        /// What the RPC or the transport said.
        reason: String,
    },
    /// The chain RPC serves another chain than the trust root pins.
    #[error("chain RPC {url} serves chain {served}, the trust root pins {pinned}")]
    WrongChain {
        /// The RPC URL.
        url: String,
        /// Its `eth_chainId`.
        served: u64,
        /// The pinned chain id.
        pinned: u64,
    },
    /// The chain's answer does not decode as SetRegistry's ABI says.
    #[error("chain RPC {url}: {method}: {error}")]
    ChainAnswer {
        /// The RPC URL.
        url: String,
        /// The JSON-RPC method, e.g. `eth_getLogs`.
        method: &'static str,
        /// Core's decoding error.
        error: RegistryError,
    },
    /// The anchoring transaction is not usable: not mined, or reverted.
    #[error("chain RPC {url}: anchoring transaction {tx_hash}: {reason}")]
    AnchorTransaction {
        /// The RPC URL.
        url: String,
        /// The transaction hash (`0x` hex).
        tx_hash: String,
        /// Not found, reverted, not in a block.
        reason: String,
    },
    /// Not anchored yet: no `BatchCommitted` log of the pinned registry holds the event (`url`
    /// is the chain RPC's), or the sequencer's commitment carries no tx hash (`url` is the
    /// sequencer's).
    #[error("{url}: sequence number {sequence_number} is not anchored yet")]
    NotAnchored {
        /// The server that said so.
        url: String,
        /// The event's sequence number.
        sequence_number: u64,
    },
    /// A `wait_*` call ran out of time.
    #[error("{what}: not done after {} ms", waited.as_millis())]
    Timeout {
        /// What was awaited, naming the server polled.
        what: String,
        /// How long it waited.
        waited: Duration,
    },
    /// Core refused the stream audit's input: an export of another stream, a sequence number
    /// given twice, a pinned agent key that is not a curve point (`WRONG_STREAM`,
    /// `DUPLICATE_SEQUENCE_NUMBER`, `INVALID_PUBLIC_KEY`, naming the field).
    #[error("stream audit: {0}")]
    Audit(AuditError),
    /// Core refused the bundle's parts or a trust document (`PARTS_MISMATCH` naming the part,
    /// `INVALID_TRUST`, …).
    #[error(transparent)]
    Receipt(ReceiptError),
}

impl ClientError {
    /// Stable machine-readable code: `CONFIG`, `SEQUENCER_UNREACHABLE`, `SEQUENCER_STATUS`,
    /// `CHAIN_RPC`, `WRONG_CHAIN`, `ANCHOR_TRANSACTION`, `NOT_ANCHORED`, `TIMEOUT`, or, for a
    /// core refusal (`SequencerAnswer`, `IngestAnswer`, `Request`, `ChainAnswer`, `Receipt`, `Audit`),
    /// core's own code (`RECEIPT_NOT_VERIFIED`, `PARTS_MISMATCH`, `INVALID_JSON`, …).
    pub fn code(&self) -> &'static str {
        match self {
            ClientError::Config { .. } => "CONFIG",
            ClientError::SequencerUnreachable { .. } => "SEQUENCER_UNREACHABLE",
            ClientError::SequencerStatus { .. } => "SEQUENCER_STATUS",
            ClientError::SequencerAnswer { error, .. } => error.code(),
            ClientError::IngestAnswer { error, .. } | ClientError::Request(error) => error.code(),
            ClientError::ChainRpc { .. } => "CHAIN_RPC",
            ClientError::WrongChain { .. } => "WRONG_CHAIN",
            ClientError::ChainAnswer { error, .. } => error.code(),
            ClientError::AnchorTransaction { .. } => "ANCHOR_TRANSACTION",
            ClientError::NotAnchored { .. } => "NOT_ANCHORED",
            ClientError::Timeout { .. } => "TIMEOUT",
            ClientError::Receipt(error) => error.code(),
            ClientError::Audit(error) => error.code(),
        }
    }

    /// The field or setting at fault, when one is: a configuration field, or the field core
    /// names (`receipts[0]`, `proof.leaf_hash`).
    pub fn field(&self) -> Option<&str> {
        match self {
            ClientError::Config { field, .. } => Some(field),
            ClientError::SequencerAnswer { error: SequencerApiError::Encoding(inner), .. } => Some(inner.field()),
            ClientError::IngestAnswer { error, .. } | ClientError::Request(error) => Some(error.field()),
            ClientError::Receipt(error) => Some(error.field()),
            ClientError::Audit(error) => error.field(),
            _ => None,
        }
    }

    /// The HTTP status of a sequencer's error answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::SequencerStatus { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The URL of the server that failed or answered what was refused (sequencer or chain RPC);
    /// `None` for a configuration error, a request core refused before sending, a time-out
    /// (its message names the server it polled) and a bundle or export core refused.
    pub fn url(&self) -> Option<&str> {
        match self {
            ClientError::SequencerUnreachable { url, .. }
            | ClientError::SequencerStatus { url, .. }
            | ClientError::SequencerAnswer { url, .. }
            | ClientError::IngestAnswer { url, .. }
            | ClientError::ChainRpc { url, .. }
            | ClientError::WrongChain { url, .. }
            | ClientError::ChainAnswer { url, .. }
            | ClientError::AnchorTransaction { url, .. }
            | ClientError::NotAnchored { url, .. } => Some(url),
            _ => None,
        }
    }

    /// The core module that refused (`sequencer`, `agent`, `registry`, `receipt`, `audit`, as
    /// [`set_core::Error::module`] names them), for a binding that maps errors by module; `None`
    /// when the client itself failed.
    pub fn core_module(&self) -> Option<&'static str> {
        match self {
            ClientError::SequencerAnswer { error, .. } => Some(set_core::Error::from(error.clone()).module()),
            ClientError::IngestAnswer { error, .. } | ClientError::Request(error) => {
                Some(set_core::Error::from(error.clone()).module())
            }
            ClientError::ChainAnswer { error, .. } => Some(set_core::Error::from(error.clone()).module()),
            ClientError::Receipt(error) => Some(set_core::Error::from(error.clone()).module()),
            ClientError::Audit(error) => Some(set_core::Error::from(error.clone()).module()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_keeps_short_bodies_and_cuts_long_ones_on_a_character_boundary() {
        assert_eq!(excerpt("short"), "short");
        let long = "é".repeat(EXCERPT_CHARS + 10);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn a_status_error_names_the_sequencer_the_status_and_the_server_code() {
        let err = ClientError::SequencerStatus {
            url: "http://127.0.0.1:9/api/v1/ves/events/ingest".into(),
            status: 401,
            server_code: Some("invalid_api_key".into()),
            excerpt: "Invalid API key".into(),
        };
        assert_eq!((err.code(), err.status()), ("SEQUENCER_STATUS", Some(401)));
        assert_eq!(
            err.to_string(),
            "sequencer http://127.0.0.1:9/api/v1/ves/events/ingest answered HTTP 401 invalid_api_key: Invalid API key"
        );
        assert_eq!((err.url(), err.core_module()), (Some("http://127.0.0.1:9/api/v1/ves/events/ingest"), None));
    }

    #[test]
    fn a_refusal_by_core_names_the_core_module_and_no_server() {
        let refused =
            ClientError::Audit(set_core::audit::AuditError::WrongStream { field: "events[0].event.store_id".into() });
        assert_eq!((refused.url(), refused.core_module()), (None, Some("audit")));
        let config = ClientError::Config { field: "sequencer_url", reason: "none".into() };
        assert_eq!((config.url(), config.core_module(), config.field()), (None, None, Some("sequencer_url")));
    }
}
