//! The receipt verifier (docs/protocol.md, "Receipt bundle"): the one call a phone makes per order
//! event, and the bulk call a back office makes per export.

use set_core::anchor_proof;
use set_core::receipt::{self, ReceiptBundle};

use crate::error::{core_error, SetError};
use crate::registry::OnchainCommitment;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CheckStatus {
    /// The check ran and passed.
    Pass,
    /// The check ran and failed; the outcome's `reason` says why.
    Fail,
    /// The check did not run; the outcome's `reason` says what was missing (no agent key, no
    /// payload kept, no on-chain record, no pinned network).
    Skipped,
}

/// One check of a verdict.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckOutcome {
    /// The check's name, the same string in every language: `payload_hash`, `agent_signature`,
    /// `receipt_hash`, `sequencer_signature`, `inclusion`, `state_root`, `anchor`, `onchain`,
    /// `anchor_proof`, `output_root`.
    pub name: String,
    /// Pass, fail or skipped.
    pub status: CheckStatus,
    /// Why the check failed or was skipped (text for people); `None` for a pass.
    pub reason: Option<String>,
}

/// The verdict on a bundle: `valid` iff no check failed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Verdict {
    /// All non-skipped checks passed.
    pub valid: bool,
    /// How far the evidence goes: `none`, `sequenced`, `committed`, `anchored`,
    /// `anchored-l2-proof` or `anchored-l1` (stronger levels may be added after these: compare
    /// positions in that order).
    pub level: String,
    /// Every check with its outcome, in the order they run: `payload_hash`, `agent_signature`,
    /// `receipt_hash`, `sequencer_signature`, `inclusion`, `state_root`, `anchor`, `onchain`,
    /// `anchor_proof`, `output_root`.
    pub checks: Vec<CheckOutcome>,
    /// The algorithms (`ed25519`, `ml-dsa-65`) whose sequencer signatures verified; empty unless
    /// `sequencer_signature` passed.
    #[uniffi(default = [])]
    pub sequencer_signatures: Vec<String>,
    /// The algorithms whose agent signatures verified; empty unless `agent_signature` passed.
    #[uniffi(default = [])]
    pub agent_signatures: Vec<String>,
    /// [`verify_receipts`] only: for a bundle that cannot be read, the error
    /// [`verify_receipt`] throws for it (the verdict then claims nothing: `valid = false`,
    /// `level = "none"`, no checks). `None` for a verdict.
    #[uniffi(default = None)]
    pub error: Option<SetError>,
}

impl From<receipt::Verdict> for Verdict {
    fn from(verdict: receipt::Verdict) -> Self {
        let checks = verdict
            .outcomes()
            .map(|outcome| CheckOutcome {
                name: outcome.name.to_owned(),
                status: status_of(outcome.status),
                reason: outcome.reason.map(str::to_owned),
            })
            .collect();
        let names =
            |algorithms: &[receipt::SignatureAlgorithm]| algorithms.iter().map(|a| a.as_str().to_owned()).collect();
        Verdict {
            valid: verdict.valid,
            level: verdict.level.as_str().to_owned(),
            checks,
            sequencer_signatures: names(&verdict.sequencer_signatures),
            agent_signatures: names(&verdict.agent_signatures),
            error: None,
        }
    }
}

/// A status string of the core (`pass`, `fail`, `skipped`).
fn status_of(status: &str) -> CheckStatus {
    match status {
        "pass" => CheckStatus::Pass,
        "fail" => CheckStatus::Fail,
        _ => CheckStatus::Skipped,
    }
}

impl From<Result<receipt::Verdict, receipt::ReceiptError>> for Verdict {
    /// A bulk entry: the verdict, or a verdict that claims nothing and carries the error.
    fn from(result: Result<receipt::Verdict, receipt::ReceiptError>) -> Self {
        match result {
            Ok(verdict) => verdict.into(),
            Err(error) => Verdict {
                valid: false,
                level: receipt::Level::None.as_str().to_owned(),
                checks: Vec::new(),
                sequencer_signatures: Vec::new(),
                agent_signatures: Vec::new(),
                error: Some(core_error(error)),
            },
        }
    }
}

/// What the verifier trusts, as a record (the JSON form, or a `set-trust-root-v1` document, is
/// accepted by [`verify_receipt`]). Nothing here may come from the bundle being verified.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Trust {
    /// The sequencer's pinned Ed25519 public keys (32-byte hex); a receipt signed by any passes.
    pub sequencer_public_keys: Vec<String>,
    /// The agent's Ed25519 public key (hex); without it `agent_signature` is skipped.
    #[uniffi(default = None)]
    pub agent_public_key: Option<String>,
    /// The commitment read from SetRegistry on the pinned chain, as `decode_get_batch_commitment`
    /// returns it; without it `onchain` is skipped. Requires `chain_id` and `registry`. Its
    /// `timestamp` and `exists` are not compared.
    #[uniffi(default = None)]
    pub onchain: Option<OnchainCommitment>,
    /// The pinned chain id (Set Chain: 84532001); with `registry`, checks the bundle's `anchor`.
    #[uniffi(default = None)]
    pub chain_id: Option<u64>,
    /// The pinned SetRegistry proxy address (hex).
    #[uniffi(default = None)]
    pub registry: Option<String>,
    /// The network's name (informational).
    #[uniffi(default = None)]
    pub network: Option<String>,
    /// L2 block hashes the verifier trusts (hex, read from a Set Chain node it believes): an
    /// `anchor.proof` against one of them passes `anchor_proof` (level `anchored-l2-proof`).
    /// Requires `chain_id` and `registry`.
    #[uniffi(default = [])]
    pub l2_block_hashes: Vec<String>,
    /// OP output roots read from the pinned L2OutputOracle (or dispute games) on L1 (hex): an
    /// `anchor.proof` whose output root is one of them passes `output_root` (level
    /// `anchored-l1`). Requires `chain_id` and `registry`.
    #[uniffi(default = [])]
    pub l1_output_roots: Vec<String>,
    /// The L1 chain id; a proposal claimed on another chain fails `output_root`.
    #[uniffi(default = None)]
    pub l1_chain_id: Option<u64>,
    /// The L2OutputOracle or DisputeGameFactory on L1 (hex); a proposal claimed at another
    /// contract fails `output_root`.
    #[uniffi(default = None)]
    pub l1_oracle: Option<String>,
}

impl TryFrom<Trust> for receipt::Trust {
    type Error = SetError;

    /// Read by the core as the trust document the record stands for, so every field is checked
    /// and named as in the JSON form (`trust.registry`, `trust.sequencer_public_keys[1]`).
    fn try_from(trust: Trust) -> Result<Self, SetError> {
        use serde_json::{Map, Value};
        let mut document = Map::new();
        document.insert("sequencer_public_keys".into(), trust.sequencer_public_keys.into());
        let optional = [
            ("agent_public_key", trust.agent_public_key.map(Value::from)),
            ("chain_id", trust.chain_id.map(Value::from)),
            ("registry", trust.registry.map(Value::from)),
            ("network", trust.network.map(Value::from)),
            ("onchain", trust.onchain.map(onchain_document)),
            ("l2_block_hashes", Some(trust.l2_block_hashes.into())),
            ("l1_output_roots", Some(trust.l1_output_roots.into())),
            ("l1_chain_id", trust.l1_chain_id.map(Value::from)),
            ("l1_oracle", trust.l1_oracle.map(Value::from)),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                document.insert(key.into(), value);
            }
        }
        receipt::Trust::from_value(Value::Object(document)).map_err(core_error)
    }
}

/// The on-chain record as the trust document's `onchain` object.
fn onchain_document(record: OnchainCommitment) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    object.insert("events_root".into(), record.events_root.into());
    object.insert("new_state_root".into(), record.new_state_root.into());
    object.insert("sequence_start".into(), record.sequence_start.into());
    object.insert("sequence_end".into(), record.sequence_end.into());
    object.insert("event_count".into(), record.event_count.into());
    serde_json::Value::Object(object)
}

/// Verifies a receipt bundle (`set-receipt-v1` or `-v2`, JSON text) against a trust document or a
/// `set-trust-root-v1` (JSON text: `{"sequencer_public_keys": [...], "chain_id"?: ...,
/// "registry"?: ..., "agent_public_key"?: ..., "onchain"?: {...} | "0x<return data>"}`).
///
/// A bundle that parses but fails a check is a [`Verdict`] with `valid = false`, not an error.
///
/// # Errors
/// `SetError.Receipt` for a malformed bundle or trust document, with the code of what is wrong
/// (`INVALID_JSON`, `INVALID_HEX`, `WRONG_LENGTH`, `INVALID_UUID`, `UNSUPPORTED_FORMAT`,
/// `NETWORK_NOT_PINNED`, …) and its field.
#[uniffi::export]
pub fn verify_receipt(bundle_json: String, trust_json: String) -> Result<Verdict, SetError> {
    receipt::verify_receipt_json(&bundle_json, &trust_json).map(Verdict::from).map_err(core_error)
}

/// As [`verify_receipt`], with the trust given as a [`Trust`] record.
///
/// # Errors
/// As [`verify_receipt`]; a bad key, root or address in `trust` is a `SetError.Receipt` naming
/// it (`trust.sequencer_public_keys[0]`), on-chain evidence without `chain_id` and `registry`
/// is `NETWORK_NOT_PINNED` naming `trust.registry` or `trust.chain_id`.
#[uniffi::export]
pub fn verify_receipt_with_trust(bundle_json: String, trust: Trust) -> Result<Verdict, SetError> {
    let bundle = ReceiptBundle::from_json(&bundle_json).map_err(core_error)?;
    let trust = receipt::Trust::try_from(trust)?;
    receipt::verify_receipt(&bundle, &trust).map(Verdict::from).map_err(core_error)
}

/// Verifies many bundles (JSON texts) against one trust document: one [`Verdict`] per bundle, in
/// order, each what [`verify_receipt`] gives for that bundle alone. A bundle that cannot be read
/// gets a verdict with `valid = false`, `level = "none"`, no checks and its `error` set.
///
/// # Errors
/// A malformed trust document (the whole call: no bundle can be verified against it), as
/// [`verify_receipt`].
#[uniffi::export]
pub fn verify_receipts(bundles_json: Vec<String>, trust_json: String) -> Result<Vec<Verdict>, SetError> {
    let results = receipt::verify_receipts_json(&bundles_json, &trust_json).map_err(core_error)?;
    Ok(results.into_iter().map(Verdict::from).collect())
}

/// One anchor-proof check: its outcome and, when it failed, the typed error.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AnchorProofOutcome {
    /// `anchor_proof` or `output_root`.
    pub name: String,
    /// Pass, fail or skipped.
    pub status: CheckStatus,
    /// Why the check failed or was skipped (text for people); `None` for a pass.
    pub reason: Option<String>,
    /// For a failed check: the error naming the field or proof node at fault (its `code`, such
    /// as `PROOF_NODE_MISMATCH`, and `field`, such as `anchor.proof.account_proof[0]`).
    pub error: Option<SetError>,
}

/// Runs the `anchor_proof` and `output_root` checks of a bundle against a trust document (JSON
/// texts, as [`verify_receipt`] takes them), exactly as [`verify_receipt`] runs them, with each
/// failure typed: one [`AnchorProofOutcome`] per check, `anchor_proof` first.
///
/// # Errors
/// As [`verify_receipt`], for a malformed bundle or trust document.
#[uniffi::export]
pub fn verify_anchor_proof(bundle_json: String, trust_json: String) -> Result<Vec<AnchorProofOutcome>, SetError> {
    let verdict = anchor_proof::verify_bundle_json(&bundle_json, &trust_json).map_err(core_error)?;
    Ok(verdict
        .checks()
        .into_iter()
        .map(|(check, outcome)| AnchorProofOutcome {
            name: check.name().to_owned(),
            status: status_of(outcome.as_str()),
            reason: outcome.to_status().reason().map(str::to_owned),
            error: outcome.error().cloned().map(core_error),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use set_core::registry;

    fn record() -> OnchainCommitment {
        registry::OnchainCommitment::default().into()
    }

    #[test]
    fn a_trust_record_is_read_by_the_core_with_the_documents_paths() {
        let trust = Trust {
            sequencer_public_keys: vec!["0x01".into()],
            agent_public_key: None,
            onchain: None,
            chain_id: None,
            registry: None,
            network: None,
            l2_block_hashes: vec![],
            l1_output_roots: vec![],
            l1_chain_id: None,
            l1_oracle: None,
        };
        let err = receipt::Trust::try_from(trust.clone()).err();
        assert_eq!(
            err.as_ref().map(|e| (e.code(), e.field())),
            Some(("WRONG_LENGTH", Some("trust.sequencer_public_keys[0]")))
        );
        let unpinned = Trust { sequencer_public_keys: vec![], onchain: Some(record()), ..trust.clone() };
        let err = receipt::Trust::try_from(unpinned).err();
        assert_eq!(err.as_ref().map(|e| (e.code(), e.field())), Some(("NETWORK_NOT_PINNED", Some("trust.registry"))));
        let pinned = Trust {
            sequencer_public_keys: vec![],
            onchain: Some(record()),
            chain_id: Some(84_532_001),
            registry: Some(format!("0x{}", "5e".repeat(20))),
            network: Some("set-chain".into()),
            ..trust
        };
        let read = receipt::Trust::try_from(pinned).ok();
        assert_eq!(read.as_ref().and_then(|t| t.chain_id), Some(84_532_001));
        assert_eq!(read.as_ref().and_then(|t| t.network.as_deref()), Some("set-chain"));
    }
}
