//! Replays the committed fuzz corpora (core/fuzz/corpus) through the same bodies the
//! fuzz targets run, so every input the fuzzer ever kept stays a regression test.

include!("../fuzz/bodies.rs");

fn replay(target: &str, body: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display())) {
        let path = entry.unwrap().path();
        body(&std::fs::read(&path).unwrap());
        count += 1;
    }
    assert!(count > 0, "corpus {target} is empty");
    println!("replayed {count} {target} inputs");
}

#[test]
fn receipt_corpus_replays_without_panics() {
    replay("receipt", fuzz_receipt);
}

#[test]
fn abi_corpus_replays_without_panics() {
    replay("abi", fuzz_abi);
}

/// Every corpus input, JSON or not, read by core's JSON reader and by serde_json: same answers.
#[test]
fn every_corpus_input_reads_as_serde_json_reads_it() {
    for target in ["json_text", "receipt", "abi"] {
        replay(target, fuzz_json_text);
    }
}

/// Every corpus input that is JSON, canonicalised by core's JCS writer and by
/// serde_json_canonicalizer: the same text.
#[test]
fn every_corpus_input_canonicalises_as_serde_json_canonicalizer_does() {
    for target in ["jcs", "json_text", "receipt"] {
        replay(target, fuzz_jcs);
    }
}

/// The anchor-proof target's corpus: adversarial proofs, JSON and node recipes.
#[cfg(feature = "anchor-proof")]
mod anchor_proof_corpus {
    include!("../fuzz/anchor_proof_body.rs");

    #[test]
    fn anchor_proof_corpus_replays_without_panics() {
        super::replay("anchor_proof", fuzz_anchor_proof);
    }
}
