//! Receipt bundles built from the real sequencer's captured answers (tests/captured)
//! verify, every kind of tampering fails exactly the check it should, and the verdict's level
//! never claims more than the pinned trust supports.

use serde_json::{json, Value};
use set_core::receipt::{verify_receipt_json, Check, CheckStatus, ReceiptBundle, Trust};

mod captures;
use captures::{AGENT_ED25519, LEGACY, SEQUENCER_ED25519};

const CHAIN_ID: u64 = 84532001;
const REGISTRY: &str = "0x5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

/// The exchange `name` of the legacy profile's capture.
fn exchange(name: &str) -> Value {
    captures::exchange(LEGACY, name)
}

/// The bundle for captured event `k` (0-based), assembled from four real responses.
fn captured_bundle(k: usize) -> Value {
    let ingest = exchange("ingest 3 signed events");
    let commitment = exchange("get commitment")["response"].clone();
    let proof = exchange(&format!("inclusion proof seq {}", k + 1))["response"].clone();
    let receipt = &ingest["response"]["receipts"][k];
    json!({
        "format": "set-receipt-v2",
        "event": ingest["request"]["events"][k],
        "receipt": {
            "sequencer_id": receipt["sequencerId"],
            "sequence_number": receipt["sequenceNumber"],
            "receipt_hash": receipt["receiptHash"],
            "signature_alg": receipt["signatureAlg"],
            "sequencer_signature": receipt["sequencerSignature"],
            "receipt_signature_scheme": receipt["receiptSignatureScheme"],
        },
        "commitment": {
            "batch_id": commitment["batch_id"],
            "sequence_start": commitment["sequence_start"],
            "sequence_end": commitment["sequence_end"],
            "leaf_count": commitment["leaf_count"],
            "merkle_root": commitment["merkle_root"],
            "prev_state_root": commitment["prev_state_root"],
            "new_state_root": commitment["new_state_root"],
        },
        "proof": { "leaf_index": proof["leaf_index"], "proof_path": proof["proof_path"] },
    })
}

fn trust() -> Value {
    json!({ "sequencer_public_keys": [SEQUENCER_ED25519], "agent_public_key": AGENT_ED25519 })
}

fn verdict(bundle: &Value, trust: &Value) -> Value {
    verify_receipt_json(&bundle.to_string(), &trust.to_string()).unwrap().to_json()
}

/// The trust of an app that pins the network as well as the keys.
fn pinned_trust() -> Value {
    let mut t = trust();
    t["chain_id"] = json!(CHAIN_ID);
    t["registry"] = json!(REGISTRY);
    t
}

/// What the registry would return for the captured commitment.
fn onchain_record(bundle: &Value) -> Value {
    let c = &bundle["commitment"];
    json!({
        "events_root": c["merkle_root"], "new_state_root": c["new_state_root"],
        "sequence_start": 1, "sequence_end": 3, "event_count": 3,
    })
}

fn anchored(mut bundle: Value, chain_id: u64, registry: &str) -> Value {
    bundle["anchor"] = json!({
        "chain_id": chain_id, "registry": registry, "tx_hash": "ab".repeat(32), "block_number": 7,
        "block_hash": "cd".repeat(32),
    });
    bundle
}

#[test]
fn real_sequencer_receipts_verify_end_to_end() {
    for k in 0..3 {
        let v = verdict(&captured_bundle(k), &trust());
        assert_eq!(v["valid"], true, "event {k}: {v}");
        for check in
            ["payload_hash", "agent_signature", "receipt_hash", "sequencer_signature", "inclusion", "state_root"]
        {
            assert_eq!(v["checks"][check], "pass", "event {k} {check}");
        }
        assert_eq!(v["checks"]["anchor"], "skipped");
        assert_eq!(v["checks"]["onchain"], "skipped");
        assert_eq!(v["level"], "committed", "event {k}: {v}");
    }
}

#[test]
fn the_level_rises_only_with_the_evidence() {
    let bundle = captured_bundle(0);
    // No payload kept: nothing was checked, so payload_hash is skipped, not passed.
    let mut bare = bundle.clone();
    bare["event"].as_object_mut().unwrap().remove("payload");
    let v = verdict(&bare, &trust());
    assert_eq!((v["checks"]["payload_hash"].clone(), v["valid"].clone()), (json!("skipped"), json!(true)));
    assert!(v["reasons"]["payload_hash"].is_string());
    // A receipt that is signed but whose proof is broken is only sequenced… and invalid, so none.
    let mut broken = bundle.clone();
    broken["proof"]["proof_path"][0] = json!("22".repeat(32));
    assert_eq!(verdict(&broken, &trust())["level"], "none");
    // Anchored needs the record read from the pinned registry.
    let mut t = pinned_trust();
    assert_eq!(verdict(&bundle, &t)["level"], "committed");
    t["onchain"] = onchain_record(&bundle);
    let v = verdict(&bundle, &t);
    assert_eq!((v["level"].clone(), v["checks"]["onchain"].clone()), (json!("anchored"), json!("pass")));
    // The bundle's own anchor agrees with the pinned network: still anchored, anchor passes.
    let v = verdict(&anchored(bundle.clone(), CHAIN_ID, REGISTRY), &t);
    assert_eq!((v["level"].clone(), v["checks"]["anchor"].clone()), (json!("anchored"), json!("pass")));
    // Without any pinned key nothing is even sequenced.
    let v = verdict(&bundle, &json!({ "sequencer_public_keys": [] }));
    assert_eq!((v["valid"].clone(), v["level"].clone()), (json!(false), json!("none")));
}

#[test]
fn an_anchor_naming_another_network_fails_and_claims_nothing() {
    let bundle = captured_bundle(0);
    let mut t = pinned_trust();
    t["onchain"] = onchain_record(&bundle);
    let other_registry = "0x00000000000000000000000000000000deadbeef";
    for (chain_id, registry) in [(CHAIN_ID, other_registry), (1, REGISTRY)] {
        let v = verdict(&anchored(bundle.clone(), chain_id, registry), &t);
        assert_eq!(v["checks"]["anchor"], "fail", "{v}");
        assert_eq!((v["valid"].clone(), v["level"].clone()), (json!(false), json!("none")));
    }
    // Nothing pinned: the anchor cannot be judged, and says why.
    let v = verdict(&anchored(bundle, 1, other_registry), &trust());
    assert_eq!(v["checks"]["anchor"], "skipped");
    assert!(v["reasons"]["anchor"].as_str().unwrap().contains("pinned"));
}

#[test]
fn onchain_evidence_requires_a_pinned_network() {
    let bundle = captured_bundle(0);
    let mut t = trust();
    t["onchain"] = onchain_record(&bundle);
    let err = verify_receipt_json(&bundle.to_string(), &t.to_string()).unwrap_err();
    assert_eq!((err.code(), err.field()), ("NETWORK_NOT_PINNED", "trust.registry"));
    t["registry"] = json!(REGISTRY);
    let err = verify_receipt_json(&bundle.to_string(), &t.to_string()).unwrap_err();
    assert_eq!((err.code(), err.field()), ("NETWORK_NOT_PINNED", "trust.chain_id"));
    t["chainId"] = json!(CHAIN_ID);
    assert_eq!(verdict(&bundle, &t)["level"], "anchored");
}

#[test]
fn a_trust_root_document_pins_the_network() {
    let bundle = captured_bundle(0);
    let root = json!({
        "format": "set-trust-root-v1", "network": "set-chain-devnet", "chain_id": CHAIN_ID,
        "registry": REGISTRY, "sequencer_public_keys": [SEQUENCER_ED25519],
    });
    let trust = Trust::from_value(root.clone()).unwrap();
    assert_eq!((trust.network.as_deref(), trust.chain_id), (Some("set-chain-devnet"), Some(CHAIN_ID)));
    assert_eq!(verdict(&bundle, &root)["level"], "committed");
    for field in ["network", "chain_id", "registry"] {
        let mut incomplete = root.clone();
        incomplete.as_object_mut().unwrap().remove(field);
        let err = Trust::from_value(incomplete).unwrap_err();
        assert_eq!((err.code(), err.field()), ("INVALID_JSON", format!("trust.{field}").as_str()));
    }
    let mut other = root;
    other["format"] = json!("set-trust-root-v9");
    let err = Trust::from_value(other).unwrap_err();
    assert_eq!((err.code(), err.field()), ("UNSUPPORTED_FORMAT", "trust.format"));
}

#[test]
fn v1_bundles_stay_readable() {
    let mut bundle = captured_bundle(1);
    bundle["format"] = json!("set-receipt-v1");
    bundle["receipt"].as_object_mut().unwrap().remove("receipt_signature_scheme");
    // v1 anchors had no block hash.
    bundle["anchor"] =
        json!({ "chain_id": CHAIN_ID, "registry": REGISTRY, "tx_hash": "ab".repeat(32), "block_number": 7 });
    let parsed = ReceiptBundle::from_value(bundle.clone()).unwrap();
    assert_eq!(parsed.format, "set-receipt-v1");
    assert_eq!(ReceiptBundle::from_json(&parsed.to_json()).unwrap(), parsed);
    assert_eq!(verdict(&bundle, &pinned_trust())["level"], "committed");
    // The same anchor in a v2 bundle lacks its block hash.
    bundle["format"] = json!("set-receipt-v2");
    let err = ReceiptBundle::from_value(bundle).unwrap_err();
    assert_eq!((err.code(), err.field()), ("INVALID_JSON", "anchor.block_hash"));
}

#[test]
fn the_captured_leaf_hashes_are_ours() {
    for k in 0..3 {
        let bundle = ReceiptBundle::from_value(captured_bundle(k)).unwrap();
        let proof = exchange(&format!("inclusion proof seq {}", k + 1))["response"].clone();
        let leaf = bundle.event.leaf_hash(bundle.receipt.sequence_number).unwrap();
        assert_eq!(leaf.to_string(), format!("0x{}", proof["leaf_hash"].as_str().unwrap()));
    }
}

/// Tamper with one field; exactly `failing` checks fail.
fn assert_tamper(edit: impl Fn(&mut Value), failing: &[&str]) {
    let mut bundle = captured_bundle(1);
    edit(&mut bundle);
    let v = verdict(&bundle, &trust());
    assert_eq!(v["valid"], false, "{v}");
    assert_eq!(v["level"], "none", "{v}");
    for check in Check::ALL {
        let expected = if failing.contains(&check.name()) {
            "fail"
        } else if [Check::Onchain, Check::Anchor, Check::AnchorProof, Check::OutputRoot].contains(&check) {
            "skipped"
        } else {
            "pass"
        };
        assert_eq!(v["checks"][check.name()], expected, "{}: {v}", check.name());
        assert_eq!(v["reasons"].get(check.name()).is_some(), expected != "pass");
    }
}

#[test]
fn each_tampering_fails_its_own_check() {
    assert_tamper(|b| b["event"]["payload"]["amount_cents"] = json!(1), &["payload_hash"]);
    // A new created_at changes the signing hash: the agent signature, the receipt and the leaf all break.
    assert_tamper(
        |b| b["event"]["created_at"] = json!("2026-11-22T10:01:01Z"),
        &["agent_signature", "receipt_hash", "sequencer_signature", "inclusion"],
    );
    assert_tamper(|b| b["receipt"]["receipt_hash"] = json!("00".repeat(32)), &["receipt_hash"]);
    assert_tamper(|b| b["receipt"]["sequencer_signature"] = json!("11".repeat(64)), &["sequencer_signature"]);
    assert_tamper(|b| b["receipt"]["sequencer_signature"] = json!(""), &["sequencer_signature"]);
    // Sequence number 3 is in range, but the signature and proof are for 2.
    assert_tamper(
        |b| b["receipt"]["sequence_number"] = json!(3),
        &["receipt_hash", "sequencer_signature", "inclusion"],
    );
    assert_tamper(|b| b["proof"]["leaf_index"] = json!(0), &["inclusion"]);
    assert_tamper(|b| b["proof"]["proof_path"][0] = json!("22".repeat(32)), &["inclusion"]);
    assert_tamper(|b| b["proof"]["proof_path"].as_array_mut().unwrap().truncate(1), &["inclusion"]);
    assert_tamper(|b| b["commitment"]["merkle_root"] = json!("33".repeat(32)), &["inclusion", "state_root"]);
    assert_tamper(|b| b["commitment"]["prev_state_root"] = json!("44".repeat(32)), &["state_root"]);
    // Same depth (4 pads like 3): only the chained state root notices.
    assert_tamper(|b| b["commitment"]["leaf_count"] = json!(4), &["state_root"]);
    // Depth 1 instead of 2: the proof is now the wrong length as well.
    assert_tamper(|b| b["commitment"]["leaf_count"] = json!(2), &["inclusion", "state_root"]);
}

#[test]
fn onchain_record_is_compared_field_by_field() {
    let bundle = captured_bundle(0);
    let mut t = pinned_trust();
    t["onchain"] = onchain_record(&bundle);
    assert_eq!(verdict(&bundle, &t)["checks"]["onchain"], "pass");
    t["onchain"].as_object_mut().unwrap().remove("sequence_end");
    t["onchain"]["sequenceEnd"] = json!(4);
    let v = verdict(&bundle, &t);
    assert_eq!((v["valid"].clone(), v["checks"]["onchain"].clone()), (json!(false), json!("fail")));
    let zero = "00".repeat(32);
    t["onchain"] =
        json!({"events_root": zero, "new_state_root": zero, "sequence_start": 0, "sequence_end": 0, "event_count": 0});
    assert!(verdict(&bundle, &t)["reasons"]["onchain"].as_str().unwrap().contains("not committed"));
}

#[test]
fn trust_controls_what_is_skipped_and_which_keys_count() {
    let bundle = captured_bundle(0);
    let v = verdict(&bundle, &json!({ "sequencerPublicKeys": [SEQUENCER_ED25519] }));
    assert_eq!((v["valid"].clone(), v["checks"]["agent_signature"].clone()), (json!(true), json!("skipped")));
    // A rotated key list still passes when one of the keys signed.
    let v = verdict(&bundle, &json!({ "sequencer_public_keys": [AGENT_ED25519, SEQUENCER_ED25519] }));
    assert_eq!(v["valid"], true);
    let v = verdict(&bundle, &json!({ "sequencer_public_keys": [AGENT_ED25519] }));
    assert_eq!(v["checks"]["sequencer_signature"], "fail");
    let v = verdict(&bundle, &json!({ "sequencer_public_keys": [] }));
    assert_eq!(v["reasons"]["sequencer_signature"], "no sequencer public key is pinned");
}

type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn malformed_bundles_are_typed_errors_naming_the_field() {
    let cases: Vec<(Edit, &str, &str)> = vec![
        (Box::new(|b| b["receipt"]["receipt_hash"] = json!("abc")), "INVALID_HEX", "receipt.receipt_hash"),
        (Box::new(|b| b["commitment"]["merkle_root"] = json!("0xabcd")), "WRONG_LENGTH", "commitment.merkle_root"),
        (Box::new(|b| b["proof"]["proof_path"][1] = json!("zz")), "INVALID_HEX", "proof.proof_path[1]"),
        (Box::new(|b| b["event"]["tenant_id"] = json!("nope")), "INVALID_UUID", "event.tenant_id"),
        (
            Box::new(|b| {
                b["receipt"].as_object_mut().unwrap().remove("sequence_number");
            }),
            "INVALID_JSON",
            "receipt.sequence_number",
        ),
        (Box::new(|b| b["commitment"]["leaf_count"] = json!("three")), "INVALID_JSON", "commitment.leaf_count"),
        (Box::new(|b| b["event"]["agent_signature"] = json!(7)), "INVALID_JSON", "event.agent_signature"),
        (Box::new(|b| b["format"] = json!("set-receipt-v0")), "UNSUPPORTED_FORMAT", "format"),
        (Box::new(|b| b["proof"]["leaf_index"] = json!("-1")), "INVALID_JSON", "proof.leaf_index"),
        (Box::new(|b| b["proof"]["proof_path"] = json!(vec!["00".repeat(32); 65])), "INVALID_JSON", "proof.proof_path"),
    ];
    for (edit, code, field) in cases {
        let mut bundle = captured_bundle(0);
        edit(&mut bundle);
        let err = ReceiptBundle::from_json(&bundle.to_string()).unwrap_err();
        assert_eq!((err.code(), err.field()), (code, field), "{err}");
    }
    assert_eq!(ReceiptBundle::from_json("").unwrap_err().code(), "INVALID_JSON");
    assert_eq!(ReceiptBundle::from_json("[]").unwrap_err().code(), "INVALID_JSON");
    let err = Trust::from_json(r#"{"sequencer_public_keys": ["00"]}"#).unwrap_err();
    assert_eq!(err.field(), "trust.sequencer_public_keys[0]", "{err}");
}

#[test]
fn bundles_assemble_from_the_sequencers_typed_responses() {
    use set_core::sequencer::{parse_inclusion_proof, parse_ingest_response, parse_ves_commitment, IngestRequest};
    let ingest = exchange("ingest 3 signed events");
    let request: IngestRequest = serde_json::from_value(ingest["request"].clone()).unwrap();
    let response = parse_ingest_response(&ingest["response"].to_string()).unwrap();
    let commitment = parse_ves_commitment(&exchange("get commitment")["response"].to_string()).unwrap();
    let trust = Trust::from_value(trust()).unwrap();
    for (k, (event, receipt)) in request.events.iter().zip(&response.receipts).enumerate() {
        let proof = parse_inclusion_proof(&exchange(&format!("inclusion proof seq {}", k + 1))["response"].to_string())
            .unwrap();
        let bundle = ReceiptBundle::from_sequencer(event.clone(), receipt, &commitment, &proof, None).unwrap();
        assert_eq!(bundle, ReceiptBundle::from_value(captured_bundle(k)).unwrap());
        assert!(set_core::receipt::verify_receipt(&bundle, &trust).unwrap().valid);
        // Parts that do not belong together are refused, naming the field.
        let other = &response.receipts[(k + 1) % 3];
        let err = ReceiptBundle::from_sequencer(event.clone(), other, &commitment, &proof, None).unwrap_err();
        assert_eq!(err.field(), "receipt.event_id", "{err}");
    }
    // The request re-serialises to what the sequencer accepted (hex now with 0x).
    let again: IngestRequest = serde_json::from_str(&request.to_json()).unwrap();
    assert_eq!(again, request);
}

#[test]
fn bundles_round_trip_with_0x_hex() {
    let bundle = ReceiptBundle::from_value(captured_bundle(2)).unwrap();
    let text = bundle.to_json();
    assert!(text.contains("\"merkle_root\":\"0xbd2e1989"));
    assert_eq!(ReceiptBundle::from_json(&text).unwrap(), bundle);
    // serde users get the same parser (and its field-naming messages).
    assert_eq!(serde_json::from_str::<ReceiptBundle>(&text).unwrap(), bundle);
    let broken = text.replace("\"leaf_index\":2", "\"leaf_index\":\"x\"");
    let err = serde_json::from_str::<ReceiptBundle>(&broken).unwrap_err().to_string();
    assert!(err.contains("proof.leaf_index"), "{err}");
    let verdict = set_core::receipt::verify_receipt(&bundle, &Trust::from_value(trust()).unwrap()).unwrap();
    assert_eq!(verdict.status(Check::Inclusion), Some(&CheckStatus::Pass));
}
