//! The differential test of the core's ML-DSA-65 (libcrux-ml-dsa) against RustCrypto `ml-dsa`
//! 0.1.2, the crate it replaced (docs/adr/13-ml-dsa-crate.md): the same public keys from the same
//! seeds, the same deterministic signatures, each verifying the other's signatures (hedged ones
//! too, whose bytes differ), and the same verdict on damaged signatures.

use alloc::vec::Vec;

use alloy_primitives::B256;
use ml_dsa::signature::Keypair;
use ml_dsa::{
    EncodedSignature, EncodedVerifyingKey, ExpandedSigningKey, MlDsa65, Signature, SigningKey, VerifyingKey, B32,
};
use sha2::{Digest, Sha256};

use super::signing::{self, ExpandedKey};
use super::{verify_ml_dsa_65, verify_ml_dsa_65_with_context, MlDsaOutcome, ML_DSA_65_SIGNATURE_LENGTH};

/// Test bytes: SHA-256 of a label and a counter (no randomness in the core's tests either).
fn bytes32(label: &str, i: usize) -> [u8; 32] {
    Sha256::new().chain_update(label).chain_update(i.to_le_bytes()).finalize().into()
}

fn oracle_key(seed: &[u8; 32]) -> SigningKey<MlDsa65> {
    SigningKey::from_seed(&(*seed).into())
}

fn oracle_verify(public_key: &[u8], message: &[u8], context: &[u8], signature: &[u8]) -> MlDsaOutcome {
    let key =
        VerifyingKey::<MlDsa65>::decode(&EncodedVerifyingKey::<MlDsa65>::try_from(public_key).expect("1952 bytes"));
    let Ok(encoded) = EncodedSignature::<MlDsa65>::try_from(signature) else { return MlDsaOutcome::Invalid };
    match Signature::<MlDsa65>::decode(&encoded) {
        Some(signature) if key.verify_with_context(message, context, &signature) => MlDsaOutcome::Valid,
        _ => MlDsaOutcome::Invalid,
    }
}

/// The pure ML-DSA-65 message representative M' of FIPS 204's external interface.
fn external_message<'a>(context: &'a [u8], message: &'a [u8], header: &'a [u8; 2]) -> [&'a [u8]; 3] {
    [header.as_slice(), context, message]
}

// Debug builds of both crates take tens of milliseconds per operation: a few dozen seeds keep
// the test under a minute while covering many rejection-loop lengths.
const SEEDS: usize = 40;

#[test]
fn keys_from_seeds_and_deterministic_signatures_equal_ml_dsa_and_each_verifies_the_other() {
    for i in 0..SEEDS {
        let seed = bytes32("seed", i);
        let message = B256::from(bytes32("message", i));
        let ours = ExpandedKey::from_seed(&seed);
        let oracle = oracle_key(&seed);
        assert_eq!(ours.public_key().as_slice(), oracle.verifying_key().encode().as_slice(), "public key of seed {i}");
        assert_eq!(signing::public_key(&seed), ours.public_key().to_vec());

        let signature = ours.sign(&message);
        let expected =
            oracle.expanded_key().sign_deterministic(message.as_slice(), &[]).expect("empty context").encode();
        assert_eq!(signature.len(), ML_DSA_65_SIGNATURE_LENGTH);
        assert_eq!(signature.as_slice(), expected.as_slice(), "signature of seed {i}");
        assert_eq!(signing::sign(&seed, &message), signature);

        assert_eq!(verify_ml_dsa_65(ours.public_key(), &message, &expected), MlDsaOutcome::Valid);
        assert_eq!(oracle_verify(ours.public_key(), message.as_slice(), &[], &signature), MlDsaOutcome::Valid);
        // Another message's hash: both refuse.
        let other = B256::from(bytes32("other", i));
        assert_eq!(verify_ml_dsa_65(ours.public_key(), &other, &signature), MlDsaOutcome::Invalid);
        assert_eq!(oracle_verify(ours.public_key(), other.as_slice(), &[], &signature), MlDsaOutcome::Invalid);
    }
}

#[test]
fn hedged_signatures_with_contexts_and_long_messages_verify_both_ways() {
    for i in 0..SEEDS / 2 {
        let seed = bytes32("hedged seed", i);
        let rnd = bytes32("rnd", i);
        let message: Vec<u8> = (0..(i * 97) % 700).map(|j| (j * 31 + i) as u8).collect();
        let context: Vec<u8> = (0..(i * 13) % 256).map(|j| j as u8).collect();
        let header = [0, context.len() as u8];
        let pair = libcrux_ml_dsa::ml_dsa_65::generate_key_pair(seed);
        let public_key = pair.verification_key.as_slice();

        // libcrux's hedged signature (rnd ≠ 0), verified by ml-dsa; ml-dsa's, by the core.
        let ours = libcrux_ml_dsa::ml_dsa_65::sign(&pair.signing_key, &message, &context, rnd).expect("signs");
        let theirs = ExpandedSigningKey::<MlDsa65>::from_seed(&seed.into())
            .sign_internal(&external_message(&context, &message, &header), &B32::from(rnd))
            .encode();
        // The same FIPS 204 algorithm with the same rnd gives the same bytes, hedged as well.
        assert_eq!(ours.as_slice(), theirs.as_slice(), "hedged signature {i}");
        assert_eq!(oracle_verify(public_key, &message, &context, ours.as_slice()), MlDsaOutcome::Valid);
        assert_eq!(verify_ml_dsa_65_with_context(public_key, &message, &context, &theirs), MlDsaOutcome::Valid);
        // Another context: both refuse.
        assert_eq!(verify_ml_dsa_65_with_context(public_key, &message, b"x", &theirs), MlDsaOutcome::Invalid);
        assert_eq!(oracle_verify(public_key, &message, b"x", ours.as_slice()), MlDsaOutcome::Invalid);
    }
}

#[test]
fn damaged_signatures_get_the_same_verdict_from_both() {
    // Every region of the encoding (FIPS 204 sigEncode): c~ (48 bytes), z (5 × 640 bytes) and the
    // hint (55 indices + 6 counts), where a malformed hint must be refused, not read.
    let seed = bytes32("damaged", 0);
    let message = B256::from(bytes32("damaged message", 0));
    let key = ExpandedKey::from_seed(&seed);
    let signature = key.sign(&message);
    let hint = ML_DSA_65_SIGNATURE_LENGTH - 61;
    let mut positions: Vec<usize> = (0..ML_DSA_65_SIGNATURE_LENGTH).step_by(97).collect();
    positions.extend(hint..ML_DSA_65_SIGNATURE_LENGTH);
    let (mut tried, mut refused) = (0, 0);
    for position in positions {
        for flip in [0x01, 0x80, 0xff] {
            let mut damaged = signature.clone();
            damaged[position] ^= flip;
            let ours = verify_ml_dsa_65(key.public_key(), &message, &damaged);
            assert_eq!(
                ours,
                oracle_verify(key.public_key(), message.as_slice(), &[], &damaged),
                "byte {position} ^ {flip:#x}"
            );
            tried += 1;
            refused += usize::from(ours == MlDsaOutcome::Invalid);
        }
    }
    // And both refuse every one (a verdict they agree on could be a shared "valid").
    assert_eq!(refused, tried);
    // Hint counts out of order or over ω (55), and a signature of the wrong length.
    for counts in [[1, 0, 0, 0, 0, 0], [56, 56, 56, 56, 56, 56], [0, 0, 0, 0, 0, 255]] {
        let mut damaged = signature.clone();
        damaged[ML_DSA_65_SIGNATURE_LENGTH - 6..].copy_from_slice(&counts);
        assert_eq!(verify_ml_dsa_65(key.public_key(), &message, &damaged), MlDsaOutcome::Invalid);
        assert_eq!(oracle_verify(key.public_key(), message.as_slice(), &[], &damaged), MlDsaOutcome::Invalid);
    }
    assert_eq!(verify_ml_dsa_65(key.public_key(), &message, &signature[1..]), MlDsaOutcome::Invalid);
    assert_eq!(verify_ml_dsa_65(&key.public_key()[1..], &message, &signature), MlDsaOutcome::Invalid);
    assert_eq!(
        verify_ml_dsa_65_with_context(key.public_key(), message.as_slice(), &[0; 256], &signature),
        MlDsaOutcome::Invalid
    );
}

#[test]
fn wiping_the_key_overwrites_the_signing_key() {
    // Drop calls `wipe` (the core forbids the unsafe code that would read a dropped value).
    let mut key = ExpandedKey::from_seed(&bytes32("zeroize", 0));
    assert!(key.signing_key_bytes().iter().any(|&b| b != 0));
    key.wipe();
    assert!(key.signing_key_bytes().iter().all(|&b| b == 0));
}
