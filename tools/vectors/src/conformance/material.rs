//! The material every case is cut from: signed batches of a few streams, and the app's trust.

use serde_json::{json, Value};
use set_core::encoding::{Address, B256};
use set_core::pq;
use set_core::receipt::{self, BundleAnchor, BundleCommitment, BundleProof, ReceiptBundle, SequencerReceipt};
use set_core::registry;
use set_core::ves::{self, SignatureBundle, VesEvent};
use uuid::Uuid;

use crate::{hex, AGENT_SEED, SEQUENCER_SEED};

/// The chain and registry every trust in the suite pins.
pub(super) const CHAIN_ID: u64 = 84532001;
pub(super) const REGISTRY_BYTE: u8 = 0x5e;
/// A sequencer key that is never pinned: its signatures are valid, but not the network's.
pub(super) const ROGUE_SEQUENCER_SEED: [u8; 32] = [0x42; 32];
/// The first anchor block hash and transaction of the suite's anchors.
pub(super) const BLOCK_HASH_BYTE: u8 = 0xbc;
pub(super) use crate::{AGENT_ML_DSA_SEED, SEQUENCER_ML_DSA_SEED};
/// An ML-DSA-65 key that is never pinned.
pub(super) const ROGUE_ML_DSA_SEED: [u8; 32] = [0x43; 32];

/// The sequencer's security profile a batch is signed under.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Profile {
    /// Ed25519 only (agent scheme absent, `signature_alg` `ed25519`).
    Legacy,
    /// Ed25519 and ML-DSA-65 (agent scheme 3, `Ed25519MlDsa65`, receipt scheme 3).
    Hybrid,
    /// ML-DSA-65 only (agent scheme 2 with a zero `agent_signature`, `MlDsa65`, receipt scheme 2).
    PqcStrict,
}

/// One batch of one stream, every event signed and every receipt signed by `sequencer_seed`.
pub(super) struct Batch {
    profile: Profile,
    tenant: Uuid,
    store: Uuid,
    batch_id: Uuid,
    events: Vec<VesEvent>,
    sequence_start: u64,
    commitment: ves::VesBatch,
}

impl Batch {
    /// A batch whose events and receipts are signed as under `profile`.
    pub(super) fn signed(
        profile: Profile,
        tenant: u128,
        store: u128,
        batch_id: u128,
        first: u64,
        count: u64,
        prev_state_root: B256,
    ) -> Batch {
        let store_number = store;
        let (tenant, store) = (Uuid::from_u128(tenant), Uuid::from_u128(store));
        let events: Vec<VesEvent> = (first..first + count)
            .map(|seq| {
                let mut event = VesEvent {
                    ves_version: 1,
                    tenant_id: tenant,
                    store_id: store,
                    event_id: Uuid::from_u128(0xe7e7_0000_0000_4000_8000_0000_0000_0000 | (store_number << 16) | seq as u128),
                    source_agent_id: Uuid::from_u128(0x2222),
                    agent_key_id: 1,
                    entity_type: "Order".into(),
                    entity_id: format!("ORD-{store_number}-{seq}"),
                    event_type: "order.created".into(),
                    created_at: format!("2026-12-01T10:00:{:02}Z", seq % 60),
                    payload_kind: 0,
                    payload: Some(json!({"order_id": format!("ORD-{store_number}-{seq}"), "amount_cents": 1000 + seq, "currency": "USD"})),
                    payload_plain_hash: B256::ZERO,
                    payload_cipher_hash: B256::ZERO,
                    agent_signature: [0; 64],
                    agent_signature_scheme: None,
                    agent_signature_bundle: None,
                };
                event.sign(&AGENT_SEED).expect("a small event signs");
                let signing_hash = event.signing_hash().expect("hashable");
                let ml_dsa = || Some(pq::signing::sign(&AGENT_ML_DSA_SEED, &signing_hash));
                match profile {
                    Profile::Legacy => {}
                    Profile::Hybrid => {
                        event.agent_signature_scheme = Some(3);
                        event.agent_signature_bundle = Some(SignatureBundle {
                            ed25519_signature: Some(event.agent_signature),
                            ml_dsa_65_signature: ml_dsa(),
                        });
                    }
                    Profile::PqcStrict => {
                        event.agent_signature = [0; 64];
                        event.agent_signature_scheme = Some(2);
                        event.agent_signature_bundle =
                            Some(SignatureBundle { ed25519_signature: None, ml_dsa_65_signature: ml_dsa() });
                    }
                }
                event
            })
            .collect();
        let leaves: Vec<B256> =
            events.iter().zip(first..).map(|(event, seq)| event.leaf_hash(seq).expect("hashable")).collect();
        let commitment = ves::commit_batch(&tenant, &store, &prev_state_root, first, &leaves).expect("a batch");
        Batch { profile, tenant, store, batch_id: Uuid::from_u128(batch_id), events, sequence_start: first, commitment }
    }

    /// The v2 bundle of event `k` of this batch, its receipt signed by `sequencer_seed`, anchored
    /// on the pinned network.
    pub(super) fn bundle(&self, k: usize, sequencer_seed: &[u8; 32]) -> ReceiptBundle {
        let sequence_number = self.sequence_start + k as u64;
        let receipt_hash = self.events[k].receipt_hash(sequence_number).expect("hashable");
        let ed25519 = ves::signing::sign(sequencer_seed, &receipt_hash);
        let ml_dsa = || Some(pq::signing::sign(&SEQUENCER_ML_DSA_SEED, &receipt_hash));
        let (signature_alg, sequencer_signature, scheme, signature_bundle) = match self.profile {
            Profile::Legacy => ("ed25519", Some(ed25519), 1, None),
            Profile::Hybrid => (
                "Ed25519MlDsa65",
                Some(ed25519),
                3,
                Some(SignatureBundle { ed25519_signature: Some(ed25519), ml_dsa_65_signature: ml_dsa() }),
            ),
            Profile::PqcStrict => {
                ("MlDsa65", None, 2, Some(SignatureBundle { ed25519_signature: None, ml_dsa_65_signature: ml_dsa() }))
            }
        };
        ReceiptBundle {
            format: receipt::FORMAT_V2.into(),
            event: self.events[k].clone(),
            receipt: SequencerReceipt {
                sequencer_id: Uuid::from_u128(0x5e9a_0000_0000_4000_8000_0000_0000_0001),
                sequence_number,
                receipt_hash,
                signature_alg: signature_alg.into(),
                sequencer_signature,
                receipt_signature_scheme: Some(scheme),
                receipt_signature_bundle: signature_bundle,
            },
            commitment: BundleCommitment::from_batch(self.batch_id, &self.commitment),
            proof: BundleProof { leaf_index: k as u64, proof_path: self.commitment.tree.proof(k).expect("in range") },
            anchor: Some(BundleAnchor {
                chain_id: CHAIN_ID,
                registry: Address::repeat_byte(REGISTRY_BYTE),
                tx_hash: B256::repeat_byte(0xab),
                block_number: 1234,
                block_hash: Some(B256::repeat_byte(BLOCK_HASH_BYTE)),
                proof: None,
            }),
        }
    }

    /// What `getBatchCommitment(batch_id)` returns for this batch, as a trust document's object.
    pub(super) fn onchain(&self) -> Value {
        json!({
            "events_root": hex(self.commitment.merkle_root),
            "new_state_root": hex(self.commitment.new_state_root),
            "sequence_start": self.commitment.sequence_start,
            "sequence_end": self.commitment.sequence_end,
            "event_count": self.commitment.leaf_count,
        })
    }

    /// The same record as raw ABI return data.
    pub(super) fn onchain_return_data(&self) -> Value {
        let record = registry::OnchainCommitment {
            events_root: self.commitment.merkle_root,
            new_state_root: self.commitment.new_state_root,
            sequence_start: self.commitment.sequence_start,
            sequence_end: self.commitment.sequence_end,
            event_count: self.commitment.leaf_count,
            timestamp: 1_764_583_200,
        };
        hex(registry::encode_get_batch_commitment_return(&record))
    }

    pub(super) fn stream(&self) -> (Uuid, Uuid) {
        (self.tenant, self.store)
    }
}

/// The material every case is cut from.
pub(super) struct Material {
    /// Stream A, first batch: three events (a padded tree of four leaves).
    pub(super) a1: Batch,
    /// Stream A, second batch: two events, chained to `a1`.
    pub(super) a2: Batch,
    /// Stream B (same tenant, another store): two events.
    pub(super) b1: Batch,
    /// Stream C: one event (depth 0, empty proof).
    pub(super) c1: Batch,
    /// Stream D, signed under the hybrid profile: two events.
    pub(super) hybrid: Batch,
    /// Stream E, signed under the pqc-strict profile: two events.
    pub(super) pqc_strict: Batch,
}

impl Material {
    pub(super) fn new() -> Material {
        let a1 = Batch::signed(Profile::Legacy, 0xa, 0x1, 0xba7c_0001, 1, 3, B256::ZERO);
        let a2 = Batch::signed(Profile::Legacy, 0xa, 0x1, 0xba7c_0002, 4, 2, a1.commitment.new_state_root);
        let b1 = Batch::signed(Profile::Legacy, 0xa, 0x2, 0xba7c_0003, 1, 2, B256::ZERO);
        let c1 = Batch::signed(Profile::Legacy, 0xc, 0x3, 0xba7c_0004, 1, 1, B256::ZERO);
        let hybrid = Batch::signed(Profile::Hybrid, 0xd, 0x4, 0xba7c_0005, 1, 2, B256::ZERO);
        let pqc_strict = Batch::signed(Profile::PqcStrict, 0xe, 0x5, 0xba7c_0006, 1, 2, B256::ZERO);
        assert_ne!(a1.stream(), b1.stream());
        Material { a1, a2, b1, c1, hybrid, pqc_strict }
    }

    /// The bundle a conforming verifier accepts, as JSON: event 2 of `a1` (index 1).
    pub(super) fn valid(&self) -> Value {
        to_value(&self.a1.bundle(1, &SEQUENCER_SEED))
    }
}

pub(super) fn to_value(bundle: &ReceiptBundle) -> Value {
    serde_json::to_value(bundle).expect("a bundle serialises")
}

/// The app's trust: its trust root's network and keys, and the agent's key.
pub(super) fn trust() -> Value {
    json!({
        "chain_id": CHAIN_ID,
        "registry": hex(Address::repeat_byte(REGISTRY_BYTE)),
        "sequencer_public_keys": [hex(ves::signing::public_key(&SEQUENCER_SEED))],
        "agent_public_key": hex(ves::signing::public_key(&AGENT_SEED)),
    })
}

/// The trust of an app on a hybrid or pqc-strict network: its sequencer's and agent's ML-DSA-65
/// keys as well.
pub(super) fn pq_trust() -> Value {
    let mut t = trust();
    t["sequencer_ml_dsa_65_public_keys"] = json!([hex(pq::signing::public_key(&SEQUENCER_ML_DSA_SEED))]);
    t["agent_ml_dsa_65_public_key"] = hex(pq::signing::public_key(&AGENT_ML_DSA_SEED));
    t
}

pub(super) fn pq_trust_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut t = pq_trust();
    edit(&mut t);
    t
}

pub(super) fn trust_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut t = trust();
    edit(&mut t);
    t
}
