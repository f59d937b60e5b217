//! Secret keys and signing (feature `signing`).

#[cfg(feature = "ml-dsa")]
use alloc::boxed::Box;
use alloc::vec::Vec;

use alloy_primitives::B256;
use zeroize::Zeroize;

use super::{AgentError, AgentPublicKey, KeyKind, UnsignedEvent, VesEvent};

/// An agent's secret key: 32-byte seeds (RFC 8032 Ed25519 secret keys; FIPS 204
/// `ML-DSA.KeyGen_internal` seeds for ML-DSA-65), overwritten with zeros when dropped
/// (`zeroize`), never printed by `Debug`. Signing is deterministic: the same seed and event
/// give the same bytes, here and in the sequencer.
#[derive(Clone)]
pub enum AgentSecretKey {
    /// Ed25519 alone (the `legacy` profile).
    Ed25519 {
        /// The Ed25519 seed.
        seed: [u8; 32],
    },
    /// Ed25519 and ML-DSA-65 (the `hybrid` profile, scheme 3).
    Hybrid {
        /// The Ed25519 seed.
        ed25519_seed: [u8; 32],
        /// The ML-DSA-65 seed.
        ml_dsa_65_seed: [u8; 32],
    },
    /// ML-DSA-65 alone (the `hybrid` and `pqc-strict` profiles, scheme 2).
    MlDsa65 {
        /// The ML-DSA-65 seed.
        seed: [u8; 32],
    },
}

impl Drop for AgentSecretKey {
    fn drop(&mut self) {
        match self {
            AgentSecretKey::Ed25519 { seed } | AgentSecretKey::MlDsa65 { seed } => seed.zeroize(),
            AgentSecretKey::Hybrid { ed25519_seed, ml_dsa_65_seed } => {
                ed25519_seed.zeroize();
                ml_dsa_65_seed.zeroize();
            }
        }
    }
}

impl core::fmt::Debug for AgentSecretKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            AgentSecretKey::Ed25519 { .. } => "AgentSecretKey::Ed25519 { .. }",
            AgentSecretKey::Hybrid { .. } => "AgentSecretKey::Hybrid { .. }",
            AgentSecretKey::MlDsa65 { .. } => "AgentSecretKey::MlDsa65 { .. }",
        })
    }
}

impl AgentSecretKey {
    /// The public key, as the sequencer registers it.
    ///
    /// # Errors
    /// [`AgentError::MlDsaNotSupported`] for an ML-DSA-65 seed without the `ml-dsa` feature.
    pub fn public_key(&self) -> Result<AgentPublicKey, AgentError> {
        // The signer derives it from the keys it expands; one derivation for both types.
        Ok(AgentSigner::new(self)?.public_key())
    }

    fn kind(&self) -> KeyKind {
        match self {
            AgentSecretKey::Ed25519 { .. } => KeyKind::Ed25519,
            AgentSecretKey::Hybrid { .. } => KeyKind::Hybrid,
            AgentSecretKey::MlDsa65 { .. } => KeyKind::MlDsa65,
        }
    }
}

/// An agent's key expanded once, to sign many events: the Ed25519 signing key and the ML-DSA-65
/// signing key (its encoded 4032-byte form, which a signature starts from), each overwritten with
/// zeros when dropped (`ed25519-dalek` with `zeroize`; the ML-DSA-65 key by the core, as
/// libcrux-ml-dsa leaves that to its caller), never printed by `Debug`.
/// [`UnsignedEvent::sign`] expands its key on every call (for ML-DSA-65 that is most of a
/// signature's cost); an agent signing a stream of events keeps one of these and calls
/// [`UnsignedEvent::sign_with`]. The signatures are the same bytes.
pub struct AgentSigner {
    kind: KeyKind,
    ed25519: Option<ed25519_dalek::SigningKey>,
    #[cfg(feature = "ml-dsa")]
    ml_dsa_65: Option<Box<crate::pq::signing::ExpandedKey>>,
}

impl core::fmt::Debug for AgentSigner {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "AgentSigner({:?}, ..)", self.kind)
    }
}

impl AgentSigner {
    /// Expands `key`.
    ///
    /// # Errors
    /// [`AgentError::MlDsaNotSupported`] for an ML-DSA-65 seed without the `ml-dsa` feature.
    pub fn new(key: &AgentSecretKey) -> Result<Self, AgentError> {
        let ed25519 = |seed: &[u8; 32]| Some(ed25519_dalek::SigningKey::from_bytes(seed));
        let (ed25519, ml_dsa_seed) = match key {
            AgentSecretKey::Ed25519 { seed } => (ed25519(seed), None),
            AgentSecretKey::Hybrid { ed25519_seed, ml_dsa_65_seed } => (ed25519(ed25519_seed), Some(ml_dsa_65_seed)),
            AgentSecretKey::MlDsa65 { seed } => (None, Some(seed)),
        };
        #[cfg(feature = "ml-dsa")]
        let ml_dsa_65 = ml_dsa_seed.map(|seed| Box::new(crate::pq::signing::ExpandedKey::from_seed(seed)));
        #[cfg(not(feature = "ml-dsa"))]
        if ml_dsa_seed.is_some() {
            return Err(AgentError::MlDsaNotSupported { field: "ml_dsa_65_seed".into() });
        }
        Ok(AgentSigner {
            kind: key.kind(),
            ed25519,
            #[cfg(feature = "ml-dsa")]
            ml_dsa_65,
        })
    }

    /// The public key, as the sequencer registers it.
    pub fn public_key(&self) -> AgentPublicKey {
        let ed25519 = self.ed25519.as_ref().map(|key| key.verifying_key().to_bytes()).unwrap_or([0; 32]);
        #[cfg(feature = "ml-dsa")]
        let ml_dsa_65 = self.ml_dsa_65.as_ref().map(|key| key.public_key().to_vec()).unwrap_or_default();
        // Without `ml-dsa` a signer holds no ML-DSA-65 key (`new` refuses one).
        #[cfg(not(feature = "ml-dsa"))]
        let ml_dsa_65 = Vec::new();
        match self.kind {
            KeyKind::Ed25519 => AgentPublicKey::Ed25519(ed25519),
            KeyKind::Hybrid => AgentPublicKey::Hybrid { ed25519, ml_dsa_65 },
            KeyKind::MlDsa65 => AgentPublicKey::MlDsa65(ml_dsa_65),
        }
    }

    /// The signatures of `hash` this key makes: Ed25519 and/or ML-DSA-65 (pure, empty context,
    /// deterministic).
    fn sign_hash(&self, hash: &B256) -> (Option<[u8; 64]>, Option<Vec<u8>>) {
        use ed25519_dalek::Signer;
        let ed25519 = self.ed25519.as_ref().map(|key| key.sign(hash.as_slice()).to_bytes());
        #[cfg(feature = "ml-dsa")]
        let ml_dsa_65 = self.ml_dsa_65.as_ref().map(|key| key.sign(hash));
        #[cfg(not(feature = "ml-dsa"))]
        let ml_dsa_65 = None;
        (ed25519, ml_dsa_65)
    }
}

impl UnsignedEvent {
    /// Checks the event ([`UnsignedEvent::validate`]) and signs its signing hash with `key`,
    /// the signatures laid out as the sequencer's profiles expect (the module's table). The key
    /// is expanded for this one event: to sign many, keep an [`AgentSigner`] and call
    /// [`UnsignedEvent::sign_with`].
    ///
    /// # Errors
    /// [`AgentError::Rule`] / [`AgentError::Request`] as [`UnsignedEvent::validate`];
    /// [`AgentError::MlDsaNotSupported`] for an ML-DSA-65 key without the `ml-dsa` feature.
    pub fn sign(&self, key: &AgentSecretKey) -> Result<VesEvent, AgentError> {
        self.sign_with(&AgentSigner::new(key)?)
    }

    /// [`UnsignedEvent::sign`] with a key expanded once: the same checks and the same bytes.
    ///
    /// # Errors
    /// [`AgentError::Rule`] / [`AgentError::Request`] as [`UnsignedEvent::validate`].
    pub fn sign_with(&self, signer: &AgentSigner) -> Result<VesEvent, AgentError> {
        // Every rule again (the fields are public: the event may have been edited since it was
        // built), read in place; the one copy of the event is the signed event itself.
        self.validate()?;
        let (ed25519, ml_dsa_65) = signer.sign_hash(&self.signing_hash()?);
        Ok(self.signed(signer.kind, ed25519, ml_dsa_65))
    }
}
