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
//! - `verify`: the checks, to be read on their own; `signatures`: the two signature checks for
//!   every profile of the sequencer (Ed25519, hybrid, ML-DSA-65);
//! - `bulk`: many bundles at once, signatures verified in batches;
//! - `read`: bundles and trust documents from JSON;
//! - `assemble`: a bundle from the sequencer's answers.

mod assemble;
mod bulk;
mod read;
mod signatures;
mod trust_root;
mod verify;

pub use assemble::verify_ingest_receipt;
pub use bulk::{verify_receipts, verify_receipts_json};
#[cfg(feature = "anchor-proof")]
pub(crate) use read::RawU64;
pub(crate) use signatures::agent_signature_status;
pub use verify::{verify_receipt, verify_receipt_json};

use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{Address, B256};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::encoding::{serde_hex, EncodingError};
use crate::ids::IdError;
use crate::registry::OnchainCommitment;
use crate::ves::{SignatureBundle, VesError, VesEvent};

/// The first bundle format, still read and written (what `set-receipt-v1` bundles hold).
pub const FORMAT_V1: &str = "set-receipt-v1";
/// The current bundle format: v1 plus the post-quantum signature fields, `anchor.block_hash`
/// and `anchor.proof` (docs/bundle-format.md).
pub const FORMAT_V2: &str = "set-receipt-v2";
/// The format new bundles are written in.
pub const FORMAT: &str = FORMAT_V2;
/// The media type of a `set-receipt-v2` bundle.
pub const MEDIA_TYPE_V2: &str = "application/vnd.setchain.receipt.v2+json";
/// The `format` of a trust-root document (docs/bundle-format.md, "Trust root").
pub const TRUST_ROOT_FORMAT: &str = "set-trust-root-v1";

/// A bundle or trust document that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiptError {
    /// A missing field, a field of the wrong JSON type, or text that is not JSON.
    #[error("{field}: {reason}")]
    InvalidJson {
        /// Dotted path of the field (`receipt.sequence_number`), `$` for the document.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// `format` is not one this version reads (`set-receipt-v1`, `set-receipt-v2`; for a trust
    /// root `set-trust-root-v1`).
    #[error("{field}: unsupported format \"{found}\"")]
    UnsupportedFormat {
        /// `format` or `trust.format`.
        field: String,
        /// The format given.
        found: String,
    },
    /// The trust asks for a check against the chain (`onchain`, or anchor proofs through pinned
    /// L2 block hashes or L1 output roots) without pinning which chain and registry: the evidence
    /// could come from any contract.
    #[error("{field}: must be pinned to check on-chain evidence")]
    NetworkNotPinned {
        /// `trust.chain_id` or `trust.registry`.
        field: String,
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
    /// The sequencer's answers handed to [`ReceiptBundle::from_sequencer`] do not belong
    /// together: another event's receipt, a commitment of another stream or range, a proof of
    /// another leaf or commitment.
    #[error("{field}: {reason}")]
    PartsMismatch {
        /// The part at fault (`receipt.event_id`, `commitment.tenant_id`, `proof.leaf_hash`).
        field: String,
        /// What it disagrees with.
        reason: String,
    },
}

impl ReceiptError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            ReceiptError::InvalidJson { .. } => "INVALID_JSON",
            ReceiptError::UnsupportedFormat { .. } => "UNSUPPORTED_FORMAT",
            ReceiptError::NetworkNotPinned { .. } => "NETWORK_NOT_PINNED",
            ReceiptError::Encoding(inner) => inner.code(),
            ReceiptError::Id(inner) => inner.code(),
            ReceiptError::Ves(inner) => inner.code(),
            ReceiptError::OnchainData { .. } => "INVALID_ABI",
            ReceiptError::PartsMismatch { .. } => "PARTS_MISMATCH",
        }
    }

    /// The dotted path of the input at fault (`receipt.receipt_hash`, `trust.registry`), `$`
    /// for the document itself. Part of the contract with [`ReceiptError::code`] (ADR 09).
    pub fn field(&self) -> &str {
        match self {
            ReceiptError::InvalidJson { field, .. }
            | ReceiptError::UnsupportedFormat { field, .. }
            | ReceiptError::NetworkNotPinned { field }
            | ReceiptError::PartsMismatch { field, .. } => field,
            ReceiptError::Encoding(inner) => inner.field(),
            ReceiptError::Id(inner) => inner.field(),
            ReceiptError::Ves(inner) => inner.field(),
            ReceiptError::OnchainData { .. } => "trust.onchain",
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
    /// Which signatures the sequencer made (its `receiptSignatureScheme`: 1 Ed25519, 2 ML-DSA-65,
    /// 3 both); v2 only, absent from legacy receipts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt_signature_scheme: Option<u32>,
    /// The signatures of the hybrid and `pqc-strict` profiles, over `receipt_hash` (its
    /// `receiptSignatureBundle`); v2 only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt_signature_bundle: Option<SignatureBundle>,
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

impl BundleCommitment {
    /// The commitment `batch_id` of a batch committed here ([`crate::ves::commit_batch`]): its
    /// range, leaf count and roots, as the sequencer would answer them for that batch.
    pub fn from_batch(batch_id: Uuid, batch: &crate::ves::VesBatch) -> Self {
        BundleCommitment {
            batch_id,
            sequence_start: batch.sequence_start,
            sequence_end: batch.sequence_end,
            leaf_count: batch.leaf_count,
            merkle_root: batch.merkle_root,
            prev_state_root: batch.prev_state_root,
            new_state_root: batch.new_state_root,
        }
    }
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
    /// The hash of that block (required in `set-receipt-v2`): which fork the anchor saw.
    #[serde(skip_serializing_if = "Option::is_none", with = "optional_b256")]
    pub block_hash: Option<B256>,
    /// Evidence that the commitment is in Set Chain's state (and committed to L1): the
    /// `anchor.proof` object (docs/bundle-format.md, "Anchor proof"), kept as given. With the
    /// feature `anchor-proof` it is read (`anchor_proof::AnchorProof::from_value`) when the bundle
    /// is, and checked by `anchor_proof` and `output_root`; without it, kept and not checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof: Option<serde_json::Value>,
}

/// `Option<B256>` as `0x` hex.
mod optional_b256 {
    use alloy_primitives::B256;

    pub(super) fn serialize<S: serde::Serializer>(value: &Option<B256>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(hash) => serializer.serialize_str(&crate::encoding::encode_hex(hash.as_slice())),
            None => serializer.serialize_none(),
        }
    }
}

/// A receipt bundle, `set-receipt-v1` or `set-receipt-v2` (docs/bundle-format.md).
///
/// `Deserialize` goes through [`ReceiptBundle::from_value`], so serde users get the same
/// checks; prefer [`ReceiptBundle::from_json`] to keep the error's type and field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "serde_json::Value")]
pub struct ReceiptBundle {
    /// [`FORMAT_V1`] or [`FORMAT_V2`].
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

/// What the verifier trusts: the app's pinned network and sequencer keys (from its
/// `set-trust-root-v1` document), optionally the agent key, and optionally the commitment the
/// app read from the pinned registry. Nothing here ever comes from the bundle being verified.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trust {
    /// The network's name, from the trust root (informational).
    pub network: Option<String>,
    /// The pinned chain id (Set Chain: 84532001); a bundle anchored elsewhere fails `anchor`.
    pub chain_id: Option<u64>,
    /// The pinned SetRegistry proxy; a bundle anchored at another address fails `anchor`.
    pub registry: Option<Address>,
    /// Ed25519 public keys of the sequencer; a receipt signed by any of them passes.
    pub sequencer_public_keys: Vec<[u8; 32]>,
    /// The agent's Ed25519 key; without it `agent_signature` is skipped.
    pub agent_public_key: Option<[u8; 32]>,
    /// The commitment read from the pinned registry on the pinned chain; without it `onchain`
    /// is skipped. Only accepted together with `chain_id` and `registry`.
    pub onchain: Option<OnchainCommitment>,
    /// ML-DSA-65 public keys of the sequencer (1952 bytes each), for the hybrid and `pqc-strict`
    /// profiles' receipt signatures.
    pub sequencer_ml_dsa_65_public_keys: Vec<Vec<u8>>,
    /// The agent's ML-DSA-65 key, for events signed under the hybrid or `pqc-strict` profile.
    pub agent_ml_dsa_65_public_key: Option<Vec<u8>>,
    /// Which signatures a receipt must carry (beyond "every signature present verifies").
    pub signature_policy: SignaturePolicy,
    /// L2 block hashes and L1 output roots an `anchor.proof` is checked against (feature
    /// `anchor-proof`); pinning any requires `chain_id` and `registry`.
    #[cfg(feature = "anchor-proof")]
    pub anchor_proof: crate::anchor_proof::ProofTrust,
}

/// What a receipt's signatures must be, on top of the rule that holds under every policy: every
/// signature the receipt carries must verify with a pinned key of its algorithm, and at least one
/// must be present. (An unsigned field such as `signature_alg` cannot stop a bundle's holder from
/// dropping one half of a hybrid signature: only a policy that requires it can.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[non_exhaustive]
pub enum SignaturePolicy {
    /// Every signature present verifies, at least one is present (`default`).
    #[default]
    EveryPresent,
    /// … and one of them is ML-DSA-65 (`require-ml-dsa`).
    RequireMlDsa,
    /// … and both Ed25519 and ML-DSA-65 are present (`require-hybrid`).
    RequireHybrid,
}

impl SignaturePolicy {
    /// Every policy.
    pub const ALL: [SignaturePolicy; 3] =
        [SignaturePolicy::EveryPresent, SignaturePolicy::RequireMlDsa, SignaturePolicy::RequireHybrid];

    /// The policy's name in trust documents: `default`, `require-ml-dsa`, `require-hybrid`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignaturePolicy::EveryPresent => "default",
            SignaturePolicy::RequireMlDsa => "require-ml-dsa",
            SignaturePolicy::RequireHybrid => "require-hybrid",
        }
    }
}

/// A signature algorithm a verdict names as verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// Ed25519 (RFC 8032).
    Ed25519,
    /// ML-DSA-65 (FIPS 204), pure, empty context.
    MlDsa65,
}

impl SignatureAlgorithm {
    /// `ed25519` or `ml-dsa-65`, the same in every language.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureAlgorithm::Ed25519 => "ed25519",
            SignatureAlgorithm::MlDsa65 => "ml-dsa-65",
        }
    }
}

/// The checks, in the order they run. Their names are the same strings in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Check {
    /// The kept payload hashes to `payload_plain_hash` (skipped when no payload is kept).
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
    /// The bundle's `anchor` names the pinned chain and registry.
    Anchor,
    /// The commitment matches the record read from the pinned registry.
    Onchain,
    /// `anchor.proof` shows the commitment in the pinned registry's storage at an L2 block the
    /// verifier trusts (its hash pinned, or committed by a pinned L1 output root).
    AnchorProof,
    /// `anchor.proof`'s L2 block is committed by a pinned L1 output root.
    OutputRoot,
}

impl Check {
    /// Every check, in order.
    pub const ALL: [Check; 10] = [
        Check::PayloadHash,
        Check::AgentSignature,
        Check::ReceiptHash,
        Check::SequencerSignature,
        Check::Inclusion,
        Check::StateRoot,
        Check::Anchor,
        Check::Onchain,
        Check::AnchorProof,
        Check::OutputRoot,
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
            Check::Anchor => "anchor",
            Check::Onchain => "onchain",
            Check::AnchorProof => "anchor_proof",
            Check::OutputRoot => "output_root",
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
    /// The check did not run; the reason says what was missing (no agent key, no payload kept,
    /// no on-chain record, nothing pinned).
    Skipped(String),
}

impl CheckStatus {
    /// `pass`, `fail` or `skipped`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail(_) => "fail",
            CheckStatus::Skipped(_) => "skipped",
        }
    }

    /// Why the check failed or was skipped; `None` for a pass.
    pub fn reason(&self) -> Option<&str> {
        match self {
            CheckStatus::Pass => None,
            CheckStatus::Fail(reason) | CheckStatus::Skipped(reason) => Some(reason),
        }
    }

    /// Whether the check ran and passed.
    pub const fn passed(&self) -> bool {
        matches!(self, CheckStatus::Pass)
    }
}

/// How far the evidence of a valid bundle goes, from nothing to committed to L1. Ordered: a
/// level implies every level below it (a storage proof shows what an `onchain` record shows,
/// without trusting the RPC it came from). Later versions may add levels; callers should compare
/// with `>=` rather than match exhaustively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Level {
    /// The bundle is invalid or proves nothing.
    None,
    /// A pinned sequencer key signed the recomputed receipt hash (`receipt_hash`,
    /// `sequencer_signature`).
    Sequenced,
    /// … and the event is in a commitment whose state root chains correctly (`inclusion`,
    /// `state_root`).
    Committed,
    /// … and that commitment is the one read from the pinned registry on the pinned chain
    /// (`onchain`), which the caller obtained through an RPC it chose to believe.
    Anchored,
    /// … and `anchor.proof` shows that commitment in the pinned registry's storage at an L2 block
    /// whose hash the verifier pinned (`anchor_proof`): no RPC answer is believed.
    AnchoredL2Proof,
    /// … and that L2 block is committed by an output root the verifier read from L1
    /// (`output_root`): the commitment is in Set Chain's state, and that state is on Ethereum.
    AnchoredL1,
}

impl Level {
    /// Every level, weakest first.
    pub const ALL: [Level; 6] =
        [Level::None, Level::Sequenced, Level::Committed, Level::Anchored, Level::AnchoredL2Proof, Level::AnchoredL1];

    /// The level's name, the same string in every language: `none`, `sequenced`, `committed`,
    /// `anchored`, `anchored-l2-proof`, `anchored-l1`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Sequenced => "sequenced",
            Level::Committed => "committed",
            Level::Anchored => "anchored",
            Level::AnchoredL2Proof => "anchored-l2-proof",
            Level::AnchoredL1 => "anchored-l1",
        }
    }

    /// The checks that must pass for this level (on top of every check passing or being skipped).
    pub const fn required_checks(self) -> &'static [Check] {
        match self {
            Level::None => &[],
            Level::Sequenced => &[Check::ReceiptHash, Check::SequencerSignature],
            Level::Committed => &[Check::ReceiptHash, Check::SequencerSignature, Check::Inclusion, Check::StateRoot],
            Level::Anchored => {
                &[Check::ReceiptHash, Check::SequencerSignature, Check::Inclusion, Check::StateRoot, Check::Onchain]
            }
            Level::AnchoredL2Proof => {
                &[Check::ReceiptHash, Check::SequencerSignature, Check::Inclusion, Check::StateRoot, Check::AnchorProof]
            }
            Level::AnchoredL1 => &[
                Check::ReceiptHash,
                Check::SequencerSignature,
                Check::Inclusion,
                Check::StateRoot,
                Check::AnchorProof,
                Check::OutputRoot,
            ],
        }
    }
}

/// The verdict on a bundle: `valid` iff no check failed, and the [`Level`] its passing checks
/// establish (`none` when any check failed: an invalid bundle claims nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// All non-skipped checks passed.
    pub valid: bool,
    /// The strongest claim the passing checks establish.
    pub level: Level,
    /// Every check with its outcome, in [`Check::ALL`] order.
    pub checks: Vec<(Check, CheckStatus)>,
    /// The algorithms whose sequencer signatures verified (empty unless `sequencer_signature` passed).
    pub sequencer_signatures: Vec<SignatureAlgorithm>,
    /// The algorithms whose agent signatures verified (empty unless `agent_signature` passed).
    pub agent_signatures: Vec<SignatureAlgorithm>,
}

/// One check of a verdict in the language-neutral form every binding returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome<'a> {
    /// The check's name (`payload_hash`, …).
    pub name: &'static str,
    /// `pass`, `fail` or `skipped`.
    pub status: &'static str,
    /// Why it failed or was skipped.
    pub reason: Option<&'a str>,
}

impl Verdict {
    /// The verdict on `checks` (in [`Check::ALL`] order): valid iff none failed, and the
    /// strongest level whose required checks all passed.
    pub fn from_checks(checks: Vec<(Check, CheckStatus)>) -> Self {
        Self::with_signatures(checks, Vec::new(), Vec::new())
    }

    /// As [`Verdict::from_checks`], naming the algorithms whose signatures verified.
    pub fn with_signatures(
        checks: Vec<(Check, CheckStatus)>,
        sequencer_signatures: Vec<SignatureAlgorithm>,
        agent_signatures: Vec<SignatureAlgorithm>,
    ) -> Self {
        let valid = checks.iter().all(|(_, status)| !matches!(status, CheckStatus::Fail(_)));
        let passed = |check: &Check| checks.iter().any(|(c, status)| c == check && status.passed());
        let level = if valid {
            Level::ALL.into_iter().rev().find(|level| level.required_checks().iter().all(passed)).unwrap_or(Level::None)
        } else {
            Level::None
        };
        Verdict { valid, level, checks, sequencer_signatures, agent_signatures }
    }

    /// The outcome of one check.
    pub fn status(&self, check: Check) -> Option<&CheckStatus> {
        self.checks.iter().find(|(c, _)| *c == check).map(|(_, status)| status)
    }

    /// Every check as name, status and reason strings, in order: what the bindings return.
    pub fn outcomes(&self) -> impl Iterator<Item = Outcome<'_>> + '_ {
        self.checks.iter().map(|(check, status)| Outcome {
            name: check.name(),
            status: status.as_str(),
            reason: status.reason(),
        })
    }

    /// The language-neutral form every binding returns: `{"valid": bool, "level": "…",
    /// "checks": {name: "pass"|"fail"|"skipped"}, "reasons": {name: text}, "signatures":
    /// {"sequencer": [alg…], "agent": [alg…]}}` (a reason for every failed or skipped check; the
    /// algorithms whose signatures verified, `ed25519` and/or `ml-dsa-65`).
    pub fn to_json(&self) -> serde_json::Value {
        let mut checks = serde_json::Map::new();
        let mut reasons = serde_json::Map::new();
        for outcome in self.outcomes() {
            checks.insert(outcome.name.into(), outcome.status.into());
            if let Some(reason) = outcome.reason {
                reasons.insert(outcome.name.into(), reason.into());
            }
        }
        // Built directly: `json!` goes through `Serialize`, whose machinery the wasm would keep.
        let mut verdict = serde_json::Map::new();
        verdict.insert("valid".into(), self.valid.into());
        verdict.insert("level".into(), self.level.as_str().into());
        verdict.insert("checks".into(), checks.into());
        verdict.insert("reasons".into(), reasons.into());
        let names = |algorithms: &[SignatureAlgorithm]| -> serde_json::Value {
            algorithms.iter().map(|algorithm| serde_json::Value::from(algorithm.as_str())).collect()
        };
        let mut signatures = serde_json::Map::new();
        signatures.insert("sequencer".into(), names(&self.sequencer_signatures));
        signatures.insert("agent".into(), names(&self.agent_signatures));
        verdict.insert("signatures".into(), signatures.into());
        serde_json::Value::Object(verdict)
    }
}
