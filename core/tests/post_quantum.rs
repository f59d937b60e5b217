//! Receipts of the real sequencer's `hybrid` and `pqc-strict` profiles (tests/captured), assembled
//! from its answers: they verify end to end with the pinned ML-DSA-65 keys, every half of every
//! signature is checked, and the signature policies refuse what they should.
#![cfg(all(feature = "ml-dsa", feature = "signing"))]

use serde_json::{json, Value};
use set_core::encoding::encode_hex;
use set_core::pq;
use set_core::receipt::{verify_receipt, verify_receipts, ReceiptBundle, Trust};
use set_core::sequencer::{parse_inclusion_proof, parse_ingest_response, parse_ves_commitment, IngestRequest};

mod captures;
use captures::{
    exchange, seed, AGENT_ED25519, AGENT_ML_DSA_SEED, HYBRID, PQC_STRICT, SEQUENCER_ED25519, SEQUENCER_ML_DSA_SEED,
};

/// The three bundles of a capture, assembled from the ingest, commitment and proof answers.
fn bundles(capture: &str, ingest_name: &str) -> Vec<Value> {
    let ingest = exchange(capture, ingest_name);
    let request: IngestRequest = serde_json::from_value(ingest["request"].clone()).unwrap();
    let response = parse_ingest_response(&ingest["response"].to_string()).unwrap();
    let commitment = parse_ves_commitment(&exchange(capture, "get commitment")["response"].to_string()).unwrap();
    (0..3)
        .map(|k| {
            let proof = parse_inclusion_proof(
                &exchange(capture, &format!("inclusion proof seq {}", k + 1))["response"].to_string(),
            )
            .unwrap();
            let bundle = ReceiptBundle::from_sequencer(
                request.events[k].clone(),
                &response.receipts[k],
                &commitment,
                &proof,
                None,
            )
            .unwrap();
            serde_json::from_str(&bundle.to_json()).unwrap()
        })
        .collect()
}

fn hybrid() -> Vec<Value> {
    bundles(HYBRID, "ingest 3 hybrid events")
}

fn pqc_strict() -> Vec<Value> {
    bundles(PQC_STRICT, "ingest 3 pqc-strict events")
}

/// Everything the app pins: both sequencer keys, both agent keys.
fn trust() -> Value {
    json!({
        "sequencer_public_keys": [SEQUENCER_ED25519],
        "sequencer_ml_dsa_65_public_keys": [encode_hex(&pq::signing::public_key(&seed(SEQUENCER_ML_DSA_SEED)))],
        "agent_public_key": AGENT_ED25519,
        "agent_ml_dsa_65_public_key": encode_hex(&pq::signing::public_key(&seed(AGENT_ML_DSA_SEED))),
    })
}

fn trust_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut t = trust();
    edit(&mut t);
    t
}

fn verdict(bundle: &Value, trust: &Value) -> Value {
    set_core::receipt::verify_receipt_json(&bundle.to_string(), &trust.to_string()).unwrap().to_json()
}

fn flip_byte(bundle: &mut Value, pointer: &str) {
    let text = bundle.pointer(pointer).and_then(Value::as_str).unwrap().to_string();
    let last = text.chars().last().unwrap();
    *bundle.pointer_mut(pointer).unwrap() =
        Value::String(format!("{}{}", &text[..text.len() - 1], if last == '0' { '1' } else { '0' }));
}

#[test]
fn our_ml_dsa_keys_are_the_servers() {
    // The agent's ML-DSA-65 public key as registered with the real server, from its seed.
    let registration = exchange(HYBRID, "register hybrid agent key (proof of possession)");
    let registered = registration["request"]["publicKeyBundle"]["mlDsa65PublicKey"].as_str().unwrap();
    assert_eq!(encode_hex(&pq::signing::public_key(&seed(AGENT_ML_DSA_SEED))), format!("0x{registered}"));
    // Its proof of possession: both keys sign SHA-256("VES_POP_V1" ‖ ed25519_pk ‖ ml_dsa_pk).
    let ed25519 = set_core::encoding::decode_hex("k", AGENT_ED25519).unwrap();
    let ml_dsa = set_core::encoding::decode_hex("k", registered).unwrap();
    let hash = pq::proof_of_possession_hash(&[ed25519.as_slice(), ml_dsa.as_slice()].concat());
    let pop = &registration["request"]["proofOfPossessionBundle"];
    let ml_dsa_pop = set_core::encoding::decode_hex("pop", pop["mlDsa65Pop"].as_str().unwrap()).unwrap();
    assert_eq!(pq::verify_ml_dsa_65(&ml_dsa, &hash, &ml_dsa_pop), pq::MlDsaOutcome::Valid);
    let ed25519_pop = set_core::encoding::decode_fixed::<64>("pop", pop["ed25519Pop"].as_str().unwrap()).unwrap();
    let ed25519_key: [u8; 32] = ed25519.try_into().unwrap();
    assert!(set_core::ves::verify_ed25519("k", &ed25519_key, &hash, &ed25519_pop).unwrap());
    // Our deterministic signing reproduces the server's ML-DSA-65 receipt signature byte for byte.
    let bundle = &hybrid()[0];
    let receipt_hash =
        set_core::encoding::decode_b256("h", bundle["receipt"]["receipt_hash"].as_str().unwrap()).unwrap();
    let ours = pq::signing::sign(&seed(SEQUENCER_ML_DSA_SEED), &receipt_hash);
    assert_eq!(
        encode_hex(&ours),
        bundle["receipt"]["receipt_signature_bundle"]["ml_dsa_65_signature"].as_str().unwrap()
    );
}

#[test]
fn hybrid_receipts_verify_with_both_halves() {
    for (k, bundle) in hybrid().iter().enumerate() {
        let v = verdict(bundle, &trust());
        assert_eq!((v["valid"].clone(), v["level"].clone()), (json!(true), json!("committed")), "event {k}: {v}");
        assert_eq!(v["signatures"]["sequencer"], json!(["ed25519", "ml-dsa-65"]), "{v}");
        assert_eq!(v["signatures"]["agent"], json!(["ed25519", "ml-dsa-65"]), "{v}");
    }
}

#[test]
fn pqc_strict_receipts_verify_with_ml_dsa_alone() {
    for (k, bundle) in pqc_strict().iter().enumerate() {
        assert_eq!(bundle["receipt"]["sequencer_signature"], "", "pqc-strict receipts carry no Ed25519 signature");
        let v = verdict(bundle, &trust());
        assert_eq!((v["valid"].clone(), v["level"].clone()), (json!(true), json!("committed")), "event {k}: {v}");
        assert_eq!(v["signatures"]["sequencer"], json!(["ml-dsa-65"]));
        assert_eq!(v["signatures"]["agent"], json!(["ml-dsa-65"]));
    }
}

/// Exactly `failing` fails (the other checks pass or are skipped as without the change).
fn assert_only(bundle: &Value, trust: &Value, failing: &[&str]) {
    let v = verdict(bundle, trust);
    assert_eq!((v["valid"].clone(), v["level"].clone()), (json!(false), json!("none")), "{v}");
    for (check, status) in v["checks"].as_object().unwrap() {
        let expected = if failing.contains(&check.as_str()) {
            "fail"
        } else if ["anchor", "onchain", "anchor_proof", "output_root"].contains(&check.as_str()) {
            "skipped"
        } else {
            "pass"
        };
        assert_eq!(status, expected, "{check}: {v}");
    }
}

#[test]
fn every_half_of_every_signature_is_checked() {
    let bundle = &hybrid()[1];
    let flipped = |pointer: &str| {
        let mut b = bundle.clone();
        flip_byte(&mut b, pointer);
        b
    };
    // The receipt's ML-DSA-65 half flipped: invalid, although its Ed25519 half is fine.
    assert_only(&flipped("/receipt/receipt_signature_bundle/ml_dsa_65_signature"), &trust(), &["sequencer_signature"]);
    // Its Ed25519 half flipped (in both places it is written, or the two would disagree).
    let mut b = flipped("/receipt/sequencer_signature");
    flip_byte(&mut b, "/receipt/receipt_signature_bundle/ed25519_signature");
    assert_only(&b, &trust(), &["sequencer_signature"]);
    // The two copies of the Ed25519 half disagree.
    assert_only(&flipped("/receipt/sequencer_signature"), &trust(), &["sequencer_signature"]);
    // The agent's ML-DSA-65 half flipped.
    assert_only(&flipped("/event/agent_signature_bundle/ml_dsa_65_signature"), &trust(), &["agent_signature"]);
    // pqc-strict: the only signature flipped.
    let mut b = pqc_strict()[0].clone();
    flip_byte(&mut b, "/receipt/receipt_signature_bundle/ml_dsa_65_signature");
    assert_only(&b, &trust(), &["sequencer_signature"]);
}

#[test]
fn a_downgraded_receipt_passes_only_where_the_policy_allows_it() {
    // The ML-DSA-65 half removed and signature_alg rewritten: an Ed25519 receipt as far as the
    // bundle can tell (signature_alg is not signed).
    let mut downgraded = hybrid()[0].clone();
    downgraded["receipt"]["signature_alg"] = json!("ed25519");
    downgraded["receipt"].as_object_mut().unwrap().remove("receipt_signature_bundle");
    downgraded["receipt"]["receipt_signature_scheme"] = json!(1);
    let v = verdict(&downgraded, &trust());
    assert_eq!((v["valid"].clone(), v["signatures"]["sequencer"].clone()), (json!(true), json!(["ed25519"])));
    for policy in ["require-ml-dsa", "require-hybrid"] {
        let strict = trust_with(|t| t["signature_policy"] = json!(policy));
        assert_only(&downgraded, &strict, &["sequencer_signature"]);
        // The untouched hybrid receipt satisfies both policies.
        assert_eq!(verdict(&hybrid()[0], &strict)["valid"], true);
    }
    // pqc-strict receipts satisfy require-ml-dsa, not require-hybrid.
    let pqc = &pqc_strict()[0];
    assert_eq!(verdict(pqc, &trust_with(|t| t["signature_policy"] = json!("require-ml-dsa")))["valid"], true);
    assert_only(pqc, &trust_with(|t| t["signaturePolicy"] = json!("require-hybrid")), &["sequencer_signature"]);
    // A receipt that still says hybrid but lost its ML-DSA-65 half is refused under any policy.
    let mut stripped = hybrid()[0].clone();
    stripped["receipt"].as_object_mut().unwrap().remove("receipt_signature_bundle");
    assert_only(&stripped, &trust(), &["sequencer_signature"]);
}

#[test]
fn a_signature_whose_key_is_not_pinned_is_not_accepted() {
    // No sequencer ML-DSA-65 key: a hybrid receipt's ML-DSA-65 half cannot be checked.
    let no_ml_dsa = trust_with(|t| {
        t.as_object_mut().unwrap().remove("sequencer_ml_dsa_65_public_keys");
    });
    assert_only(&hybrid()[0], &no_ml_dsa, &["sequencer_signature"]);
    assert_only(&pqc_strict()[0], &no_ml_dsa, &["sequencer_signature"]);
    // Another ML-DSA-65 key pinned: a valid signature by an unpinned key.
    let other = trust_with(|t| {
        t["sequencer_ml_dsa_65_public_keys"] = json!([encode_hex(&pq::signing::public_key(&[7; 32]))]);
    });
    assert_only(&hybrid()[0], &other, &["sequencer_signature"]);
    // Only the agent's Ed25519 key pinned: its ML-DSA-65 signature is unchecked, so refused.
    let no_agent_ml_dsa = trust_with(|t| {
        t.as_object_mut().unwrap().remove("agent_ml_dsa_65_public_key");
    });
    assert_only(&hybrid()[0], &no_agent_ml_dsa, &["agent_signature"]);
    // No agent key at all: skipped, as for legacy events.
    let no_agent = trust_with(|t| {
        t.as_object_mut().unwrap().remove("agent_ml_dsa_65_public_key");
        t.as_object_mut().unwrap().remove("agent_public_key");
    });
    let v = verdict(&hybrid()[0], &no_agent);
    assert_eq!((v["valid"].clone(), v["checks"]["agent_signature"].clone()), (json!(true), json!("skipped")));
}

#[test]
fn what_a_pqc_strict_inclusion_proof_binds() {
    // The leaf commits only the 64-byte agent_signature field, which is zero under pqc-strict:
    // the proof holds whatever the agent's ML-DSA-65 signature is. The agent check is what binds it.
    let mut bundle = pqc_strict()[0].clone();
    assert_eq!(bundle["event"]["agent_signature"], format!("0x{}", "00".repeat(64)));
    flip_byte(&mut bundle, "/event/agent_signature_bundle/ml_dsa_65_signature");
    let v = verdict(&bundle, &trust());
    assert_eq!(
        (v["checks"]["inclusion"].clone(), v["checks"]["agent_signature"].clone()),
        (json!("pass"), json!("fail"))
    );
    let no_agent = trust_with(|t| {
        t.as_object_mut().unwrap().remove("agent_ml_dsa_65_public_key");
        t.as_object_mut().unwrap().remove("agent_public_key");
    });
    assert_eq!(verdict(&bundle, &no_agent)["valid"], true, "without an agent key nothing binds the agent's signature");
}

#[test]
fn post_quantum_bundles_verify_in_bulk_as_one_by_one() {
    let trust = Trust::from_value(trust()).unwrap();
    let mut all: Vec<Value> = hybrid().into_iter().chain(pqc_strict()).collect();
    let mut tampered = all[1].clone();
    flip_byte(&mut tampered, "/receipt/receipt_signature_bundle/ml_dsa_65_signature");
    all.push(tampered);
    let bundles: Vec<ReceiptBundle> = all.into_iter().map(|b| ReceiptBundle::from_value(b).unwrap()).collect();
    let bulk = verify_receipts(&bundles, &trust).unwrap();
    for (bundle, verdict) in bundles.iter().zip(bulk) {
        assert_eq!(verdict, verify_receipt(bundle, &trust));
    }
}

#[test]
fn ml_dsa_keys_and_policies_are_read_with_their_field() {
    let err = Trust::from_value(trust_with(|t| t["sequencer_ml_dsa_65_public_keys"] = json!(["0x00"]))).unwrap_err();
    assert_eq!((err.code(), err.field()), ("WRONG_LENGTH", "trust.sequencer_ml_dsa_65_public_keys[0]"));
    let err = Trust::from_value(trust_with(|t| t["signature_policy"] = json!("require-everything"))).unwrap_err();
    assert_eq!((err.code(), err.field()), ("INVALID_JSON", "trust.signature_policy"));
}

/// The ingest body the SDK writes carries the signature bundles as the real server received them:
/// the captured hybrid request, read and written back, has the same `agent_signature_bundle`s
/// (arrays of byte values, not hex).
#[test]
fn the_ingest_body_carries_signature_bundles_as_the_server_reads_them() {
    let ingest = exchange(HYBRID, "ingest 3 hybrid events");
    let request: IngestRequest = serde_json::from_value(ingest["request"].clone()).unwrap();
    let written: Value = serde_json::from_str(&request.to_json()).unwrap();
    let bundles = |body: &Value| -> Vec<Value> {
        body["events"].as_array().unwrap().iter().map(|event| event["agent_signature_bundle"].clone()).collect()
    };
    let sent = bundles(&ingest["request"]);
    assert_eq!(sent.len(), 3);
    assert!(sent
        .iter()
        .all(|bundle| bundle["ml_dsa_65_signature"].as_array().is_some_and(|bytes| bytes.len() == 3309)));
    assert_eq!(bundles(&written), sent);
    assert_eq!(written["agentId"], ingest["request"]["agentId"]);
}
