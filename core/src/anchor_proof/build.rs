//! Building `anchor.proof` from the JSON answers of `eth_getBlockByNumber` and `eth_getProof`
//! (their `result` objects, as any Ethereum node returns them: camelCase keys, quantities as
//! `0x` hex), and adding the L1 evidence later. Field paths in errors name the answer
//! (`eth_getProof.storageProof[1].value`).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{Address, Bytes, FixedBytes, B256, U256};
use alloy_trie::TrieAccount;
use serde_json::Value;
use uuid::Uuid;

use super::read::{check_fork_order, PREFIX};
use super::verify::{prove_account, verify_merkle};
use super::{
    commitment_slots, AnchorProof, AnchorProofError, L1Proposal, L2Header, OutputProof, OutputRootPreimage,
    StorageProof, L2_TO_L1_MESSAGE_PASSER, MAX_PROOF_NODES, OUTPUT_VERSION_V0,
};
use crate::encoding::{decode_b256, decode_fixed, decode_hex};
use crate::json::{index_path, key_path};

const BLOCK: &str = "eth_getBlockByNumber";
const GET_PROOF: &str = "eth_getProof";

fn answer_error(field: &str, reason: impl Into<String>) -> AnchorProofError {
    AnchorProofError::RpcAnswer { field: field.into(), reason: reason.into() }
}

/// The value at `key` of the object `doc` (at `path`), required.
fn member<'v>(doc: &'v Value, path: &str, key: &str) -> Result<&'v Value, AnchorProofError> {
    match doc {
        Value::Object(map) => {
            map.get(key).filter(|value| !value.is_null()).ok_or_else(|| answer_error(&key_path(path, key), "missing"))
        }
        _ => Err(answer_error(path, "expected an object")),
    }
}

/// The string at `key`, required.
fn text<'v>(doc: &'v Value, path: &str, key: &str) -> Result<&'v str, AnchorProofError> {
    member(doc, path, key)?.as_str().ok_or_else(|| answer_error(&key_path(path, key), "expected a string"))
}

/// Whether the optional `key` is present (not absent, not null).
fn has(doc: &Value, key: &str) -> bool {
    doc.get(key).is_some_and(|value| !value.is_null())
}

fn hash(doc: &Value, path: &str, key: &str) -> Result<B256, AnchorProofError> {
    Ok(decode_b256(&key_path(path, key), text(doc, path, key)?)?)
}

fn optional_hash(doc: &Value, path: &str, key: &str) -> Result<Option<B256>, AnchorProofError> {
    has(doc, key).then(|| hash(doc, path, key)).transpose()
}

/// A JSON-RPC quantity (`0x` and up to 64 hex digits) as 32 big-endian bytes; a 32-byte hex
/// string with leading zeros is accepted too (storage keys are echoed as given).
fn word(field: &str, text: &str) -> Result<B256, AnchorProofError> {
    let digits = text.strip_prefix("0x").ok_or_else(|| answer_error(field, "expected a 0x quantity"))?;
    if digits.is_empty() || digits.len() > 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(answer_error(field, format!("\"{text}\" is not a quantity of at most 32 bytes")));
    }
    let padded = format!("{digits:0>64}");
    Ok(decode_b256(field, &padded)?)
}

fn quantity(doc: &Value, path: &str, key: &str) -> Result<U256, AnchorProofError> {
    let field = key_path(path, key);
    Ok(U256::from_be_bytes(word(&field, text(doc, path, key)?)?.0))
}

fn small_quantity(doc: &Value, path: &str, key: &str) -> Result<u64, AnchorProofError> {
    let value = quantity(doc, path, key)?;
    u64::try_from(value).map_err(|_| answer_error(&key_path(path, key), "does not fit in 64 bits"))
}

fn optional_small_quantity(doc: &Value, path: &str, key: &str) -> Result<Option<u64>, AnchorProofError> {
    has(doc, key).then(|| small_quantity(doc, path, key)).transpose()
}

fn address(doc: &Value, path: &str, key: &str) -> Result<Address, AnchorProofError> {
    Ok(Address::from(decode_fixed::<20>(&key_path(path, key), text(doc, path, key)?)?))
}

fn node_list(doc: &Value, path: &str, key: &str) -> Result<Vec<Bytes>, AnchorProofError> {
    let field = key_path(path, key);
    let items = member(doc, path, key)?.as_array().ok_or_else(|| answer_error(&field, "expected an array"))?;
    if items.len() > MAX_PROOF_NODES {
        return Err(answer_error(&field, format!("{} nodes, more than {MAX_PROOF_NODES}", items.len())));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let field = index_path(&field, i);
            let text = item.as_str().ok_or_else(|| answer_error(&field, "expected a string"))?;
            Ok(Bytes::from(decode_hex(&field, text)?))
        })
        .collect()
}

/// The L2 header of an `eth_getBlockByNumber` answer, checked against the answer's `hash`.
///
/// # Errors
/// [`AnchorProofError::RpcAnswer`] for a missing or mistyped field, and naming
/// `eth_getBlockByNumber.hash` when the fields do not hash to it (a header field this version
/// does not know: a later fork's); [`AnchorProofError::Encoding`] for bad hex.
pub fn header_from_rpc(block: &Value) -> Result<L2Header, AnchorProofError> {
    let header = L2Header {
        parent_hash: hash(block, BLOCK, "parentHash")?,
        sha3_uncles: hash(block, BLOCK, "sha3Uncles")?,
        miner: address(block, BLOCK, "miner")?,
        state_root: hash(block, BLOCK, "stateRoot")?,
        transactions_root: hash(block, BLOCK, "transactionsRoot")?,
        receipts_root: hash(block, BLOCK, "receiptsRoot")?,
        logs_bloom: FixedBytes(decode_fixed::<256>(&key_path(BLOCK, "logsBloom"), text(block, BLOCK, "logsBloom")?)?),
        difficulty: quantity(block, BLOCK, "difficulty")?,
        number: small_quantity(block, BLOCK, "number")?,
        gas_limit: small_quantity(block, BLOCK, "gasLimit")?,
        gas_used: small_quantity(block, BLOCK, "gasUsed")?,
        timestamp: small_quantity(block, BLOCK, "timestamp")?,
        extra_data: Bytes::from(decode_hex(&key_path(BLOCK, "extraData"), text(block, BLOCK, "extraData")?)?),
        mix_hash: hash(block, BLOCK, "mixHash")?,
        nonce: FixedBytes(decode_fixed::<8>(&key_path(BLOCK, "nonce"), text(block, BLOCK, "nonce")?)?),
        base_fee_per_gas: optional_small_quantity(block, BLOCK, "baseFeePerGas")?,
        withdrawals_root: optional_hash(block, BLOCK, "withdrawalsRoot")?,
        blob_gas_used: optional_small_quantity(block, BLOCK, "blobGasUsed")?,
        excess_blob_gas: optional_small_quantity(block, BLOCK, "excessBlobGas")?,
        parent_beacon_block_root: optional_hash(block, BLOCK, "parentBeaconBlockRoot")?,
        requests_hash: optional_hash(block, BLOCK, "requestsHash")?,
    };
    check_fork_order(BLOCK, &header)?;
    let stated = hash(block, BLOCK, "hash")?;
    let computed = header.hash();
    if computed != stated {
        return Err(answer_error(
            &key_path(BLOCK, "hash"),
            format!("the header's fields hash to {computed} (a header field this version does not know?)"),
        ));
    }
    Ok(header)
}

/// The account part of an `eth_getProof` answer: address, the account, its proof.
// `..TrieAccount::default()`: alloy-trie's `account-ext` feature, which any crate of a build may
// turn on, adds a field.
#[allow(clippy::needless_update)]
fn account_from_rpc(answer: &Value) -> Result<(Address, TrieAccount, Vec<Bytes>), AnchorProofError> {
    let account = TrieAccount {
        nonce: small_quantity(answer, GET_PROOF, "nonce")?,
        balance: quantity(answer, GET_PROOF, "balance")?,
        storage_root: hash(answer, GET_PROOF, "storageHash")?,
        code_hash: hash(answer, GET_PROOF, "codeHash")?,
        ..TrieAccount::default()
    };
    Ok((address(answer, GET_PROOF, "address")?, account, node_list(answer, GET_PROOF, "accountProof")?))
}

/// Builds `anchor.proof` for the commitment `batch_id` in the SetRegistry proxy `registry` from
/// the answers of `eth_getBlockByNumber(n, false)` and
/// `eth_getProof(registry, commitment_slots(batch_id), n)` for the same block `n`, and checks
/// that its proofs hold (each leading from the header's state root to the values stated; a slot
/// the batch has not reached yet is proven empty). Whether the values are the bundle's
/// commitment, and whether the header is trusted, is the verifier's business ([`super::verify`]).
///
/// # Errors
/// [`AnchorProofError::RpcAnswer`] when an answer is about another account, lacks one of the
/// three slots or has header fields that do not hash to its `hash`; the errors of
/// [`super::verify_storage`]'s Merkle checks when the proofs do not hold against the header (the
/// two answers are of different blocks).
pub fn build_anchor_proof(
    block: &Value,
    get_proof: &Value,
    registry: Address,
    batch_id: &Uuid,
) -> Result<AnchorProof, AnchorProofError> {
    let l2_header = header_from_rpc(block)?;
    let (address, account, account_proof) = account_from_rpc(get_proof)?;
    if address != registry {
        return Err(answer_error(&key_path(GET_PROOF, "address"), "is not the registry asked for"));
    }
    let path = key_path(GET_PROOF, "storageProof");
    let entries = member(get_proof, GET_PROOF, "storageProof")?
        .as_array()
        .ok_or_else(|| answer_error(&path, "expected an array"))?;
    let mut storage_proof = Vec::with_capacity(entries.len());
    for slot in commitment_slots(batch_id) {
        let mut found = None;
        for (i, entry) in entries.iter().enumerate() {
            let entry_path = index_path(&path, i);
            if word(&key_path(&entry_path, "key"), text(entry, &entry_path, "key")?)? == slot {
                found = Some(StorageProof {
                    key: slot,
                    value: word(&key_path(&entry_path, "value"), text(entry, &entry_path, "value")?)?,
                    proof: node_list(entry, &entry_path, "proof")?,
                });
                break;
            }
        }
        storage_proof.push(found.ok_or_else(|| {
            answer_error(&path, format!("no proof of slot {slot}: ask for commitment_slots(batch_id)"))
        })?);
    }
    let proof = AnchorProof {
        l2_header,
        address,
        nonce: account.nonce,
        balance: account.balance,
        storage_hash: account.storage_root,
        code_hash: account.code_hash,
        account_proof,
        storage_proof,
        output: None,
    };
    verify_merkle(&proof)?;
    Ok(proof)
}

/// The output-root preimage of an L2 block, from the answers of `eth_getBlockByNumber(n, false)`
/// and `eth_getProof(L2_TO_L1_MESSAGE_PASSER, [], n)`: what op-node's `optimism_outputAtBlock`
/// hashes and op-proposer proposes. The message passer's account proof is checked against the
/// block's state root (an account that does not exist, as on a plain anvil, is proven absent and
/// its storage root is the empty trie's).
///
/// # Errors
/// [`AnchorProofError::RpcAnswer`] for an answer about another account or a header that does not
/// hash to its `hash`; the account proof's errors when it does not hold against the header.
pub fn output_preimage_from_rpc(
    block: &Value,
    message_passer_proof: &Value,
) -> Result<OutputRootPreimage, AnchorProofError> {
    let header = header_from_rpc(block)?;
    let (address, account, nodes) = account_from_rpc(message_passer_proof)?;
    if address != L2_TO_L1_MESSAGE_PASSER {
        return Err(answer_error(&key_path(GET_PROOF, "address"), "is not the L2ToL1MessagePasser"));
    }
    prove_account(&key_path(GET_PROOF, "accountProof"), header.state_root, address, &account, &nodes)?;
    Ok(OutputRootPreimage {
        version: OUTPUT_VERSION_V0,
        state_root: header.state_root,
        message_passer_storage_root: account.storage_root,
        block_hash: header.hash(),
    })
}

impl AnchorProof {
    /// Adds the header's output root (and, when known, where it was proposed on L1) to the proof:
    /// a bundle is upgraded with L1 evidence once the output is proposed. Evidence is added,
    /// never replaced: an output root already there must be the same (its L1 location may be
    /// added to it, not changed).
    ///
    /// # Errors
    /// [`AnchorProofError::OutputMismatch`] naming `anchor.proof.output.…` when the preimage is
    /// not the header's (state root, block hash), the proposal is for another L2 block, or the
    /// proof already holds other evidence; [`AnchorProofError::UnsupportedOutputVersion`].
    pub fn add_output(&mut self, preimage: OutputRootPreimage, l1: Option<L1Proposal>) -> Result<(), AnchorProofError> {
        let mismatch = |name: &str, reason: String| AnchorProofError::OutputMismatch {
            field: format!("{PREFIX}.output.{name}"),
            reason,
        };
        if preimage.version != OUTPUT_VERSION_V0 {
            return Err(AnchorProofError::UnsupportedOutputVersion {
                field: format!("{PREFIX}.output.version"),
                version: preimage.version,
            });
        }
        if preimage.state_root != self.l2_header.state_root {
            return Err(mismatch("state_root", "is not the header's state root".into()));
        }
        if preimage.block_hash != self.l2_header.hash() {
            return Err(mismatch("block_hash", "is not the header's hash".into()));
        }
        if let Some(l1) = &l1 {
            if l1.l2_block_number != self.l2_header.number {
                return Err(mismatch(
                    "l1.l2_block_number",
                    format!("is not the header's number {}", self.l2_header.number),
                ));
            }
        }
        let added = OutputProof { preimage, output_root: preimage.output_root(), l1 };
        match &mut self.output {
            None => self.output = Some(added),
            Some(existing) if existing.preimage != added.preimage => {
                return Err(mismatch(
                    "output_root",
                    "already holds another output root: evidence is added, never replaced".into(),
                ));
            }
            Some(existing) => match (&existing.l1, added.l1) {
                (None, l1) => existing.l1 = l1,
                (Some(_), None) => {}
                (Some(kept), Some(new)) if *kept == new => {}
                (Some(_), Some(_)) => {
                    return Err(mismatch(
                        "l1",
                        "already names another L1 proposal: evidence is added, never replaced".into(),
                    ));
                }
            },
        }
        Ok(())
    }
}
