//! The signature checks, `agent_signature` and `sequencer_signature`, for every profile of the
//! sequencer: Ed25519 (legacy), Ed25519 + ML-DSA-65 (hybrid), ML-DSA-65 (`pqc-strict`).
//!
//! The rule under every policy: every signature present must verify with a pinned key of its
//! algorithm, and at least one must be present; what `signature_alg` or the signature scheme
//! declares must be there. A [`SignaturePolicy`] can require more of receipts (an ML-DSA-65
//! signature, or both). Each signer's check is planned first ([`SignerPlan`]: the verifications
//! to run, or the status already decided), so that bulk verification can batch the Ed25519 ones;
//! ML-DSA-65 signatures are verified one by one.

use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::B256;

use super::{CheckStatus, ReceiptError, SequencerReceipt, SignatureAlgorithm, SignaturePolicy, Trust};
use crate::pq::{self, MlDsaOutcome};
use crate::sequencer::SignatureAlg;
use crate::ves::{self, VesEvent};

/// One Ed25519 verification a verdict needs: `signature` over `message` by any of `keys`.
pub(super) struct SignatureJob<'a> {
    /// The field naming the keys (`trust.agent_public_key`, `trust.sequencer_public_keys`).
    pub(super) field: &'static str,
    pub(super) keys: &'a [[u8; 32]],
    pub(super) message: B256,
    pub(super) signature: [u8; 64],
}

impl SignatureJob<'_> {
    /// Whether one of the keys verifies the signature, tried in order.
    pub(super) fn verify(&self) -> Result<bool, ReceiptError> {
        for (i, key) in self.keys.iter().enumerate() {
            match ves::verify_ed25519(self.field, key, &self.message, &self.signature) {
                Ok(true) => return Ok(true),
                Ok(false) => {}
                // The key's own path is only formatted for a key that fails.
                Err(ves::VesError::InvalidPublicKey { .. }) if self.field != "trust.agent_public_key" => {
                    let field = alloc::format!("{}[{i}]", self.field);
                    return Err(ves::VesError::InvalidPublicKey { field }.into());
                }
                Err(err) => return Err(err.into()),
            }
        }
        Ok(false)
    }
}

/// One ML-DSA-65 verification: `signature` over `message` by any of `keys`.
pub(super) struct MlDsaJob<'a> {
    keys: Vec<&'a [u8]>,
    message: B256,
    signature: &'a [u8],
}

impl MlDsaJob<'_> {
    fn verify(&self) -> MlDsaOutcome {
        let mut outcome = MlDsaOutcome::Invalid;
        for key in &self.keys {
            match pq::verify_ml_dsa_65(key, &self.message, self.signature) {
                MlDsaOutcome::Valid => return MlDsaOutcome::Valid,
                MlDsaOutcome::Unsupported => outcome = MlDsaOutcome::Unsupported,
                MlDsaOutcome::Invalid => {}
            }
        }
        outcome
    }
}

/// What one signer's check has to do.
pub(super) enum SignerPlan<'a> {
    /// Nothing to verify: the check's status is already known (skipped, or a signature or key
    /// missing).
    Decided(CheckStatus),
    /// Verify these signatures; the check passes when all of them verify.
    Verify {
        /// Whose signature, for reasons: `agent` or `sequencer`.
        who: &'static str,
        ed25519: Option<SignatureJob<'a>>,
        ml_dsa: Option<MlDsaJob<'a>>,
    },
}

impl<'a> SignerPlan<'a> {
    /// The Ed25519 verification to run, if any (bulk verification batches these).
    pub(super) fn ed25519(&self) -> Option<&SignatureJob<'a>> {
        match self {
            SignerPlan::Verify { ed25519, .. } => ed25519.as_ref(),
            SignerPlan::Decided(_) => None,
        }
    }

    /// Runs the Ed25519 verification one by one (what [`SignerPlan::settle`] needs).
    pub(super) fn verify_ed25519(&self) -> Result<Option<bool>, ReceiptError> {
        self.ed25519().map(SignatureJob::verify).transpose()
    }

    /// The check's status and the algorithms that verified, given the Ed25519 outcome (`None`
    /// when there was no Ed25519 job); ML-DSA-65 is verified here.
    pub(super) fn settle(self, ed25519_verified: Option<bool>) -> (CheckStatus, Vec<SignatureAlgorithm>) {
        let (who, ed25519, ml_dsa) = match self {
            SignerPlan::Decided(status) => return (status, Vec::new()),
            SignerPlan::Verify { who, ed25519, ml_dsa } => (who, ed25519, ml_dsa),
        };
        let mut verified = Vec::new();
        if ed25519.is_some() {
            if ed25519_verified != Some(true) {
                return (
                    CheckStatus::Fail(alloc::format!(
                        "the {who}'s Ed25519 signature does not verify with any pinned {who} key"
                    )),
                    Vec::new(),
                );
            }
            verified.push(SignatureAlgorithm::Ed25519);
        }
        if let Some(job) = ml_dsa {
            match job.verify() {
                MlDsaOutcome::Valid => verified.push(SignatureAlgorithm::MlDsa65),
                MlDsaOutcome::Invalid => {
                    return (
                        CheckStatus::Fail(alloc::format!(
                            "the {who}'s ML-DSA-65 signature does not verify with any pinned {who} key"
                        )),
                        Vec::new(),
                    )
                }
                MlDsaOutcome::Unsupported => {
                    return (
                        CheckStatus::Fail(alloc::format!(
                            "the {who}'s ML-DSA-65 signature cannot be verified by this build (without ML-DSA-65)"
                        )),
                        Vec::new(),
                    )
                }
            }
        }
        (CheckStatus::Pass, verified)
    }
}

fn fail(reason: String) -> SignerPlan<'static> {
    SignerPlan::Decided(CheckStatus::Fail(reason))
}

/// Picks the Ed25519 signature when a signature bundle and the plain field both carry one: they
/// must be the same signature.
fn one_ed25519(plain: Option<[u8; 64]>, in_bundle: Option<[u8; 64]>, names: &str) -> Result<Option<[u8; 64]>, String> {
    match (plain, in_bundle) {
        (Some(a), Some(b)) if a != b => Err(alloc::format!("{names} are two different Ed25519 signatures")),
        (a, b) => Ok(a.or(b)),
    }
}

/// The plan for `sequencer_signature`: the receipt's signatures over the recomputed receipt hash.
pub(super) fn sequencer_plan<'a>(
    receipt: &'a SequencerReceipt,
    receipt_hash: B256,
    trust: &'a Trust,
) -> SignerPlan<'a> {
    let bundle = receipt.receipt_signature_bundle.as_ref();
    let ed25519 = match one_ed25519(
        receipt.sequencer_signature,
        bundle.and_then(|b| b.ed25519_signature),
        "sequencer_signature and receipt_signature_bundle.ed25519_signature",
    ) {
        Ok(signature) => signature,
        Err(reason) => return fail(reason),
    };
    let ml_dsa = bundle.and_then(|b| b.ml_dsa_65_signature.as_deref());
    let declared = SignatureAlg::parse(&receipt.signature_alg);
    let (needs_ed25519, needs_ml_dsa) = match declared {
        SignatureAlg::Ed25519 | SignatureAlg::Ed25519Fallback => (true, false),
        SignatureAlg::Ed25519MlDsa65 => (true, true),
        SignatureAlg::MlDsa65 => (false, true),
        _ => (false, false),
    };
    let alg = &receipt.signature_alg;
    if needs_ed25519 && ed25519.is_none() {
        return fail(alloc::format!("receipt has no Ed25519 signature (signature_alg \"{alg}\")"));
    }
    if needs_ml_dsa && ml_dsa.is_none() {
        return fail(alloc::format!("receipt has no ML-DSA-65 signature (signature_alg \"{alg}\")"));
    }
    if ed25519.is_none() && ml_dsa.is_none() {
        return fail(alloc::format!("receipt has no signature (signature_alg \"{alg}\")"));
    }
    match trust.signature_policy {
        SignaturePolicy::RequireMlDsa if ml_dsa.is_none() => {
            return fail("the signature policy require-ml-dsa refuses a receipt without an ML-DSA-65 signature".into())
        }
        SignaturePolicy::RequireHybrid if ml_dsa.is_none() || ed25519.is_none() => {
            return fail(
                "the signature policy require-hybrid refuses a receipt without both Ed25519 and ML-DSA-65 signatures"
                    .into(),
            )
        }
        _ => {}
    }
    if ed25519.is_some() && trust.sequencer_public_keys.is_empty() {
        return fail("no sequencer public key is pinned".into());
    }
    if ml_dsa.is_some() && trust.sequencer_ml_dsa_65_public_keys.is_empty() {
        return fail("the receipt carries an ML-DSA-65 signature but no sequencer ML-DSA-65 key is pinned".into());
    }
    SignerPlan::Verify {
        who: "sequencer",
        ed25519: ed25519.map(|signature| SignatureJob {
            field: "trust.sequencer_public_keys",
            keys: &trust.sequencer_public_keys,
            message: receipt_hash,
            signature,
        }),
        ml_dsa: ml_dsa.map(|signature| MlDsaJob {
            keys: trust.sequencer_ml_dsa_65_public_keys.iter().map(Vec::as_slice).collect(),
            message: receipt_hash,
            signature,
        }),
    }
}

/// The plan for `agent_signature`: the event's signatures over its signing hash, as its
/// `agent_signature_scheme` says (absent: 1, the legacy Ed25519 `agent_signature`).
pub(super) fn agent_plan<'a>(event: &'a VesEvent, signing_hash: B256, trust: &'a Trust) -> SignerPlan<'a> {
    if trust.agent_public_key.is_none() && trust.agent_ml_dsa_65_public_key.is_none() {
        return SignerPlan::Decided(CheckStatus::Skipped("no agent key is pinned".into()));
    }
    let bundle = event.agent_signature_bundle.as_ref();
    let scheme = event.agent_signature_scheme.unwrap_or(1);
    // Under scheme 2 (ML-DSA-65 only) `agent_signature` is a 64-byte placeholder, never checked.
    let plain = (scheme != 2).then_some(event.agent_signature);
    let ed25519 = match one_ed25519(
        plain,
        bundle.and_then(|b| b.ed25519_signature),
        "agent_signature and agent_signature_bundle.ed25519_signature",
    ) {
        Ok(signature) => signature,
        Err(reason) => return fail(reason),
    };
    let ml_dsa = bundle.and_then(|b| b.ml_dsa_65_signature.as_deref());
    let (ed25519, needs_ml_dsa) = match scheme {
        1 => (ed25519, false),
        2 => (None, true),
        3 => (ed25519, true),
        other => return fail(alloc::format!("agent_signature_scheme {other} is not 1, 2 or 3")),
    };
    if needs_ml_dsa && ml_dsa.is_none() {
        return fail(alloc::format!("agent_signature_scheme {scheme} but the event has no ML-DSA-65 signature"));
    }
    let ml_dsa = if scheme == 1 { None } else { ml_dsa };
    if ed25519.is_some() && trust.agent_public_key.is_none() {
        return fail("the event carries an Ed25519 agent signature but no agent Ed25519 key is pinned".into());
    }
    if ml_dsa.is_some() && trust.agent_ml_dsa_65_public_key.is_none() {
        return fail("the event carries an ML-DSA-65 agent signature but no agent ML-DSA-65 key is pinned".into());
    }
    SignerPlan::Verify {
        who: "agent",
        ed25519: ed25519.zip(trust.agent_public_key.as_ref()).map(|(signature, key)| SignatureJob {
            field: "trust.agent_public_key",
            keys: core::slice::from_ref(key),
            message: signing_hash,
            signature,
        }),
        ml_dsa: ml_dsa.zip(trust.agent_ml_dsa_65_public_key.as_deref()).map(|(signature, key)| MlDsaJob {
            keys: alloc::vec![key],
            message: signing_hash,
            signature,
        }),
    }
}

/// The `agent_signature` check of one event on its own: the plan of [`agent_plan`], its Ed25519
/// verification and its settlement, as a verdict runs them. For callers outside receipts (the
/// stream audit checks an export's events with the same rule).
///
/// # Errors
/// [`ReceiptError`] for a pinned Ed25519 key that is not a curve point.
pub(crate) fn agent_signature_status(
    event: &VesEvent,
    signing_hash: B256,
    trust: &Trust,
) -> Result<CheckStatus, ReceiptError> {
    let plan = agent_plan(event, signing_hash, trust);
    let ed25519 = plan.verify_ed25519()?;
    Ok(plan.settle(ed25519).0)
}
