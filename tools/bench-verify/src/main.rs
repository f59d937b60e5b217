//! `make bench-verify` (Rust part): 10,000 receipt bundles, each with an agent and a sequencer
//! signature, verified in one process three ways —
//! - **one by one**: `verify_receipt_json` per bundle (parse + every check);
//! - **bulk**: `verify_receipts` over all of them (parse each, then the checks, signatures in
//!   batches; ADR 10);
//! - **limit**: what no verifier can avoid, measured in the same run: the receipt's own hashes
//!   (payload JCS hash, signing hash, receipt hash, leaf, Merkle path, stream id and state root)
//!   and the two Ed25519 signatures verified in one `ed25519_dalek::verify_batch` of all of them.
//!
//! Then the post-quantum part ([`hybrid`]): ML-DSA-65 verification alone, and the same receipts
//! signed as the sequencer's `hybrid` profile signs them (Ed25519 + ML-DSA-65), one by one and in
//! bulk, against their Ed25519-only cost. Then anchor proofs ([`anchor`]): one `anchor.proof`
//! verified, receipts in bulk at `anchored-l1` against the same receipts without it, and the
//! bundle's size at each level.
//!
//! It also writes the corpus (`bundles.json`: an array of bundle texts; `trust.json`;
//! `ml-dsa.json`: ML-DSA-65 signatures with their key and messages) and its own figures
//! (`rust.json`) to `--out`, so the Python, Node and Kotlin runs verify the same bundles and
//! signatures and compare with Rust's figures (python/bench/bench_verify.py: ML-DSA-65 against
//! Python `cryptography`). Times are medians of `--repeat` runs. Not a test: targets are
//! reported, never asserted.

use std::time::Instant;

use std::fmt::Write as _;

use serde_json::{json, Value};
use set_core::encoding::{encode_hex, B256};
use set_core::receipt::{self, BundleCommitment, BundleProof, ReceiptBundle, SequencerReceipt, Trust};
use set_core::ves::agent::{AgentSecretKey, EventFields, UnsignedEvent};
use set_core::ves::{self, VesEvent};
// RFC 8032 test key 1 (the agent) and 2 (the sequencer), as in every vector of the repository.
use set_vectors::{thread_cpu_seconds, AGENT_SEED, SEQUENCER_SEED};
use uuid::Uuid;

mod anchor;
mod hybrid;
mod one_block;

struct Options {
    receipts: usize,
    repeat: usize,
    out: Option<std::path::PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut options = Options { receipts: 10_000, repeat: 5, out: None };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--receipts" => options.receipts = value()?.parse().map_err(|_| "--receipts: a number")?,
            "--repeat" => options.repeat = value()?.parse().map_err(|_| "--repeat: a number")?,
            "--out" => options.out = Some(value()?.into()),
            other => {
                return Err(format!(
                    "unknown argument {other}; usage: set-bench-verify [--receipts N] [--repeat R] [--out DIR]"
                ))
            }
        }
    }
    Ok(options)
}

/// `count` bundles: streams of 1,000 events in commitments of `per_commitment`, every event and
/// receipt signed.
fn corpus(count: usize, per_commitment: usize) -> Vec<ReceiptBundle> {
    const PER_STREAM: usize = 1_000;
    let mut bundles = Vec::with_capacity(count);
    let mut prev_state_root = B256::ZERO;
    let key = AgentSecretKey::Ed25519 { seed: AGENT_SEED };
    while bundles.len() < count {
        let n = bundles.len();
        let (stream, first) = (n / PER_STREAM, n % PER_STREAM);
        if first == 0 {
            prev_state_root = B256::ZERO;
        }
        let (tenant, store) = (Uuid::from_u128(0xa), Uuid::from_u128(1 + stream as u128));
        let size = per_commitment.min(count - n).min(PER_STREAM - first);
        let events: Vec<VesEvent> = (0..size)
            .map(|i| {
                let seq = (first + i + 1) as u64;
                let fields = EventFields {
                    tenant_id: tenant,
                    store_id: store,
                    event_id: Uuid::from_u128(((stream as u128) << 32) | u128::from(seq)),
                    source_agent_id: Uuid::from_u128(0x2222),
                    agent_key_id: 1,
                    entity_type: "Order".into(),
                    entity_id: format!("ORD-{stream}-{seq}"),
                    event_type: "order.created".into(),
                    created_at: "2026-12-01T10:00:00Z".into(),
                    payload: json!({"order_id": format!("ORD-{stream}-{seq}"), "amount_cents": 1999, "currency": "USD", "items": [{"sku": "WIDGET", "qty": 1}]}),
                };
                UnsignedEvent::new(fields).and_then(|event| event.sign(&key)).expect("a small event signs")
            })
            .collect();
        let start = (first + 1) as u64;
        let leaves: Vec<B256> =
            events.iter().zip(start..).map(|(event, seq)| event.leaf_hash(seq).expect("hashable")).collect();
        let batch = ves::commit_batch(&tenant, &store, &prev_state_root, start, &leaves).expect("a batch");
        prev_state_root = batch.new_state_root;
        for (k, event) in events.into_iter().enumerate() {
            let sequence_number = start + k as u64;
            let receipt_hash = event.receipt_hash(sequence_number).expect("hashable");
            bundles.push(ReceiptBundle {
                format: receipt::FORMAT.into(),
                event,
                receipt: SequencerReceipt {
                    sequencer_id: Uuid::from_u128(0x5e9a),
                    sequence_number,
                    receipt_hash,
                    signature_alg: "ed25519".into(),
                    sequencer_signature: Some(ves::signing::sign(&SEQUENCER_SEED, &receipt_hash)),
                    receipt_signature_scheme: Some(1),
                    receipt_signature_bundle: None,
                },
                commitment: BundleCommitment::from_batch(Uuid::from_u128(0xba7c_0000 + n as u128), &batch),
                proof: BundleProof { leaf_index: k as u64, proof_path: batch.tree.proof(k).expect("in range") },
                anchor: None,
            });
        }
    }
    bundles
}

fn trust_json() -> Value {
    json!({
        "sequencer_public_keys": [encode_hex(&ves::signing::public_key(&SEQUENCER_SEED))],
        "agent_public_key": encode_hex(&ves::signing::public_key(&AGENT_SEED)),
    })
}

/// How long one run of `run` takes, in seconds: this thread's CPU time where the kernel reports
/// it (the other processes of a shared machine do not count), else wall time.
fn time_once(run: &mut dyn FnMut()) -> f64 {
    match thread_cpu_seconds() {
        Some(start) => {
            run();
            thread_cpu_seconds().unwrap_or(start) - start
        }
        None => {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64()
        }
    }
}

/// The median time of `repeat` runs of `run`, in seconds (see [`time_once`]).
pub(crate) fn median(repeat: usize, mut run: impl FnMut()) -> f64 {
    let [time] = interleaved_medians(repeat, [&mut run]);
    time
}

/// The median times of `runs`, in seconds, run round by round (one run of each per round), so
/// that a change of the machine's load falls on all of them alike: for the ratios between them.
pub(crate) fn interleaved_medians<const N: usize>(repeat: usize, mut runs: [&mut dyn FnMut(); N]) -> [f64; N] {
    let mut times: [Vec<f64>; N] = std::array::from_fn(|_| Vec::new());
    for _ in 0..repeat.max(1) {
        for (run, times) in runs.iter_mut().zip(times.iter_mut()) {
            times.push(time_once(*run));
        }
    }
    times.map(|mut times| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    })
}

/// The work no verifier can avoid: every hash of every receipt, and every signature in one batch.
fn limit(bundles: &[ReceiptBundle], trust: &Trust) {
    let agent = ed25519_dalek::VerifyingKey::from_bytes(&trust.agent_public_key.unwrap_or_default()).expect("a key");
    let sequencer = ed25519_dalek::VerifyingKey::from_bytes(&trust.sequencer_public_keys[0]).expect("a key");
    let mut messages: Vec<B256> = Vec::with_capacity(2 * bundles.len());
    let mut signatures = Vec::with_capacity(2 * bundles.len());
    let mut keys = Vec::with_capacity(2 * bundles.len());
    let mut sink = 0u8;
    for bundle in bundles {
        let event = &bundle.event;
        let payload = ves::payload_plain_hash(event.payload.as_ref().expect("kept")).expect("hashable");
        let signing_hash = event.signing_hash().expect("hashable");
        let seq = bundle.receipt.sequence_number;
        let receipt_hash = ves::receipt_hash(&event.tenant_id, &event.store_id, &event.event_id, seq, &signing_hash);
        let leaf = ves::leaf_hash(&event.tenant_id, &event.store_id, seq, &signing_hash, &event.agent_signature);
        let c = &bundle.commitment;
        let included = set_core::merkle::verify(
            set_core::merkle::Scheme::VesSha256V1,
            &c.merkle_root,
            &leaf,
            bundle.proof.leaf_index,
            u64::from(c.leaf_count),
            &bundle.proof.proof_path,
        );
        let stream = set_core::ids::stream_id(&event.tenant_id, &event.store_id);
        let root = ves::state_root(
            &stream,
            &c.prev_state_root,
            &c.merkle_root,
            c.sequence_start,
            c.sequence_end,
            c.leaf_count,
        );
        sink ^= payload[0] ^ root[0] ^ u8::from(included == Ok(true));
        messages.push(signing_hash);
        signatures.push(ed25519_dalek::Signature::from_bytes(&event.agent_signature));
        keys.push(agent);
        messages.push(receipt_hash);
        signatures.push(ed25519_dalek::Signature::from_bytes(&bundle.receipt.sequencer_signature.expect("signed")));
        keys.push(sequencer);
    }
    let messages: Vec<&[u8]> = messages.iter().map(|m| m.as_slice()).collect();
    assert!(ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok(), "the corpus verifies");
    std::hint::black_box(sink);
}

fn main() -> std::process::ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    let n = options.receipts;
    eprintln!("building {n} signed receipt bundles…");
    let bundles = corpus(n, 100);
    let texts: Vec<String> = bundles.iter().map(ReceiptBundle::to_json).collect();
    let trust_text = trust_json().to_string();
    let trust = Trust::from_json(&trust_text).expect("a trust document");
    if let Some(out) = &options.out {
        let written = std::fs::create_dir_all(out)
            .and_then(|()| std::fs::write(out.join("bundles.json"), Value::from(texts.clone()).to_string()))
            .and_then(|()| std::fs::write(out.join("trust.json"), &trust_text));
        if let Err(err) = written {
            eprintln!("cannot write the corpus to {}: {err}", out.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    // Every bundle must verify, one by one and in bulk, before anything is timed.
    let bulk = receipt::verify_receipts(&bundles, &trust).expect("a pinned trust");
    assert!(bulk.iter().all(|verdict| verdict.as_ref().is_ok_and(|v| v.valid)), "the corpus verifies in bulk");

    let repeat = options.repeat;
    let one_by_one = median(repeat, || {
        for text in &texts {
            let verdict = receipt::verify_receipt_json(text, &trust_text).expect("well-formed");
            assert!(verdict.valid);
        }
    });
    let bulk_from_text = median(repeat, || {
        let parsed: Vec<ReceiptBundle> =
            texts.iter().map(|text| ReceiptBundle::from_json(text).expect("well-formed")).collect();
        let verdicts = receipt::verify_receipts(&parsed, &trust).expect("a pinned trust");
        assert_eq!(verdicts.len(), parsed.len());
    });
    let parse = median(repeat, || {
        for text in &texts {
            std::hint::black_box(ReceiptBundle::from_json(text).expect("well-formed"));
        }
    });
    // The bulk target's pair interleaved (one-by-one verification between them, with its many
    // allocations, was measured to slow the next bulk round more than the next limit round).
    let [limit_time, bulk_parsed] = interleaved_medians(
        repeat,
        [&mut || limit(&bundles, &trust), &mut || {
            std::hint::black_box(receipt::verify_receipts(&bundles, &trust).expect("a pinned trust"));
        }],
    );
    let one_by_one_parsed = median(repeat, || {
        for bundle in &bundles {
            assert!(receipt::verify_receipt(bundle, &trust).expect("well-formed").valid);
        }
    });

    let us = |seconds: f64| seconds / n as f64 * 1e6;
    let mut table = String::new();
    let _ = writeln!(table, "| per receipt ({n} receipts, 2 signatures each; median of {repeat} runs, CPU time of the thread; the limit and bulk parsed interleaved) | µs |");
    let _ = writeln!(table, "|---|--:|");
    for (what, seconds) in [
        ("limit: the receipt's hashes + its 2 signatures in one `verify_batch`", limit_time),
        ("bulk `verify_receipts`, bundles already parsed", bulk_parsed),
        ("one by one `verify_receipt`, bundles already parsed", one_by_one_parsed),
        ("parsing a bundle from JSON text", parse),
        ("bulk from JSON text (parse + `verify_receipts`)", bulk_from_text),
        ("one by one from JSON text (`verify_receipt_json`)", one_by_one),
    ] {
        let _ = writeln!(table, "| {what} | {:.1} |", us(seconds));
    }
    let over_limit = bulk_parsed / limit_time;
    let speedup = one_by_one_parsed / bulk_parsed;
    let met = |ok: bool| if ok { "met" } else { "not met" };
    let _ = writeln!(table);
    let _ = writeln!(table, "| target | this run | |");
    let _ = writeln!(table, "|---|--:|---|");
    let _ = writeln!(table, "| bulk ≤ 1.3 × the limit | {over_limit:.2} × | {} |", met(over_limit <= 1.3));
    let _ = writeln!(table, "| bulk ≥ 1.6 × faster than one by one | {speedup:.2} × | {} |", met(speedup >= 1.6));
    eprintln!("signing {n} receipt hashes with ML-DSA-65…");
    let hybrid_bundles = hybrid::hybridize(&bundles);
    let (pq_table, pq) = hybrid::run(&bundles, &hybrid_bundles, &trust_json(), repeat);
    let _ = writeln!(table);
    table.push_str(&pq_table);
    eprintln!("verifying anchor proofs…");
    let _ = writeln!(table);
    table.push_str(&anchor::run(n, repeat));
    eprintln!("verifying receipts of many commitments proven at one block…");
    let _ = writeln!(table);
    table.push_str(&anchor::at_one_block(&bundles, &corpus(n, 1), &trust, repeat));
    print!("{table}");
    if let Ok(path) = std::env::var("BENCH_MD") {
        if let Err(err) = std::fs::write(&path, &table) {
            eprintln!("cannot write {path}: {err}");
        }
    }
    if let Some(out) = &options.out {
        let figures = json!({
            "receipts": n,
            "us_per_receipt": {
                "limit": us(limit_time), "bulk_parsed": us(bulk_parsed), "one_by_one_parsed": us(one_by_one_parsed),
                "parse": us(parse), "bulk_from_text": us(bulk_from_text), "one_by_one_from_text": us(one_by_one),
            },
            "ml_dsa_65_verify_us": pq.ml_dsa_verify,
            "hybrid_us_per_receipt": {
                "one_by_one_parsed": pq.one_by_one_parsed, "bulk_parsed": pq.bulk_parsed,
                "one_by_one_from_text": pq.one_by_one_from_text,
            },
        });
        let written = std::fs::write(out.join("rust.json"), figures.to_string())
            .and_then(|()| std::fs::write(out.join("ml-dsa.json"), hybrid::python_corpus(&hybrid_bundles).to_string()));
        if let Err(err) = written {
            eprintln!("cannot write rust.json / ml-dsa.json: {err}");
        }
    }
    std::process::ExitCode::SUCCESS
}
