//! `set` against a real network on loopback: the dev sequencer, anvil with SetRegistry and the
//! real anchor (set-client's test support, shared): an event built, signed and sent by the
//! binary, its receipt written; `set bundle` waiting while the commitment is made and anchored;
//! the bundle verified online at `anchored`; a wrong API key a network failure (exit 3).

#[allow(dead_code)]
#[path = "../../client/tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use uuid::Uuid;

fn set(args: &[&str], api_key: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_set"));
    command
        .args(args)
        .env("SET_API_KEY", api_key)
        .env_remove("SET_TRUST")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn run(args: &[&str], api_key: &str) -> Output {
    set(args, api_key).output().expect("run set")
}

fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_sent_by_set_is_bundled_once_anchored_and_verifies_online() {
    let chain = support::start_chain().await;
    let sequencer = support::start_sequencer();
    let (tenant, store, agent) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    support::register_agent(&sequencer.url, tenant, agent).await;

    let dir = std::env::temp_dir().join(format!("set-cli-e2e-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let trust = path(&dir, "trust-root.json");
    std::fs::write(&trust, support::trust_root(&chain.registry)).expect("trust root");
    let seed = path(&dir, "agent.ed25519");
    let seed_hex: String = support::AGENT_SEED.iter().map(|byte| format!("{byte:02x}")).collect();
    std::fs::write(&seed, seed_hex).expect("seed");
    let (event, signed, receipt, bundle) =
        (path(&dir, "event.json"), path(&dir, "signed.json"), path(&dir, "receipt.json"), path(&dir, "bundle.json"));

    let (tenant, store, agent) = (tenant.to_string(), store.to_string(), agent.to_string());
    let new = [
        "event",
        "new",
        "--tenant",
        &tenant,
        "--store",
        &store,
        "--agent",
        &agent,
        "--entity-type",
        "Order",
        "--entity-id",
        "ORD-1",
        "--event-type",
        "order.created",
        "--payload",
        r#"{"total_cents": 1250}"#,
        "-o",
        &event,
    ];
    assert_exit(&run(&new, ""), 0);
    assert_exit(&run(&["event", "sign", &event, "--ed25519-seed-file", &seed, "-o", &signed], ""), 0);

    // A wrong key: the sequencer's 401, a network failure.
    let send = ["event", "send", &signed, "--sequencer", &sequencer.url, "--trust", &trust, "--json"];
    let refused = run(&send, "ss_wrong");
    assert_exit(&refused, 3);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("SEQUENCER_STATUS"));

    let mut with_out = send.to_vec();
    with_out.extend(["-o", &receipt]);
    let sent = run(&with_out, support::API_KEY);
    assert_exit(&sent, 0);
    let printed: Value = serde_json::from_slice(&sent.stdout).expect("receipt JSON");
    assert_eq!(printed["sequenceNumber"], 1);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&receipt).expect("receipt")).expect("json");
    assert_eq!(written, printed);

    // `set bundle` waits for the commitment and its anchoring, which happen meanwhile.
    let bundling = set(
        &[
            "bundle",
            "--event",
            &signed,
            "--receipt",
            &receipt,
            "--trust",
            &trust,
            "--sequencer",
            &sequencer.url,
            "--rpc-url",
            &chain.rpc_url,
            "--timeout",
            "120",
            "-o",
            &bundle,
        ],
        support::API_KEY,
    )
    .spawn()
    .expect("start set bundle");
    let (tenant, store) = (tenant.parse().expect("uuid"), store.parse().expect("uuid"));
    support::commit(&sequencer.url, tenant, store, 1, 1).await;
    support::anchor_pending(&chain, &sequencer.url).await;
    let bundled = tokio::task::spawn_blocking(move || bundling.wait_with_output()).await.expect("join").expect("wait");
    assert_exit(&bundled, 0);
    assert!(
        String::from_utf8_lossy(&bundled.stdout).contains("✔ wrote"),
        "{}",
        String::from_utf8_lossy(&bundled.stdout)
    );

    let offline = run(&["verify", &bundle, "--trust", &trust, "--json"], "");
    assert_exit(&offline, 0);
    let verdict: Value = serde_json::from_slice(&offline.stdout).expect("verdict");
    assert_eq!(verdict["level"], "committed");
    let online = run(&["verify", &bundle, "--trust", &trust, "--online", "--rpc-url", &chain.rpc_url, "--json"], "");
    assert_exit(&online, 0);
    let verdict: Value = serde_json::from_slice(&online.stdout).expect("verdict");
    assert_eq!((verdict["valid"].as_bool(), verdict["level"].as_str()), (Some(true), Some("anchored")));
    assert_eq!(verdict["checks"]["onchain"], "pass");

    // The stream audited end to end, with an export of its one event: clean.
    let sequence_number = serde_json::from_str::<Value>(&std::fs::read_to_string(&receipt).expect("receipt"))
        .expect("receipt json")["sequenceNumber"]
        .clone();
    assert!(sequence_number.is_u64(), "{sequence_number}");
    let signed_event: Value = serde_json::from_str(&std::fs::read_to_string(&signed).expect("signed")).expect("json");
    let export = path(&dir, "export.json");
    let items = serde_json::json!([{"sequence_number": sequence_number, "event": signed_event}]);
    std::fs::write(&export, items.to_string()).expect("write export");
    let (tenant, store) = (tenant.to_string(), store.to_string());
    let audit = |export: &str| {
        run(
            &[
                "audit",
                "--tenant",
                &tenant,
                "--store",
                &store,
                "--trust",
                &trust,
                "--sequencer",
                &sequencer.url,
                "--rpc-url",
                &chain.rpc_url,
                "--events",
                export,
                "--json",
            ],
            support::API_KEY,
        )
    };
    let clean = audit(&export);
    assert_exit(&clean, 0);
    let report: Value = serde_json::from_slice(&clean.stdout).expect("report");
    assert_eq!(report["format"], "set-stream-audit-v1");
    assert_eq!((report["ok"].as_bool(), report["summary"]["events_checked"].as_u64()), (Some(true), Some(1)));
    assert_eq!(report["summary"]["onchain_commitments"], 1);
    // The same export with the event's payload edited: a finding, exit 1.
    let mut edited = items;
    edited[0]["event"]["payload"] = serde_json::json!({"edited": true});
    let tampered = path(&dir, "export-edited.json");
    std::fs::write(&tampered, edited.to_string()).expect("write export");
    let found = audit(&tampered);
    assert_exit(&found, 1);
    let report: Value = serde_json::from_slice(&found.stdout).expect("report");
    let codes: Vec<&str> =
        report["findings"].as_array().expect("findings").iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(codes.contains(&"PAYLOAD_HASH_MISMATCH"), "{codes:?}");

    // An RPC nothing listens on: exit 3.
    let down =
        run(&["verify", &bundle, "--trust", &trust, "--online", "--rpc-url", "http://127.0.0.1:9", "--json"], "");
    assert_exit(&down, 3);
    let _ = std::fs::remove_dir_all(&dir);
}
