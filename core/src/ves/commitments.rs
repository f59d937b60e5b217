//! What stateset-sequencer (0.2.7) checks when it creates a VES commitment
//! (`POST /api/v1/ves/commitments`) and when an anchor service reports one anchored
//! (`POST /v1/commitments/{batch_id}/anchored`), as pure functions around the store's reads.
//!
//! Creating a commitment of `sequence_start..=sequence_end` of a stream, in the server's order:
//! the range is not reversed; a commitment that already starts there is returned as it is when
//! it ends at the same place (idempotent) and refused otherwise; the range starts right after the
//! stream's last commitment (a stream's first commitment may start anywhere); it holds at least
//! one event, and exactly one per sequence number. Each failure is an HTTP 400 whose plain-text
//! body is `internal error: ` and the message ([`CommitmentError`]). The commitment itself is
//! [`super::commit_batch`].
//!
//! An anchored notification is read by the server's JSON extractor first (422 for a missing or
//! mistyped `chain_tx_hash` / `chain_id`), then the commitment is looked up (404), then
//! `chain_id` must fit in u32 and `chain_tx_hash` (trimmed, optional `0x`) must be 32 bytes of
//! hex (400, [`AnchoredRequestError`]).

use alloc::format;
use alloc::string::String;

use alloy_primitives::B256;
use serde::Deserialize;

use super::validate::BodyError;

/// Why the server refuses to create a commitment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommitmentError {
    /// `sequence_end < sequence_start`.
    #[error("invalid sequence range")]
    InvalidRange,
    /// A commitment already starts at `start` but ends elsewhere.
    #[error("commitment already exists for start {start} but ends at {existing_end} (requested {end})")]
    Exists {
        /// The requested start.
        start: u64,
        /// Where the existing commitment ends.
        existing_end: u64,
        /// The requested end.
        end: u64,
    },
    /// The range does not start right after the stream's last commitment.
    #[error("commitment range must start at {expected} (next after last committed sequence {last_end})")]
    MustStartAt {
        /// `last_end + 1`.
        expected: u64,
        /// The last committed sequence number of the stream.
        last_end: u64,
    },
    /// No events of the stream in the range.
    #[error("no VES events in range for commitment")]
    NoEvents,
    /// Some sequence numbers of the range have no event (not sequenced yet).
    #[error("VES commitment range {start}..={end} contains {found} events but expected {expected}")]
    EventCount {
        /// The requested start.
        start: u64,
        /// The requested end.
        end: u64,
        /// Events found in the range.
        found: u64,
        /// `end - start + 1`.
        expected: u64,
    },
}

impl CommitmentError {
    /// The server's plain-text answer (HTTP 400).
    pub fn body(&self) -> String {
        format!("internal error: {self}")
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            CommitmentError::InvalidRange => "INVALID_SEQUENCE_RANGE",
            CommitmentError::Exists { .. } => "COMMITMENT_EXISTS",
            CommitmentError::MustStartAt { .. } => "SEQUENCE_GAP",
            CommitmentError::NoEvents => "NO_EVENTS",
            CommitmentError::EventCount { .. } => "EVENT_COUNT_MISMATCH",
        }
    }
}

/// The request of `POST /api/v1/ves/commitments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct CommitmentRequest {
    /// Tenant.
    pub tenant_id: uuid::Uuid,
    /// Store.
    pub store_id: uuid::Uuid,
    /// First sequence number (inclusive).
    pub sequence_start: u64,
    /// Last sequence number (inclusive).
    pub sequence_end: u64,
}

impl CommitmentRequest {
    /// Parses the body as the server's JSON extractor does.
    ///
    /// # Errors
    /// [`BodyError`]: 400 for text that is not JSON, 422 for the wrong shape.
    pub fn from_json(text: &str) -> Result<Self, BodyError> {
        from_value(text)
    }

    /// The range is not reversed (the first check, before the store is read).
    ///
    /// # Errors
    /// [`CommitmentError::InvalidRange`].
    pub fn check_range(&self) -> Result<(), CommitmentError> {
        if self.sequence_end < self.sequence_start {
            return Err(CommitmentError::InvalidRange);
        }
        Ok(())
    }

    /// With a commitment that already starts at `sequence_start` and ends at `existing_end`:
    /// `Ok` means answer with that commitment (a repeated request).
    ///
    /// # Errors
    /// [`CommitmentError::Exists`] when it ends elsewhere.
    pub fn check_existing(&self, existing_end: u64) -> Result<(), CommitmentError> {
        if existing_end != self.sequence_end {
            return Err(CommitmentError::Exists { start: self.sequence_start, existing_end, end: self.sequence_end });
        }
        Ok(())
    }

    /// The range against the stream's last commitment (its `sequence_end`, none for a new stream).
    ///
    /// # Errors
    /// [`CommitmentError::MustStartAt`].
    pub fn check_start(&self, last_end: Option<u64>) -> Result<(), CommitmentError> {
        match last_end {
            Some(last_end) if last_end.checked_add(1) != Some(self.sequence_start) => {
                Err(CommitmentError::MustStartAt { expected: last_end.saturating_add(1), last_end })
            }
            _ => Ok(()),
        }
    }

    /// The number of the stream's events found in the range.
    ///
    /// # Errors
    /// [`CommitmentError::NoEvents`] or [`CommitmentError::EventCount`].
    pub fn check_events(&self, found: usize) -> Result<(), CommitmentError> {
        if found == 0 {
            return Err(CommitmentError::NoEvents);
        }
        let expected = self.sequence_end.saturating_sub(self.sequence_start).saturating_add(1);
        if found as u64 != expected {
            return Err(CommitmentError::EventCount {
                start: self.sequence_start,
                end: self.sequence_end,
                found: found as u64,
                expected,
            });
        }
        Ok(())
    }
}

fn from_value<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, BodyError> {
    let value = BodyError::parse(text)?;
    serde_path_to_error::deserialize::<_, T>(&value)
        .map_err(|err| BodyError::data(&err.path().to_string(), err.into_inner().to_string()))
}

/// The body of `POST /v1/commitments/{batch_id}/anchored` as the server's extractor reads it
/// (before its own checks).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AnchoredRequest {
    /// The transaction hash, as sent.
    pub chain_tx_hash: String,
    /// The chain id (must fit in u32).
    pub chain_id: u64,
    /// The block of the transaction.
    #[serde(default)]
    pub block_number: Option<u64>,
    /// Accepted and ignored.
    #[serde(default)]
    pub gas_used: Option<u64>,
}

/// Why the server refuses an anchored notification after reading it (HTTP 400, plain text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnchoredRequestError {
    /// `chain_id` over `u32::MAX`.
    #[error("chain_id must fit in u32")]
    ChainId,
    /// `chain_tx_hash` empty after trimming.
    #[error("chain_tx_hash must not be empty")]
    EmptyTxHash,
    /// `chain_tx_hash` not hex.
    #[error("Invalid chain_tx_hash: {0}")]
    TxHashHex(String),
    /// `chain_tx_hash` not 32 bytes.
    #[error("chain_tx_hash must be 32 bytes")]
    TxHashLength,
}

impl AnchoredRequestError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            AnchoredRequestError::ChainId => "CHAIN_ID_TOO_LARGE",
            AnchoredRequestError::EmptyTxHash => "EMPTY_TX_HASH",
            AnchoredRequestError::TxHashHex(_) => "INVALID_HEX",
            AnchoredRequestError::TxHashLength => "WRONG_LENGTH",
        }
    }

    /// The request field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            AnchoredRequestError::ChainId => "chain_id",
            _ => "chain_tx_hash",
        }
    }
}

impl AnchoredRequest {
    /// Parses the body as the server's JSON extractor does.
    ///
    /// # Errors
    /// [`BodyError`]: 400 for text that is not JSON, 422 for the wrong shape.
    pub fn from_json(text: &str) -> Result<Self, BodyError> {
        from_value(text)
    }

    /// The server's checks once the commitment is found: the chain id and the transaction hash.
    ///
    /// # Errors
    /// The first [`AnchoredRequestError`].
    pub fn check(&self) -> Result<(u32, B256), AnchoredRequestError> {
        let chain_id = u32::try_from(self.chain_id).map_err(|_| AnchoredRequestError::ChainId)?;
        let text = self.chain_tx_hash.trim();
        if text.is_empty() {
            return Err(AnchoredRequestError::EmptyTxHash);
        }
        let bytes = hex::decode(text.strip_prefix("0x").unwrap_or(text))
            .map_err(|err| AnchoredRequestError::TxHashHex(format!("{err}")))?;
        let hash: [u8; 32] = bytes.try_into().map_err(|_| AnchoredRequestError::TxHashLength)?;
        Ok((chain_id, B256::from(hash)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commitment_ranges_are_refused_with_the_servers_messages() {
        let request = CommitmentRequest {
            tenant_id: uuid::Uuid::nil(),
            store_id: uuid::Uuid::nil(),
            sequence_start: 4,
            sequence_end: 6,
        };
        assert_eq!(request.check_range(), Ok(()));
        let reversed = CommitmentRequest { sequence_end: 3, ..request };
        assert_eq!(reversed.check_range().map_err(|e| e.body()), Err("internal error: invalid sequence range".into()));
        assert_eq!(request.check_existing(6), Ok(()));
        assert_eq!(
            request.check_existing(9).map_err(|e| e.body()),
            Err("internal error: commitment already exists for start 4 but ends at 9 (requested 6)".into())
        );
        assert_eq!(request.check_start(Some(3)), Ok(()));
        assert_eq!(request.check_start(None), Ok(()));
        assert_eq!(
            request.check_start(Some(5)).map_err(|e| e.body()),
            Err("internal error: commitment range must start at 6 (next after last committed sequence 5)".into())
        );
        assert_eq!(request.check_start(Some(u64::MAX)).map_err(|e| e.code()), Err("SEQUENCE_GAP"));
        assert_eq!(request.check_events(3), Ok(()));
        assert_eq!(
            request.check_events(0).map_err(|e| e.body()),
            Err("internal error: no VES events in range for commitment".into())
        );
        assert_eq!(
            request.check_events(2).map_err(|e| e.body()),
            Err("internal error: VES commitment range 4..=6 contains 2 events but expected 3".into())
        );
        assert!(matches!(CommitmentRequest::from_json("{\"tenant_id\": 1}"), Err(BodyError::Data { .. })));
    }

    #[test]
    fn anchored_notifications_are_checked_as_the_server_does() {
        let parse = |text: &str| AnchoredRequest::from_json(text);
        let hash = "ab".repeat(32);
        let ok = parse(&format!("{{\"chain_tx_hash\": \" 0x{hash} \", \"chain_id\": 84532001, \"gas_used\": 5}}"));
        assert_eq!(ok.map(|r| r.check()), Ok(Ok((84_532_001, B256::repeat_byte(0xab)))));
        let check = |text: &str| parse(text).map(|r| r.check().map_err(|e| e.to_string()));
        assert_eq!(
            check(&format!("{{\"chain_tx_hash\": \"{hash}\", \"chain_id\": 1099511627776}}")),
            Ok(Err("chain_id must fit in u32".into()))
        );
        assert_eq!(
            check("{\"chain_tx_hash\": \"  \", \"chain_id\": 1}"),
            Ok(Err("chain_tx_hash must not be empty".into()))
        );
        assert_eq!(
            check("{\"chain_tx_hash\": \"0xzz\", \"chain_id\": 1}"),
            Ok(Err("Invalid chain_tx_hash: Invalid character 'z' at position 0".into()))
        );
        assert_eq!(
            check("{\"chain_tx_hash\": \"abab\", \"chain_id\": 1}"),
            Ok(Err("chain_tx_hash must be 32 bytes".into()))
        );
        assert_eq!(parse("{\"chain_tx_hash\": \"abab\"}").map_err(|e| e.status()), Err(422));
        assert_eq!(parse("{\"chain_id\": \"1\", \"chain_tx_hash\": \"ab\"}").map_err(|e| e.status()), Err(422));
        assert_eq!(parse("not json").map_err(|e| e.status()), Err(400));
    }
}
