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
    use set_core::{paymaster, registry};
    let _ = registry::decode_call(data).map(|call| call.decoded());
    let _ = paymaster::decode_call(data).map(|call| call.decoded());
    if let Ok(revert) = registry::decode_revert(data) {
        // Whatever decodes must re-encode to data that decodes to the same thing.
        assert_eq!(registry::decode_revert(&revert.encode()).ok(), Some(revert.clone()));
        let _ = revert.decoded().to_json();
    }
    let _ = paymaster::decode_revert(data).map(|revert| revert.decoded().to_json());
    let _ = registry::decode_get_batch_commitment(data);
    let _ = registry::decode_get_batch_commitments(data);
    // The first byte picks how many 32-byte topics lead the log; the rest is its data.
    if let Some((&count, rest)) = data.split_first() {
        let split = (usize::from(count % 5) * 32).min(rest.len() / 32 * 32);
        let (topic_bytes, log_data) = rest.split_at(split);
        let topics: Vec<alloy_primitives::B256> =
            topic_bytes.chunks_exact(32).map(alloy_primitives::B256::from_slice).collect();
        let _ = registry::decode_log(&topics, log_data).map(|event| event.decoded().to_json());
        let _ = paymaster::decode_log(&topics, log_data).map(|event| event.decoded().to_json());
        if let Some((selector, tail)) = rest.split_at_checked(4) {
            let _ = registry::decode_return(selector, tail);
            let _ = paymaster::decode_return(selector, tail);
        }
    }
}

/// JSON text: core's own reader (`ves::parse_json_value`, what every binding uses) against
/// serde_json's deserializer under `serde_path_to_error`: the same value (as serde_json prints
/// it: `1` vs `1.0`, `-0.0`), or an error for both at the same path and the same place in the
/// text. serde_path_to_error's `?` segment (between an object's entries) is the object itself in
/// ours; a path is named under the prefix as core names it (`.`, the document, is the prefix).
pub fn fuzz_json_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let ours = set_core::ves::parse_json_value("payload", &text);
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let theirs = serde_path_to_error::deserialize::<_, serde_json::Value>(&mut deserializer)
        .map_err(|err| {
            let path = err.path().to_string();
            let path = match path.strip_suffix(".?").unwrap_or(&path) {
                "?" | "." => "payload".to_string(),
                path => format!("payload.{path}"),
            };
            (path, err.into_inner().to_string())
        })
        .and_then(|value| deserializer.end().map(|()| value).map_err(|err| ("$".to_string(), err.to_string())));
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => assert_eq!(ours.to_string(), theirs.to_string(), "{text}"),
        (Err(set_core::ves::VesError::InvalidJson { field, reason }), Err((their_field, their_reason))) => {
            assert_eq!(field, their_field, "{text}");
            let place = |reason: &str| reason.rsplit_once(" at line ").map(|(_, place)| place.to_string());
            assert_eq!(place(&reason), place(&their_reason), "{text}");
        }
        (ours, theirs) => panic!("{text}: ours {ours:?}, serde_json's {theirs:?}"),
    }
}

/// RFC 8785 (JCS): core's writer (`ves::canonical_json`, which every payload hash goes through)
/// against `serde_json_canonicalizer` 0.3.1, the crate the sequencer canonicalises with, on every
/// document serde_json reads: the same text, byte for byte.
pub fn fuzz_jcs(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let ours = set_core::ves::canonical_json(&value).ok();
    let theirs = serde_json_canonicalizer::to_string(&value).ok();
    assert_eq!(ours, theirs, "{value}");
}
