//! The post-quantum part of `make bench-verify`: ML-DSA-65 verification alone, and hybrid
//! receipts (the sequencer's `hybrid` profile: Ed25519 + ML-DSA-65 over the same receipt hash)
//! against the same receipts signed with Ed25519 only, one by one and in bulk.
//!
//! Target: a hybrid receipt costs at most its Ed25519-only cost plus one ML-DSA-65 verification,
//! plus 10 % (`(ed25519_only + ml_dsa) × 1.1`), one by one and in bulk (and, reported too, from
//! JSON text, where the hybrid bundle also carries 6.6 KB more hex to read). Times are the
//! verifying thread's CPU time where Linux reports it: the machine is shared, and wall time would
//! count the other processes' load. The ML-DSA-65 signatures are also written to `--out`
//! (`ml-dsa.json`) for python/bench/bench_verify.py, which times the Python binding against
//! Python `cryptography` on them.

use std::fmt::Write as _;

use serde_json::{json, Value};
use set_core::encoding::{encode_hex, B256};
use set_core::pq;
use set_core::receipt::{self, ReceiptBundle, SignatureAlgorithm, Trust};
use set_core::ves::SignatureBundle;
// The ML-DSA-65 receipt key of the real sequencer's captures (tests/captured).
use set_vectors::SEQUENCER_ML_DSA_SEED;

/// How long `run` takes: this thread's CPU time where the kernel reports it (so the other
/// processes of a shared machine do not count), else wall time. The second value says which.
fn timed(run: &dyn Fn()) -> (f64, &'static str) {
    match set_vectors::thread_cpu_seconds() {
        Some(start) => {
            run();
            (set_vectors::thread_cpu_seconds().unwrap_or(start) - start, "CPU time of the verifying thread")
        }
        None => {
            let start = std::time::Instant::now();
            run();
            (start.elapsed().as_secs_f64(), "wall time")
        }
    }
}

/// How many of the signatures `ml-dsa.json` carries for the Python run (6.6 KB of hex each).
const PYTHON_SIGNATURES: usize = 1_000;

/// The same receipts as the sequencer's `hybrid` profile signs them: `Ed25519MlDsa65`, scheme 3,
/// both signatures in the bundle (and the Ed25519 one in `sequencer_signature`, as it sends it).
pub fn hybridize(bundles: &[ReceiptBundle]) -> Vec<ReceiptBundle> {
    bundles
        .iter()
        .map(|bundle| {
            let mut bundle = bundle.clone();
            let receipt = &mut bundle.receipt;
            receipt.signature_alg = "Ed25519MlDsa65".into();
            receipt.receipt_signature_scheme = Some(3);
            receipt.receipt_signature_bundle = Some(SignatureBundle {
                ed25519_signature: receipt.sequencer_signature,
                ml_dsa_65_signature: Some(pq::signing::sign(&SEQUENCER_ML_DSA_SEED, &receipt.receipt_hash)),
            });
            bundle
        })
        .collect()
}

/// The Ed25519-only trust with the sequencer's ML-DSA-65 key pinned as well.
pub fn hybrid_trust(trust: &Value) -> Value {
    let mut trust = trust.clone();
    trust["sequencer_ml_dsa_65_public_keys"] = json!([encode_hex(&pq::signing::public_key(&SEQUENCER_ML_DSA_SEED))]);
    trust
}

/// One timed variant: all `n` receipts (or signatures) once.
type Run<'a> = Box<dyn Fn() + 'a>;

/// What the hybrid part measured, per receipt or per signature, in µs (for `rust.json`).
pub struct Figures {
    pub ml_dsa_verify: f64,
    pub one_by_one_parsed: f64,
    pub bulk_parsed: f64,
    pub one_by_one_from_text: f64,
}

/// Times ML-DSA-65 alone and the `hybrid` receipts (from [`hybridize`]) against the Ed25519-only
/// `bundles` they were made from; returns the markdown table and the figures.
///
/// The machine is shared, so its load drifts during a run: each round times every variant once,
/// Ed25519-only next to hybrid, and each figure is the median over the rounds. A comparison then
/// never sets one quiet minute against a busy one.
pub fn run(
    bundles: &[ReceiptBundle],
    hybrid: &[ReceiptBundle],
    trust_json: &Value,
    repeat: usize,
) -> (String, Figures) {
    let n = hybrid.len();
    let ed_trust_text = trust_json.to_string();
    let ed_trust = Trust::from_json(&ed_trust_text).expect("a trust document");
    let trust_text = hybrid_trust(trust_json).to_string();
    let trust = Trust::from_json(&trust_text).expect("a trust document");
    let ed_texts: Vec<String> = bundles.iter().map(ReceiptBundle::to_json).collect();
    let texts: Vec<String> = hybrid.iter().map(ReceiptBundle::to_json).collect();
    // Every hybrid receipt must verify on both halves before anything is timed.
    for verdict in receipt::verify_receipts(hybrid, &trust).expect("a pinned trust") {
        let verdict = verdict.expect("well-formed");
        assert!(verdict.valid, "a hybrid receipt verifies");
        assert_eq!(verdict.sequencer_signatures, [SignatureAlgorithm::Ed25519, SignatureAlgorithm::MlDsa65]);
    }
    let key = pq::signing::public_key(&SEQUENCER_ML_DSA_SEED);
    let signed: Vec<(B256, &[u8])> = hybrid
        .iter()
        .map(|bundle| {
            let receipt = &bundle.receipt;
            let signature = receipt.receipt_signature_bundle.as_ref().and_then(|b| b.ml_dsa_65_signature.as_deref());
            (receipt.receipt_hash, signature.expect("signed"))
        })
        .collect();

    let one_by_one = |bundles: &[ReceiptBundle], trust: &Trust| {
        for bundle in bundles {
            assert!(receipt::verify_receipt(bundle, trust).expect("well-formed").valid);
        }
    };
    let bulk = |bundles: &[ReceiptBundle], trust: &Trust| {
        std::hint::black_box(receipt::verify_receipts(bundles, trust).expect("a pinned trust"));
    };
    let from_text = |texts: &[String], trust: &str| {
        for text in texts {
            assert!(receipt::verify_receipt_json(text, trust).expect("well-formed").valid);
        }
    };
    let parse = |texts: &[String]| {
        for text in texts {
            std::hint::black_box(ReceiptBundle::from_json(text).expect("well-formed"));
        }
    };
    let variants: Vec<(&str, Run<'_>)> = vec![
        (
            "ml_dsa",
            Box::new(|| {
                for (hash, signature) in &signed {
                    assert_eq!(pq::verify_ml_dsa_65(&key, hash, signature), pq::MlDsaOutcome::Valid);
                }
            }),
        ),
        ("ed_one", Box::new(|| one_by_one(bundles, &ed_trust))),
        ("hy_one", Box::new(|| one_by_one(hybrid, &trust))),
        ("ed_bulk", Box::new(|| bulk(bundles, &ed_trust))),
        ("hy_bulk", Box::new(|| bulk(hybrid, &trust))),
        ("ed_text", Box::new(|| from_text(&ed_texts, &ed_trust_text))),
        ("hy_text", Box::new(|| from_text(&texts, &trust_text))),
        ("ed_parse", Box::new(|| parse(&ed_texts))),
        ("hy_parse", Box::new(|| parse(&texts))),
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); variants.len()];
    let mut clock = "";
    for _ in 0..repeat.max(1) {
        for ((_, run), times) in variants.iter().zip(times.iter_mut()) {
            let (seconds, which) = timed(run.as_ref());
            times.push(seconds);
            clock = which;
        }
    }
    let us: std::collections::HashMap<&str, f64> = variants
        .iter()
        .zip(times.iter_mut())
        .map(|((name, _), times)| {
            times.sort_by(f64::total_cmp);
            (*name, times[times.len() / 2] / n as f64 * 1e6)
        })
        .collect();

    let figures = Figures {
        ml_dsa_verify: us["ml_dsa"],
        one_by_one_parsed: us["hy_one"],
        bulk_parsed: us["hy_bulk"],
        one_by_one_from_text: us["hy_text"],
    };
    let mut table = String::new();
    let _ = writeln!(table, "Post-quantum part: {clock}, median of {repeat} rounds, each round timing every row once.");
    let _ = writeln!(table);
    let _ = writeln!(table, "| ML-DSA-65 ({n} signatures of 32-byte receipt hashes, one key) | µs |");
    let _ = writeln!(table, "|---|--:|");
    let _ = writeln!(
        table,
        "| `pq::verify_ml_dsa_65` (key bytes in: decoded on every call) | {:.1} |",
        figures.ml_dsa_verify
    );
    let _ = writeln!(table);
    let _ = writeln!(
        table,
        "| per receipt ({n} receipts; hybrid = Ed25519 + ML-DSA-65 sequencer signatures, Ed25519 agent signature; the same receipts both ways) | Ed25519 only µs | hybrid µs | budget µs: (Ed25519 only + 1 ML-DSA-65) × 1.1 | |"
    );
    let _ = writeln!(table, "|---|--:|--:|--:|---|");
    for (what, ed, both) in [
        ("one by one `verify_receipt`, bundles already parsed", "ed_one", "hy_one"),
        ("bulk `verify_receipts`, bundles already parsed", "ed_bulk", "hy_bulk"),
        ("one by one from JSON text (`verify_receipt_json`)", "ed_text", "hy_text"),
    ] {
        let (ed, both) = (us[ed], us[both]);
        let budget = (ed + figures.ml_dsa_verify) * 1.1;
        let met = if both <= budget { "met" } else { "not met" };
        let _ = writeln!(table, "| {what} | {ed:.1} | {both:.1} | {budget:.1} | {met} |");
    }
    let _ = writeln!(
        table,
        "| (parsing a bundle from JSON text, no verification) | {:.1} | {:.1} | | |",
        us["ed_parse"], us["hy_parse"]
    );

    (table, figures)
}

/// `ml-dsa.json` for the Python run: the key and the first signatures of the `hybrid` receipts
/// with the receipt hashes they sign.
pub fn python_corpus(hybrid: &[ReceiptBundle]) -> Value {
    let (messages, signatures): (Vec<String>, Vec<String>) = hybrid
        .iter()
        .take(PYTHON_SIGNATURES)
        .map(|bundle| {
            let receipt = &bundle.receipt;
            let signature = receipt.receipt_signature_bundle.as_ref().and_then(|b| b.ml_dsa_65_signature.as_deref());
            (encode_hex(receipt.receipt_hash.as_slice()), encode_hex(signature.expect("signed")))
        })
        .unzip();
    json!({
        "public_key": encode_hex(&pq::signing::public_key(&SEQUENCER_ML_DSA_SEED)),
        "messages": messages,
        "signatures": signatures,
    })
}
