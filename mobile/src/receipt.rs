//! The `set-receipt-v1` verifier (docs/protocol.md, "Receipt bundle"): the one call a phone makes
//! per order event.

use set_core::receipt::{self, ReceiptBundle};
use set_core::{registry, ves};

use crate::convert::b256;
use crate::error::{core_error, SetError};
use crate::registry::OnchainCommitment;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CheckStatus {
    /// The check ran and passed.
    Pass,
    /// The check ran and failed; the outcome's `reason` says why.
    Fail,
    /// The check did not run (no agent key, no on-chain record).
    Skipped,
}

/// One check of a verdict.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckOutcome {
    /// The check's name, the same string in every language: `payload_hash`, `agent_signature`,
    /// `receipt_hash`, `sequencer_signature`, `inclusion`, `state_root`, `onchain`.
    pub name: String,
    /// Pass, fail or skipped.
    pub status: CheckStatus,
    /// Why the check failed (human-readable), for failed checks only.
    pub reason: Option<String>,
}

/// The verdict on a bundle: `valid` iff no check failed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Verdict {
    /// All non-skipped checks passed.
    pub valid: bool,
    /// How far the evidence goes: `none`, `sequenced`, `committed` or `anchored` (stronger
    /// levels may be added: compare with the order of that list).
    pub level: String,
    /// Every check with its outcome, in the order they run: `payload_hash`, `agent_signature`,
    /// `receipt_hash`, `sequencer_signature`, `inclusion`, `state_root`, `onchain`.
    pub checks: Vec<CheckOutcome>,
}

impl From<receipt::Verdict> for Verdict {
    fn from(verdict: receipt::Verdict) -> Self {
        let checks = verdict
            .outcomes()
            .map(|outcome| CheckOutcome {
                name: outcome.name.to_owned(),
                status: match outcome.status {
                    "pass" => CheckStatus::Pass,
                    "fail" => CheckStatus::Fail,
                    _ => CheckStatus::Skipped,
                },
                reason: outcome.reason.map(str::to_owned),
            })
            .collect();
        Verdict { valid: verdict.valid, level: verdict.level.as_str().to_owned(), checks }
    }
}

/// What the verifier trusts, as a record (the JSON form is accepted by [`verify_receipt`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Trust {
    /// The sequencer's pinned Ed25519 public keys (32-byte hex); a receipt signed by any passes.
    pub sequencer_public_keys: Vec<String>,
    /// The agent's Ed25519 public key (hex); without it `agent_signature` is skipped.
    #[uniffi(default = None)]
    pub agent_public_key: Option<String>,
    /// The commitment read from SetRegistry, as `decode_get_batch_commitment` returns it; without
    /// it `onchain` is skipped. Its `timestamp` and `exists` are not compared.
    #[uniffi(default = None)]
    pub onchain: Option<OnchainCommitment>,
}

impl TryFrom<Trust> for receipt::Trust {
    type Error = SetError;

    fn try_from(trust: Trust) -> Result<Self, SetError> {
        let sequencer_public_keys = trust
            .sequencer_public_keys
            .iter()
            .enumerate()
            .map(|(i, key)| ves::parse_public_key(&format!("trust.sequencer_public_keys[{i}]"), key))
            .collect::<Result<_, _>>()
            .map_err(core_error)?;
        let agent_public_key = trust
            .agent_public_key
            .map(|key| ves::parse_public_key("trust.agent_public_key", &key))
            .transpose()
            .map_err(core_error)?;
        let onchain = trust
            .onchain
            .map(|record| -> Result<registry::OnchainCommitment, SetError> {
                Ok(registry::OnchainCommitment {
                    events_root: b256("trust.onchain.events_root", &record.events_root)?,
                    new_state_root: b256("trust.onchain.new_state_root", &record.new_state_root)?,
                    sequence_start: record.sequence_start,
                    sequence_end: record.sequence_end,
                    event_count: record.event_count,
                    timestamp: record.timestamp,
                })
            })
            .transpose()?;
        Ok(receipt::Trust { sequencer_public_keys, agent_public_key, onchain, ..receipt::Trust::default() })
    }
}

/// Verifies a `set-receipt-v1` bundle (JSON text) against a trust document (JSON text:
/// `{"sequencer_public_keys": [...], "agent_public_key": ...?, "onchain": {...} | "0x<return data>"?}`).
///
/// A bundle that parses but fails a check is a [`Verdict`] with `valid = false`, not an error.
///
/// # Errors
/// `SetError.Receipt` for a malformed bundle or trust document, with the code of what is wrong
/// (`INVALID_JSON`, `INVALID_HEX`, `WRONG_LENGTH`, `INVALID_UUID`, `UNSUPPORTED_FORMAT`, …) and a
/// message naming the field.
#[uniffi::export]
pub fn verify_receipt(bundle_json: String, trust_json: String) -> Result<Verdict, SetError> {
    receipt::verify_receipt_json(&bundle_json, &trust_json).map(Verdict::from).map_err(core_error)
}

/// As [`verify_receipt`], with the trust given as a [`Trust`] record.
///
/// # Errors
/// As [`verify_receipt`]; a bad key or root in `trust` is a `SetError.Ves` / `SetError.Encoding`
/// naming it.
#[uniffi::export]
pub fn verify_receipt_with_trust(bundle_json: String, trust: Trust) -> Result<Verdict, SetError> {
    let bundle = ReceiptBundle::from_json(&bundle_json).map_err(core_error)?;
    let trust = receipt::Trust::try_from(trust)?;
    receipt::verify_receipt(&bundle, &trust).map(Verdict::from).map_err(core_error)
}
