//! The sequencer's security profiles (`VES_SEQUENCER_SECURITY_PROFILE` = `legacy` | `hybrid` |
//! `pqc-strict`, stateset-sequencer 0.2.7): which agent signature schemes and key algorithms each
//! one takes, and how it signs receipts, as pure functions.
//!
//! | Profile | Agent signature schemes | Key algorithms registered | Receipts |
//! |---|---|---|---|
//! | `legacy` | every one | every one | Ed25519: `signatureAlg` `ed25519`, scheme 1, no bundle |
//! | `hybrid` | 2 ML-DSA-65, 3 Ed25519 + ML-DSA-65 | the post-quantum ones: 3 ML-DSA-65, 4 ML-KEM-768, 5 Ed25519 + ML-DSA-65, 6 X25519 + ML-KEM-768 | `Ed25519MlDsa65`, scheme 3, both signatures in the bundle |
//! | `pqc-strict` | 2 ML-DSA-65 | 3 ML-DSA-65, 4 ML-KEM-768 | `MlDsa65`, scheme 2, `sequencerSignature` `""`, the ML-DSA-65 signature alone in the bundle |
//!
//! A scheme or algorithm the profile allows can still fail later: an event must be signed the way
//! its registered key says ([`super::validate::check_event`]); a key needs a proof of possession
//! ([`super::agent_keys::check_registration`]).
//!
//! Both receipt signatures are over the same 32-byte receipt hash; ML-DSA-65 is pure ML-DSA with
//! an empty context, deterministic, from a 32-byte seed ([`crate::pq`]), so a receipt is the same
//! bytes as the real server's for the same keys.

use core::fmt;
use core::str::FromStr;

/// The server's security profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SecurityProfile {
    /// Ed25519 receipts; every signature scheme and key algorithm is allowed by the profile (a
    /// scheme the registered key cannot check fails as a signature).
    #[default]
    Legacy,
    /// Ed25519 + ML-DSA-65 receipts; agents sign with ML-DSA-65 (scheme 2) or both (scheme 3).
    Hybrid,
    /// ML-DSA-65 receipts only; agents sign with ML-DSA-65 only (scheme 2).
    PqcStrict,
}

/// A profile name other than `legacy`, `hybrid` and `pqc-strict`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid security profile {0:?}: expected legacy, hybrid or pqc-strict")]
pub struct UnknownProfile(pub alloc::string::String);

impl SecurityProfile {
    /// Every profile, in the order above.
    pub const ALL: [SecurityProfile; 3] =
        [SecurityProfile::Legacy, SecurityProfile::Hybrid, SecurityProfile::PqcStrict];

    /// The profile's name, as the server reads it from its setting and writes it in its messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            SecurityProfile::Legacy => "legacy",
            SecurityProfile::Hybrid => "hybrid",
            SecurityProfile::PqcStrict => "pqc-strict",
        }
    }

    /// Reads a profile name as the server reads its setting: surrounding white space and ASCII
    /// case ignored.
    ///
    /// # Errors
    /// [`UnknownProfile`] for any other name.
    pub fn parse(text: &str) -> Result<Self, UnknownProfile> {
        let name = text.trim().to_ascii_lowercase();
        SecurityProfile::ALL
            .into_iter()
            .find(|profile| profile.as_str() == name)
            .ok_or_else(|| UnknownProfile(text.into()))
    }

    /// Whether the profile allows events signed with `scheme` (checked after the agent key is
    /// found, before any signature is verified).
    pub fn allows_scheme(&self, scheme: SignatureScheme) -> bool {
        match self {
            SecurityProfile::Legacy => true,
            SecurityProfile::Hybrid => scheme.is_post_quantum(),
            SecurityProfile::PqcStrict => scheme == SignatureScheme::MlDsa65,
        }
    }

    /// Whether the profile lets a key of `algorithm` be registered.
    pub fn allows_key_algorithm(&self, algorithm: KeyAlgorithm) -> bool {
        match self {
            SecurityProfile::Legacy => true,
            SecurityProfile::Hybrid => algorithm.is_post_quantum(),
            SecurityProfile::PqcStrict => matches!(algorithm, KeyAlgorithm::MlDsa65 | KeyAlgorithm::MlKem768),
        }
    }

    /// The scheme the sequencer signs its receipts with under this profile.
    pub fn receipt_scheme(&self) -> SignatureScheme {
        match self {
            SecurityProfile::Legacy => SignatureScheme::Ed25519,
            SecurityProfile::Hybrid => SignatureScheme::Ed25519MlDsa65,
            SecurityProfile::PqcStrict => SignatureScheme::MlDsa65,
        }
    }
}

impl fmt::Display for SecurityProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SecurityProfile {
    type Err = UnknownProfile;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        SecurityProfile::parse(text)
    }
}

/// An event's `agent_signature_scheme` (absent is 0), as the server reads it: unknown numbers
/// are [`SignatureScheme::Unspecified`]. Also a receipt's `receiptSignatureScheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureScheme {
    /// 0 or unknown: legacy Ed25519 (`agent_signature`).
    Unspecified,
    /// 1: Ed25519 (`agent_signature`).
    Ed25519,
    /// 2: ML-DSA-65 only, in the signature bundle; `agent_signature` is not checked.
    MlDsa65,
    /// 3: Ed25519 and ML-DSA-65, both in the signature bundle, both required.
    Ed25519MlDsa65,
}

impl SignatureScheme {
    /// The scheme of an event's `agent_signature_scheme` field.
    pub fn from_field(value: Option<u32>) -> Self {
        match value.unwrap_or(0) {
            1 => SignatureScheme::Ed25519,
            2 => SignatureScheme::MlDsa65,
            3 => SignatureScheme::Ed25519MlDsa65,
            _ => SignatureScheme::Unspecified,
        }
    }

    /// The scheme's number on the wire.
    pub fn number(&self) -> u32 {
        match self {
            SignatureScheme::Unspecified => 0,
            SignatureScheme::Ed25519 => 1,
            SignatureScheme::MlDsa65 => 2,
            SignatureScheme::Ed25519MlDsa65 => 3,
        }
    }

    /// The scheme's name as the server writes it in messages (and, for ML-DSA-65 receipts, in
    /// `signatureAlg`).
    pub fn name(&self) -> &'static str {
        match self {
            SignatureScheme::Unspecified => "Unspecified",
            SignatureScheme::Ed25519 => "Ed25519",
            SignatureScheme::MlDsa65 => "MlDsa65",
            SignatureScheme::Ed25519MlDsa65 => "Ed25519MlDsa65",
        }
    }

    /// Whether the scheme has an ML-DSA-65 signature (2 and 3).
    pub fn is_post_quantum(&self) -> bool {
        matches!(self, SignatureScheme::MlDsa65 | SignatureScheme::Ed25519MlDsa65)
    }
}

/// A registration's `keyAlgorithm` (absent is 0), as the server reads it: unknown numbers are
/// [`KeyAlgorithm::Unspecified`]. Only the signing ones (0, 1, 3, 5) can verify events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyAlgorithm {
    /// 0 or unknown: a legacy Ed25519 key in `publicKey`.
    Unspecified,
    /// 1: Ed25519, in `publicKey`.
    Ed25519,
    /// 2: X25519 (encryption).
    X25519,
    /// 3: ML-DSA-65, in `publicKeyBundle.mlDsa65PublicKey` (`publicKey` may be empty).
    MlDsa65,
    /// 4: ML-KEM-768 (encryption).
    MlKem768,
    /// 5: Ed25519 + ML-DSA-65, both in `publicKeyBundle` (`publicKey` must be 32 bytes too).
    Ed25519MlDsa65,
    /// 6: X25519 + ML-KEM-768 (encryption).
    X25519MlKem768,
}

impl KeyAlgorithm {
    /// The algorithm of a registration's `keyAlgorithm` field.
    pub fn from_field(value: Option<i32>) -> Self {
        match value.unwrap_or(0) {
            1 => KeyAlgorithm::Ed25519,
            2 => KeyAlgorithm::X25519,
            3 => KeyAlgorithm::MlDsa65,
            4 => KeyAlgorithm::MlKem768,
            5 => KeyAlgorithm::Ed25519MlDsa65,
            6 => KeyAlgorithm::X25519MlKem768,
            _ => KeyAlgorithm::Unspecified,
        }
    }

    /// The algorithm's number on the wire.
    pub fn number(&self) -> i32 {
        match self {
            KeyAlgorithm::Unspecified => 0,
            KeyAlgorithm::Ed25519 => 1,
            KeyAlgorithm::X25519 => 2,
            KeyAlgorithm::MlDsa65 => 3,
            KeyAlgorithm::MlKem768 => 4,
            KeyAlgorithm::Ed25519MlDsa65 => 5,
            KeyAlgorithm::X25519MlKem768 => 6,
        }
    }

    /// The algorithm's name as the server writes it in messages.
    pub fn name(&self) -> &'static str {
        match self {
            KeyAlgorithm::Unspecified => "Unspecified",
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::X25519 => "X25519",
            KeyAlgorithm::MlDsa65 => "MlDsa65",
            KeyAlgorithm::MlKem768 => "MlKem768",
            KeyAlgorithm::Ed25519MlDsa65 => "Ed25519MlDsa65",
            KeyAlgorithm::X25519MlKem768 => "X25519MlKem768",
        }
    }

    /// Whether the key has ML-DSA-65 signing material (3, 5).
    pub fn has_ml_dsa(&self) -> bool {
        matches!(self, KeyAlgorithm::MlDsa65 | KeyAlgorithm::Ed25519MlDsa65)
    }

    /// Whether the key has Ed25519 signing material (1, 5; a legacy key, 0, is Ed25519 too but
    /// not counted here, as in the server).
    pub fn has_ed25519(&self) -> bool {
        matches!(self, KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed25519MlDsa65)
    }

    /// Whether the algorithm is post-quantum (3, 4, 5, 6).
    pub fn is_post_quantum(&self) -> bool {
        matches!(
            self,
            KeyAlgorithm::MlDsa65
                | KeyAlgorithm::MlKem768
                | KeyAlgorithm::Ed25519MlDsa65
                | KeyAlgorithm::X25519MlKem768
        )
    }

    /// Whether a registration needs a proof of possession (3 and 5).
    pub fn needs_proof_of_possession(&self) -> bool {
        self.has_ml_dsa()
    }
}

/// The `signatureAlg` of a replayed receipt. The server keeps a receipt's signatures but not its
/// `signatureAlg`: an exact replay answers `ed25519` when the stored receipt has an Ed25519
/// `sequencerSignature` and `none` otherwise, whatever the profile signed (so a hybrid receipt
/// comes back as `ed25519`, with its scheme 3 and both signatures, and a `pqc-strict` one as
/// `none`).
pub fn replayed_signature_alg(sequencer_signature: Option<&[u8; 64]>) -> &'static str {
    match sequencer_signature {
        Some(_) => "ed25519",
        None => "none",
    }
}

/// The sequencer's receipt keys, as 32-byte seeds (feature `signing` with `ml-dsa`).
#[cfg(all(feature = "signing", feature = "ml-dsa"))]
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptKeys {
    /// The Ed25519 secret seed (RFC 8032).
    pub ed25519_seed: [u8; 32],
    /// The ML-DSA-65 seed (FIPS 204 `ML-DSA.KeyGen_internal`).
    pub ml_dsa_65_seed: [u8; 32],
}

#[cfg(all(feature = "signing", feature = "ml-dsa"))]
impl fmt::Debug for ReceiptKeys {
    // Seeds are secrets: never in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReceiptKeys { .. }")
    }
}

/// A receipt's signature fields, as the server fills them under a profile.
#[cfg(all(feature = "signing", feature = "ml-dsa"))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptSignatures {
    /// `signatureAlg`: `ed25519`, `Ed25519MlDsa65` or `MlDsa65`.
    pub signature_alg: &'static str,
    /// `sequencerSignature`: the Ed25519 signature (`None` under `pqc-strict`: `""`).
    pub sequencer_signature: Option<[u8; 64]>,
    /// `receiptSignatureScheme`: 1, 3 or 2.
    pub receipt_signature_scheme: i32,
    /// `receiptSignatureBundle` (none under `legacy`).
    pub receipt_signature_bundle: Option<crate::sequencer::ReceiptSignatureBundle>,
}

#[cfg(all(feature = "signing", feature = "ml-dsa"))]
impl SecurityProfile {
    /// Signs `receipt_hash` as the server does under this profile: `legacy` with Ed25519 alone
    /// (no bundle), `hybrid` with both keys (the Ed25519 signature both in `sequencerSignature`
    /// and in the bundle), `pqc-strict` with ML-DSA-65 alone (`ed25519_signature` null in the
    /// bundle).
    pub fn sign_receipt(&self, keys: &ReceiptKeys, receipt_hash: &alloy_primitives::B256) -> ReceiptSignatures {
        use crate::sequencer::ReceiptSignatureBundle;
        let ed25519 = || super::signing::sign(&keys.ed25519_seed, receipt_hash);
        let ml_dsa = || crate::pq::signing::sign(&keys.ml_dsa_65_seed, receipt_hash);
        match self {
            SecurityProfile::Legacy => ReceiptSignatures {
                signature_alg: "ed25519",
                sequencer_signature: Some(ed25519()),
                receipt_signature_scheme: 1,
                receipt_signature_bundle: None,
            },
            SecurityProfile::Hybrid => {
                let signature = ed25519();
                ReceiptSignatures {
                    signature_alg: SignatureScheme::Ed25519MlDsa65.name(),
                    sequencer_signature: Some(signature),
                    receipt_signature_scheme: 3,
                    receipt_signature_bundle: Some(ReceiptSignatureBundle {
                        ed25519_signature: Some(signature.to_vec()),
                        ml_dsa_65_signature: Some(ml_dsa()),
                    }),
                }
            }
            SecurityProfile::PqcStrict => ReceiptSignatures {
                signature_alg: SignatureScheme::MlDsa65.name(),
                sequencer_signature: None,
                receipt_signature_scheme: 2,
                receipt_signature_bundle: Some(ReceiptSignatureBundle {
                    ed25519_signature: None,
                    ml_dsa_65_signature: Some(ml_dsa()),
                }),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_read_as_the_server_reads_its_setting() {
        assert_eq!(SecurityProfile::parse(" PQC-Strict\n"), Ok(SecurityProfile::PqcStrict));
        assert_eq!("hybrid".parse(), Ok(SecurityProfile::Hybrid));
        assert_eq!(SecurityProfile::parse("legacy").map(|p| p.to_string()), Ok("legacy".into()));
        assert!(SecurityProfile::parse("pqc_strict").is_err());
        assert!(SecurityProfile::parse("").is_err());
        assert_eq!(SecurityProfile::default(), SecurityProfile::Legacy);
    }

    #[test]
    fn each_profile_allows_the_servers_schemes_and_key_algorithms() {
        let schemes = [0, 1, 2, 3].map(|n| SignatureScheme::from_field(Some(n)));
        let allowed = |profile: SecurityProfile| schemes.map(|s| profile.allows_scheme(s));
        assert_eq!(allowed(SecurityProfile::Legacy), [true, true, true, true]);
        assert_eq!(allowed(SecurityProfile::Hybrid), [false, false, true, true]);
        assert_eq!(allowed(SecurityProfile::PqcStrict), [false, false, true, false]);
        let algorithms = [0, 1, 2, 3, 4, 5, 6].map(|n| KeyAlgorithm::from_field(Some(n)));
        let registrable = |profile: SecurityProfile| algorithms.map(|a| profile.allows_key_algorithm(a));
        assert_eq!(registrable(SecurityProfile::Legacy), [true; 7]);
        assert_eq!(registrable(SecurityProfile::Hybrid), [false, false, false, true, true, true, true]);
        assert_eq!(registrable(SecurityProfile::PqcStrict), [false, false, false, true, true, false, false]);
        // Numbers round-trip; unknown ones are Unspecified, as in the server.
        assert_eq!(algorithms.map(|a| a.number()), [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(schemes.map(|s| s.number()), [0, 1, 2, 3]);
        assert_eq!(KeyAlgorithm::from_field(Some(7)), KeyAlgorithm::Unspecified);
        assert_eq!(KeyAlgorithm::from_field(Some(-1)), KeyAlgorithm::Unspecified);
        assert_eq!(SignatureScheme::from_field(Some(99)), SignatureScheme::Unspecified);
        assert_eq!(
            algorithms.iter().filter(|a| a.needs_proof_of_possession()).copied().collect::<alloc::vec::Vec<_>>(),
            [KeyAlgorithm::MlDsa65, KeyAlgorithm::Ed25519MlDsa65]
        );
    }

    #[test]
    fn a_replay_names_only_what_its_stored_signature_shows() {
        assert_eq!(replayed_signature_alg(Some(&[1; 64])), "ed25519");
        assert_eq!(replayed_signature_alg(None), "none");
    }

    #[cfg(all(feature = "signing", feature = "ml-dsa"))]
    #[test]
    fn receipts_are_signed_with_the_profiles_keys_and_verify() {
        use crate::pq::{verify_ml_dsa_65, MlDsaOutcome};
        let keys = ReceiptKeys { ed25519_seed: [1; 32], ml_dsa_65_seed: [2; 32] };
        let hash = alloy_primitives::B256::repeat_byte(9);
        let ed25519 = crate::ves::signing::public_key(&keys.ed25519_seed);
        let ml_dsa = crate::pq::signing::public_key(&keys.ml_dsa_65_seed);
        let ed_ok = |s: &[u8]| {
            let s: [u8; 64] = s.try_into().expect("64 bytes");
            crate::ves::verify_ed25519("k", &ed25519, &hash, &s) == Ok(true)
        };
        let ml_ok = |s: &[u8]| verify_ml_dsa_65(&ml_dsa, &hash, s) == MlDsaOutcome::Valid;

        let legacy = SecurityProfile::Legacy.sign_receipt(&keys, &hash);
        assert_eq!((legacy.signature_alg, legacy.receipt_signature_scheme), ("ed25519", 1));
        assert!(legacy.receipt_signature_bundle.is_none() && legacy.sequencer_signature.is_some_and(|s| ed_ok(&s)));

        let hybrid = SecurityProfile::Hybrid.sign_receipt(&keys, &hash);
        assert_eq!((hybrid.signature_alg, hybrid.receipt_signature_scheme), ("Ed25519MlDsa65", 3));
        let bundle = hybrid.receipt_signature_bundle.expect("bundle");
        assert_eq!(bundle.ed25519_signature, hybrid.sequencer_signature.map(|s| s.to_vec()));
        assert!(bundle.ed25519_signature.is_some_and(|s| ed_ok(&s)));
        assert!(bundle.ml_dsa_65_signature.is_some_and(|s| ml_ok(&s)));

        let strict = SecurityProfile::PqcStrict.sign_receipt(&keys, &hash);
        assert_eq!((strict.signature_alg, strict.receipt_signature_scheme), ("MlDsa65", 2));
        assert_eq!(strict.sequencer_signature, None);
        let bundle = strict.receipt_signature_bundle.expect("bundle");
        assert_eq!(bundle.ed25519_signature, None);
        assert!(bundle.ml_dsa_65_signature.is_some_and(|s| ml_ok(&s)));
        assert!(!format!("{keys:?}").contains("1, 1"));
    }
}
