// The anchor_proof fuzz target's body, shared by the libFuzzer target
// (core/fuzz/fuzz_targets/anchor_proof.rs) and the corpus regression test
// (core/tests/fuzz_corpus.rs, with the feature anchor-proof) via `include!`.
// Any panic here is a bug: every input must give Ok, a typed error or a verdict.
//
// Two kinds of input:
// - JSON (the first byte is `{`): read as `anchor.proof`, as a trust document's pins, as the
//   answers of eth_getBlockByNumber and eth_getProof, and the proofs it reads verified against the
//   captured commitment; whatever reads must survive its own JSON;
// - anything else: a selector byte and a recipe of trie nodes, built bottom-up with alloy-trie's encoders so that each
//   node really is referenced by its parent (by hash, or in place when short) and the walk goes as
//   deep as the recipe says: branches on the key's path or off it, extensions and leaves with keys
//   of any length (paths past 64 nibbles included), in-place children, raw bytes. The nodes become
//   the first slot's storage proof under a one-account state trie whose root the header states, so the
//   verifier walks them for real.

use alloy_primitives::{keccak256, Bytes, B256, U256};
use alloy_rlp::Encodable;
use alloy_trie::nodes::{BranchNode, ExtensionNode, LeafNode, RlpNode};
use alloy_trie::{Nibbles, TrieAccount, TrieMask};
use set_core::anchor_proof::{self, AnchorProof, ProofTrust};
use set_core::receipt::{BundleCommitment, ReceiptBundle};

const ANCHOR_PROOF_CASE: &str = include_str!("../../tests/conformance/cases/proof-valid-anchored-l1.json");

/// The captured proof, its commitment, the registry and the trusts of the valid case.
type AnchorProofMaterial = (AnchorProof, BundleCommitment, alloy_primitives::Address, Vec<ProofTrust>);

/// [`AnchorProofMaterial`], read once.
fn anchor_proof_material() -> &'static AnchorProofMaterial {
    static MATERIAL: std::sync::OnceLock<AnchorProofMaterial> = std::sync::OnceLock::new();
    MATERIAL.get_or_init(read_anchor_proof_material)
}

fn read_anchor_proof_material() -> AnchorProofMaterial {
    let case: serde_json::Value = serde_json::from_str(ANCHOR_PROOF_CASE).expect("the case is JSON");
    let bundle = ReceiptBundle::from_value(case["bundle"].clone()).expect("the case's bundle reads");
    let anchor = bundle.anchor.clone().expect("anchored");
    let proof = AnchorProof::from_value(anchor.proof.as_ref().expect("a proof")).expect("the proof reads");
    let pinned = ProofTrust::from_value(&case["trust"]).expect("the case's trust reads");
    let by_hash = ProofTrust { l2_block_hashes: vec![proof.l2_header.hash()], ..ProofTrust::default() };
    (proof, bundle.commitment, anchor.registry, vec![pinned, by_hash])
}

pub fn fuzz_anchor_proof(data: &[u8]) {
    let (proof, commitment, registry, trusts) = anchor_proof_material();
    let registry = *registry;
    if data.first() == Some(&b'{') {
        let text = String::from_utf8_lossy(data);
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            let _ = AnchorProof::from_json(&text);
            return;
        };
        if let Ok(read) = AnchorProof::from_value(&value) {
            assert_eq!(AnchorProof::from_value(&read.to_value()).as_ref(), Ok(&read), "a proof must survive its JSON");
            for trust in trusts {
                let _ = anchor_proof::verify(&read, commitment, registry, trust);
            }
            let _ = anchor_proof::verify_output(&read, &trusts[0]);
        }
        let _ = ProofTrust::from_value(&value);
        let _ = anchor_proof::header_from_rpc(&value);
        let _ = anchor_proof::build_anchor_proof(&value, &value, registry, &commitment.batch_id);
        let _ = anchor_proof::output_preimage_from_rpc(&value, &value);
        let _ = set_core::receipt::ReceiptBundle::from_json(&text);
        return;
    }
    let _ = anchor_proof::l1::decode_get_l2_output(data);
    let _ = anchor_proof::l1::decode_uint(data);
    let Some((&selector, recipe)) = data.split_first() else {
        return;
    };
    // The first slot's proof (the others keep theirs: they are walked once it verifies).
    let key = Nibbles::unpack(keccak256(proof.storage_proof[0].key));
    let nodes = recipe_nodes(recipe, &key);
    let mut adversarial = proof.clone();
    adversarial.storage_proof[0].proof = nodes.clone();
    // The storage root: the first node's hash (walked for real), or the real one.
    let storage_root = match (selector & 1, nodes.first()) {
        (0, Some(first)) => keccak256(first),
        _ => proof.storage_hash,
    };
    // A state trie of one account (a leaf on the full key path) holding that storage root.
    let account = TrieAccount {
        nonce: proof.nonce,
        balance: proof.balance,
        storage_root,
        code_hash: proof.code_hash,
    };
    let mut leaf = Vec::new();
    LeafNode::new(Nibbles::unpack(keccak256(registry)), alloy_rlp::encode(account)).encode(&mut leaf);
    adversarial.storage_hash = storage_root;
    adversarial.account_proof = vec![Bytes::from(leaf.clone())];
    adversarial.l2_header.state_root = keccak256(&leaf);
    let _ = anchor_proof::verify_storage(&adversarial, commitment, registry);
    for trust in trusts {
        let _ = anchor_proof::verify(&adversarial, commitment, registry, trust);
    }
    // The same nodes as the account proof, against the real state root and against their own.
    let mut as_account = proof.clone();
    as_account.account_proof = nodes.clone();
    let _ = anchor_proof::verify_storage(&as_account, commitment, registry);
    if let Some(first) = nodes.first() {
        as_account.l2_header.state_root = keccak256(first);
        let _ = anchor_proof::verify_storage(&as_account, commitment, registry);
    }
    // Whatever the recipe built, its JSON reads back to the same proof.
    assert_eq!(AnchorProof::from_value(&adversarial.to_value()).as_ref(), Ok(&adversarial));
}

/// Reads the recipe: one node per step, from the root down, each built around the reference to
/// the next (built first, bottom-up). Step kinds by the low 2 bits of their first byte.
fn recipe_nodes(recipe: &[u8], key: &Nibbles) -> Vec<Bytes> {
    let mut steps: Vec<&[u8]> = recipe.chunks(6).take(anchor_proof::MAX_PROOF_NODES).collect();
    steps.reverse();
    let mut nodes: Vec<Bytes> = Vec::new();
    // How deep the root-to-here path is, as the recipe counts it (for key-following nibbles).
    let mut depth = steps.iter().map(|step| consumed(step)).sum::<usize>();
    for step in steps {
        depth = depth.saturating_sub(consumed(step));
        let child = nodes.last().map(|node| RlpNode::from_rlp(node));
        let mut out = Vec::new();
        let byte = |i: usize| step.get(i).copied().unwrap_or(0);
        match byte(0) & 3 {
            0 => {
                // A branch with the next node at the key's nibble (or another), maybe beside a
                // short leaf in place.
                let on_path = if byte(1) & 0x10 == 0 { key.get(depth).unwrap_or(0) } else { byte(1) & 0x0f };
                let mut children: Vec<(u8, RlpNode)> = Vec::new();
                if let Some(child) = child {
                    children.push((on_path, child));
                }
                if byte(2) & 1 == 1 {
                    let other = (on_path + 1 + (byte(2) >> 4)) % 16;
                    let mut short = Vec::new();
                    LeafNode::new(nibbles(&step[..step.len().min(3)], usize::from(byte(3) % 4) + 1), vec![byte(4)]).encode(&mut short);
                    children.push((other, RlpNode::from_rlp(&short)));
                }
                children.sort_by_key(|(nibble, _)| *nibble);
                children.dedup_by_key(|(nibble, _)| *nibble);
                let mut mask = TrieMask::default();
                for (nibble, _) in &children {
                    mask.set_bit(*nibble);
                }
                BranchNode::new(children.into_iter().map(|(_, child)| child).collect(), mask).encode(&mut out);
            }
            1 => {
                let length = usize::from(byte(1) % 64) + 1;
                let path = if byte(2) & 1 == 0 { key_slice(key, depth, length) } else { nibbles(step, length) };
                let child = child.unwrap_or_else(|| RlpNode::word_rlp(&B256::repeat_byte(byte(3))));
                ExtensionNode::new(path, child).encode(&mut out);
            }
            2 => {
                let length = usize::from(byte(1) % 64) + 1;
                let path = if byte(2) & 1 == 0 { key_slice(key, depth, length) } else { nibbles(step, length) };
                let value = if byte(3) & 1 == 0 { alloy_rlp::encode(U256::from(byte(4))) } else { step.to_vec() };
                LeafNode::new(path, value).encode(&mut out);
            }
            _ => out.extend_from_slice(&step[1..]),
        }
        nodes.push(Bytes::from(out));
    }
    nodes.reverse();
    nodes
}

/// How many key nibbles a step's node consumes (for the key-following choices only).
fn consumed(step: &[u8]) -> usize {
    match step.first().copied().unwrap_or(0) & 3 {
        0 => 1,
        1 | 2 => usize::from(step.get(1).copied().unwrap_or(0) % 64) + 1,
        _ => 0,
    }
}

/// `length` nibbles of the key from `start`, padded with zeros past its end.
fn key_slice(key: &Nibbles, start: usize, length: usize) -> Nibbles {
    Nibbles::from_nibbles_unchecked((start..start + length).map(|i| key.get(i).unwrap_or(0)).collect::<Vec<u8>>())
}

/// `length` nibbles cycled from `bytes`.
fn nibbles(bytes: &[u8], length: usize) -> Nibbles {
    let source: Vec<u8> = bytes.iter().flat_map(|b| [b >> 4, b & 0x0f]).collect();
    Nibbles::from_nibbles_unchecked((0..length).map(|i| source.get(i % source.len().max(1)).copied().unwrap_or(0)).collect::<Vec<u8>>())
}
