//! One test per finding code, each on a stream built clean and then broken in one place: a check
//! removed leaves its test without the code it asserts.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use alloy_primitives::B256;
use ed25519_dalek::Signer;
use serde_json::json;
use uuid::Uuid;

use super::fixture::{self, CleanStream};
use super::*;
use crate::ids::uuid_to_bytes32;
use crate::registry::TenantStoreSummary;
use crate::ves::{self, VesEvent};

const SEED: [u8; 32] = [7; 32];
const AGENT: Uuid = Uuid::from_u128(0xa9e7);

fn event(tenant: Uuid, store: Uuid, n: u64) -> VesEvent {
    fixture::signed_order(tenant, store, AGENT, &SEED, n, order_payload(n)).unwrap()
}

fn order_payload(n: u64) -> serde_json::Value {
    json!({"order": n, "total_cents": 1250})
}

fn public_key() -> [u8; 32] {
    fixture::agent_public_key(&SEED)
}

fn sign(event: &mut VesEvent) {
    let hash = event.signing_hash().unwrap();
    event.agent_signature = ed25519_dalek::SigningKey::from_bytes(&SEED).sign(hash.as_slice()).to_bytes();
}

/// A clean stream: events 1.., committed in runs of `sizes`, every commitment anchored.
fn stream(sizes: &[u64]) -> CleanStream {
    CleanStream::build(Uuid::from_u128(1), Uuid::from_u128(2), AGENT, &SEED, sizes, order_payload).unwrap()
}

impl CleanStream {
    fn audit(&self) -> AuditReport {
        self.try_audit().unwrap()
    }

    fn try_audit(&self) -> Result<AuditReport, AuditError> {
        audit_stream(&self.input())
    }
}

fn codes(report: &AuditReport) -> Vec<&'static str> {
    report.findings.iter().map(|finding| finding.code.as_str()).collect()
}

fn only(report: &AuditReport, code: FindingCode) -> &Finding {
    let found: Vec<&Finding> = report.findings.iter().filter(|finding| finding.code == code).collect();
    assert_eq!(found.len(), 1, "{:?}", codes(report));
    found[0]
}

fn hex(root: &B256) -> String {
    crate::encoding::encode_hex(root.as_slice())
}

#[test]
fn a_clean_stream_has_no_findings_and_every_event_is_checked() {
    let s = stream(&[3, 4, 1]);
    let report = s.audit();
    assert!(report.ok(), "{:?}", report.findings);
    let summary = report.summary;
    assert_eq!((summary.onchain_commitments, summary.sequencer_commitments, summary.pending_commitments), (3, 3, 0));
    assert_eq!((summary.events_in_export, summary.events_checked, summary.events_uncommitted), (Some(8), 8, 0));
    assert_eq!(summary.agent_signatures_checked, 8);
    assert_eq!((summary.head_sequence, summary.head_state_root), (Some(8), Some(s.head.current_state_root)));
    // The order of the sequencer's list and of the export does not matter; a repeated record counts once.
    let mut shuffled = stream(&[3, 4, 1]);
    shuffled.sequencer.reverse();
    shuffled.sequencer.push(shuffled.sequencer[0].clone());
    shuffled.events.reverse();
    assert_eq!(shuffled.audit(), report);
}

#[test]
fn a_gap_in_the_chain_is_found_with_the_numbers_missing() {
    let mut s = stream(&[3, 4, 1]);
    s.onchain.remove(1);
    let report = s.audit();
    let gap = only(&report, FindingCode::SequenceGap);
    assert_eq!((gap.source, gap.sequence_number, gap.sequence_start), (Source::Onchain, Some(4), Some(8)));
    assert_eq!((gap.expected.as_deref(), gap.actual.as_deref()), (Some("4"), Some("8")));
    assert_eq!(gap.previous_batch_id, Some(s.onchain[0].batch_id));
    assert_eq!(gap.block_number, Some(12));
    // The sequencer says the skipped commitment is anchored.
    assert_eq!(only(&report, FindingCode::NotOnchain).batch_id, Some(uuid_to_bytes32(&s.sequencer[1].batch_id)));
}

#[test]
fn a_gap_in_the_sequencers_history_and_a_history_not_starting_at_one_are_found() {
    let mut s = stream(&[3, 4, 1]);
    s.sequencer.remove(1);
    let report = s.audit();
    let gap = only(&report, FindingCode::SequenceGap);
    assert_eq!((gap.source, gap.sequence_number), (Source::Sequencer, Some(4)));
    assert_eq!(only(&report, FindingCode::NotInSequencer).batch_id, Some(s.onchain[1].batch_id));

    let mut s = stream(&[3, 4]);
    s.sequencer.remove(0);
    s.onchain.remove(0);
    s.events.drain(..3);
    let report = s.audit();
    let gaps: Vec<&Finding> = report.findings.iter().filter(|f| f.code == FindingCode::SequenceGap).collect();
    assert_eq!(gaps.len(), 2, "{:?}", codes(&report));
    assert!(gaps.iter().all(|gap| gap.sequence_number == Some(1) && gap.previous_batch_id.is_none()));
}

#[test]
fn an_overlap_is_found() {
    let mut s = stream(&[3, 4]);
    // The second log re-covers sequence number 3 (its range and count still agree).
    s.onchain[1].sequence_start = 3;
    s.onchain[1].event_count = 5;
    let report = s.audit();
    let overlap = only(&report, FindingCode::SequenceOverlap);
    assert_eq!(
        (overlap.source, overlap.expected.as_deref(), overlap.actual.as_deref()),
        (Source::Onchain, Some("4"), Some("3"))
    );
}

#[test]
fn a_range_whose_count_disagrees_is_found() {
    let mut s = stream(&[3, 4]);
    s.sequencer[1].leaf_count = 5;
    let report = s.audit();
    let invalid = only(&report, FindingCode::InvalidRange);
    assert_eq!(
        (invalid.source, invalid.expected.as_deref(), invalid.actual.as_deref()),
        (Source::Sequencer, Some("4"), Some("5"))
    );
    let mut s = stream(&[3]);
    s.onchain[0].sequence_end = 0;
    assert_eq!(only(&s.audit(), FindingCode::InvalidRange).source, Source::Onchain);
}

#[test]
fn a_sequencer_commitment_that_does_not_chain_from_the_previous_root_is_a_fork() {
    let mut s = stream(&[3, 4]);
    // Consistent in itself (its new root recomputes from the prev root it names), but that prev
    // root is not the first commitment's new root.
    let other = B256::repeat_byte(0xf0);
    let c = &mut s.sequencer[1];
    c.prev_state_root = other;
    c.new_state_root = ves::state_root(&crate::ids::stream_id(&s.tenant, &s.store), &other, &c.merkle_root, 4, 7, 4);
    let report = s.audit();
    let fork = only(&report, FindingCode::StateRootFork);
    assert_eq!((fork.source, fork.field), (Source::Sequencer, Some("prev_state_root")));
    assert_eq!(fork.expected, Some(hex(&s.sequencer[0].new_state_root)));
    assert_eq!(fork.actual, Some(hex(&other)));
    assert_eq!(fork.previous_batch_id, Some(uuid_to_bytes32(&s.sequencer[0].batch_id)));
    assert!(!report.has(FindingCode::StateRootMismatch));
}

#[test]
fn an_onchain_root_that_does_not_follow_from_the_previous_log_is_a_fork() {
    let mut s = stream(&[3, 4]);
    let stream_id = crate::ids::stream_id(&s.tenant, &s.store);
    let forked = ves::state_root(&stream_id, &B256::repeat_byte(0xf0), &s.onchain[1].events_root, 4, 7, 4);
    s.onchain[1].new_state_root = forked;
    s.sequencer[1].new_state_root = forked;
    s.head.current_state_root = forked;
    let report = s.audit();
    let fork = report.findings.iter().find(|f| f.code == FindingCode::StateRootFork && f.source == Source::Onchain);
    let fork = fork.unwrap_or_else(|| panic!("{:?}", codes(&report)));
    assert_eq!(fork.actual, Some(hex(&forked)));
    assert_eq!((fork.block_number, fork.transaction_hash), (Some(11), Some(s.onchain[1].transaction_hash)));
}

#[test]
fn a_sequencer_root_that_does_not_recompute_is_a_mismatch() {
    let mut s = stream(&[3]);
    let wrong = B256::repeat_byte(0x33);
    s.sequencer[0].new_state_root = wrong;
    let report = s.audit();
    let mismatch = only(&report, FindingCode::StateRootMismatch);
    assert_eq!((mismatch.field, mismatch.actual.clone()), (Some("new_state_root"), Some(hex(&wrong))));
    assert_eq!(mismatch.expected, Some(hex(&s.onchain[0].new_state_root)));
}

#[test]
fn events_that_do_not_hash_to_the_committed_root_are_found() {
    let mut s = stream(&[3, 4]);
    // Another event, validly signed, in the place of sequence number 5.
    let mut replaced = event(s.tenant, s.store, 5);
    replaced.entity_id = "ORD-FORGED".into();
    sign(&mut replaced);
    s.events[4].event = replaced;
    let report = s.audit();
    assert_eq!(codes(&report), ["EVENTS_ROOT_MISMATCH"]);
    let mismatch = &report.findings[0];
    assert_eq!((mismatch.source, mismatch.sequence_start), (Source::Sequencer, Some(4)));
    assert_eq!(mismatch.actual, Some(hex(&s.sequencer[1].merkle_root)));
    // The other commitment's events still count as checked.
    assert_eq!(report.summary.events_checked, 7);
}

#[test]
fn an_export_lacking_events_of_a_commitment_names_the_first_missing() {
    let mut s = stream(&[3, 4]);
    s.events.remove(5);
    let report = s.audit();
    let missing = only(&report, FindingCode::EventsMissing);
    assert_eq!((missing.sequence_number, missing.sequence_start), (Some(6), Some(4)));
    assert_eq!(report.summary.events_checked, 3);
    // Past the last commitment: not committed yet, not a finding.
    let mut s = stream(&[3]);
    s.events.push(SequencedEvent { sequence_number: 4, event: event(s.tenant, s.store, 4) });
    let report = s.audit();
    assert!(report.ok(), "{:?}", codes(&report));
    assert_eq!(report.summary.events_uncommitted, 1);
}

#[test]
fn a_payload_that_does_not_hash_to_its_payload_hash_is_found() {
    let mut s = stream(&[3]);
    s.events[1].event.payload = Some(json!({"order": 2, "total_cents": 1}));
    let report = s.audit();
    assert_eq!(codes(&report), ["PAYLOAD_HASH_MISMATCH"]);
    assert_eq!(report.findings[0].sequence_number, Some(2));
}

#[test]
fn a_signature_that_does_not_verify_with_the_pinned_key_is_found() {
    let mut s = stream(&[3]);
    s.agent_keys[0].ed25519 = Some(ed25519_dalek::SigningKey::from_bytes(&[8; 32]).verifying_key().to_bytes());
    let report = s.audit();
    assert_eq!(codes(&report), ["BAD_AGENT_SIGNATURE"; 3]);
    assert_eq!(report.summary.agent_signatures_checked, 0);
    // Without pinned keys the signatures are not checked at all.
    s.agent_keys.clear();
    let report = s.audit();
    assert!(report.ok());
    assert_eq!(report.summary.agent_signatures_checked, 0);
}

#[test]
fn an_event_whose_key_is_not_pinned_is_found() {
    let mut s = stream(&[2]);
    s.agent_keys[0].key_id = Some(2);
    let report = s.audit();
    assert_eq!(codes(&report), ["AGENT_KEY_UNKNOWN"; 2]);
    // A key pinned for any agent and key id applies to every event.
    s.agent_keys[0] = AgentKey { ed25519: Some(public_key()), ..AgentKey::default() };
    assert!(s.audit().ok());
}

#[test]
fn a_forged_onchain_commitment_differs_from_the_sequencers_record() {
    let mut s = stream(&[3]);
    // Consistent on its own (its root chains from genesis), but not what the sequencer committed.
    let forged_root = B256::repeat_byte(0xfa);
    let stream_id = crate::ids::stream_id(&s.tenant, &s.store);
    let forged_state = ves::state_root(&stream_id, &B256::ZERO, &forged_root, 1, 3, 3);
    s.onchain[0].events_root = forged_root;
    s.onchain[0].new_state_root = forged_state;
    s.head.current_state_root = forged_state;
    let report = s.audit();
    assert_eq!(codes(&report), ["ONCHAIN_MISMATCH"; 2]);
    let fields: Vec<Option<&str>> = report.findings.iter().map(|f| f.field).collect();
    assert_eq!(fields, [Some("events_root"), Some("new_state_root")]);
    assert_eq!(report.findings[0].expected, Some(hex(&s.sequencer[0].merkle_root)));
    assert_eq!(report.findings[0].actual, Some(hex(&forged_root)));
    assert_eq!(report.findings[0].transaction_hash, Some(s.onchain[0].transaction_hash));
}

#[test]
fn an_onchain_commitment_unknown_to_the_sequencer_is_found_and_its_events_checked() {
    let mut s = stream(&[3, 4]);
    s.sequencer.pop();
    let report = s.audit();
    assert_eq!(codes(&report), ["NOT_IN_SEQUENCER"]);
    assert_eq!(report.summary.events_checked, 7);
    // Its events root is recomputed from the export against the log's.
    s.onchain[1].events_root = B256::repeat_byte(1);
    let report = s.audit();
    let mismatch = only(&report, FindingCode::EventsRootMismatch);
    assert_eq!((mismatch.source, mismatch.block_number), (Source::Onchain, Some(11)));
}

#[test]
fn a_commitment_reported_anchored_but_absent_from_the_chain_is_found_and_a_pending_one_is_not() {
    let mut s = stream(&[3, 4]);
    s.onchain.pop();
    s.head = TenantStoreSummary {
        latest_batch_id: s.onchain[0].batch_id,
        current_state_root: s.onchain[0].new_state_root,
        current_head_sequence: 3,
        has_latest_proof: false,
    };
    let report = s.audit();
    let missing = only(&report, FindingCode::NotOnchain);
    assert_eq!((missing.sequence_start, missing.transaction_hash), (Some(4), s.sequencer[1].chain_tx_hash));
    s.sequencer[1].chain_tx_hash = None;
    let report = s.audit();
    assert!(report.ok(), "{:?}", codes(&report));
    assert_eq!(report.summary.pending_commitments, 1);
}

#[test]
fn a_different_anchoring_transaction_is_found() {
    let mut s = stream(&[3]);
    s.sequencer[0].chain_tx_hash = Some(B256::repeat_byte(0x99));
    let report = s.audit();
    let finding = only(&report, FindingCode::AnchorTxMismatch);
    assert_eq!(finding.expected, Some(hex(&s.onchain[0].transaction_hash)));
}

#[test]
fn a_head_that_is_not_the_last_log_is_found() {
    let mut s = stream(&[3, 4]);
    s.head.current_head_sequence = 9;
    let report = s.audit();
    let head = only(&report, FindingCode::HeadMismatch);
    assert_eq!(
        (head.field, head.expected.as_deref(), head.actual.as_deref()),
        (Some("head_sequence"), Some("7"), Some("9"))
    );
    // A stream without logs must have the genesis head.
    let mut s = stream(&[3]);
    s.onchain.clear();
    s.sequencer[0].chain_tx_hash = None;
    let report = s.audit();
    assert_eq!(codes(&report), ["HEAD_MISMATCH"; 3]);
    s.head = TenantStoreSummary::default();
    assert!(s.audit().ok());
}

#[test]
fn a_commitment_of_another_stream_is_found_and_left_out() {
    let mut s = stream(&[3]);
    let mut foreign = s.sequencer[0].clone();
    foreign.store_id = Uuid::from_u128(99);
    foreign.batch_id = Uuid::from_u128(0xf00);
    s.sequencer.push(foreign);
    let report = s.audit();
    assert_eq!(codes(&report), ["FOREIGN_COMMITMENT"]);
    assert_eq!(report.summary.sequencer_commitments, 1);
}

#[test]
fn unusable_exports_and_keys_are_typed_errors() {
    let mut s = stream(&[3]);
    s.events[2].event.store_id = Uuid::from_u128(99);
    let err = s.try_audit().unwrap_err();
    assert_eq!((err.code(), err.field()), ("WRONG_STREAM", Some("events[2]")));

    let mut s = stream(&[3]);
    s.events[2].sequence_number = 1;
    let err = s.try_audit().unwrap_err();
    assert_eq!((err.code(), err.field()), ("DUPLICATE_SEQUENCE_NUMBER", Some("events[2].sequence_number")));

    let mut s = stream(&[3]);
    let not_a_point = (0u8..=255)
        .map(|byte| [byte; 32])
        .find(|bytes| ed25519_dalek::VerifyingKey::from_bytes(bytes).is_err())
        .unwrap();
    s.agent_keys[0].ed25519 = Some(not_a_point);
    let err = s.try_audit().unwrap_err();
    assert_eq!((err.code(), err.field()), ("INVALID_PUBLIC_KEY", Some("agent_keys[0].ed25519")));
}

#[test]
fn every_finding_code_is_distinct_and_documented() {
    let protocol = include_str!("../../../docs/protocol.md");
    let mut seen: Vec<&str> = Vec::new();
    for code in FindingCode::ALL {
        assert!(!seen.contains(&code.as_str()), "{code} twice");
        assert!(protocol.contains(&alloc::format!("`{code}`")), "{code} is not in docs/protocol.md");
        seen.push(code.as_str());
    }
}

#[test]
fn the_json_report_has_a_stable_shape_and_the_table_names_each_finding() {
    let mut s = stream(&[3, 4]);
    s.onchain.remove(0);
    let report = s.audit();
    let json = report.to_json();
    assert_eq!(json["format"], REPORT_FORMAT);
    assert_eq!(json["ok"], false);
    assert_eq!(json["summary"]["findings"], report.findings.len());
    let keys = |value: &serde_json::Value| -> Vec<String> { value.as_object().unwrap().keys().cloned().collect() };
    let finding_keys = keys(&json["findings"][0]);
    assert_eq!(finding_keys.len(), 13);
    for finding in json["findings"].as_array().unwrap() {
        assert_eq!(keys(finding), finding_keys);
    }
    assert_eq!(json["findings"][0]["batch_id"], s.sequencer[1].batch_id.to_string());
    assert_eq!(report.to_json(), s.audit().to_json());
    let table = report.to_table();
    assert!(table.contains("FAILED"), "{table}");
    for finding in &report.findings {
        assert!(table.contains(finding.code.as_str()), "{table}");
    }
    // A batch id that is not a padded UUID is shown as its 32 bytes.
    assert_eq!(batch_id_text(&B256::repeat_byte(1)), hex(&B256::repeat_byte(1)));
    assert!(stream(&[1]).audit().to_table().contains(": OK"));
}

#[test]
fn batch_committed_logs_are_read_from_an_eth_get_logs_answer_in_order() {
    use crate::registry::{batch_committed_logs, stream_topic, ISetRegistry};
    use alloy_sol_types::SolEvent;
    let (tenant, store) = (Uuid::from_u128(1), Uuid::from_u128(2));
    let log = |batch: B256, stream: B256, start: u64, block: u64| {
        let data = ISetRegistry::BatchCommitted {
            batchId: batch,
            tenantStoreKey: stream,
            eventsRoot: B256::repeat_byte(1),
            newStateRoot: B256::repeat_byte(2),
            sequenceStart: start,
            sequenceEnd: start + 1,
            eventCount: 2,
        }
        .encode_log_data();
        json!({
            "topics": data.topics().iter().map(|t| t.to_string()).collect::<Vec<_>>(),
            "data": crate::encoding::encode_hex(&data.data),
            "transactionHash": B256::repeat_byte(block as u8).to_string(),
            "blockNumber": alloc::format!("{block:#x}"),
            "blockHash": B256::repeat_byte(0xb0).to_string(),
            "logIndex": "0x3",
        })
    };
    let ours = stream_topic(&tenant, &store);
    let mut removed = log(B256::repeat_byte(8), ours, 9, 4);
    removed["removed"] = json!(true);
    // A batch id that is not a padded UUID is kept as it is.
    let raw_id = B256::repeat_byte(0xee);
    let answer = json!([
        log(raw_id, ours, 1, 2),
        log(B256::repeat_byte(9), B256::repeat_byte(3), 1, 3),
        removed,
        log(B256::ZERO, ours, 3, 5)
    ]);
    let logs = batch_committed_logs(&answer, &tenant, &store).unwrap();
    let read: Vec<(B256, u64, u64, Option<u64>)> =
        logs.iter().map(|l| (l.batch_id, l.sequence_start, l.block_number, l.log_index)).collect();
    assert_eq!(read, [(raw_id, 1, 2, Some(3)), (B256::ZERO, 3, 5, Some(3))]);
    let mut bad = answer.clone();
    bad[0]["blockNumber"] = json!("0xzz");
    let err = batch_committed_logs(&bad, &tenant, &store).unwrap_err();
    assert!(err.to_string().contains("logs[0].blockNumber"), "{err}");
}

#[test]
fn a_hybrid_signed_event_is_checked_with_the_receipt_rule() {
    // Scheme 1 with a bundle carrying another Ed25519 signature than `agent_signature`: the
    // receipt rule refuses the pair, and so does the audit.
    let mut s = stream(&[1]);
    s.events[0].event.agent_signature_bundle =
        Some(crate::ves::SignatureBundle { ed25519_signature: Some([1; 64]), ml_dsa_65_signature: None });
    let report = s.audit();
    let bad = only(&report, FindingCode::BadAgentSignature);
    assert!(bad.message.contains("two different"), "{}", bad.message);
}

#[test]
fn summary_counts_read_as_strings_in_the_table() {
    let s = stream(&[2]);
    let table = s.audit().to_table();
    assert!(table.contains("2 exported, 2 checked"), "{table}");
    assert!(table.contains(&"registry head: sequence 2".to_string()), "{table}");
}

#[test]
fn an_export_reads_back_its_events_and_bad_ones_are_named() {
    let stream = stream(&[2, 1]);
    let items: Vec<serde_json::Value> = stream
        .events
        .iter()
        .map(|e| json!({"sequence_number": e.sequence_number, "event": serde_json::to_value(&e.event).unwrap()}))
        .collect();
    let read = SequencedEvent::list_from_json(&serde_json::Value::from(items.clone()).to_string()).unwrap();
    assert_eq!(read, stream.events);
    let field = |text: &str| match SequencedEvent::list_from_json(text).unwrap_err() {
        AuditError::Event { field, .. } => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field("{}"), "events");
    assert_eq!(field("[1"), "events");
    let mut no_number = items.clone();
    no_number[1]["sequence_number"] = json!("2");
    assert_eq!(field(&serde_json::Value::from(no_number).to_string()), "events[1].sequence_number");
    let mut bad_event = items;
    bad_event[2]["event"]["tenant_id"] = json!("not a uuid");
    assert_eq!(field(&serde_json::Value::from(bad_event).to_string()), "events[2].event");
}
