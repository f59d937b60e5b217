//! The `proof-` cases: anchor proofs built by the core from real anvil answers
//! (tests/captured/anvil-anchor-proof.json, made by devnet/l1's `capture-anchor-proof`, which
//! committed the commitment of the suite's valid bundle on anvil as Set Chain and proposed its
//! output to OP's L2OutputOracle on anvil as L1). Valid at each level, then every tampering the
//! format must refuse, one at a time.

use serde_json::{json, Value};
use set_core::anchor_proof::l1::{decode_get_l2_output, L2OutputProposal};
use set_core::anchor_proof::{build_anchor_proof, output_preimage_from_rpc, AnchorProof, L1Proposal, OutputProof};
use set_core::encoding::{decode_hex, Address};
use set_core::receipt::{Check, ReceiptBundle};

use super::material::{to_value, trust_with, Material, CHAIN_ID};
use super::{
    case, edited, error, flip, proving, remove, requiring, set, valid, verdict, Case, Expect, REQUIRES_ANCHOR_PROOF,
};
use crate::{hex, SEQUENCER_SEED};

const CAPTURE: &str = include_str!("../../../../tests/captured/anvil-anchor-proof.json");

/// The capture, with what the cases cut from it.
struct Captured {
    capture: Value,
    registry: Address,
    oracle: Address,
    l1_chain_id: u64,
}

impl Captured {
    fn new() -> Self {
        let capture: Value = serde_json::from_str(CAPTURE).expect("the capture is JSON");
        let address = |pointer: &str| -> Address {
            capture.pointer(pointer).and_then(Value::as_str).and_then(|text| text.parse().ok()).expect(pointer)
        };
        let (registry, oracle) = (address("/l2/registry"), address("/l1/oracle"));
        let l1_chain_id = capture["l1"]["chain_id"].as_u64().expect("l1.chain_id");
        Captured { capture, registry, oracle, l1_chain_id }
    }

    fn at(&self, part: &str, answer: &str) -> &Value {
        &self.capture[part][answer]
    }

    /// The proof of `batch` in `account` from the answers of `part` (`at_output`, `before_commit`).
    fn proof(&self, part: &str, get_proof: &str, account: Address, batch: &ReceiptBundle) -> AnchorProof {
        build_anchor_proof(
            self.at(part, "eth_getBlockByNumber"),
            self.at(part, get_proof),
            account,
            &batch.commitment.batch_id,
        )
        .expect("the captured answers build a proof")
    }

    /// Output `k` as read from L1 (`getL2Output(index)`).
    fn l1_output(&self, k: usize) -> (L2OutputProposal, L1Proposal) {
        let output = &self.capture["l1"]["outputs"][k];
        let data = decode_hex("getL2Output", output["getL2Output"].as_str().expect("return data")).expect("hex");
        let proposal = decode_get_l2_output(&data).expect("a proposal");
        let index = output["index"].as_u64().expect("index");
        let location = L1Proposal::from_l2_output(
            self.l1_chain_id,
            self.oracle,
            index,
            &proposal,
            output["l1_block_number"].as_u64(),
        );
        (proposal, location)
    }

    /// The output-root part of output `k`, its preimage from the captured L2 answers of `part`.
    fn output(&self, part: &str, k: usize) -> OutputProof {
        let preimage = output_preimage_from_rpc(
            self.at(part, "eth_getBlockByNumber"),
            self.at(part, "message_passer_eth_getProof"),
        )
        .expect("an output preimage");
        let (proposal, location) = self.l1_output(k);
        assert_eq!(preimage.output_root(), proposal.output_root, "the proposer posted the root the core computes");
        OutputProof { preimage, output_root: proposal.output_root, l1: Some(location) }
    }

    fn block_hash(&self, part: &str) -> Value {
        self.at(part, "eth_getBlockByNumber")["hash"].clone()
    }

    /// `bundle` anchored where the capture anchored it, carrying `proof`.
    fn anchored(&self, bundle: &ReceiptBundle, proof: Option<&AnchorProof>) -> Value {
        let anchor = &self.capture["l2"]["anchor"];
        edited(to_value(bundle), |b| {
            b["anchor"] = json!({
                "chain_id": CHAIN_ID,
                "registry": hex(self.registry),
                "tx_hash": anchor["tx_hash"],
                "block_number": anchor["block_number"],
                "block_hash": anchor["block_hash"],
            });
            if let Some(proof) = proof {
                b["anchor"]["proof"] = proof.to_value();
            }
        })
    }

    /// The app's trust on the captured network.
    fn trust(&self, edit: impl FnOnce(&mut Value)) -> Value {
        trust_with(|t| {
            t["registry"] = hex(self.registry);
            edit(t);
        })
    }

    /// … pinning output root `k` as read from the L1 oracle, the oracle and the L1 chain.
    fn l1_trust(&self, k: usize) -> Value {
        let (proposal, _) = self.l1_output(k);
        self.trust(|t| {
            t["l1_output_roots"] = json!([hex(proposal.output_root)]);
            t["l1_chain_id"] = json!(self.l1_chain_id);
            t["l1_oracle"] = hex(self.oracle);
        })
    }

    /// … pinning the L2 block hash of `part`'s block.
    fn l2_trust(&self, part: &str) -> Value {
        let hash = self.block_hash(part);
        self.trust(|t| t["l2_block_hashes"] = json!([hash]))
    }
}

fn proof_case(name: &str, description: &str, bundle: Value, trust: Value, expect: Expect) -> Case {
    requiring(REQUIRES_ANCHOR_PROOF, case(name, description, bundle, trust, expect))
}

pub(super) fn cases(m: &Material) -> Vec<Case> {
    use Check::*;
    const BOTH: &[Check] = &[AnchorProof, OutputRoot];
    const L2: &[Check] = &[AnchorProof];
    const L1: &[Check] = &[OutputRoot];
    let c = Captured::new();
    let valid_bundle = m.a1.bundle(1, &SEQUENCER_SEED);
    let l2_proof = c.proof("at_output", "eth_getProof", c.registry, &valid_bundle);
    let mut l1_proof = l2_proof.clone();
    l1_proof.output = Some(c.output("at_output", 0));
    let with_l1 = c.anchored(&valid_bundle, Some(&l1_proof));
    let with_l2 = c.anchored(&valid_bundle, Some(&l2_proof));
    let l1_trust = c.l1_trust(0);
    let l2_trust = c.l2_trust("at_output");
    let p = "/anchor/proof";
    let node = |list: &str, index: usize| format!("{p}/{list}/{index}");
    let last_account_node = node("account_proof", l2_proof.account_proof.len() - 1);
    let last_range_node = format!("{p}/storage_proof/2/proof/{}", l2_proof.storage_proof[2].proof.len() - 1);
    // A hex string with one digit in its middle changed (not its last: a node's last byte is
    // often an empty slot's 0x80 and still decodes).
    let flip_middle = |bundle: &mut Value, pointer: &str| {
        let text = bundle.pointer(pointer).and_then(Value::as_str).expect(pointer).to_string();
        let middle = text.len() / 2;
        let digit = if &text[middle..=middle] == "0" { "1" } else { "0" };
        set(bundle, pointer, json!(format!("{}{digit}{}", &text[..middle], &text[middle + 1..])));
    };

    let out = vec![
        // -- Valid, from the strongest level down ----------------------------------------------
        proof_case("proof-valid-anchored-l1", "anchor.proof with its output root, the root read from the pinned L2OutputOracle on L1: the commitment is in Set Chain's state and that state is committed to L1. No RPC answer is believed.", with_l1.clone(), l1_trust.clone(), proving(valid("anchored-l1", &[Onchain]), BOTH)),
        proof_case("proof-valid-anchored-l1-with-onchain-record", "The same, with the record read through an RPC as well.", with_l1.clone(), edited(l1_trust.clone(), |t| t["onchain"] = m.a1.onchain()), proving(valid("anchored-l1", &[]), BOTH)),
        proof_case("proof-valid-anchored-l1-camel-case-trust", "The L1 pins in the JavaScript spelling (l1OutputRoots, l1ChainId, l1Oracle).", with_l1.clone(), edited(l1_trust.clone(), |t| {
            for (snake, camel) in [("l1_output_roots", "l1OutputRoots"), ("l1_chain_id", "l1ChainId"), ("l1_oracle", "l1Oracle")] {
                let value = t[snake].take();
                remove(t, &format!("/{snake}"));
                t[camel] = value;
            }
        }), proving(valid("anchored-l1", &[Onchain]), BOTH)),
        proof_case("proof-valid-anchored-l1-both-pinned", "The L2 block hash and the L1 output root both pinned.", with_l1.clone(), edited(l1_trust.clone(), |t| t["l2_block_hashes"] = json!([c.block_hash("at_output")])), proving(valid("anchored-l1", &[Onchain]), BOTH)),
        proof_case("proof-valid-anchored-l2-proof", "anchor.proof without an output root, the L2 block hash pinned (read from a Set Chain node the app trusts): the storage proof establishes the commitment, no RPC record needed.", with_l2.clone(), l2_trust.clone(), proving(valid("anchored-l2-proof", &[Onchain]), L2)),
        proof_case("proof-valid-anchored-l2-proof-output-unpinned", "An output root in the proof but only the L2 block hash pinned: output_root is skipped.", with_l1.clone(), l2_trust.clone(), proving(valid("anchored-l2-proof", &[Onchain]), L2)),
        proof_case("proof-valid-nothing-pinned", "A proof, but the trust pins no L2 block hash or L1 output root: both proof checks are skipped, the level is what the rest shows.", with_l1.clone(), c.trust(|_| {}), valid("committed", &[Onchain])),
        proof_case("proof-valid-l1-pinned-no-output-yet", "Only L1 output roots pinned and the bundle has not been upgraded with its output root yet: nothing to trust the header by, both skipped.", with_l2.clone(), l1_trust.clone(), valid("committed", &[Onchain])),
        proof_case("proof-valid-hex-without-0x", "The proof's hex without 0x.", edited(with_l1.clone(), |b| crate::strip_0x(&mut b["anchor"]["proof"])), l1_trust.clone(), proving(valid("anchored-l1", &[Onchain]), BOTH)),
        // -- One change to the proof -----------------------------------------------------------
        proof_case("proof-tamper-account-root-node", "One hex digit of the account proof's first node changed (it no longer hashes to the header's state root).", edited(with_l1.clone(), |b| flip_middle(b, &node("account_proof", 0))), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        proof_case("proof-tamper-account-leaf-node", "One hex digit of the account proof's last node (the registry's account) changed.", edited(with_l1.clone(), |b| flip_middle(b, &last_account_node)), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        proof_case("proof-tamper-storage-node", "One hex digit of the new state root slot's first storage-proof node changed.", edited(with_l1.clone(), |b| flip_middle(b, &format!("{p}/storage_proof/1/proof/0"))), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        proof_case("proof-tamper-storage-leaf-node", "One hex digit of the range slot's leaf node changed.", edited(with_l1.clone(), |b| flip_middle(b, &last_range_node)), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        proof_case("proof-tamper-slot-value", "The events root slot's value changed.", edited(with_l1.clone(), |b| flip(b, &format!("{p}/storage_proof/0/value"))), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        proof_case("proof-tamper-slot-range", "The range slot's value changed (sequence start).", edited(with_l1.clone(), |b| flip(b, &format!("{p}/storage_proof/2/value"))), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        proof_case("proof-tamper-storage-hash", "The account's storage root changed.", edited(with_l1.clone(), |b| flip(b, &format!("{p}/storage_hash"))), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        proof_case("proof-tamper-header-timestamp", "The L2 header's timestamp changed: its hash is no longer the pinned one.", edited(with_l2.clone(), |b| set(b, &format!("{p}/l2_header/timestamp"), json!(1))), l2_trust.clone(), verdict(&[AnchorProof], &[Onchain])),
        proof_case("proof-tamper-header-state-root", "The L2 header's state root changed: the account proof does not lead from it, and the output root's preimage is not this header's.", edited(with_l1.clone(), |b| flip(b, &format!("{p}/l2_header/state_root"))), l1_trust.clone(), verdict(&[AnchorProof, OutputRoot], &[Onchain])),
        proof_case("proof-tamper-output-message-passer-root", "One byte of the output-root preimage (the L2ToL1MessagePasser storage root) changed: it no longer hashes to the output root.", edited(with_l1.clone(), |b| flip(b, &format!("{p}/output/message_passer_storage_root"))), l1_trust.clone(), verdict(&[AnchorProof, OutputRoot], &[Onchain])),
        proof_case("proof-tamper-output-version", "The output-root version is not 0.", edited(with_l1.clone(), |b| flip(b, &format!("{p}/output/version"))), l1_trust.clone(), verdict(&[AnchorProof, OutputRoot], &[Onchain])),
        proof_case("proof-tamper-output-l2-block-number", "The L1 proposal claims another L2 block.", edited(with_l1.clone(), |b| set(b, &format!("{p}/output/l1/l2_block_number"), json!(l2_proof.l2_header.number + 2))), l1_trust.clone(), verdict(&[AnchorProof, OutputRoot], &[Onchain])),
        // -- Proofs of something else ---------------------------------------------------------
        proof_case("proof-another-account", "A real proof of the same slots in another account (SetPaymaster) at the same block, offered for the pinned registry.", c.anchored(&valid_bundle, Some(&with_output(c.proof("at_output", "paymaster_eth_getProof", address_at(&c, "/l2/paymaster"), &valid_bundle), &l1_proof))), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        proof_case("proof-before-the-commitment-landed", "A real proof taken at the block before the commitment landed: the slots are empty (an absence proof), the header pinned.", c.anchored(&valid_bundle, Some(&c.proof("before_commit", "eth_getProof", c.registry, &valid_bundle))), c.l2_trust("before_commit"), verdict(&[AnchorProof], &[Onchain])),
        proof_case("proof-untrusted-header", "The pinned L2 block hash is another block's (the one before the commitment).", with_l2.clone(), c.l2_trust("before_commit"), verdict(&[AnchorProof], &[Onchain])),
        proof_case("proof-output-of-another-l2-block", "The next output (a real one, proposed on L1 and pinned) attached to this header.", c.anchored(&valid_bundle, Some(&with_output_proof(&l2_proof, c.output("at_next_output", 1)))), c.l1_trust(1), verdict(&[AnchorProof, OutputRoot], &[Onchain])),
        proof_case("proof-output-root-not-pinned", "The pinned output root is another output's (the next one).", with_l1.clone(), c.l1_trust(1), verdict(&[AnchorProof, OutputRoot], &[Onchain])),
        proof_case("proof-output-at-another-oracle", "The pinned L1 oracle is another contract.", with_l1.clone(), edited(l1_trust.clone(), |t| t["l1_oracle"] = hex(Address::repeat_byte(0x0c))), verdict(&[AnchorProof, OutputRoot], &[Onchain])),
        proof_case("proof-output-on-another-l1-chain", "The pinned L1 chain is another one.", with_l1.clone(), edited(l1_trust.clone(), |t| t["l1_chain_id"] = json!(1)), verdict(&[AnchorProof, OutputRoot], &[Onchain])),
        proof_case("proof-of-another-batch", "The stream's next bundle (another batch) carrying this batch's proof: other slots.", c.anchored(&m.a2.bundle(0, &SEQUENCER_SEED), Some(&l1_proof)), l1_trust.clone(), proving(verdict(&[AnchorProof], &[Onchain]), L1)),
        // -- Malformed ------------------------------------------------------------------------
        proof_case("proof-error-node-not-hex", "A proof node that is not hex.", edited(with_l1.clone(), |b| set(b, &node("account_proof", 1), json!("0xzz"))), l1_trust.clone(), error("INVALID_HEX", "anchor.proof.account_proof[1]")),
        proof_case("proof-error-missing-header-field", "The L2 header without its state root.", edited(with_l1.clone(), |b| remove(b, &format!("{p}/l2_header/state_root"))), l1_trust.clone(), error("INVALID_JSON", "anchor.proof.l2_header.state_root")),
        proof_case("proof-error-two-slot-proofs", "Two slot proofs instead of three.", edited(with_l1.clone(), |b| b["anchor"]["proof"]["storage_proof"].as_array_mut().map(|slots| slots.pop()).map(drop).unwrap_or_default()), l1_trust.clone(), error("INVALID_JSON", "anchor.proof.storage_proof")),
        proof_case("proof-error-trust-block-hash-length", "A pinned L2 block hash of one byte.", with_l2.clone(), c.trust(|t| t["l2_block_hashes"] = json!(["0x01"])), error("WRONG_LENGTH", "trust.l2_block_hashes[0]")),
        proof_case("proof-error-trust-pins-without-registry", "L1 output roots pinned without a registry: the proof could be of any contract.", with_l1, edited(l1_trust, |t| remove(t, "/registry")), error("NETWORK_NOT_PINNED", "trust.registry")),
    ];
    out
}

fn address_at(c: &Captured, pointer: &str) -> Address {
    c.capture.pointer(pointer).and_then(Value::as_str).and_then(|text| text.parse().ok()).expect(pointer)
}

/// `proof` with the output part of `from`.
fn with_output(mut proof: AnchorProof, from: &AnchorProof) -> AnchorProof {
    proof.output = from.output.clone();
    proof
}

/// `proof` with `output` attached as it is (the builder would refuse a mismatched one).
fn with_output_proof(proof: &AnchorProof, output: OutputProof) -> AnchorProof {
    let mut proof = proof.clone();
    proof.output = Some(output);
    proof
}

/// `anchor-proof.json`: a producer's inputs (the conformance suite's valid bundle anchored where
/// the capture anchored it, without a proof; the captured RPC answers; the L1 read) and the
/// bundles the core writes from them, as text, which every binding's `attachAnchorProof` and
/// `upgradeAnchorProof` must return byte for byte; plus the requests a producer sends.
pub(crate) fn production_vector() -> Value {
    use set_core::anchor_proof::{attach_proof_json, proof_requests_json, upgrade_proof_json};
    let c = Captured::new();
    let m = Material::new();
    let valid_bundle = m.a1.bundle(1, &SEQUENCER_SEED);
    let bundle = ReceiptBundle::from_value(c.anchored(&valid_bundle, None)).expect("the unproven bundle reads");
    let bundle_json = bundle.to_json();
    let l1_read = |k: usize| {
        let output = &c.capture["l1"]["outputs"][k];
        json!({
            "chain_id": c.l1_chain_id,
            "oracle": hex(c.oracle),
            "index": output["index"],
            "get_l2_output": output["getL2Output"],
            "l1_block_number": output["l1_block_number"],
        })
    };
    let (block, get_proof) = (c.at("at_output", "eth_getBlockByNumber"), c.at("at_output", "eth_getProof"));
    let message_passer = c.at("at_output", "message_passer_eth_getProof");
    let registry = c.capture["l2"]["registry"].as_str().expect("l2.registry");
    let attached = attach_proof_json(&bundle_json, &block.to_string(), &get_proof.to_string(), registry)
        .expect("the captured answers attach");
    let upgraded =
        upgrade_proof_json(&attached, &block.to_string(), &message_passer.to_string(), Some(&l1_read(0).to_string()))
            .expect("the captured output upgrades");
    let expected_bundle = c.anchored(
        &valid_bundle,
        Some(&{
            let mut proof = c.proof("at_output", "eth_getProof", c.registry, &valid_bundle);
            proof.output = Some(c.output("at_output", 0));
            proof
        }),
    );
    assert_eq!(
        ReceiptBundle::from_json(&upgraded).expect("reads"),
        ReceiptBundle::from_value(expected_bundle).expect("reads"),
        "the produced bundle is the proof-valid-anchored-l1 case's"
    );
    // The refusals the vector states, as the core answers them.
    let refused = |result: Result<String, set_core::Error>| {
        let err = result.expect_err("refused");
        (err.code(), err.field().map(str::to_owned))
    };
    let another_registry = hex(Address::repeat_byte(0x5e));
    let another = another_registry.as_str().expect("hex");
    assert_eq!(
        refused(attach_proof_json(&bundle_json, &block.to_string(), &get_proof.to_string(), another)),
        ("PROOF_NOT_ATTACHABLE", Some("anchor.registry".into()))
    );
    assert_eq!(
        refused(upgrade_proof_json(
            &attached,
            &block.to_string(),
            &message_passer.to_string(),
            Some(&l1_read(1).to_string())
        )),
        ("OUTPUT_ROOT_MISMATCH", Some("l1.get_l2_output".into()))
    );
    let (next_block, next_passer) =
        (c.at("at_next_output", "eth_getBlockByNumber"), c.at("at_next_output", "message_passer_eth_getProof"));
    assert_eq!(
        refused(upgrade_proof_json(&attached, &next_block.to_string(), &next_passer.to_string(), None)),
        ("OUTPUT_ROOT_MISMATCH", Some("anchor.proof.output.state_root".into()))
    );
    let l2_block_number =
        block["number"].as_str().and_then(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).ok());
    let l2_block_number = l2_block_number.expect("a block number");
    let batch_id = bundle.commitment.batch_id.to_string();
    let requests = proof_requests_json(&batch_id, registry, l2_block_number, Some(0)).expect("requests");
    json!({
        "description": "Producing a bundle's anchor.proof from real anvil answers (tests/captured/anvil-anchor-proof.json): attachAnchorProof(bundle, eth_getBlockByNumber, eth_getProof, registry) must return `attached` byte for byte, upgradeAnchorProof(attached, eth_getBlockByNumber, message_passer_eth_getProof, l1) must return `upgraded`, which verifies at anchored-l1 against `trust`. anchorProofRequests(batch_id, registry, l2_block_number, output_index) returns `requests` (as JSON; compare parsed).",
        "bundle": bundle_json,
        "registry": registry,
        "eth_getBlockByNumber": block,
        "eth_getProof": get_proof,
        "message_passer_eth_getProof": message_passer,
        "l1": l1_read(0),
        "attached": attached,
        "upgraded": upgraded,
        "trust": c.l1_trust(0),
        "requests": {
            "batch_id": batch_id,
            "registry": registry,
            "l2_block_number": l2_block_number,
            "output_index": 0,
            "expected": serde_json::from_str::<Value>(&requests).expect("JSON"),
        },
        "refusals": {
            "another_registry": {"registry": another_registry, "error": {"code": "PROOF_NOT_ATTACHABLE", "field": "anchor.registry"}},
            "next_output_l1": {"l1": l1_read(1), "error": {"code": "OUTPUT_ROOT_MISMATCH", "field": "l1.get_l2_output"}},
            "next_output_block": {
                "eth_getBlockByNumber": next_block,
                "message_passer_eth_getProof": next_passer,
                "error": {"code": "OUTPUT_ROOT_MISMATCH", "field": "anchor.proof.output.state_root"},
            },
        },
    })
}
