//! The store agent's side against the real sequencer's captured exchanges (tests/captured) in its
//! three profiles: the captured events rebuild from the agent's fields, take the agent's
//! signatures through the external-signer path to the very bytes it sent and re-sign here, the
//! ingest answers read into verified receipts, and the answers assemble into bundles that verify —
//! while parts that do not belong together are refused.
#![cfg(all(feature = "ml-dsa", feature = "signing"))]

use serde_json::{json, Value};
use set_core::encoding::encode_hex;
use set_core::pq;
use set_core::receipt::{verify_receipt, ReceiptBundle, Trust};
use set_core::sequencer::{
    commitment_holding, parse_inclusion_proof, parse_ves_commitment, parse_ves_commitment_list, IngestRequest,
};
use set_core::ves::agent::{ingest_request, read_ingest_response, AgentSecretKey, UnsignedEvent};

mod captures;
use captures::{
    exchange, seed, AGENT_ED25519_SEED, AGENT_ML_DSA_SEED, HYBRID, LEGACY, PQC_STRICT, SEQUENCER_ED25519,
    SEQUENCER_ML_DSA_SEED,
};

struct Profile {
    capture: &'static str,
    ingest: &'static str,
    key: AgentSecretKey,
}

fn profiles() -> Vec<Profile> {
    vec![
        Profile {
            capture: LEGACY,
            ingest: "ingest 3 signed events",
            key: AgentSecretKey::Ed25519 { seed: seed(AGENT_ED25519_SEED) },
        },
        Profile {
            capture: HYBRID,
            ingest: "ingest 3 hybrid events",
            key: AgentSecretKey::Hybrid {
                ed25519_seed: seed(AGENT_ED25519_SEED),
                ml_dsa_65_seed: seed(AGENT_ML_DSA_SEED),
            },
        },
        Profile {
            capture: PQC_STRICT,
            ingest: "ingest 3 pqc-strict events",
            key: AgentSecretKey::MlDsa65 { seed: seed(AGENT_ML_DSA_SEED) },
        },
    ]
}

/// The pinned sequencer keys, both algorithms.
fn trust() -> Trust {
    Trust::from_value(json!({
        "sequencer_public_keys": [SEQUENCER_ED25519],
        "sequencer_ml_dsa_65_public_keys": [encode_hex(&pq::signing::public_key(&seed(SEQUENCER_ML_DSA_SEED)))],
        "agent_public_key": "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "agent_ml_dsa_65_public_key": encode_hex(&pq::signing::public_key(&seed(AGENT_ML_DSA_SEED))),
    }))
    .unwrap()
}

#[test]
fn captured_events_rebuild_and_sign_to_the_bytes_the_agent_sent_in_every_profile() {
    for profile in profiles() {
        let ingest = exchange(profile.capture, profile.ingest);
        let request: IngestRequest = serde_json::from_value(ingest["request"].clone()).unwrap();
        let mut signed = Vec::new();
        for (k, sent) in ingest["request"]["events"].as_array().unwrap().iter().enumerate() {
            // From the agent's fields alone: no hashes, no signatures.
            let mut fields = sent.clone();
            for key in ["payload_plain_hash", "payload_cipher_hash", "agent_signature", "agent_signature_scheme"] {
                fields.as_object_mut().unwrap().remove(key);
            }
            fields.as_object_mut().unwrap().remove("agent_signature_bundle");
            let unsigned = UnsignedEvent::from_json(&fields.to_string()).unwrap();
            assert_eq!(unsigned.signing_hash().unwrap(), request.events[k].signing_hash().unwrap());
            // The external-signer path: the signatures the agent sent, checked with its public
            // key, give the very event it sent.
            let sent_event = &request.events[k];
            let sent_bundle = sent_event.agent_signature_bundle.clone().unwrap_or_default();
            let ed25519 = (sent_event.agent_signature != [0; 64]).then_some(sent_event.agent_signature);
            let public_key = profile.key.public_key().unwrap();
            let attached = unsigned
                .attach_signatures(
                    &public_key,
                    ed25519.as_ref().map(|s| s.as_slice()),
                    sent_bundle.ml_dsa_65_signature.as_deref(),
                )
                .unwrap();
            assert_eq!(&attached, sent_event, "{} event {k}", profile.ingest);
            // Signing here: Ed25519 is deterministic, so the same bytes; the capture's agent
            // signed ML-DSA-65 hedged (randomised), so that half differs but verifies.
            let event = unsigned.sign(&profile.key).unwrap();
            let mut comparable = event.clone();
            if let (Some(ours), Some(theirs)) =
                (&mut comparable.agent_signature_bundle, &sent_event.agent_signature_bundle)
            {
                ours.ml_dsa_65_signature.clone_from(&theirs.ml_dsa_65_signature);
            }
            assert_eq!(&comparable, sent_event, "{} event {k}", profile.ingest);
            let bundle = event.agent_signature_bundle.clone().unwrap_or_default();
            let again = unsigned
                .attach_signatures(
                    &public_key,
                    ed25519.as_ref().map(|s| s.as_slice()),
                    bundle.ml_dsa_65_signature.as_deref(),
                )
                .unwrap();
            assert_eq!(again, event);
            signed.push(event);
        }
        // The request body holds the events signed here, and passes the request rules.
        let body = ingest_request(request.agent_id, &signed).unwrap();
        assert_eq!(body.events, signed);
        assert_eq!(ingest_request(request.agent_id, &request.events).unwrap(), request);
    }
}

#[test]
fn captured_ingest_answers_read_into_receipts_verified_on_arrival() {
    for profile in profiles() {
        let ingest = exchange(profile.capture, profile.ingest);
        let request: IngestRequest = serde_json::from_value(ingest["request"].clone()).unwrap();
        let outcome = read_ingest_response(&ingest["response"].to_string(), &request.events, &trust()).unwrap();
        assert_eq!(outcome.accepted.len(), 3, "{}", profile.ingest);
        assert!(outcome.rejections.is_empty());
        for (accepted, event) in outcome.accepted.iter().zip(&request.events) {
            assert_eq!(&accepted.event, event);
        }
        // With another sequencer key pinned, no receipt is kept.
        let mut other = trust();
        other.sequencer_public_keys = vec![set_core::ves::signing::public_key(&[7; 32])];
        other.sequencer_ml_dsa_65_public_keys = vec![pq::signing::public_key(&[7; 32])];
        let err = read_ingest_response(&ingest["response"].to_string(), &request.events, &other).unwrap_err();
        assert_eq!((err.code(), err.field()), ("RECEIPT_NOT_VERIFIED", "receipts[0]"), "{err}");
        // A receipt for an event that was not sent is refused.
        let err = read_ingest_response(&ingest["response"].to_string(), &request.events[1..], &trust()).unwrap_err();
        assert_eq!((err.code(), err.field()), ("UNEXPECTED_RECEIPT", "receipts[0].eventId"), "{err}");
    }
}

#[test]
fn captured_rejections_keep_the_servers_reasons() {
    for (capture, name) in [
        (HYBRID, "ingest a legacy Ed25519-signed event (rejected by this profile)"),
        (PQC_STRICT, "ingest a legacy Ed25519-signed event (rejected by this profile)"),
    ] {
        let ingest = exchange(capture, name);
        let request: IngestRequest = serde_json::from_value(ingest["request"].clone()).unwrap();
        let outcome = read_ingest_response(&ingest["response"].to_string(), &request.events, &trust()).unwrap();
        assert!(outcome.accepted.is_empty());
        assert_eq!(outcome.rejections.len(), 1);
        assert_eq!(outcome.rejections[0].reason, ingest["response"]["rejections"][0]["reason"]);
        assert_eq!(outcome.rejections[0].event_id, request.events[0].event_id);
    }
}

#[test]
fn captured_answers_assemble_into_bundles_that_verify_in_every_profile() {
    for profile in profiles() {
        let ingest = exchange(profile.capture, profile.ingest);
        let request: IngestRequest = serde_json::from_value(ingest["request"].clone()).unwrap();
        let outcome = read_ingest_response(&ingest["response"].to_string(), &request.events, &trust()).unwrap();
        let commitment =
            parse_ves_commitment(&exchange(profile.capture, "get commitment")["response"].to_string()).unwrap();
        for accepted in &outcome.accepted {
            let sequence = accepted.receipt.sequence_number;
            let found = commitment_holding(
                std::slice::from_ref(&commitment),
                &accepted.event.tenant_id,
                &accepted.event.store_id,
                sequence,
            )
            .unwrap();
            let proof = parse_inclusion_proof(
                &exchange(profile.capture, &format!("inclusion proof seq {sequence}"))["response"].to_string(),
            )
            .unwrap();
            let bundle =
                ReceiptBundle::from_sequencer(accepted.event.clone(), &accepted.receipt, found, &proof, None).unwrap();
            let verdict = verify_receipt(&bundle, &trust()).unwrap();
            assert!(verdict.valid, "{}: {:?}", profile.ingest, verdict.to_json());
        }
    }
}

#[test]
fn the_commitment_list_locates_the_commitment_of_a_sequence_number() {
    let list = parse_ves_commitment_list(
        &exchange(LEGACY, "list unanchored commitments of the stream")["response"].to_string(),
    )
    .unwrap();
    let commitment = parse_ves_commitment(&exchange(LEGACY, "get commitment")["response"].to_string()).unwrap();
    let (tenant, store) = (commitment.tenant_id, commitment.store_id);
    for sequence in 1..=3 {
        assert_eq!(
            commitment_holding(&list.commitments, &tenant, &store, sequence).unwrap().batch_id,
            commitment.batch_id
        );
    }
    assert!(commitment_holding(&list.commitments, &tenant, &store, 4).is_none());
    assert!(commitment_holding(&list.commitments, &store, &tenant, 1).is_none());
}

#[test]
fn parts_that_do_not_belong_together_are_refused_naming_the_part() {
    let ingest = exchange(LEGACY, "ingest 3 signed events");
    let request: IngestRequest = serde_json::from_value(ingest["request"].clone()).unwrap();
    let outcome = read_ingest_response(&ingest["response"].to_string(), &request.events, &trust()).unwrap();
    let commitment = parse_ves_commitment(&exchange(LEGACY, "get commitment")["response"].to_string()).unwrap();
    let proof = |seq: u64| {
        parse_inclusion_proof(&exchange(LEGACY, &format!("inclusion proof seq {seq}"))["response"].to_string()).unwrap()
    };
    let first = &outcome.accepted[0];
    let assemble = |event: &set_core::ves::VesEvent,
                    receipt: &set_core::sequencer::IngestReceipt,
                    commitment: &set_core::sequencer::VesCommitment,
                    proof: &set_core::sequencer::VesInclusionProof| {
        let err = ReceiptBundle::from_sequencer(event.clone(), receipt, commitment, proof, None).unwrap_err();
        (err.code(), err.field().to_string())
    };
    let mismatch = |field: &str| ("PARTS_MISMATCH", field.to_string());
    // Another event's receipt.
    assert_eq!(
        assemble(&first.event, &outcome.accepted[1].receipt, &commitment, &proof(1)),
        mismatch("receipt.event_id")
    );
    // A commitment of another stream.
    let mut other_stream = commitment.clone();
    other_stream.store_id = uuid::Uuid::from_u128(9);
    assert_eq!(assemble(&first.event, &first.receipt, &other_stream, &proof(1)), mismatch("commitment.store_id"));
    other_stream.tenant_id = uuid::Uuid::from_u128(9);
    assert_eq!(assemble(&first.event, &first.receipt, &other_stream, &proof(1)), mismatch("commitment.tenant_id"));
    // A commitment whose range does not hold the event.
    let mut later = commitment.clone();
    later.sequence_start = 2;
    assert_eq!(assemble(&first.event, &first.receipt, &later, &proof(1)), mismatch("commitment.sequence_start"));
    // The proof of another sequence number, another commitment, another root, index or leaf.
    assert_eq!(assemble(&first.event, &first.receipt, &commitment, &proof(2)), mismatch("proof.sequence_number"));
    let mut edited = proof(1);
    edited.batch_id = uuid::Uuid::from_u128(9);
    assert_eq!(assemble(&first.event, &first.receipt, &commitment, &edited), mismatch("proof.batch_id"));
    let mut edited = proof(1);
    edited.merkle_root = Default::default();
    assert_eq!(assemble(&first.event, &first.receipt, &commitment, &edited), mismatch("proof.merkle_root"));
    let mut edited = proof(1);
    edited.leaf_index = 1;
    assert_eq!(assemble(&first.event, &first.receipt, &commitment, &edited), mismatch("proof.leaf_index"));
    let mut edited = proof(1);
    edited.leaf_hash = proof(2).leaf_hash;
    assert_eq!(assemble(&first.event, &first.receipt, &commitment, &edited), mismatch("proof.leaf_hash"));
    // The event edited after its receipt: its leaf is not the proof's.
    let mut edited_event = first.event.clone();
    edited_event.entity_id.push('X');
    assert_eq!(assemble(&edited_event, &first.receipt, &commitment, &proof(1)), mismatch("proof.leaf_hash"));
    // The parts as given assemble.
    assert!(ReceiptBundle::from_sequencer(first.event.clone(), &first.receipt, &commitment, &proof(1), None).is_ok());
}

#[test]
fn batch_committed_logs_locate_the_commitment_of_a_sequence_number() {
    use alloy_primitives::{Address, B256};
    use alloy_sol_types::SolEvent;
    use set_core::registry::{batch_committed_filter, commitment_holding_in_logs, stream_topic, ISetRegistry};
    let (tenant, store) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
    let registry = Address::repeat_byte(0x5e);
    let filter = batch_committed_filter(&registry, &tenant, &store, 16, None);
    assert_eq!(filter["topics"][0], ISetRegistry::BatchCommitted::SIGNATURE_HASH.to_string());
    assert_eq!(filter["topics"][2], stream_topic(&tenant, &store).to_string());
    assert_eq!((filter["fromBlock"].as_str(), filter["toBlock"].as_str()), (Some("0x10"), Some("latest")));
    let log = |batch: u128, tenant: &uuid::Uuid, start: u64, end: u64, block: u64| {
        let event = ISetRegistry::BatchCommitted {
            batchId: set_core::ids::uuid_to_bytes32(&uuid::Uuid::from_u128(batch)),
            tenantStoreKey: stream_topic(tenant, &store),
            eventsRoot: B256::repeat_byte(1),
            newStateRoot: B256::repeat_byte(2),
            sequenceStart: start,
            sequenceEnd: end,
            eventCount: (end - start + 1) as u32,
        };
        let data = event.encode_log_data();
        json!({
            "topics": data.topics().iter().map(|t| t.to_string()).collect::<Vec<_>>(),
            "data": encode_hex(&data.data),
            "transactionHash": B256::repeat_byte(block as u8).to_string(),
            "blockNumber": format!("{block:#x}"),
            "blockHash": B256::repeat_byte(0xb0 + block as u8).to_string(),
        })
    };
    let other_stream = uuid::Uuid::from_u128(7);
    let mut removed = log(8, &tenant, 1, 10, 3);
    removed["removed"] = json!(true);
    let logs =
        json!([log(9, &other_stream, 1, 10, 2), removed, log(10, &tenant, 1, 10, 4), log(11, &tenant, 11, 20, 5)]);
    let found = commitment_holding_in_logs(&logs, &tenant, &store, 12).unwrap().unwrap();
    assert_eq!((found.batch_id, found.block_number), (uuid::Uuid::from_u128(11), 5));
    let found = commitment_holding_in_logs(&logs, &tenant, &store, 1).unwrap().unwrap();
    assert_eq!((found.batch_id, found.block_hash), (uuid::Uuid::from_u128(10), B256::repeat_byte(0xb4)));
    assert_eq!(found.transaction_hash, B256::repeat_byte(4));
    assert!(commitment_holding_in_logs(&logs, &tenant, &store, 21).unwrap().is_none());
    let err = commitment_holding_in_logs(&json!([{"topics": ["0x12"]}]), &tenant, &store, 1).unwrap_err();
    assert_eq!(err.code(), "INVALID_ABI");
}

/// `tests/vectors/agent.json`, the bytes every binding must reproduce: each event rebuilds from
/// its fields, hashes and signs to the recorded bytes, and its signatures pass the
/// external-signer path with the recorded public keys.
#[test]
fn the_shared_agent_vectors_reproduce() {
    let vectors: Value = serde_json::from_str(include_str!("../../tests/vectors/agent.json")).unwrap();
    let keys = &vectors["keys"];
    let ed25519 = seed(keys["ed25519_seed"].as_str().unwrap());
    let ml_dsa = seed(keys["ml_dsa_65_seed"].as_str().unwrap());
    let secret = |name: &str| match name {
        "ed25519" => AgentSecretKey::Ed25519 { seed: ed25519 },
        "hybrid" => AgentSecretKey::Hybrid { ed25519_seed: ed25519, ml_dsa_65_seed: ml_dsa },
        _ => AgentSecretKey::MlDsa65 { seed: ml_dsa },
    };
    let mut checked = 0;
    for case in vectors["events"].as_array().unwrap() {
        let unsigned = UnsignedEvent::from_json(&case["fields"].to_string()).unwrap();
        assert_eq!(unsigned.signing_hash().unwrap().to_string(), case["event_signing_hash"]);
        for (name, expected) in case["signed"].as_object().unwrap() {
            let event = unsigned.sign(&secret(name)).unwrap();
            assert_eq!(serde_json::to_value(&event).unwrap(), *expected, "{name}");
            let public = &keys["public_keys"][name];
            let public = set_core::ves::agent::AgentPublicKey::from_hex(
                public["ed25519"].as_str(),
                public["ml_dsa_65"].as_str(),
            )
            .unwrap();
            let bundle = event.agent_signature_bundle.clone().unwrap_or_default();
            let attached = unsigned
                .attach_signatures(&public, Some(&event.agent_signature), bundle.ml_dsa_65_signature.as_deref())
                .unwrap();
            assert_eq!(attached, event);
            checked += 1;
        }
    }
    assert_eq!(checked, 6);
}

/// `tests/vectors/agent.json`, `key_registrations`: each kind of key's registration body builds
/// from the seeds to the recorded text, passes the server's checks (the proof of possession
/// verifies) under a profile that takes its algorithm, and the recorded answer reads back.
#[test]
fn the_shared_key_registration_vectors_reproduce() {
    use set_core::ves::agent_keys::{
        check_registration, key_registration_request, read_key_registration_response, AgentKeyRegistered,
        AgentKeyRegistration, AGENT_KEYS_PATH,
    };
    use set_core::ves::profile::SecurityProfile;
    let vectors: Value = serde_json::from_str(include_str!("../../tests/vectors/agent.json")).unwrap();
    let ed25519 = seed(vectors["keys"]["ed25519_seed"].as_str().unwrap());
    let ml_dsa = seed(vectors["keys"]["ml_dsa_65_seed"].as_str().unwrap());
    let cases = vectors["key_registrations"].as_array().unwrap();
    let names: Vec<&str> = cases.iter().map(|case| case["key"].as_str().unwrap()).collect();
    assert_eq!(names, ["ed25519", "hybrid", "ml_dsa_65", "ed25519"]);
    for case in cases {
        let (key, profile) = match case["key"].as_str().unwrap() {
            "ed25519" => (AgentSecretKey::Ed25519 { seed: ed25519 }, SecurityProfile::Legacy),
            "hybrid" => {
                (AgentSecretKey::Hybrid { ed25519_seed: ed25519, ml_dsa_65_seed: ml_dsa }, SecurityProfile::Hybrid)
            }
            _ => (AgentSecretKey::MlDsa65 { seed: ml_dsa }, SecurityProfile::PqcStrict),
        };
        let uuid = |field: &str| uuid::Uuid::parse_str(case[field].as_str().unwrap()).unwrap();
        let key_id = u32::try_from(case["key_id"].as_u64().unwrap()).unwrap();
        let (valid_from, valid_to) = (case["valid_from"].as_str(), case["valid_to"].as_str());
        let registration =
            key_registration_request(uuid("tenant_id"), uuid("agent_id"), key_id, &key, valid_from, valid_to).unwrap();
        assert_eq!(registration.to_json(), case["body"].as_str().unwrap(), "{}", case["key"]);
        assert_eq!(case["path"], AGENT_KEYS_PATH);
        let sent = AgentKeyRegistration::from_json(case["body"].as_str().unwrap()).unwrap();
        check_registration(&sent, profile).unwrap_or_else(|err| panic!("{}: {err}", case["key"]));
        let answer = read_key_registration_response(&case["answer"].to_string()).unwrap();
        assert_eq!(answer, AgentKeyRegistered::to(&registration));
    }
    assert!(cases[3]["body"].as_str().unwrap().contains(r#""validFrom":"2026-01-01T00:00:00Z","validTo""#));
    let truncated = read_key_registration_response(&cases[0]["answer"].to_string()[..40]).unwrap_err();
    assert_eq!((truncated.code(), truncated.field()), ("INVALID_JSON", "$"));
    let key = AgentSecretKey::Ed25519 { seed: ed25519 };
    let (tenant, agent) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
    for (valid_from, valid_to, field) in
        [(Some("2026-13-01T00:00:00Z"), None, "validFrom"), (None, Some("tomorrow"), "validTo")]
    {
        let err = key_registration_request(tenant, agent, 1, &key, valid_from, valid_to).unwrap_err();
        assert_eq!((err.code(), err.field()), ("INVALID_TIMESTAMP", field));
    }
}
