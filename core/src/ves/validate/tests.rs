use super::*;
use crate::ves::agent_keys::{check_registration, AgentKeyRegistered, AgentKeyRegistration, KeyRegistrationError};
use crate::ves::rfc3339::Rfc3339Error;
use alloc::vec;

/// The real sequencer's capture (legacy profile): a key registration, then three events it
/// accepted, signed with RFC 8032 test key 1.
fn capture() -> Value {
    serde_json::from_str(include_str!("../../../../tests/captured/stateset-sequencer-0.2.7-exchanges.json"))
        .unwrap_or_default()
}

fn exchange(name: &str) -> Value {
    let capture = capture();
    let found = capture["exchanges"].as_array().into_iter().flatten().find(|e| e["name"] == name).cloned();
    found.unwrap_or_else(|| panic!("no exchange {name}"))
}

const AGENT_SEED: [u8; 32] = [
    0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5,
    0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
];

fn agent_key() -> AgentKey {
    let public_key = ed25519_dalek::SigningKey::from_bytes(&AGENT_SEED).verifying_key().to_bytes();
    AgentKey { public_key, valid_from: None, valid_to: None }
}

fn captured_request() -> ReceivedIngest {
    parse_ingest_request(&exchange("ingest 3 signed events")["request"].to_string()).expect("captured request parses")
}

fn now() -> Timestamp {
    parse_rfc3339("2026-11-22T03:27:27Z").expect("time")
}

/// Re-signs `received` with the agent key after a change (so only the changed rule can fail).
fn resigned(mut received: ReceivedEvent) -> ReceivedEvent {
    use ed25519_dalek::Signer;
    let hash = received.event.signing_hash().expect("hash");
    received.event.agent_signature =
        ed25519_dalek::SigningKey::from_bytes(&AGENT_SEED).sign(hash.as_slice()).to_bytes();
    received
}

fn check(received: &ReceivedEvent) -> Result<(), Rejection> {
    check_event(received, Some(&agent_key()), now(), SecurityProfile::Legacy)
}

#[test]
fn the_events_the_real_server_accepted_pass_every_check() {
    let request = captured_request();
    assert_eq!(request.events.len(), 3);
    assert_eq!(check_ingest_request(&request), Ok(()));
    for received in &request.events {
        assert_eq!(check(received), Ok(()));
    }
}

#[test]
fn each_event_rule_is_refused_with_the_servers_reason_and_message() {
    let base = captured_request().events[0].clone();
    let with = |change: &dyn Fn(&mut ReceivedEvent)| {
        let mut received = base.clone();
        change(&mut received);
        resigned(received)
    };
    let hash_of = |payload: &Value| crate::ves::payload_plain_hash(payload).expect("hash");
    let cases: Vec<(ReceivedEvent, &str, &str)> = vec![
        (with(&|r| r.event.ves_version = 2), "unsupported_version", "Expected VES version 1, got 2"),
        (
            with(&|r| r.event.entity_type = String::new()),
            "schema_validation: entity_type",
            "entity_type must be 1-128 characters",
        ),
        (
            with(&|r| r.event.entity_type = "x".repeat(129)),
            "schema_validation: entity_type",
            "entity_type must be 1-128 characters",
        ),
        (
            with(&|r| r.event.entity_id = "x".repeat(513)),
            "schema_validation: entity_id",
            "entity_id must be 1-512 characters",
        ),
        (
            with(&|r| r.event.event_type = "é".repeat(129)),
            "schema_validation: event_type",
            "event_type must be 1-256 characters",
        ),
        (with(&|r| r.event.payload = None), "schema_validation: payload", "payload is required for plaintext events"),
        (
            with(&|r| r.payload_encrypted = Some(serde_json::json!({"enc_version": 1}))),
            "schema_validation: payload_encrypted",
            "payload_encrypted must be omitted for plaintext events",
        ),
        (
            with(&|r| r.event.payload_cipher_hash = B256::repeat_byte(1)),
            "schema_validation: payload_cipher_hash",
            "payload_cipher_hash must be zero for plaintext events",
        ),
        (
            with(&|r| r.event.payload_kind = 1),
            "schema_validation: payload",
            "payload must be omitted for encrypted events",
        ),
        (
            with(&|r| {
                r.event.payload_kind = 1;
                r.event.payload = None;
            }),
            "schema_validation: payload_encrypted",
            "payload_encrypted is required for encrypted events",
        ),
        (
            with(&|r| r.event.created_at = "2026-11-22 10:00".into()),
            "schema_validation: created_at",
            "created_at must be RFC3339",
        ),
        (
            with(&|r| r.event.created_at = "2026-02-30T10:00:00Z".into()),
            "schema_validation: created_at",
            "created_at must be RFC3339",
        ),
        (
            with(&|r| r.event.payload = Some(serde_json::json!({"order_id": "ORD-1", "amount_cents": 1}))),
            "invalid_payload_hash",
            "Payload hash verification failed",
        ),
        (
            with(&|r| r.event.payload_plain_hash = hash_of(&serde_json::json!({"other": true}))),
            "invalid_payload_hash",
            "Payload hash verification failed",
        ),
        (
            {
                let mut tampered = base.clone();
                tampered.event.entity_id = "ORD-9".into();
                tampered
            },
            "invalid_signature",
            "Agent signature verification failed: VerificationFailed",
        ),
        (
            with(&|r| r.event.agent_signature_scheme = Some(3)),
            "invalid_signature",
            "Agent signature verification failed: VerificationFailed",
        ),
    ];
    for (received, reason, message) in cases {
        let rejection = check(&received).expect_err(reason);
        assert_eq!((rejection.reason().as_str(), rejection.message().as_str()), (reason, message));
    }
    // A correct signature by another key, and the scheme numbers that mean Ed25519.
    let mut other = base.clone();
    other.event.agent_signature = [7; 64];
    assert_eq!(check(&other).map_err(|r| r.code()), Err("INVALID_SIGNATURE"));
    for scheme in [None, Some(0), Some(1), Some(99)] {
        let mut event = base.clone();
        event.event.agent_signature_scheme = scheme;
        assert_eq!(check(&event), Ok(()));
    }
}

#[test]
fn the_agent_key_must_be_registered_and_valid_at_the_sequencing_time() {
    let received = captured_request().events[1].clone();
    let run = |key: Option<&AgentKey>| check_event(&received, key, now(), SecurityProfile::Legacy);
    let reason = |result: Result<(), Rejection>| result.map_err(|r| (r.reason(), r.message()));
    assert_eq!(reason(run(None)), Err(("agent_key_invalid: Agent key not found".into(), "Agent key not found".into())));
    let at = |text: &str| Some(parse_rfc3339(text).expect("time"));
    let expired = AgentKey { valid_to: at("2026-11-22T03:27:26.999Z"), ..agent_key() };
    assert_eq!(
        reason(run(Some(&expired))),
        Err(("agent_key_invalid: Agent key has expired".into(), "Agent key has expired".into()))
    );
    let future = AgentKey { valid_from: at("2026-11-22T03:27:27.001Z"), ..agent_key() };
    assert_eq!(
        reason(run(Some(&future))),
        Err(("agent_key_invalid: Agent key is not yet valid".into(), "Agent key is not yet valid".into()))
    );
    // The window's ends are inclusive, and `created_at` (10:01 on that day) plays no part.
    let exact =
        AgentKey { valid_from: at("2026-11-22T03:27:27Z"), valid_to: at("2026-11-22T03:27:27Z"), ..agent_key() };
    assert_eq!(run(Some(&exact)), Ok(()));
    // 32 bytes that are no curve point: refused when used, as the server does.
    let bytes = (0u8..=255).map(|b| [b; 32]).find(|k| ed25519_dalek::VerifyingKey::from_bytes(k).is_err());
    let not_a_point = AgentKey { public_key: bytes.expect("some byte pattern is no point"), ..agent_key() };
    assert_eq!(
        reason(run(Some(&not_a_point))).unwrap_err().0,
        "agent_key_invalid: signature verification failed: invalid public key format"
    );
    // Another registered key: the signature fails.
    let other = AgentKey {
        public_key: ed25519_dalek::SigningKey::from_bytes(&[3; 32]).verifying_key().to_bytes(),
        ..agent_key()
    };
    assert_eq!(run(Some(&other)).map_err(|r| r.reason()), Err("invalid_signature".into()));
}

#[test]
fn the_request_rules_refuse_the_whole_request_with_the_servers_answer() {
    let request = captured_request();
    let with = |change: &dyn Fn(&mut ReceivedIngest)| {
        let mut r = request.clone();
        change(&mut r);
        r
    };
    let id = request.events[1].event.event_id;
    let cases: Vec<(ReceivedIngest, u16, &str, String, Option<&str>)> = vec![
        (with(&|r| r.events.clear()), 400, "INVALID_FIELD_VALUE", "events must not be empty".into(), Some("events")),
        (
            with(&|r| r.events[2].event.store_id = Uuid::nil()),
            400,
            "INVALID_FIELD_VALUE",
            "All events in a batch must share the same tenantId and storeId".into(),
            None,
        ),
        (
            with(&|r| r.agent_id = Uuid::nil()),
            400,
            "INVALID_FIELD_VALUE",
            "event source_agent_id must match request agent_id".into(),
            Some("agentId"),
        ),
        (
            with(&|r| r.events[1].event.entity_id = String::new()),
            400,
            "INVALID_FIELD_VALUE",
            format!("Event {id} entity_id must be between 1 and 512 characters"),
            Some("events[1].entity_id"),
        ),
        (
            with(&|r| r.events[1].event.payload = None),
            400,
            "INVALID_FIELD_VALUE",
            format!("Event {id} missing payload for plaintext payload_kind"),
            Some("events[1].payload"),
        ),
        (
            with(&|r| r.events[1].event.payload = Some(Value::String("x".repeat(MAX_EVENT_PAYLOAD_SIZE)))),
            413,
            "PAYLOAD_TOO_LARGE",
            format!("Event {id} payload exceeds max_event_payload_size (1048578 > 1048576)"),
            Some("events[1].payload"),
        ),
        (
            with(&|r| {
                let first = r.events[0].clone();
                r.events = vec![first; MAX_EVENTS_PER_BATCH + 1];
            }),
            413,
            "PAYLOAD_TOO_LARGE",
            "Batch exceeds max_events_per_batch (1001 > 1000)".into(),
            Some("events"),
        ),
    ];
    for (bad, status, code, message, field) in cases {
        let err = check_ingest_request(&bad).expect_err(&message);
        assert_eq!((err.status(), err.code(), err.to_string()), (status, code, message));
        assert_eq!(err.numeric_code(), if status == 413 { 3004 } else { 3003 });
        assert_eq!(err.field(&bad).as_deref(), field);
    }
}

#[test]
fn malformed_bodies_are_400_or_422_naming_the_field() {
    let request = exchange("ingest 3 signed events")["request"].clone();
    let with = |path: &[&str], value: Value| {
        let mut body = request.clone();
        let mut at = &mut body;
        for key in path {
            at = match key.parse::<usize>() {
                Ok(index) => &mut at[index],
                Err(_) => &mut at[*key],
            };
        }
        *at = value;
        body.to_string()
    };
    let syntax = parse_ingest_request("{\"agentId\": ").unwrap_err();
    assert_eq!(syntax.status(), 400);
    assert!(syntax.to_string().starts_with("Failed to parse the request body as JSON: "), "{syntax}");
    let cases = [
        (with(&["agentId"], Value::from("nope")), "agentId"),
        (with(&["events", "0", "tenant_id"], Value::from("nope")), "events[0].tenant_id"),
        (with(&["events", "2", "agent_signature"], Value::from("abcd")), "events[2].agent_signature"),
        (with(&["events", "1", "payload_kind"], Value::from(2)), "events[1].payload_kind"),
        (with(&["events", "1", "command_id"], Value::from("nope")), "events[1].command_id"),
        (with(&["events", "1", "agent_signature_scheme"], Value::from("x")), "events[1].agent_signature_scheme"),
        (with(&["events", "1", "base_version"], Value::from(-1)), "events[1].base_version"),
        (with(&["events"], Value::from(3)), "events"),
    ];
    for (body, field) in cases {
        match parse_ingest_request(&body) {
            Err(err @ BodyError::Data { .. }) => {
                assert_eq!(err.status(), 422);
                let BodyError::Data { field: named, .. } = &err else { unreachable!() };
                assert_eq!(named, field, "{err}");
                assert!(err.to_string().starts_with("Failed to deserialize the JSON body into the target type: "));
            }
            other => panic!("{field}: {other:?}"),
        }
    }
    // The unsigned fields are kept (they decide replays); `0x` and upper-case hex are taken.
    let body = with(&["events", "0", "command_id"], Value::from("6b0d549b-6f03-475a-9600-a35a099950d8"));
    let parsed = parse_ingest_request(&body).expect("parses");
    assert_eq!(parsed.events[0].command_id, Some(Uuid::from_u128(0x6b0d549b_6f03_475a_9600_a35a099950d8)));
    let upper = request["events"][0]["agent_signature"].as_str().map(|s| format!("0x{}", s.to_uppercase()));
    let parsed = parse_ingest_request(&with(&["events", "0", "agent_signature"], Value::from(upper))).expect("parses");
    assert_eq!(parsed.events[0], captured_request().events[0]);
}

#[test]
fn submissions_are_replays_only_when_identical() {
    let request = captured_request();
    let stored = &request.events[0];
    let (tenant, store) = (stored.event.tenant_id, stored.event.store_id);
    assert_eq!(classify_submission(stored, None), Submission::New);
    assert_eq!(classify_submission(stored, Some((&tenant, &store, stored))), Submission::Replay);
    let mut changed = stored.clone();
    changed.base_version = Some(1);
    let duplicate = classify_submission(&changed, Some((&tenant, &store, stored)));
    let Submission::Duplicate(rejection) = duplicate else { panic!("{duplicate:?}") };
    assert_eq!(
        (rejection.reason(), rejection.message()),
        ("duplicate_event_id".into(), "Event ID already exists with different contents".into())
    );
    let elsewhere = classify_submission(stored, Some((&tenant, &Uuid::nil(), stored)));
    assert_eq!(
        elsewhere,
        Submission::Duplicate(Rejection::DuplicateEventId(Duplicate::OtherStream, stored.event.event_id))
    );
    let in_batch = duplicate_in_batch(stored.event.event_id);
    assert_eq!(in_batch.message(), format!("Event {} duplicated in batch", stored.event.event_id));
    assert_eq!((in_batch.code(), in_batch.field()), ("DUPLICATE_EVENT_ID", "event_id"));
}

#[test]
fn the_captured_registration_parses_and_is_answered_as_the_server_did() {
    let captured = exchange("register agent key");
    let registration = AgentKeyRegistration::from_json(&captured["request"].to_string()).expect("parses");
    let key = check_registration(&registration, SecurityProfile::Legacy).expect("accepted");
    assert_eq!(key, agent_key());
    assert_eq!(AgentKeyRegistered::to(&registration).to_value(), captured["response"]);
    // The client-side constructor writes the same body.
    let built = AgentKeyRegistration::ed25519(registration.tenant_id, registration.agent_id, 1, &key.public_key);
    assert_eq!(serde_json::from_str::<Value>(&built.to_json()).ok(), Some(captured["request"].clone()));
}

#[test]
fn each_registration_rule_is_refused_with_the_servers_message() {
    let base = AgentKeyRegistration::ed25519(Uuid::from_u128(1), Uuid::from_u128(2), 1, &agent_key().public_key);
    let with = |change: &dyn Fn(&mut AgentKeyRegistration)| {
        let mut r = base.clone();
        change(&mut r);
        check_registration(&r, SecurityProfile::Legacy).map_err(|e| (e.to_string(), e.field()))
    };
    let err = |message: &str, field: &'static str| Err((message.to_string(), field));
    assert_eq!(
        with(&|r| r.public_key = "zz".into()),
        err("Invalid public_key hex: Invalid character 'z' at position 0", "publicKey")
    );
    assert_eq!(
        with(&|r| r.public_key = "abc".into()),
        err("Invalid public_key hex: Odd number of digits", "publicKey")
    );
    assert_eq!(with(&|r| r.public_key = "0xabcd".into()), err("Public key must be 32 bytes", "publicKey"));
    assert_eq!(
        with(&|r| r.valid_from = Some("yesterday".into())),
        err("Invalid valid_from timestamp: premature end of input", "validFrom")
    );
    assert_eq!(
        with(&|r| r.valid_to = Some("2026-11-22T10:00:00Zx".into())),
        err("Invalid valid_to timestamp: trailing input", "validTo")
    );
    let pop = |ed25519_pop: &str| {
        Some(crate::ves::agent_keys::ProofOfPossessionBundle {
            ed25519_pop: Some(ed25519_pop.into()),
            ml_dsa_65_pop: None,
        })
    };
    assert_eq!(
        with(&|r| r.proof_of_possession_bundle = pop("00")),
        err("ed25519_pop must be 64 bytes", "proofOfPossessionBundle.ed25519Pop")
    );
    assert_eq!(
        with(&|r| r.proof_of_possession_bundle = pop(&"00".repeat(64))),
        err("Proof of possession verification failed: invalid signature format", "proofOfPossessionBundle")
    );
    assert_eq!(
        with(&|r| r.key_algorithm = Some(5)),
        err("key_algorithm 5 is not supported by this sequencer (Ed25519 keys only)", "keyAlgorithm")
    );
    assert_eq!(with(&|r| r.key_algorithm = Some(1)).map(|k| k.public_key), Ok(agent_key().public_key));
    let window = with(&|r| {
        r.valid_from = Some("2026-01-01T00:00:00Z".into());
        r.valid_to = Some("2027-01-01T00:00:00+01:00".into());
    })
    .expect("window");
    assert_eq!(window.valid_to.map(|t| t.unix_seconds), Some(1_798_758_000));
    assert!(matches!(AgentKeyRegistration::from_json("{"), Err(BodyError::Syntax(_))));
    let missing =
        AgentKeyRegistration::from_json("{\"tenantId\": \"00000000-0000-0000-0000-000000000001\"}").unwrap_err();
    assert_eq!(missing.status(), 422, "{missing}");
    let wrong = AgentKeyRegistration::from_json(&base.to_json().replace("\"keyId\":1", "\"keyId\":-1")).unwrap_err();
    assert!(matches!(&wrong, BodyError::Data { field, .. } if field == "keyId"), "{wrong:?}");
    assert_eq!(
        KeyRegistrationError::InvalidTimestamp { field: "valid_to", reason: Rfc3339Error::OutOfRange }.code(),
        "INVALID_TIMESTAMP"
    );
}

#[test]
fn received_events_round_trip_through_their_stored_form() {
    let mut received = captured_request().events[2].clone();
    assert_eq!(ReceivedEvent::from_value(&received.to_value()), Ok(received.clone()));
    received.command_id = Some(Uuid::from_u128(9));
    received.base_version = Some(4);
    received.event.agent_signature_scheme = Some(1);
    received.event.agent_signature_bundle =
        Some(crate::ves::SignatureBundle { ed25519_signature: Some([7; 64]), ml_dsa_65_signature: None });
    assert_eq!(ReceivedEvent::from_value(&received.to_value()), Ok(received));
}
