//! The conformance suite's `proof-` cases through the core: every refusal is for the reason the
//! case is about, named by the field or proof node at fault (the suite itself compares statuses
//! only; the reasons' text starts with the field).
#![cfg(feature = "anchor-proof")]

use serde_json::Value;
use set_core::receipt::{verify_receipt_json, Check};

fn case(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/conformance/cases/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn reason(name: &str, check: Check) -> String {
    let case = case(name);
    let verdict = verify_receipt_json(&case["bundle"].to_string(), &case["trust"].to_string()).unwrap();
    verdict.status(check).and_then(|status| status.reason()).unwrap_or_default().to_string()
}

#[test]
fn every_refused_anchor_proof_names_its_field() {
    use Check::{AnchorProof, OutputRoot};
    let expected: &[(&str, Check, &str)] = &[
        ("proof-tamper-account-root-node", AnchorProof, "anchor.proof.account_proof[0]"),
        ("proof-tamper-account-leaf-node", AnchorProof, "anchor.proof.account_proof[1]"),
        ("proof-tamper-storage-node", AnchorProof, "anchor.proof.storage_proof[1].proof[0]"),
        ("proof-tamper-storage-leaf-node", AnchorProof, "anchor.proof.storage_proof[2].proof[1]"),
        ("proof-tamper-slot-value", AnchorProof, "anchor.proof.storage_proof[0].value"),
        ("proof-tamper-slot-range", AnchorProof, "anchor.proof.storage_proof[2].value"),
        ("proof-tamper-storage-hash", AnchorProof, "anchor.proof.storage_hash"),
        ("proof-tamper-header-timestamp", AnchorProof, "anchor.proof.l2_header"),
        ("proof-tamper-header-state-root", AnchorProof, "anchor.proof.account_proof[0]"),
        ("proof-tamper-header-state-root", OutputRoot, "anchor.proof.output.state_root"),
        ("proof-tamper-output-message-passer-root", OutputRoot, "anchor.proof.output.output_root"),
        ("proof-tamper-output-message-passer-root", AnchorProof, "anchor.proof.l2_header"),
        ("proof-tamper-output-version", OutputRoot, "anchor.proof.output.version"),
        ("proof-tamper-output-l2-block-number", OutputRoot, "anchor.proof.output.l1.l2_block_number"),
        ("proof-another-account", AnchorProof, "anchor.proof.address"),
        ("proof-before-the-commitment-landed", AnchorProof, "anchor.proof.storage_proof[0].value"),
        ("proof-untrusted-header", AnchorProof, "anchor.proof.l2_header"),
        ("proof-output-of-another-l2-block", OutputRoot, "anchor.proof.output.state_root"),
        ("proof-output-root-not-pinned", OutputRoot, "anchor.proof.output.output_root"),
        ("proof-output-at-another-oracle", OutputRoot, "anchor.proof.output.l1.contract"),
        ("proof-output-on-another-l1-chain", OutputRoot, "anchor.proof.output.l1.chain_id"),
        ("proof-of-another-batch", AnchorProof, "anchor.proof.storage_proof[0].key"),
    ];
    for (name, check, field) in expected {
        let reason = reason(name, *check);
        assert!(reason.starts_with(&format!("{field}: ")), "{name} {}: {reason}", check.name());
    }
    assert!(reason("proof-before-the-commitment-landed", AnchorProof).contains("not committed"));
    assert!(reason("proof-another-account", AnchorProof).contains("is not the pinned registry"));
}

#[test]
fn every_proof_case_requires_anchor_proofs_and_no_other_case_does() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/cases");
    let mut proof_cases = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let name = case["name"].as_str().unwrap();
        let requires = case.get("requires").cloned();
        if name.starts_with("proof-") {
            assert_eq!(requires, Some(serde_json::json!(["anchor-proof"])), "{name}");
            proof_cases += 1;
        } else {
            assert_eq!(requires, None, "{name}");
        }
    }
    assert!(proof_cases >= 30, "{proof_cases}");
}
