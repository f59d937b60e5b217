//! Anchor proofs built from real anvil answers (tests/captured/anvil-anchor-proof.json, made by
//! devnet/l1's `capture-anchor-proof`), verified, and tampered with one change at a time.

use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

use alloy_primitives::{b256, Address, Bytes, B256};
use serde_json::Value;

use super::l1::{decode_get_l2_output, L2OutputProposal};
use super::*;
use crate::receipt::{BundleCommitment, ReceiptBundle};

pub(super) fn capture() -> Value {
    serde_json::from_str(include_str!("../../../tests/captured/anvil-anchor-proof.json")).unwrap_or_default()
}

/// The commitment the capture committed: the bundle of the conformance case it names.
fn commitment() -> BundleCommitment {
    let case: Value =
        serde_json::from_str(include_str!("../../../tests/conformance/cases/valid-anchored.json")).unwrap_or_default();
    ReceiptBundle::from_value(case["bundle"].clone()).unwrap().commitment
}

fn address_at(capture: &Value, pointer: &str) -> Address {
    capture.pointer(pointer).and_then(Value::as_str).unwrap().parse().unwrap()
}

pub(super) fn registry() -> Address {
    address_at(&capture(), "/l2/registry")
}

pub(super) fn oracle() -> Address {
    address_at(&capture(), "/l1/oracle")
}

fn l1_output(capture: &Value, k: usize) -> L2OutputProposal {
    let data = capture["l1"]["outputs"][k]["getL2Output"].as_str().unwrap();
    decode_get_l2_output(&crate::encoding::decode_hex("getL2Output", data).unwrap()).unwrap()
}

fn l1_location(capture: &Value, k: usize) -> L1Proposal {
    let output = &capture["l1"]["outputs"][k];
    L1Proposal::from_l2_output(
        capture["l1"]["chain_id"].as_u64().unwrap(),
        oracle(),
        output["index"].as_u64().unwrap(),
        &l1_output(capture, k),
        output["l1_block_number"].as_u64(),
    )
}

/// The anchor proof of the captured commitment at the first output's block, without its output.
fn l2_proof() -> AnchorProof {
    let capture = capture();
    let at = &capture["at_output"];
    build_anchor_proof(&at["eth_getBlockByNumber"], &at["eth_getProof"], registry(), &commitment().batch_id).unwrap()
}

/// The same with its output root and where it was proposed on L1.
pub(super) fn captured_anchor_proof() -> AnchorProof {
    let capture = capture();
    let at = &capture["at_output"];
    let mut proof = l2_proof();
    let preimage = output_preimage_from_rpc(&at["eth_getBlockByNumber"], &at["message_passer_eth_getProof"]).unwrap();
    proof.add_output(preimage, Some(l1_location(&capture, 0))).unwrap();
    proof
}

fn l1_trust() -> ProofTrust {
    ProofTrust {
        l1_output_roots: vec![l1_output(&capture(), 0).output_root],
        l1_chain_id: Some(900),
        l1_oracle: Some(oracle()),
        ..ProofTrust::default()
    }
}

fn l2_trust(proof: &AnchorProof) -> ProofTrust {
    ProofTrust { l2_block_hashes: vec![proof.l2_header.hash()], ..ProofTrust::default() }
}

fn failed(check: &ProofCheck) -> (&'static str, &str) {
    match check {
        ProofCheck::Failed(err) => (err.code(), err.field()),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn the_header_recomputes_anvils_block_hash() {
    let capture = capture();
    for part in ["at_output", "before_commit", "at_next_output"] {
        let block = &capture[part]["eth_getBlockByNumber"];
        let header = header_from_rpc(block).unwrap();
        assert_eq!(crate::encoding::encode_hex(header.hash().as_slice()), block["hash"].as_str().unwrap());
        // Prague: every optional field present, as anvil 1.7 serves them.
        assert!(header.optional_present().iter().all(|present| *present));
    }
}

#[test]
fn the_slots_are_the_ones_anvil_proved_and_the_mapping_formula_holds() {
    let capture = capture();
    let keys: Vec<B256> = capture["at_output"]["eth_getProof"]["storageProof"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["key"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(keys, commitment_slots(&commitment().batch_id).to_vec());
    // `cast index bytes32 0x123e4567…00 1`: keccak256(key ‖ slot 1).
    let batch = uuid::Uuid::parse_str("123e4567-e89b-12d3-a456-426614174000").unwrap();
    assert_eq!(commitment_slots(&batch)[0], b256!("00f0293da96f3a4356d652fd675e47e0db0c629a874722e7893c5b56ac1dd594"));
    assert_eq!(commitment_slots(&batch)[2], b256!("00f0293da96f3a4356d652fd675e47e0db0c629a874722e7893c5b56ac1dd596"));
}

#[test]
fn the_output_root_is_the_one_the_proposer_posted_on_l1() {
    let proof = captured_anchor_proof();
    let output = proof.output.as_ref().unwrap();
    assert_eq!(output.output_root, l1_output(&capture(), 0).output_root);
    assert_eq!(output.preimage.output_root(), output.output_root);
    assert_eq!(output.preimage.block_hash, proof.l2_header.hash());
    // anvil has no L2ToL1MessagePasser: its storage root is the empty trie's.
    assert_eq!(output.preimage.message_passer_storage_root, alloy_trie::EMPTY_ROOT_HASH);
}

#[test]
fn a_real_proof_verifies_at_each_level() {
    let proof = captured_anchor_proof();
    let with_l1 = verify(&proof, &commitment(), registry(), &l1_trust());
    assert_eq!((&with_l1.anchor_proof, &with_l1.output_root), (&ProofCheck::Passed, &ProofCheck::Passed));
    let with_l2 = verify(&proof, &commitment(), registry(), &l2_trust(&proof));
    assert_eq!(with_l2.anchor_proof, ProofCheck::Passed);
    assert_eq!(with_l2.output_root, ProofCheck::Skipped("no L1 output root is pinned"));
    let nothing = verify(&proof, &commitment(), registry(), &ProofTrust::default());
    assert!(matches!(nothing.anchor_proof, ProofCheck::Skipped(_)));
    // Only output roots pinned, and the proof has none: nothing established, nothing failed.
    let l2_only = verify(&l2_proof(), &commitment(), registry(), &l1_trust());
    assert!(matches!(l2_only.anchor_proof, ProofCheck::Skipped(_)), "{l2_only:?}");
    assert_eq!(verify_output(&proof, &l1_trust()), Ok(proof.output.as_ref().unwrap().output_root));
}

/// One proof list of an anchor proof.
type NodeList = fn(&mut AnchorProof) -> &mut Vec<Bytes>;

/// One 32-byte field of an output proof.
type OutputField = fn(&mut OutputProof) -> &mut B256;

/// Every node of every proof list, each with a few of its bytes changed, is refused naming that
/// node.
#[test]
fn every_flipped_proof_node_is_refused_naming_the_node() {
    let proof = captured_anchor_proof();
    let lists: [(&str, NodeList); 4] = [
        ("anchor.proof.account_proof", |p| &mut p.account_proof),
        ("anchor.proof.storage_proof[0].proof", |p| &mut p.storage_proof[0].proof),
        ("anchor.proof.storage_proof[1].proof", |p| &mut p.storage_proof[1].proof),
        ("anchor.proof.storage_proof[2].proof", |p| &mut p.storage_proof[2].proof),
    ];
    let mut refused = 0;
    for (name, list) in lists {
        let count = list(&mut proof.clone()).len();
        for node in 0..count {
            let length = list(&mut proof.clone())[node].len();
            for position in [0, 1, 2, length / 3, length / 2, length - 33, length - 2, length - 1] {
                for mask in [0x01u8, 0x80] {
                    let mut tampered = proof.clone();
                    let nodes = list(&mut tampered);
                    let mut bytes = nodes[node].to_vec();
                    bytes[position] ^= mask;
                    nodes[node] = Bytes::from(bytes);
                    let err = verify_storage(&tampered, &commitment(), registry()).unwrap_err();
                    assert_eq!(
                        err.field(),
                        alloc::format!("{name}[{node}]"),
                        "byte {position} of {name}[{node}]: {err}"
                    );
                    assert!(matches!(err.code(), "PROOF_NODE_MISMATCH" | "PROOF_NODE_MALFORMED"), "{err}");
                    refused += 1;
                }
            }
        }
    }
    assert!(refused >= 100, "{refused}");
}

#[test]
fn removed_or_extra_nodes_are_refused() {
    let proof = captured_anchor_proof();
    let mut truncated = proof.clone();
    truncated.storage_proof[1].proof.pop();
    let err = verify_storage(&truncated, &commitment(), registry()).unwrap_err();
    assert_eq!((err.code(), err.field()), ("PROOF_VALUE_MISMATCH", "anchor.proof.storage_proof[1].value"));
    let mut extended = proof.clone();
    let last = extended.account_proof[extended.account_proof.len() - 1].clone();
    extended.account_proof.push(last);
    let err = verify_storage(&extended, &commitment(), registry()).unwrap_err();
    assert_eq!(err.field(), alloc::format!("anchor.proof.account_proof[{}]", proof.account_proof.len()));
    let mut emptied = proof;
    emptied.account_proof.clear();
    assert_eq!(verify_storage(&emptied, &commitment(), registry()).unwrap_err().field(), "anchor.proof.account_proof");
}

#[test]
fn changed_slot_values_and_keys_are_refused_naming_them() {
    let proof = captured_anchor_proof();
    for i in 0..COMMITMENT_SLOT_COUNT {
        for byte in [0, 11, 20, 31] {
            let mut tampered = proof.clone();
            tampered.storage_proof[i].value.0[byte] ^= 1;
            let err = verify_storage(&tampered, &commitment(), registry()).unwrap_err();
            assert_eq!(err.field(), alloc::format!("anchor.proof.storage_proof[{i}].value"), "{err}");
        }
        let mut tampered = proof.clone();
        tampered.storage_proof[i].key.0[31] ^= 1;
        let err = verify_storage(&tampered, &commitment(), registry()).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("PROOF_WRONG_SLOT", alloc::format!("anchor.proof.storage_proof[{i}].key").as_str())
        );
    }
    // The timestamp is not the bundle's to state, but the proof must hold the one it states.
    let mut tampered = proof.clone();
    tampered.storage_proof[2].value.0[8] ^= 1;
    let err = verify_storage(&tampered, &commitment(), registry()).unwrap_err();
    assert_eq!((err.code(), err.field()), ("PROOF_VALUE_MISMATCH", "anchor.proof.storage_proof[2].value"));
    // Another commitment (the next batch of the stream) against this proof: other slots.
    let mut other = commitment();
    other.batch_id = uuid::Uuid::from_u128(0xba7c_0002);
    assert_eq!(verify_storage(&proof, &other, registry()).unwrap_err().code(), "PROOF_WRONG_SLOT");
    let mut other = commitment();
    other.prev_state_root = B256::repeat_byte(1);
    assert_eq!(verify_storage(&proof, &other, registry()).unwrap_err().code(), "PROOF_COMMITMENT_MISMATCH");
}

#[test]
fn changed_account_fields_are_refused_naming_them() {
    let proof = captured_anchor_proof();
    let mut tampered = proof.clone();
    tampered.nonce += 1;
    assert_eq!(verify_storage(&tampered, &commitment(), registry()).unwrap_err().field(), "anchor.proof.nonce");
    let mut tampered = proof.clone();
    tampered.code_hash.0[0] ^= 1;
    assert_eq!(verify_storage(&tampered, &commitment(), registry()).unwrap_err().field(), "anchor.proof.code_hash");
    let mut tampered = proof;
    tampered.storage_hash.0[5] ^= 1;
    assert_eq!(verify_storage(&tampered, &commitment(), registry()).unwrap_err().field(), "anchor.proof.storage_hash");
}

#[test]
fn every_changed_header_field_is_refused() {
    let proof = captured_anchor_proof();
    let pinned = l2_trust(&proof);
    let edits: [fn(&mut L2Header); 21] = [
        |h| h.parent_hash.0[0] ^= 1,
        |h| h.sha3_uncles.0[0] ^= 1,
        |h| h.miner.0[0] ^= 1,
        |h| h.state_root.0[0] ^= 1,
        |h| h.transactions_root.0[0] ^= 1,
        |h| h.receipts_root.0[0] ^= 1,
        |h| h.logs_bloom.0[0] ^= 1,
        |h| h.difficulty += alloy_primitives::U256::from(1),
        |h| h.number += 1,
        |h| h.gas_limit += 1,
        |h| h.gas_used += 1,
        |h| h.timestamp += 1,
        |h| h.extra_data = Bytes::from_static(b"x"),
        |h| h.mix_hash.0[0] ^= 1,
        |h| h.nonce.0[0] ^= 1,
        |h| h.base_fee_per_gas = h.base_fee_per_gas.map(|fee| fee + 1),
        |h| h.withdrawals_root = h.withdrawals_root.map(|root| root ^ B256::with_last_byte(1)),
        |h| h.blob_gas_used = h.blob_gas_used.map(|gas| gas + 1),
        |h| h.excess_blob_gas = h.excess_blob_gas.map(|gas| gas + 1),
        |h| h.parent_beacon_block_root = h.parent_beacon_block_root.map(|root| root ^ B256::with_last_byte(1)),
        |h| h.requests_hash = None,
    ];
    for (i, edit) in edits.iter().enumerate() {
        let mut tampered = proof.clone();
        edit(&mut tampered.l2_header);
        for trust in [&pinned, &l1_trust()] {
            let verdict = verify(&tampered, &commitment(), registry(), trust);
            let (code, field) = failed(&verdict.anchor_proof);
            let expected: &[&str] = if i == 3 {
                // The state root: the account proof no longer leads from it.
                &["anchor.proof.account_proof[0]"]
            } else {
                &["anchor.proof.l2_header"]
            };
            assert!(expected.contains(&field), "edit {i}: {code} {field}");
        }
    }
}

#[test]
fn a_proof_taken_before_the_commitment_landed_is_refused() {
    let capture = capture();
    let before = &capture["before_commit"];
    let proof = build_anchor_proof(
        &before["eth_getBlockByNumber"],
        &before["eth_getProof"],
        registry(),
        &commitment().batch_id,
    )
    .unwrap();
    assert!(proof.storage_proof.iter().all(|slot| slot.value.is_zero()));
    let verdict = verify(&proof, &commitment(), registry(), &l2_trust(&proof));
    assert_eq!(failed(&verdict.anchor_proof), ("PROOF_NOT_COMMITTED", "anchor.proof.storage_proof[0].value"));
}

#[test]
fn a_proof_of_another_account_is_refused() {
    let capture = capture();
    let at = &capture["at_output"];
    let paymaster = address_at(&capture, "/l2/paymaster");
    let proof = build_anchor_proof(
        &at["eth_getBlockByNumber"],
        &at["paymaster_eth_getProof"],
        paymaster,
        &commitment().batch_id,
    )
    .unwrap();
    let verdict = verify(&proof, &commitment(), registry(), &l2_trust(&proof));
    assert_eq!(failed(&verdict.anchor_proof), ("PROOF_WRONG_ACCOUNT", "anchor.proof.address"));
    // Claiming the registry's address over the paymaster's proof: the account proof refuses it.
    let mut claimed = proof;
    claimed.address = registry();
    let verdict = verify(&claimed, &commitment(), registry(), &l2_trust(&claimed));
    assert_eq!(failed(&verdict.anchor_proof).1, "anchor.proof.storage_proof[0].value");
}

#[test]
fn an_untrusted_header_or_output_root_is_refused() {
    let proof = captured_anchor_proof();
    let other_hash = ProofTrust { l2_block_hashes: vec![B256::repeat_byte(9)], ..ProofTrust::default() };
    let verdict = verify(&proof, &commitment(), registry(), &other_hash);
    assert_eq!(failed(&verdict.anchor_proof), ("UNTRUSTED_L2_HEADER", "anchor.proof.l2_header"));
    let other_root = ProofTrust { l1_output_roots: vec![B256::repeat_byte(9)], ..l1_trust() };
    let verdict = verify(&proof, &commitment(), registry(), &other_root);
    assert_eq!(failed(&verdict.output_root), ("UNTRUSTED_OUTPUT_ROOT", "anchor.proof.output.output_root"));
    assert_eq!(failed(&verdict.anchor_proof), ("UNTRUSTED_L2_HEADER", "anchor.proof.l2_header"));
    let other_oracle = ProofTrust { l1_oracle: Some(Address::repeat_byte(9)), ..l1_trust() };
    let verdict = verify(&proof, &commitment(), registry(), &other_oracle);
    assert_eq!(failed(&verdict.output_root), ("WRONG_L1_LOCATION", "anchor.proof.output.l1.contract"));
    let other_chain = ProofTrust { l1_chain_id: Some(1), ..l1_trust() };
    assert_eq!(
        failed(&verify(&proof, &commitment(), registry(), &other_chain).output_root).1,
        "anchor.proof.output.l1.chain_id"
    );
}

#[test]
fn an_output_root_of_another_l2_block_is_refused() {
    let capture = capture();
    let next = &capture["at_next_output"];
    let preimage =
        output_preimage_from_rpc(&next["eth_getBlockByNumber"], &next["message_passer_eth_getProof"]).unwrap();
    assert_eq!(preimage.output_root(), l1_output(&capture, 1).output_root);
    let mut proof = l2_proof();
    // The builder refuses to attach it…
    let err = proof.add_output(preimage, Some(l1_location(&capture, 1))).unwrap_err();
    assert_eq!(err.field(), "anchor.proof.output.state_root");
    // …and a verifier pinning that (real, proposed) output root refuses it too.
    proof.output =
        Some(OutputProof { preimage, output_root: preimage.output_root(), l1: Some(l1_location(&capture, 1)) });
    let trust = ProofTrust { l1_output_roots: vec![preimage.output_root()], ..l1_trust() };
    let verdict = verify(&proof, &commitment(), registry(), &trust);
    assert_eq!(failed(&verdict.output_root), ("OUTPUT_ROOT_MISMATCH", "anchor.proof.output.state_root"));
    assert_eq!(failed(&verdict.anchor_proof).0, "UNTRUSTED_L2_HEADER");
}

#[test]
fn every_changed_output_preimage_byte_is_refused() {
    let proof = captured_anchor_proof();
    let fields: [(&str, OutputField); 5] = [
        ("version", |o| &mut o.preimage.version),
        ("state_root", |o| &mut o.preimage.state_root),
        ("output_root", |o| &mut o.preimage.message_passer_storage_root),
        ("block_hash", |o| &mut o.preimage.block_hash),
        ("output_root", |o| &mut o.output_root),
    ];
    for (name, field) in fields {
        for byte in [0, 13, 31] {
            let mut tampered = proof.clone();
            field(tampered.output.as_mut().unwrap()).0[byte] ^= 0x10;
            let verdict = verify(&tampered, &commitment(), registry(), &l1_trust());
            let (_, at) = failed(&verdict.output_root);
            assert_eq!(at, alloc::format!("anchor.proof.output.{name}"), "{name} byte {byte}");
            assert_eq!(failed(&verdict.anchor_proof).0, "UNTRUSTED_L2_HEADER");
        }
    }
    let mut other_block = proof;
    other_block.output.as_mut().unwrap().l1.as_mut().unwrap().l2_block_number += 2;
    let verdict = verify(&other_block, &commitment(), registry(), &l1_trust());
    assert_eq!(failed(&verdict.output_root), ("OUTPUT_ROOT_MISMATCH", "anchor.proof.output.l1.l2_block_number"));
}

#[test]
fn evidence_is_added_never_replaced() {
    let capture = capture();
    let mut proof = captured_anchor_proof();
    let output = proof.output.clone().unwrap();
    // The same output again, with or without its L1 location: nothing changes.
    proof.add_output(output.preimage, None).unwrap();
    proof.add_output(output.preimage, output.l1.clone()).unwrap();
    assert_eq!(proof.output.as_ref(), Some(&output));
    // The location added to an output root that had none.
    let mut bare = l2_proof();
    bare.add_output(output.preimage, None).unwrap();
    bare.add_output(output.preimage, output.l1.clone()).unwrap();
    assert_eq!(bare, proof);
    // Another location for the same output: refused.
    let mut moved = l1_location(&capture, 0);
    moved.index += 1;
    assert_eq!(proof.add_output(output.preimage, Some(moved)).unwrap_err().field(), "anchor.proof.output.l1");
}

#[test]
fn the_builder_refuses_answers_that_do_not_hold_together() {
    let capture = capture();
    let at = &capture["at_output"];
    let before = &capture["before_commit"];
    let batch = commitment().batch_id;
    let err = build_anchor_proof(&at["eth_getBlockByNumber"], &at["eth_getProof"], Address::repeat_byte(1), &batch)
        .unwrap_err();
    assert_eq!((err.code(), err.field()), ("INVALID_RPC_ANSWER", "eth_getProof.address"));
    // A header of one block with the proof of another.
    let err = build_anchor_proof(&before["eth_getBlockByNumber"], &at["eth_getProof"], registry(), &batch).unwrap_err();
    assert_eq!((err.code(), err.field()), ("PROOF_NODE_MISMATCH", "anchor.proof.account_proof[0]"));
    let err =
        build_anchor_proof(&at["eth_getBlockByNumber"], &at["eth_getProof"], registry(), &uuid::Uuid::from_u128(7))
            .unwrap_err();
    assert_eq!((err.code(), err.field()), ("INVALID_RPC_ANSWER", "eth_getProof.storageProof"));
    let mut block = at["eth_getBlockByNumber"].clone();
    block["timestamp"] = Value::from("0x1");
    assert_eq!(header_from_rpc(&block).unwrap_err().field(), "eth_getBlockByNumber.hash");
    block.as_object_mut().unwrap().remove("stateRoot");
    assert_eq!(header_from_rpc(&block).unwrap_err().field(), "eth_getBlockByNumber.stateRoot");
    let err = output_preimage_from_rpc(&at["eth_getBlockByNumber"], &at["eth_getProof"]).unwrap_err();
    assert_eq!(err.field(), "eth_getProof.address");
}

/// alloy-trie's walk panics when a crafted proof's path runs past 64 nibbles; the guard refuses
/// such a proof, naming the node, before the walk.
#[test]
fn a_path_past_64_nibbles_is_refused_before_alloy_trie_would_panic() {
    use alloy_rlp::Encodable;
    use alloy_trie::nodes::{BranchNode, LeafNode, RlpNode};
    use alloy_trie::{Nibbles, TrieMask};
    let key = keccak256(B256::repeat_byte(3));
    let nibbles = Nibbles::unpack(key);
    // A leaf with a full 64-nibble key under a branch: the walk's path would be 1 + 64.
    let mut leaf = Vec::new();
    LeafNode::new(Nibbles::unpack(B256::repeat_byte(0x11)), vec![1]).encode(&mut leaf);
    let first = nibbles.get(0).unwrap();
    let mut mask = TrieMask::default();
    mask.set_bit(first);
    let mut branch = Vec::new();
    BranchNode::new(vec![RlpNode::from_rlp(&leaf)], mask).encode(&mut branch);
    let nodes = vec![Bytes::from(branch.clone()), Bytes::from(leaf)];
    let root = keccak256(&branch);
    let walk = std::panic::catch_unwind(|| alloy_trie::proof::verify_proof(root, nibbles, Some(vec![1]), &nodes));
    assert!(walk.is_err(), "alloy-trie no longer panics here: the guard may go");
    let Err(verify::Failure::Node(err)) = verify::prove("p", root, key, Some(vec![1]), &nodes) else {
        panic!("not refused");
    };
    assert_eq!((err.code(), err.field()), ("PROOF_NODE_MALFORMED", "p[1]"));
    assert!(err.to_string().contains("64 nibbles"), "{err}");
}

#[test]
fn errors_have_codes_and_fields() {
    let err = AnchorProofError::NotCommitted { field: "anchor.proof.storage_proof[0].value".into(), block_number: 5 };
    assert_eq!((err.code(), err.field()), ("PROOF_NOT_COMMITTED", "anchor.proof.storage_proof[0].value"));
    assert!(err.to_string().starts_with("anchor.proof.storage_proof[0].value: "));
    let as_crate: crate::Error = err.into();
    assert_eq!(
        (as_crate.code(), as_crate.module(), as_crate.field()),
        ("PROOF_NOT_COMMITTED", "anchor_proof", Some("anchor.proof.storage_proof[0].value"))
    );
    let read: crate::receipt::ReceiptError =
        AnchorProofError::InvalidJson { field: "anchor.proof.nonce".into(), reason: "missing".into() }.into();
    assert_eq!((read.code(), read.field()), ("INVALID_JSON", "anchor.proof.nonce"));
    let _ = ToString::to_string(&read);
}

/// A conformance case's bundle and trust.
fn case_bundle(case: &str) -> (ReceiptBundle, crate::receipt::Trust) {
    let case: Value = serde_json::from_str(case).unwrap();
    let trust = crate::receipt::Trust::from_json(&case["trust"].to_string()).unwrap();
    (ReceiptBundle::from_value(case["bundle"].clone()).unwrap(), trust)
}

fn with_proof(bundle: &ReceiptBundle, proof: Value) -> ReceiptBundle {
    let mut bundle = bundle.clone();
    bundle.anchor.as_mut().unwrap().proof = Some(proof);
    bundle
}

/// A bulk call verifies each distinct (proof, commitment) once, yet gives every bundle exactly
/// the verdict it gets alone: a tampered copy of the proof, the proof under another commitment
/// of the same batch or of another batch, and a proof that does not read each get their own.
#[test]
fn bulk_verification_shares_each_proof_yet_answers_as_one_by_one() {
    use crate::receipt::{verify_receipt, verify_receipt_json, verify_receipts, verify_receipts_json, Check};

    let (valid, trust) = case_bundle(include_str!("../../../tests/conformance/cases/proof-valid-anchored-l1.json"));
    let (tampered_case, _) =
        case_bundle(include_str!("../../../tests/conformance/cases/proof-tamper-storage-node.json"));
    let proof = valid.anchor.as_ref().unwrap().proof.clone().unwrap();
    let tampered_proof = tampered_case.anchor.unwrap().proof.unwrap();
    assert_ne!(tampered_proof, proof);
    let tampered = with_proof(&valid, tampered_proof);
    let mut other_root = valid.clone();
    other_root.commitment.new_state_root = B256::repeat_byte(7);
    let mut other_batch = valid.clone();
    other_batch.commitment.batch_id = uuid::Uuid::from_u128(0xba7c_0002);
    let mut unreadable_proof = proof.clone();
    unreadable_proof["nonce"] = Value::String("not a number".into());
    let unreadable = with_proof(&valid, unreadable_proof);
    // At the valid proof's block, sharing its block-level checks: slot proofs that do not read;
    // a proof with a field the reader ignores (its block is kept apart: the fields differ); at
    // other blocks: a tampered account proof or header.
    let mut bad_slot_hex = proof.clone();
    bad_slot_hex["storage_proof"][2]["proof"][0] = Value::String("0xzz".into());
    let bad_slot_hex = with_proof(&valid, bad_slot_hex);
    let mut extra_field = proof.clone();
    extra_field["extra"] = Value::Bool(true);
    let extra_field = with_proof(&valid, extra_field);
    let other_block = |case: &str| with_proof(&valid, case_bundle(case).0.anchor.unwrap().proof.unwrap());
    let account_tampered =
        other_block(include_str!("../../../tests/conformance/cases/proof-tamper-account-leaf-node.json"));
    let header_tampered =
        other_block(include_str!("../../../tests/conformance/cases/proof-tamper-header-state-root.json"));
    let mut account_tampered_other_root = account_tampered.clone();
    account_tampered_other_root.commitment.new_state_root = B256::repeat_byte(7);

    let bundles = vec![
        account_tampered.clone(),
        bad_slot_hex.clone(),
        extra_field.clone(),
        header_tampered.clone(),
        account_tampered_other_root,
        valid.clone(),
        bad_slot_hex,
        header_tampered,
        account_tampered,
        extra_field,
        tampered.clone(),
        other_root.clone(),
        valid.clone(),
        other_batch.clone(),
        tampered,
        unreadable.clone(),
        other_root,
        unreadable,
        other_batch,
        valid,
    ];
    let alone: Vec<_> = bundles.iter().map(|bundle| verify_receipt(bundle, &trust)).collect();
    assert_eq!(verify_receipts(&bundles, &trust).unwrap(), alone);
    // The material covers a pass and each kind of failure of the shared check.
    let reasons: Vec<_> = alone
        .iter()
        .map(|verdict| verdict.as_ref().unwrap().status(Check::AnchorProof).unwrap().reason().unwrap_or("pass"))
        .collect();
    for expected in [
        "pass",
        "storage_proof[1].proof[0]",
        "newStateRoot",
        "not the commitment's slot",
        "nonce",
        "storage_proof[2].proof[0]",
        "account_proof[0]",
        "account_proof[1]",
    ] {
        assert!(reasons.iter().any(|reason| reason.contains(expected)), "no {expected} in {reasons:?}");
    }

    let texts: Vec<String> = bundles.iter().map(|bundle| serde_json::to_string(bundle).unwrap()).collect();
    let case: Value =
        serde_json::from_str(include_str!("../../../tests/conformance/cases/proof-valid-anchored-l1.json")).unwrap();
    let trust_json = case["trust"].to_string();
    let alone_json: Vec<_> = texts.iter().map(|text| verify_receipt_json(text, &trust_json)).collect();
    assert_eq!(verify_receipts_json(&texts, &trust_json).unwrap(), alone_json);
}

/// Receipts of one commitment carrying one proof are verified once: the shared verdicts hold
/// one entry per distinct (proof, commitment) that reads, however many bundles carry it.
#[test]
fn one_proof_carried_by_many_receipts_is_verified_once() {
    let (valid, trust) = case_bundle(include_str!("../../../tests/conformance/cases/proof-valid-anchored-l1.json"));
    let mut other_root = valid.clone();
    other_root.commitment.new_state_root = B256::repeat_byte(7);
    let mut unreadable_proof = valid.anchor.as_ref().unwrap().proof.clone().unwrap();
    unreadable_proof["nonce"] = Value::String("not a number".into());
    let unreadable = with_proof(&valid, unreadable_proof);
    let bundles = [valid.clone(), valid.clone(), other_root.clone(), valid.clone(), other_root, unreadable];
    let mut shared = SharedProofs::default();
    for bundle in &bundles {
        assert_eq!(shared.verify_bundle(bundle, &trust), verify_bundle(bundle, &trust));
    }
    assert_eq!(shared.reached(&valid.commitment.batch_id), 2);
    assert_eq!(shared.blocks(), 1, "the unreadable proof is not kept");
}

/// Proofs of other commitments at one block (the anchor proves a cycle's commitments at one
/// block) share the block's checks: read in full once, then only their slot proofs. A tampered
/// slot proof at that block still fails, exactly as alone.
#[test]
fn proofs_at_one_block_share_its_checks_yet_answer_as_one_by_one() {
    let (valid, trust) = case_bundle(include_str!("../../../tests/conformance/cases/proof-valid-anchored-l1.json"));
    let (tampered_case, _) =
        case_bundle(include_str!("../../../tests/conformance/cases/proof-tamper-storage-node.json"));
    let tampered = with_proof(&valid, tampered_case.anchor.unwrap().proof.unwrap());
    // Another commitment (another batch id) whose proof is the valid one's with its slot keys:
    // the same block, other slot proofs; its verdict fails on the slots, not the block.
    let mut other_batch = valid.clone();
    other_batch.commitment.batch_id = uuid::Uuid::from_u128(0xba7c_0002);
    let bundles = [valid.clone(), tampered.clone(), other_batch.clone(), tampered, valid];
    let mut shared = SharedProofs::default();
    let verdicts: Vec<_> = bundles.iter().map(|bundle| shared.verify_bundle(bundle, &trust)).collect();
    let alone: Vec<_> = bundles.iter().map(|bundle| verify_bundle(bundle, &trust)).collect();
    assert_eq!(verdicts, alone);
    assert_eq!(shared.blocks(), 1);
    assert!(alone[0].anchor_proof == ProofCheck::Passed && alone[1].anchor_proof != ProofCheck::Passed);
    // With nothing pinned no block is kept (the verdict is a skip without any work).
    let mut unpinned = trust.clone();
    unpinned.anchor_proof = ProofTrust::default();
    let mut shared = SharedProofs::default();
    for bundle in &bundles {
        assert_eq!(shared.verify_bundle(bundle, &unpinned), verify_bundle(bundle, &unpinned));
    }
    assert_eq!(shared.blocks(), 0);
}
