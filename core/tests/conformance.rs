//! The receipt conformance suite (tests/conformance/cases/*.json), run against the core: every
//! case's verdict (valid, level, each check, the algorithms verified) or error (code, field), one
//! by one and in bulk.

use serde_json::{json, Value};
use set_core::receipt::{verify_receipt_json, verify_receipts, verify_receipts_json, ReceiptBundle, Trust};

/// Every case this build can run: the `proof-` cases (`"requires": ["anchor-proof"]`) only with
/// the feature `anchor-proof`.
fn cases() -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/cases");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    let cases =
        paths.iter().map(|path| serde_json::from_str::<Value>(&std::fs::read_to_string(path).unwrap()).unwrap());
    cases.filter(|case| cfg!(feature = "anchor-proof") || case.get("requires").is_none()).collect()
}

fn bundle_text(case: &Value) -> String {
    match case.get("bundle_text") {
        Some(text) => text.as_str().unwrap().to_string(),
        None => case["bundle"].to_string(),
    }
}

/// The case file's form of an answer.
fn answer(result: Result<set_core::receipt::Verdict, set_core::receipt::ReceiptError>) -> Value {
    match result {
        Ok(verdict) => {
            let json = verdict.to_json();
            json!({"valid": json["valid"], "level": json["level"], "checks": json["checks"], "signatures": json["signatures"]})
        }
        Err(err) => json!({"error": {"code": err.code(), "field": err.field()}}),
    }
}

#[test]
fn every_conformance_case_gets_its_expected_answer() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    for case in &cases {
        let got = answer(verify_receipt_json(&bundle_text(case), &case["trust"].to_string()));
        assert_eq!(got, case["expect"], "case {}", case["name"]);
    }
}

#[test]
fn every_conformance_case_gets_its_expected_answer_in_bulk() {
    for case in cases() {
        let (Ok(bundle), Ok(trust)) =
            (ReceiptBundle::from_json(&bundle_text(&case)), Trust::from_json(&case["trust"].to_string()))
        else {
            continue;
        };
        let verdicts = verify_receipts(&[bundle.clone(), bundle], &trust).unwrap();
        for verdict in verdicts {
            assert_eq!(answer(verdict), case["expect"], "case {}", case["name"]);
        }
    }
}

/// What the bindings run: every case, the cases with the same trust text in one
/// `verify_receipts_json` call (malformed bundles included: each gets its own error).
#[test]
fn every_conformance_case_gets_its_expected_answer_from_the_bindings_bulk_call() {
    let cases = cases();
    let mut groups: std::collections::BTreeMap<String, Vec<&Value>> = std::collections::BTreeMap::new();
    for case in &cases {
        groups.entry(case["trust"].to_string()).or_default().push(case);
    }
    assert!(groups.values().any(|group| group.len() > 10), "the valid trust is shared by many cases");
    let mut answered = 0;
    for (trust, group) in &groups {
        let texts: Vec<String> = group.iter().map(|case| bundle_text(case)).collect();
        match verify_receipts_json(&texts, trust) {
            Ok(results) => {
                assert_eq!(results.len(), group.len());
                for (case, result) in group.iter().zip(results) {
                    assert_eq!(answer(result), case["expect"], "case {}", case["name"]);
                    answered += 1;
                }
            }
            // A trust that does not parse fails the whole call: each of its cases expects it.
            Err(err) => {
                for case in group {
                    assert_eq!(answer(Err(err.clone())), case["expect"], "case {}", case["name"]);
                    answered += 1;
                }
            }
        }
    }
    assert_eq!(answered, cases.len());
}

/// The bindings' `verifyAnchorProof` (`anchor_proof::verify_bundle_json`) answers every `proof-`
/// case as the receipt verdict does, each failure typed with an anchor-proof code.
#[cfg(feature = "anchor-proof")]
#[test]
fn the_typed_anchor_proof_checks_agree_with_every_proof_case() {
    use set_core::anchor_proof::verify_bundle_json;
    let mut failures = 0;
    for case in cases().iter().filter(|case| case.get("requires").is_some()) {
        let result = verify_bundle_json(&bundle_text(case), &case["trust"].to_string());
        let Some(checks) = case["expect"].get("checks") else {
            let err = result.expect_err(case["name"].as_str().unwrap());
            assert_eq!(
                json!({"error": {"code": err.code(), "field": err.field()}}),
                case["expect"],
                "case {}",
                case["name"]
            );
            continue;
        };
        let verdict = result.unwrap();
        for (check, outcome) in verdict.checks() {
            assert_eq!(checks[check.name()], outcome.as_str(), "case {} {}", case["name"], check.name());
            if let Some(err) = outcome.error() {
                assert!(
                    set_core::error::ANCHOR_PROOF_CODES.contains(&err.code()),
                    "case {}: {}",
                    case["name"],
                    err.code()
                );
                if std::env::var_os("PRINT_PROOF_CODES").is_some() {
                    println!("{} {} {} {}", case["name"], check.name(), err.code(), err.field());
                }
                failures += 1;
            }
        }
    }
    assert!(failures >= 20, "{failures} typed failures");
}
