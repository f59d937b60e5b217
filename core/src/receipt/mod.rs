//! The `set-receipt-v1` bundle and its offline verifier (`docs/protocol.md`, "Receipt bundle").
//!
//! A bundle is what a checkout page or phone keeps per order event: the signed
//! event, the sequencer's receipt, the commitment that contains it, the
//! inclusion proof and, optionally, where it was anchored. [`verify_receipt`]
//! checks it against pinned keys (and optionally the on-chain commitment) and
//! returns a [`Verdict`] with every check — it never fails on a well-formed
//! bundle whose checks fail; only malformed input is an error.
//!
//! - this file: the model (bundle parts, [`Trust`], [`Check`], [`Verdict`], [`ReceiptError`]);
//! - `verify`: the checks, to be read on their own;
//! - `read`: bundles and trust documents from JSON;
//! - `assemble`: a bundle from the sequencer's answers.

mod assemble;
mod read;
mod verify;

pub use verify::{verify_receipt, verify_receipt_json};

use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{Address, B256};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::encoding::{serde_hex, EncodingError};
use crate::ids::IdError;
use crate::registry::OnchainCommitment;
use crate::ves::{VesError, VesEvent};

/// The `format` value of every bundle this module reads and writes.
pub const FORMAT: &str = "set-receipt-v1";

/// A bundle or trust document that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    /// A missing field, a field of the wrong JSON type, or text that is not JSON.
    #[error("{field}: {reason}")]
    InvalidJson {
        /// Dotted path of the field (`receipt.sequence_number`), `$` for the document.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// `format` is not `set-receipt-v1`.
    #[error("format: expected \"{FORMAT}\", got {found:?}")]
    UnsupportedFormat {
        /// The format given.
        found: String,
    },
    /// Bad hex or wrong length.
    #[error(transparent)]
    Encoding(#[from] EncodingError),
    /// A malformed UUID.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A malformed event or public key.
    #[error(transparent)]
    Ves(#[from] VesError),
    /// On-chain return data that does not decode.
    #[error("trust.onchain: {reason}")]
    OnchainData {
        /// What the ABI decoder said.
        reason: String,
    },
}

impl ReceiptError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            ReceiptError::InvalidJson { .. } => "INVALID_JSON",
            ReceiptError::UnsupportedFormat { .. } => "UNSUPPORTED_FORMAT",
            ReceiptError::Encoding(inner) => inner.code(),
            ReceiptError::Id(inner) => inner.code(),
            ReceiptError::Ves(inner) => inner.code(),
            ReceiptError::OnchainData { .. } => "INVALID_ABI",
        }
    }
}

/// The sequencer's receipt for the event, as returned at ingest (`POST /api/v1/ves/events/ingest`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SequencerReceipt {
    /// The sequencer instance (not covered by the signature).
    pub sequencer_id: Uuid,
    /// The position the sequencer gave the event in its stream (from 1).
    pub sequence_number: u64,
    /// The hash the sequencer signed.
    #[serde(with = "serde_hex::b256")]
    pub receipt_hash: B256,
    /// `ed25519`, `Ed25519MlDsa65`, `MlDsa65`, `ed25519-fallback` or `none` (any case).
    pub signature_alg: String,
    /// The Ed25519 signature over `receipt_hash`; `None` when the sequencer sent `""`.
    #[serde(serialize_with = "serialize_optional_signature")]
    pub sequencer_signature: Option<[u8; 64]>,
}

fn serialize_optional_signature<S: serde::Serializer>(
    value: &Option<[u8; 64]>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(signature) => serializer.serialize_str(&crate::encoding::encode_hex(signature)),
        None => serializer.serialize_str(""),
    }
}

fn serialize_address<S: serde::Serializer>(value: &Address, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::encoding::encode_hex(value.as_slice()))
}

/// The commitment containing the event (`GET /api/v1/ves/commitments/{batch_id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleCommitment {
    /// The commitment's id (on-chain: the UUID right-padded to bytes32).
    pub batch_id: Uuid,
    /// First sequence number (inclusive).
    pub sequence_start: u64,
    /// Last sequence number (inclusive).
    pub sequence_end: u64,
    /// Number of events (unpadded).
    pub leaf_count: u32,
    /// Root of the `ves-sha256-v1` tree.
    #[serde(with = "serde_hex::b256")]
    pub merkle_root: B256,
    /// The stream's state root before this commitment.
    #[serde(with = "serde_hex::b256")]
    pub prev_state_root: B256,
    /// The stream's state root after it.
    #[serde(with = "serde_hex::b256")]
    pub new_state_root: B256,
}

/// The event's inclusion proof (`GET /api/v1/ves/proofs/{sequence_number}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleProof {
    /// `sequence_number − sequence_start`.
    pub leaf_index: u64,
    /// Siblings bottom-up.
    #[serde(with = "serde_hex::b256_list")]
    pub proof_path: Vec<B256>,
}

/// Where the commitment was anchored (informational; checked on-chain by the caller).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleAnchor {
    /// Chain id (Set Chain: 84532001).
    pub chain_id: u64,
    /// SetRegistry proxy address (written as lowercase `0x` hex).
    #[serde(serialize_with = "serialize_address")]
    pub registry: Address,
    /// The anchoring transaction.
    #[serde(with = "serde_hex::b256")]
    pub tx_hash: B256,
    /// Its block.
    pub block_number: u64,
}

/// A `set-receipt-v1` bundle.
///
/// `Deserialize` goes through [`ReceiptBundle::from_value`], so serde users get the same
/// checks; prefer [`ReceiptBundle::from_json`] to keep the error's type and field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "serde_json::Value")]
pub struct ReceiptBundle {
    /// Always [`FORMAT`].
    pub format: String,
    /// The signed event.
    pub event: VesEvent,
    /// The sequencer's receipt.
    pub receipt: SequencerReceipt,
    /// The commitment containing the event.
    pub commitment: BundleCommitment,
    /// The inclusion proof.
    pub proof: BundleProof,
    /// Where the commitment was anchored, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<BundleAnchor>,
}

/// What the verifier trusts: pinned sequencer keys, optionally the agent key and the on-chain record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trust {
    /// Ed25519 public keys of the sequencer; a receipt signed by any of them passes.
    pub sequencer_public_keys: Vec<[u8; 32]>,
    /// The agent's Ed25519 key; without it `agent_signature` is skipped.
    pub agent_public_key: Option<[u8; 32]>,
    /// The commitment read from SetRegistry; without it `onchain` is skipped.
    pub onchain: Option<OnchainCommitment>,
}

/// The checks, in the order they run. Their names are the same strings in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// The kept payload hashes to `payload_plain_hash`.
    PayloadHash,
    /// The agent's signature over the event signing hash.
    AgentSignature,
    /// The receipt hash recomputes from the event and sequence number.
    ReceiptHash,
    /// A pinned sequencer key signed the receipt hash.
    SequencerSignature,
    /// The event's leaf is in the commitment's tree at the right index.
    Inclusion,
    /// The commitment's new state root recomputes.
    StateRoot,
    /// The commitment matches the on-chain record.
    Onchain,
}

impl Check {
    /// Every check, in order.
    pub const ALL: [Check; 7] = [
        Check::PayloadHash,
        Check::AgentSignature,
        Check::ReceiptHash,
        Check::SequencerSignature,
        Check::Inclusion,
        Check::StateRoot,
        Check::Onchain,
    ];

    /// The check's name: `payload_hash`, `agent_signature`, …
    pub const fn name(self) -> &'static str {
        match self {
            Check::PayloadHash => "payload_hash",
            Check::AgentSignature => "agent_signature",
            Check::ReceiptHash => "receipt_hash",
            Check::SequencerSignature => "sequencer_signature",
            Check::Inclusion => "inclusion",
            Check::StateRoot => "state_root",
            Check::Onchain => "onchain",
        }
    }
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The check ran and passed.
    Pass,
    /// The check ran and failed; the reason says why.
    Fail(String),
    /// The check did not run (no agent key, no on-chain record).
    Skipped,
}

impl CheckStatus {
    /// `pass`, `fail` or `skipped`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail(_) => "fail",
            CheckStatus::Skipped => "skipped",
        }
    }
}

/// The verdict on a bundle: `valid` iff no check failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// All non-skipped checks passed.
    pub valid: bool,
    /// Every check with its outcome, in [`Check::ALL`] order.
    pub checks: Vec<(Check, CheckStatus)>,
}

impl Verdict {
    /// The outcome of one check.
    pub fn status(&self, check: Check) -> Option<&CheckStatus> {
        self.checks.iter().find(|(c, _)| *c == check).map(|(_, status)| status)
    }

    /// The language-neutral form every binding returns:
    /// `{"valid": bool, "checks": {name: "pass"|"fail"|"skipped"}, "reasons": {name: text}}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut checks = serde_json::Map::new();
        let mut reasons = serde_json::Map::new();
        for (check, status) in &self.checks {
            checks.insert(check.name().into(), status.as_str().into());
            if let CheckStatus::Fail(reason) = status {
                reasons.insert(check.name().into(), reason.clone().into());
            }
        }
        // Built directly: `json!` goes through `Serialize`, whose machinery the wasm would keep.
        let mut verdict = serde_json::Map::new();
        verdict.insert("valid".into(), self.valid.into());
        verdict.insert("checks".into(), checks.into());
        verdict.insert("reasons".into(), reasons.into());
        serde_json::Value::Object(verdict)
    }
}
