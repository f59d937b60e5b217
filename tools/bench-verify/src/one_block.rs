//! Receipts of many commitments proven at one L2 block, at `anchored-l1`, in bulk: the case of an
//! export of many commitments (set-anchor captures the proofs of one cycle's commitments at one
//! block). The block is built here with alloy-trie, since no anvil runs in a benchmark: the
//! registry's storage holds every commitment's three slots (so the slot proofs are as deep as on
//! a registry of that many commitments), in a state trie of 10,000 other accounts, under a
//! header whose output root is pinned. Each receipt's proof is the one `attach_proof` would
//! build from `eth_getProof` at that block: the same header, account proof and output, its own
//! three slot proofs.

use std::collections::BTreeMap;

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_trie::proof::ProofRetainer;
use alloy_trie::{HashBuilder, Nibbles, TrieAccount};
use serde_json::Value;
use set_core::anchor_proof::{commitment_slots, AnchorProof, OutputRootPreimage, StorageProof};
use set_core::receipt::{BundleCommitment, ReceiptBundle, Trust};

/// Other accounts in the state trie, for an account proof of a realistic depth.
const OTHER_ACCOUNTS: u64 = 10_000;

/// `bundles` with each an `anchor.proof` at one synthetic block, and `trust` with that block's
/// output root pinned. `template` is a case at `anchored-l1`: its anchor, header, output and L1
/// location are reused, with the state root (and so the hashes) of the block built here.
pub fn at_one_block(bundles: &[ReceiptBundle], trust: &Trust, template: &Value) -> (Vec<ReceiptBundle>, Trust) {
    let case_anchor = ReceiptBundle::from_value(template["bundle"].clone()).expect("the case's bundle").anchor;
    let case_anchor = case_anchor.expect("the case's anchor");
    let case_proof = AnchorProof::from_value(case_anchor.proof.as_ref().expect("a proof")).expect("the case's proof");
    let registry = case_proof.address;

    let mut commitments: BTreeMap<_, &BundleCommitment> = BTreeMap::new();
    for bundle in bundles {
        commitments.entry(bundle.commitment.batch_id).or_insert(&bundle.commitment);
    }
    let mut slots: Vec<(B256, B256)> = Vec::with_capacity(3 * commitments.len());
    for commitment in commitments.values() {
        let keys = commitment_slots(&commitment.batch_id);
        let values = [commitment.merkle_root, commitment.new_state_root, packed_range(commitment)];
        slots.extend(keys.into_iter().zip(values));
    }
    let (storage_hash, slot_proofs) =
        trie(slots.iter().map(|(key, value)| (keccak256(key), alloy_rlp::encode(U256::from_be_bytes(value.0)))), None);
    let slot_proofs: BTreeMap<B256, (B256, Vec<Bytes>)> =
        slots.iter().map(|(key, value)| (*key, (*value, slot_proofs[&keccak256(key)].clone()))).collect();

    let account =
        TrieAccount { nonce: 1, balance: U256::ZERO, storage_root: storage_hash, code_hash: case_proof.code_hash };
    let others = (0..OTHER_ACCOUNTS).map(|i| {
        let address = Address::from_word(keccak256(i.to_be_bytes()));
        let other = TrieAccount {
            nonce: i,
            balance: U256::from(i) * U256::from(1_000_000_000u64),
            storage_root: alloy_trie::EMPTY_ROOT_HASH,
            code_hash: alloy_trie::KECCAK_EMPTY,
        };
        (keccak256(address), alloy_rlp::encode(other))
    });
    let accounts = others.chain([(keccak256(registry), alloy_rlp::encode(account))]);
    let (state_root, mut account_proofs) = trie(accounts, Some(&[keccak256(registry)]));
    let account_proofs = account_proofs.remove(&keccak256(registry)).expect("the registry's proof");

    let mut header = case_proof.l2_header.clone();
    header.state_root = state_root;
    let mut output = case_proof.output.clone().expect("the case's output");
    output.preimage = OutputRootPreimage { state_root, block_hash: header.hash(), ..output.preimage };
    output.output_root = output.preimage.output_root();
    let block = AnchorProof {
        l2_header: header,
        address: registry,
        nonce: 1,
        balance: U256::ZERO,
        storage_hash,
        code_hash: case_proof.code_hash,
        account_proof: account_proofs,
        storage_proof: Vec::new(),
        output: Some(output.clone()),
    };
    let proven: Vec<ReceiptBundle> = bundles
        .iter()
        .map(|bundle| {
            let mut proof = block.clone();
            proof.storage_proof = commitment_slots(&bundle.commitment.batch_id)
                .into_iter()
                .map(|key| {
                    let (value, nodes) = slot_proofs[&key].clone();
                    StorageProof { key, value, proof: nodes }
                })
                .collect();
            let mut anchor = case_anchor.clone();
            anchor.proof = Some(proof.to_value());
            ReceiptBundle { anchor: Some(anchor), ..bundle.clone() }
        })
        .collect();
    let mut pinned = trust.clone();
    pinned.chain_id = template["trust"]["chain_id"].as_u64();
    pinned.registry = Some(registry);
    pinned.anchor_proof.l1_output_roots = vec![output.output_root];
    pinned.anchor_proof.l1_chain_id = output.l1.as_ref().map(|l1| l1.chain_id);
    pinned.anchor_proof.l1_oracle = output.l1.as_ref().map(|l1| l1.contract);
    (proven, pinned)
}

/// Slot 2 of a commitment: sequence start [0,64), end [64,128), event count [128,160), a
/// timestamp [160,224) and the first 4 bytes of keccak256(prev_state_root) [224,256).
fn packed_range(commitment: &BundleCommitment) -> B256 {
    let mut word = [0u8; 32];
    word[..4].copy_from_slice(&keccak256(commitment.prev_state_root)[..4]);
    word[4..12].copy_from_slice(&1_796_647_000u64.to_be_bytes());
    word[12..16].copy_from_slice(&commitment.leaf_count.to_be_bytes());
    word[16..24].copy_from_slice(&commitment.sequence_end.to_be_bytes());
    word[24..32].copy_from_slice(&commitment.sequence_start.to_be_bytes());
    B256::from(word)
}

/// The root of the trie of `leaves` (hashed key, RLP value) and the proofs of the leaves whose
/// keys are `proven`, of every leaf when `None` (the retainer then keeps only the paths asked for:
/// the account trie proves one of its 10,001 leaves).
fn trie(leaves: impl Iterator<Item = (B256, Vec<u8>)>, proven: Option<&[B256]>) -> (B256, BTreeMap<B256, Vec<Bytes>>) {
    let leaves: BTreeMap<B256, Vec<u8>> = leaves.collect();
    let proven: Vec<B256> = proven.map_or_else(|| leaves.keys().copied().collect(), <[B256]>::to_vec);
    let targets: Vec<Nibbles> = proven.iter().map(|key| Nibbles::unpack(key)).collect();
    let mut builder = HashBuilder::default().with_proof_retainer(ProofRetainer::new(targets));
    for (key, value) in &leaves {
        builder.add_leaf(Nibbles::unpack(key), value);
    }
    let root = builder.root();
    let nodes = builder.take_proof_nodes();
    let proofs = proven
        .into_iter()
        .map(|key| {
            (key, nodes.matching_nodes_sorted(&Nibbles::unpack(key)).into_iter().map(|(_, node)| node).collect())
        })
        .collect();
    (root, proofs)
}
