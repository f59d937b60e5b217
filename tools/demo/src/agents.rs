//! Store agents in other languages: a store named by `--agent` has its events signed by a
//! script through a binding (Python `setchain`, JS `@setchain/core/agent`) instead of here.
//!
//! The demo writes the store's unsigned events and its agent's seeds to a job file
//! (`<out>/agents/<store>.job.json`), runs `COMMAND JOB OUT`, and reads `OUT`: one ingest body
//! (`POST /api/v1/ves/events/ingest`) per line, each built, signed and serialised by the binding
//! alone. It posts those bodies, the script's bytes, only after comparing them with the bodies
//! set-core makes of the same events signed in Rust ([`crate::commerce::store_events`]): every
//! signature here is deterministic (Ed25519, and ML-DSA-65 from a seed with no randomness), so
//! a binding that signed another hash, laid the signatures out otherwise or serialised an event
//! differently fails the demo before the sequencer sees it.

use std::path::Path;

use serde_json::{json, Value};
use set_core::encoding::encode_hex;
use set_core::ves::VesEvent;

use crate::commerce::{self, Profile, Store};
use crate::network::DemoResult;

/// Events per ingest request, for every agent.
pub const EVENTS_PER_REQUEST: usize = 10;

/// `--agent STORE=NAME=COMMAND`: `NAME` (the language, for the output) signs `STORE`'s events
/// by running `COMMAND`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub store: String,
    pub name: String,
    pub command: String,
}

impl Agent {
    /// Reads `STORE=NAME=COMMAND`; the command may hold `=` itself.
    pub fn parse(spec: &str) -> DemoResult<Agent> {
        let mut parts = spec.splitn(3, '=');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(store), Some(name), Some(command))
                if !store.is_empty() && !name.is_empty() && !command.trim().is_empty() =>
            {
                Ok(Agent { store: store.into(), name: name.into(), command: command.into() })
            }
            _ => Err(format!("--agent {spec}: expected STORE=NAME=COMMAND")),
        }
    }
}

/// The job a script signs: the store's agent id and seeds (the ML-DSA-65 one only under
/// `hybrid`, where the agent signs with both keys), and each event's unsigned fields — the
/// constructor arguments of `UnsignedEvent` in every binding.
pub fn job(store: &Store, events: &[VesEvent], profile: Profile) -> Value {
    let fields: Vec<Value> = events
        .iter()
        .map(|event| {
            json!({
                "tenant_id": event.tenant_id,
                "store_id": event.store_id,
                "event_id": event.event_id,
                "source_agent_id": event.source_agent_id,
                "agent_key_id": event.agent_key_id,
                "entity_type": event.entity_type,
                "entity_id": event.entity_id,
                "event_type": event.event_type,
                "created_at": event.created_at,
                "payload": event.payload,
            })
        })
        .collect();
    json!({
        "store": store.name,
        "agent_id": store.agent_id,
        "ed25519_seed": encode_hex(&store.agent_seed),
        "ml_dsa_65_seed": (profile == Profile::Hybrid).then(|| encode_hex(&store.agent_ml_dsa_seed)),
        "events_per_request": EVENTS_PER_REQUEST,
        "events": fields,
    })
}

/// The ingest bodies set-core makes of `events`, signed in Rust: what every binding must
/// reproduce byte for byte.
pub fn expected_bodies(store: &Store, events: &[VesEvent]) -> Vec<String> {
    events.chunks(EVENTS_PER_REQUEST).map(|chunk| commerce::ingest_body(store.agent_id, chunk)).collect()
}

/// Runs `agent` on `store`'s `events` (signed in Rust, the reference), checks that the ingest
/// bodies it wrote equal set-core's byte for byte, and returns the lines it printed.
pub async fn sign_with(
    agent: &Agent,
    store: &Store,
    events: &[VesEvent],
    profile: Profile,
    dir: &Path,
) -> DemoResult<Vec<String>> {
    std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let job_path = dir.join(format!("{}.job.json", store.name));
    let out_path = dir.join(format!("{}.ingest.jsonl", store.name));
    let _ = std::fs::remove_file(&out_path);
    std::fs::write(&job_path, format!("{:#}\n", job(store, events, profile)))
        .map_err(|err| format!("{}: {err}", job_path.display()))?;
    let mut words = agent.command.split_whitespace();
    let program = words.next().ok_or("empty --agent command")?;
    let output = tokio::process::Command::new(program)
        .args(words)
        .arg(&job_path)
        .arg(&out_path)
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| format!("cannot run the {} agent {program}: {err}", agent.name))?;
    let printed: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&output.stderr).lines())
        .map(str::to_owned)
        .collect();
    if !output.status.success() {
        return Err(format!(
            "the {} agent of {} failed ({}):\n{}",
            agent.name,
            store.name,
            output.status,
            printed.join("\n")
        ));
    }
    let text = std::fs::read_to_string(&out_path).map_err(|err| format!("{}: {err}", out_path.display()))?;
    let bodies: Vec<String> = text.lines().map(str::to_owned).collect();
    compare(&expected_bodies(store, events), &bodies).map_err(|why| {
        format!("the {} agent's ingest bodies for {} differ from set-core's: {why}", agent.name, store.name)
    })?;
    Ok(printed)
}

/// `Ok` when `got` is `expected` byte for byte; else where they first differ: the request, and
/// the event and its fields when both parse.
pub fn compare(expected: &[String], got: &[String]) -> Result<(), String> {
    if expected.len() != got.len() {
        return Err(format!("{} ingest bodies, expected {}", got.len(), expected.len()));
    }
    let Some(request) = expected.iter().zip(got).position(|(e, g)| e != g) else {
        return Ok(());
    };
    let parse = |text: &str| serde_json::from_str::<Value>(text).ok();
    let (Some(want), Some(have)) = (parse(&expected[request]), parse(&got[request])) else {
        return Err(format!("request {request} is not the same JSON text"));
    };
    let (want_events, have_events) = (want["events"].as_array(), have["events"].as_array());
    if let (Some(want_events), Some(have_events)) = (want_events, have_events) {
        for (index, (w, h)) in want_events.iter().zip(have_events).enumerate() {
            let (Some(w), Some(h)) = (w.as_object(), h.as_object()) else { continue };
            let fields: std::collections::BTreeSet<&str> =
                w.keys().chain(h.keys()).filter(|k| w.get(*k) != h.get(*k)).map(String::as_str).collect();
            if !fields.is_empty() {
                let fields: Vec<&str> = fields.into_iter().collect();
                return Err(format!("request {request}, events[{index}] ({}): {}", w["entity_id"], fields.join(", ")));
            }
        }
    }
    Err(format!("request {request} is not the same text (same values, other bytes, or other events)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use set_core::ves::agent::{ingest_request, AgentSecretKey, UnsignedEvent};

    fn events(store: &Store, profile: Profile) -> Vec<VesEvent> {
        let now = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_795_000_000);
        commerce::store_events(store, now, 0..commerce::ORDERS_PER_STORE, profile).expect("sign")
    }

    /// What each binding script does with a job, done with set-core's own agent API (which the
    /// bindings only convert to): the job's fields and seeds must be all it takes to make the
    /// very bodies the demo signs in Rust, in both profiles.
    #[test]
    fn a_job_signed_with_the_agent_api_gives_the_rust_signed_bodies_byte_for_byte() {
        for profile in [Profile::Legacy, Profile::Hybrid] {
            let store = &commerce::stores()[2];
            let events = events(store, profile);
            let job = job(store, &events, profile);
            let seed = |name: &str| -> [u8; 32] {
                let bytes = hex::decode(job[name].as_str().expect(name).trim_start_matches("0x")).expect("hex");
                bytes.try_into().expect("32 bytes")
            };
            let key = match profile {
                Profile::Legacy => AgentSecretKey::Ed25519 { seed: seed("ed25519_seed") },
                Profile::Hybrid => AgentSecretKey::Hybrid {
                    ed25519_seed: seed("ed25519_seed"),
                    ml_dsa_65_seed: seed("ml_dsa_65_seed"),
                },
            };
            let signed: Vec<VesEvent> = job["events"]
                .as_array()
                .expect("events")
                .iter()
                .map(|fields| UnsignedEvent::from_json(&fields.to_string()).expect("fields").sign(&key).expect("sign"))
                .collect();
            let agent_id = job["agent_id"].as_str().expect("agent_id").parse().expect("uuid");
            let bodies: Vec<String> = signed
                .chunks(EVENTS_PER_REQUEST)
                .map(|chunk| ingest_request(agent_id, chunk).expect("request").to_json())
                .collect();
            assert_eq!(bodies.len(), events.len().div_ceil(EVENTS_PER_REQUEST));
            assert_eq!(compare(&expected_bodies(store, &events), &bodies), Ok(()), "{profile:?}");
            assert!(bodies.iter().all(|body| !body.contains('\n')), "one body per line");
        }
    }

    #[test]
    fn a_body_that_differs_is_refused_naming_the_event_and_field() {
        let store = &commerce::stores()[1];
        let events = events(store, Profile::Legacy);
        let expected = expected_bodies(store, &events);
        assert_eq!(compare(&expected, &expected), Ok(()));
        // Another key signed the 12th event (request 1, event 1).
        let mut forged = events.clone();
        forged[11].sign(&[0x55; 32]).expect("sign");
        let why = compare(&expected, &expected_bodies(store, &forged)).expect_err("differs");
        assert!(why.starts_with("request 1, events[1]") && why.ends_with(": agent_signature"), "{why}");
        // Same values, other bytes (pretty-printed).
        let mut pretty = expected.clone();
        pretty[0] = format!("{:#}", serde_json::from_str::<Value>(&expected[0]).expect("json"));
        assert!(compare(&expected, &pretty).expect_err("differs").contains("other bytes"));
        assert!(compare(&expected, &expected[1..]).expect_err("fewer").contains("expected 3"));
    }

    #[test]
    fn agent_specs_name_the_store_the_language_and_a_command_that_may_hold_equals_signs() {
        let agent = Agent::parse("acme-sf-retail=Python=python -X utf8=1 sign.py").expect("parses");
        assert_eq!(
            agent,
            Agent { store: "acme-sf-retail".into(), name: "Python".into(), command: "python -X utf8=1 sign.py".into() }
        );
        assert!(Agent::parse("acme-sf-retail=python sign.py").is_err());
        assert!(Agent::parse("=Python=python sign.py").is_err());
        assert!(Agent::parse("acme-sf-retail=Python= ").is_err());
    }
}
