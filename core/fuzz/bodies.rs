// The fuzz target bodies, shared by the libFuzzer targets (core/fuzz/fuzz_targets)
// and the corpus regression test (core/tests/fuzz_corpus.rs) via `include!`.
// Any panic here is a bug: every input must give Ok or a typed error.

/// Bundle and trust parsing, then verification.
pub fn fuzz_receipt(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    // A fuzzed document may be a bundle, a trust document, or a pair split at the first NUL.
    let (bundle_text, trust_text) = text.split_once('\0').unwrap_or((&text, r#"{"sequencer_public_keys":[]}"#));
    if let Ok(bundle) = set_core::receipt::ReceiptBundle::from_json(bundle_text) {
        let round_trip = set_core::receipt::ReceiptBundle::from_json(&bundle.to_json());
        assert_eq!(round_trip.as_ref().ok(), Some(&bundle), "bundle must survive its own serialisation");
        if let Ok(trust) = set_core::receipt::Trust::from_json(trust_text) {
            let verdict = set_core::receipt::verify_receipt(&bundle, &trust);
            if let Ok(verdict) = verdict {
                assert_eq!(verdict.checks.len(), set_core::receipt::Check::ALL.len());
            }
        }
    }
    let _ = set_core::receipt::Trust::from_json(&text);
    let _ = set_core::ves::VesEvent::from_json(&text);
    let _ = set_core::ves::payload_plain_hash_json(&text);
}

/// Every ABI decoder: calldata, return data, logs and revert data.
pub fn fuzz_abi(data: &[u8]) {
    set_core_abi_decoders(data);
}
