//! Anchor proofs: verifying one `anchor.proof` (account and three slot proofs, the header's hash,
//! the output root), receipts in bulk at `anchored-l1` against the same receipts without the
//! proof, and the bundle's JSON size at each level. The material is the `proof-` conformance
//! cases' (real anvil answers: tests/captured/anvil-anchor-proof.json).

use std::fmt::Write as _;

use serde_json::Value;
use set_core::anchor_proof::{self, AnchorProof};
use set_core::receipt::{self, ReceiptBundle, Trust};

const ANCHORED_L1: &str = include_str!("../../../tests/conformance/cases/proof-valid-anchored-l1.json");

/// The markdown rows, and the per-proof time in µs.
pub fn run(receipts: usize, repeat: usize) -> String {
    let case: Value = serde_json::from_str(ANCHORED_L1).expect("the case is JSON");
    let trust_text = case["trust"].to_string();
    let trust = Trust::from_json(&trust_text).expect("the case's trust");
    let bundle = ReceiptBundle::from_value(case["bundle"].clone()).expect("the case's bundle");
    let registry = trust.registry.expect("pinned");
    let proof_value = bundle.anchor.as_ref().and_then(|anchor| anchor.proof.clone()).expect("a proof");
    let proof = AnchorProof::from_value(&proof_value).expect("a proof");
    let verdict = receipt::verify_receipt(&bundle, &trust).expect("verifies");
    assert_eq!(verdict.level, receipt::Level::AnchoredL1, "the material verifies at anchored-l1");

    // The same receipts without the proof, against the same trust without proof pins.
    let mut proofless = bundle.clone();
    if let Some(anchor) = proofless.anchor.as_mut() {
        anchor.proof = None;
    }
    let mut plain_trust = trust.clone();
    plain_trust.anchor_proof = Default::default();

    const PROOFS: usize = 1_000;
    let per_proof = crate::median(repeat, || {
        for _ in 0..PROOFS {
            let verdict = anchor_proof::verify(&proof, &bundle.commitment, registry, &trust.anchor_proof);
            assert_eq!(verdict.output_root, anchor_proof::ProofCheck::Passed);
        }
    }) / PROOFS as f64
        * 1e6;
    let per_proof_from_json = crate::median(repeat, || {
        for _ in 0..PROOFS {
            let proof = AnchorProof::from_value(&proof_value).expect("a proof");
            std::hint::black_box(anchor_proof::verify(&proof, &bundle.commitment, registry, &trust.anchor_proof));
        }
    }) / PROOFS as f64
        * 1e6;

    let with_proofs = vec![bundle.clone(); receipts];
    let without_proofs = vec![proofless.clone(); receipts];
    let bulk_l1 = crate::median(repeat, || {
        let verdicts = receipt::verify_receipts(&with_proofs, &trust).expect("a pinned trust");
        assert!(verdicts.iter().all(|v| v.as_ref().is_ok_and(|v| v.level == receipt::Level::AnchoredL1)));
    });
    let bulk_plain = crate::median(repeat, || {
        std::hint::black_box(receipt::verify_receipts(&without_proofs, &plain_trust).expect("a trust"));
    });
    let us = |seconds: f64| seconds / receipts as f64 * 1e6;
    let ratio = bulk_l1 / bulk_plain;

    // The bundle's JSON at each level: the evidence it carries for that level.
    let full = case["bundle"].clone();
    let mut l2 = full.clone();
    l2["anchor"]["proof"].as_object_mut().expect("an object").remove("output");
    let mut anchored = full.clone();
    anchored["anchor"].as_object_mut().expect("an object").remove("proof");
    let mut committed = full.clone();
    committed.as_object_mut().expect("an object").remove("anchor");
    let size = |value: &Value| value.to_string().len();

    let met = |ok: bool| if ok { "met" } else { "not met" };
    let mut table = String::new();
    let _ = writeln!(table, "| anchor proofs (real anvil proofs; median of {repeat} runs) | µs |");
    let _ = writeln!(table, "|---|--:|");
    let _ = writeln!(
        table,
        "| one `anchor.proof` verified (account + 3 slot proofs + header + output root), parsed | {per_proof:.1} |"
    );
    let _ = writeln!(table, "| the same, read from its JSON value first | {per_proof_from_json:.1} |");
    let _ = writeln!(
        table,
        "| bulk `verify_receipts` at `anchored-l1`, per receipt ({receipts} receipts) | {:.1} |",
        us(bulk_l1)
    );
    let _ = writeln!(
        table,
        "| bulk `verify_receipts`, the same receipts without `anchor.proof`, per receipt | {:.1} |",
        us(bulk_plain)
    );
    let _ = writeln!(table);
    let _ = writeln!(table, "| bundle JSON (compact) at | bytes |");
    let _ = writeln!(table, "|---|--:|");
    for (level, value) in [
        ("committed (no anchor)", &committed),
        ("anchored (anchor, no proof)", &anchored),
        ("anchored-l2-proof (proof, no output root)", &l2),
        ("anchored-l1 (proof + output root + L1 location)", &full),
    ] {
        let _ = writeln!(table, "| {level} | {} |", size(value));
    }
    let _ = writeln!(table);
    let _ = writeln!(table, "| target | this run | |");
    let _ = writeln!(table, "|---|--:|---|");
    let _ = writeln!(table, "| one anchor proof ≤ 100 µs native | {per_proof:.1} µs | {} |", met(per_proof <= 100.0));
    let _ = writeln!(
        table,
        "| bulk at anchored-l1 ≤ 1.5 × the receipts' own bulk | {ratio:.2} × | {} |",
        met(ratio <= 1.5)
    );
    let _ =
        writeln!(table, "| bundle ≤ 12 KB JSON at anchored-l1 | {} B | {} |", size(&full), met(size(&full) <= 12_000));
    table
}

/// Bulk at `anchored-l1` for receipts whose commitments are proven at one block
/// ([`crate::one_block`]): `grouped` (the corpus: 100 receipts per commitment) and `distinct`
/// (every receipt its own commitment), each against the same receipts without proofs.
pub fn at_one_block(grouped: &[ReceiptBundle], distinct: &[ReceiptBundle], trust: &Trust, repeat: usize) -> String {
    let template: Value = serde_json::from_str(ANCHORED_L1).expect("the case is JSON");
    let mut table = String::new();
    let _ = writeln!(table, "| receipts proven at one block, bulk `verify_receipts` (median of {repeat} runs) | receipts | commitments | µs per receipt at `anchored-l1` | µs per receipt without proofs | ratio (≤ 1.5) |");
    let _ = writeln!(table, "|---|--:|--:|--:|--:|---|");
    for (what, bundles) in [("100 receipts per commitment", grouped), ("every receipt its own commitment", distinct)] {
        let (proven, pinned) = crate::one_block::at_one_block(bundles, trust, &template);
        let verdicts = receipt::verify_receipts(&proven, &pinned).expect("a pinned trust");
        assert!(
            verdicts.iter().all(|v| v.as_ref().is_ok_and(|v| v.level == receipt::Level::AnchoredL1)),
            "{what}: the proofs built here verify at anchored-l1: {:?}",
            verdicts.iter().find(|v| !v.as_ref().is_ok_and(|v| v.level == receipt::Level::AnchoredL1))
        );
        let with_proofs = crate::median(repeat, || {
            std::hint::black_box(receipt::verify_receipts(&proven, &pinned).expect("a pinned trust"));
        });
        let without = crate::median(repeat, || {
            std::hint::black_box(receipt::verify_receipts(bundles, trust).expect("a trust"));
        });
        let commitments =
            bundles.iter().map(|b| b.commitment.batch_id).collect::<std::collections::BTreeSet<_>>().len();
        let us = |seconds: f64| seconds / bundles.len() as f64 * 1e6;
        let ratio = with_proofs / without;
        let _ = writeln!(
            table,
            "| {what} | {} | {commitments} | {:.1} | {:.1} | {ratio:.2} × {} |",
            bundles.len(),
            us(with_proofs),
            us(without),
            if ratio <= 1.5 { "met" } else { "not met" }
        );
    }
    table
}
