//! Every code of `set_core::error::CODES` is produced and asserted by at least one binding's
//! tests (the npm package, the Python package, the Kotlin binding or the checkout page in
//! Chromium): a code is the cross-language contract (ADR 09), so each one must be seen to cross.
//! The few codes no binding can produce are listed below with the reason.

use std::path::Path;

/// Codes no binding test can produce, and why. Each must still be a code of `CODES`, and must
/// not appear in a binding test (then it is covered and leaves this list).
const NOT_PRODUCIBLE_BY_A_BINDING: &[(&str, &str)] = &[
    ("CANONICALIZATION_FAILED", "no serde_json::Value produces it (ADR 01); kept for API stability"),
    ("TOO_MANY_LEAVES", "needs more leaves than a process can hold (2^31 x 32 bytes in wasm32)"),
    ("FIELD_TOO_LONG", "needs a string of 4 GiB"),
    ("STATE_ROOT_MISMATCH", "anchoring pre-flight checks: the set-anchor daemon's, exposed by no binding"),
    ("INVALID_RANGE", "anchoring pre-flight checks: the set-anchor daemon's, exposed by no binding"),
    ("BROKEN_CHAIN", "anchoring pre-flight checks: the set-anchor daemon's, exposed by no binding"),
    ("SEQUENCE_GAP", "anchoring pre-flight checks: the set-anchor daemon's, exposed by no binding"),
    ("ONCHAIN_MISMATCH", "anchoring pre-flight checks: the set-anchor daemon's, exposed by no binding"),
    (
        "PROOF_NODE_MALFORMED",
        "a node that its parent's hash references yet does not decode needs a crafted header (core tests and the fuzz target)",
    ),
    (
        "ML_DSA_NOT_SUPPORTED",
        "the store-agent API without ML-DSA-65: the bindings exposing it (Python, npm /agent) are built with it",
    ),
];

/// Whether `code` is exempt: listed above.
fn exempt(code: &str) -> bool {
    NOT_PRODUCIBLE_BY_A_BINDING.iter().any(|(listed, _)| *listed == code)
}

/// The binding test folders and the extensions of their test files.
const BINDING_TESTS: &[(&str, &str)] = &[
    ("wasm/test", "mjs"),
    ("python/tests", "py"),
    ("mobile/tests/kotlin", "kt"),
    ("examples/web-checkout/test", "mjs"),
];

fn binding_test_files() -> Vec<(String, String)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for (dir, extension) in BINDING_TESTS {
        let entries = std::fs::read_dir(repo.join(dir)).unwrap_or_else(|err| panic!("{dir}: {err}"));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == *extension) {
                files.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files
}

/// Whether `text` holds `code` as a string literal (`"CODE"`, `'CODE'` or `` `CODE` ``): the
/// form a test asserts it in.
fn asserts(text: &str, code: &str) -> bool {
    ['"', '\'', '`'].iter().any(|quote| text.contains(&format!("{quote}{code}{quote}")))
}

#[test]
fn every_error_code_is_asserted_by_a_binding_test() {
    let files = binding_test_files();
    assert!(files.len() > 20, "{} binding test files", files.len());
    let missing: Vec<&str> = set_core::error::CODES
        .iter()
        .copied()
        .filter(|code| !exempt(code))
        .filter(|code| !files.iter().any(|(_, text)| asserts(text, code)))
        .collect();
    assert!(missing.is_empty(), "no binding test asserts {missing:?}");
}

#[test]
fn the_exempt_codes_are_codes_and_still_untested() {
    let files = binding_test_files();
    for (code, reason) in NOT_PRODUCIBLE_BY_A_BINDING {
        assert!(set_core::error::CODES.contains(code), "{code} ({reason}) is not a code");
        let testing: Vec<&str> =
            files.iter().filter(|(_, text)| asserts(text, code)).map(|(path, _)| path.as_str()).collect();
        assert!(testing.is_empty(), "{code} is asserted by {testing:?}: remove it from the exempt list");
    }
}
