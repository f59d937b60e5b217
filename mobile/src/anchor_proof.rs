//! Producing a bundle's anchor proof (docs/bundle-format.md, "Anchor proof"): the requests a
//! producer sends its nodes, then the core's JSON calls that attach the storage proof and upgrade
//! it with the output root. JSON text in and out; the bundles are written by the core, the same
//! bytes in every language. `verify_anchor_proof` (in `receipt`) checks the result.

use set_core::anchor_proof;

use crate::error::{core_error, SetError};

/// What a producer asks its nodes for the proof of `batch_id` in `registry` at L2 block
/// `l2_block_number`, as JSON text of JSON-RPC params: `eth_getBlockByNumber`, `eth_getProof`
/// (the commitment's three slot keys), `message_passer_eth_getProof`, the L1 calldata of
/// `getL2OutputIndexAfter` and, with `output_index`, of `getL2Output` (`0x` hex).
///
/// # Errors
/// [`SetError`] for a malformed UUID (`INVALID_UUID` at `batch_id`) or address (at `registry`).
#[uniffi::export(default(output_index = None))]
pub fn anchor_proof_requests(
    batch_id: String,
    registry: String,
    l2_block_number: u64,
    output_index: Option<u64>,
) -> Result<String, SetError> {
    anchor_proof::proof_requests_json(&batch_id, &registry, l2_block_number, output_index).map_err(core_error)
}

/// The bundle with `anchor.proof` set to the storage proof of its commitment, built from the
/// `result` of `eth_getBlockByNumber(n, false)` and of `eth_getProof(registry, slots, n)` (JSON
/// texts). A bundle already carrying a proof takes only the same one: evidence is added, never
/// replaced.
///
/// # Errors
/// [`SetError::Receipt`] for a malformed bundle; [`SetError::AnchorProof`] with its code and
/// field (`PROOF_NOT_ATTACHABLE` at `anchor.registry`, `INVALID_RPC_ANSWER` at
/// `eth_getProof.storageProof`, `PROOF_NOT_COMMITTED`, …).
#[uniffi::export]
pub fn attach_anchor_proof(
    bundle_json: String,
    block_json: String,
    get_proof_json: String,
    registry: String,
) -> Result<String, SetError> {
    anchor_proof::attach_proof_json(&bundle_json, &block_json, &get_proof_json, &registry).map_err(core_error)
}

/// The bundle with the output root of its proof's L2 block added to `anchor.proof`, from the
/// `result` of `eth_getBlockByNumber(n, false)` and of `eth_getProof(L2ToL1MessagePasser, [], n)`
/// at that block and, when read, where it was proposed on L1 (`l1_json`:
/// `{"chain_id", "oracle", "index", "get_l2_output", "l1_block_number"?}`, `get_l2_output` the
/// return data of `getL2Output(index)`).
///
/// # Errors
/// [`SetError::Receipt`] for a malformed bundle; [`SetError::AnchorProof`]
/// (`OUTPUT_ROOT_MISMATCH` at `anchor.proof.output.state_root` for another block's answers, at
/// `l1.get_l2_output` when L1 holds another root; `PROOF_NOT_ATTACHABLE` at `anchor.proof`
/// without a proof, …).
#[uniffi::export(default(l1_json = None))]
pub fn upgrade_anchor_proof(
    bundle_json: String,
    block_json: String,
    message_passer_proof_json: String,
    l1_json: Option<String>,
) -> Result<String, SetError> {
    anchor_proof::upgrade_proof_json(&bundle_json, &block_json, &message_passer_proof_json, l1_json.as_deref())
        .map_err(core_error)
}
