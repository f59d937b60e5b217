//! The store agent's signing (`set_core::ves::agent`), as `@setchain/core/agent` has it: an
//! `UnsignedEvent` built from the agent's fields, its hashes, and the signed event from the seeds
//! (`sign`) or from a key expanded once (`AgentSigner`, `signWith`).

use napi::bindgen_prelude::{ClassInstance, FromNapiValue, Object, Unknown};
use napi::{Env, Result};
use napi_derive::napi;
use set_core::encoding::encode_hex;
use set_core::ves::agent::{self, AgentPublicKey, AgentSecretKey};

use crate::convert::{fixed, json_text, parsed, present, Payload};
use crate::error::{core_error, invalid_argument};

/// The secret key of `{ ed25519Seed?, mlDsa65Seed? }` (32 bytes each, hex or `Uint8Array`):
/// Ed25519 alone, ML-DSA-65 alone, or both (hybrid).
fn secret_key(env: &Env, keys: &Unknown) -> Result<AgentSecretKey> {
    let seed = |key: &str| -> Result<Option<[u8; 32]>> {
        present(keys, key)?.map(|seed| fixed::<32>(env, &format!("keys.{key}"), &seed)).transpose()
    };
    match (seed("ed25519Seed")?, seed("mlDsa65Seed")?) {
        (Some(ed25519_seed), Some(ml_dsa_65_seed)) => Ok(AgentSecretKey::Hybrid { ed25519_seed, ml_dsa_65_seed }),
        (Some(seed), None) => Ok(AgentSecretKey::Ed25519 { seed }),
        (None, Some(seed)) => Ok(AgentSecretKey::MlDsa65 { seed }),
        (None, None) => Err(invalid_argument(env, "keys", "{ ed25519Seed }, { mlDsa65Seed } or both")),
    }
}

/// `{ ed25519, mlDsa65 }`, each `0x` hex or `null`.
fn public_key_object<'env>(env: &'env Env, key: &AgentPublicKey) -> Result<Object<'env>> {
    let mut object = Object::new(env)?;
    object.set("ed25519", key.ed25519().map(|key| encode_hex(key)))?;
    object.set("mlDsa65", key.ml_dsa_65().map(encode_hex))?;
    Ok(object)
}

/// The signed event as the plain object `@setchain/core/agent` returns (snake_case, `0x` hex).
fn signed_event<'env>(
    env: &'env Env,
    signed: std::result::Result<set_core::ves::VesEvent, agent::AgentError>,
) -> Result<Unknown<'env>> {
    let signed = signed.map_err(|error| core_error(env, error))?;
    let text =
        serde_json::to_string(&signed).map_err(|_| invalid_argument(env, "event", "a value with a JSON form"))?;
    parsed(env, text)
}

/// The refusal of an object used after `free()`.
fn freed(env: &Env, class: &str) -> napi::Error {
    invalid_argument(env, "this", &format!("an {class} not yet freed"))
}

/// An agent's key expanded once, for an agent that signs many events: pass it to
/// `UnsignedEvent.signWith`. `free()` drops the expanded keys, which the core overwrites with
/// zeros; the garbage collector does the same for one never freed.
#[napi]
pub struct AgentSigner {
    signer: Option<agent::AgentSigner>,
}

#[napi]
impl AgentSigner {
    /// Expands the agent's seeds `{ ed25519Seed?, mlDsa65Seed? }` (as `sign` takes them).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (`keys`) without a seed; `WRONG_LENGTH` / `INVALID_HEX` naming a seed.
    #[napi(constructor)]
    pub fn new(env: &Env, keys: Unknown) -> Result<Self> {
        let signer = agent::AgentSigner::new(&secret_key(env, &keys)?).map_err(|error| core_error(env, error))?;
        Ok(AgentSigner { signer: Some(signer) })
    }

    /// The public key, `{ ed25519, mlDsa65 }` (`0x` hex or `null`).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (`this`) after `free()`.
    #[napi(js_name = "publicKey")]
    pub fn public_key<'env>(&self, env: &'env Env) -> Result<Object<'env>> {
        let signer = self.signer.as_ref().ok_or_else(|| freed(env, "AgentSigner"))?;
        public_key_object(env, &signer.public_key())
    }

    /// Drops the expanded keys now (zeroized); the signer cannot sign afterwards.
    #[napi]
    pub fn free(&mut self) {
        self.signer = None;
    }
}

/// A VES event before it is signed: the fields the signing hash covers and the payload, checked
/// against the sequencer's own event rules when built.
#[napi]
pub struct UnsignedEvent {
    event: Option<agent::UnsignedEvent>,
}

impl UnsignedEvent {
    fn event(&self, env: &Env) -> Result<&agent::UnsignedEvent> {
        self.event.as_ref().ok_or_else(|| freed(env, "UnsignedEvent"))
    }
}

#[napi]
impl UnsignedEvent {
    /// From the agent's fields (an object or JSON text with the snake_case keys of a signed
    /// event, UUIDs as text); `ves_version` 1, `payload_kind` 0, a zero `payload_cipher_hash` and
    /// the payload's hash are filled in when absent; signatures, if present, are ignored.
    ///
    /// # Errors
    /// The sequencer's codes (`SCHEMA_VALIDATION`, `UNSUPPORTED_VERSION`, `INVALID_PAYLOAD_HASH`,
    /// `PAYLOAD_TOO_LARGE`) naming the field; `INVALID_UUID`, `INVALID_JSON`, hex codes.
    #[napi(constructor)]
    pub fn new(env: &Env, fields: Unknown) -> Result<Self> {
        let text = json_text(env, "fields", fields, Payload::OfEvent)?;
        let event = agent::UnsignedEvent::from_json(&text).map_err(|error| core_error(env, error))?;
        Ok(UnsignedEvent { event: Some(event) })
    }

    /// The event's id.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (`this`) after `free()`.
    #[napi(getter, js_name = "eventId")]
    pub fn event_id(&self, env: &Env) -> Result<String> {
        Ok(self.event(env)?.event_id.to_string())
    }

    /// `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))`, `0x` hex.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (`this`) after `free()`.
    #[napi(getter, js_name = "payloadPlainHash")]
    pub fn payload_plain_hash(&self, env: &Env) -> Result<String> {
        Ok(encode_hex(self.event(env)?.payload_plain_hash.as_slice()))
    }

    /// The event signing hash (`0x` hex, 32 bytes): what the agent signs.
    ///
    /// # Errors
    /// `FIELD_TOO_LONG` for a string over 2^32 − 1 bytes.
    #[napi(js_name = "signingHash")]
    pub fn signing_hash(&self, env: &Env) -> Result<String> {
        let hash = self.event(env)?.signing_hash().map_err(|error| core_error(env, error))?;
        Ok(encode_hex(hash.as_slice()))
    }

    /// Signs with the agent's seeds `{ ed25519Seed?, mlDsa65Seed? }`: Ed25519 alone (profile
    /// `legacy`), both (hybrid, scheme 3) or ML-DSA-65 alone (scheme 2); deterministic. Returns
    /// the signed event (a plain object, snake_case, `0x` hex).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (`keys`) without a seed; `WRONG_LENGTH` / `INVALID_HEX` naming a seed.
    #[napi]
    pub fn sign<'env>(&self, env: &'env Env, keys: Unknown) -> Result<Unknown<'env>> {
        let key = secret_key(env, &keys)?;
        signed_event(env, self.event(env)?.sign(&key))
    }

    /// `sign` with a key expanded once (`AgentSigner`): the same checks and the same bytes,
    /// without expanding the seeds for every event.
    ///
    /// # Errors
    /// The sequencer's codes, as `sign`; `INVALID_ARGUMENT` naming `signer` for anything but an
    /// `AgentSigner`, `this` after `free()`.
    #[napi(js_name = "signWith")]
    pub fn sign_with<'env>(&self, env: &'env Env, signer: Unknown) -> Result<Unknown<'env>> {
        let signer = ClassInstance::<AgentSigner>::from_unknown(signer)
            .map_err(|_| invalid_argument(env, "signer", "an AgentSigner"))?;
        let key = signer.signer.as_ref().ok_or_else(|| freed(env, "AgentSigner"))?;
        signed_event(env, self.event(env)?.sign_with(key))
    }

    /// Drops the event now; it cannot be used afterwards.
    #[napi]
    pub fn free(&mut self) {
        self.event = None;
    }
}

/// The public key of the agent's seeds `{ ed25519Seed?, mlDsa65Seed? }`, as the sequencer
/// registers it: `{ ed25519: hex | null, mlDsa65: hex | null }`.
///
/// # Errors
/// As `UnsignedEvent.sign` for the seeds.
#[napi(js_name = "agentPublicKey")]
pub fn agent_public_key<'env>(env: &'env Env, keys: Unknown) -> Result<Object<'env>> {
    let key = secret_key(env, &keys)?.public_key().map_err(|error| core_error(env, error))?;
    public_key_object(env, &key)
}
