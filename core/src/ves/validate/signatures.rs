//! The signature checks of [`super::check_event`], as the server makes them: which key of a
//! registered agent key verifies an event ([`Verifier`]), and the signatures each
//! `agent_signature_scheme` needs (see [the table](super#signatures-by-scheme)). The ML-DSA-65
//! check also serves the proofs of possession of key registration.

use core::fmt;

use alloy_primitives::B256;

use super::AgentKey;
use crate::pq::{self, MlDsaOutcome, ML_DSA_65_PUBLIC_KEY_LENGTH, ML_DSA_65_SIGNATURE_LENGTH};
use crate::ves::profile::{KeyAlgorithm, SignatureScheme};
use crate::ves::VesEvent;

/// How a signature (or a proof of possession) failed: the server's signing errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureFailure {
    /// The signature does not verify with the key, or the scheme needs a key of another algorithm.
    VerificationFailed,
    /// A signature the scheme needs is missing (no bundle, or no such half in it) or of the wrong
    /// length.
    InvalidSignatureFormat,
    /// The key is not usable: not an Ed25519 point, or an ML-DSA-65 key of the wrong length.
    InvalidPublicKeyFormat,
    /// This build has no ML-DSA-65 (set-core without the `ml-dsa` feature), as a server built
    /// without post-quantum support answers.
    PqcNotEnabled,
}

impl SignatureFailure {
    /// The error's words, as the server's `Display` writes them (in registration answers).
    pub fn words(&self) -> &'static str {
        match self {
            SignatureFailure::VerificationFailed => "signature verification failed",
            SignatureFailure::InvalidSignatureFormat => "invalid signature format",
            SignatureFailure::InvalidPublicKeyFormat => "invalid public key format",
            SignatureFailure::PqcNotEnabled => "signing failed: PQC feature not enabled",
        }
    }
}

/// The error as the server's `Debug` writes it (in ingest rejections: `VerificationFailed`, …).
impl fmt::Display for SignatureFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureFailure::VerificationFailed => "VerificationFailed",
            SignatureFailure::InvalidSignatureFormat => "InvalidSignatureFormat",
            SignatureFailure::InvalidPublicKeyFormat => "InvalidPublicKeyFormat",
            SignatureFailure::PqcNotEnabled => "SigningFailed(\"PQC feature not enabled\")",
        })
    }
}

/// What a registered key verifies events with, by its algorithm (the server's verification key).
pub(super) enum Verifier<'a> {
    /// Ed25519 alone: `agent_signature`.
    Ed25519(&'a [u8; 32]),
    /// Ed25519 and ML-DSA-65, both from the bundles.
    Hybrid { ed25519: &'a [u8; 32], ml_dsa_65: &'a [u8] },
    /// ML-DSA-65 alone, from the bundle.
    MlDsa65(&'a [u8]),
}

impl<'a> Verifier<'a> {
    /// What `key` verifies events with, by its algorithm; `None` when it cannot verify any: an
    /// Ed25519 part that is not a curve point, a part its algorithm needs missing, or an
    /// algorithm that does not sign (X25519, ML-KEM-768).
    pub(super) fn of(key: &'a AgentKey) -> Option<Self> {
        let point = |bytes: &[u8; 32]| ed25519_dalek::VerifyingKey::from_bytes(bytes).is_ok();
        match key.algorithm {
            KeyAlgorithm::Unspecified | KeyAlgorithm::Ed25519 => {
                Some(&key.public_key).filter(|k| point(k)).map(Verifier::Ed25519)
            }
            KeyAlgorithm::Ed25519MlDsa65 => key
                .bundle_ed25519_public_key
                .as_ref()
                .filter(|k| point(k))
                .zip(key.ml_dsa_65_public_key.as_deref())
                .map(|(ed25519, ml_dsa_65)| Verifier::Hybrid { ed25519, ml_dsa_65 }),
            KeyAlgorithm::MlDsa65 => key.ml_dsa_65_public_key.as_deref().map(Verifier::MlDsa65),
            KeyAlgorithm::X25519 | KeyAlgorithm::MlKem768 | KeyAlgorithm::X25519MlKem768 => None,
        }
    }
}

fn ed25519_signature(key: &[u8; 32], hash: &B256, signature: &[u8; 64]) -> Result<(), SignatureFailure> {
    match crate::ves::verify_ed25519("agent_public_key", key, hash, signature) {
        Ok(true) => Ok(()),
        _ => Err(SignatureFailure::VerificationFailed),
    }
}

/// An ML-DSA-65 signature the scheme needs, checked as the server checks it: present, then the
/// key's length, then the signature's, then the verification. Proofs of possession too.
pub(in crate::ves) fn ml_dsa_65_signature(
    key: &[u8],
    hash: &B256,
    signature: Option<&[u8]>,
) -> Result<(), SignatureFailure> {
    let signature = signature.ok_or(SignatureFailure::InvalidSignatureFormat)?;
    if key.len() != ML_DSA_65_PUBLIC_KEY_LENGTH {
        return Err(SignatureFailure::InvalidPublicKeyFormat);
    }
    if signature.len() != ML_DSA_65_SIGNATURE_LENGTH {
        return Err(SignatureFailure::InvalidSignatureFormat);
    }
    // (A signature of the right length that does not decode is InvalidSignatureFormat on the
    // server; RustCrypto's verification here only says it does not verify.)
    match pq::verify_ml_dsa_65(key, hash, signature) {
        MlDsaOutcome::Valid => Ok(()),
        MlDsaOutcome::Invalid => Err(SignatureFailure::VerificationFailed),
        MlDsaOutcome::Unsupported => Err(SignatureFailure::PqcNotEnabled),
    }
}

/// The signatures `scheme` names, with the key of the matching algorithm; any other pairing of
/// scheme and key fails, so that a scheme cannot downgrade what the key requires.
pub(super) fn verify_agent_signatures(
    event: &VesEvent,
    scheme: SignatureScheme,
    key: &Verifier<'_>,
) -> Result<(), SignatureFailure> {
    // The lengths were checked before: the hash cannot fail.
    let hash = event.signing_hash().map_err(|_| SignatureFailure::VerificationFailed)?;
    let bundle = event.agent_signature_bundle.as_ref();
    match (scheme, key) {
        (SignatureScheme::Unspecified | SignatureScheme::Ed25519, Verifier::Ed25519(key)) => {
            ed25519_signature(key, &hash, &event.agent_signature)
        }
        (SignatureScheme::Ed25519MlDsa65, Verifier::Hybrid { ed25519, ml_dsa_65 }) => {
            let bundle = bundle.ok_or(SignatureFailure::InvalidSignatureFormat)?;
            let signature = bundle.ed25519_signature.ok_or(SignatureFailure::InvalidSignatureFormat)?;
            ed25519_signature(ed25519, &hash, &signature)?;
            ml_dsa_65_signature(ml_dsa_65, &hash, bundle.ml_dsa_65_signature.as_deref())
        }
        (SignatureScheme::MlDsa65, Verifier::MlDsa65(key)) => {
            let bundle = bundle.ok_or(SignatureFailure::InvalidSignatureFormat)?;
            ml_dsa_65_signature(key, &hash, bundle.ml_dsa_65_signature.as_deref())
        }
        _ => Err(SignatureFailure::VerificationFailed),
    }
}
