//! The hybrid and `pqc-strict` captures of the real server, checked by the same functions.

use super::*;
use crate::ves::agent_keys::{check_registration, AgentKeyRegistration, KeyRegistrationError};

fn exchange(profile: SecurityProfile, name: &str) -> Value {
    let text = match profile {
        SecurityProfile::Hybrid => {
            include_str!("../../../../tests/captured/stateset-sequencer-0.2.7-hybrid-exchanges.json")
        }
        _ => include_str!("../../../../tests/captured/stateset-sequencer-0.2.7-pqc-strict-exchanges.json"),
    };
    let capture: Value = serde_json::from_str(text).unwrap_or_default();
    let found = capture["exchanges"].as_array().into_iter().flatten().find(|e| e["name"] == name).cloned();
    found.unwrap_or_else(|| panic!("no exchange {name}"))
}

fn registered(profile: SecurityProfile) -> (AgentKeyRegistration, AgentKey) {
    let name = match profile {
        SecurityProfile::Hybrid => "register hybrid agent key (proof of possession)",
        _ => "register pqc-strict agent key (proof of possession)",
    };
    let registration =
        AgentKeyRegistration::from_json(&exchange(profile, name)["request"].to_string()).expect("parses");
    let key = check_registration(&registration, profile).expect("the server accepted it");
    (registration, key)
}

fn events(profile: SecurityProfile, name: &str) -> Vec<ReceivedEvent> {
    parse_ingest_request(&exchange(profile, name)["request"].to_string()).expect("parses").events
}

fn now() -> Timestamp {
    parse_rfc3339("2026-12-07T09:18:56Z").expect("time")
}

#[test]
fn the_captured_pq_events_pass_and_legacy_ones_are_refused_with_the_servers_answer() {
    for (profile, accepted) in [
        (SecurityProfile::Hybrid, "ingest 3 hybrid events"),
        (SecurityProfile::PqcStrict, "ingest 3 pqc-strict events"),
    ] {
        let (_, key) = registered(profile);
        let good = events(profile, accepted);
        assert_eq!(good.len(), 3);
        for received in &good {
            assert_eq!(check_event(received, Some(&key), now(), profile), Ok(()), "{profile}");
        }
        // One flipped byte of the ML-DSA-65 signature fails that event.
        let mut tampered = good[0].clone();
        if let Some(signature) =
            tampered.event.agent_signature_bundle.as_mut().and_then(|b| b.ml_dsa_65_signature.as_mut())
        {
            signature[100] ^= 1;
        }
        assert_eq!(
            check_event(&tampered, Some(&key), now(), profile),
            Err(Rejection::InvalidSignature(SignatureFailure::VerificationFailed))
        );
        let refused = exchange(profile, "ingest a legacy Ed25519-signed event (rejected by this profile)");
        let legacy = events(profile, "ingest a legacy Ed25519-signed event (rejected by this profile)");
        let rejection = check_event(&legacy[0], Some(&key), now(), profile).expect_err("refused");
        let expected = &refused["response"]["rejections"][0];
        assert_eq!(rejection.reason(), expected["reason"].as_str().unwrap_or_default());
        assert_eq!(rejection.message(), expected["message"].as_str().unwrap_or_default());
        // The legacy profile would have taken the hybrid events (scheme-wise).
        assert!(
            SecurityProfile::Legacy.allows_scheme(SignatureScheme::from_field(good[0].event.agent_signature_scheme))
        );
    }
}

#[test]
fn registrations_are_answered_as_the_server_did_and_bad_proofs_refused() {
    for profile in [SecurityProfile::Hybrid, SecurityProfile::PqcStrict] {
        let (registration, key) = registered(profile);
        assert!(key.algorithm.has_ml_dsa());
        let refused = exchange(profile, "register a legacy Ed25519-only key (refused by this profile)");
        let legacy = AgentKeyRegistration::from_json(&refused["request"].to_string()).expect("parses");
        let err = check_registration(&legacy, profile).expect_err("refused");
        assert_eq!(Some(err.to_string().as_str()), refused["response"].as_str());

        // A proof over another key's bytes fails; so does none.
        let mut bad = registration.clone();
        if let Some(pop) = bad.proof_of_possession_bundle.as_mut() {
            pop.ml_dsa_65_pop = pop
                .ml_dsa_65_pop
                .as_ref()
                .map(|hex| format!("{}{}", if hex.starts_with('0') { "1" } else { "0" }, &hex[1..]));
        }
        let err = check_registration(&bad, profile).expect_err("bad proof");
        assert_eq!(err, KeyRegistrationError::ProofOfPossession(SignatureFailure::VerificationFailed));
        assert_eq!(err.to_string(), "Proof of possession verification failed: signature verification failed");
        bad.proof_of_possession_bundle = None;
        assert_eq!(check_registration(&bad, profile), Err(KeyRegistrationError::ProofOfPossessionRequired));
    }
}

#[cfg(feature = "signing")]
#[test]
fn the_registration_constructors_write_what_the_server_accepted() {
    let seed =
        |hex_seed: &str| -> [u8; 32] { hex::decode(hex_seed).ok().and_then(|b| b.try_into().ok()).expect("seed") };
    let ed25519 = seed("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    let ml_dsa = seed("576383b9fbed1f6f93e01ec78294c5792825fd66ec085a569f787422b815d74f");
    // The agent that made the captures signed its ML-DSA-65 proofs hedged (randomised); the
    // constructors sign deterministically, so that proof differs and must verify instead.
    let same_but_ml_dsa_pop = |built: AgentKeyRegistration, captured: AgentKeyRegistration, profile| {
        assert_eq!(
            check_registration(&built, profile).map(|k| k.ml_dsa_65_public_key),
            Ok(Some(crate::pq::signing::public_key(&ml_dsa)))
        );
        let strip = |mut r: AgentKeyRegistration| {
            if let Some(pop) = r.proof_of_possession_bundle.as_mut() {
                pop.ml_dsa_65_pop = None;
            }
            r
        };
        assert_eq!(strip(built), strip(captured));
    };
    let (captured, _) = registered(SecurityProfile::Hybrid);
    let built = AgentKeyRegistration::hybrid(captured.tenant_id, captured.agent_id, 1, &ed25519, &ml_dsa);
    same_but_ml_dsa_pop(built, captured, SecurityProfile::Hybrid);
    let (captured, _) = registered(SecurityProfile::PqcStrict);
    let built = AgentKeyRegistration::ml_dsa_65(captured.tenant_id, captured.agent_id, 1, &ml_dsa);
    same_but_ml_dsa_pop(built, captured, SecurityProfile::PqcStrict);
}
