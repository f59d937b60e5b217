//! Writing a [`Trust`] as a `set-trust-root-v1` document, the form [`Trust::from_json`] reads
//! back to the same value.

use alloc::string::String;
use alloc::vec::Vec;

use serde_json::{Map, Value};

use super::{ReceiptError, SignaturePolicy, Trust, TRUST_ROOT_FORMAT};
use crate::encoding::encode_hex;

impl Trust {
    /// The `set-trust-root-v1` document of this trust (docs/bundle-format.md, "Trust root"): hex
    /// as `0x` lowercase, `signature_policy` only when not `default`, the optional pins (ML-DSA-65
    /// keys, agent keys, an on-chain record, L2 block hashes, L1 output roots) only when set. An
    /// on-chain record is written as its object form, without its `timestamp`, which trust
    /// documents do not carry.
    ///
    /// # Errors
    /// [`ReceiptError::InvalidJson`] naming `trust.network`, `trust.chain_id` or
    /// `trust.registry` when it is not set: a trust root pins all three (as
    /// [`Trust::from_json`] requires of one).
    pub fn to_trust_root_value(&self) -> Result<Value, ReceiptError> {
        let missing = |field: &str| ReceiptError::InvalidJson {
            field: field.into(),
            reason: "required in set-trust-root-v1".into(),
        };
        let network = self.network.as_ref().ok_or_else(|| missing("trust.network"))?;
        let chain_id = self.chain_id.ok_or_else(|| missing("trust.chain_id"))?;
        let registry = self.registry.ok_or_else(|| missing("trust.registry"))?;
        let hex_list = |items: &mut dyn Iterator<Item = &[u8]>| -> Value {
            Value::Array(items.map(|bytes| Value::String(encode_hex(bytes))).collect())
        };
        let mut root = Map::new();
        root.insert("format".into(), TRUST_ROOT_FORMAT.into());
        root.insert("network".into(), network.as_str().into());
        root.insert("chain_id".into(), chain_id.into());
        root.insert("registry".into(), encode_hex(registry.as_slice()).into());
        root.insert(
            "sequencer_public_keys".into(),
            hex_list(&mut self.sequencer_public_keys.iter().map(|key| key.as_slice())),
        );
        if !self.sequencer_ml_dsa_65_public_keys.is_empty() {
            root.insert(
                "sequencer_ml_dsa_65_public_keys".into(),
                hex_list(&mut self.sequencer_ml_dsa_65_public_keys.iter().map(Vec::as_slice)),
            );
        }
        if self.signature_policy != SignaturePolicy::default() {
            root.insert("signature_policy".into(), self.signature_policy.as_str().into());
        }
        if let Some(key) = &self.agent_public_key {
            root.insert("agent_public_key".into(), encode_hex(key).into());
        }
        if let Some(key) = &self.agent_ml_dsa_65_public_key {
            root.insert("agent_ml_dsa_65_public_key".into(), encode_hex(key).into());
        }
        if let Some(record) = &self.onchain {
            let mut onchain = Map::new();
            onchain.insert("events_root".into(), encode_hex(record.events_root.as_slice()).into());
            onchain.insert("new_state_root".into(), encode_hex(record.new_state_root.as_slice()).into());
            onchain.insert("sequence_start".into(), record.sequence_start.into());
            onchain.insert("sequence_end".into(), record.sequence_end.into());
            onchain.insert("event_count".into(), record.event_count.into());
            root.insert("onchain".into(), Value::Object(onchain));
        }
        #[cfg(feature = "anchor-proof")]
        {
            let proofs = &self.anchor_proof;
            if !proofs.l2_block_hashes.is_empty() {
                root.insert(
                    "l2_block_hashes".into(),
                    hex_list(&mut proofs.l2_block_hashes.iter().map(|h| h.as_slice())),
                );
            }
            if !proofs.l1_output_roots.is_empty() {
                root.insert(
                    "l1_output_roots".into(),
                    hex_list(&mut proofs.l1_output_roots.iter().map(|h| h.as_slice())),
                );
            }
            if let Some(l1_chain_id) = proofs.l1_chain_id {
                root.insert("l1_chain_id".into(), l1_chain_id.into());
            }
            if let Some(oracle) = proofs.l1_oracle {
                root.insert("l1_oracle".into(), encode_hex(oracle.as_slice()).into());
            }
        }
        Ok(Value::Object(root))
    }

    /// [`Trust::to_trust_root_value`] as pretty-printed JSON text.
    ///
    /// # Errors
    /// As [`Trust::to_trust_root_value`].
    pub fn to_trust_root_json(&self) -> Result<String, ReceiptError> {
        // A `Value` of strings, numbers, arrays and objects always serialises.
        Ok(serde_json::to_string_pretty(&self.to_trust_root_value()?).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{Address, B256};

    use super::*;
    use crate::registry::OnchainCommitment;

    /// The public keys of RFC 8032's Ed25519 test vectors 1 to 3.
    const KEYS: [[u8; 32]; 3] = [
        alloy_primitives::hex!("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
        alloy_primitives::hex!("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
        alloy_primitives::hex!("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"),
    ];

    fn pinned() -> Trust {
        Trust {
            network: Some("set-chain-devnet".into()),
            chain_id: Some(84_532_001),
            registry: Some(Address::repeat_byte(0x5e)),
            sequencer_public_keys: alloc::vec![KEYS[0]],
            ..Trust::default()
        }
    }

    #[test]
    fn a_trust_root_written_reads_back_to_the_same_trust() {
        let minimal = pinned();
        let text = minimal.to_trust_root_json().expect("write");
        assert_eq!(Trust::from_json(&text).expect("read back"), minimal);
        let value: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(value["format"], TRUST_ROOT_FORMAT);
        assert!(value.get("signature_policy").is_none() && value.get("onchain").is_none());

        let mut full = pinned();
        full.sequencer_public_keys.push(KEYS[1]);
        full.agent_public_key = Some(KEYS[2]);
        full.signature_policy = SignaturePolicy::RequireHybrid;
        full.sequencer_ml_dsa_65_public_keys = alloc::vec![pq_key(1)];
        full.agent_ml_dsa_65_public_key = Some(pq_key(2));
        full.onchain = Some(OnchainCommitment {
            events_root: B256::repeat_byte(1),
            new_state_root: B256::repeat_byte(2),
            sequence_start: 1,
            sequence_end: 3,
            event_count: 3,
            timestamp: 0,
        });
        #[cfg(feature = "anchor-proof")]
        {
            full.anchor_proof.l2_block_hashes = alloc::vec![B256::repeat_byte(3)];
            full.anchor_proof.l1_output_roots = alloc::vec![B256::repeat_byte(4), B256::repeat_byte(5)];
            full.anchor_proof.l1_chain_id = Some(11_155_111);
            full.anchor_proof.l1_oracle = Some(Address::repeat_byte(6));
        }
        let text = full.to_trust_root_json().expect("write");
        assert_eq!(Trust::from_json(&text).expect("read back"), full);
    }

    /// A public key of the ML-DSA-65 length (the reader checks the length, not the key).
    fn pq_key(byte: u8) -> Vec<u8> {
        alloc::vec![byte; crate::pq::ML_DSA_65_PUBLIC_KEY_LENGTH]
    }

    #[test]
    fn a_trust_without_network_chain_or_registry_is_no_trust_root() {
        for (trust, field) in [
            (Trust { network: None, ..pinned() }, "trust.network"),
            (Trust { chain_id: None, ..pinned() }, "trust.chain_id"),
            (Trust { registry: None, ..pinned() }, "trust.registry"),
        ] {
            let err = trust.to_trust_root_json().expect_err(field);
            assert_eq!((err.code(), err.field()), ("INVALID_JSON", field));
        }
    }
}
