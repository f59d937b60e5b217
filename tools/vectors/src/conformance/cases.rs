//! Every case, in a stable order: valid bundles from the weakest level to the strongest, one field
//! changed, two bundles mixed, trust (keys, network, on-chain evidence), malformed input.

use serde_json::{json, Value};
use set_core::encoding::{Address, B256};
use set_core::receipt::{self, Check};
use set_core::{pq, ves};

use super::material::{
    pq_trust, pq_trust_with, to_value, trust, trust_with, Material, CHAIN_ID, ROGUE_ML_DSA_SEED, ROGUE_SEQUENCER_SEED,
};
use super::{case, edited, error, flip, remove, set, signed, strip_0x, upper_hex, v1, valid, verdict, Case, NO_RECORD};
use crate::{hex, SEQUENCER_SEED};

pub(super) fn cases() -> Vec<Case> {
    use Check::*;
    let m = Material::new();
    let v = m.valid();
    let anchored_trust = trust_with(|t| t["onchain"] = m.a1.onchain());
    let mut out = Vec::new();

    // -- Valid bundles, from the weakest level to the strongest ---------------------------------
    out.push(case("valid-committed", "A valid v2 bundle anchored on the pinned network; no on-chain record was read, so it is committed, not anchored.", v.clone(), trust(), valid("committed", NO_RECORD)));
    out.push(case(
        "valid-anchored",
        "The same bundle with the record read from the pinned registry: anchored.",
        v.clone(),
        anchored_trust.clone(),
        valid("anchored", &[]),
    ));
    out.push(case(
        "valid-anchored-from-return-data",
        "The on-chain record given as the raw return data of getBatchCommitment.",
        v.clone(),
        trust_with(|t| t["onchain"] = m.a1.onchain_return_data()),
        valid("anchored", &[]),
    ));
    out.push(case("valid-anchored-without-bundle-anchor", "A bundle that names no anchor, checked against the record the app read from its pinned registry: anchored, anchor skipped.", edited(v.clone(), |b| remove(b, "/anchor")), anchored_trust.clone(), valid("anchored", &[Anchor])));
    out.push(case(
        "valid-no-agent-key",
        "No agent key pinned: agent_signature is skipped, the level is unchanged.",
        v.clone(),
        trust_with(|t| remove(t, "/agent_public_key")),
        valid("committed", &[AgentSignature, Onchain]),
    ));
    out.push(case(
        "valid-no-payload",
        "The bundle keeps no payload: payload_hash is skipped (nothing was checked), not passed.",
        edited(v.clone(), |b| remove(b, "/event/payload")),
        trust(),
        valid("committed", &[PayloadHash, Onchain]),
    ));
    out.push(case(
        "valid-nothing-pinned",
        "A trust that pins keys but no network: the bundle's anchor cannot be judged and is skipped.",
        v.clone(),
        trust_with(|t| {
            remove(t, "/chain_id");
            remove(t, "/registry");
        }),
        valid("committed", &[Anchor, Onchain]),
    ));
    out.push(case(
        "valid-no-anchor",
        "A bundle that names no anchor.",
        edited(v.clone(), |b| remove(b, "/anchor")),
        trust(),
        valid("committed", &[Anchor, Onchain]),
    ));
    out.push(case(
        "valid-first-leaf",
        "Event 1 of the batch (leaf index 0).",
        to_value(&m.a1.bundle(0, &SEQUENCER_SEED)),
        trust(),
        valid("committed", NO_RECORD),
    ));
    out.push(case(
        "valid-last-leaf-beside-padding",
        "Event 3 of 3: its sibling is the pad leaf.",
        to_value(&m.a1.bundle(2, &SEQUENCER_SEED)),
        trust(),
        valid("committed", NO_RECORD),
    ));
    out.push(case(
        "valid-chained-batch",
        "Event 5 of the stream, in its second commitment (prev_state_root is the first one's).",
        to_value(&m.a2.bundle(1, &SEQUENCER_SEED)),
        trust(),
        valid("committed", NO_RECORD),
    ));
    out.push(case(
        "valid-single-event-batch",
        "A one-event commitment: depth 0, empty proof.",
        to_value(&m.c1.bundle(0, &SEQUENCER_SEED)),
        trust(),
        valid("committed", NO_RECORD),
    ));
    out.push(case(
        "valid-hex-without-0x",
        "Hex without 0x, as the sequencer emits it.",
        strip_0x(v.clone()),
        trust(),
        valid("committed", NO_RECORD),
    ));
    out.push(case(
        "valid-uppercase-hex",
        "Hex in upper case.",
        upper_hex(v.clone()),
        trust(),
        valid("committed", NO_RECORD),
    ));
    out.push(case(
        "valid-numbers-as-strings",
        "u64 fields as decimal strings (how JS bigints arrive).",
        edited(v.clone(), |b| {
            set(b, "/receipt/sequence_number", json!("2"));
            set(b, "/commitment/sequence_end", json!("3"));
        }),
        trust(),
        valid("committed", NO_RECORD),
    ));
    out.push(case(
        "valid-rotated-keys",
        "Two sequencer keys pinned, the second one signed.",
        v.clone(),
        trust_with(|t| {
            t["sequencer_public_keys"] = json!([
                hex(ves::signing::public_key(&ROGUE_SEQUENCER_SEED)),
                hex(ves::signing::public_key(&SEQUENCER_SEED))
            ])
        }),
        valid("committed", NO_RECORD),
    ));
    out.push(case("valid-camel-case-trust", "The trust document in the JavaScript spelling (chainId, sequencerPublicKeys, agentPublicKey).", v.clone(), json!({"chainId": CHAIN_ID, "registry": trust()["registry"], "sequencerPublicKeys": trust()["sequencer_public_keys"], "agentPublicKey": trust()["agent_public_key"]}), valid("committed", NO_RECORD)));
    out.push(case("valid-trust-root", "A set-trust-root-v1 document used as the trust.", v.clone(), json!({"format": receipt::TRUST_ROOT_FORMAT, "network": "set-chain-devnet", "chain_id": CHAIN_ID, "registry": trust()["registry"], "sequencer_public_keys": trust()["sequencer_public_keys"]}), valid("committed", &[AgentSignature, Onchain])));
    out.push(case(
        "valid-v1-bundle",
        "A set-receipt-v1 bundle (no block hash, no v2 fields) is still read.",
        v1(v.clone()),
        trust(),
        valid("committed", NO_RECORD),
    ));
    out.push(case(
        "valid-v1-bundle-anchored",
        "A v1 bundle with the on-chain record: anchored.",
        v1(v.clone()),
        anchored_trust.clone(),
        valid("anchored", &[]),
    ));
    out.push(case(
        "valid-unknown-fields-ignored",
        "Fields this version does not know are ignored.",
        edited(v.clone(), |b| {
            b["extension"] = json!({"x": 1});
            b["receipt"]["sequenced_at"] = json!("2026-12-01T10:00:02Z");
        }),
        trust(),
        valid("committed", NO_RECORD),
    ));

    // -- One field of the bundle changed --------------------------------------------------------
    let tamper = |name: &str, description: &str, edit: &dyn Fn(&mut Value), failing: &'static [Check]| {
        case(name, description, edited(v.clone(), edit), trust(), verdict(failing, NO_RECORD))
    };
    let signing_hash_changed: &'static [Check] = &[AgentSignature, ReceiptHash, SequencerSignature, Inclusion];
    out.push(tamper(
        "tamper-payload",
        "The payload's amount edited after signing.",
        &|b| set(b, "/event/payload/amount_cents", json!(1)),
        &[PayloadHash],
    ));
    out.push(tamper(
        "tamper-payload-plain-hash",
        "payload_plain_hash changed: the signing hash changes with it.",
        &|b| flip(b, "/event/payload_plain_hash"),
        &[PayloadHash, AgentSignature, ReceiptHash, SequencerSignature, Inclusion],
    ));
    out.push(tamper(
        "tamper-created-at",
        "created_at changed: the signing hash changes.",
        &|b| set(b, "/event/created_at", json!("2026-12-01T10:00:09Z")),
        signing_hash_changed,
    ));
    out.push(tamper(
        "tamper-entity-id",
        "entity_id changed.",
        &|b| set(b, "/event/entity_id", json!("ORD-OTHER")),
        signing_hash_changed,
    ));
    out.push(tamper(
        "tamper-event-type",
        "event_type changed.",
        &|b| set(b, "/event/event_type", json!("order.cancelled")),
        signing_hash_changed,
    ));
    out.push(tamper(
        "tamper-agent-key-id",
        "agent_key_id changed.",
        &|b| set(b, "/event/agent_key_id", json!(2)),
        signing_hash_changed,
    ));
    out.push(tamper(
        "tamper-event-id",
        "event_id changed: in the signing hash and the receipt hash.",
        &|b| set(b, "/event/event_id", json!("e7e70000-0000-4000-8000-00000000ffff")),
        signing_hash_changed,
    ));
    out.push(tamper(
        "tamper-store-id",
        "store_id changed: another stream, so the state root no longer chains either.",
        &|b| set(b, "/event/store_id", json!("00000000-0000-0000-0000-000000000099")),
        &[AgentSignature, ReceiptHash, SequencerSignature, Inclusion, StateRoot],
    ));
    out.push(tamper(
        "tamper-agent-signature",
        "agent_signature changed: the leaf commits to it too.",
        &|b| flip(b, "/event/agent_signature"),
        &[AgentSignature, Inclusion],
    ));
    out.push(tamper(
        "tamper-receipt-hash",
        "receipt_hash changed (the signature is checked over the recomputed hash).",
        &|b| flip(b, "/receipt/receipt_hash"),
        &[ReceiptHash],
    ));
    out.push(tamper(
        "tamper-sequencer-signature",
        "sequencer_signature changed.",
        &|b| flip(b, "/receipt/sequencer_signature"),
        &[SequencerSignature],
    ));
    out.push(tamper(
        "tamper-sequencer-signature-removed",
        "An unsigned receipt (signature_alg none, empty signature).",
        &|b| {
            set(b, "/receipt/sequencer_signature", json!(""));
            set(b, "/receipt/signature_alg", json!("none"));
        },
        &[SequencerSignature],
    ));
    out.push(tamper(
        "tamper-sequence-number",
        "sequence_number moved to another event of the batch.",
        &|b| set(b, "/receipt/sequence_number", json!(3)),
        &[ReceiptHash, SequencerSignature, Inclusion],
    ));
    out.push(tamper(
        "tamper-sequence-number-outside",
        "sequence_number outside the commitment's range.",
        &|b| set(b, "/receipt/sequence_number", json!(9)),
        &[ReceiptHash, SequencerSignature, Inclusion],
    ));
    out.push(tamper(
        "tamper-leaf-index",
        "leaf_index that does not match sequence_number − sequence_start.",
        &|b| set(b, "/proof/leaf_index", json!(0)),
        &[Inclusion],
    ));
    out.push(tamper(
        "tamper-proof-sibling",
        "A proof sibling changed.",
        &|b| flip(b, "/proof/proof_path/0"),
        &[Inclusion],
    ));
    out.push(tamper(
        "tamper-proof-truncated",
        "The proof one sibling short.",
        &|b| {
            b["proof"]["proof_path"].as_array_mut().map(Vec::pop);
        },
        &[Inclusion],
    ));
    out.push(tamper(
        "tamper-proof-extended",
        "The proof one sibling too long.",
        &|b| {
            let first = b["proof"]["proof_path"][0].clone();
            if let Some(path) = b["proof"]["proof_path"].as_array_mut() {
                path.push(first);
            }
        },
        &[Inclusion],
    ));
    out.push(tamper(
        "tamper-merkle-root",
        "merkle_root changed.",
        &|b| flip(b, "/commitment/merkle_root"),
        &[Inclusion, StateRoot],
    ));
    out.push(tamper(
        "tamper-prev-state-root",
        "prev_state_root changed.",
        &|b| flip(b, "/commitment/prev_state_root"),
        &[StateRoot],
    ));
    out.push(tamper(
        "tamper-new-state-root",
        "new_state_root changed.",
        &|b| flip(b, "/commitment/new_state_root"),
        &[StateRoot],
    ));
    out.push(tamper(
        "tamper-leaf-count",
        "leaf_count 4 instead of 3 (same depth): only the state root notices.",
        &|b| set(b, "/commitment/leaf_count", json!(4)),
        &[StateRoot],
    ));
    out.push(tamper(
        "tamper-leaf-count-depth",
        "leaf_count 2 instead of 3: the proof is the wrong length too.",
        &|b| set(b, "/commitment/leaf_count", json!(2)),
        &[Inclusion, StateRoot],
    ));
    out.push(tamper(
        "tamper-sequence-range",
        "sequence_end moved: the range no longer matches leaf_count.",
        &|b| set(b, "/commitment/sequence_end", json!(4)),
        &[StateRoot],
    ));

    // -- Two valid bundles mixed and matched ------------------------------------------------------
    let other = to_value(&m.a1.bundle(2, &SEQUENCER_SEED));
    out.push(case(
        "mix-event-of-a-receipt-of-b",
        "The event of bundle A with the receipt of event B of the same batch.",
        edited(v.clone(), |b| b["receipt"] = other["receipt"].clone()),
        trust(),
        verdict(&[ReceiptHash, SequencerSignature, Inclusion], NO_RECORD),
    ));
    out.push(case(
        "mix-proof-of-another-leaf",
        "The proof (and leaf index) of another event of the same batch.",
        edited(v.clone(), |b| b["proof"] = other["proof"].clone()),
        trust(),
        verdict(&[Inclusion], NO_RECORD),
    ));
    out.push(case(
        "mix-proof-of-another-leaf-same-index",
        "The proof path of another event, with this event's leaf index.",
        edited(v.clone(), |b| b["proof"]["proof_path"] = other["proof"]["proof_path"].clone()),
        trust(),
        verdict(&[Inclusion], NO_RECORD),
    ));
    out.push(case(
        "mix-commitment-of-another-stream",
        "The commitment and proof of a batch of another stream, at the same position.",
        edited(v.clone(), |b| {
            let foreign = to_value(&m.b1.bundle(1, &SEQUENCER_SEED));
            b["commitment"] = foreign["commitment"].clone();
            b["proof"] = foreign["proof"].clone();
        }),
        trust(),
        verdict(&[Inclusion, StateRoot], NO_RECORD),
    ));
    out.push(case(
        "mix-proof-against-another-batch",
        "This event's proof, presented with the stream's next commitment (which does not hold it).",
        edited(v.clone(), |b| {
            let next = to_value(&m.a2.bundle(0, &SEQUENCER_SEED));
            b["commitment"] = next["commitment"].clone();
        }),
        trust(),
        verdict(&[Inclusion], NO_RECORD),
    ));
    out.push(case(
        "mix-everything-of-another-event",
        "Event, receipt and proof of event A with the commitment of the next batch.",
        edited(to_value(&m.a2.bundle(0, &SEQUENCER_SEED)), |b| b["commitment"] = v["commitment"].clone()),
        trust(),
        verdict(&[Inclusion], NO_RECORD),
    ));

    // -- Trust: keys, network, on-chain evidence ------------------------------------------------
    out.push(case(
        "key-unpinned-sequencer",
        "A receipt validly signed by a key the app does not pin.",
        to_value(&m.a1.bundle(1, &ROGUE_SEQUENCER_SEED)),
        trust(),
        verdict(&[SequencerSignature], NO_RECORD),
    ));
    out.push(case(
        "key-wrong-agent",
        "The agent key pinned is another agent's.",
        v.clone(),
        trust_with(|t| t["agent_public_key"] = hex(ves::signing::public_key(&ROGUE_SEQUENCER_SEED))),
        verdict(&[AgentSignature], NO_RECORD),
    ));
    out.push(case(
        "key-none-pinned",
        "No sequencer key pinned: nothing can be sequenced.",
        v.clone(),
        trust_with(|t| t["sequencer_public_keys"] = json!([])),
        verdict(&[SequencerSignature], NO_RECORD),
    ));
    out.push(case(
        "anchor-other-registry",
        "The bundle claims an anchor at another registry (a contract its maker controls).",
        edited(v.clone(), |b| set(b, "/anchor/registry", hex(Address::repeat_byte(0x66)))),
        anchored_trust.clone(),
        verdict(&[Anchor], &[]),
    ));
    out.push(case(
        "anchor-other-chain",
        "The bundle claims an anchor on another chain.",
        edited(v.clone(), |b| set(b, "/anchor/chain_id", json!(1))),
        anchored_trust.clone(),
        verdict(&[Anchor], &[]),
    ));
    out.push(case(
        "anchor-other-registry-no-record",
        "Another registry, and no record was read.",
        edited(v.clone(), |b| set(b, "/anchor/registry", hex(Address::repeat_byte(0x66)))),
        trust(),
        verdict(&[Anchor], NO_RECORD),
    ));
    out.push(case(
        "onchain-another-batch",
        "On-chain evidence for another batch of the same stream.",
        v.clone(),
        trust_with(|t| t["onchain"] = m.a2.onchain()),
        verdict(&[Onchain], &[]),
    ));
    out.push(case(
        "onchain-another-batch-return-data",
        "Return data of getBatchCommitment for another batch.",
        v.clone(),
        trust_with(|t| t["onchain"] = m.b1.onchain_return_data()),
        verdict(&[Onchain], &[]),
    ));
    out.push(case("onchain-not-committed", "The registry has no such batch (all zeros).", v.clone(), trust_with(|t| t["onchain"] = json!({"events_root": hex(B256::ZERO), "new_state_root": hex(B256::ZERO), "sequence_start": 0, "sequence_end": 0, "event_count": 0})), verdict(&[Onchain], &[])));
    out.push(case(
        "onchain-event-count",
        "The record's event count differs.",
        v.clone(),
        trust_with(|t| {
            t["onchain"] = m.a1.onchain();
            t["onchain"]["event_count"] = json!(4);
        }),
        verdict(&[Onchain], &[]),
    ));
    out.push(case(
        "onchain-new-state-root",
        "The record's new state root differs.",
        v.clone(),
        trust_with(|t| {
            t["onchain"] = m.a1.onchain();
            flip(t, "/onchain/new_state_root");
        }),
        verdict(&[Onchain], &[]),
    ));

    // -- Malformed input: a typed error naming the field ---------------------------------------
    let broken = |name: &str, description: &str, edit: &dyn Fn(&mut Value), code: &'static str, field: &'static str| {
        case(name, description, edited(v.clone(), edit), trust(), error(code, field))
    };
    out.push(broken(
        "error-bad-hex",
        "receipt_hash is not hex.",
        &|b| set(b, "/receipt/receipt_hash", json!("0xzz")),
        "INVALID_HEX",
        "receipt.receipt_hash",
    ));
    out.push(broken(
        "error-short-root",
        "merkle_root of 2 bytes.",
        &|b| set(b, "/commitment/merkle_root", json!("0xabcd")),
        "WRONG_LENGTH",
        "commitment.merkle_root",
    ));
    out.push(broken(
        "error-bad-uuid",
        "tenant_id is not a UUID.",
        &|b| set(b, "/event/tenant_id", json!("tenant-1")),
        "INVALID_UUID",
        "event.tenant_id",
    ));
    out.push(broken(
        "error-missing-field",
        "receipt_hash is missing.",
        &|b| remove(b, "/receipt/receipt_hash"),
        "INVALID_JSON",
        "receipt.receipt_hash",
    ));
    out.push(broken(
        "error-missing-part",
        "The commitment is missing.",
        &|b| remove(b, "/commitment"),
        "INVALID_JSON",
        "commitment",
    ));
    out.push(broken(
        "error-wrong-type",
        "leaf_count as a string.",
        &|b| set(b, "/commitment/leaf_count", json!("3")),
        "INVALID_JSON",
        "commitment.leaf_count",
    ));
    out.push(broken(
        "error-leaf-count-too-large",
        "leaf_count beyond u32.",
        &|b| set(b, "/commitment/leaf_count", json!(4294967296u64)),
        "INVALID_JSON",
        "commitment.leaf_count",
    ));
    out.push(broken(
        "error-negative-sequence-number",
        "sequence_number as a negative decimal string.",
        &|b| set(b, "/receipt/sequence_number", json!("-1")),
        "INVALID_JSON",
        "receipt.sequence_number",
    ));
    out.push(broken(
        "error-unknown-format",
        "An unknown format.",
        &|b| set(b, "/format", json!("set-receipt-v9")),
        "UNSUPPORTED_FORMAT",
        "format",
    ));
    out.push(broken(
        "error-odd-length-signature",
        "agent_signature of odd length.",
        &|b| set(b, "/event/agent_signature", json!("0xabc")),
        "INVALID_HEX",
        "event.agent_signature",
    ));
    out.push(broken(
        "error-proof-sibling-not-hex",
        "A proof sibling that is not hex.",
        &|b| set(b, "/proof/proof_path/1", json!("nothex")),
        "INVALID_HEX",
        "proof.proof_path[1]",
    ));
    out.push(broken(
        "error-proof-too-long",
        "65 proof siblings (the limit is 64).",
        &|b| set(b, "/proof/proof_path", json!(vec![hex(B256::ZERO); 65])),
        "INVALID_JSON",
        "proof.proof_path",
    ));
    out.push(broken(
        "error-struct-as-array",
        "The receipt given as an array of its values.",
        &|b| {
            let values: Vec<Value> =
                b["receipt"].as_object().map(|o| o.values().cloned().collect()).unwrap_or_default();
            b["receipt"] = Value::Array(values);
        },
        "INVALID_JSON",
        "receipt",
    ));
    out.push(broken(
        "error-v2-anchor-without-block-hash",
        "A v2 anchor without block_hash.",
        &|b| remove(b, "/anchor/block_hash"),
        "INVALID_JSON",
        "anchor.block_hash",
    ));
    out.push(broken(
        "error-bad-registry",
        "anchor.registry of 19 bytes.",
        &|b| set(b, "/anchor/registry", json!(format!("0x{}", "66".repeat(19)))),
        "WRONG_LENGTH",
        "anchor.registry",
    ));
    out.push(broken(
        "error-ml-dsa-signature-length",
        "A receipt_signature_bundle whose ML-DSA-65 half is not 3309 bytes.",
        &|b| b["receipt"]["receipt_signature_bundle"] = json!({"ml_dsa_65_signature": "0x00"}),
        "WRONG_LENGTH",
        "receipt.receipt_signature_bundle.ml_dsa_65_signature",
    ));
    out.push(broken(
        "error-signature-bundle-bytes",
        "An agent_signature_bundle half with a value that is not a byte.",
        &|b| b["event"]["agent_signature_bundle"] = json!({"ed25519_signature": [256]}),
        "INVALID_JSON",
        "event.agent_signature_bundle.ed25519_signature[0]",
    ));
    out.push(Case {
        name: "error-not-json".into(),
        description: "The bundle text is not JSON.".into(),
        bundle: Err("{\"format\": \"set-receipt-v2\",".into()),
        trust: trust(),
        expect: error("INVALID_JSON", "$"),
        requires: None,
    });
    out.push(case(
        "error-bundle-is-an-array",
        "The document is an array.",
        json!([v.clone()]),
        trust(),
        error("INVALID_JSON", "$"),
    ));
    out.push(case(
        "error-trust-onchain-unpinned",
        "On-chain evidence with no pinned registry: it could come from any contract.",
        v.clone(),
        trust_with(|t| {
            remove(t, "/registry");
            t["onchain"] = m.a1.onchain();
        }),
        error("NETWORK_NOT_PINNED", "trust.registry"),
    ));
    out.push(case(
        "error-trust-onchain-no-chain",
        "On-chain evidence with a pinned registry but no chain.",
        v.clone(),
        trust_with(|t| {
            remove(t, "/chain_id");
            t["onchain"] = m.a1.onchain();
        }),
        error("NETWORK_NOT_PINNED", "trust.chain_id"),
    ));
    out.push(case(
        "error-trust-key-length",
        "A pinned key of 31 bytes.",
        v.clone(),
        trust_with(|t| t["sequencer_public_keys"] = json!([format!("0x{}", "11".repeat(31))])),
        error("WRONG_LENGTH", "trust.sequencer_public_keys[0]"),
    ));
    out.push(case(
        "error-trust-key-not-a-point",
        "A pinned key that is not an Ed25519 point (y = 2 has no x on the curve).",
        v.clone(),
        trust_with(|t| t["sequencer_public_keys"] = json!([format!("0x02{}", "00".repeat(31))])),
        error("INVALID_PUBLIC_KEY", "trust.sequencer_public_keys[0]"),
    ));
    out.push(case("error-trust-root-without-chain", "A set-trust-root-v1 document without chain_id.", v.clone(), json!({"format": receipt::TRUST_ROOT_FORMAT, "network": "set-chain-devnet", "registry": trust()["registry"], "sequencer_public_keys": trust()["sequencer_public_keys"]}), error("INVALID_JSON", "trust.chain_id")));
    out.push(case(
        "error-trust-registry-length",
        "A pinned registry of 21 bytes.",
        v.clone(),
        trust_with(|t| t["registry"] = json!(format!("0x{}", "5e".repeat(21)))),
        error("WRONG_LENGTH", "trust.registry"),
    ));
    out.push(case(
        "error-trust-format",
        "A trust document of an unknown format.",
        v,
        trust_with(|t| t["format"] = json!("set-trust-root-v9")),
        error("UNSUPPORTED_FORMAT", "trust.format"),
    ));
    out.extend(post_quantum(&m));
    out.extend(super::proofs::cases(&m));
    out
}

/// The hybrid and pqc-strict profiles: each half of each signature, downgrades, unpinned ML-DSA-65
/// keys and the signature policies.
fn post_quantum(m: &Material) -> Vec<Case> {
    use Check::*;
    const BOTH: &[&str] = &["ed25519", "ml-dsa-65"];
    const ML_DSA: &[&str] = &["ml-dsa-65"];
    const ED25519: &[&str] = &["ed25519"];
    let hybrid = to_value(&m.hybrid.bundle(1, &SEQUENCER_SEED));
    let pqc = to_value(&m.pqc_strict.bundle(1, &SEQUENCER_SEED));
    let policy = |name: &str| pq_trust_with(|t| t["signature_policy"] = json!(name));
    let downgraded = edited(hybrid.clone(), |b| {
        set(b, "/receipt/signature_alg", json!("ed25519"));
        set(b, "/receipt/receipt_signature_scheme", json!(1));
        remove(b, "/receipt/receipt_signature_bundle");
    });
    let flip_both_ed25519 = |b: &mut Value| {
        flip(b, "/receipt/sequencer_signature");
        flip(b, "/receipt/receipt_signature_bundle/ed25519_signature");
    };
    let mut out = vec![
        case("pq-valid-hybrid", "A hybrid receipt and event (Ed25519 + ML-DSA-65), every key pinned: both halves verify.", hybrid.clone(), pq_trust(), signed(valid("committed", NO_RECORD), BOTH, BOTH)),
        case("pq-valid-pqc-strict", "A pqc-strict receipt (no Ed25519 signature) and event (ML-DSA-65 only; agent_signature is zero).", pqc.clone(), pq_trust(), signed(valid("committed", NO_RECORD), ML_DSA, ML_DSA)),
        case("pq-valid-hybrid-require-hybrid", "A hybrid receipt under the policy require-hybrid.", hybrid.clone(), policy("require-hybrid"), signed(valid("committed", NO_RECORD), BOTH, BOTH)),
        case("pq-valid-pqc-strict-require-ml-dsa", "A pqc-strict receipt under the policy require-ml-dsa.", pqc.clone(), policy("require-ml-dsa"), signed(valid("committed", NO_RECORD), ML_DSA, ML_DSA)),
        case("pq-valid-downgraded-under-default-policy", "A hybrid receipt stripped to its Ed25519 half with signature_alg rewritten: nothing signed says it was hybrid, so the default policy accepts its Ed25519 signature (require-ml-dsa or require-hybrid refuse it).", downgraded.clone(), pq_trust(), signed(valid("committed", NO_RECORD), ED25519, BOTH)),
        case("pq-tamper-hybrid-receipt-ml-dsa", "The receipt's ML-DSA-65 half changed; its Ed25519 half still verifies.", edited(hybrid.clone(), |b| flip(b, "/receipt/receipt_signature_bundle/ml_dsa_65_signature")), pq_trust(), signed(verdict(&[SequencerSignature], NO_RECORD), &[], BOTH)),
        case("pq-tamper-hybrid-receipt-ed25519", "The receipt's Ed25519 half changed (in both places it is written); its ML-DSA-65 half still verifies.", edited(hybrid.clone(), flip_both_ed25519), pq_trust(), signed(verdict(&[SequencerSignature], NO_RECORD), &[], BOTH)),
        case("pq-tamper-hybrid-ed25519-copies-differ", "sequencer_signature and the bundle's Ed25519 half are different signatures.", edited(hybrid.clone(), |b| flip(b, "/receipt/sequencer_signature")), pq_trust(), signed(verdict(&[SequencerSignature], NO_RECORD), &[], BOTH)),
        case("pq-tamper-hybrid-agent-ml-dsa", "The agent's ML-DSA-65 half changed (the leaf does not cover it; the agent check does).", edited(hybrid.clone(), |b| flip(b, "/event/agent_signature_bundle/ml_dsa_65_signature")), pq_trust(), signed(verdict(&[AgentSignature], NO_RECORD), BOTH, &[])),
        case("pq-tamper-pqc-strict-receipt", "The pqc-strict receipt's only signature changed.", edited(pqc.clone(), |b| flip(b, "/receipt/receipt_signature_bundle/ml_dsa_65_signature")), pq_trust(), signed(verdict(&[SequencerSignature], NO_RECORD), &[], ML_DSA)),
        case("pq-tamper-pqc-strict-agent", "The pqc-strict event's only signature changed.", edited(pqc.clone(), |b| flip(b, "/event/agent_signature_bundle/ml_dsa_65_signature")), pq_trust(), signed(verdict(&[AgentSignature], NO_RECORD), ML_DSA, &[])),
        case("pq-downgrade-refused-by-require-hybrid", "The downgraded receipt under require-hybrid.", downgraded.clone(), policy("require-hybrid"), signed(verdict(&[SequencerSignature], NO_RECORD), &[], BOTH)),
        case("pq-downgrade-refused-by-require-ml-dsa", "The downgraded receipt under require-ml-dsa.", downgraded, policy("require-ml-dsa"), signed(verdict(&[SequencerSignature], NO_RECORD), &[], BOTH)),
        case("pq-hybrid-missing-ml-dsa-half", "signature_alg still says Ed25519MlDsa65 but the ML-DSA-65 half is gone.", edited(hybrid.clone(), |b| remove(b, "/receipt/receipt_signature_bundle/ml_dsa_65_signature")), pq_trust(), signed(verdict(&[SequencerSignature], NO_RECORD), &[], BOTH)),
        case("pq-pqc-strict-refused-by-require-hybrid", "A pqc-strict receipt under require-hybrid.", pqc.clone(), policy("require-hybrid"), signed(verdict(&[SequencerSignature], NO_RECORD), &[], ML_DSA)),
        case("pq-key-sequencer-ml-dsa-not-pinned", "A hybrid receipt, no sequencer ML-DSA-65 key pinned: its ML-DSA-65 half cannot be checked, so it is refused.", hybrid.clone(), pq_trust_with(|t| remove(t, "/sequencer_ml_dsa_65_public_keys")), signed(verdict(&[SequencerSignature], NO_RECORD), &[], BOTH)),
        case("pq-key-sequencer-ml-dsa-unpinned-signer", "A pqc-strict receipt validly signed by an ML-DSA-65 key the app does not pin.", pqc.clone(), pq_trust_with(|t| t["sequencer_ml_dsa_65_public_keys"] = json!([hex(pq::signing::public_key(&ROGUE_ML_DSA_SEED))])), signed(verdict(&[SequencerSignature], NO_RECORD), &[], ML_DSA)),
        case("pq-key-agent-ml-dsa-not-pinned", "A hybrid event, only the agent's Ed25519 key pinned.", hybrid.clone(), pq_trust_with(|t| remove(t, "/agent_ml_dsa_65_public_key")), signed(verdict(&[AgentSignature], NO_RECORD), BOTH, &[])),
        case("pq-error-ml-dsa-key-length", "A pinned ML-DSA-65 key that is not 1952 bytes.", hybrid.clone(), pq_trust_with(|t| t["sequencer_ml_dsa_65_public_keys"] = json!(["0x00"])), error("WRONG_LENGTH", "trust.sequencer_ml_dsa_65_public_keys[0]")),
        case("pq-error-unknown-policy", "A signature policy this version does not know.", hybrid, pq_trust_with(|t| t["signature_policy"] = json!("require-everything")), error("INVALID_JSON", "trust.signature_policy")),
    ];
    // A legacy receipt verifies the same with ML-DSA-65 keys pinned (they are simply not used).
    out.push(case(
        "pq-valid-legacy-with-ml-dsa-keys",
        "A legacy (Ed25519) bundle under a trust that also pins ML-DSA-65 keys.",
        m.valid(),
        pq_trust(),
        signed(valid("committed", NO_RECORD), ED25519, ED25519),
    ));
    out
}
