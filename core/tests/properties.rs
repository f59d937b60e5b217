//! Properties of the Merkle engine and the parsers, over random inputs.

use proptest::prelude::*;
use set_core::encoding::B256;
use set_core::merkle::{verify, verify_many, MerkleTree, Scheme};

fn scheme() -> impl Strategy<Value = Scheme> {
    prop_oneof![Just(Scheme::VesSha256V1), Just(Scheme::KeccakV1)]
}

fn leaves(max: usize) -> impl Strategy<Value = Vec<B256>> {
    prop::collection::vec(any::<[u8; 32]>().prop_map(B256::from), 1..max)
}

/// True when strict verification accepts the proof.
fn accepted(scheme: Scheme, root: &B256, leaf: &B256, index: u64, count: u64, proof: &[B256]) -> bool {
    verify(scheme, root, leaf, index, count, proof) == Ok(true)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn every_proof_of_every_tree_verifies_strictly(scheme in scheme(), leaves in leaves(70)) {
        let tree = MerkleTree::build(scheme, &leaves).unwrap();
        let count = leaves.len() as u64;
        let proofs = tree.proofs();
        for (i, leaf) in leaves.iter().enumerate() {
            let proof = tree.proof(i).unwrap();
            prop_assert_eq!(proof.len(), tree.depth());
            // All proofs at once (which reuse the previous proof's upper levels) = one by one.
            prop_assert_eq!(proofs.get(i), Some(proof.as_slice()));
            prop_assert!(accepted(scheme, &tree.root(), leaf, i as u64, count, &proof));
        }
        prop_assert_eq!(tree.proofs_packed(), proofs.to_packed());
        let indices: Vec<u64> = (0..count).collect();
        let verdicts = verify_many(scheme, &tree.root(), count, &leaves, &indices, &proofs).unwrap();
        prop_assert!(verdicts.into_iter().all(|ok| ok));
    }

    #[test]
    fn any_single_bit_flip_fails(scheme in scheme(), leaves in leaves(40), pick in any::<prop::sample::Index>(), bit in 0usize..256, what in 0u8..4) {
        let tree = MerkleTree::build(scheme, &leaves).unwrap();
        let count = leaves.len() as u64;
        let i = pick.index(leaves.len());
        let (mut leaf, mut root, mut index, mut proof) = (leaves[i], tree.root(), i as u64, tree.proof(i).unwrap());
        let flip = |word: &mut B256| word.0[bit / 8] ^= 1 << (bit % 8);
        match what {
            0 => flip(&mut leaf),
            1 => flip(&mut root),
            2 if !proof.is_empty() => { let level = bit % proof.len(); flip(&mut proof[level]) }
            // One-leaf trees have no sibling to flip: flip the index instead.
            _ => index ^= 1 << (bit % 64),
        }
        prop_assert!(!accepted(scheme, &root, &leaf, index, count, &proof));
    }

    #[test]
    fn verify_many_equals_one_by_one_with_random_tampering(
        scheme in scheme(),
        leaves in leaves(70),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0usize..256), 0..6),
        repeats in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        // Bulk verification shares work between proofs; its answers must be exactly those of
        // verifying each proof alone, whatever was tampered with or repeated.
        let tree = MerkleTree::build(scheme, &leaves).unwrap();
        let count = leaves.len() as u64;
        let mut indices: Vec<u64> = (0..count).collect();
        indices.extend(repeats.iter().map(|pick| pick.index(leaves.len()) as u64));
        let mut batch: Vec<B256> = indices.iter().map(|&i| leaves[i as usize]).collect();
        let mut proofs: Vec<Vec<B256>> = indices.iter().map(|&i| tree.proof(i as usize).unwrap()).collect();
        for (which, level, bit) in &flips {
            let k = which.index(batch.len());
            let word = if proofs[k].is_empty() { &mut batch[k] } else { let depth = proofs[k].len(); &mut proofs[k][level.index(depth)] };
            word.0[bit / 8] ^= 1 << (bit % 8);
        }
        let set = set_core::merkle::ProofSet::from_proofs(count, &proofs).unwrap();
        let together = verify_many(scheme, &tree.root(), count, &batch, &indices, &set).unwrap();
        let alone: Vec<bool> = (0..batch.len()).map(|k| accepted(scheme, &tree.root(), &batch[k], indices[k], count, &proofs[k])).collect();
        prop_assert_eq!(together, alone);
    }

    #[test]
    fn decoders_never_panic_on_random_bytes(data in prop::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&data);
        let _ = set_core::receipt::ReceiptBundle::from_json(&text);
        let _ = set_core::receipt::Trust::from_json(&text);
        let _ = set_core::ves::VesEvent::from_json(&text);
        let _ = set_core::ves::payload_plain_hash_json(&text);
        let _ = set_core::sequencer::parse_pending(&text);
        let _ = set_core::sequencer::parse_ingest_response(&text);
        let _ = MerkleTree::build_packed(Scheme::KeccakV1, &data);
        let _ = set_core::merkle::ProofSet::from_packed(data.len() % 70, &data);
    }

    #[test]
    fn payload_hash_ignores_key_order(pairs in prop::collection::btree_map("[a-z😀｡]{0,6}", any::<i32>(), 0..8)) {
        let forward: serde_json::Map<String, serde_json::Value> = pairs.iter().map(|(k, v)| (k.clone(), (*v).into())).collect();
        let text_forward = serde_json::Value::Object(forward).to_string();
        let reversed = format!("{{{}}}", pairs.iter().rev().map(|(k, v)| format!("{}:{}", serde_json::Value::from(k.clone()), v)).collect::<Vec<_>>().join(","));
        prop_assert_eq!(
            set_core::ves::payload_plain_hash_json(&text_forward).unwrap(),
            set_core::ves::payload_plain_hash_json(&reversed).unwrap()
        );
    }
}
