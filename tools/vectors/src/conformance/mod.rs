//! The receipt conformance suite: `tests/conformance/cases/*.json`, one file per case.
//!
//! Each case is a bundle (or bundle text), a trust document and what a conforming verifier must
//! answer: the verdict (`valid`, `level`, every check's status) or the error (`code`, `field`).
//! Every case is built from valid material by one change, and the generator states which checks
//! that change must fail (or which error it must raise): if the core's answer differs from that
//! intent, generation panics, so the suite is a specification checked against the core, not a
//! recording of whatever the core says. `tests/conformance/README.md` explains the format.

mod cases;
mod material;
mod proofs;

use serde_json::{json, Map, Value};
use set_core::receipt::{self, Check};

/// What a case expects.
pub(super) enum Expect {
    /// A verdict: the checks that fail (all others pass unless `skipped` names them), the level,
    /// and the algorithms whose (sequencer, agent) signatures verify — by default `ed25519` for
    /// each signature check that passes.
    Verdict {
        failing: &'static [Check],
        skipped: &'static [Check],
        level: &'static str,
        signatures: Option<(&'static [&'static str], &'static [&'static str])>,
        /// The anchor-proof checks ([`PROOF_CHECKS`]) that pass; the others are skipped unless
        /// `failing` names them (a bundle without `anchor.proof` skips both).
        proven: &'static [Check],
    },
    /// An error with this code naming this field.
    Error { code: &'static str, field: &'static str },
}

/// Skipped in most cases: the bundle is anchored on the pinned network but no record was read.
pub(super) const NO_RECORD: &[Check] = &[Check::Onchain];

/// The checks an `anchor.proof` feeds: skipped in every case that does not say otherwise.
pub(super) const PROOF_CHECKS: &[Check] = &[Check::AnchorProof, Check::OutputRoot];

/// What a case needs of an implementation beyond the bundle format's core: `anchor-proof` for
/// the `proof-` cases (an implementation without anchor proofs skips them).
pub(super) const REQUIRES_ANCHOR_PROOF: &str = "anchor-proof";

pub(super) struct Case {
    name: String,
    description: String,
    bundle: Result<Value, String>,
    trust: Value,
    expect: Expect,
    requires: Option<&'static str>,
}

pub(super) fn case(name: &str, description: &str, bundle: Value, trust: Value, expect: Expect) -> Case {
    Case { name: name.into(), description: description.into(), bundle: Ok(bundle), trust, expect, requires: None }
}

/// A case only an implementation with `capability` can run.
pub(super) fn requiring(capability: &'static str, case: Case) -> Case {
    Case { requires: Some(capability), ..case }
}

pub(super) fn edited(mut bundle: Value, edit: impl FnOnce(&mut Value)) -> Value {
    edit(&mut bundle);
    bundle
}

/// The last hex digit of the string at `pointer`, changed.
pub(super) fn flip(bundle: &mut Value, pointer: &str) {
    let target = bundle.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}"));
    let text = target.as_str().unwrap_or_else(|| panic!("{pointer} is not a string")).to_string();
    let last = text.chars().last().unwrap_or('0');
    *target = Value::String(format!("{}{}", &text[..text.len() - 1], if last == '0' { '1' } else { '0' }));
}

pub(super) fn remove(bundle: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    bundle.pointer_mut(parent).and_then(Value::as_object_mut).expect("an object").remove(key);
}

pub(super) fn set(bundle: &mut Value, pointer: &str, value: Value) {
    *bundle.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = value;
}

pub(super) fn verdict(failing: &'static [Check], skipped: &'static [Check]) -> Expect {
    Expect::Verdict { failing, skipped, level: "none", signatures: None, proven: &[] }
}

/// A verdict naming the algorithms whose sequencer and agent signatures verify.
pub(super) fn signed(expect: Expect, sequencer: &'static [&'static str], agent: &'static [&'static str]) -> Expect {
    match expect {
        Expect::Verdict { signatures: _, failing, skipped, level, proven } => {
            Expect::Verdict { failing, skipped, level, signatures: Some((sequencer, agent)), proven }
        }
        error => error,
    }
}

/// A verdict in which the anchor-proof checks `proven` pass.
pub(super) fn proving(expect: Expect, proven: &'static [Check]) -> Expect {
    match expect {
        Expect::Verdict { failing, skipped, level, signatures, .. } => {
            Expect::Verdict { failing, skipped, level, signatures, proven }
        }
        error => error,
    }
}

pub(super) fn valid(level: &'static str, skipped: &'static [Check]) -> Expect {
    Expect::Verdict { failing: &[], skipped, level, signatures: None, proven: &[] }
}

pub(super) fn error(code: &'static str, field: &'static str) -> Expect {
    Expect::Error { code, field }
}

/// Every case, in a stable order.
/// The bundle as set-receipt-v1: no v2 fields.
pub(super) fn v1(mut bundle: Value) -> Value {
    bundle["format"] = json!(receipt::FORMAT_V1);
    remove(&mut bundle, "/receipt/receipt_signature_scheme");
    remove(&mut bundle, "/anchor/block_hash");
    bundle
}

pub(super) fn strip_0x(mut value: Value) -> Value {
    crate::strip_0x(&mut value);
    value
}

pub(super) fn upper_hex(value: Value) -> Value {
    match value {
        Value::String(text)
            if text.starts_with("0x") && text.len() > 2 && text[2..].chars().all(|c| c.is_ascii_hexdigit()) =>
        {
            Value::String(format!("0x{}", text[2..].to_uppercase()))
        }
        Value::Array(items) => Value::Array(items.into_iter().map(upper_hex).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter().map(|(k, v)| if k == "payload" { (k, v) } else { (k, upper_hex(v)) }).collect(),
        ),
        other => other,
    }
}

/// What the core answers for a case, in the case file's form.
pub(super) fn answer(bundle: &Result<Value, String>, trust: &Value) -> Value {
    let text = match bundle {
        Ok(value) => value.to_string(),
        Err(text) => text.clone(),
    };
    match receipt::verify_receipt_json(&text, &trust.to_string()) {
        Ok(verdict) => {
            let json = verdict.to_json();
            json!({"valid": json["valid"], "level": json["level"], "checks": json["checks"], "signatures": json["signatures"]})
        }
        Err(err) => json!({"error": {"code": err.code(), "field": err.field()}}),
    }
}

/// The answer a case's intent calls for.
pub(super) fn intended(expect: &Expect) -> Value {
    match expect {
        Expect::Verdict { failing, skipped, level, signatures, proven } => {
            let passes = |check: &Check| !failing.contains(check) && !skipped.contains(check);
            let legacy = |check: Check| -> &'static [&'static str] {
                if passes(&check) {
                    &["ed25519"]
                } else {
                    &[]
                }
            };
            let (sequencer, agent) =
                signatures.unwrap_or((legacy(Check::SequencerSignature), legacy(Check::AgentSignature)));
            let mut checks = Map::new();
            for check in Check::ALL {
                let status = if failing.contains(&check) {
                    "fail"
                } else if skipped.contains(&check) || (PROOF_CHECKS.contains(&check) && !proven.contains(&check)) {
                    "skipped"
                } else {
                    "pass"
                };
                checks.insert(check.name().into(), status.into());
            }
            json!({
                "valid": failing.is_empty(),
                "level": level,
                "checks": checks,
                "signatures": {"sequencer": sequencer, "agent": agent},
            })
        }
        Expect::Error { code, field } => json!({"error": {"code": code, "field": field}}),
    }
}

pub(crate) use proofs::production_vector as anchor_proof_vector;

/// Every case file: (file name, contents). Panics if the core disagrees with a case's intent.
pub fn case_files() -> Vec<(String, Value)> {
    cases::cases()
        .into_iter()
        .map(|case| {
            let expected = intended(&case.expect);
            let answered = answer(&case.bundle, &case.trust);
            assert_eq!(answered, expected, "conformance case {}: the core disagrees with its intent", case.name);
            let mut file = Map::new();
            file.insert("name".into(), case.name.clone().into());
            file.insert("description".into(), case.description.into());
            if let Some(capability) = case.requires {
                file.insert("requires".into(), json!([capability]));
            }
            match case.bundle {
                Ok(bundle) => file.insert("bundle".into(), bundle),
                Err(text) => file.insert("bundle_text".into(), text.into()),
            };
            file.insert("trust".into(), case.trust);
            file.insert("expect".into(), expected);
            (format!("{}.json", case.name), Value::Object(file))
        })
        .collect()
}
