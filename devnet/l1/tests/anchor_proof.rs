//! Anchor proofs end to end on loopback (`make devnet-l1-test`): anvil as Set Chain (chain id
//! 84532001, SetRegistry from `contracts/script/Deploy.s.sol`), anvil as L1 with OP's
//! `L2OutputOracle` 1.8.0 from `@eth-optimism/contracts-bedrock` 0.17.3 behind OP's `Proxy`, and the
//! test proposer. A signed batch is committed with `commitBatch`; once its block is safe the
//! proposer posts outputs until one covers it; the proof is built by the core from
//! `eth_getBlockByNumber` and `eth_getProof` at that output's block, upgraded with the output root
//! read from L1 (as a verifier reads it), and the receipt verifies at `anchored-l1` with nothing
//! believed but the L1 read; then every tampering the format must refuse, on the live answers.

use std::time::Duration;

use alloy_primitives::{Address, Bytes, B256};
use alloy_sol_types::SolCall;
use serde_json::{json, Value};
use set_core::anchor_proof::l1::{decode_get_l2_output, encode_get_l2_output, IL2OutputOracle, L2OutputProposal};
use set_core::anchor_proof::{build_anchor_proof, AnchorProof, L1Proposal, OutputProof};
use set_core::encoding::encode_hex;
use set_core::receipt::{
    self, verify_receipt_json, BundleAnchor, BundleCommitment, BundleProof, ReceiptBundle, SequencerReceipt,
};
use set_core::ves::agent::{AgentSecretKey, EventFields, UnsignedEvent};
use set_core::ves::{self, signing, VesEvent};
use set_devnet_l1::network::{op_artifact, L1_CHAIN_ID, SET_CHAIN_ID};
use set_devnet_l1::rpc::BlockTag;
use set_devnet_l1::{block_hash, Devnet};
use uuid::Uuid;

const AGENT_SEED: [u8; 32] = [7; 32];
const SEQUENCER_SEED: [u8; 32] = [9; 32];

/// Three signed events of one stream in one commitment, and the bundle of the second.
fn signed_bundle() -> ReceiptBundle {
    let (tenant, store) = (Uuid::from_u128(0x7e4a_4700), Uuid::from_u128(0x5704_e000));
    let key = AgentSecretKey::Ed25519 { seed: AGENT_SEED };
    let events: Vec<VesEvent> = (1..=3u64)
        .map(|seq| {
            let fields = EventFields {
                tenant_id: tenant,
                store_id: store,
                event_id: Uuid::from_u128(0xe000 + u128::from(seq)),
                source_agent_id: Uuid::from_u128(0xa9e7),
                agent_key_id: 1,
                entity_type: "Order".into(),
                entity_id: format!("ORD-{seq}"),
                event_type: "order.created".into(),
                created_at: format!("2026-12-07T10:00:0{seq}Z"),
                payload: json!({"order_id": format!("ORD-{seq}"), "amount_cents": 1000 + seq}),
            };
            UnsignedEvent::new(fields).and_then(|event| event.sign(&key)).expect("signs")
        })
        .collect();
    let leaves: Vec<B256> = events.iter().zip(1..).map(|(event, seq)| event.leaf_hash(seq).expect("hashes")).collect();
    let batch = ves::commit_batch(&tenant, &store, &B256::ZERO, 1, &leaves).expect("a batch");
    let receipt_hash = events[1].receipt_hash(2).expect("hashes");
    ReceiptBundle {
        format: receipt::FORMAT.into(),
        event: events[1].clone(),
        receipt: SequencerReceipt {
            sequencer_id: Uuid::from_u128(0x5e9a),
            sequence_number: 2,
            receipt_hash,
            signature_alg: "ed25519".into(),
            sequencer_signature: Some(signing::sign(&SEQUENCER_SEED, &receipt_hash)),
            receipt_signature_scheme: Some(1),
            receipt_signature_bundle: None,
        },
        commitment: BundleCommitment::from_batch(Uuid::from_u128(0xba7c_00a1), &batch),
        proof: BundleProof { leaf_index: 1, proof_path: batch.tree.proof(1).expect("in range") },
        anchor: None,
    }
}

fn hex(bytes: &[u8]) -> String {
    encode_hex(bytes)
}

/// What a verifier pins: the network, the keys, and what it read itself from L1 and/or L2.
fn trust(registry: Address, pins: Value) -> String {
    let mut trust = json!({
        "chain_id": SET_CHAIN_ID,
        "registry": hex(registry.as_slice()),
        "sequencer_public_keys": [hex(&signing::public_key(&SEQUENCER_SEED))],
        "agent_public_key": hex(&signing::public_key(&AGENT_SEED)),
    });
    for (key, value) in pins.as_object().into_iter().flatten() {
        trust[key] = value.clone();
    }
    trust.to_string()
}

fn verdict(bundle: &ReceiptBundle, proof: &AnchorProof, trust: &str) -> Value {
    let mut bundle = bundle.clone();
    bundle.anchor.as_mut().expect("anchored").proof = Some(proof.to_value());
    verify_receipt_json(&bundle.to_json(), trust).expect("verifies").to_json()
}

/// One proof list of an anchor proof.
type NodeList = fn(&mut AnchorProof) -> &mut Vec<Bytes>;

/// Refused: invalid, `check` failed with a reason naming `field`.
fn assert_refused(verdict: &Value, check: &str, field: &str, what: &str) {
    assert_eq!((&verdict["valid"], &verdict["level"]), (&json!(false), &json!("none")), "{what}: {verdict}");
    assert_eq!(verdict["checks"][check], "fail", "{what}: {verdict}");
    let reason = verdict["reasons"][check].as_str().unwrap_or_default();
    assert!(reason.starts_with(&format!("{field}: ")), "{what}: {check} is refused for {reason}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_commitment_verifies_at_anchored_l1_and_every_tampering_is_refused() {
    let started = std::time::Instant::now();
    let devnet = Devnet::start(2).await.expect("devnet");

    // The oracle deployed is OP's: its version, and the selectors core's interface uses.
    let version =
        devnet.l1.eth_call(devnet.oracle, &IL2OutputOracle::versionCall {}.abi_encode()).await.expect("version");
    let version = IL2OutputOracle::versionCall::abi_decode_returns(&version).expect("a string");
    assert_eq!(version, "1.8.0");
    let artifact = op_artifact("L2OutputOracle.sol", "L2OutputOracle").expect("artifact");
    for (signature, selector) in [
        ("getL2Output(uint256)", IL2OutputOracle::getL2OutputCall::SELECTOR),
        ("proposeL2Output(bytes32,uint256,bytes32,uint256)", IL2OutputOracle::proposeL2OutputCall::SELECTOR),
        ("nextBlockNumber()", IL2OutputOracle::nextBlockNumberCall::SELECTOR),
        ("computeL2Timestamp(uint256)", IL2OutputOracle::computeL2TimestampCall::SELECTOR),
        (
            "initialize(uint256,uint256,uint256,uint256,address,address,uint256)",
            IL2OutputOracle::initializeCall::SELECTOR,
        ),
    ] {
        assert_eq!(artifact["methodIdentifiers"][signature], json!(hex(&selector)[2..]), "{signature}");
    }

    // A batch committed on Set Chain, its block safe, an output proposed at or after it.
    let mut bundle = signed_bundle();
    let (tenant, store) = (bundle.event.tenant_id, bundle.event.store_id);
    let mined = devnet.commit(&tenant, &store, &bundle.commitment).await.expect("commitBatch");
    bundle.anchor = Some(BundleAnchor {
        chain_id: SET_CHAIN_ID,
        registry: devnet.set.registry,
        tx_hash: mined.tx_hash,
        block_number: mined.block_number,
        block_hash: Some(mined.block_hash),
        proof: None,
    });
    devnet.wait_safe(mined.block_number).await.expect("safe");
    let proposer = devnet.proposer();
    let output = proposer.propose_until(mined.block_number, Duration::from_secs(60)).await.expect("an output");

    // The producer: the proof at the output's block, built by the core from the node's answers.
    let batch = bundle.commitment.batch_id;
    let at = devnet.capture(devnet.set.registry, &batch, output.l2_block_number).await.expect("capture");
    let mut proof = build_anchor_proof(&at.block, &at.get_proof, devnet.set.registry, &batch).expect("a proof");
    // …upgraded with the output as read from L1.
    let read = |index: u64| {
        let l1 = devnet.l1.clone();
        let oracle = devnet.oracle;
        async move {
            let data = l1.eth_call(oracle, &encode_get_l2_output(index)).await.expect("getL2Output");
            decode_get_l2_output(&data).expect("a proposal")
        }
    };
    let on_l1: L2OutputProposal = read(output.index).await;
    assert_eq!((on_l1.output_root, on_l1.l2_block_number), (output.output_root, output.l2_block_number));
    let location =
        L1Proposal::from_l2_output(L1_CHAIN_ID, devnet.oracle, output.index, &on_l1, Some(output.l1_block_number));
    let l2_only = proof.clone();
    proof.add_output(output.preimage, Some(location.clone())).expect("the output of the proof's block");

    // The verifier: at anchored-l1 with the output root it read from L1 and nothing else.
    let l1_pins = json!({
        "l1_output_roots": [hex(on_l1.output_root.as_slice())],
        "l1_chain_id": L1_CHAIN_ID,
        "l1_oracle": hex(devnet.oracle.as_slice()),
    });
    let l1_trust = trust(devnet.set.registry, l1_pins.clone());
    let v = verdict(&bundle, &proof, &l1_trust);
    assert_eq!((&v["valid"], &v["level"]), (&json!(true), &json!("anchored-l1")), "{v}");
    assert_eq!(
        (&v["checks"]["anchor_proof"], &v["checks"]["output_root"], &v["checks"]["onchain"]),
        (&json!("pass"), &json!("pass"), &json!("skipped"))
    );
    // …at anchored-l2-proof with the L2 block hash read from Set Chain instead.
    let l2_block = devnet.l2.block(BlockTag::Number(output.l2_block_number)).await.expect("block");
    let l2_trust =
        trust(devnet.set.registry, json!({"l2_block_hashes": [hex(block_hash(&l2_block).expect("hash").as_slice())]}));
    let v = verdict(&bundle, &l2_only, &l2_trust);
    assert_eq!((&v["valid"], &v["level"]), (&json!(true), &json!("anchored-l2-proof")), "{v}");
    // The bundle as JSON keeps its proof and verifies the same after a round trip.
    let mut kept = bundle.clone();
    kept.anchor.as_mut().expect("anchored").proof = Some(proof.to_value());
    let reread = ReceiptBundle::from_json(&kept.to_json()).expect("reads");
    assert_eq!(reread, kept);
    println!("bundle at anchored-l1: {} bytes of JSON", kept.to_json().len());

    // -- Every tampering, refused with its named reason ------------------------------------------
    let lists: [(&str, NodeList); 4] = [
        ("anchor.proof.account_proof", |p| &mut p.account_proof),
        ("anchor.proof.storage_proof[0].proof", |p| &mut p.storage_proof[0].proof),
        ("anchor.proof.storage_proof[1].proof", |p| &mut p.storage_proof[1].proof),
        ("anchor.proof.storage_proof[2].proof", |p| &mut p.storage_proof[2].proof),
    ];
    for (name, list) in lists {
        for node in 0..list(&mut proof.clone()).len() {
            let mut tampered = proof.clone();
            let nodes = list(&mut tampered);
            let mut bytes = nodes[node].to_vec();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x01;
            nodes[node] = Bytes::from(bytes);
            assert_refused(
                &verdict(&bundle, &tampered, &l1_trust),
                "anchor_proof",
                &format!("{name}[{node}]"),
                "a flipped node",
            );
        }
    }
    let mut tampered = proof.clone();
    tampered.storage_proof[0].value.0[31] ^= 1;
    assert_refused(
        &verdict(&bundle, &tampered, &l1_trust),
        "anchor_proof",
        "anchor.proof.storage_proof[0].value",
        "a slot value",
    );
    let mut tampered = l2_only.clone();
    tampered.l2_header.timestamp += 1;
    assert_refused(&verdict(&bundle, &tampered, &l2_trust), "anchor_proof", "anchor.proof.l2_header", "a header field");
    let mut tampered = proof.clone();
    let preimage = &mut tampered.output.as_mut().expect("output").preimage;
    preimage.message_passer_storage_root.0[0] ^= 1;
    assert_refused(
        &verdict(&bundle, &tampered, &l1_trust),
        "output_root",
        "anchor.proof.output.output_root",
        "an output-root preimage byte",
    );

    // A real proof of another account (SetPaymaster, the same slots) at the same block.
    let other = devnet.capture(devnet.set.paymaster, &batch, output.l2_block_number).await.expect("capture");
    let other = build_anchor_proof(&other.block, &other.get_proof, devnet.set.paymaster, &batch).expect("a proof");
    assert_refused(&verdict(&bundle, &other, &l2_trust), "anchor_proof", "anchor.proof.address", "another account");

    // A real proof taken at the block before the commitment landed (its header pinned).
    let before = devnet.capture(devnet.set.registry, &batch, mined.block_number - 1).await.expect("capture");
    let absent = build_anchor_proof(&before.block, &before.get_proof, devnet.set.registry, &batch).expect("a proof");
    let before_trust = trust(
        devnet.set.registry,
        json!({"l2_block_hashes": [hex(block_hash(&before.block).expect("hash").as_slice())]}),
    );
    let v = verdict(&bundle, &absent, &before_trust);
    assert_refused(&v, "anchor_proof", "anchor.proof.storage_proof[0].value", "an absence proof");
    assert!(v["reasons"]["anchor_proof"].as_str().unwrap_or_default().contains("not committed"), "{v}");

    // A header whose hash is not the trusted one.
    assert_refused(
        &verdict(&bundle, &l2_only, &before_trust),
        "anchor_proof",
        "anchor.proof.l2_header",
        "an untrusted header",
    );

    // An output root for another L2 block: the next output, proposed and pinned.
    let next = proposer.propose_until(output.l2_block_number + 1, Duration::from_secs(60)).await.expect("next output");
    let next_on_l1 = read(next.index).await;
    let mut tampered = l2_only.clone();
    tampered.output = Some(OutputProof {
        preimage: next.preimage,
        output_root: next_on_l1.output_root,
        l1: Some(L1Proposal::from_l2_output(
            L1_CHAIN_ID,
            devnet.oracle,
            next.index,
            &next_on_l1,
            Some(next.l1_block_number),
        )),
    });
    let next_trust = trust(devnet.set.registry, json!({"l1_output_roots": [hex(next_on_l1.output_root.as_slice())]}));
    assert_refused(
        &verdict(&bundle, &tampered, &next_trust),
        "output_root",
        "anchor.proof.output.state_root",
        "an output of another block",
    );
    assert!(
        l2_only.clone().add_output(next.preimage, None).is_err(),
        "the builder attaches only the header's own output"
    );

    assert!(started.elapsed() < Duration::from_secs(120), "took {:?}", started.elapsed());
    println!("anchor proofs end to end in {:?}", started.elapsed());
}
