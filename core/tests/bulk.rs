//! `verify_receipts` (signatures in batches) answers exactly as `verify_receipt` one by one.

use proptest::prelude::*;
use serde_json::Value;
use set_core::receipt::{verify_receipt, verify_receipts, ReceiptBundle, Trust};

fn vectors() -> Value {
    serde_json::from_str(include_str!("../../tests/vectors/receipts.json")).unwrap()
}

/// The valid bundles of the vectors (three events of one batch, signed by the test agent and
/// sequencer) and their trust.
fn valid() -> (Vec<Value>, Value) {
    let vectors = vectors();
    let cases: Vec<&Value> = vectors["valid"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case["name"].as_str().unwrap().starts_with("reference"))
        .collect();
    (cases.iter().map(|case| case["bundle"].clone()).collect(), cases[0]["trust"].clone())
}

/// One place a bundle can be altered: (JSON pointer to a hex string, which hex digit).
const PLACES: [&str; 6] = [
    "/event/agent_signature",
    "/receipt/sequencer_signature",
    "/receipt/receipt_hash",
    "/proof/proof_path/0",
    "/commitment/new_state_root",
    "/event/agent_signature",
];

fn flip(bundle: &mut Value, pointer: &str, digit: usize) {
    let text = bundle.pointer(pointer).and_then(Value::as_str).unwrap().to_string();
    let position = 2 + digit % (text.len() - 2);
    let mut chars: Vec<char> = text.chars().collect();
    chars[position] = if chars[position] == '0' { '1' } else { '0' };
    *bundle.pointer_mut(pointer).unwrap() = Value::String(chars.into_iter().collect());
}

fn same_as_one_by_one(bundles: &[ReceiptBundle], trust: &Trust) {
    let bulk = verify_receipts(bundles, trust).unwrap();
    assert_eq!(bulk.len(), bundles.len());
    for (bundle, verdict) in bundles.iter().zip(bulk) {
        assert_eq!(verdict, verify_receipt(bundle, trust));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random runs of the valid bundles, some altered in a signature, a hash or a proof, with and
    /// without the agent key pinned: every verdict equals the one-by-one verdict.
    #[test]
    fn verify_receipts_equals_one_by_one_with_random_tampering(
        picks in prop::collection::vec((0usize..3, prop::option::of((0usize..PLACES.len(), 0usize..200))), 0..40),
        with_agent_key in any::<bool>(),
    ) {
        let (valid, trust) = valid();
        let mut trust = trust;
        if !with_agent_key {
            trust.as_object_mut().unwrap().remove("agent_public_key");
        }
        let trust = Trust::from_value(trust).unwrap();
        let bundles: Vec<ReceiptBundle> = picks
            .iter()
            .map(|(which, tamper)| {
                let mut bundle = valid[*which].clone();
                if let Some((place, digit)) = tamper {
                    flip(&mut bundle, PLACES[*place], *digit);
                }
                ReceiptBundle::from_value(bundle).unwrap()
            })
            .collect();
        same_as_one_by_one(&bundles, &trust);
    }
}

#[test]
fn one_bad_signature_among_many_is_found() {
    let (valid, trust) = valid();
    let trust = Trust::from_value(trust).unwrap();
    let mut bundles: Vec<Value> = (0..64).map(|i| valid[i % 3].clone()).collect();
    flip(&mut bundles[41], "/receipt/sequencer_signature", 7);
    let bundles: Vec<ReceiptBundle> = bundles.into_iter().map(|b| ReceiptBundle::from_value(b).unwrap()).collect();
    let verdicts = verify_receipts(&bundles, &trust).unwrap();
    let invalid: Vec<usize> =
        verdicts.iter().enumerate().filter(|(_, v)| !v.as_ref().unwrap().valid).map(|(i, _)| i).collect();
    assert_eq!(invalid, vec![41]);
    same_as_one_by_one(&bundles, &trust);
}

#[test]
fn a_rotated_key_list_verifies_in_bulk() {
    let (valid, trust) = valid();
    let mut trust = trust;
    // An unrelated key first: the batch tries the first key, then narrows down to one by one.
    let agent = trust["agent_public_key"].clone();
    let sequencer = trust["sequencer_public_keys"][0].clone();
    trust["sequencer_public_keys"] = Value::Array(vec![agent, sequencer]);
    let trust = Trust::from_value(trust).unwrap();
    let bundles: Vec<ReceiptBundle> =
        (0..12).map(|i| ReceiptBundle::from_value(valid[i % 3].clone()).unwrap()).collect();
    assert!(verify_receipts(&bundles, &trust).unwrap().iter().all(|v| v.as_ref().unwrap().valid));
    same_as_one_by_one(&bundles, &trust);
}
