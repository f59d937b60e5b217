//! The `set-receipt-v1` bundle and its offline verifier (SPEC §2.4).
//!
//! A bundle is what a checkout page or phone keeps per order event: the signed
//! event, the sequencer's receipt, the commitment that contains it, the
//! inclusion proof and, optionally, where it was anchored. [`verify_receipt`]
//! checks it against pinned keys (and optionally the on-chain commitment) and
//! returns a [`Verdict`] with every check — it never fails on a well-formed
//! bundle whose checks fail; only malformed input is an error.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use alloy_primitives::{Address, B256};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::encoding::{decode_b256, decode_fixed, decode_hex, serde_hex, EncodingError};
use crate::ids::{parse_uuid, IdError};
use crate::json::{self, JsonError, Struct};
use crate::merkle::{self, Scheme};
use crate::registry::OnchainCommitment;
use crate::ves::{self, VesError, VesEvent};

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

/// The sequencer's receipt for the event, as returned at ingest (reference §3.7).
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

/// The commitment containing the event (reference §3.5).
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

/// The event's inclusion proof (reference §3.6.1).
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

/// Verifies a bundle against `trust` (SPEC §2.4).
///
/// # Errors
/// Only [`ReceiptError::Ves`] for an event string too long to hash; every
/// failing check is reported in the [`Verdict`] instead.
pub fn verify_receipt(bundle: &ReceiptBundle, trust: &Trust) -> Result<Verdict, ReceiptError> {
    let event = &bundle.event;
    let receipt = &bundle.receipt;
    let commitment = &bundle.commitment;
    let signing_hash = event.signing_hash()?;
    let recomputed_receipt_hash =
        ves::receipt_hash(&event.tenant_id, &event.store_id, &event.event_id, receipt.sequence_number, &signing_hash);

    let payload_hash = match event.payload_matches()? {
        None | Some(true) => CheckStatus::Pass,
        Some(false) => CheckStatus::Fail("payload does not hash to payload_plain_hash".into()),
    };

    let agent_signature = match &trust.agent_public_key {
        None => CheckStatus::Skipped,
        Some(key) => match ves::verify_ed25519("trust.agent_public_key", key, &signing_hash, &event.agent_signature)? {
            true => CheckStatus::Pass,
            false => CheckStatus::Fail("agent_signature does not verify with the agent key".into()),
        },
    };

    let receipt_hash = if recomputed_receipt_hash == receipt.receipt_hash {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail(alloc::format!(
            "receipt_hash {} does not match the recomputed {}",
            receipt.receipt_hash,
            recomputed_receipt_hash
        ))
    };

    let sequencer_signature = check_sequencer_signature(receipt, &recomputed_receipt_hash, trust)?;
    let inclusion = check_inclusion(bundle, &signing_hash);
    let state_root = check_state_root(event, commitment);
    let onchain = match &trust.onchain {
        None => CheckStatus::Skipped,
        Some(record) => check_onchain(commitment, record),
    };

    let checks = alloc::vec![
        (Check::PayloadHash, payload_hash),
        (Check::AgentSignature, agent_signature),
        (Check::ReceiptHash, receipt_hash),
        (Check::SequencerSignature, sequencer_signature),
        (Check::Inclusion, inclusion),
        (Check::StateRoot, state_root),
        (Check::Onchain, onchain),
    ];
    let valid = checks.iter().all(|(_, status)| !matches!(status, CheckStatus::Fail(_)));
    Ok(Verdict { valid, checks })
}

fn check_sequencer_signature(
    receipt: &SequencerReceipt,
    receipt_hash: &B256,
    trust: &Trust,
) -> Result<CheckStatus, ReceiptError> {
    let Some(signature) = &receipt.sequencer_signature else {
        return Ok(CheckStatus::Fail(alloc::format!(
            "receipt has no Ed25519 signature (signature_alg {:?})",
            receipt.signature_alg
        )));
    };
    if trust.sequencer_public_keys.is_empty() {
        return Ok(CheckStatus::Fail("no sequencer public key is pinned".into()));
    }
    for (i, key) in trust.sequencer_public_keys.iter().enumerate() {
        let field = alloc::format!("trust.sequencer_public_keys[{i}]");
        if ves::verify_ed25519(&field, key, receipt_hash, signature)? {
            return Ok(CheckStatus::Pass);
        }
    }
    Ok(CheckStatus::Fail("sequencer_signature does not verify with any pinned sequencer key".into()))
}

fn check_inclusion(bundle: &ReceiptBundle, signing_hash: &B256) -> CheckStatus {
    let (event, commitment, proof) = (&bundle.event, &bundle.commitment, &bundle.proof);
    let sequence_number = bundle.receipt.sequence_number;
    if sequence_number < commitment.sequence_start || sequence_number > commitment.sequence_end {
        return CheckStatus::Fail(alloc::format!(
            "sequence_number {sequence_number} is outside the commitment range {}..={}",
            commitment.sequence_start,
            commitment.sequence_end
        ));
    }
    let expected_index = sequence_number - commitment.sequence_start;
    if proof.leaf_index != expected_index {
        return CheckStatus::Fail(alloc::format!(
            "leaf_index {} is not sequence_number − sequence_start = {expected_index}",
            proof.leaf_index
        ));
    }
    let leaf = ves::leaf_hash(&event.tenant_id, &event.store_id, sequence_number, signing_hash, &event.agent_signature);
    match merkle::verify(
        Scheme::VesSha256V1,
        &commitment.merkle_root,
        &leaf,
        proof.leaf_index,
        u64::from(commitment.leaf_count),
        &proof.proof_path,
    ) {
        Ok(true) => CheckStatus::Pass,
        Ok(false) => CheckStatus::Fail("proof_path does not lead from the event's leaf to merkle_root".into()),
        Err(err) => CheckStatus::Fail(err.to_string()),
    }
}

fn check_state_root(event: &VesEvent, commitment: &BundleCommitment) -> CheckStatus {
    let span = commitment.sequence_end.checked_sub(commitment.sequence_start).and_then(|d| d.checked_add(1));
    if span != Some(u64::from(commitment.leaf_count)) {
        return CheckStatus::Fail(alloc::format!(
            "leaf_count {} does not match the range {}..={}",
            commitment.leaf_count,
            commitment.sequence_start,
            commitment.sequence_end
        ));
    }
    let stream = crate::ids::stream_id(&event.tenant_id, &event.store_id);
    let recomputed = ves::state_root(
        &stream,
        &commitment.prev_state_root,
        &commitment.merkle_root,
        commitment.sequence_start,
        commitment.sequence_end,
        commitment.leaf_count,
    );
    if recomputed == commitment.new_state_root {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail(alloc::format!("new_state_root does not match the recomputed {recomputed}"))
    }
}

fn check_onchain(commitment: &BundleCommitment, record: &OnchainCommitment) -> CheckStatus {
    // An unknown batch reads back as all zeros; the timestamp is left out because a trust
    // document does not carry one.
    if *record == (OnchainCommitment { timestamp: record.timestamp, ..OnchainCommitment::default() }) {
        return CheckStatus::Fail("the batch is not committed on-chain".into());
    }
    let mut mismatches = Vec::new();
    if record.events_root != commitment.merkle_root {
        mismatches.push("eventsRoot ≠ merkle_root");
    }
    if record.new_state_root != commitment.new_state_root {
        mismatches.push("newStateRoot ≠ new_state_root");
    }
    if record.sequence_start != commitment.sequence_start || record.sequence_end != commitment.sequence_end {
        mismatches.push("sequence range differs");
    }
    if record.event_count != commitment.leaf_count {
        mismatches.push("eventCount ≠ leaf_count");
    }
    if mismatches.is_empty() {
        CheckStatus::Pass
    } else {
        CheckStatus::Fail(mismatches.join("; "))
    }
}

/// Decodes the raw return data of `getBatchCommitment(bytes32)` given in a trust document.
fn onchain_from_return_data(data: &[u8]) -> Result<OnchainCommitment, ReceiptError> {
    crate::registry::decode_get_batch_commitment(data)
        .map_err(|err| ReceiptError::OnchainData { reason: err.to_string() })
}

// ---------------------------------------------------------------------------
// Parsing: the document is parsed into a `serde_json::Value`, read into string-typed raw
// structs by `crate::json` (the paths and messages of a derived deserializer, without its
// code size), then converted explicitly so every error names its dotted field and keeps its
// type. Under `cfg(test)` the raw structs also derive `Deserialize`: the oracle `json` is
// checked against.
//
// Written for code size (the npm package's wasm, issue #4): each raw struct starts from its
// `Default` and its fields are assigned as they are read (`json::Struct::read` has already
// reported absent required fields) — one read per kind of field, its destination picked by
// index —, and each conversion goes through one non-inlined helper per kind of field (`uuid`,
// `b256`, `RawU64::value`) and borrows the raw struct, so that an error drops it once: no
// per-field copies of the reading, of the error construction and of the drop code of
// half-built structs (drop code is inlined at every early return).

/// A `u64` given as a JSON number or a decimal string (JS `bigint` arrives as a string).
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
#[cfg_attr(test, serde(untagged))]
enum RawU64 {
    Number(u64),
    Text(String),
}

impl Default for RawU64 {
    fn default() -> Self {
        RawU64::Number(0)
    }
}

impl RawU64 {
    fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        Ok(match json::u64_or_text(path, value)? {
            Ok(number) => RawU64::Number(number),
            Err(text) => RawU64::Text(text),
        })
    }

    #[inline(never)]
    fn value(&self, field: &str) -> Result<u64, ReceiptError> {
        match self {
            RawU64::Number(n) => Ok(*n),
            RawU64::Text(text) => text.parse().map_err(|_| ReceiptError::InvalidJson {
                field: field.into(),
                reason: alloc::format!("{text:?} is not an unsigned 64-bit integer"),
            }),
        }
    }
}

/// A UUID field (`parse_uuid` with its error as a [`ReceiptError`]).
#[inline(never)]
fn uuid(field: &str, text: &str) -> Result<Uuid, ReceiptError> {
    Ok(parse_uuid(field, text)?)
}

/// A 32-byte hex field (`decode_b256` with its error as a [`ReceiptError`]).
#[inline(never)]
fn b256(field: &str, text: &str) -> Result<B256, ReceiptError> {
    Ok(decode_b256(field, text)?)
}

/// The `JsonError` of a `Raw*::read` as a [`ReceiptError`], its path under `prefix` as
/// `serde_path_to_error` paths were named (`""`: the document itself is `$`).
#[cold]
#[inline(never)]
fn json_error(prefix: &str, err: JsonError) -> ReceiptError {
    ReceiptError::InvalidJson { field: json::field_name(prefix, err.path()), reason: err.reason }
}

#[derive(Default)]
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
struct RawBundle {
    format: String,
    event: serde_json::Value,
    receipt: RawReceipt,
    commitment: RawCommitment,
    proof: RawProof,
    #[cfg_attr(test, serde(default))]
    anchor: Option<RawAnchor>,
}

impl RawBundle {
    const SHAPE: Struct = Struct {
        name: "RawBundle",
        fields: &[
            ("format", &[], false),
            ("event", &[], false),
            ("receipt", &[], false),
            ("commitment", &[], false),
            ("proof", &[], false),
            ("anchor", &[], true),
        ],
    };

    #[inline(never)]
    fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        let mut raw = RawBundle::default();
        Self::SHAPE.read(path, value, &mut |index, path, value| {
            match index {
                0 => raw.format = json::string(path, value)?,
                1 => raw.event = value.clone(),
                2 => raw.receipt = RawReceipt::read(path, value)?,
                3 => raw.commitment = RawCommitment::read(path, value)?,
                4 => raw.proof = RawProof::read(path, value)?,
                _ => raw.anchor = if value.is_null() { None } else { Some(RawAnchor::read(path, value)?) },
            }
            Ok(())
        })?;
        Ok(raw)
    }

    /// The bundle, every field checked in the order errors are reported in.
    #[inline(never)]
    fn convert(&self) -> Result<ReceiptBundle, ReceiptError> {
        if self.format != FORMAT {
            return Err(ReceiptError::UnsupportedFormat { found: self.format.clone() });
        }
        let event = ves::event_from_value("event", &self.event)?;
        // The other parts in one call: an error drops `event` in one place only.
        let (receipt, commitment, proof, anchor) = self.parts()?;
        Ok(ReceiptBundle { format: self.format.clone(), event, receipt, commitment, proof, anchor })
    }

    #[inline(never)]
    fn parts(&self) -> Result<(SequencerReceipt, BundleCommitment, BundleProof, Option<BundleAnchor>), ReceiptError> {
        let receipt = self.receipt.convert()?;
        let commitment = self.commitment.convert()?;
        let proof = self.proof.convert()?;
        let anchor = match &self.anchor {
            Some(anchor) => Some(anchor.convert()?),
            None => None,
        };
        Ok((receipt, commitment, proof, anchor))
    }
}

#[derive(Default)]
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
struct RawReceipt {
    sequencer_id: String,
    sequence_number: RawU64,
    receipt_hash: String,
    signature_alg: String,
    sequencer_signature: String,
}

impl RawReceipt {
    const SHAPE: Struct = Struct {
        name: "RawReceipt",
        fields: &[
            ("sequencer_id", &[], false),
            ("sequence_number", &[], false),
            ("receipt_hash", &[], false),
            ("signature_alg", &[], false),
            ("sequencer_signature", &[], false),
        ],
    };

    #[inline(never)]
    fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        let mut raw = RawReceipt::default();
        Self::SHAPE.read(path, value, &mut |index, path, value| {
            match index {
                1 => raw.sequence_number = RawU64::read(path, value)?,
                _ => {
                    *match index {
                        0 => &mut raw.sequencer_id,
                        2 => &mut raw.receipt_hash,
                        3 => &mut raw.signature_alg,
                        _ => &mut raw.sequencer_signature,
                    } = json::string(path, value)?
                }
            }
            Ok(())
        })?;
        Ok(raw)
    }

    #[inline(never)]
    fn convert(&self) -> Result<SequencerReceipt, ReceiptError> {
        let sequencer_id = uuid("receipt.sequencer_id", &self.sequencer_id)?;
        let sequence_number = self.sequence_number.value("receipt.sequence_number")?;
        let receipt_hash = b256("receipt.receipt_hash", &self.receipt_hash)?;
        let sequencer_signature = parse_signature("receipt.sequencer_signature", &self.sequencer_signature)?;
        // Cloned last: an error above has nothing to drop.
        let signature_alg = self.signature_alg.clone();
        Ok(SequencerReceipt { sequencer_id, sequence_number, receipt_hash, signature_alg, sequencer_signature })
    }
}

#[derive(Default)]
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
struct RawCommitment {
    batch_id: String,
    sequence_start: RawU64,
    sequence_end: RawU64,
    leaf_count: u32,
    merkle_root: String,
    prev_state_root: String,
    new_state_root: String,
}

impl RawCommitment {
    const SHAPE: Struct = Struct {
        name: "RawCommitment",
        fields: &[
            ("batch_id", &[], false),
            ("sequence_start", &[], false),
            ("sequence_end", &[], false),
            ("leaf_count", &[], false),
            ("merkle_root", &[], false),
            ("prev_state_root", &[], false),
            ("new_state_root", &[], false),
        ],
    };

    #[inline(never)]
    fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        let mut raw = RawCommitment::default();
        Self::SHAPE.read(path, value, &mut |index, path, value| {
            match index {
                1 | 2 => {
                    *if index == 1 { &mut raw.sequence_start } else { &mut raw.sequence_end } =
                        RawU64::read(path, value)?
                }
                3 => raw.leaf_count = json::u32(path, value)?,
                _ => {
                    *match index {
                        0 => &mut raw.batch_id,
                        4 => &mut raw.merkle_root,
                        5 => &mut raw.prev_state_root,
                        _ => &mut raw.new_state_root,
                    } = json::string(path, value)?
                }
            }
            Ok(())
        })?;
        Ok(raw)
    }

    #[inline(never)]
    fn convert(&self) -> Result<BundleCommitment, ReceiptError> {
        Ok(BundleCommitment {
            batch_id: uuid("commitment.batch_id", &self.batch_id)?,
            sequence_start: self.sequence_start.value("commitment.sequence_start")?,
            sequence_end: self.sequence_end.value("commitment.sequence_end")?,
            leaf_count: self.leaf_count,
            merkle_root: b256("commitment.merkle_root", &self.merkle_root)?,
            prev_state_root: b256("commitment.prev_state_root", &self.prev_state_root)?,
            new_state_root: b256("commitment.new_state_root", &self.new_state_root)?,
        })
    }
}

#[derive(Default)]
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
struct RawProof {
    leaf_index: RawU64,
    proof_path: Vec<String>,
}

impl RawProof {
    const SHAPE: Struct =
        Struct { name: "RawProof", fields: &[("leaf_index", &[], false), ("proof_path", &[], false)] };

    #[inline(never)]
    fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        let mut raw = RawProof::default();
        Self::SHAPE.read(path, value, &mut |index, path, value| {
            match index {
                0 => raw.leaf_index = RawU64::read(path, value)?,
                _ => raw.proof_path = json::string_list(path, value)?,
            }
            Ok(())
        })?;
        Ok(raw)
    }

    #[inline(never)]
    fn convert(&self) -> Result<BundleProof, ReceiptError> {
        if self.proof_path.len() > merkle::MAX_PROOF_LENGTH {
            return Err(ReceiptError::InvalidJson {
                field: "proof.proof_path".into(),
                reason: alloc::format!("{} siblings, more than {}", self.proof_path.len(), merkle::MAX_PROOF_LENGTH),
            });
        }
        let leaf_index = self.leaf_index.value("proof.leaf_index")?;
        let mut proof_path = Vec::with_capacity(self.proof_path.len());
        for (i, text) in self.proof_path.iter().enumerate() {
            proof_path.push(b256(&json::index_path("proof.proof_path", i), text)?);
        }
        Ok(BundleProof { leaf_index, proof_path })
    }
}

#[derive(Default)]
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
struct RawAnchor {
    chain_id: RawU64,
    registry: String,
    tx_hash: String,
    block_number: RawU64,
}

impl RawAnchor {
    const SHAPE: Struct = Struct {
        name: "RawAnchor",
        fields: &[
            ("chain_id", &[], false),
            ("registry", &[], false),
            ("tx_hash", &[], false),
            ("block_number", &[], false),
        ],
    };

    #[inline(never)]
    fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        let mut raw = RawAnchor::default();
        Self::SHAPE.read(path, value, &mut |index, path, value| {
            match index {
                0 | 3 => {
                    *if index == 0 { &mut raw.chain_id } else { &mut raw.block_number } = RawU64::read(path, value)?
                }
                _ => *if index == 1 { &mut raw.registry } else { &mut raw.tx_hash } = json::string(path, value)?,
            }
            Ok(())
        })?;
        Ok(raw)
    }

    #[inline(never)]
    fn convert(&self) -> Result<BundleAnchor, ReceiptError> {
        Ok(BundleAnchor {
            chain_id: self.chain_id.value("anchor.chain_id")?,
            registry: Address::from(decode_fixed::<20>("anchor.registry", &self.registry)?),
            tx_hash: b256("anchor.tx_hash", &self.tx_hash)?,
            block_number: self.block_number.value("anchor.block_number")?,
        })
    }
}

#[derive(Default)]
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
struct RawTrust {
    #[cfg_attr(test, serde(alias = "sequencerPublicKeys"))]
    sequencer_public_keys: Vec<String>,
    #[cfg_attr(test, serde(default, alias = "agentPublicKey"))]
    agent_public_key: Option<String>,
    #[cfg_attr(test, serde(default))]
    onchain: Option<serde_json::Value>,
}

impl RawTrust {
    const SHAPE: Struct = Struct {
        name: "RawTrust",
        fields: &[
            ("sequencer_public_keys", &["sequencerPublicKeys"], false),
            ("agent_public_key", &["agentPublicKey"], true),
            ("onchain", &[], true),
        ],
    };

    #[inline(never)]
    fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        let mut raw = RawTrust::default();
        Self::SHAPE.read(path, value, &mut |index, path, value| {
            match index {
                0 => raw.sequencer_public_keys = json::string_list(path, value)?,
                1 => raw.agent_public_key = json::optional_string(path, value)?,
                _ => raw.onchain = json::optional_value(value),
            }
            Ok(())
        })?;
        Ok(raw)
    }

    /// The trust document, every field checked in the order errors are reported in.
    #[inline(never)]
    fn convert(&self) -> Result<Trust, ReceiptError> {
        let mut sequencer_public_keys = Vec::with_capacity(self.sequencer_public_keys.len());
        for (i, text) in self.sequencer_public_keys.iter().enumerate() {
            sequencer_public_keys
                .push(ves::parse_public_key(&json::index_path("trust.sequencer_public_keys", i), text)?);
        }
        // The rest in one call: an error drops the keys in one place only.
        let (agent_public_key, onchain) = self.rest()?;
        Ok(Trust { sequencer_public_keys, agent_public_key, onchain })
    }

    #[inline(never)]
    fn rest(&self) -> Result<(Option<[u8; 32]>, Option<OnchainCommitment>), ReceiptError> {
        let agent_public_key = match &self.agent_public_key {
            Some(text) => Some(ves::parse_public_key("trust.agent_public_key", text)?),
            None => None,
        };
        let onchain = match &self.onchain {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(hex)) => Some(onchain_from_return_data(&decode_hex("trust.onchain", hex)?)?),
            Some(object) => {
                Some(RawOnchainRecord::read("", object).map_err(|err| json_error("trust.onchain", err))?.convert()?)
            }
        };
        Ok((agent_public_key, onchain))
    }
}

#[derive(Default)]
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
struct RawOnchainRecord {
    #[cfg_attr(test, serde(alias = "eventsRoot"))]
    events_root: String,
    #[cfg_attr(test, serde(alias = "newStateRoot"))]
    new_state_root: String,
    #[cfg_attr(test, serde(alias = "sequenceStart"))]
    sequence_start: RawU64,
    #[cfg_attr(test, serde(alias = "sequenceEnd"))]
    sequence_end: RawU64,
    #[cfg_attr(test, serde(alias = "eventCount"))]
    event_count: u32,
}

impl RawOnchainRecord {
    const SHAPE: Struct = Struct {
        name: "RawOnchainRecord",
        fields: &[
            ("events_root", &["eventsRoot"], false),
            ("new_state_root", &["newStateRoot"], false),
            ("sequence_start", &["sequenceStart"], false),
            ("sequence_end", &["sequenceEnd"], false),
            ("event_count", &["eventCount"], false),
        ],
    };

    #[inline(never)]
    fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        let mut raw = RawOnchainRecord::default();
        Self::SHAPE.read(path, value, &mut |index, path, value| {
            match index {
                0 | 1 => {
                    *if index == 0 { &mut raw.events_root } else { &mut raw.new_state_root } =
                        json::string(path, value)?
                }
                2 | 3 => {
                    *if index == 2 { &mut raw.sequence_start } else { &mut raw.sequence_end } =
                        RawU64::read(path, value)?
                }
                _ => raw.event_count = json::u32(path, value)?,
            }
            Ok(())
        })?;
        Ok(raw)
    }

    #[inline(never)]
    fn convert(&self) -> Result<OnchainCommitment, ReceiptError> {
        Ok(OnchainCommitment {
            events_root: b256("trust.onchain.events_root", &self.events_root)?,
            new_state_root: b256("trust.onchain.new_state_root", &self.new_state_root)?,
            sequence_start: self.sequence_start.value("trust.onchain.sequence_start")?,
            sequence_end: self.sequence_end.value("trust.onchain.sequence_end")?,
            event_count: self.event_count,
            timestamp: 0,
        })
    }
}

fn parse_document(text: &str) -> Result<serde_json::Value, ReceiptError> {
    ves::parse_json_value("", text).map_err(|err| match err {
        VesError::InvalidJson { field, reason } => ReceiptError::InvalidJson { field, reason },
        other => ReceiptError::Ves(other),
    })
}

#[inline(never)]
fn parse_signature(field: &str, text: &str) -> Result<Option<[u8; 64]>, ReceiptError> {
    let digits = text.strip_prefix("0x").unwrap_or(text);
    if digits.is_empty() {
        return Ok(None);
    }
    Ok(Some(decode_fixed::<64>(field, text)?))
}

impl ReceiptBundle {
    /// Parses a bundle from JSON text.
    ///
    /// # Errors
    /// [`ReceiptError`] naming the dotted field of the first problem.
    pub fn from_json(text: &str) -> Result<Self, ReceiptError> {
        Self::from_value(parse_document(text)?)
    }

    /// Parses a bundle from a JSON value.
    ///
    /// # Errors
    /// As [`ReceiptBundle::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, ReceiptError> {
        RawBundle::read("", &value).map_err(|err| json_error("", err))?.convert()
    }

    /// The bundle as JSON text (hex with `0x`).
    pub fn to_json(&self) -> String {
        // Every field is a plain string, number or JSON value, so this cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl TryFrom<serde_json::Value> for ReceiptBundle {
    type Error = ReceiptError;
    fn try_from(value: serde_json::Value) -> Result<Self, ReceiptError> {
        ReceiptBundle::from_value(value)
    }
}

impl Trust {
    /// Parses `{"sequencer_public_keys": [...], "agent_public_key"?: ..., "onchain"?: {...} | "0x<return data>"}`
    /// (camelCase keys accepted too).
    ///
    /// # Errors
    /// [`ReceiptError`] naming the field (`trust.sequencer_public_keys[1]`, `trust.onchain.events_root`).
    pub fn from_json(text: &str) -> Result<Self, ReceiptError> {
        Self::from_value(parse_document(text)?)
    }

    /// Parses a trust document from a JSON value.
    ///
    /// # Errors
    /// As [`Trust::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, ReceiptError> {
        RawTrust::read("", &value).map_err(|err| json_error("trust", err))?.convert()
    }
}

/// A bundle's parts disagree about which event, commitment or proof they describe.
fn mismatch(field: &str, reason: String) -> ReceiptError {
    ReceiptError::InvalidJson { field: field.into(), reason }
}

impl ReceiptBundle {
    /// Assembles a bundle from what the sequencer returned: the ingest receipt of `event`,
    /// the commitment containing it (`GET /api/v1/ves/commitments/{id}`) and its proof
    /// (`GET /api/v1/ves/proofs/{seq}`).
    ///
    /// # Errors
    /// [`ReceiptError::InvalidJson`] naming the field when the parts do not belong together
    /// (another event's receipt, a proof from another commitment or sequence number, or a
    /// leaf count beyond `u32`). Whether they *verify* is [`verify_receipt`]'s job.
    pub fn from_sequencer(
        event: VesEvent,
        receipt: &crate::sequencer::IngestReceipt,
        commitment: &crate::sequencer::VesCommitment,
        proof: &crate::sequencer::VesInclusionProof,
        anchor: Option<BundleAnchor>,
    ) -> Result<Self, ReceiptError> {
        if receipt.event_id != event.event_id {
            return Err(mismatch(
                "receipt.event_id",
                alloc::format!("is {}, the event is {}", receipt.event_id, event.event_id),
            ));
        }
        if proof.batch_id != commitment.batch_id {
            return Err(mismatch(
                "proof.batch_id",
                alloc::format!("is {}, the commitment is {}", proof.batch_id, commitment.batch_id),
            ));
        }
        if proof.sequence_number != receipt.sequence_number {
            return Err(mismatch(
                "proof.sequence_number",
                alloc::format!("is {}, the receipt is {}", proof.sequence_number, receipt.sequence_number),
            ));
        }
        let leaf_count = u32::try_from(commitment.leaf_count).map_err(|_| {
            mismatch("commitment.leaf_count", alloc::format!("{} does not fit in u32", commitment.leaf_count))
        })?;
        Ok(ReceiptBundle {
            format: FORMAT.into(),
            event,
            receipt: SequencerReceipt {
                sequencer_id: receipt.sequencer_id,
                sequence_number: receipt.sequence_number,
                receipt_hash: receipt.receipt_hash,
                signature_alg: receipt.signature_alg.clone(),
                sequencer_signature: receipt.sequencer_signature,
            },
            commitment: BundleCommitment {
                batch_id: commitment.batch_id,
                sequence_start: commitment.sequence_start,
                sequence_end: commitment.sequence_end,
                leaf_count,
                merkle_root: commitment.merkle_root,
                prev_state_root: commitment.prev_state_root,
                new_state_root: commitment.new_state_root,
            },
            proof: BundleProof { leaf_index: proof.leaf_index, proof_path: proof.proof_path.clone() },
            anchor,
        })
    }
}

/// Parses a bundle and a trust document and verifies — the one call the bindings make.
///
/// # Errors
/// [`ReceiptError`] for malformed input, naming the field.
pub fn verify_receipt_json(bundle_json: &str, trust_json: &str) -> Result<Verdict, ReceiptError> {
    verify_receipt(&ReceiptBundle::from_json(bundle_json)?, &Trust::from_json(trust_json)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors() -> serde_json::Value {
        serde_json::from_str(include_str!("../../tests/vectors/receipts.json")).unwrap_or_default()
    }

    fn cases(part: &str) -> Vec<serde_json::Value> {
        let vectors = vectors();
        let mut out = Vec::new();
        for group in ["valid", "tampered", "malformed"] {
            for case in vectors[group].as_array().into_iter().flatten() {
                if !case[part].is_null() {
                    out.push(case[part].clone());
                }
            }
        }
        out
    }

    const ALIASES: &[&str] = &[
        "anchor",
        "payload",
        "sequencerPublicKeys",
        "agentPublicKey",
        "onchain",
        "eventsRoot",
        "newStateRoot",
        "sequenceStart",
        "sequenceEnd",
        "eventCount",
        "unknown",
    ];

    #[test]
    fn bundles_read_exactly_as_the_derived_deserializer() {
        let shapes =
            [&RawBundle::SHAPE, &RawReceipt::SHAPE, &RawCommitment::SHAPE, &RawProof::SHAPE, &RawAnchor::SHAPE];
        let bundles = cases("bundle");
        assert!(bundles.len() >= 20);
        // Every bundle of the vectors (valid, tampered, malformed) and its mutations; the first
        // three also with alias, optional and unknown keys added at every level.
        let checked = json::assert_reads_as_serde::<RawBundle>(&bundles[..3], ALIASES, &shapes, RawBundle::read);
        assert!(checked > 1000, "{checked}");
        json::assert_reads_as_serde::<RawBundle>(&bundles, &[], &[], RawBundle::read);
    }

    #[test]
    fn trust_documents_read_exactly_as_the_derived_deserializer() {
        let mut trusts = cases("trust");
        trusts.push(serde_json::json!({ "sequencerPublicKeys": ["0x01"], "agentPublicKey": null, "onchain": "0x" }));
        trusts.push(serde_json::json!({ "sequencer_public_keys": [], "sequencerPublicKeys": [] }));
        json::assert_reads_as_serde::<RawTrust>(&trusts, ALIASES, &[&RawTrust::SHAPE], RawTrust::read);
        let records = [
            serde_json::json!({ "events_root": "0x01", "new_state_root": "0x02", "sequence_start": 1, "sequence_end": "2", "event_count": 2 }),
            serde_json::json!({ "eventsRoot": "0x01", "newStateRoot": "0x02", "sequenceStart": 1, "sequenceEnd": 2, "eventCount": 2, "exists": true }),
            serde_json::json!({ "eventsRoot": "0x01", "events_root": "0x02" }),
        ];
        json::assert_reads_as_serde::<RawOnchainRecord>(
            &records,
            ALIASES,
            &[&RawOnchainRecord::SHAPE],
            RawOnchainRecord::read,
        );
    }
}
