use serde_json::json;

use super::*;

fn fields() -> EventFields {
    EventFields {
        tenant_id: Uuid::from_u128(1),
        store_id: Uuid::from_u128(2),
        event_id: Uuid::from_u128(3),
        source_agent_id: Uuid::from_u128(4),
        agent_key_id: 1,
        entity_type: "Order".into(),
        entity_id: "ORD-1".into(),
        event_type: "order.created".into(),
        created_at: "2026-01-02T03:04:05Z".into(),
        payload: json!({"order_id": "ORD-1", "total_minor": 1999}),
    }
}

fn code_and_field(err: AgentError) -> (&'static str, String) {
    (err.code(), err.field().to_string())
}

#[test]
fn builds_with_the_sequencers_defaults_and_hashes_without_a_signature() {
    let event = UnsignedEvent::new(fields()).unwrap();
    assert_eq!((event.ves_version, event.payload_kind, event.payload_cipher_hash), (1, 0, B256::ZERO));
    assert_eq!(event.payload_plain_hash, payload_plain_hash(&fields().payload).unwrap());
    // The signing hash is the signed event's, whatever signature it carries.
    let mut signed = event.to_event([9; 64], Some(3), None);
    assert_eq!(event.signing_hash().unwrap(), signed.signing_hash().unwrap());
    signed.entity_id.push('2');
    assert_ne!(event.signing_hash().unwrap(), signed.signing_hash().unwrap());
    // From JSON, the same event.
    let text = json!({
        "tenant_id": Uuid::from_u128(1), "store_id": Uuid::from_u128(2), "event_id": Uuid::from_u128(3),
        "source_agent_id": Uuid::from_u128(4), "agent_key_id": 1, "entity_type": "Order", "entity_id": "ORD-1",
        "event_type": "order.created", "created_at": "2026-01-02T03:04:05Z", "payload": fields().payload,
    });
    assert_eq!(UnsignedEvent::from_json(&text.to_string()).unwrap(), event);
}

/// Every rule of the sequencer that an agent can break before signing is refused here, naming the
/// field, with the code of the sequencer's rejection.
#[test]
fn the_json_of_an_unsigned_event_reads_back_to_it_and_carries_no_signature() {
    let event = UnsignedEvent::new(fields()).unwrap();
    let value = event.to_json_value();
    assert_eq!(UnsignedEvent::from_json(&value.to_string()).unwrap(), event);
    for key in ["agent_signature", "agent_signature_scheme", "agent_signature_bundle"] {
        assert!(value.get(key).is_none(), "{key}");
    }
    assert_eq!(value["payload_plain_hash"], json!(event.payload_plain_hash.to_string()));
    assert_eq!(
        (value["ves_version"].as_u64(), value["tenant_id"].as_str()),
        (Some(1), Some("00000000-0000-0000-0000-000000000001"))
    );
    // Every field but the signatures is the signed event's.
    let mut signed = serde_json::to_value(event.to_event([9; 64], None, None)).unwrap();
    signed.as_object_mut().unwrap().remove("agent_signature");
    assert_eq!(signed, value);
}

#[test]
fn every_sequencer_rule_is_refused_locally_naming_the_field() {
    type Edit = fn(&mut EventFields);
    let cases: [(Edit, &str, &str); 9] = [
        (|f| f.entity_type = String::new(), "SCHEMA_VALIDATION", "entity_type"),
        (|f| f.entity_type = "x".repeat(129), "SCHEMA_VALIDATION", "entity_type"),
        (|f| f.entity_id = String::new(), "SCHEMA_VALIDATION", "entity_id"),
        (|f| f.entity_id = "x".repeat(513), "SCHEMA_VALIDATION", "entity_id"),
        (|f| f.event_type = String::new(), "SCHEMA_VALIDATION", "event_type"),
        (|f| f.event_type = "x".repeat(257), "SCHEMA_VALIDATION", "event_type"),
        (|f| f.created_at = "2026-01-02 03:04:05".into(), "SCHEMA_VALIDATION", "created_at"),
        (|f| f.created_at = "2026-02-30T00:00:00Z".into(), "SCHEMA_VALIDATION", "created_at"),
        (|f| f.payload = json!({"blob": "x".repeat(MAX)}), "PAYLOAD_TOO_LARGE", "payload"),
    ];
    const MAX: usize = validate::MAX_EVENT_PAYLOAD_SIZE;
    for (edit, code, field) in cases {
        let mut f = fields();
        edit(&mut f);
        assert_eq!(code_and_field(UnsignedEvent::new(f).unwrap_err()), (code, field.into()));
    }
    // The longest allowed strings pass.
    let mut f = fields();
    (f.entity_type, f.entity_id, f.event_type) = ("x".repeat(128), "x".repeat(512), "x".repeat(256));
    assert!(UnsignedEvent::new(f).is_ok());
    // Rules on fields the builder sets, broken by editing them afterwards.
    let event = UnsignedEvent::new(fields()).unwrap();
    type EditEvent = fn(&mut UnsignedEvent);
    let edits: [(EditEvent, &str, &str); 5] = [
        (|e| e.ves_version = 2, "UNSUPPORTED_VERSION", "ves_version"),
        (|e| e.payload = None, "SCHEMA_VALIDATION", "payload"),
        (|e| e.payload_cipher_hash = B256::repeat_byte(1), "SCHEMA_VALIDATION", "payload_cipher_hash"),
        (|e| e.payload_kind = 1, "SCHEMA_VALIDATION", "payload"),
        (|e| e.payload_plain_hash = B256::repeat_byte(1), "INVALID_PAYLOAD_HASH", "payload_plain_hash"),
    ];
    for (edit, code, field) in edits {
        let mut edited = event.clone();
        edit(&mut edited);
        assert_eq!(code_and_field(edited.validate().unwrap_err()), (code, field.into()));
        let key = AgentPublicKey::Ed25519([0; 32]);
        assert_eq!(code_and_field(edited.attach_signatures(&key, None, None).unwrap_err()), (code, field.into()));
    }
    // From JSON: UUIDs, hex and payload kinds, each naming its field.
    let mut value = json!({
        "tenant_id": "not-a-uuid", "store_id": Uuid::from_u128(2), "event_id": Uuid::from_u128(3),
        "source_agent_id": Uuid::from_u128(4), "agent_key_id": 1, "entity_type": "Order", "entity_id": "ORD-1",
        "event_type": "order.created", "created_at": "2026-01-02T03:04:05Z", "payload": {"a": 1},
    });
    assert_eq!(
        code_and_field(UnsignedEvent::from_json(&value.to_string()).unwrap_err()),
        ("INVALID_UUID", "tenant_id".into())
    );
    value["tenant_id"] = json!(Uuid::from_u128(1));
    value["payload_plain_hash"] = json!("0x12");
    assert_eq!(
        code_and_field(UnsignedEvent::from_json(&value.to_string()).unwrap_err()),
        ("WRONG_LENGTH", "payload_plain_hash".into())
    );
    value.as_object_mut().unwrap().remove("payload_plain_hash");
    value["payload_kind"] = json!(2);
    assert_eq!(
        code_and_field(UnsignedEvent::from_json(&value.to_string()).unwrap_err()),
        ("SCHEMA_VALIDATION", "payload_kind".into())
    );
    value["payload_kind"] = json!(0);
    value.as_object_mut().unwrap().remove("created_at");
    assert_eq!(
        code_and_field(UnsignedEvent::from_json(&value.to_string()).unwrap_err()),
        ("INVALID_JSON", "created_at".into())
    );
    assert_eq!(code_and_field(UnsignedEvent::from_json("[]").unwrap_err()).0, "INVALID_JSON");
}

#[test]
fn the_request_rules_are_refused_locally_naming_the_field() {
    let event = UnsignedEvent::new(fields()).unwrap().to_event([0; 64], None, None);
    let agent = event.source_agent_id;
    assert_eq!(code_and_field(ingest_request(agent, &[]).unwrap_err()), ("INVALID_FIELD_VALUE", "events".into()));
    let err = ingest_request(Uuid::from_u128(9), core::slice::from_ref(&event)).unwrap_err();
    assert_eq!(code_and_field(err), ("INVALID_FIELD_VALUE", "agentId".into()));
    let mut other_store = event.clone();
    other_store.store_id = Uuid::from_u128(9);
    other_store.event_id = Uuid::from_u128(10);
    let err = ingest_request(agent, &[event.clone(), other_store]).unwrap_err();
    assert_eq!(code_and_field(err), ("INVALID_FIELD_VALUE", "$".into()));
    let mut late = event.clone();
    late.created_at = "yesterday".into();
    let err = ingest_request(agent, &[event.clone(), late]).unwrap_err();
    assert_eq!(code_and_field(err), ("SCHEMA_VALIDATION", "events[1].created_at".into()));
    let many = alloc::vec![event.clone(); validate::MAX_EVENTS_PER_BATCH + 1];
    assert_eq!(code_and_field(ingest_request(agent, &many).unwrap_err()), ("PAYLOAD_TOO_LARGE", "events".into()));
    assert_eq!(
        ingest_request(agent, core::slice::from_ref(&event)).unwrap().to_json(),
        IngestRequest { agent_id: agent, events: alloc::vec![event] }.to_json()
    );
}

#[cfg(feature = "signing")]
#[test]
fn an_external_signature_by_another_key_or_of_another_event_is_refused() {
    let event = UnsignedEvent::new(fields()).unwrap();
    let hash = event.signing_hash().unwrap();
    let seed = [5u8; 32];
    let key = AgentPublicKey::Ed25519(crate::ves::signing::public_key(&seed));
    let good = crate::ves::signing::sign(&seed, &hash);
    let signed = event.attach_signatures(&key, Some(&good), None).unwrap();
    assert_eq!(signed, event.sign(&AgentSecretKey::Ed25519 { seed }).unwrap());
    assert_eq!(signed.verify_agent_signature(key.ed25519().unwrap()), Ok(true));
    // Another key's signature of the same hash.
    let other = crate::ves::signing::sign(&[6u8; 32], &hash);
    let err = event.attach_signatures(&key, Some(&other), None).unwrap_err();
    assert_eq!(code_and_field(err), ("SIGNATURE_MISMATCH", "ed25519_signature".into()));
    // The right key's signature of another event.
    let mut edited = event.clone();
    edited.entity_id = "ORD-2".into();
    let err = edited.attach_signatures(&key, Some(&good), None).unwrap_err();
    assert_eq!(code_and_field(err), ("SIGNATURE_MISMATCH", "ed25519_signature".into()));
    // Missing, and of the wrong length.
    assert_eq!(
        code_and_field(event.attach_signatures(&key, None, None).unwrap_err()),
        ("MISSING_SIGNATURE", "ed25519_signature".into())
    );
    assert_eq!(
        code_and_field(event.attach_signatures(&key, Some(&good[..63]), None).unwrap_err()),
        ("WRONG_LENGTH", "ed25519_signature".into())
    );
}

#[cfg(all(feature = "signing", feature = "ml-dsa"))]
#[test]
fn an_ml_dsa_signature_by_another_key_is_refused_in_both_post_quantum_kinds() {
    let event = UnsignedEvent::new(fields()).unwrap();
    let hash = event.signing_hash().unwrap();
    let hybrid = AgentSecretKey::Hybrid { ed25519_seed: [1; 32], ml_dsa_65_seed: [2; 32] };
    let signed = event.sign(&hybrid).unwrap();
    assert_eq!(signed.agent_signature_scheme, Some(3));
    let bundle = signed.agent_signature_bundle.clone().unwrap();
    assert_eq!(bundle.ed25519_signature, Some(signed.agent_signature));
    let public = hybrid.public_key().unwrap();
    let other = crate::pq::signing::sign(&[3; 32], &hash);
    let err = event.attach_signatures(&public, Some(&signed.agent_signature), Some(&other)).unwrap_err();
    assert_eq!(code_and_field(err), ("SIGNATURE_MISMATCH", "ml_dsa_65_signature".into()));
    let err = event.attach_signatures(&public, Some(&signed.agent_signature), None).unwrap_err();
    assert_eq!(code_and_field(err), ("MISSING_SIGNATURE", "ml_dsa_65_signature".into()));
    let ml_dsa = AgentSecretKey::MlDsa65 { seed: [2; 32] };
    let signed = event.sign(&ml_dsa).unwrap();
    assert_eq!((signed.agent_signature, signed.agent_signature_scheme), ([0; 64], Some(2)));
    let public = ml_dsa.public_key().unwrap();
    let err = event.attach_signatures(&public, None, Some(&other)).unwrap_err();
    assert_eq!(code_and_field(err), ("SIGNATURE_MISMATCH", "ml_dsa_65_signature".into()));
    let err = event.attach_signatures(&public, None, Some(&other[1..])).unwrap_err();
    assert_eq!(code_and_field(err), ("WRONG_LENGTH", "ml_dsa_65_signature".into()));
    // Secret keys never print.
    assert_eq!(alloc::format!("{ml_dsa:?}"), "AgentSecretKey::MlDsa65 { .. }");
}

#[cfg(all(feature = "signing", feature = "ml-dsa"))]
#[test]
fn a_signer_expanded_once_signs_the_bytes_of_the_seeds_own_signatures_for_every_kind() {
    let event = UnsignedEvent::new(fields()).unwrap();
    let hash = event.signing_hash().unwrap();
    // The signatures made from the seeds by the lower-level functions, not through a signer.
    let ed25519 = crate::ves::signing::sign(&[1; 32], &hash);
    let ml_dsa_65 = crate::pq::signing::sign(&[2; 32], &hash);
    // …and the public keys, from the lower-level functions too.
    let ed25519_public = crate::ves::signing::public_key(&[1; 32]);
    let ml_dsa_65_public = crate::pq::signing::public_key(&[2; 32]);
    for (key, ed, ml, public) in [
        (AgentSecretKey::Ed25519 { seed: [1; 32] }, Some(&ed25519[..]), None, AgentPublicKey::Ed25519(ed25519_public)),
        (
            AgentSecretKey::Hybrid { ed25519_seed: [1; 32], ml_dsa_65_seed: [2; 32] },
            Some(&ed25519[..]),
            Some(&ml_dsa_65[..]),
            AgentPublicKey::Hybrid { ed25519: ed25519_public, ml_dsa_65: ml_dsa_65_public.clone() },
        ),
        (
            AgentSecretKey::MlDsa65 { seed: [2; 32] },
            None,
            Some(&ml_dsa_65[..]),
            AgentPublicKey::MlDsa65(ml_dsa_65_public.clone()),
        ),
    ] {
        assert_eq!(key.public_key().unwrap(), public, "{key:?}");
        let expected = event.attach_signatures(&public, ed, ml).unwrap();
        let signer = AgentSigner::new(&key).unwrap();
        assert_eq!(signer.public_key(), public, "{key:?}");
        // Reused: each event signed with the same expanded key.
        for _ in 0..2 {
            assert_eq!(event.sign_with(&signer).unwrap(), expected, "{key:?}");
        }
        assert_eq!(event.sign(&key).unwrap(), expected, "{key:?}");
        assert!(!alloc::format!("{signer:?}").contains("01"), "a signer never prints its key");
    }
    // The rules are checked by `sign_with` too.
    let mut broken = event.clone();
    broken.entity_id = String::new();
    let signer = AgentSigner::new(&AgentSecretKey::Ed25519 { seed: [1; 32] }).unwrap();
    assert_eq!(code_and_field(broken.sign_with(&signer).unwrap_err()).1, "entity_id");
}

/// `sign` and `sign_with` check every rule again, reading the event in place: an event edited
/// after it was built (its fields are public) is refused with the code and field of the rule,
/// whichever field was edited — the payload included, whose hash is recomputed.
#[cfg(feature = "signing")]
#[test]
fn an_event_edited_after_it_was_built_is_refused_by_every_signing_path() {
    let event = UnsignedEvent::new(fields()).unwrap();
    let key = AgentSecretKey::Ed25519 { seed: [1; 32] };
    let signer = AgentSigner::new(&key).unwrap();
    type EditEvent = fn(&mut UnsignedEvent);
    let edits: [(EditEvent, &str, &str); 11] = [
        (|e| e.ves_version = 2, "UNSUPPORTED_VERSION", "ves_version"),
        (|e| e.entity_type = "x".repeat(129), "SCHEMA_VALIDATION", "entity_type"),
        (|e| e.entity_id = String::new(), "SCHEMA_VALIDATION", "entity_id"),
        (|e| e.event_type = String::new(), "SCHEMA_VALIDATION", "event_type"),
        (|e| e.created_at = "2026-02-30T00:00:00Z".into(), "SCHEMA_VALIDATION", "created_at"),
        (|e| e.payload = None, "SCHEMA_VALIDATION", "payload"),
        (|e| e.payload_kind = 1, "SCHEMA_VALIDATION", "payload"),
        (|e| e.payload_cipher_hash = B256::repeat_byte(1), "SCHEMA_VALIDATION", "payload_cipher_hash"),
        (|e| e.payload_plain_hash = B256::repeat_byte(1), "INVALID_PAYLOAD_HASH", "payload_plain_hash"),
        // The payload changed, its hash left as it was.
        (
            |e| e.payload = Some(json!({"order_id": "ORD-1", "total_minor": 1})),
            "INVALID_PAYLOAD_HASH",
            "payload_plain_hash",
        ),
        // A payload whose JCS text is within the size limit but whose compact text is not
        // (`-0.0` is 4 bytes compact, `0` in JCS), rehashed so that only the size rule breaks.
        (
            |e| {
                e.payload = Some(Value::Array(alloc::vec![json!(-0.0); 210_000]));
                e.payload_plain_hash = payload_plain_hash(e.payload.as_ref().unwrap()).unwrap();
            },
            "PAYLOAD_TOO_LARGE",
            "payload",
        ),
    ];
    for (edit, code, field) in edits {
        let mut edited = event.clone();
        edit(&mut edited);
        let expected = (code, String::from(field));
        assert_eq!(code_and_field(edited.sign_with(&signer).unwrap_err()), expected);
        assert_eq!(code_and_field(edited.sign(&key).unwrap_err()), expected);
        assert_eq!(code_and_field(edited.validate().unwrap_err()), expected);
    }
    // An edit that keeps every rule signs the edited event.
    let mut edited = event.clone();
    edited.payload = Some(json!({"order_id": "ORD-1", "total_minor": 1}));
    edited.payload_plain_hash = payload_plain_hash(edited.payload.as_ref().unwrap()).unwrap();
    let signed = edited.sign_with(&signer).unwrap();
    assert_eq!(signed.payload, edited.payload);
    assert_eq!(signed.signing_hash().unwrap(), edited.signing_hash().unwrap());
    assert_ne!(signed, event.sign_with(&signer).unwrap());
}

/// The size rule measures the compact text exactly once the JCS text leaves the answer open:
/// a payload of 300 KB of JCS (over a quarter of the limit) within the limit is built and signed.
#[cfg(feature = "signing")]
#[test]
fn a_payload_near_the_size_limit_is_measured_exactly() {
    let mut f = fields();
    f.payload = json!({"blob": "x".repeat(300_000), "zeros": alloc::vec![json!(-0.0); 100_000]});
    let event = UnsignedEvent::new(f.clone()).unwrap();
    let signer = AgentSigner::new(&AgentSecretKey::Ed25519 { seed: [1; 32] }).unwrap();
    assert!(event.sign_with(&signer).is_ok());
    // 250,000 more zeros: 1 MB more compact text, 500 KB more JCS, and over the limit.
    f.payload["more"] = Value::Array(alloc::vec![json!(-0.0); 250_000]);
    assert_eq!(code_and_field(UnsignedEvent::new(f).unwrap_err()), ("PAYLOAD_TOO_LARGE", "payload".into()));
}
