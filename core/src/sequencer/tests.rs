use super::*;
use crate::encoding::{encode_hex, B256};
use alloc::vec;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

/// The captured exchanges; the only place the fixture path is written.
const CAPTURED_EXCHANGES: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/captured/stateset-sequencer-0.2.7-exchanges.json"));

struct Exchange {
    name: String,
    method: String,
    path: String,
    status: u16,
    content_type: String,
    request: Value,
    response: Value,
}

impl Exchange {
    /// The body as the server sent it: text/plain bodies are stored as JSON strings.
    fn body(&self) -> String {
        match &self.response {
            Value::String(text) if !self.content_type.contains("json") => text.clone(),
            other => serde_json::to_string(other).unwrap(),
        }
    }
}

fn exchanges() -> Vec<Exchange> {
    let root: Value = serde_json::from_str(CAPTURED_EXCHANGES).unwrap();
    root["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| Exchange {
            name: e["name"].as_str().unwrap().into(),
            method: e["method"].as_str().unwrap().into(),
            path: e["path"].as_str().unwrap().into(),
            status: u16::try_from(e["status"].as_u64().unwrap()).unwrap(),
            content_type: e["content_type"].as_str().unwrap().into(),
            request: e["request"].clone(),
            response: e["response"].clone(),
        })
        .collect()
}

fn exchange(name: &str) -> Exchange {
    exchanges().into_iter().find(|e| e.name == name).unwrap()
}

/// The VES endpoints send hex without `0x` and we write it with; nulls stand for absent keys.
fn normalized(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(text.strip_prefix("0x").unwrap_or(text).into()),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), normalized(v))).collect())
        }
        other => other.clone(),
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn root(byte: u8) -> String {
    hex::encode([byte; 32])
}

fn pending_item(prev: &str, events: &str) -> String {
    format!(
        r#"{{"batch_id":"a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b","tenant_id":"6513270e-269e-4d37-b2a7-4de452e6b438",
            "store_id":"d23f0824-128b-4f33-8c5c-7fd0a6a3a450","prev_state_root":"{prev}","new_state_root":"0x{}",
            "events_root":"{events}","sequence_start":1,"sequence_end":3,"event_count":3,
            "committed_at":"2026-11-22T03:27:27.215972Z","chain_tx_hash":null}}"#,
        root(0x22)
    )
}

fn pending_body(prev: &str, events: &str) -> String {
    format!(r#"{{"commitments":[{}],"total":1}}"#, pending_item(prev, events))
}

fn receipt_json(signature: &str, extra: &str) -> String {
    format!(
        r#"{{"batchId":"3e1d6c0d-1269-4a61-9a30-05d5817644f9","eventsAccepted":1,"eventsRejected":0,
            "sequenceStart":1,"sequenceEnd":1,"headSequence":1,"receipts":[{{
            "sequencerId":"5e9ae3c1-0000-4000-8000-000000000001","eventId":"36f675cc-81e7-4ef5-a8e2-5d940ed90475",
            "sequenceNumber":1,"sequencedAt":"2026-11-22T03:27:27.194743013+00:00","receiptHash":"{}",
            "signatureAlg":"MlDsa65","sequencerSignature":{signature}{extra}}}]}}"#,
        root(0xad)
    )
}

// --- captured exchanges ---------------------------------------------------------------

#[test]
fn every_captured_exchange_of_these_endpoints_parses() {
    let mut handled = 0;
    for ex in exchanges() {
        let body = ex.body();
        let path = ex.path.split('?').next().unwrap();
        match (ex.method.as_str(), path, ex.status) {
            ("POST", "/api/v1/agents/keys", _) => continue,
            ("POST", INGEST_PATH, 200) => {
                let parsed = parse_ingest_response(&body).unwrap();
                assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
            }
            ("POST", VES_COMMITMENTS_PATH, 200) => {
                let parsed = parse_ves_commitment(&body).unwrap();
                assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
            }
            ("GET", VES_COMMITMENTS_PATH, 200) => {
                let parsed = parse_ves_commitment_list(&body).unwrap();
                assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
            }
            ("GET", p, 200) if p.starts_with("/api/v1/ves/commitments/") => {
                let parsed = parse_ves_commitment(&body).unwrap();
                assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
            }
            ("GET", p, 200) if p.starts_with("/api/v1/ves/proofs/") => {
                let parsed = parse_inclusion_proof(&body).unwrap();
                assert_eq!(normalized(&to_value(&parsed)), normalized(&ex.response), "{}", ex.name);
            }
            ("GET", "/v1/commitments/pending", 200) => {
                let parsed = parse_pending(&body).unwrap();
                // This endpoint already writes `0x`, so the round trip is exact.
                assert_eq!(to_value(&parsed), ex.response, "{}", ex.name);
            }
            ("GET", "/v1/commitments/pending", status) => {
                let error = parse_error_body(status, Some(&ex.content_type), &body);
                assert!(matches!(error.shape, ErrorBodyShape::Auth(_)), "{}", ex.name);
            }
            ("POST", p, status) if p.ends_with("/anchored") => {
                let request: AnchorNotification = serde_json::from_value(ex.request.clone()).unwrap();
                assert_eq!(to_value(&request), ex.request, "{}", ex.name);
                let outcome = classify_anchored_response(status, &body);
                assert_eq!(outcome.is_success(), status == 200, "{}: {outcome:?}", ex.name);
            }
            other => panic!("unhandled exchange {other:?} ({})", ex.name),
        }
        handled += 1;
    }
    assert_eq!(handled, 16);
}

#[test]
fn pending_roots_round_trip_with_0x() {
    let ex = exchange("pending commitments (anchor endpoint)");
    let parsed = parse_pending(&ex.body()).unwrap();
    assert_eq!(parsed.total, 4);
    assert_eq!(parsed.commitments.len(), 4);
    for (item, wire) in parsed.commitments.iter().zip(ex.response["commitments"].as_array().unwrap()) {
        assert_eq!(encode_hex(item.events_root.as_slice()), wire["events_root"].as_str().unwrap());
        assert_eq!(encode_hex(item.new_state_root.as_slice()), wire["new_state_root"].as_str().unwrap());
        assert_eq!(item.prev_state_root, B256::ZERO);
        assert_eq!(item.chain_tx_hash, None);
        assert_eq!(item.committed_at, wire["committed_at"].as_str().unwrap());
    }
    let last = &parsed.commitments[3];
    assert_eq!(last.batch_id.to_string(), "a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b");
    assert_eq!((last.sequence_start, last.sequence_end, last.event_count), (1, 3, 3));
}

#[test]
fn ves_commitment_roots_are_read_without_0x() {
    let created = parse_ves_commitment(&exchange("create commitment").body()).unwrap();
    assert_eq!(hex::encode(created.merkle_root), "bd2e1989b38d09487fd91e4d7f0edc509a584b7cf33b290c96fcd40467ee13fc");
    assert_eq!((created.tree_depth, created.leaf_count, created.padded_leaf_count), (2, 3, 4));
    assert_eq!(created.is_anchored, None);
    assert_eq!(created.chain_tx_hash, None);

    let listed = parse_ves_commitment_list(&exchange("list unanchored commitments of the stream").body()).unwrap();
    assert_eq!(listed.count, 1);
    assert_eq!(listed.commitments[0].is_anchored, Some(false));
    assert_eq!(listed.commitments[0].merkle_root, created.merkle_root);

    let anchored = parse_ves_commitment(&exchange("get commitment after anchoring").body()).unwrap();
    assert_eq!(anchored.chain_tx_hash, Some(B256::repeat_byte(0xab)));
    assert_eq!(anchored.chain_id, Some(84_532_001));
    assert_eq!(anchored.chain_block_number, Some(1234));
    assert_eq!(anchored.anchored_at.as_deref(), Some("2026-11-22T03:27:27.245607Z"));
    assert_eq!(anchored.is_anchored, Some(true));
    // Written back with `0x`, read again to the same value.
    let again: VesCommitment = serde_json::from_value(to_value(&anchored)).unwrap();
    assert_eq!(again, anchored);
    assert_eq!(to_value(&anchored)["merkle_root"], format!("0x{}", hex::encode(anchored.merkle_root)));
}

#[test]
fn inclusion_proofs_match_their_leaf_index() {
    for seq in 1..=3u64 {
        let ex = exchanges().into_iter().find(|e| e.name == format!("inclusion proof seq {seq}")).unwrap();
        let proof = parse_inclusion_proof(&ex.body()).unwrap();
        assert_eq!(proof.leaf_index, seq - 1);
        assert_eq!(proof.proof_path.len(), 2);
        let bits: Vec<bool> = (0..2).map(|level| (proof.leaf_index >> level) & 1 == 0).collect();
        assert_eq!(proof.directions, bits);
        assert_eq!(hex::encode(proof.proof_path[1]), ex.response["proof_path"][1].as_str().unwrap());
    }
}

#[test]
fn receipts_keep_hash_signature_and_profile() {
    for name in ["ingest 3 signed events", "ingest the same events again (idempotent replay)"] {
        let ex = exchange(name);
        let parsed = parse_ingest_response(&ex.body()).unwrap();
        assert_eq!(parsed.receipts.len(), 3);
        for (receipt, wire) in parsed.receipts.iter().zip(ex.response["receipts"].as_array().unwrap()) {
            assert_eq!(hex::encode(receipt.receipt_hash), wire["receiptHash"].as_str().unwrap());
            assert_eq!(receipt.sequencer_signature.map(hex::encode).as_deref(), wire["sequencerSignature"].as_str());
            assert_eq!(receipt.signature_algorithm(), SignatureAlg::Ed25519);
            assert_eq!(receipt.receipt_signature_scheme, Some(1));
            assert_eq!(receipt.sequencer_key_version, 0);
            assert_eq!(receipt.receipt_signature_bundle, None);
        }
        assert!(parsed.rejections.is_empty());
    }
    let replay = parse_ingest_response(&exchange("ingest the same events again (idempotent replay)").body()).unwrap();
    assert_eq!((replay.events_accepted, replay.sequence_start, replay.sequence_end), (0, None, None));
    assert_eq!(replay.head_sequence, 3);
}

#[test]
fn anchored_answers_classify_like_the_server_means_them() {
    let batch: Uuid = "a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b".parse().unwrap();
    let classify = |name: &str| {
        let ex = exchange(name);
        classify_anchored_response(ex.status, &ex.body())
    };
    assert_eq!(
        classify("anchored notification"),
        AnchoredOutcome::Anchored {
            batch_id: batch,
            chain_tx_hash: B256::repeat_byte(0xab),
            chain_id: 84_532_001,
            block_number: Some(1234)
        }
    );
    assert_eq!(classify("anchored again, same hash"), AnchoredOutcome::AlreadyAnchored { batch_id: batch });
    let conflict = classify("anchored again, different hash");
    assert_eq!(
        conflict,
        AnchoredOutcome::Conflict { message: "commitment already anchored with different tx hash".into() }
    );
    assert!(!conflict.is_success() && !conflict.is_retryable());
    assert_eq!(conflict.code(), "CONFLICT");
    assert_eq!(
        classify("anchored, unknown batch"),
        AnchoredOutcome::NotFound { message: "Commitment not found".into() }
    );
    assert_eq!(
        classify("anchored, chain id too large"),
        AnchoredOutcome::BadRequest { status: 400, message: "chain_id must fit in u32".into() }
    );
    let ex = exchange("pending without auth");
    assert_eq!(
        classify_anchored_response(ex.status, &ex.body()),
        AnchoredOutcome::Unauthorized {
            status: 401,
            code: Some("missing_auth".into()),
            message: "Missing authentication".into()
        }
    );
}

#[test]
fn anchor_notification_serializes_to_the_captured_body() {
    let full = AnchorNotification {
        chain_tx_hash: B256::repeat_byte(0xab),
        chain_id: 84_532_001,
        block_number: Some(1234),
        gas_used: Some(101_234),
    };
    assert_eq!(
        full.to_json().unwrap(),
        format!(
            r#"{{"chain_tx_hash":"0x{}","chain_id":84532001,"block_number":1234,"gas_used":101234}}"#,
            "ab".repeat(32)
        )
    );
    assert_eq!(to_value(&full), exchange("anchored notification").request);
    let bare = AnchorNotification { block_number: None, gas_used: None, ..full };
    assert_eq!(to_value(&bare), exchange("anchored again, same hash").request);
    // The server trims and accepts either form; so do we (without trimming).
    let no_prefix: AnchorNotification =
        serde_json::from_str(&format!(r#"{{"chain_tx_hash":"{}","chain_id":84532001}}"#, "AB".repeat(32))).unwrap();
    assert_eq!(no_prefix, bare);
}

// --- hand-written variants ------------------------------------------------------------

#[test]
fn accepts_roots_with_or_without_0x_in_any_case() {
    let a = parse_pending(&pending_body(&format!("0x{}", root(0x11)), &format!("0x{}", root(0x33)))).unwrap();
    let b = parse_pending(&pending_body(&root(0x11), &format!("0X{}", root(0x33).to_uppercase()))).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.commitments[0].events_root, B256::repeat_byte(0x33));
}

#[test]
fn reads_an_empty_prev_state_root_as_zero() {
    for empty in ["", "0x"] {
        let parsed = parse_pending(&pending_body(empty, &root(0x33))).unwrap();
        assert_eq!(parsed.commitments[0].prev_state_root, B256::ZERO);
    }
    // Only the prev root has a genesis meaning; an empty events root is an error.
    let err = parse_pending(&pending_body("", "")).unwrap_err();
    assert_eq!(err, SequencerApiError::Encoding(EncodingError::wrong_length("commitments[0].events_root", 32, 0)));
}

#[test]
fn accepts_the_camel_case_committed_at() {
    let body = pending_body(&root(0), &root(0x33)).replace("\"committed_at\"", "\"committedAt\"");
    let parsed = parse_pending(&body).unwrap();
    assert_eq!(parsed.commitments[0].committed_at, "2026-11-22T03:27:27.215972Z");
    assert!(to_value(&parsed).to_string().contains("\"committed_at\""));
    // The existing anchor also tolerated an omitted `chain_tx_hash`.
    let no_hash = pending_body(&root(0), &root(0x33)).replace(",\"chain_tx_hash\":null", "");
    assert_ne!(no_hash, pending_body(&root(0), &root(0x33)));
    assert_eq!(parse_pending(&no_hash).unwrap().commitments[0].chain_tx_hash, None);
}

#[test]
fn rejects_a_bad_root_naming_the_field() {
    let err = parse_pending(&pending_body(&root(0), "0xabcd")).unwrap_err();
    assert_eq!(err.code(), "WRONG_LENGTH");
    assert!(err.to_string().contains("commitments[0].events_root"), "{err}");
    let err = parse_pending(&pending_body(&root(0), &"zz".repeat(32))).unwrap_err();
    assert_eq!(err.code(), "INVALID_HEX");
    assert!(err.to_string().contains("events_root"), "{err}");

    // Plain serde, without the parse helper, still names the field.
    let err = serde_json::from_str::<PendingCommitment>(&pending_item(&root(0), "0xabcd")).unwrap_err();
    assert!(err.to_string().contains("events_root"), "{err}");
    let err = serde_json::from_str::<PendingCommitment>(
        &pending_item(&root(0), &root(1)).replace(&format!("\"{}\"", root(1)), "42"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("events_root"), "{err}");
}

#[test]
fn rejects_a_bad_proof_sibling_naming_its_index() {
    let body = exchange("inclusion proof seq 1")
        .body()
        .replace("cb2a916a0ef6b6682af0663b1b1fc7913aa1b081e1968682df4268ea1e8d6fed", "cb2a");
    let err = parse_inclusion_proof(&body).unwrap_err();
    assert_eq!(err, SequencerApiError::Encoding(EncodingError::wrong_length("proof_path[1]", 32, 2)));
    let err = serde_json::from_str::<VesInclusionProof>(&body).unwrap_err();
    assert!(err.to_string().contains("proof_path[1]"), "{err}");
}

#[test]
fn one_receipt_reads_as_each_receipt_of_the_answer_and_back_from_its_written_form() {
    let ex = exchange("ingest 3 signed events");
    let parsed = parse_ingest_response(&ex.body()).unwrap();
    for (index, (receipt, wire)) in parsed.receipts.iter().zip(ex.response["receipts"].as_array().unwrap()).enumerate()
    {
        assert_eq!(&parse_ingest_receipt(&wire.to_string()).unwrap(), receipt, "receipts[{index}]");
        assert_eq!(&parse_ingest_receipt(&to_value(receipt).to_string()).unwrap(), receipt, "receipts[{index}]");
    }
    let mut wire = ex.response["receipts"][0].clone();
    wire["sequencerSignature"] = Value::from("abcd");
    let err = parse_ingest_receipt(&wire.to_string()).unwrap_err();
    assert_eq!((err.code(), err.to_string().starts_with("sequencerSignature")), ("WRONG_LENGTH", true), "{err}");
    wire["receiptHash"] = Value::from("zz");
    let err = parse_ingest_receipt(&wire.to_string()).unwrap_err();
    assert_eq!((err.code(), err.to_string().starts_with("receiptHash")), ("INVALID_HEX", true), "{err}");
    assert_eq!(parse_ingest_receipt("{}").unwrap_err().code(), "INVALID_JSON");
}

#[test]
fn defaults_missing_directions_to_empty() {
    let mut value = exchange("inclusion proof seq 2").response;
    value.as_object_mut().unwrap().remove("directions");
    let proof = parse_inclusion_proof(&value.to_string()).unwrap();
    assert!(proof.directions.is_empty());
    assert_eq!(proof.leaf_index, 1);
}

#[test]
fn reads_an_empty_sequencer_signature_as_none() {
    let parsed = parse_ingest_response(&receipt_json("\"\"", "")).unwrap();
    let receipt = &parsed.receipts[0];
    assert_eq!(receipt.sequencer_signature, None);
    assert_eq!(receipt.signature_algorithm(), SignatureAlg::MlDsa65);
    assert_eq!(to_value(receipt)["sequencerSignature"], "");
    for absent in ["null", "\"\",\"ignored\":1"] {
        assert_eq!(parse_ingest_response(&receipt_json(absent, "")).unwrap().receipts[0].sequencer_signature, None);
    }
    let sig = format!("\"0x{}\"", "12".repeat(64));
    assert_eq!(
        parse_ingest_response(&receipt_json(&sig, "")).unwrap().receipts[0].sequencer_signature,
        Some([0x12; 64])
    );
}

#[test]
fn rejects_a_malformed_sequencer_signature_naming_the_field() {
    for bad in ["\"abcd\"", "\"zz\"", &format!("\"{}\"", "ab".repeat(65))] {
        let err = parse_ingest_response(&receipt_json(bad, "")).unwrap_err();
        assert!(matches!(err.code(), "WRONG_LENGTH" | "INVALID_HEX"), "{err}");
        assert!(err.to_string().contains("receipts[0].sequencerSignature"), "{err}");
    }
    let err = parse_ingest_response(&receipt_json("7", "")).unwrap_err();
    assert_eq!(err.code(), "INVALID_JSON");
    assert!(err.to_string().contains("sequencerSignature"), "{err}");
}

#[test]
fn keeps_the_signature_bundle_as_integer_arrays() {
    let extra = r#","sequencerKeyVersion":2,"receiptSignatureScheme":3,
            "receiptSignatureBundle":{"ed25519_signature":[1,2,255],"ml_dsa_65_signature":null}"#;
    let parsed = parse_ingest_response(&receipt_json("\"\"", extra)).unwrap();
    let receipt = &parsed.receipts[0];
    assert_eq!(receipt.sequencer_key_version, 2);
    assert_eq!(receipt.receipt_signature_scheme, Some(3));
    let bundle = receipt.receipt_signature_bundle.clone().unwrap();
    assert_eq!(bundle.ed25519_signature, Some(vec![1, 2, 255]));
    assert_eq!(bundle.ml_dsa_65_signature, None);
    assert_eq!(to_value(&bundle), serde_json::json!({"ed25519_signature": [1, 2, 255], "ml_dsa_65_signature": null}));
    // Hex is not the wire format of the bundle.
    let hex_bundle = extra.replace("[1,2,255]", "\"0102ff\"");
    assert!(parse_ingest_response(&receipt_json("\"\"", &hex_bundle)).is_err());
}

#[test]
fn reads_rejections_in_snake_case() {
    let body = r#"{"batchId":"3e1d6c0d-1269-4a61-9a30-05d5817644f9","eventsAccepted":0,"eventsRejected":1,
            "sequenceStart":null,"sequenceEnd":null,"headSequence":7,
            "rejections":[{"event_id":"36f675cc-81e7-4ef5-a8e2-5d940ed90475","reason":"invalid_signature","message":"bad"}]}"#;
    let parsed = parse_ingest_response(body).unwrap();
    assert!(parsed.receipts.is_empty());
    assert_eq!(parsed.rejections[0].reason, "invalid_signature");
    assert_eq!(parsed.rejections[0].message, "bad");
    assert!(to_value(&parsed).get("receipts").is_none());
}

#[test]
fn parses_signature_alg_case_insensitively() {
    let cases = [
        ("ed25519", SignatureAlg::Ed25519),
        ("ED25519", SignatureAlg::Ed25519),
        ("Ed25519MlDsa65", SignatureAlg::Ed25519MlDsa65),
        ("ed25519mldsa65", SignatureAlg::Ed25519MlDsa65),
        ("MLDSA65", SignatureAlg::MlDsa65),
        ("Ed25519-Fallback", SignatureAlg::Ed25519Fallback),
        ("NONE", SignatureAlg::None),
        ("slh-dsa", SignatureAlg::Other("slh-dsa".into())),
    ];
    for (text, expected) in cases {
        assert_eq!(SignatureAlg::parse(text), expected, "{text}");
    }
    assert_eq!(SignatureAlg::Ed25519Fallback.to_string(), "ed25519-fallback");
}

#[test]
fn rejects_every_truncation_of_every_captured_body() {
    let parsers: [fn(&str) -> bool; 6] = [
        |b| parse_pending(b).is_err(),
        |b| parse_anchored_response(b).is_err(),
        |b| parse_ves_commitment(b).is_err(),
        |b| parse_ves_commitment_list(b).is_err(),
        |b| parse_inclusion_proof(b).is_err(),
        |b| parse_ingest_response(b).is_err(),
    ];
    for ex in exchanges().iter().filter(|e| e.content_type.contains("json")) {
        let body = ex.body();
        for end in (0..body.len()).filter(|&end| body.is_char_boundary(end)) {
            let prefix = &body[..end];
            for parser in parsers {
                assert!(parser(prefix), "{}: prefix of {end} bytes parsed", ex.name);
            }
            let _ = classify_anchored_response(200, prefix);
            let _ = parse_error_body(500, None, prefix);
        }
    }
    let err = parse_pending("{\"commitments\":[").unwrap_err();
    assert_eq!(err.code(), "INVALID_JSON");
    assert!(matches!(err, SequencerApiError::Json { what: "pending commitments", line: 1, .. }), "{err:?}");
}

#[test]
fn rejects_wrong_types_and_shapes() {
    let good = pending_body(&root(0), &root(0x33));
    let bad_bodies = [
        good.replace("\"sequence_start\":1", "\"sequence_start\":\"1\""),
        good.replace("\"event_count\":3", "\"event_count\":4294967296"),
        good.replace("\"sequence_end\":3", "\"sequence_end\":-3"),
        good.replace(",\"total\":1", ""),
        good.replace("a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b", "not-a-uuid"),
        good.replace("\"commitments\":[", "\"commitments\":{\"x\":").replace("],\"total\"", "},\"total\""),
        "[]".into(),
        "null".into(),
        "".into(),
        "<html>502 Bad Gateway</html>".into(),
        "\u{feff}{}".into(),
    ];
    for body in &bad_bodies {
        let err = parse_pending(body).unwrap_err();
        assert_eq!(err.code(), "INVALID_JSON", "{body}: {err}");
    }
    // The VES list shape is not a pending list, although it also has `commitments`.
    let list = exchange("list unanchored commitments of the stream").body();
    assert!(parse_pending(&list).is_err());
    // Unknown status tag.
    let err = parse_anchored_response(r#"{"batch_id":"a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b","status":"pending"}"#)
        .unwrap_err();
    assert!(err.to_string().contains("pending"), "{err}");
    assert!(parse_ingest_response(r#"{"batchId":"3e1d6c0d-1269-4a61-9a30-05d5817644f9"}"#).is_err());
    assert!(parse_ves_commitment(
        &exchange("create commitment").body().replace("\"tree_depth\":2", "\"tree_depth\":true")
    )
    .is_err());
}

#[test]
fn parses_the_three_error_body_shapes() {
    let auth =
        parse_error_body(401, Some("application/json"), r#"{"error":"Missing authentication","code":"missing_auth"}"#);
    assert_eq!((auth.message(), auth.code()), ("Missing authentication", Some("missing_auth")));

    let api_body = r#"{"error":{"code":"INVALID_FIELD_VALUE","numeric_code":3003,"message":"agent_signature: bad",
            "request_id":"r-1","details":{"field":"agent_signature"},"retry_after":5}}"#;
    let api = parse_error_body(400, Some("application/json; charset=utf-8"), api_body);
    assert_eq!((api.message(), api.code()), ("agent_signature: bad", Some("INVALID_FIELD_VALUE")));
    let ErrorBodyShape::Api(detail) = &api.shape else { panic!("{api:?}") };
    assert_eq!(detail.error.numeric_code, Some(3003));
    assert_eq!(detail.error.retry_after, Some(5));
    assert_eq!(detail.error.request_id.as_deref(), Some("r-1"));

    let text = parse_error_body(404, Some("text/plain; charset=utf-8"), "Commitment not found");
    assert_eq!(text.shape, ErrorBodyShape::Text("Commitment not found".into()));
    assert_eq!(text.code(), None);
    // A JSON-looking text/plain body stays text: the content type decides when given.
    let text_json = parse_error_body(400, Some("text/plain"), r#"{"error":"x","code":"y"}"#);
    assert!(matches!(text_json.shape, ErrorBodyShape::Text(_)));
    // JSON of neither shape, or no content type and plain text, falls back to text.
    let other = parse_error_body(500, Some("application/problem+json"), r#"{"title":"boom"}"#);
    assert_eq!(other.message(), r#"{"title":"boom"}"#);
    let sniffed = parse_error_body(429, None, r#"{"error":"Rate limit exceeded","code":"rate_limited"}"#);
    assert_eq!(sniffed.code(), Some("rate_limited"));
    assert_eq!(parse_error_body(502, None, "").message(), "");
}

#[test]
fn classifies_statuses_outside_the_capture() {
    let outcome = classify_anchored_response(403, "Bootstrap admin permission required");
    assert_eq!(
        outcome,
        AnchoredOutcome::Unauthorized {
            status: 403,
            code: None,
            message: "Bootstrap admin permission required".into()
        }
    );
    let tenant = classify_anchored_response(404, r#"{"error":"Tenant not found","code":"tenant_not_found"}"#);
    assert!(matches!(tenant, AnchoredOutcome::Unauthorized { status: 404, .. }), "{tenant:?}");
    let limited = classify_anchored_response(429, r#"{"error":"Rate limit exceeded","code":"rate_limited"}"#);
    assert!(limited.is_retryable());
    assert_eq!(limited.code(), "RATE_LIMITED");
    let shed =
        classify_anchored_response(503, r#"{"error":"Service temporarily unavailable","code":"pool_exhausted"}"#);
    assert_eq!(
        shed,
        AnchoredOutcome::ServerError {
            status: 503,
            code: Some("pool_exhausted".into()),
            message: "Service temporarily unavailable".into()
        }
    );
    assert!(classify_anchored_response(504, "").is_retryable());
    assert!(matches!(
        classify_anchored_response(422, "Failed to deserialize the JSON body"),
        AnchoredOutcome::BadRequest { status: 422, .. }
    ));
    assert!(matches!(classify_anchored_response(302, ""), AnchoredOutcome::UnexpectedResponse { status: 302, .. }));
    let garbage = classify_anchored_response(200, "ok");
    assert!(matches!(garbage, AnchoredOutcome::UnexpectedResponse { status: 200, .. }), "{garbage:?}");
    assert!(!garbage.is_success());
    let created = classify_anchored_response(
        201,
        r#"{"batch_id":"a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b","status":"already_anchored"}"#,
    );
    assert!(created.is_success());
}

#[test]
fn builds_paths_and_the_authorization_value() {
    let batch: Uuid = "A5D8B6B0-856C-450D-B0D7-E3D6AA8F741B".parse().unwrap();
    assert_eq!(anchored_path(&batch), "/v1/commitments/a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b/anchored");
    assert_eq!(pending_path(PENDING_LIMIT_DEFAULT), "/v1/commitments/pending?limit=1000");
    assert_eq!(ves_commitment_path(&batch), "/api/v1/ves/commitments/a5d8b6b0-856c-450d-b0d7-e3d6aa8f741b");
    let ex = exchange("inclusion proof seq 1");
    let tenant: Uuid = "6513270e-269e-4d37-b2a7-4de452e6b438".parse().unwrap();
    let store: Uuid = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450".parse().unwrap();
    assert_eq!(ves_proof_path(1, &tenant, &store, &batch), ex.path);
    assert_eq!(ves_commitment_list_path(&tenant, &store), exchange("list unanchored commitments of the stream").path);
    assert_eq!(AUTH_HEADER, "Authorization");
    assert_eq!(authorization_value("ss_live_1"), "ApiKey ss_live_1");
}
