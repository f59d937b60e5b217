//! The reference vectors (docs/protocol.md#reference-vectors, values computed independently from
//! the sequencer's source) that the module tests do not already pin: the n = 3 proof table of the
//! synthetic trees (5.4.3), the legacy rs_merkle values (5.4.5, for the deprecated non-VES
//! endpoints, reproduced with rs_merkle itself to show how they differ from VES), and the
//! Ethereum-side numbers (5.4.6). Test names end in the group number.

use alloy_primitives::{b256, keccak256, B256};
use set_core::merkle::{verify, MerkleTree, Scheme};

fn synthetic(n: u8) -> Vec<B256> {
    (1..=n).map(B256::repeat_byte).collect()
}

#[test]
fn ves_proof_table_for_three_leaves_5_4_3() {
    let tree = MerkleTree::build(Scheme::VesSha256V1, &synthetic(3)).unwrap();
    let node_l2_pad = b256!("fb721a2c00f26d008feb5e0b70d1c0d8291d892f2b4a2ebd7127545fb1902044");
    let node_l0_l1 = b256!("5186fbc7094f70b9fc71bcf269fda0530c1c2bd675de918ef39562a6f18752fd");
    let expected = [
        vec![B256::repeat_byte(2), node_l2_pad],
        vec![B256::repeat_byte(1), node_l2_pad],
        vec![Scheme::VesSha256V1.pad_leaf(), node_l0_l1],
    ];
    for (index, proof) in expected.iter().enumerate() {
        assert_eq!(&tree.proof(index).unwrap(), proof, "index {index}");
        assert_eq!(verify(Scheme::VesSha256V1, &tree.root(), &synthetic(3)[index], index as u64, 3, proof), Ok(true));
    }
}

#[derive(Clone)]
struct Sha256Plain;

impl rs_merkle::Hasher for Sha256Plain {
    type Hash = [u8; 32];
    fn hash(data: &[u8]) -> [u8; 32] {
        use sha2::Digest;
        sha2::Sha256::digest(data).into()
    }
}

#[test]
fn legacy_rs_merkle_roots_5_4_5_differ_from_ves() {
    let expected = [
        (2u8, b256!("f818afd37a6dc3bc92fb44731011277006db4efa6e9023cd7468c02335d22a4d")),
        (3, b256!("0479d06fbc8bd667d6c53e3ec229858fc27bb8d883015478a292757338576797")),
        (4, b256!("2c0c4083be2badf7c9f9046d8730d21e034c1ce50f519c166d7605848b17b0d5")),
        (5, b256!("0a99d4a8549c3dd2915d3f9d274fdb76b026a4129cd4bbcb1169c8a1285f8d34")),
    ];
    for (n, root) in expected {
        let leaves: Vec<[u8; 32]> = synthetic(n).iter().map(|leaf| leaf.0).collect();
        let legacy = rs_merkle::MerkleTree::<Sha256Plain>::from_leaves(&leaves).root().unwrap();
        assert_eq!(B256::from(legacy), root, "n = {n}");
        assert_ne!(MerkleTree::build(Scheme::VesSha256V1, &synthetic(n)).unwrap().root(), root);
    }
}

#[test]
fn legacy_leaf_example_5_4_5() {
    use sha2::Digest;
    // H("STATESET_COMMITMENT_LEAF_V1" ‖ tenant ‖ store ‖ u64be(seq) ‖ payload_hash ‖ str(entity_type) ‖ str(entity_id))
    let mut preimage = b"STATESET_COMMITMENT_LEAF_V1".to_vec();
    preimage.extend_from_slice(uuid::Uuid::from_u128(1).as_bytes());
    preimage.extend_from_slice(uuid::Uuid::from_u128(2).as_bytes());
    preimage.extend_from_slice(&1u64.to_be_bytes());
    preimage.extend_from_slice(&[0xaa; 32]);
    for text in ["order", "order-1"] {
        preimage.extend_from_slice(&(text.len() as u32).to_be_bytes());
        preimage.extend_from_slice(text.as_bytes());
    }
    assert_eq!(
        B256::from(<[u8; 32]>::from(sha2::Sha256::digest(&preimage))),
        b256!("0a481a601c6a504ce5db2cd646a6d53a683265f848c8db83ba6b743bcb1eebd4")
    );
}

#[test]
fn ethereum_side_numbers_5_4_6() {
    let selector = |signature: &str| keccak256(signature)[..4].to_vec();
    // The sequencer's embedded anchorer targets StateSetAnchor, not SetRegistry.
    assert_eq!(
        selector("anchor(bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32)"),
        [0x01, 0x2f, 0x98, 0x24]
    );
    assert_eq!(selector("isAnchored(bytes32)"), [0x4f, 0x0b, 0x58, 0x01]);
    assert_eq!(
        keccak256("CommitmentAnchored(bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint32,uint256)"),
        b256!("c780e2bc15a6058af6a033362c346780c81f2a531fa72e8fffd0570ecc91e848")
    );
    // SetRegistry's own numbers come from the sol! declaration.
    use alloy_sol_types::{SolCall, SolEvent};
    use set_core::registry::ISetRegistry;
    assert_eq!(ISetRegistry::commitBatchCall::SELECTOR, [0xd3, 0x8f, 0x6b, 0x8b]);
    assert_eq!(ISetRegistry::batchExists_0Call::SELECTOR, [0xec, 0xd1, 0x44, 0xa7]);
    assert_eq!(ISetRegistry::verifyInclusionCall::SELECTOR, [0x76, 0xd3, 0xad, 0x48]);
    assert_eq!(
        ISetRegistry::BatchCommitted::SIGNATURE_HASH,
        b256!("1b2cc50ea54dce1d372450a8dc503a51775ab92dc7e68d579ce3fbb4af25cab3")
    );
    let key = set_core::ids::tenant_store_key(
        &set_core::ids::uuid_to_bytes32(&uuid::Uuid::from_u128(1)),
        &set_core::ids::uuid_to_bytes32(&uuid::Uuid::from_u128(2)),
    );
    assert_eq!(key, b256!("fee4ccde41d1dc5fa401e2a18ac38081fb067b6f6506372afe59366e4feae479"));
}

/// keccak trees of the VES shape over the synthetic leaves, with a chosen pad.
fn keccak_root(leaves: &[B256], pad: B256) -> B256 {
    let mut level: Vec<B256> = leaves.to_vec();
    level.resize(leaves.len().next_power_of_two(), pad);
    while level.len() > 1 {
        level = level.chunks_exact(2).map(|pair| Scheme::KeccakV1.node(&pair[0], &pair[1])).collect();
    }
    level[0]
}

#[test]
fn hypothetical_keccak_trees_5_4_6() {
    let ves_pad = Scheme::VesSha256V1.pad_leaf();
    assert_eq!(
        keccak_root(&synthetic(2), ves_pad),
        b256!("346d8c96a2454213fcc0daff3c96ad0398148181b9fa6488f7ae2c0af5b20aa0")
    );
    assert_eq!(
        keccak_root(&synthetic(3), ves_pad),
        b256!("152519156e74392c6c03394c2057ee33e2e04f9566823a6df20e9d74dc5c3d7c")
    );
    assert_eq!(
        keccak_root(&synthetic(3), B256::ZERO),
        b256!("b3eab8646d706247bc8e454e8850ea39af6dbe9bdc9c7751778da0e95d177c34")
    );
    assert_eq!(
        keccak_root(&synthetic(4), ves_pad),
        b256!("99976d3b1539e7cfaca77649ac7536fec61db00fb0835634915b4d542fff06ae")
    );
    // keccak-v1 pads with its own leaf, so n = 3 differs from both hypothetical pads.
    let ours = MerkleTree::build(Scheme::KeccakV1, &synthetic(3)).unwrap().root();
    assert_ne!(ours, keccak_root(&synthetic(3), ves_pad));
    assert_eq!(ours, keccak_root(&synthetic(3), Scheme::KeccakV1.pad_leaf()));
    // No VES proof with two or more leaves verifies under the on-chain keccak rule: the schemes
    // differ in node hash and padding, so SetRegistry.verifyInclusion cannot check sequencer roots.
    for n in 2..=8u8 {
        let tree = MerkleTree::build(Scheme::VesSha256V1, &synthetic(n)).unwrap();
        for i in 0..usize::from(n) {
            let proof = tree.proof(i).unwrap();
            let onchain = set_core::merkle::verify_lenient(
                Scheme::KeccakV1,
                &tree.root(),
                &synthetic(n)[i],
                alloy_primitives::U256::from(i),
                &proof,
            );
            assert_eq!(onchain, Ok(false), "n = {n}, index {i}");
        }
    }
}
