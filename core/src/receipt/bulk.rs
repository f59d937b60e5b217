//! Many bundles against one trust: the verdicts of [`super::verify_receipt`] on each, with the
//! Ed25519 signatures of all of them verified in batches (ADR 10).
//!
//! Every check but the signatures runs per bundle exactly as in `verify_receipt`, except that an
//! anchor proof is verified once per distinct (proof, commitment) of the call and its verdict
//! given to every bundle carrying that pair: receipts of one commitment carry the same proof
//! (`anchor_proof::SharedProofs`, which compares proofs and commitments in full). The agent and
//! sequencer signatures of all bundles are then verified together with ed25519-dalek's
//! `verify_batch`, which is deterministic (its random coefficients come from a transcript of the
//! inputs, so the core still reads no randomness). A batch that fails is split in halves until
//! the signatures that fail are found one by one, so one bad signature never hides which receipt
//! failed, and each of them gets the same `fail` as one-by-one verification. ML-DSA-65 signatures
//! (hybrid and `pqc-strict` receipts) are verified one by one.
//!
//! Without the `batch` feature (the npm package's size budget) the bundles are verified one by
//! one as `verify_receipt` does (anchor proofs still shared), which is what the batched path
//! answers anyway; the batching code is then left out of the build.

use alloc::vec::Vec;

#[cfg(feature = "batch")]
use super::signatures::SignatureJob;
use super::verify::AnchorProofs;
#[cfg(feature = "batch")]
use super::verify::Prepared;
use super::{ReceiptBundle, ReceiptError, Trust, Verdict};

/// Below this many signatures a batch is not worth its set-up: they are verified one by one.
#[cfg(feature = "batch")]
const SMALLEST_BATCH: usize = 4;

/// Verifies every bundle against `trust`: one result per bundle, in order, each the verdict (or
/// error) [`super::verify_receipt`] gives for it alone.
///
/// # Errors
/// [`ReceiptError::NetworkNotPinned`] for a trust with on-chain evidence but no pinned network
/// (the whole call); per bundle, the errors of [`super::verify_receipt`].
pub fn verify_receipts(
    bundles: &[ReceiptBundle],
    trust: &Trust,
) -> Result<Vec<Result<Verdict, ReceiptError>>, ReceiptError> {
    super::verify::check_trust(trust)?;
    Ok(verify_all(bundles.iter().map(Ok).collect(), trust))
}

/// Parses every bundle and the trust document, then verifies the bundles that parse as
/// [`verify_receipts`] does: one result per bundle text, in order, each what
/// [`super::verify_receipt_json`] gives for that bundle alone (its parse error for a bundle
/// that does not parse). The one bulk call of the bindings.
///
/// # Errors
/// A trust document that does not parse, or gives on-chain evidence without pinning a network:
/// the whole call fails, as no bundle can be verified against it.
pub fn verify_receipts_json<S: AsRef<str>>(
    bundles: &[S],
    trust_json: &str,
) -> Result<Vec<Result<Verdict, ReceiptError>>, ReceiptError> {
    let trust = Trust::from_json(trust_json)?;
    Ok(verify_parsed(bundles.iter().map(|text| ReceiptBundle::from_json(text.as_ref())), &trust))
}

/// The verdict on each bundle as it is parsed, or its parse error.
#[cfg(not(feature = "batch"))]
fn verify_parsed(
    bundles: impl Iterator<Item = Result<ReceiptBundle, ReceiptError>>,
    trust: &Trust,
) -> Vec<Result<Verdict, ReceiptError>> {
    bundles.map(|bundle| super::verify_receipt(&bundle?, trust)).collect()
}

/// The verdict on each parsed bundle, or its parse error: the bundles that parse are kept
/// together so that their signatures are verified in batches.
#[cfg(feature = "batch")]
fn verify_parsed(
    bundles: impl Iterator<Item = Result<ReceiptBundle, ReceiptError>>,
    trust: &Trust,
) -> Vec<Result<Verdict, ReceiptError>> {
    // The bundles that parse, and for each text its bundle's index there or its parse error.
    let mut parsed = Vec::new();
    let mut slots = Vec::new();
    for bundle in bundles {
        slots.push(bundle.map(|bundle| {
            parsed.push(bundle);
            parsed.len() - 1
        }));
    }
    verify_all(slots.into_iter().map(|slot| slot.map(|i| &parsed[i])).collect(), trust)
}

/// The verdict on each bundle, or the error already found for it.
#[cfg(not(feature = "batch"))]
fn verify_all(bundles: Vec<Result<&ReceiptBundle, ReceiptError>>, trust: &Trust) -> Vec<Result<Verdict, ReceiptError>> {
    let mut proofs = AnchorProofs::shared();
    bundles.into_iter().map(|bundle| super::verify::verify_one(bundle?, trust, &mut proofs)).collect()
}

/// The verdict on each bundle, or the error already found for it: every check but the
/// signatures per bundle, then the signatures of all of them in batches.
#[cfg(feature = "batch")]
fn verify_all(bundles: Vec<Result<&ReceiptBundle, ReceiptError>>, trust: &Trust) -> Vec<Result<Verdict, ReceiptError>> {
    let mut proofs = AnchorProofs::shared();
    finish_all(bundles.into_iter().map(|bundle| Prepared::new(bundle?, trust, &mut proofs)).collect())
}

/// Verifies the signatures of every prepared bundle in batches and finishes each verdict.
#[cfg(feature = "batch")]
fn finish_all(prepared: Vec<Result<Prepared<'_>, ReceiptError>>) -> Vec<Result<Verdict, ReceiptError>> {
    let mut jobs: Vec<&SignatureJob<'_>> = Vec::new();
    for item in prepared.iter().flatten() {
        jobs.extend(item.agent.ed25519());
        jobs.extend(item.sequencer.ed25519());
    }
    // Filled without `vec![…; n]`, which would need (and compile) `Clone` for every error.
    let mut outcomes: Vec<Result<bool, ReceiptError>> = jobs.iter().map(|_| Ok(false)).collect();
    settle(&jobs, &mut outcomes);
    let mut outcomes = outcomes.into_iter();
    prepared
        .into_iter()
        .map(|item| {
            let item = item?;
            let agent = match item.agent.ed25519() {
                Some(_) => Some(outcomes.next().unwrap_or(Ok(false))?),
                None => None,
            };
            let sequencer = match item.sequencer.ed25519() {
                Some(_) => Some(outcomes.next().unwrap_or(Ok(false))?),
                None => None,
            };
            Ok(item.finish(agent, sequencer))
        })
        .collect()
}

/// Whether each job's signature verifies (or the error one-by-one verification gives for it).
#[cfg(feature = "batch")]
fn settle(jobs: &[&SignatureJob<'_>], outcomes: &mut [Result<bool, ReceiptError>]) {
    if jobs.len() < SMALLEST_BATCH {
        for (job, outcome) in jobs.iter().zip(outcomes.iter_mut()) {
            *outcome = job.verify();
        }
        return;
    }
    if batch_verifies(jobs) {
        outcomes.iter_mut().for_each(|outcome| *outcome = Ok(true));
        return;
    }
    let half = jobs.len() / 2;
    let (left, right) = outcomes.split_at_mut(half);
    settle(&jobs[..half], left);
    settle(&jobs[half..], right);
}

/// The most distinct keys [`batch_verifies`] keeps decompressed: a bulk call has a few (a
/// sequencer's keys, an agent's); past it, a key is decompressed for each job, so that crafted
/// input with many keys costs no quadratic search.
#[cfg(feature = "batch")]
const MOST_DISTINCT_KEYS: usize = 16;

/// One batched verification of every job against its first key: `false` if any signature or
/// key does not verify (the caller then narrows down which).
#[cfg(feature = "batch")]
fn batch_verifies(jobs: &[&SignatureJob<'_>]) -> bool {
    let mut keys = Vec::with_capacity(jobs.len());
    // Keys are few (the sequencer's, the agent's, alternating job by job): each distinct one is
    // decompressed once, a point decompression costing about a third of a batched verification.
    let mut distinct: Vec<([u8; 32], ed25519_dalek::VerifyingKey)> = Vec::new();
    for job in jobs {
        let Some(bytes) = job.keys.first() else {
            return false;
        };
        let key = match distinct.iter().find(|(seen, _)| seen == bytes) {
            Some((_, key)) => *key,
            None => match ed25519_dalek::VerifyingKey::from_bytes(bytes) {
                Ok(key) => {
                    if distinct.len() < MOST_DISTINCT_KEYS {
                        distinct.push((*bytes, key));
                    }
                    key
                }
                Err(_) => return false,
            },
        };
        keys.push(key);
    }
    let messages: Vec<&[u8]> = jobs.iter().map(|job| job.message.as_slice()).collect();
    let signatures: Vec<ed25519_dalek::Signature> =
        jobs.iter().map(|job| ed25519_dalek::Signature::from_bytes(&job.signature)).collect();
    ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok()
}
