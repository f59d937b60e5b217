//! FIPS 204 ML-DSA-65 signature verification against NIST's ACVP vectors
//! (tests/vectors/acvp-ml-dsa-65-sigver.json: the external-interface, pure ML-DSA-65 cases of the
//! ACVP sigVer vector set, each with a context string). Every case, the failing ones included,
//! must come out as NIST expects.
#![cfg(feature = "ml-dsa")]

use std::collections::BTreeMap;

use serde_json::Value;
use set_core::pq::{verify_ml_dsa_65_with_context, MlDsaOutcome};

const VECTORS: &str = include_str!("../../tests/vectors/acvp-ml-dsa-65-sigver.json");

struct Case {
    tc_id: u64,
    public_key: Vec<u8>,
    message: Vec<u8>,
    context: Vec<u8>,
    signature: Vec<u8>,
    passes: bool,
    reason: String,
}

fn bytes(case: &Value, field: &str) -> Vec<u8> {
    let text = case[field].as_str().unwrap_or_else(|| panic!("tcId {}: no {field}", case["tcId"]));
    hex::decode(text).unwrap_or_else(|err| panic!("tcId {}: {field}: {err}", case["tcId"]))
}

fn cases() -> Vec<Case> {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    assert_eq!((vectors["algorithm"].as_str(), vectors["mode"].as_str()), (Some("ML-DSA"), Some("sigVer")));
    let mut cases = Vec::new();
    for group in vectors["testGroups"].as_array().unwrap() {
        assert_eq!(group["parameterSet"], "ML-DSA-65");
        assert_eq!((group["signatureInterface"].as_str(), group["preHash"].as_str()), (Some("external"), Some("pure")));
        for case in group["tests"].as_array().unwrap() {
            cases.push(Case {
                tc_id: case["tcId"].as_u64().unwrap(),
                public_key: bytes(case, "pk"),
                message: bytes(case, "message"),
                context: bytes(case, "context"),
                signature: bytes(case, "signature"),
                passes: case["testPassed"].as_bool().unwrap(),
                reason: case["reason"].as_str().unwrap().to_owned(),
            });
        }
    }
    cases
}

#[test]
fn every_acvp_case_verifies_or_fails_as_nist_expects() {
    let cases = cases();
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let outcome =
                verify_ml_dsa_65_with_context(&case.public_key, &case.message, &case.context, &case.signature);
            let expected = if case.passes { MlDsaOutcome::Valid } else { MlDsaOutcome::Invalid };
            (outcome != expected).then(|| format!("tcId {} ({}): {outcome:?}", case.tc_id, case.reason))
        })
        .collect();
    assert!(wrong.is_empty(), "{} of {} cases disagree with NIST: {wrong:?}", wrong.len(), cases.len());
}

/// The excerpt is the whole group: valid signatures and every kind of forgery NIST makes, so that
/// neither a verifier that accepts everything nor one that refuses everything passes.
#[test]
fn the_excerpt_holds_valid_cases_and_every_kind_of_modification() {
    let cases = cases();
    let mut by_reason: BTreeMap<(bool, &str), usize> = BTreeMap::new();
    for case in &cases {
        *by_reason.entry((case.passes, case.reason.as_str())).or_default() += 1;
    }
    assert_eq!(cases.len(), 15);
    for kind in [
        (true, "valid signature and message - signature should verify successfully"),
        (false, "modified message"),
        (false, "modified signature - commitment"),
        (false, "modified signature - hint"),
        (false, "modified signature - z"),
    ] {
        assert!(by_reason.get(&kind).is_some_and(|&n| n > 0), "no case {kind:?} in {by_reason:?}");
    }
    assert!(cases.iter().any(|case| case.context.is_empty()), "a case without a context");
    assert!(cases.iter().any(|case| case.context.len() == 255), "a case with the longest context");
}

/// The context is part of what is signed: a valid case verifies under no other context.
#[test]
fn a_valid_acvp_signature_fails_under_another_context() {
    let cases = cases();
    let case = cases.iter().find(|case| case.passes && !case.context.is_empty()).unwrap();
    let verify =
        |context: &[u8]| verify_ml_dsa_65_with_context(&case.public_key, &case.message, context, &case.signature);
    assert_eq!(verify(&case.context), MlDsaOutcome::Valid);
    assert_eq!(verify(&[]), MlDsaOutcome::Invalid);
    assert_eq!(verify(&case.context[1..]), MlDsaOutcome::Invalid);
    let mut longer = case.context.clone();
    longer.resize(256, 0);
    assert_eq!(verify(&longer), MlDsaOutcome::Invalid, "a context over 255 bytes never verifies");
    let mut truncated = case.signature.clone();
    truncated.pop();
    let outcome = verify_ml_dsa_65_with_context(&case.public_key, &case.message, &case.context, &truncated);
    assert_eq!(outcome, MlDsaOutcome::Invalid, "a signature of the wrong length");
}
