//! `anchor.proof` and the trust's anchor-proof fields, read from JSON (raw structs declared once
//! each with `json_struct!`, then converted field by field, every error naming its dotted path)
//! and written back. Under `cfg(test)` the raw structs derive `Deserialize`: the oracle the
//! readers are checked against, as for the rest of the bundle.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{Address, Bytes, FixedBytes, B256, U256};
#[cfg(test)]
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{
    AnchorProof, AnchorProofError, L1Proposal, L2Header, OutputProof, OutputRootPreimage, ProofTrust, StorageProof,
    COMMITMENT_SLOT_COUNT, MAX_PROOF_NODES,
};
use crate::encoding::{decode_b256, decode_fixed, decode_hex, encode_hex};
use crate::json::{self, json_struct, JsonError};
use crate::receipt::{RawU64, ReceiptError};

/// Where `anchor.proof` sits in a bundle: every field path starts with it.
pub(super) const PREFIX: &str = "anchor.proof";

fn json_error(prefix: &str, err: JsonError) -> AnchorProofError {
    AnchorProofError::InvalidJson { field: json::field_name(prefix, err.path()), reason: err.reason }
}

fn invalid(field: &str, reason: String) -> AnchorProofError {
    AnchorProofError::InvalidJson { field: field.into(), reason }
}

fn b256(field: &str, text: &str) -> Result<B256, AnchorProofError> {
    Ok(decode_b256(field, text)?)
}

fn address(field: &str, text: &str) -> Result<Address, AnchorProofError> {
    Ok(Address::from(decode_fixed::<20>(field, text)?))
}

fn number(field: &str, raw: &RawU64) -> Result<u64, AnchorProofError> {
    raw.value(field).map_err(|err| match err {
        ReceiptError::InvalidJson { field, reason } => AnchorProofError::InvalidJson { field, reason },
        other => invalid(field, alloc::string::ToString::to_string(&other)),
    })
}

/// A 256-bit unsigned integer given as a JSON number or a decimal string.
fn big_number(field: &str, raw: &RawU64) -> Result<U256, AnchorProofError> {
    match raw {
        RawU64::Number(n) => Ok(U256::from(*n)),
        RawU64::Text(text) => {
            let digits = !text.is_empty() && text.len() <= 78 && text.bytes().all(|b| b.is_ascii_digit());
            digits
                .then(|| U256::from_str_radix(text, 10).ok())
                .flatten()
                .ok_or_else(|| invalid(field, format!("\"{text}\" is not an unsigned 256-bit integer in decimal")))
        }
    }
}

fn optional_number(field: &str, raw: &Option<RawU64>) -> Result<Option<u64>, AnchorProofError> {
    raw.as_ref().map(|raw| number(field, raw)).transpose()
}

fn optional_b256(field: &str, text: &Option<String>) -> Result<Option<B256>, AnchorProofError> {
    text.as_deref().map(|text| b256(field, text)).transpose()
}

/// A list of RLP-encoded trie nodes as hex, at most [`MAX_PROOF_NODES`].
fn nodes(field: &str, texts: &[String]) -> Result<Vec<Bytes>, AnchorProofError> {
    if texts.len() > MAX_PROOF_NODES {
        return Err(invalid(field, format!("{} nodes, more than {MAX_PROOF_NODES}", texts.len())));
    }
    let mut out = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        out.push(Bytes::from(decode_hex(&json::index_path(field, i), text)?));
    }
    Ok(out)
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawHeader {
        parent_hash: String = json::string, required;
        sha3_uncles: String = json::string, required;
        miner: String = json::string, required;
        state_root: String = json::string, required;
        transactions_root: String = json::string, required;
        receipts_root: String = json::string, required;
        logs_bloom: String = json::string, required;
        difficulty: RawU64 = RawU64::read, required;
        number: RawU64 = RawU64::read, required;
        gas_limit: RawU64 = RawU64::read, required;
        gas_used: RawU64 = RawU64::read, required;
        timestamp: RawU64 = RawU64::read, required;
        extra_data: String = json::string, required;
        mix_hash: String = json::string, required;
        nonce: String = json::string, required;
        base_fee_per_gas: Option<RawU64> = json::optional(RawU64::read), optional;
        withdrawals_root: Option<String> = json::optional_string, optional;
        blob_gas_used: Option<RawU64> = json::optional(RawU64::read), optional;
        excess_blob_gas: Option<RawU64> = json::optional(RawU64::read), optional;
        parent_beacon_block_root: Option<String> = json::optional_string, optional;
        requests_hash: Option<String> = json::optional_string, optional;
    }
}

impl RawHeader {
    fn convert(&self, prefix: &str) -> Result<L2Header, AnchorProofError> {
        let path = |name: &str| json::key_path(prefix, name);
        let header = L2Header {
            parent_hash: b256(&path("parent_hash"), &self.parent_hash)?,
            sha3_uncles: b256(&path("sha3_uncles"), &self.sha3_uncles)?,
            miner: address(&path("miner"), &self.miner)?,
            state_root: b256(&path("state_root"), &self.state_root)?,
            transactions_root: b256(&path("transactions_root"), &self.transactions_root)?,
            receipts_root: b256(&path("receipts_root"), &self.receipts_root)?,
            logs_bloom: FixedBytes(decode_fixed::<256>(&path("logs_bloom"), &self.logs_bloom)?),
            difficulty: big_number(&path("difficulty"), &self.difficulty)?,
            number: number(&path("number"), &self.number)?,
            gas_limit: number(&path("gas_limit"), &self.gas_limit)?,
            gas_used: number(&path("gas_used"), &self.gas_used)?,
            timestamp: number(&path("timestamp"), &self.timestamp)?,
            extra_data: Bytes::from(decode_hex(&path("extra_data"), &self.extra_data)?),
            mix_hash: b256(&path("mix_hash"), &self.mix_hash)?,
            nonce: FixedBytes(decode_fixed::<8>(&path("nonce"), &self.nonce)?),
            base_fee_per_gas: optional_number(&path("base_fee_per_gas"), &self.base_fee_per_gas)?,
            withdrawals_root: optional_b256(&path("withdrawals_root"), &self.withdrawals_root)?,
            blob_gas_used: optional_number(&path("blob_gas_used"), &self.blob_gas_used)?,
            excess_blob_gas: optional_number(&path("excess_blob_gas"), &self.excess_blob_gas)?,
            parent_beacon_block_root: optional_b256(&path("parent_beacon_block_root"), &self.parent_beacon_block_root)?,
            requests_hash: optional_b256(&path("requests_hash"), &self.requests_hash)?,
        };
        check_fork_order(prefix, &header)?;
        Ok(header)
    }
}

/// A later fork's field only with every earlier one: no block has a gap, and the RLP of one would
/// hash to no block's hash.
pub(super) fn check_fork_order(prefix: &str, header: &L2Header) -> Result<(), AnchorProofError> {
    let present = header.optional_present();
    if let Some(gap) = present.iter().position(|present| !present) {
        if let Some(later) = present[gap..].iter().position(|present| *present) {
            return Err(invalid(
                &json::key_path(prefix, L2Header::OPTIONAL_FIELDS[gap + later]),
                format!("present without {}", L2Header::OPTIONAL_FIELDS[gap]),
            ));
        }
    }
    Ok(())
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawStorageProof {
        key: String = json::string, required;
        value: String = json::string, required;
        proof: Vec<String> = json::string_list, required;
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawL1Proposal {
        kind: String = json::string, required;
        chain_id: RawU64 = RawU64::read, required;
        contract: String = json::string, required;
        index: RawU64 = RawU64::read, required;
        l2_block_number: RawU64 = RawU64::read, required;
        l1_timestamp: Option<RawU64> = json::optional(RawU64::read), optional;
        l1_block_number: Option<RawU64> = json::optional(RawU64::read), optional;
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawOutput {
        version: String = json::string, required;
        state_root: String = json::string, required;
        message_passer_storage_root: String = json::string, required;
        block_hash: String = json::string, required;
        output_root: String = json::string, required;
        l1: Option<RawL1Proposal> = json::optional(RawL1Proposal::read), optional;
    }
}

impl RawOutput {
    fn convert(&self) -> Result<OutputProof, AnchorProofError> {
        let path = |name: &str| format!("{PREFIX}.output.{name}");
        let preimage = OutputRootPreimage {
            version: b256(&path("version"), &self.version)?,
            state_root: b256(&path("state_root"), &self.state_root)?,
            message_passer_storage_root: b256(&path("message_passer_storage_root"), &self.message_passer_storage_root)?,
            block_hash: b256(&path("block_hash"), &self.block_hash)?,
        };
        let output_root = b256(&path("output_root"), &self.output_root)?;
        let l1 = match &self.l1 {
            None => None,
            Some(raw) => {
                let path = |name: &str| format!("{PREFIX}.output.l1.{name}");
                Some(L1Proposal {
                    kind: raw.kind.clone(),
                    chain_id: number(&path("chain_id"), &raw.chain_id)?,
                    contract: address(&path("contract"), &raw.contract)?,
                    index: number(&path("index"), &raw.index)?,
                    l2_block_number: number(&path("l2_block_number"), &raw.l2_block_number)?,
                    l1_timestamp: optional_number(&path("l1_timestamp"), &raw.l1_timestamp)?,
                    l1_block_number: optional_number(&path("l1_block_number"), &raw.l1_block_number)?,
                })
            }
        };
        Ok(OutputProof { preimage, output_root, l1 })
    }
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawAnchorProof {
        l2_header: RawHeader = RawHeader::read, required;
        address: String = json::string, required;
        nonce: RawU64 = RawU64::read, required;
        balance: RawU64 = RawU64::read, required;
        storage_hash: String = json::string, required;
        code_hash: String = json::string, required;
        account_proof: Vec<String> = json::string_list, required;
        storage_proof: Vec<RawStorageProof> = json::list(RawStorageProof::read), required;
        output: Option<RawOutput> = json::optional(RawOutput::read), optional;
    }
}

impl RawAnchorProof {
    fn convert(&self) -> Result<AnchorProof, AnchorProofError> {
        let path = |name: &str| format!("{PREFIX}.{name}");
        let l2_header = self.l2_header.convert(&path("l2_header"))?;
        let storage_proof = convert_storage_proofs(&self.storage_proof)?;
        Ok(AnchorProof {
            l2_header,
            address: address(&path("address"), &self.address)?,
            nonce: number(&path("nonce"), &self.nonce)?,
            balance: big_number(&path("balance"), &self.balance)?,
            storage_hash: b256(&path("storage_hash"), &self.storage_hash)?,
            code_hash: b256(&path("code_hash"), &self.code_hash)?,
            account_proof: nodes(&path("account_proof"), &self.account_proof)?,
            storage_proof,
            output: self.output.as_ref().map(RawOutput::convert).transpose()?,
        })
    }
}

/// `anchor.proof.storage_proof`, converted: exactly [`COMMITMENT_SLOT_COUNT`] slot proofs.
fn convert_storage_proofs(raw: &[RawStorageProof]) -> Result<Vec<StorageProof>, AnchorProofError> {
    let field = format!("{PREFIX}.storage_proof");
    if raw.len() != COMMITMENT_SLOT_COUNT {
        return Err(invalid(
            &field,
            format!("{} slot proofs, expected {COMMITMENT_SLOT_COUNT} (events root, new state root, range)", raw.len()),
        ));
    }
    let mut storage_proof = Vec::with_capacity(COMMITMENT_SLOT_COUNT);
    for (i, raw) in raw.iter().enumerate() {
        let slot = json::index_path(&field, i);
        storage_proof.push(StorageProof {
            key: b256(&json::key_path(&slot, "key"), &raw.key)?,
            value: b256(&json::key_path(&slot, "value"), &raw.value)?,
            proof: nodes(&json::key_path(&slot, "proof"), &raw.proof)?,
        });
    }
    Ok(storage_proof)
}

/// Reads only the slot proofs of an `anchor.proof` value (`value`: its `storage_proof`), for a
/// proof whose other fields equal those of a proof read in full already. `Err` when they do not
/// read; the caller then reads the whole proof, whose error is the one to report (it may name an
/// earlier field).
pub(super) fn read_storage_proofs(value: &Value) -> Result<Vec<StorageProof>, AnchorProofError> {
    let field = format!("{PREFIX}.storage_proof");
    let raw = json::list(RawStorageProof::read)(&field, value).map_err(|err| json_error("", err))?;
    convert_storage_proofs(&raw)
}

impl AnchorProof {
    /// Reads `anchor.proof` from its JSON value (docs/bundle-format.md, "Anchor proof").
    ///
    /// # Errors
    /// [`AnchorProofError::InvalidJson`] for a missing field, a field of the wrong type, a fork
    /// field without the earlier ones, not exactly three slot proofs or more than
    /// [`MAX_PROOF_NODES`] nodes in a proof; [`AnchorProofError::Encoding`] for bad hex or a
    /// wrong length. Paths start with `anchor.proof`.
    pub fn from_value(value: &Value) -> Result<Self, AnchorProofError> {
        RawAnchorProof::read("", value).map_err(|err| json_error(PREFIX, err))?.convert()
    }

    /// Reads `anchor.proof` from JSON text.
    ///
    /// # Errors
    /// As [`AnchorProof::from_value`], and [`AnchorProofError::InvalidJson`] naming `anchor.proof`
    /// for text that is not JSON.
    pub fn from_json(text: &str) -> Result<Self, AnchorProofError> {
        let value = crate::ves::parse_json_value(PREFIX, text).map_err(|err| invalid(PREFIX, err.to_string()))?;
        Self::from_value(&value)
    }

    /// The proof as the JSON value a bundle's `anchor.proof` holds (hex as `0x` lowercase,
    /// numbers as JSON numbers, a balance or difficulty beyond 2^64 − 1 as a decimal string).
    pub fn to_value(&self) -> Value {
        let mut proof = Map::new();
        proof.insert("l2_header".into(), header_value(&self.l2_header));
        proof.insert("address".into(), hex(self.address.as_slice()));
        proof.insert("nonce".into(), self.nonce.into());
        proof.insert("balance".into(), big_value(&self.balance));
        proof.insert("storage_hash".into(), hex(self.storage_hash.as_slice()));
        proof.insert("code_hash".into(), hex(self.code_hash.as_slice()));
        proof.insert("account_proof".into(), nodes_value(&self.account_proof));
        let slots = self.storage_proof.iter().map(|slot| {
            let mut entry = Map::new();
            entry.insert("key".into(), hex(slot.key.as_slice()));
            entry.insert("value".into(), hex(slot.value.as_slice()));
            entry.insert("proof".into(), nodes_value(&slot.proof));
            Value::Object(entry)
        });
        proof.insert("storage_proof".into(), Value::Array(slots.collect()));
        if let Some(output) = &self.output {
            proof.insert("output".into(), output_value(output));
        }
        Value::Object(proof)
    }
}

fn hex(bytes: &[u8]) -> Value {
    Value::String(encode_hex(bytes))
}

fn big_value(value: &U256) -> Value {
    match u64::try_from(*value) {
        Ok(small) => small.into(),
        Err(_) => Value::String(value.to_string()),
    }
}

fn nodes_value(nodes: &[Bytes]) -> Value {
    Value::Array(nodes.iter().map(|node| hex(node)).collect())
}

fn header_value(header: &L2Header) -> Value {
    let mut out = Map::new();
    out.insert("parent_hash".into(), hex(header.parent_hash.as_slice()));
    out.insert("sha3_uncles".into(), hex(header.sha3_uncles.as_slice()));
    out.insert("miner".into(), hex(header.miner.as_slice()));
    out.insert("state_root".into(), hex(header.state_root.as_slice()));
    out.insert("transactions_root".into(), hex(header.transactions_root.as_slice()));
    out.insert("receipts_root".into(), hex(header.receipts_root.as_slice()));
    out.insert("logs_bloom".into(), hex(header.logs_bloom.as_slice()));
    out.insert("difficulty".into(), big_value(&header.difficulty));
    out.insert("number".into(), header.number.into());
    out.insert("gas_limit".into(), header.gas_limit.into());
    out.insert("gas_used".into(), header.gas_used.into());
    out.insert("timestamp".into(), header.timestamp.into());
    out.insert("extra_data".into(), hex(&header.extra_data));
    out.insert("mix_hash".into(), hex(header.mix_hash.as_slice()));
    out.insert("nonce".into(), hex(header.nonce.as_slice()));
    let numbers = [
        ("base_fee_per_gas", header.base_fee_per_gas),
        ("blob_gas_used", header.blob_gas_used),
        ("excess_blob_gas", header.excess_blob_gas),
    ];
    for (name, value) in numbers {
        if let Some(value) = value {
            out.insert(name.into(), value.into());
        }
    }
    let hashes = [
        ("withdrawals_root", header.withdrawals_root),
        ("parent_beacon_block_root", header.parent_beacon_block_root),
        ("requests_hash", header.requests_hash),
    ];
    for (name, value) in hashes {
        if let Some(value) = value {
            out.insert(name.into(), hex(value.as_slice()));
        }
    }
    Value::Object(out)
}

fn output_value(output: &OutputProof) -> Value {
    let mut out = Map::new();
    out.insert("version".into(), hex(output.preimage.version.as_slice()));
    out.insert("state_root".into(), hex(output.preimage.state_root.as_slice()));
    out.insert("message_passer_storage_root".into(), hex(output.preimage.message_passer_storage_root.as_slice()));
    out.insert("block_hash".into(), hex(output.preimage.block_hash.as_slice()));
    out.insert("output_root".into(), hex(output.output_root.as_slice()));
    if let Some(l1) = &output.l1 {
        let mut location = Map::new();
        location.insert("kind".into(), l1.kind.clone().into());
        location.insert("chain_id".into(), l1.chain_id.into());
        location.insert("contract".into(), hex(l1.contract.as_slice()));
        location.insert("index".into(), l1.index.into());
        location.insert("l2_block_number".into(), l1.l2_block_number.into());
        if let Some(timestamp) = l1.l1_timestamp {
            location.insert("l1_timestamp".into(), timestamp.into());
        }
        if let Some(block) = l1.l1_block_number {
            location.insert("l1_block_number".into(), block.into());
        }
        out.insert("l1".into(), Value::Object(location));
    }
    Value::Object(out)
}

json_struct! {
    #[derive(Default)]
    #[cfg_attr(test, derive(Deserialize, Debug, PartialEq))]
    struct RawProofTrust {
        l2_block_hashes: Option<Vec<String>> = json::optional(json::string_list), optional, alias "l2BlockHashes";
        l1_output_roots: Option<Vec<String>> = json::optional(json::string_list), optional, alias "l1OutputRoots";
        l1_chain_id: Option<RawU64> = json::optional(RawU64::read), optional, alias "l1ChainId";
        l1_oracle: Option<String> = json::optional_string, optional, alias "l1Oracle";
    }
}

impl RawProofTrust {
    fn convert(&self) -> Result<ProofTrust, AnchorProofError> {
        let hashes = |name: &str, texts: &Option<Vec<String>>| -> Result<Vec<B256>, AnchorProofError> {
            let field = format!("trust.{name}");
            texts.iter().flatten().enumerate().map(|(i, text)| b256(&json::index_path(&field, i), text)).collect()
        };
        Ok(ProofTrust {
            l2_block_hashes: hashes("l2_block_hashes", &self.l2_block_hashes)?,
            l1_output_roots: hashes("l1_output_roots", &self.l1_output_roots)?,
            l1_chain_id: optional_number("trust.l1_chain_id", &self.l1_chain_id)?,
            l1_oracle: self.l1_oracle.as_deref().map(|text| address("trust.l1_oracle", text)).transpose()?,
        })
    }
}

impl ProofTrust {
    /// Reads the anchor-proof fields of a trust document (`l2_block_hashes`, `l1_output_roots`,
    /// `l1_chain_id`, `l1_oracle`, or their JavaScript spelling), ignoring every other field.
    ///
    /// # Errors
    /// [`AnchorProofError::InvalidJson`] or [`AnchorProofError::Encoding`] naming the field
    /// (`trust.l1_output_roots[1]`).
    pub fn from_value(value: &Value) -> Result<Self, AnchorProofError> {
        RawProofTrust::read("", value).map_err(|err| json_error("trust", err))?.convert()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captured_proof() -> Value {
        super::super::tests::captured_anchor_proof().to_value()
    }

    #[test]
    fn anchor_proofs_read_exactly_as_the_derived_deserializer() {
        let proof = captured_proof();
        let checked = json::assert_reads_as_serde::<RawAnchorProof>(&[proof], &["unknown"], RawAnchorProof::read);
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn proof_trusts_read_exactly_as_the_derived_deserializer() {
        let trusts = [
            serde_json::json!({ "l2_block_hashes": ["0x01"], "l1_output_roots": [], "l1_chain_id": 900, "l1_oracle": "0x02" }),
            serde_json::json!({ "l2BlockHashes": ["0x01"], "l1OutputRoots": ["0x03"], "l1ChainId": "900", "l1Oracle": null }),
            serde_json::json!({ "l2_block_hashes": [], "l2BlockHashes": [] }),
            serde_json::json!({ "sequencer_public_keys": [] }),
        ];
        json::assert_reads_as_serde::<RawProofTrust>(&trusts, &["l2BlockHashes", "unknown"], RawProofTrust::read);
    }

    #[test]
    fn a_proof_survives_its_own_json() {
        let proof = super::super::tests::captured_anchor_proof();
        assert_eq!(AnchorProof::from_value(&proof.to_value()), Ok(proof.clone()));
        assert_eq!(AnchorProof::from_json(&proof.to_value().to_string()), Ok(proof));
    }

    #[test]
    fn a_fork_field_without_the_earlier_ones_is_refused_naming_it() {
        let mut proof = captured_proof();
        proof["l2_header"].as_object_mut().map(|header| header.remove("withdrawals_root"));
        let err = AnchorProof::from_value(&proof).unwrap_err();
        assert_eq!((err.code(), err.field()), ("INVALID_JSON", "anchor.proof.l2_header.blob_gas_used"));
    }

    #[test]
    fn malformed_proofs_name_the_field() {
        let cases: [(&str, Value, &str, &str); 6] = [
            ("/account_proof/1", Value::from("0xzz"), "INVALID_HEX", "anchor.proof.account_proof[1]"),
            ("/storage_proof/2/value", Value::from("0x01"), "WRONG_LENGTH", "anchor.proof.storage_proof[2].value"),
            ("/l2_header/number", Value::from("x"), "INVALID_JSON", "anchor.proof.l2_header.number"),
            ("/balance", Value::from("1e3"), "INVALID_JSON", "anchor.proof.balance"),
            ("/storage_proof", serde_json::json!([]), "INVALID_JSON", "anchor.proof.storage_proof"),
            ("/l2_header/logs_bloom", Value::from("0x00"), "WRONG_LENGTH", "anchor.proof.l2_header.logs_bloom"),
        ];
        for (pointer, replacement, code, field) in cases {
            let mut proof = captured_proof();
            *proof.pointer_mut(pointer).unwrap() = replacement;
            let err = AnchorProof::from_value(&proof).unwrap_err();
            assert_eq!((err.code(), err.field()), (code, field), "{pointer}");
        }
        let mut proof = captured_proof();
        proof["account_proof"] = Value::Array(vec![Value::from("0x80"); MAX_PROOF_NODES + 1]);
        assert_eq!(AnchorProof::from_value(&proof).unwrap_err().field(), "anchor.proof.account_proof");
        let mut proof = captured_proof();
        proof.as_object_mut().unwrap().remove("code_hash");
        assert_eq!(AnchorProof::from_value(&proof).unwrap_err().field(), "anchor.proof.code_hash");
    }
}
