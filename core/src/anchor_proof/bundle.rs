//! Producing and upgrading a bundle's `anchor.proof` at the JSON level: what every binding calls
//! (`attachAnchorProof`, `upgradeAnchorProof`, `anchorProofRequests`). A producer asks its nodes
//! what [`proof_requests`] lists, hands the answers in, and gets the bundle back with the
//! evidence added; no I/O here.
//!
//! 1. [`attach_proof`]: the storage proof of the bundle's commitment at an L2 block, from the
//!    answers of `eth_getBlockByNumber(n, false)` and `eth_getProof(registry, commitment_slots, n)`.
//! 2. [`upgrade_proof`]: once an output at or after that block is proposed on L1 (the block the
//!    proof is taken at should be an output's block: a later output does not commit to it), the
//!    output root of the proof's block, from `eth_getBlockByNumber(n, false)` and
//!    `eth_getProof(L2_TO_L1_MESSAGE_PASSER, [], n)`, and where it was proposed
//!    ([`L1OutputRead`]: the `getL2Output(index)` return data).
//!
//! Evidence is added, never replaced: a bundle that already carries a proof takes only the same
//! one again, and an output root only the same root (its L1 location may be added).
//!
//! The bundle comes back as the core writes a bundle ([`ReceiptBundle::to_json`]): fields in the
//! format's order, hex as `0x` lowercase, unknown fields dropped; the same bytes in every language.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use alloy_primitives::Address;
use serde_json::{json, Value};
use uuid::Uuid;

use super::l1::{decode_get_l2_output, encode_get_l2_output, encode_get_l2_output_index_after};
use super::read::PREFIX;
use super::verify::verify_storage;
use super::{
    build_anchor_proof, commitment_slots, output_preimage_from_rpc, AnchorProof, AnchorProofError, L1Proposal,
    L2_TO_L1_MESSAGE_PASSER,
};
use crate::encoding::{decode_fixed, decode_hex, encode_hex};
use crate::error::Error;
use crate::receipt::{BundleAnchor, ReceiptBundle};

/// What a producer read from L1 about the output of the proof's block: the return data of
/// `getL2Output(index)` on the `L2OutputOracle` `oracle` of L1 chain `chain_id`.
///
/// As JSON (the bindings' form; numbers as JSON numbers or decimal strings, hex with or without
/// `0x`):
/// `{"chain_id": 900, "oracle": "0x…", "index": 0, "get_l2_output": "0x…", "l1_block_number": 4}`
/// (`l1_block_number`, the block of its `OutputProposed` log, optional).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct L1OutputRead {
    /// The L1 chain id.
    pub chain_id: u64,
    /// The `L2OutputOracle` (its proxy) read.
    pub oracle: Address,
    /// The output index asked for (`getL2OutputIndexAfter(n)` answers it).
    pub index: u64,
    /// The return data of `getL2Output(index)`: 96 bytes, ABI-encoded.
    pub get_l2_output: Vec<u8>,
    /// The L1 block holding the proposal, when known.
    pub l1_block_number: Option<u64>,
}

/// Where the L1 read's fields are named in errors.
const L1: &str = "l1";

fn l1_error(name: &str, reason: &str) -> AnchorProofError {
    AnchorProofError::InvalidJson { field: format!("{L1}.{name}"), reason: reason.into() }
}

fn l1_number(value: &Value, name: &str) -> Result<Option<u64>, AnchorProofError> {
    match value.get(name) {
        None | Some(Value::Null) => Ok(None),
        // A decimal string too, as every u64 of a bundle: a JavaScript bigint is written so.
        Some(Value::String(text)) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse().map(Some).map_err(|_| l1_error(name, "expected an unsigned 64-bit integer"))
        }
        Some(number) => number.as_u64().map(Some).ok_or_else(|| l1_error(name, "expected an unsigned 64-bit integer")),
    }
}

fn l1_text<'v>(value: &'v Value, name: &str) -> Result<&'v str, AnchorProofError> {
    value.get(name).and_then(Value::as_str).ok_or_else(|| l1_error(name, "expected a hex string"))
}

impl L1OutputRead {
    /// Reads the JSON form (see the type), ignoring other fields.
    ///
    /// # Errors
    /// [`AnchorProofError::InvalidJson`] naming `l1.chain_id`, `l1.index`, … for a missing or
    /// mistyped field; [`AnchorProofError::Encoding`] for bad hex or an address of another length.
    pub fn from_value(value: &Value) -> Result<Self, AnchorProofError> {
        if !value.is_object() {
            return Err(AnchorProofError::InvalidJson { field: L1.into(), reason: "expected an object".into() });
        }
        let required = |name: &str| l1_number(value, name)?.ok_or_else(|| l1_error(name, "missing"));
        Ok(L1OutputRead {
            chain_id: required("chain_id")?,
            oracle: Address::from(decode_fixed::<20>("l1.oracle", l1_text(value, "oracle")?)?),
            index: required("index")?,
            get_l2_output: decode_hex("l1.get_l2_output", l1_text(value, "get_l2_output")?)?,
            l1_block_number: l1_number(value, "l1_block_number")?,
        })
    }
}

/// The bundle's anchor section: what a proof is attached to.
fn anchor_of(bundle: &mut ReceiptBundle) -> Result<&mut BundleAnchor, AnchorProofError> {
    bundle.anchor.as_mut().ok_or_else(|| AnchorProofError::NotAttachable {
        field: "anchor".into(),
        reason: "the bundle has no anchor section (a set-receipt-v2 bundle of an anchored commitment carries one)"
            .into(),
    })
}

/// The bundle's `anchor.proof`, `None` when it carries none.
fn proof_of(anchor: &BundleAnchor) -> Result<Option<AnchorProof>, AnchorProofError> {
    anchor.proof.as_ref().map(AnchorProof::from_value).transpose()
}

/// `bundle` with `anchor.proof` set to the storage proof of its commitment in `registry`, built
/// from the answers of `eth_getBlockByNumber(n, false)` (`block`) and
/// `eth_getProof(registry, commitment_slots(batch_id), n)` (`get_proof`), their `result` objects.
/// The proof is checked before it is attached: its Merkle-Patricia proofs against the header, and
/// the three slots holding the bundle's commitment (a block before the commitment landed is
/// refused). A bundle that already carries a proof keeps it: the same proof (with or without its
/// output root) is accepted and changes nothing, another one is refused.
///
/// # Errors
/// [`AnchorProofError::NotAttachable`] naming `anchor` (no anchor section), `anchor.registry` (the
/// bundle is anchored at another registry than `registry`) or `anchor.proof` (another proof is
/// there); [`AnchorProofError::RpcAnswer`] for answers about another block, account or batch
/// (`eth_getProof.storageProof`: no proof of one of the bundle's slots); the checks' errors
/// ([`AnchorProofError::NotCommitted`], [`AnchorProofError::CommitmentMismatch`], …) naming
/// `anchor.proof.…` when the answers do not show the commitment.
pub fn attach_proof(
    bundle: &ReceiptBundle,
    block: &Value,
    get_proof: &Value,
    registry: Address,
) -> Result<ReceiptBundle, AnchorProofError> {
    let mut bundle = bundle.clone();
    let commitment = bundle.commitment.clone();
    let anchor = anchor_of(&mut bundle)?;
    if anchor.registry != registry {
        return Err(AnchorProofError::NotAttachable {
            field: "anchor.registry".into(),
            reason: format!(
                "the bundle is anchored at {}, not at {}",
                encode_hex(anchor.registry.as_slice()),
                encode_hex(registry.as_slice())
            ),
        });
    }
    let built = build_anchor_proof(block, get_proof, registry, &commitment.batch_id)?;
    verify_storage(&built, &commitment, registry)?;
    match proof_of(anchor)? {
        None => anchor.proof = Some(built.to_value()),
        Some(existing) => {
            if (AnchorProof { output: None, ..existing.clone() }) != built {
                return Err(AnchorProofError::NotAttachable {
                    field: PREFIX.into(),
                    reason: "the bundle already carries another proof: evidence is added, never replaced".into(),
                });
            }
            // Written as the core writes it (a proof read with hex in upper case or without `0x`).
            anchor.proof = Some(existing.to_value());
        }
    }
    Ok(bundle)
}

/// `bundle` with its `anchor.proof` upgraded with the output root of the proof's L2 block, from
/// the answers of `eth_getBlockByNumber(n, false)` (`block`) and
/// `eth_getProof(L2_TO_L1_MESSAGE_PASSER, [], n)` (`message_passer_proof`) at that block, and,
/// when read, where the output was proposed on L1 (`l1`; its output root must be the one the
/// answers hash to). Through [`AnchorProof::add_output`]: evidence is added, never replaced.
///
/// # Errors
/// [`AnchorProofError::NotAttachable`] naming `anchor` or `anchor.proof` when the bundle has no
/// proof to upgrade; [`AnchorProofError::RpcAnswer`] for answers about another account or a header
/// that does not hash to its `hash`; [`AnchorProofError::OutputMismatch`] naming
/// `anchor.proof.output.state_root` or `.block_hash` (the answers are of another block),
/// `anchor.proof.output.l1.l2_block_number` (an output of another block), `l1.get_l2_output` (L1
/// holds another output root), `anchor.proof.output.output_root` or `.l1` (other evidence is
/// there); [`AnchorProofError::Abi`] for return data that does not decode.
pub fn upgrade_proof(
    bundle: &ReceiptBundle,
    block: &Value,
    message_passer_proof: &Value,
    l1: Option<&L1OutputRead>,
) -> Result<ReceiptBundle, AnchorProofError> {
    let mut bundle = bundle.clone();
    let anchor = anchor_of(&mut bundle)?;
    let mut proof = proof_of(anchor)?.ok_or_else(|| AnchorProofError::NotAttachable {
        field: PREFIX.into(),
        reason: "the bundle carries no proof to upgrade: attach one first".into(),
    })?;
    let preimage = output_preimage_from_rpc(block, message_passer_proof)?;
    let location = match l1 {
        None => None,
        Some(read) => {
            let proposal = decode_get_l2_output(&read.get_l2_output)?;
            if proposal.output_root != preimage.output_root() {
                return Err(AnchorProofError::OutputMismatch {
                    field: "l1.get_l2_output".into(),
                    reason: format!(
                        "L1 holds output root {} at index {}, not this block's {}",
                        proposal.output_root,
                        read.index,
                        preimage.output_root()
                    ),
                });
            }
            Some(L1Proposal::from_l2_output(read.chain_id, read.oracle, read.index, &proposal, read.l1_block_number))
        }
    };
    proof.add_output(preimage, location)?;
    anchor.proof = Some(proof.to_value());
    Ok(bundle)
}

/// What a producer asks its nodes for the proof of `batch_id` in `registry` at L2 block
/// `l2_block_number`, as JSON-RPC `params` (quantities as `0x` hex):
///
/// - `eth_getBlockByNumber`: `[n, false]`;
/// - `eth_getProof`: `[registry, [the three commitment_slots], n]`;
/// - `message_passer_eth_getProof`: `eth_getProof`'s params for the `L2ToL1MessagePasser`,
///   `[0x4200…0016, [], n]` (for [`upgrade_proof`]);
/// - `getL2OutputIndexAfter`: the L1 calldata of `getL2OutputIndexAfter(n)` (its answer, a
///   `uint256`, is the output index; `eth_call` it on the `L2OutputOracle`);
/// - `getL2Output`: the calldata of `getL2Output(output_index)`, when `output_index` is given.
pub fn proof_requests(batch_id: &Uuid, registry: Address, l2_block_number: u64, output_index: Option<u64>) -> Value {
    let block = format!("{l2_block_number:#x}");
    let slots: Vec<String> = commitment_slots(batch_id).iter().map(|slot| encode_hex(slot.as_slice())).collect();
    let mut requests = json!({
        "eth_getBlockByNumber": [block, false],
        "eth_getProof": [encode_hex(registry.as_slice()), slots, block],
        "message_passer_eth_getProof": [encode_hex(L2_TO_L1_MESSAGE_PASSER.as_slice()), [], block],
        "getL2OutputIndexAfter": encode_hex(&encode_get_l2_output_index_after(l2_block_number)),
    });
    if let Some(index) = output_index {
        requests["getL2Output"] = Value::String(encode_hex(&encode_get_l2_output(index)));
    }
    requests
}

/// An RPC answer's JSON text as a value; errors name the answer (`eth_getProof`).
fn answer(name: &str, text: &str) -> Result<Value, AnchorProofError> {
    crate::ves::parse_json_value(name, text)
        .map_err(|err| AnchorProofError::RpcAnswer { field: name.into(), reason: err.to_string() })
}

/// [`attach_proof`] on JSON text: the bindings' `attachAnchorProof`. `registry` is `0x` hex.
///
/// # Errors
/// [`Error::Receipt`] for a bundle that does not read (its field named as when it is verified);
/// [`Error::AnchorProof`]: [`AnchorProofError::RpcAnswer`] naming `eth_getBlockByNumber` or
/// `eth_getProof` for text that is not JSON, [`AnchorProofError::Encoding`] naming `registry`,
/// and [`attach_proof`]'s errors.
pub fn attach_proof_json(bundle: &str, block: &str, get_proof: &str, registry: &str) -> Result<String, Error> {
    let bundle = ReceiptBundle::from_json(bundle)?;
    let registry = Address::from(decode_fixed::<20>("registry", registry).map_err(AnchorProofError::from)?);
    let block = answer("eth_getBlockByNumber", block)?;
    let get_proof = answer("eth_getProof", get_proof)?;
    Ok(attach_proof(&bundle, &block, &get_proof, registry)?.to_json())
}

/// [`upgrade_proof`] on JSON text: the bindings' `upgradeAnchorProof`. `l1` is the JSON form of
/// [`L1OutputRead`], or `None` to add the output root without its L1 location.
///
/// # Errors
/// [`Error::Receipt`] for a bundle that does not read; [`Error::AnchorProof`]:
/// [`AnchorProofError::RpcAnswer`] naming `eth_getBlockByNumber` or `eth_getProof` for text that
/// is not JSON, [`AnchorProofError::InvalidJson`] naming `l1` for an L1 read that is not JSON or
/// not of its form, and [`upgrade_proof`]'s errors.
pub fn upgrade_proof_json(
    bundle: &str,
    block: &str,
    message_passer_proof: &str,
    l1: Option<&str>,
) -> Result<String, Error> {
    let bundle = ReceiptBundle::from_json(bundle)?;
    let block = answer("eth_getBlockByNumber", block)?;
    let message_passer_proof = answer("eth_getProof", message_passer_proof)?;
    let l1 = l1
        .map(|text| {
            let value = crate::ves::parse_json_value(L1, text)
                .map_err(|err| AnchorProofError::InvalidJson { field: L1.into(), reason: err.to_string() })?;
            L1OutputRead::from_value(&value)
        })
        .transpose()?;
    Ok(upgrade_proof(&bundle, &block, &message_passer_proof, l1.as_ref())?.to_json())
}

/// [`proof_requests`] with the batch id and registry as text: the bindings' `anchorProofRequests`.
///
/// # Errors
/// [`Error::Id`] naming `batch_id` for a malformed UUID; [`Error::Encoding`] naming `registry`.
pub fn proof_requests_json(
    batch_id: &str,
    registry: &str,
    l2_block_number: u64,
    output_index: Option<u64>,
) -> Result<String, Error> {
    let batch_id = crate::ids::parse_uuid("batch_id", batch_id)?;
    let registry = Address::from(decode_fixed::<20>("registry", registry)?);
    Ok(proof_requests(&batch_id, registry, l2_block_number, output_index).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor_proof::tests::{capture, oracle, registry};
    use crate::anchor_proof::{verify_bundle_json, ProofCheck};

    /// The conformance suite's valid bundle, anchored where the capture anchored its commitment,
    /// without a proof: what a producer starts from.
    fn unproven_bundle() -> ReceiptBundle {
        let case: Value =
            serde_json::from_str(include_str!("../../../tests/conformance/cases/valid-anchored.json")).unwrap();
        let mut bundle = ReceiptBundle::from_value(case["bundle"].clone()).unwrap();
        let anchor = &capture()["l2"]["anchor"];
        let on_chain = bundle.anchor.as_mut().unwrap();
        on_chain.registry = registry();
        on_chain.tx_hash = anchor["tx_hash"].as_str().unwrap().parse().unwrap();
        on_chain.block_number = anchor["block_number"].as_u64().unwrap();
        on_chain.block_hash = Some(anchor["block_hash"].as_str().unwrap().parse().unwrap());
        bundle
    }

    fn l1_read(k: usize) -> L1OutputRead {
        let capture = capture();
        let output = &capture["l1"]["outputs"][k];
        L1OutputRead::from_value(&json!({
            "chain_id": capture["l1"]["chain_id"],
            "oracle": capture["l1"]["oracle"],
            "index": output["index"],
            "get_l2_output": output["getL2Output"],
            "l1_block_number": output["l1_block_number"],
        }))
        .unwrap()
    }

    fn attached() -> ReceiptBundle {
        let capture = capture();
        let at = &capture["at_output"];
        attach_proof(&unproven_bundle(), &at["eth_getBlockByNumber"], &at["eth_getProof"], registry()).unwrap()
    }

    fn upgraded() -> ReceiptBundle {
        let capture = capture();
        let at = &capture["at_output"];
        upgrade_proof(&attached(), &at["eth_getBlockByNumber"], &at["message_passer_eth_getProof"], Some(&l1_read(0)))
            .unwrap()
    }

    fn code_and_field(err: &AnchorProofError) -> (&'static str, &str) {
        (err.code(), err.field())
    }

    #[test]
    fn an_attached_and_upgraded_bundle_verifies_at_anchored_l1() {
        let bundle = upgraded();
        let proof = AnchorProof::from_value(bundle.anchor.as_ref().unwrap().proof.as_ref().unwrap()).unwrap();
        let output = proof.output.as_ref().unwrap();
        let proposal = decode_get_l2_output(&l1_read(0).get_l2_output).unwrap();
        assert_eq!(output.output_root, proposal.output_root);
        assert_eq!(output.l1.as_ref().map(|l1| (l1.index, l1.contract)), Some((0, oracle())));
        let case: Value =
            serde_json::from_str(include_str!("../../../tests/conformance/cases/proof-valid-anchored-l1.json"))
                .unwrap();
        // The producer's bundle is the one the conformance suite verifies at anchored-l1.
        assert_eq!(bundle, ReceiptBundle::from_value(case["bundle"].clone()).unwrap());
        let verdict = verify_bundle_json(&bundle.to_json(), &case["trust"].to_string()).unwrap();
        assert_eq!((verdict.anchor_proof, verdict.output_root), (ProofCheck::Passed, ProofCheck::Passed));
    }

    #[test]
    fn the_json_calls_give_the_bundle_as_the_core_writes_it() {
        let capture = capture();
        let at = &capture["at_output"];
        let text = |value: &Value| value.to_string();
        let attached_text = attach_proof_json(
            &unproven_bundle().to_json(),
            &text(&at["eth_getBlockByNumber"]),
            &text(&at["eth_getProof"]),
            capture["l2"]["registry"].as_str().unwrap(),
        )
        .unwrap();
        assert_eq!(attached_text, attached().to_json());
        let output = &capture["l1"]["outputs"][0];
        let l1 = json!({
            "chain_id": capture["l1"]["chain_id"], "oracle": capture["l1"]["oracle"], "index": output["index"],
            "get_l2_output": output["getL2Output"], "l1_block_number": output["l1_block_number"],
        });
        let upgraded_text = upgrade_proof_json(
            &attached_text,
            &text(&at["eth_getBlockByNumber"]),
            &text(&at["message_passer_eth_getProof"]),
            Some(&l1.to_string()),
        )
        .unwrap();
        assert_eq!(upgraded_text, upgraded().to_json());
        let err = attach_proof_json("{}", "{}", "{}", "0x00").unwrap_err();
        assert_eq!((err.code(), err.module()), ("INVALID_JSON", "receipt"));
        let err =
            attach_proof_json(&attached_text, "{", "{}", capture["l2"]["registry"].as_str().unwrap()).unwrap_err();
        assert_eq!((err.code(), err.field()), ("INVALID_RPC_ANSWER", Some("eth_getBlockByNumber")));
        let err = upgrade_proof_json(&attached_text, &text(&at["eth_getBlockByNumber"]), "{}", Some("[]")).unwrap_err();
        assert_eq!((err.code(), err.field()), ("INVALID_JSON", Some("l1")));
    }

    #[test]
    fn attaching_or_upgrading_again_with_the_same_evidence_changes_nothing() {
        let capture = capture();
        let at = &capture["at_output"];
        let (block, get_proof) = (&at["eth_getBlockByNumber"], &at["eth_getProof"]);
        assert_eq!(attach_proof(&attached(), block, get_proof, registry()), Ok(attached()));
        // Attaching the L2 proof again keeps the output root it was upgraded with.
        assert_eq!(attach_proof(&upgraded(), block, get_proof, registry()), Ok(upgraded()));
        let passer = &at["message_passer_eth_getProof"];
        assert_eq!(upgrade_proof(&upgraded(), block, passer, Some(&l1_read(0))), Ok(upgraded()));
        // Without the L1 read first, with it later: the location is added.
        let root_only = upgrade_proof(&attached(), block, passer, None).unwrap();
        assert_ne!(root_only, upgraded());
        assert_eq!(upgrade_proof(&root_only, block, passer, Some(&l1_read(0))), Ok(upgraded()));
        assert_eq!(upgrade_proof(&upgraded(), block, passer, None), Ok(upgraded()));
        // A proof written another way (upper-case hex) is the same evidence, written back as the
        // core writes it.
        let mut shouting = upgraded();
        let proof = shouting.anchor.as_mut().unwrap().proof.as_mut().unwrap();
        proof["storage_hash"] =
            Value::String(proof["storage_hash"].as_str().unwrap().to_uppercase().replace("0X", "0x"));
        assert_ne!(shouting, upgraded());
        assert_eq!(attach_proof(&shouting, block, get_proof, registry()), Ok(upgraded()));
    }

    #[test]
    fn a_proof_of_another_batch_or_registry_is_refused() {
        let capture = capture();
        let at = &capture["at_output"];
        let (block, get_proof) = (&at["eth_getBlockByNumber"], &at["eth_getProof"]);
        let mut other_batch = unproven_bundle();
        other_batch.commitment.batch_id = Uuid::from_u128(0xba7c);
        let err = attach_proof(&other_batch, block, get_proof, registry()).unwrap_err();
        assert_eq!(code_and_field(&err), ("INVALID_RPC_ANSWER", "eth_getProof.storageProof"));
        // The bundle names another registry than the one the proof is of.
        let err = attach_proof(&unproven_bundle(), block, get_proof, Address::repeat_byte(0x5e)).unwrap_err();
        assert_eq!(code_and_field(&err), ("PROOF_NOT_ATTACHABLE", "anchor.registry"));
        // The registry's account at another address (SetPaymaster's answer, the bundle moved there).
        let paymaster: Address = capture["l2"]["paymaster"].as_str().unwrap().parse().unwrap();
        let mut at_paymaster = unproven_bundle();
        at_paymaster.anchor.as_mut().unwrap().registry = paymaster;
        let err = attach_proof(&at_paymaster, block, &at["paymaster_eth_getProof"], paymaster).unwrap_err();
        assert_eq!(code_and_field(&err).1, "anchor.proof.storage_proof[0].value");
    }

    #[test]
    fn a_proof_before_the_commitment_landed_is_not_attached() {
        let capture = capture();
        let before = &capture["before_commit"];
        let err =
            attach_proof(&unproven_bundle(), &before["eth_getBlockByNumber"], &before["eth_getProof"], registry())
                .unwrap_err();
        assert_eq!(code_and_field(&err), ("PROOF_NOT_COMMITTED", "anchor.proof.storage_proof[0].value"));
    }

    #[test]
    fn existing_evidence_is_never_replaced() {
        let capture = capture();
        // Another proof already in the bundle (one field differs from what the answers build).
        let mut other = attached();
        let mut proof = AnchorProof::from_value(other.anchor.as_ref().unwrap().proof.as_ref().unwrap()).unwrap();
        proof.nonce += 1;
        other.anchor.as_mut().unwrap().proof = Some(proof.to_value());
        let at = &capture["at_output"];
        let err = attach_proof(&other, &at["eth_getBlockByNumber"], &at["eth_getProof"], registry()).unwrap_err();
        assert_eq!(code_and_field(&err), ("PROOF_NOT_ATTACHABLE", "anchor.proof"));
        // Another L1 location for the same output root.
        let mut moved = l1_read(0);
        moved.index = 5;
        let passer = &at["message_passer_eth_getProof"];
        let err = upgrade_proof(&upgraded(), &at["eth_getBlockByNumber"], passer, Some(&moved)).unwrap_err();
        assert_eq!(code_and_field(&err), ("OUTPUT_ROOT_MISMATCH", "anchor.proof.output.l1"));
    }

    #[test]
    fn an_output_of_another_block_is_refused() {
        let capture = capture();
        let (at, next) = (&capture["at_output"], &capture["at_next_output"]);
        // The next output's block answers: not the proof's header.
        let err = upgrade_proof(&attached(), &next["eth_getBlockByNumber"], &next["message_passer_eth_getProof"], None)
            .unwrap_err();
        assert_eq!(code_and_field(&err), ("OUTPUT_ROOT_MISMATCH", "anchor.proof.output.state_root"));
        // The right block, but the L1 read is the next output: L1 holds another root there.
        let (block, passer) = (&at["eth_getBlockByNumber"], &at["message_passer_eth_getProof"]);
        let err = upgrade_proof(&attached(), block, passer, Some(&l1_read(1))).unwrap_err();
        assert_eq!(code_and_field(&err), ("OUTPUT_ROOT_MISMATCH", "l1.get_l2_output"));
        // The message passer's answer of another block does not hold against this header.
        let err = upgrade_proof(&attached(), block, &next["message_passer_eth_getProof"], None).unwrap_err();
        assert_eq!(err.field(), "eth_getProof.accountProof[0]");
    }

    #[test]
    fn a_bundle_without_anchor_or_proof_is_refused() {
        let capture = capture();
        let at = &capture["at_output"];
        let mut unanchored = unproven_bundle();
        unanchored.anchor = None;
        let err = attach_proof(&unanchored, &at["eth_getBlockByNumber"], &at["eth_getProof"], registry()).unwrap_err();
        assert_eq!(code_and_field(&err), ("PROOF_NOT_ATTACHABLE", "anchor"));
        let passer = &at["message_passer_eth_getProof"];
        let err = upgrade_proof(&unproven_bundle(), &at["eth_getBlockByNumber"], passer, None).unwrap_err();
        assert_eq!(code_and_field(&err), ("PROOF_NOT_ATTACHABLE", "anchor.proof"));
    }

    #[test]
    fn malformed_l1_reads_name_the_field() {
        let good = json!({"chain_id": 900, "oracle": "0x0101010101010101010101010101010101010101", "index": 0, "get_l2_output": "0x"});
        assert!(L1OutputRead::from_value(&good).is_ok());
        let as_text = json!({"chain_id": "900", "oracle": good["oracle"], "index": "0", "get_l2_output": "0x"});
        assert_eq!(L1OutputRead::from_value(&as_text), L1OutputRead::from_value(&good));
        let cases = [
            ("chain_id", json!("0x384"), "INVALID_JSON", "l1.chain_id"),
            ("index", json!("18446744073709551616"), "INVALID_JSON", "l1.index"),
            ("index", Value::Null, "INVALID_JSON", "l1.index"),
            ("oracle", json!("0x01"), "WRONG_LENGTH", "l1.oracle"),
            ("get_l2_output", json!("0xzz"), "INVALID_HEX", "l1.get_l2_output"),
            ("l1_block_number", json!(-1), "INVALID_JSON", "l1.l1_block_number"),
        ];
        for (name, value, code, field) in cases {
            let mut read = good.clone();
            read[name] = value;
            let err = L1OutputRead::from_value(&read).unwrap_err();
            assert_eq!(code_and_field(&err), (code, field), "{name}");
        }
        assert_eq!(L1OutputRead::from_value(&json!([])).unwrap_err().field(), "l1");
        let capture = capture();
        let at = &capture["at_output"];
        let short = L1OutputRead { get_l2_output: vec![0; 95], ..l1_read(0) };
        let passer = &at["message_passer_eth_getProof"];
        let err = upgrade_proof(&attached(), &at["eth_getBlockByNumber"], passer, Some(&short)).unwrap_err();
        assert_eq!(err.code(), "TRUNCATED");
    }

    #[test]
    fn the_requests_are_the_slots_and_calldata_the_capture_answered() {
        let capture = capture();
        let batch = unproven_bundle().commitment.batch_id;
        let requests = proof_requests(&batch, registry(), 7, Some(0));
        let asked: Vec<&Value> = capture["at_output"]["eth_getProof"]["storageProof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| &s["key"])
            .collect();
        let keys: Vec<&Value> = requests["eth_getProof"][1].as_array().unwrap().iter().collect();
        assert_eq!(keys, asked);
        assert_eq!(requests["eth_getProof"][0], capture["l2"]["registry"]);
        assert_eq!(requests["eth_getBlockByNumber"], json!(["0x7", false]));
        assert_eq!(requests["message_passer_eth_getProof"][0], "0x4200000000000000000000000000000000000016");
        assert_eq!(requests["getL2Output"], Value::String(encode_hex(&encode_get_l2_output(0))));
        assert_eq!(requests["getL2OutputIndexAfter"], Value::String(encode_hex(&encode_get_l2_output_index_after(7))));
        assert!(proof_requests(&batch, registry(), 7, None).get("getL2Output").is_none());
        let text = proof_requests_json(&batch.to_string(), capture["l2"]["registry"].as_str().unwrap(), 7, Some(0));
        assert_eq!(text.map(|text| serde_json::from_str::<Value>(&text).unwrap()), Ok(requests));
        let err = proof_requests_json("nope", "0x00", 7, None).unwrap_err();
        assert_eq!((err.code(), err.field()), ("INVALID_UUID", Some("batch_id")));
    }
}
