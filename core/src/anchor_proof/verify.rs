//! The anchor-proof checks: Merkle-Patricia proofs through alloy-trie's `verify_proof` (guarded:
//! see [`guard`]), slot contents against the commitment, the header's trust, the output root.

use alloc::string::ToString;
use alloc::vec::Vec;

use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_rlp::Decodable;
use alloy_trie::nodes::{BranchNode, TrieNode};
use alloy_trie::proof::{verify_proof, ProofVerificationError};
use alloy_trie::{Nibbles, TrieAccount};

use super::read::PREFIX;
use super::{
    commitment_slots, AnchorProof, AnchorProofError, L2Header, OutputProof, ProofTrust, StorageProof, OUTPUT_VERSION_V0,
};
use crate::encoding::encode_hex;
use crate::json::index_path;
use crate::receipt::{BundleCommitment, Check, CheckStatus, ReceiptBundle, ReceiptError, Trust};

/// The outcome of one anchor-proof check, with the failure typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofCheck {
    /// The check ran and passed.
    Passed,
    /// The check ran and failed; the error names the field or proof node at fault.
    Failed(AnchorProofError),
    /// The check did not run, for this reason.
    Skipped(&'static str),
}

impl ProofCheck {
    /// The check's status in a receipt [`crate::receipt::Verdict`] (the error's message as the
    /// reason, starting with the field at fault).
    pub fn to_status(&self) -> CheckStatus {
        match self {
            ProofCheck::Passed => CheckStatus::Pass,
            ProofCheck::Failed(err) => CheckStatus::Fail(err.to_string()),
            ProofCheck::Skipped(reason) => CheckStatus::Skipped((*reason).into()),
        }
    }
}

impl ProofCheck {
    /// `pass`, `fail` or `skipped`, as [`CheckStatus::as_str`].
    pub const fn as_str(&self) -> &'static str {
        match self {
            ProofCheck::Passed => "pass",
            ProofCheck::Failed(_) => "fail",
            ProofCheck::Skipped(_) => "skipped",
        }
    }

    /// The failure, typed (its `code()` and `field()`); `None` unless the check failed.
    pub fn error(&self) -> Option<&AnchorProofError> {
        match self {
            ProofCheck::Failed(err) => Some(err),
            ProofCheck::Passed | ProofCheck::Skipped(_) => None,
        }
    }
}

/// The two checks an anchor proof feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofVerdict {
    /// `anchor_proof`: the commitment is in the pinned registry's storage at an L2 block the
    /// verifier trusts (its hash pinned, or committed by a pinned output root).
    pub anchor_proof: ProofCheck,
    /// `output_root`: that block is committed by a pinned L1 output root.
    pub output_root: ProofCheck,
}

impl ProofVerdict {
    /// Both checks with their names (`anchor_proof`, `output_root`), in the order a receipt
    /// verdict lists them: what the bindings return.
    pub fn checks(&self) -> [(Check, &ProofCheck); 2] {
        [(Check::AnchorProof, &self.anchor_proof), (Check::OutputRoot, &self.output_root)]
    }
}

/// The `anchor_proof` and `output_root` checks of a bundle, exactly as [`crate::receipt::verify_receipt`]
/// runs them, with each failure typed. Skipped when the bundle carries no `anchor.proof` or no
/// registry is pinned (a trust document that pins L2 block hashes or output roots without a
/// registry is refused when it is read).
pub fn verify_bundle(bundle: &ReceiptBundle, trust: &Trust) -> ProofVerdict {
    let skipped =
        |reason| ProofVerdict { anchor_proof: ProofCheck::Skipped(reason), output_root: ProofCheck::Skipped(reason) };
    let Some(proof) = bundle.anchor.as_ref().and_then(|anchor| anchor.proof.as_ref()) else {
        return skipped("the bundle carries no anchor proof");
    };
    let Some(registry) = trust.registry else {
        return skipped("no registry is pinned");
    };
    read_and_verify(proof, &bundle.commitment, registry, &trust.anchor_proof).unwrap_or_else(unreadable)
}

/// The verdict on a proof that does not read: both checks fail with its error.
pub(super) fn unreadable(err: AnchorProofError) -> ProofVerdict {
    ProofVerdict { anchor_proof: ProofCheck::Failed(err.clone()), output_root: ProofCheck::Failed(err) }
}

/// Reads `proof` (a bundle's `anchor.proof`) and runs [`verify`] on it; `Err` when it does not
/// read (both checks then fail with that error).
pub(super) fn read_and_verify(
    proof: &serde_json::Value,
    commitment: &BundleCommitment,
    registry: Address,
    trust: &ProofTrust,
) -> Result<ProofVerdict, AnchorProofError> {
    // A bundle read from JSON had its proof read already; one built in code may not.
    Ok(verify(&AnchorProof::from_value(proof)?, commitment, registry, trust))
}

/// Parses a bundle and a trust document and runs [`verify_bundle`]: the bindings'
/// `verifyAnchorProof`, for callers who want each anchor-proof failure's code and field (a
/// receipt verdict gives them as text).
///
/// # Errors
/// [`ReceiptError`] for malformed input, naming the field, as
/// [`crate::receipt::verify_receipt_json`].
pub fn verify_bundle_json(bundle_json: &str, trust_json: &str) -> Result<ProofVerdict, ReceiptError> {
    Ok(verify_bundle(&ReceiptBundle::from_json(bundle_json)?, &Trust::from_json(trust_json)?))
}

/// Checks an anchor proof of `commitment` against what the verifier pins: `registry` (the
/// SetRegistry proxy of the pinned chain) and `trust`.
///
/// - `output_root` passes when the proof's output root recomputes from a preimage that matches
///   the header, is pinned, and (when pinned) was proposed at the pinned L1 chain and contract;
///   it is skipped without an output root in the proof or pinned.
/// - `anchor_proof` passes when the account and storage proofs hold the commitment (see
///   [`verify_storage`]) and the header is trusted: its hash is pinned, or `output_root` passed.
///   Skipped when nothing is pinned, or when only output roots are pinned and the proof has none.
pub fn verify(
    proof: &AnchorProof,
    commitment: &BundleCommitment,
    registry: Address,
    trust: &ProofTrust,
) -> ProofVerdict {
    if !trust.pins_anything() {
        let skipped = || ProofCheck::Skipped("no L2 block hash or L1 output root is pinned");
        return ProofVerdict { anchor_proof: skipped(), output_root: skipped() };
    }
    verify_at_block(proof, &check_block(proof, trust), &proof.storage_proof, commitment, registry, trust)
}

/// What an anchor proof's checks owe to its block alone (the header's hash, the output root, the
/// account proof): the same for every commitment proven at that block, so a bulk call reaches it
/// once per block (`super::shared`).
#[derive(Debug, Clone)]
pub(super) struct BlockChecks {
    header_hash: B256,
    output_root: ProofCheck,
    /// The account proof, against the header's state root.
    account: Result<(), AnchorProofError>,
}

/// The block-level checks of `proof` against `trust` (its storage proofs are not read).
pub(super) fn check_block(proof: &AnchorProof, trust: &ProofTrust) -> BlockChecks {
    let header_hash = proof.l2_header.hash();
    let output_root = match &proof.output {
        None => ProofCheck::Skipped("the proof carries no output root"),
        Some(_) if trust.l1_output_roots.is_empty() => ProofCheck::Skipped("no L1 output root is pinned"),
        Some(output) => match check_output(output, &proof.l2_header, header_hash, trust) {
            Ok(()) => ProofCheck::Passed,
            Err(err) => ProofCheck::Failed(err),
        },
    };
    BlockChecks { header_hash, output_root, account: prove_account_of(proof) }
}

/// [`verify`] of the proof whose block part is `block_proof` (checked: `block`) and whose slot
/// proofs are `storage_proof` (`block_proof.storage_proof` is not read), `trust` pinning
/// something.
pub(super) fn verify_at_block(
    block_proof: &AnchorProof,
    block: &BlockChecks,
    storage_proof: &[StorageProof],
    commitment: &BundleCommitment,
    registry: Address,
    trust: &ProofTrust,
) -> ProofVerdict {
    let (header_hash, output_root) = (block.header_hash, block.output_root.clone());
    let storage = check_storage(block_proof, storage_proof, commitment, registry, || block.account.clone());
    let anchor_proof = match storage {
        Err(err) => ProofCheck::Failed(err),
        Ok(()) if trust.l2_block_hashes.contains(&header_hash) || output_root == ProofCheck::Passed => {
            ProofCheck::Passed
        }
        Ok(()) => {
            let untrusted = |reason: &str| {
                ProofCheck::Failed(AnchorProofError::UntrustedHeader {
                    field: alloc::format!("{PREFIX}.l2_header"),
                    hash: header_hash,
                    reason: reason.into(),
                })
            };
            match (&output_root, trust.l2_block_hashes.is_empty()) {
                (ProofCheck::Failed(_), true) => untrusted("its output root fails output_root"),
                (ProofCheck::Failed(_), false) => {
                    untrusted("its hash is not a pinned L2 block hash and its output root fails output_root")
                }
                (_, false) => untrusted("its hash is not a pinned L2 block hash"),
                (_, true) => {
                    ProofCheck::Skipped("only L1 output roots are pinned and the proof carries no output root")
                }
            }
        }
    };
    ProofVerdict { anchor_proof, output_root }
}

/// Checks that `proof` shows `commitment` in the storage of `registry` at the proof's L2 header
/// (whose trust is the caller's business): the account is `registry`, its proof leads from the
/// header's state root to the stated account, the three slot proofs lead from its storage root
/// to the stated values, the slots are `commitment_slots(batch_id)` and their values are the
/// commitment's (events root; new state root; sequence start and end, leaf count, a non-zero
/// timestamp and the first 4 bytes of keccak256(prev_state_root)).
///
/// # Errors
/// The first failure, naming its field: [`AnchorProofError::WrongAccount`],
/// [`AnchorProofError::MalformedNode`] / [`AnchorProofError::NodeMismatch`] (naming the node,
/// `anchor.proof.account_proof[3]`), [`AnchorProofError::ValueMismatch`],
/// [`AnchorProofError::WrongSlot`], [`AnchorProofError::NotCommitted`] (an empty slot: a proof
/// taken before the commitment landed), [`AnchorProofError::CommitmentMismatch`].
pub fn verify_storage(
    proof: &AnchorProof,
    commitment: &BundleCommitment,
    registry: Address,
) -> Result<(), AnchorProofError> {
    check_storage(proof, &proof.storage_proof, commitment, registry, || prove_account_of(proof))
}

/// [`verify_storage`] with the slot proofs `storage_proof` and the account proof's result from
/// `account` (asked only once the slots hold the commitment: the errors come in one order).
fn check_storage(
    block_proof: &AnchorProof,
    storage_proof: &[StorageProof],
    commitment: &BundleCommitment,
    registry: Address,
    account: impl FnOnce() -> Result<(), AnchorProofError>,
) -> Result<(), AnchorProofError> {
    if block_proof.address != registry {
        return Err(AnchorProofError::WrongAccount {
            field: alloc::format!("{PREFIX}.address"),
            found: encode_hex(block_proof.address.as_slice()),
            expected: encode_hex(registry.as_slice()),
        });
    }
    let slots = commitment_slots(&commitment.batch_id);
    for (i, (slot, expected_key)) in storage_proof.iter().zip(slots).enumerate() {
        let field = alloc::format!("{PREFIX}.storage_proof[{i}]");
        if slot.key != expected_key {
            return Err(AnchorProofError::WrongSlot { field: alloc::format!("{field}.key"), expected: expected_key });
        }
        check_slot_value(i, &alloc::format!("{field}.value"), slot.value, commitment, block_proof.l2_header.number)?;
    }
    account()?;
    prove_slots(block_proof.storage_hash, storage_proof)
}

/// The Merkle-Patricia proofs of `proof` against its own header, for the values it states
/// (an empty slot is proven absent); what the builders check before handing a proof out.
pub(super) fn verify_merkle(proof: &AnchorProof) -> Result<(), AnchorProofError> {
    prove_account_of(proof)?;
    prove_slots(proof.storage_hash, &proof.storage_proof)
}

/// The account proof of `proof`, for the account it states, against its header's state root.
// `..TrieAccount::default()`: alloy-trie's `account-ext` feature, which any crate of a build may
// turn on, adds a field.
#[allow(clippy::needless_update)]
fn prove_account_of(proof: &AnchorProof) -> Result<(), AnchorProofError> {
    let account = TrieAccount {
        nonce: proof.nonce,
        balance: proof.balance,
        storage_root: proof.storage_hash,
        code_hash: proof.code_hash,
        ..TrieAccount::default()
    };
    prove_account(
        &alloc::format!("{PREFIX}.account_proof"),
        proof.l2_header.state_root,
        proof.address,
        &account,
        &proof.account_proof,
    )
}

/// The slot proofs, each against `storage_hash`, for the value it states.
fn prove_slots(storage_hash: B256, storage_proof: &[StorageProof]) -> Result<(), AnchorProofError> {
    for (i, slot) in storage_proof.iter().enumerate() {
        let field = alloc::format!("{PREFIX}.storage_proof[{i}]");
        let value = U256::from_be_bytes(slot.value.0);
        let expected = (!value.is_zero()).then(|| alloy_rlp::encode(value));
        prove(&alloc::format!("{field}.proof"), storage_hash, keccak256(slot.key), expected, &slot.proof)
            .map_err(|failure| failure.into_error(&alloc::format!("{field}.value")))?;
    }
    Ok(())
}

/// The account proof of `address` against `state_root`, for `account`; an account with no
/// nonce, balance, code or storage is proven absent (how an unused predeploy appears on anvil).
pub(super) fn prove_account(
    field: &str,
    state_root: B256,
    address: Address,
    account: &TrieAccount,
    nodes: &[Bytes],
) -> Result<(), AnchorProofError> {
    let expected = (*account != TrieAccount::default()).then(|| alloy_rlp::encode(account));
    prove(field, state_root, keccak256(address), expected, nodes).map_err(|failure| match failure {
        // Name the stated account field the proven leaf contradicts.
        Failure::Value { got: Some(leaf), .. } => match TrieAccount::decode(&mut leaf.as_ref()) {
            Ok(proven) => {
                let differs = [
                    ("nonce", proven.nonce != account.nonce),
                    ("balance", proven.balance != account.balance),
                    ("storage_hash", proven.storage_root != account.storage_root),
                    ("code_hash", proven.code_hash != account.code_hash),
                ];
                let name = differs.iter().find(|(_, differs)| *differs).map_or("account_proof", |(name, _)| name);
                AnchorProofError::ValueMismatch {
                    field: alloc::format!("{PREFIX}.{name}"),
                    reason: "differs from the account the proof leads to".into(),
                }
            }
            Err(_) => Failure::Value { got: Some(leaf), field: field.into() }.into_error(field),
        },
        other => other.into_error(field),
    })
}

/// The slot value the commitment implies, for slot `i` of [`commitment_slots`].
fn check_slot_value(
    i: usize,
    field: &str,
    value: B256,
    commitment: &BundleCommitment,
    block_number: u64,
) -> Result<(), AnchorProofError> {
    if value.is_zero() {
        return Err(AnchorProofError::NotCommitted { field: field.into(), block_number });
    }
    let mismatch =
        |reason: alloc::string::String| Err(AnchorProofError::CommitmentMismatch { field: field.into(), reason });
    match i {
        0 if value != commitment.merkle_root => mismatch(alloc::format!("eventsRoot {value} is not merkle_root")),
        1 if value != commitment.new_state_root => {
            mismatch(alloc::format!("newStateRoot {value} is not new_state_root"))
        }
        2 => {
            // Low to high bits: sequenceStart[0,64) sequenceEnd[64,128) eventCount[128,160)
            // timestamp[160,224) prevStateRootTag[224,256); big-endian bytes, so from the end.
            let bytes = value.0;
            let word = |range: core::ops::Range<usize>| bytes[range].iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
            let tag = keccak256(commitment.prev_state_root);
            let mut differs = Vec::new();
            if word(24..32) != commitment.sequence_start {
                differs.push("sequenceStart");
            }
            if word(16..24) != commitment.sequence_end {
                differs.push("sequenceEnd");
            }
            if word(12..16) != u64::from(commitment.leaf_count) {
                differs.push("eventCount");
            }
            if word(4..12) == 0 {
                differs.push("timestamp (0: never committed)");
            }
            if bytes[..4] != tag[..4] {
                differs.push("prevStateRootTag (first 4 bytes of keccak256(prev_state_root))");
            }
            if differs.is_empty() {
                Ok(())
            } else {
                mismatch(alloc::format!("{} differ from the commitment", differs.join(", ")))
            }
        }
        _ => Ok(()),
    }
}

/// The output-root check of [`verify`], `header_hash` being the header's.
fn check_output(
    output: &OutputProof,
    header: &L2Header,
    header_hash: B256,
    trust: &ProofTrust,
) -> Result<(), AnchorProofError> {
    let field = |name: &str| alloc::format!("{PREFIX}.output.{name}");
    let mismatch = |name: &str, reason: alloc::string::String| {
        Err(AnchorProofError::OutputMismatch { field: field(name), reason })
    };
    let preimage = &output.preimage;
    if preimage.version != OUTPUT_VERSION_V0 {
        return Err(AnchorProofError::UnsupportedOutputVersion { field: field("version"), version: preimage.version });
    }
    if preimage.state_root != header.state_root {
        return mismatch(
            "state_root",
            alloc::format!("is not the header's state root {} (an output of another L2 block?)", header.state_root),
        );
    }
    if preimage.block_hash != header_hash {
        return mismatch(
            "block_hash",
            alloc::format!("is not the header's hash {header_hash} (an output of another L2 block?)"),
        );
    }
    let recomputed = preimage.output_root();
    if recomputed != output.output_root {
        return mismatch("output_root", alloc::format!("does not recompute from its preimage ({recomputed})"));
    }
    if let Some(l1) = &output.l1 {
        if l1.l2_block_number != header.number {
            return mismatch("l1.l2_block_number", alloc::format!("is not the header's number {}", header.number));
        }
    }
    if !trust.l1_output_roots.contains(&output.output_root) {
        return Err(AnchorProofError::UntrustedOutputRoot { field: field("output_root"), root: output.output_root });
    }
    let location = |name: &str, reason: alloc::string::String| {
        Err(AnchorProofError::WrongL1Location { field: field(name), reason })
    };
    match (&output.l1, trust.l1_chain_id, trust.l1_oracle) {
        (None, None, None) => Ok(()),
        (None, _, _) => location("l1", "absent, but an L1 chain or oracle is pinned".into()),
        (Some(l1), Some(chain_id), _) if l1.chain_id != chain_id => {
            location("l1.chain_id", alloc::format!("{} is not the pinned L1 chain {chain_id}", l1.chain_id))
        }
        (Some(l1), _, Some(oracle)) if l1.contract != oracle => location(
            "l1.contract",
            alloc::format!(
                "{} is not the pinned L1 oracle {}",
                encode_hex(l1.contract.as_slice()),
                encode_hex(oracle.as_slice())
            ),
        ),
        _ => Ok(()),
    }
}

/// Checks the output-root part of `proof` against its header and `trust` (the `output_root`
/// check of [`verify`]) and returns the output root.
///
/// # Errors
/// [`AnchorProofError::OutputMismatch`] (no output root in the proof, a preimage that does not
/// match the header or does not hash to the root, a proposal for another L2 block),
/// [`AnchorProofError::UnsupportedOutputVersion`], [`AnchorProofError::UntrustedOutputRoot`],
/// [`AnchorProofError::WrongL1Location`].
pub fn verify_output(proof: &AnchorProof, trust: &ProofTrust) -> Result<B256, AnchorProofError> {
    let Some(output) = &proof.output else {
        return Err(AnchorProofError::OutputMismatch {
            field: alloc::format!("{PREFIX}.output"),
            reason: "absent: the proof carries no output root".into(),
        });
    };
    check_output(output, &proof.l2_header, proof.l2_header.hash(), trust)?;
    Ok(output.output_root)
}

/// Why a Merkle-Patricia proof failed, before the caller names the value's field.
#[derive(Debug)]
pub(super) enum Failure {
    /// A node is malformed or not the one referenced: the error names it.
    Node(AnchorProofError),
    /// The proof is sound but does not end in the expected value (`got`: what it ends in,
    /// `None` when it shows the key absent); `field` is the proof list.
    Value { got: Option<Bytes>, field: alloc::string::String },
}

impl Failure {
    /// The error, naming `value_field` when the proof contradicts the stated value.
    pub(super) fn into_error(self, value_field: &str) -> AnchorProofError {
        match self {
            Failure::Node(err) => err,
            Failure::Value { got: None, .. } => AnchorProofError::ValueMismatch {
                field: value_field.into(),
                reason: "the proof shows the key absent".into(),
            },
            Failure::Value { got: Some(_), field } => AnchorProofError::ValueMismatch {
                field: value_field.into(),
                reason: alloc::format!("{field} does not end in a leaf holding this value"),
            },
        }
    }
}

/// Verifies that `nodes` (RLP, from the root down) prove `expected` (the leaf's value, `None`
/// for absence) at `keccak_key` under `root`, through alloy-trie's `verify_proof` after
/// [`guard`]; names the node at fault (`field[i]`).
pub(super) fn prove(
    field: &str,
    root: B256,
    keccak_key: B256,
    expected: Option<Vec<u8>>,
    nodes: &[Bytes],
) -> Result<(), Failure> {
    let key = Nibbles::unpack(keccak_key);
    if let Err((index, err)) = guard(field, &key, nodes) {
        // A node before the one the guard refuses may already not be the one referenced: name
        // the first node at fault. The prefix passed the guard, so walking it is safe.
        return Err(Failure::Node(mismatched_node(field, root, &key, &expected, &nodes[..index]).unwrap_or(err)));
    }
    match verify_proof(root, key, expected.clone(), nodes) {
        Ok(()) => Ok(()),
        Err(ProofVerificationError::RootMismatch { .. }) => Err(Failure::Node(AnchorProofError::ValueMismatch {
            field: field.into(),
            reason: alloc::format!("is empty, but the root {root} is not the empty trie's"),
        })),
        Err(ProofVerificationError::ValueMismatch { got, .. }) => {
            match mismatched_node(field, root, &key, &expected, nodes) {
                Some(err) => Err(Failure::Node(err)),
                None => Err(Failure::Value { got, field: field.into() }),
            }
        }
        // The guard decodes every node verify_proof decodes; kept for a future alloy-trie.
        Err(other) => {
            Err(Failure::Node(AnchorProofError::MalformedNode { field: field.into(), reason: other.to_string() }))
        }
    }
}

/// The first node that is not the one its parent references: the shortest prefix whose
/// verification stops at its own last node. `None` when every node is referenced.
fn mismatched_node(
    field: &str,
    root: B256,
    key: &Nibbles,
    expected: &Option<Vec<u8>>,
    nodes: &[Bytes],
) -> Option<AnchorProofError> {
    (1..=nodes.len()).find_map(|end| match verify_proof(root, *key, expected.clone(), &nodes[..end]) {
        Err(ProofVerificationError::ValueMismatch { got: Some(got), .. }) if got == nodes[end - 1] => {
            Some(AnchorProofError::NodeMismatch { field: index_path(field, end - 1), root })
        }
        _ => None,
    })
}

/// alloy-trie's walk extends its path by every extension and leaf key it meets, without a
/// bound: past 64 nibbles (the length of a hashed key) its `Nibbles` panics. No real trie goes
/// there, but a crafted proof can. This replays the walk's path arithmetic on the decoded nodes
/// (no hashing, no values) and refuses such a proof first; it also names the first node that
/// does not decode. On failure: the index of the node refused, and the error.
fn guard(field: &str, key: &Nibbles, nodes: &[Bytes]) -> Result<(), (usize, AnchorProofError)> {
    // verify_proof answers an empty proof, or one that starts with the empty node, without
    // walking it.
    if nodes.first().is_none_or(|node| node.as_ref() == [alloy_rlp::EMPTY_STRING_CODE]) {
        return Ok(());
    }
    let mut walked = 0;
    for (i, node) in nodes.iter().enumerate() {
        let refused =
            |reason: &str| (i, AnchorProofError::MalformedNode { field: index_path(field, i), reason: reason.into() });
        let decoded = TrieNode::decode(&mut node.as_ref()).map_err(|err| refused(&err.to_string()))?;
        walked = walk_length(decoded, walked, key).map_err(refused)?;
    }
    Ok(())
}

/// The number of key nibbles the walk has consumed after `node`, `walked` before it, exactly as
/// alloy-trie's `process_trie_node` consumes them (a branch one nibble when it has a child at the
/// next nibble; an extension or leaf its key; in-place children decoded and walked in turn).
fn walk_length(node: TrieNode, walked: usize, key: &Nibbles) -> Result<usize, &'static str> {
    match node {
        TrieNode::EmptyRoot => Err("an empty node inside a proof"),
        TrieNode::Leaf(leaf) => within_key(walked + leaf.key.len()),
        TrieNode::Extension(extension) => {
            let walked = within_key(walked + extension.key.len())?;
            if extension.child.is_hash() {
                Ok(walked)
            } else {
                walk_length(decode(&extension.child)?, walked, key)
            }
        }
        TrieNode::Branch(branch) => branch_length(&branch, walked, key),
    }
}

fn branch_length(branch: &BranchNode, walked: usize, key: &Nibbles) -> Result<usize, &'static str> {
    let Some(next) = key.get(walked) else {
        return Ok(walked);
    };
    let branch = branch.as_ref();
    let child = branch.children().find_map(|(nibble, child)| (nibble == next).then_some(child)).flatten();
    let Some(child) = child else {
        return Ok(walked);
    };
    let walked = walked + 1;
    if child.is_hash() {
        return Ok(walked);
    }
    match decode(child)? {
        TrieNode::Branch(inner) => branch_length(&inner, walked, key),
        TrieNode::Extension(extension) => {
            let walked = within_key(walked + extension.key.len())?;
            match decode(&extension.child)? {
                TrieNode::Branch(inner) => branch_length(&inner, walked, key),
                _ => Err("an in-place extension whose child is not a branch"),
            }
        }
        TrieNode::Leaf(leaf) => within_key(walked + leaf.key.len()),
        TrieNode::EmptyRoot => Err("an empty in-place child"),
    }
}

fn decode(rlp: &[u8]) -> Result<TrieNode, &'static str> {
    TrieNode::decode(&mut &rlp[..]).map_err(|_| "an in-place child that does not decode")
}

fn within_key(walked: usize) -> Result<usize, &'static str> {
    if walked <= 64 {
        Ok(walked)
    } else {
        Err("its path goes past the 64 nibbles of a hashed key")
    }
}
