//! The `set` binary run as a user runs it: stdout compared with the files in `tests/golden/`
//! (`UPDATE_GOLDEN=1 cargo test -p set-cli --test golden` rewrites them), exit codes, and the
//! error's code and field on stderr. Inputs come from the repository's conformance cases and
//! vectors, so the outputs are set-core's answers on known material.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn json_file(relative: &str) -> Value {
    let text = std::fs::read_to_string(root().join(relative)).unwrap_or_else(|err| panic!("{relative}: {err}"));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{relative}: {err}"))
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("set-cli-{name}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path.to_string_lossy().into_owned()
}

/// Runs `set args…` with `stdin`, colours off.
fn set(args: &[&str], stdin: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_set"))
        .args(args)
        .env_remove("SET_API_KEY")
        .env_remove("SET_TRUST")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run set");
    // A run that fails on its arguments exits before reading stdin: the pipe may be closed.
    let _ = child.stdin.take().expect("stdin").write_all(stdin.as_bytes());
    child.wait_with_output().expect("set output")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Compares `actual` with `tests/golden/<name>`, or writes it there under `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| value == "1") {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("{}: {err} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(actual, expected, "stdout differs from {} (UPDATE_GOLDEN=1 rewrites it)", path.display());
}

/// The error `set --json` printed on stderr: its code and field.
fn error_of(output: &Output) -> (String, Option<String>) {
    let text = String::from_utf8_lossy(&output.stderr);
    let value: Value = serde_json::from_str(text.trim()).unwrap_or_else(|err| panic!("{err}: {text}"));
    let error = &value["error"];
    (error["code"].as_str().unwrap_or_default().to_owned(), error["field"].as_str().map(str::to_owned))
}

/// A conformance case's bundle (on stdin) and trust (a file): `set verify - --trust FILE extra…`.
fn verify_case(case: &str, extra: &[&str]) -> (Output, Value) {
    let case = json_file(&format!("tests/conformance/cases/{case}.json"));
    let dir = scratch("verify");
    let trust = write(&dir, "trust.json", &case["trust"].to_string());
    let mut args = vec!["verify", "-", "--trust", &trust];
    args.extend_from_slice(extra);
    (set(&args, &case["bundle"].to_string()), case)
}

#[test]
fn verify_prints_the_verdict_every_check_and_exits_0_when_valid_and_1_when_not() {
    let (valid, _) = verify_case("valid-committed", &[]);
    assert_exit(&valid, 0);
    golden("verify-valid.txt", &stdout(&valid));

    let (tampered, _) = verify_case("tamper-receipt-hash", &[]);
    assert_exit(&tampered, 1);
    golden("verify-tampered.txt", &stdout(&tampered));
    assert!(stdout(&tampered).contains("receipt_hash         fail"), "{}", stdout(&tampered));
}

#[test]
fn verify_json_is_the_cores_verdict_and_matches_the_case() {
    let (output, case) = verify_case("valid-anchored", &["--json"]);
    assert_exit(&output, 0);
    golden("verify-valid-anchored.json", &stdout(&output));
    let verdict: Value = serde_json::from_str(&stdout(&output)).expect("verdict JSON");
    for key in ["valid", "level", "checks", "signatures"] {
        assert_eq!(verdict[key], case["expect"][key], "{key}");
    }
}

#[test]
fn unreadable_input_exits_2_with_the_cores_code_and_field() {
    let (output, case) = verify_case("error-bad-hex", &["--json"]);
    assert_exit(&output, 2);
    let (code, field) = error_of(&output);
    assert_eq!(code, case["expect"]["error"]["code"].as_str().expect("code"));
    assert_eq!(field.as_deref(), case["expect"]["error"]["field"].as_str());
    // The human form names both too.
    let (human, _) = verify_case("error-bad-hex", &[]);
    assert_exit(&human, 2);
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(stderr.starts_with("error: INVALID_HEX: receipt.receipt_hash: "), "{stderr}");
    // A file that does not exist, and a missing required flag.
    let missing = set(&["verify", "/nonexistent/bundle.json", "--trust", "/nonexistent/t.json", "--json"], "");
    assert_exit(&missing, 2);
    assert_eq!(error_of(&missing), ("IO".to_owned(), Some("/nonexistent/bundle.json".to_owned())));
    assert_exit(&set(&["verify", "-"], ""), 2);
}

#[test]
fn decode_recognises_registry_calldata_logs_and_reverts_from_the_vectors() {
    let vectors = json_file("tests/vectors/registry.json");
    let call = &vectors["calldata"][0];
    let output = set(&["decode", call["calldata"].as_str().expect("calldata")], "");
    assert_exit(&output, 0);
    golden("decode-call.txt", &stdout(&output));

    let log = &vectors["logs"][0];
    let topics: Vec<&str> = log["topics"].as_array().expect("topics").iter().filter_map(Value::as_str).collect();
    let output = set(&["decode", log["data"].as_str().expect("data"), "--topics", &topics.join(",")], "");
    assert_exit(&output, 0);
    golden("decode-log.txt", &stdout(&output));

    let revert = vectors["reverts"]
        .as_array()
        .expect("reverts")
        .iter()
        .find(|revert| revert["decoded"]["inner"]["name"] == "SequenceGap")
        .expect("a BatchCommitFailed(SequenceGap)");
    let output = set(&["decode", revert["data"].as_str().expect("data")], "");
    assert_exit(&output, 0);
    golden("decode-revert.txt", &stdout(&output));

    // --json: the core's decoded form, as the vector holds it.
    let output = set(&["decode", call["calldata"].as_str().expect("calldata"), "--json"], "");
    assert_exit(&output, 0);
    let decoded: Value = serde_json::from_str(&stdout(&output)).expect("json");
    assert_eq!((decoded["contract"].as_str(), decoded["kind"].as_str()), (Some("SetRegistry"), Some("call")));
    assert_eq!(decoded["decoded"], call["decoded"]);
    golden("decode-call.json", &stdout(&output));
}

#[test]
fn decode_of_an_unknown_selector_or_bad_hex_exits_2_with_the_cores_code() {
    let output = set(&["decode", "0xdeadbeef00", "--json"], "");
    assert_exit(&output, 2);
    assert_eq!(error_of(&output).0, "UNKNOWN_SELECTOR");
    let output = set(&["decode", "0x00", "--topics", "0x1234", "--json"], "");
    assert_exit(&output, 2);
    assert_eq!(error_of(&output), ("WRONG_LENGTH".to_owned(), Some("topics[0]".to_owned())));
    let output = set(&["decode", "0xzz", "--json"], "");
    assert_exit(&output, 2);
    assert_eq!(error_of(&output), ("INVALID_HEX".to_owned(), Some("data".to_owned())));
}

const REGISTRY: &str = "0x5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";
const SEQUENCER_KEY: &str = "0x3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

#[test]
fn a_trust_root_written_by_new_is_read_back_by_check_and_by_verify() {
    let dir = scratch("trust-root");
    let path = dir.join("trust-root.json").to_string_lossy().into_owned();
    let args = [
        "trust-root",
        "new",
        "--network",
        "set-chain-devnet",
        "--chain-id",
        "84532001",
        "--registry",
        "0x5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E5E",
        "--sequencer-key",
        SEQUENCER_KEY,
        "-o",
        &path,
    ];
    let output = set(&args, "");
    assert_exit(&output, 0);
    let written = std::fs::read_to_string(&path).expect("written");
    golden("trust-root.json", &written);
    assert_eq!(serde_json::from_str::<Value>(&written).expect("json")["registry"], REGISTRY);

    let check = set(&["trust-root", "check", &path], "");
    assert_exit(&check, 0);
    golden("trust-root-check.txt", &stdout(&check));
    let normalised = set(&["trust-root", "check", &path, "--json"], "");
    assert_exit(&normalised, 0);
    assert_eq!(stdout(&normalised), written);

    // The same document verifies the conformance case built for a trust root.
    let case = json_file("tests/conformance/cases/valid-trust-root.json");
    let verified = set(&["verify", "-", "--trust", &path, "--json"], &case["bundle"].to_string());
    assert_exit(&verified, 0);
    let verdict: Value = serde_json::from_str(&stdout(&verified)).expect("verdict");
    assert_eq!(verdict["level"], case["expect"]["level"]);
}

#[test]
fn a_trust_root_with_a_bad_value_or_missing_pins_is_refused_naming_the_field() {
    let output = set(
        &[
            "trust-root",
            "new",
            "--network",
            "n",
            "--chain-id",
            "1",
            "--registry",
            REGISTRY,
            "--sequencer-key",
            "0x1234",
            "--json",
        ],
        "",
    );
    assert_exit(&output, 2);
    assert_eq!(error_of(&output), ("WRONG_LENGTH".to_owned(), Some("trust.sequencer_public_keys[0]".to_owned())));
    // A plain trust document (no network) is no trust root.
    let dir = scratch("trust-doc");
    let path = write(&dir, "trust.json", &serde_json::json!({"sequencer_public_keys": [SEQUENCER_KEY]}).to_string());
    let output = set(&["trust-root", "check", &path, "--json"], "");
    assert_exit(&output, 2);
    assert_eq!(error_of(&output), ("INVALID_JSON".to_owned(), Some("trust.network".to_owned())));
}

/// `set event new` arguments for the vector's first event.
fn event_new_args(fields: &Value) -> Vec<String> {
    let text = |key: &str| fields[key].as_str().unwrap_or_else(|| panic!("{key}")).to_owned();
    [
        ("--tenant", text("tenant_id")),
        ("--store", text("store_id")),
        ("--agent", text("source_agent_id")),
        ("--key-id", fields["agent_key_id"].to_string()),
        ("--event-id", text("event_id")),
        ("--entity-type", text("entity_type")),
        ("--entity-id", text("entity_id")),
        ("--event-type", text("event_type")),
        ("--created-at", text("created_at")),
        ("--payload", fields["payload"].to_string()),
    ]
    .into_iter()
    .flat_map(|(flag, value)| [flag.to_owned(), value])
    .collect()
}

#[test]
fn event_new_prints_the_unsigned_event_and_sign_makes_the_vectors_signatures() {
    let vectors = json_file("tests/vectors/agent.json");
    let vector = &vectors["events"][0];
    let mut args = vec!["event".to_owned(), "new".to_owned()];
    args.extend(event_new_args(&vector["fields"]));
    let output = set(&args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert_exit(&output, 0);
    golden("event-new.json", &stdout(&output));
    let unsigned: Value = serde_json::from_str(&stdout(&output)).expect("event json");
    assert_eq!(unsigned["payload_plain_hash"], vector["payload_plain_hash"]);

    let dir = scratch("sign");
    let seed = |name: &str, key: &str| write(&dir, name, &format!("{}\n", vectors["keys"][key].as_str().expect(key)));
    let (ed25519, ml_dsa_65) = (seed("agent.ed25519", "ed25519_seed"), seed("agent.mldsa", "ml_dsa_65_seed"));
    for (kind, extra) in [
        ("ed25519", vec!["--ed25519-seed-file", &ed25519]),
        ("hybrid", vec!["--ed25519-seed-file", &ed25519, "--ml-dsa-65-seed-file", &ml_dsa_65]),
        ("ml_dsa_65", vec!["--ml-dsa-65-seed-file", &ml_dsa_65]),
    ] {
        let mut args = vec!["event", "sign", "-"];
        args.extend(extra);
        let signed = set(&args, &stdout(&output));
        assert_exit(&signed, 0);
        let event: Value = serde_json::from_str(&stdout(&signed)).expect("signed json");
        assert_eq!(event, vector["signed"][kind], "{kind}");
        if kind == "ed25519" {
            golden("event-signed.json", &stdout(&signed));
        }
    }
    // No seed file: a usage error.
    assert_exit(&set(&["event", "sign", "-"], &stdout(&output)), 2);
}

#[test]
fn event_new_refuses_what_the_sequencer_would_naming_the_field() {
    let vectors = json_file("tests/vectors/agent.json");
    let mut fields = vectors["events"][0]["fields"].clone();
    fields["entity_type"] = Value::String("x".repeat(129));
    let mut args = vec!["event".to_owned(), "new".to_owned(), "--json".to_owned()];
    args.extend(event_new_args(&fields));
    let output = set(&args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert_exit(&output, 2);
    assert_eq!(error_of(&output), ("SCHEMA_VALIDATION".to_owned(), Some("entity_type".to_owned())));

    fields = vectors["events"][0]["fields"].clone();
    fields["created_at"] = Value::String("yesterday".into());
    let mut args = vec!["event".to_owned(), "new".to_owned(), "--json".to_owned()];
    args.extend(event_new_args(&fields));
    let output = set(&args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert_exit(&output, 2);
    assert_eq!(error_of(&output).1.as_deref(), Some("created_at"));
    let mut human = vec!["event".to_owned(), "new".to_owned()];
    human.extend(event_new_args(&fields));
    let output = set(&human.iter().map(String::as_str).collect::<Vec<_>>(), "");
    golden("event-new-invalid.stderr.txt", &String::from_utf8_lossy(&output.stderr));
}

#[test]
fn help_teaches_the_commands_and_the_exit_codes() {
    let output = set(&["--help"], "");
    assert_exit(&output, 0);
    let help = stdout(&output);
    for needle in ["verify", "decode", "trust-root", "event", "bundle", "Exit codes:", "3  a server failed"] {
        assert!(help.contains(needle), "{needle} not in:\n{help}");
    }
    for command in [&["verify", "--help"][..], &["event", "sign", "--help"], &["bundle", "--help"]] {
        let output = set(command, "");
        assert_exit(&output, 0);
        assert!(stdout(&output).contains("Example"), "{command:?}");
    }
    assert!(stdout(&set(&["event", "sign", "--help"], "")).contains("never from the command line"));
}
