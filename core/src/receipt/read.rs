//! Reading bundles and trust documents: the JSON text is parsed into a `serde_json::Value`,
//! read into string-typed raw structs (declared once each with `json_struct!`), then converted
//! explicitly so that every error keeps its type and names its dotted field.
//!
//! Under `cfg(test)` the raw structs also derive `Deserialize`: the oracle `crate::json` is
//! checked against. The conversions borrow the raw struct and go through one non-inlined helper
//! per kind of field (`uuid`, `b256`, `RawU64::value`): the npm package's wasm keeps one copy of
//! each instead of one per field.

use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{Address, B256};
#[cfg(test)]
use serde::Deserialize;
use uuid::Uuid;

use super::{
    BundleAnchor, BundleCommitment, BundleProof, ReceiptBundle, ReceiptError, SequencerReceipt, SignaturePolicy, Trust,
    FORMAT_V1, FORMAT_V2, TRUST_ROOT_FORMAT,
};
use crate::encoding::{decode_b256, decode_fixed, decode_hex};
use crate::ids::parse_uuid;
use crate::json::{self, json_struct, JsonError};
use crate::merkle;
use crate::pq;
use crate::registry::OnchainCommitment;
use crate::ves::{self, SignatureBundle, VesError};

/// A `u64` given as a JSON number or a decimal string (JS `bigint` arrives as a string).
#[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
#[cfg_attr(test, serde(untagged))]
pub(crate) enum RawU64 {
    /// A JSON number.
    Number(u64),
    /// A string, to be parsed as a decimal integer.
    Text(String),
}

impl Default for RawU64 {
    fn default() -> Self {
        RawU64::Number(0)
    }
}

impl RawU64 {
    pub(crate) fn read(path: &str, value: &serde_json::Value) -> Result<Self, JsonError> {
        Ok(match json::u64_or_text(path, value)? {
            Ok(number) => RawU64::Number(number),
            Err(text) => RawU64::Text(text),
        })
    }

    #[inline(never)]
    pub(crate) fn value(&self, field: &str) -> Result<u64, ReceiptError> {
        match self {
            RawU64::Number(n) => Ok(*n),
            RawU64::Text(text) => text.parse().map_err(|_| ReceiptError::InvalidJson {
                field: field.into(),
                reason: alloc::format!("\"{text}\" is not an unsigned 64-bit integer"),
            }),
        }
    }
}

/// A UUID field (`parse_uuid` with its error as a [`ReceiptError`]).
#[inline(never)]
fn uuid(field: &str, text: &str) -> Result<Uuid, ReceiptError> {
    Ok(parse_uuid(field, text)?)
}

/// A 32-byte hex field (`decode_b256` with its error as a [`ReceiptError`]).
#[inline(never)]
fn b256(field: &str, text: &str) -> Result<B256, ReceiptError> {
    Ok(decode_b256(field, text)?)
}

/// The `JsonError` of a raw reader as a [`ReceiptError`], its path under `prefix` (`""`: the
/// document itself is `$`).
#[cold]
#[inline(never)]
fn json_error(prefix: &str, err: JsonError) -> ReceiptError {
    ReceiptError::InvalidJson { field: json::field_name(prefix, err.path()), reason: err.reason }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawBundle {
        format: String = json::string, required;
        event: serde_json::Value = json::any, required;
        receipt: RawReceipt = RawReceipt::read, required;
        commitment: RawCommitment = RawCommitment::read, required;
        proof: RawProof = RawProof::read, required;
        anchor: Option<RawAnchor> = json::optional(RawAnchor::read), optional;
    }
}

impl RawBundle {
    /// The bundle, every field checked in the order errors are reported in.
    #[inline(never)]
    fn convert(&self) -> Result<ReceiptBundle, ReceiptError> {
        if self.format != FORMAT_V1 && self.format != FORMAT_V2 {
            return Err(ReceiptError::UnsupportedFormat { field: "format".into(), found: self.format.clone() });
        }
        let event = ves::event_from_value("event", &self.event)?;
        // The other parts in one call: an error drops `event` in one place only.
        let (receipt, commitment, proof, anchor) = self.parts()?;
        Ok(ReceiptBundle { format: self.format.clone(), event, receipt, commitment, proof, anchor })
    }

    #[inline(never)]
    fn parts(&self) -> Result<(SequencerReceipt, BundleCommitment, BundleProof, Option<BundleAnchor>), ReceiptError> {
        let receipt = self.receipt.convert()?;
        let commitment = self.commitment.convert()?;
        let proof = self.proof.convert()?;
        let anchor = match &self.anchor {
            Some(anchor) => Some(anchor.convert(self.format == FORMAT_V2)?),
            None => None,
        };
        Ok((receipt, commitment, proof, anchor))
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawReceipt {
        sequencer_id: String = json::string, required;
        sequence_number: RawU64 = RawU64::read, required;
        receipt_hash: String = json::string, required;
        signature_alg: String = json::string, required;
        sequencer_signature: String = json::string, required;
        receipt_signature_scheme: Option<u32> = json::optional_u32, optional;
        receipt_signature_bundle: Option<serde_json::Value> = json::optional_value, optional;
    }
}

impl RawReceipt {
    #[inline(never)]
    fn convert(&self) -> Result<SequencerReceipt, ReceiptError> {
        let sequencer_id = uuid("receipt.sequencer_id", &self.sequencer_id)?;
        let sequence_number = self.sequence_number.value("receipt.sequence_number")?;
        let receipt_hash = b256("receipt.receipt_hash", &self.receipt_hash)?;
        let sequencer_signature = parse_signature("receipt.sequencer_signature", &self.sequencer_signature)?;
        let receipt_signature_bundle = match &self.receipt_signature_bundle {
            Some(value) => Some(SignatureBundle::from_value("receipt.receipt_signature_bundle", value)?),
            None => None,
        };
        // Cloned last: an error above has nothing to drop.
        let signature_alg = self.signature_alg.clone();
        Ok(SequencerReceipt {
            sequencer_id,
            sequence_number,
            receipt_hash,
            signature_alg,
            sequencer_signature,
            receipt_signature_scheme: self.receipt_signature_scheme,
            receipt_signature_bundle,
        })
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawCommitment {
        batch_id: String = json::string, required;
        sequence_start: RawU64 = RawU64::read, required;
        sequence_end: RawU64 = RawU64::read, required;
        leaf_count: u32 = json::u32, required;
        merkle_root: String = json::string, required;
        prev_state_root: String = json::string, required;
        new_state_root: String = json::string, required;
    }
}

impl RawCommitment {
    #[inline(never)]
    fn convert(&self) -> Result<BundleCommitment, ReceiptError> {
        Ok(BundleCommitment {
            batch_id: uuid("commitment.batch_id", &self.batch_id)?,
            sequence_start: self.sequence_start.value("commitment.sequence_start")?,
            sequence_end: self.sequence_end.value("commitment.sequence_end")?,
            leaf_count: self.leaf_count,
            merkle_root: b256("commitment.merkle_root", &self.merkle_root)?,
            prev_state_root: b256("commitment.prev_state_root", &self.prev_state_root)?,
            new_state_root: b256("commitment.new_state_root", &self.new_state_root)?,
        })
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawProof {
        leaf_index: RawU64 = RawU64::read, required;
        proof_path: Vec<String> = json::string_list, required;
    }
}

impl RawProof {
    #[inline(never)]
    fn convert(&self) -> Result<BundleProof, ReceiptError> {
        if self.proof_path.len() > merkle::MAX_PROOF_LENGTH {
            return Err(ReceiptError::InvalidJson {
                field: "proof.proof_path".into(),
                reason: alloc::format!("{} siblings, more than {}", self.proof_path.len(), merkle::MAX_PROOF_LENGTH),
            });
        }
        let leaf_index = self.leaf_index.value("proof.leaf_index")?;
        let mut proof_path = Vec::with_capacity(self.proof_path.len());
        for (i, text) in self.proof_path.iter().enumerate() {
            proof_path.push(b256(&json::index_path("proof.proof_path", i), text)?);
        }
        Ok(BundleProof { leaf_index, proof_path })
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawAnchor {
        chain_id: RawU64 = RawU64::read, required;
        registry: String = json::string, required;
        tx_hash: String = json::string, required;
        block_number: RawU64 = RawU64::read, required;
        block_hash: Option<String> = json::optional_string, optional;
        proof: Option<serde_json::Value> = json::optional_value, optional;
    }
}

impl RawAnchor {
    /// The anchor; `block_hash` is required in `set-receipt-v2` (`v2`).
    #[inline(never)]
    fn convert(&self, v2: bool) -> Result<BundleAnchor, ReceiptError> {
        let block_hash = match &self.block_hash {
            Some(text) => Some(b256("anchor.block_hash", text)?),
            None if v2 => {
                return Err(ReceiptError::InvalidJson {
                    field: "anchor.block_hash".into(),
                    reason: "required in set-receipt-v2".into(),
                })
            }
            None => None,
        };
        // Read here so that a malformed proof is an error naming its field, like the rest of
        // the bundle; kept as its JSON value.
        #[cfg(feature = "anchor-proof")]
        if let Some(proof) = &self.proof {
            crate::anchor_proof::AnchorProof::from_value(proof)?;
        }
        Ok(BundleAnchor {
            chain_id: self.chain_id.value("anchor.chain_id")?,
            registry: Address::from(decode_fixed::<20>("anchor.registry", &self.registry)?),
            tx_hash: b256("anchor.tx_hash", &self.tx_hash)?,
            block_number: self.block_number.value("anchor.block_number")?,
            block_hash,
            proof: self.proof.clone(),
        })
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawTrust {
        format: Option<String> = json::optional_string, optional;
        network: Option<String> = json::optional_string, optional;
        chain_id: Option<RawU64> = json::optional(RawU64::read), optional, alias "chainId";
        registry: Option<String> = json::optional_string, optional;
        sequencer_public_keys: Vec<String> = json::string_list, required, alias "sequencerPublicKeys";
        agent_public_key: Option<String> = json::optional_string, optional, alias "agentPublicKey";
        onchain: Option<serde_json::Value> = json::optional_value, optional;
        sequencer_ml_dsa_65_public_keys: Option<Vec<String>> = json::optional(json::string_list), optional,
            alias "sequencerMlDsa65PublicKeys";
        agent_ml_dsa_65_public_key: Option<String> = json::optional_string, optional, alias "agentMlDsa65PublicKey";
        signature_policy: Option<String> = json::optional_string, optional, alias "signaturePolicy";
    }
}

impl RawTrust {
    /// The trust document, every field checked in the order errors are reported in, but not
    /// yet [`super::verify::check_trust`].
    #[inline(never)]
    fn convert_unchecked(&self) -> Result<Trust, ReceiptError> {
        let network = self.network()?;
        let mut sequencer_public_keys = Vec::with_capacity(self.sequencer_public_keys.len());
        for (i, text) in self.sequencer_public_keys.iter().enumerate() {
            sequencer_public_keys
                .push(ves::parse_public_key(&json::index_path("trust.sequencer_public_keys", i), text)?);
        }
        // The rest in one call: an error drops the keys in one place only.
        let (agent_public_key, onchain) = self.rest()?;
        let (name, chain_id, registry) = network;
        let (sequencer_ml_dsa_65_public_keys, agent_ml_dsa_65_public_key, signature_policy) = self.post_quantum()?;
        let trust = Trust {
            network: name,
            chain_id,
            registry,
            sequencer_public_keys,
            agent_public_key,
            onchain,
            sequencer_ml_dsa_65_public_keys,
            agent_ml_dsa_65_public_key,
            signature_policy,
            #[cfg(feature = "anchor-proof")]
            anchor_proof: Default::default(),
        };
        Ok(trust)
    }

    /// The trust document, checked ([`super::verify::check_trust`]).
    #[cfg(not(feature = "anchor-proof"))]
    #[inline(never)]
    fn convert(&self) -> Result<Trust, ReceiptError> {
        let trust = self.convert_unchecked()?;
        super::verify::check_trust(&trust)?;
        Ok(trust)
    }

    /// The ML-DSA-65 keys and the signature policy.
    #[inline(never)]
    #[allow(clippy::type_complexity)]
    fn post_quantum(&self) -> Result<(Vec<Vec<u8>>, Option<Vec<u8>>, SignaturePolicy), ReceiptError> {
        let mut sequencer_keys = Vec::new();
        for (i, text) in self.sequencer_ml_dsa_65_public_keys.iter().flatten().enumerate() {
            let field = json::index_path("trust.sequencer_ml_dsa_65_public_keys", i);
            sequencer_keys.push(pq::parse_ml_dsa_65_public_key(&field, text)?);
        }
        let agent_key = match &self.agent_ml_dsa_65_public_key {
            Some(text) => Some(pq::parse_ml_dsa_65_public_key("trust.agent_ml_dsa_65_public_key", text)?),
            None => None,
        };
        let policy = match self.signature_policy.as_deref() {
            None => SignaturePolicy::default(),
            Some(name) => SignaturePolicy::ALL.into_iter().find(|policy| policy.as_str() == name).ok_or_else(|| {
                ReceiptError::InvalidJson {
                    field: "trust.signature_policy".into(),
                    reason: alloc::format!("{name:?} is not default, require-ml-dsa or require-hybrid"),
                }
            })?,
        };
        Ok((sequencer_keys, agent_key, policy))
    }

    /// The pinned network: optional in a trust document, required in a `set-trust-root-v1`
    /// one (a document with that `format`).
    #[inline(never)]
    #[allow(clippy::type_complexity)]
    fn network(&self) -> Result<(Option<String>, Option<u64>, Option<Address>), ReceiptError> {
        let root = match self.format.as_deref() {
            None => false,
            Some(TRUST_ROOT_FORMAT) => true,
            Some(other) => {
                return Err(ReceiptError::UnsupportedFormat { field: "trust.format".into(), found: other.into() })
            }
        };
        // Literal paths and reason: formatting them would cost the npm package's wasm more.
        let missing = |field: &'static str| ReceiptError::InvalidJson {
            field: field.into(),
            reason: "required in set-trust-root-v1".into(),
        };
        if root && self.network.is_none() {
            return Err(missing("trust.network"));
        }
        let chain_id = match &self.chain_id {
            Some(raw) => Some(raw.value("trust.chain_id")?),
            None if root => return Err(missing("trust.chain_id")),
            None => None,
        };
        let registry = match &self.registry {
            Some(text) => Some(Address::from(decode_fixed::<20>("trust.registry", text)?)),
            None if root => return Err(missing("trust.registry")),
            None => None,
        };
        Ok((self.network.clone(), chain_id, registry))
    }

    #[inline(never)]
    fn rest(&self) -> Result<(Option<[u8; 32]>, Option<OnchainCommitment>), ReceiptError> {
        let agent_public_key = match &self.agent_public_key {
            Some(text) => Some(ves::parse_public_key("trust.agent_public_key", text)?),
            None => None,
        };
        let onchain = match &self.onchain {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(hex)) => Some(onchain_from_return_data(&decode_hex("trust.onchain", hex)?)?),
            Some(object) => {
                Some(RawOnchainRecord::read("", object).map_err(|err| json_error("trust.onchain", err))?.convert()?)
            }
        };
        Ok((agent_public_key, onchain))
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawOnchainRecord {
        events_root: String = json::string, required, alias "eventsRoot";
        new_state_root: String = json::string, required, alias "newStateRoot";
        sequence_start: RawU64 = RawU64::read, required, alias "sequenceStart";
        sequence_end: RawU64 = RawU64::read, required, alias "sequenceEnd";
        event_count: u32 = json::u32, required, alias "eventCount";
    }
}

impl RawOnchainRecord {
    #[inline(never)]
    fn convert(&self) -> Result<OnchainCommitment, ReceiptError> {
        Ok(OnchainCommitment {
            events_root: b256("trust.onchain.events_root", &self.events_root)?,
            new_state_root: b256("trust.onchain.new_state_root", &self.new_state_root)?,
            sequence_start: self.sequence_start.value("trust.onchain.sequence_start")?,
            sequence_end: self.sequence_end.value("trust.onchain.sequence_end")?,
            event_count: self.event_count,
            timestamp: 0,
        })
    }
}

/// Decodes the raw return data of `getBatchCommitment(bytes32)` given in a trust document.
fn onchain_from_return_data(data: &[u8]) -> Result<OnchainCommitment, ReceiptError> {
    crate::registry::decode_get_batch_commitment(data)
        .map_err(|err| ReceiptError::OnchainData { reason: err.to_string() })
}

fn parse_document(text: &str) -> Result<serde_json::Value, ReceiptError> {
    ves::parse_json_value("", text).map_err(|err| match err {
        VesError::InvalidJson { field, reason } => ReceiptError::InvalidJson { field, reason },
        other => ReceiptError::Ves(other),
    })
}

#[inline(never)]
fn parse_signature(field: &str, text: &str) -> Result<Option<[u8; 64]>, ReceiptError> {
    let digits = text.strip_prefix("0x").unwrap_or(text);
    if digits.is_empty() {
        return Ok(None);
    }
    Ok(Some(decode_fixed::<64>(field, text)?))
}

impl ReceiptBundle {
    /// Parses a bundle from JSON text.
    ///
    /// # Errors
    /// [`ReceiptError`] naming the dotted field of the first problem.
    pub fn from_json(text: &str) -> Result<Self, ReceiptError> {
        Self::from_value(parse_document(text)?)
    }

    /// Parses a bundle from a JSON value.
    ///
    /// # Errors
    /// As [`ReceiptBundle::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, ReceiptError> {
        RawBundle::read("", &value).map_err(|err| json_error("", err))?.convert()
    }

    /// The bundle as JSON text (hex with `0x`).
    pub fn to_json(&self) -> String {
        // Every field is a plain string, number or JSON value, so this cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl TryFrom<serde_json::Value> for ReceiptBundle {
    type Error = ReceiptError;
    fn try_from(value: serde_json::Value) -> Result<Self, ReceiptError> {
        ReceiptBundle::from_value(value)
    }
}

impl Trust {
    /// Parses `{"sequencer_public_keys": [...], "agent_public_key"?: ..., "onchain"?: {...} | "0x<return data>"}`
    /// (camelCase keys accepted too).
    ///
    /// # Errors
    /// [`ReceiptError`] naming the field (`trust.sequencer_public_keys[1]`, `trust.onchain.events_root`).
    pub fn from_json(text: &str) -> Result<Self, ReceiptError> {
        Self::from_value(parse_document(text)?)
    }

    /// Parses a trust document from a JSON value.
    ///
    /// # Errors
    /// As [`Trust::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, ReceiptError> {
        let raw = RawTrust::read("", &value).map_err(|err| json_error("trust", err))?;
        #[cfg(feature = "anchor-proof")]
        {
            let mut trust = raw.convert_unchecked()?;
            trust.anchor_proof = crate::anchor_proof::ProofTrust::from_value(&value)?;
            super::verify::check_trust(&trust)?;
            Ok(trust)
        }
        #[cfg(not(feature = "anchor-proof"))]
        raw.convert()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors() -> serde_json::Value {
        serde_json::from_str(include_str!("../../../tests/vectors/receipts.json")).unwrap_or_default()
    }

    fn cases(part: &str) -> Vec<serde_json::Value> {
        let vectors = vectors();
        let mut out = Vec::new();
        for group in ["valid", "tampered", "malformed"] {
            for case in vectors[group].as_array().into_iter().flatten() {
                if !case[part].is_null() {
                    out.push(case[part].clone());
                }
            }
        }
        out
    }

    const ALIASES: &[&str] = &[
        "anchor",
        "payload",
        "sequencerPublicKeys",
        "agentPublicKey",
        "onchain",
        "eventsRoot",
        "newStateRoot",
        "sequenceStart",
        "sequenceEnd",
        "eventCount",
        "unknown",
    ];

    #[test]
    fn bundles_read_exactly_as_the_derived_deserializer() {
        let bundles = cases("bundle");
        assert!(bundles.len() >= 20);
        // Every bundle of the vectors (valid, tampered, malformed) and its mutations; the first
        // three also with alias, optional and unknown keys added at every level.
        let checked = json::assert_reads_as_serde::<RawBundle>(&bundles[..3], ALIASES, RawBundle::read);
        assert!(checked > 1000, "{checked}");
        json::assert_reads_as_serde::<RawBundle>(&bundles, &[], RawBundle::read);
    }

    #[test]
    fn trust_documents_read_exactly_as_the_derived_deserializer() {
        let mut trusts = cases("trust");
        trusts.push(serde_json::json!({ "sequencerPublicKeys": ["0x01"], "agentPublicKey": null, "onchain": "0x" }));
        trusts.push(serde_json::json!({ "sequencer_public_keys": [], "sequencerPublicKeys": [] }));
        json::assert_reads_as_serde::<RawTrust>(&trusts, ALIASES, RawTrust::read);
        let records = [
            serde_json::json!({ "events_root": "0x01", "new_state_root": "0x02", "sequence_start": 1, "sequence_end": "2", "event_count": 2 }),
            serde_json::json!({ "eventsRoot": "0x01", "newStateRoot": "0x02", "sequenceStart": 1, "sequenceEnd": 2, "eventCount": 2, "exists": true }),
            serde_json::json!({ "eventsRoot": "0x01", "events_root": "0x02" }),
        ];
        json::assert_reads_as_serde::<RawOnchainRecord>(&records, ALIASES, RawOnchainRecord::read);
    }
}
