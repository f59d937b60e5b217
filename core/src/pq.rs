//! ML-DSA-65 (FIPS 204): the post-quantum signatures of the sequencer's `hybrid` and `pqc-strict`
//! profiles, through Cryspen's `libcrux-ml-dsa` (never lattice code of our own; why that crate:
//! docs/adr/13-ml-dsa-crate.md).
//!
//! The sequencer signs the same 32-byte hashes as with Ed25519 (a receipt hash, an event signing
//! hash) with **pure ML-DSA-65 and an empty context**, deterministically, from keys derived from a
//! 32-byte seed (FIPS 204 `ML-DSA.KeyGen_internal`). Verification is in every build with the
//! `ml-dsa` feature (on by default; off in the npm package's checkout entry, where
//! [`verify_ml_dsa_65`] answers [`MlDsaOutcome::Unsupported`]). Signing needs `signing` as well.
//!
//! Key registration with the sequencer needs a proof of possession: each key signs
//! [`proof_of_possession_hash`] of the public key bytes (for a hybrid key, `ed25519_pk ‖ ml_dsa_pk`).

use alloc::vec::Vec;

use alloy_primitives::B256;
use sha2::{Digest, Sha256};

use crate::encoding::{decode_hex, EncodingError};

/// The length of an ML-DSA-65 public key (FIPS 204): 1952 bytes.
pub const ML_DSA_65_PUBLIC_KEY_LENGTH: usize = 1952;
/// The length of an ML-DSA-65 signature (FIPS 204): 3309 bytes.
pub use crate::ves::ML_DSA_65_SIGNATURE_LENGTH;
/// The domain of a key-registration proof of possession.
pub const DOMAIN_PROOF_OF_POSSESSION: &[u8] = b"VES_POP_V1";

/// What an ML-DSA-65 verification found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MlDsaOutcome {
    /// The signature verifies with the key.
    Valid,
    /// It does not (or is not a well-formed signature).
    Invalid,
    /// This build has no ML-DSA-65 (the `ml-dsa` feature is off): nothing was checked.
    Unsupported,
}

/// Reads an ML-DSA-65 public key from hex (with or without `0x`).
///
/// # Errors
/// [`EncodingError`] naming `field` for bad hex or a length other than 1952 bytes.
pub fn parse_ml_dsa_65_public_key(field: &str, text: &str) -> Result<Vec<u8>, EncodingError> {
    let key = decode_hex(field, text)?;
    if key.len() != ML_DSA_65_PUBLIC_KEY_LENGTH {
        return Err(EncodingError::wrong_length(field, ML_DSA_65_PUBLIC_KEY_LENGTH, key.len()));
    }
    Ok(key)
}

/// Verifies a pure ML-DSA-65 signature with an empty context over a 32-byte hash, as the
/// sequencer signs and verifies: [`verify_ml_dsa_65_with_context`] with `message` and no context.
///
/// A key or signature of the wrong length, or a signature that does not decode, is
/// [`MlDsaOutcome::Invalid`]: keys are checked when a trust is read ([`parse_ml_dsa_65_public_key`]).
/// Without the `ml-dsa` feature nothing is checked: [`MlDsaOutcome::Unsupported`].
pub fn verify_ml_dsa_65(public_key: &[u8], message: &B256, signature: &[u8]) -> MlDsaOutcome {
    verify_ml_dsa_65_with_context(public_key, message.as_slice(), &[], signature)
}

/// Verifies a pure ML-DSA-65 signature (FIPS 204 `ML-DSA.Verify`, the external interface: the
/// signer signed `0x00 ‖ len(context) ‖ context ‖ message`) of a message of any length under a
/// context string. The sequencer's signatures use no context ([`verify_ml_dsa_65`]); this form is
/// what the FIPS 204 test vectors (NIST ACVP) and other ML-DSA-65 users need.
///
/// [`MlDsaOutcome::Invalid`] for a key of other than 1952 bytes, a signature of other than 3309
/// bytes or one that does not decode, and a context over 255 bytes (FIPS 204 allows none: no
/// signature can be made with it). Without the `ml-dsa` feature nothing is checked:
/// [`MlDsaOutcome::Unsupported`].
#[cfg(feature = "ml-dsa")]
pub fn verify_ml_dsa_65_with_context(
    public_key: &[u8],
    message: &[u8],
    context: &[u8],
    signature: &[u8],
) -> MlDsaOutcome {
    use libcrux_ml_dsa::ml_dsa_65::{self, MLDSA65Signature, MLDSA65VerificationKey};
    let (Ok(key), Ok(signature)) = (
        <[u8; ML_DSA_65_PUBLIC_KEY_LENGTH]>::try_from(public_key),
        <[u8; ML_DSA_65_SIGNATURE_LENGTH]>::try_from(signature),
    ) else {
        return MlDsaOutcome::Invalid;
    };
    // A malformed hint, an oversized response or a context over 255 bytes is an error like a
    // wrong signature: all are Invalid.
    match ml_dsa_65::verify(&MLDSA65VerificationKey::new(key), message, context, &MLDSA65Signature::new(signature)) {
        Ok(()) => MlDsaOutcome::Valid,
        Err(_) => MlDsaOutcome::Invalid,
    }
}

/// Without the `ml-dsa` feature nothing is checked: [`MlDsaOutcome::Unsupported`].
#[cfg(not(feature = "ml-dsa"))]
pub fn verify_ml_dsa_65_with_context(
    _public_key: &[u8],
    _message: &[u8],
    _context: &[u8],
    _signature: &[u8],
) -> MlDsaOutcome {
    MlDsaOutcome::Unsupported
}

/// `SHA-256("VES_POP_V1" ‖ public key bytes)`: what each key signs to prove possession when it is
/// registered (for a hybrid key, the bytes are `ed25519_pk ‖ ml_dsa_pk` and both keys sign).
pub fn proof_of_possession_hash(public_key_bytes: &[u8]) -> B256 {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN_PROOF_OF_POSSESSION);
    hasher.update(public_key_bytes);
    B256::from(<[u8; 32]>::from(hasher.finalize()))
}

/// Deterministic ML-DSA-65 signing from a 32-byte seed, as the sequencer signs (feature
/// `signing` with `ml-dsa`).
#[cfg(all(feature = "signing", feature = "ml-dsa"))]
pub mod signing {
    use alloc::vec::Vec;

    use alloy_primitives::B256;
    use libcrux_ml_dsa::ml_dsa_65::{self, MLDSA65SigningKey};
    use zeroize::Zeroize;

    use super::ML_DSA_65_PUBLIC_KEY_LENGTH;

    /// FIPS 204's deterministic variant: the signing randomness `rnd` is 32 zero bytes, so the
    /// same key and message give the same signature (the sequencer's, and RustCrypto `ml-dsa`'s
    /// `sign_deterministic`).
    const DETERMINISTIC: [u8; libcrux_ml_dsa::SIGNING_RANDOMNESS_SIZE] = [0; libcrux_ml_dsa::SIGNING_RANDOMNESS_SIZE];

    /// An ML-DSA-65 key pair derived from a seed (FIPS 204 `ML-DSA.KeyGen_internal`): the encoded
    /// signing key (4032 bytes, what a signature starts from) and the public key. libcrux leaves
    /// its keys' secrecy to the caller: the signing key is overwritten with zeros when this is
    /// dropped.
    pub(crate) struct ExpandedKey {
        signing_key: MLDSA65SigningKey,
        public_key: [u8; ML_DSA_65_PUBLIC_KEY_LENGTH],
    }

    impl ExpandedKey {
        /// The key pair of `seed`.
        pub(crate) fn from_seed(seed: &[u8; 32]) -> ExpandedKey {
            let pair = ml_dsa_65::generate_key_pair(*seed);
            ExpandedKey { signing_key: pair.signing_key, public_key: *pair.verification_key.as_ref() }
        }

        /// The public key (1952 bytes).
        pub(crate) fn public_key(&self) -> &[u8; ML_DSA_65_PUBLIC_KEY_LENGTH] {
            &self.public_key
        }

        /// The pure ML-DSA-65 signature (3309 bytes) of `message` with an empty context,
        /// deterministic.
        pub(crate) fn sign(&self, message: &B256) -> Vec<u8> {
            // The context is empty (within FIPS 204's 255 bytes). libcrux gives up after 814
            // rejected attempts; an ML-DSA-65 attempt is rejected with probability ~0.8 (5.1
            // expected attempts), so that is a chance of ~2^-262: never met in practice.
            ml_dsa_65::sign(&self.signing_key, message.as_slice(), &[], DETERMINISTIC)
                .map(|signature| signature.as_slice().to_vec())
                .unwrap_or_default()
        }

        /// Overwrites the signing key with zeros (what dropping the key does).
        pub(super) fn wipe(&mut self) {
            self.signing_key.as_mut_slice().zeroize();
        }

        #[cfg(test)]
        pub(super) fn signing_key_bytes(&self) -> &[u8] {
            self.signing_key.as_slice()
        }
    }

    impl Drop for ExpandedKey {
        fn drop(&mut self) {
            self.wipe();
        }
    }

    /// The public key (1952 bytes) of the key pair derived from `seed` (FIPS 204 KeyGen_internal).
    pub fn public_key(seed: &[u8; 32]) -> Vec<u8> {
        ExpandedKey::from_seed(seed).public_key().to_vec()
    }

    /// The pure ML-DSA-65 signature (3309 bytes) of `message` with an empty context, deterministic.
    pub fn sign(seed: &[u8; 32], message: &B256) -> Vec<u8> {
        ExpandedKey::from_seed(seed).sign(message)
    }
}

#[cfg(all(test, feature = "signing", feature = "ml-dsa"))]
mod differential;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proof_of_possession_is_sha256_of_the_domain_and_the_key() {
        let hash = proof_of_possession_hash(&[1, 2, 3]);
        let mut expected = Sha256::new();
        expected.update(b"VES_POP_V1\x01\x02\x03");
        assert_eq!(hash.as_slice(), expected.finalize().as_slice());
    }

    #[test]
    fn public_keys_of_the_wrong_length_are_refused_naming_the_field() {
        let err = parse_ml_dsa_65_public_key("trust.k", "0x00").unwrap_err();
        assert_eq!((err.code(), err.field()), ("WRONG_LENGTH", "trust.k"));
    }
}
