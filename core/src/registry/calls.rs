//! Writes: the argument types of the commit functions, calldata encoders and decoders, and the
//! generic calldata decoder.

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;

use super::interface::{BatchInput, ISetRegistry};
use super::{call_as, RegistryError};
use crate::abi::decode_interface;
#[cfg(doc)]
use crate::abi::AbiError;

/// The arguments of `commitBatch`, and one item of `commitBatches`: the contract's `BatchInput`
/// ([`BatchInput`]), field for field, in snake_case so that bindings can expose it as is.
///
/// `commitBatch` takes the same nine values in the same order, so its calldata is built through
/// [`BatchInput`] too. Ids and roots are bytes32 (UUIDs left-aligned, see the ids module);
/// sequences are inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitBatchArgs {
    /// The batch id (bytes32; the new contract rejects zero with `InvalidBatchId`).
    pub batch_id: B256,
    /// The tenant id (bytes32).
    pub tenant_id: B256,
    /// The store id (bytes32).
    pub store_id: B256,
    /// Merkle root of the batch's event leaves.
    pub events_root: B256,
    /// State root before the batch (compared in strict mode, never stored).
    pub prev_state_root: B256,
    /// State root after the batch.
    pub new_state_root: B256,
    /// First sequence number, inclusive.
    pub sequence_start: u64,
    /// Last sequence number, inclusive.
    pub sequence_end: u64,
    /// Number of events; must equal `sequence_end - sequence_start + 1`.
    pub event_count: u32,
}

impl From<CommitBatchArgs> for BatchInput {
    fn from(args: CommitBatchArgs) -> Self {
        BatchInput {
            batchId: args.batch_id,
            tenantId: args.tenant_id,
            storeId: args.store_id,
            eventsRoot: args.events_root,
            prevStateRoot: args.prev_state_root,
            newStateRoot: args.new_state_root,
            sequenceStart: args.sequence_start,
            sequenceEnd: args.sequence_end,
            eventCount: args.event_count,
        }
    }
}

impl From<BatchInput> for CommitBatchArgs {
    fn from(input: BatchInput) -> Self {
        CommitBatchArgs {
            batch_id: input.batchId,
            tenant_id: input.tenantId,
            store_id: input.storeId,
            events_root: input.eventsRoot,
            prev_state_root: input.prevStateRoot,
            new_state_root: input.newStateRoot,
            sequence_start: input.sequenceStart,
            sequence_end: input.sequenceEnd,
            event_count: input.eventCount,
        }
    }
}

/// The nine values of a `BatchInput`, in ABI order. `commitBatch` takes the same values in the
/// same order, so its call struct and `BatchInput` convert through this tuple: a change in the
/// number or the types of either side's values stops the build.
type BatchInputTuple = (B256, B256, B256, B256, B256, B256, u64, u64, u32);

impl From<CommitBatchArgs> for ISetRegistry::commitBatchCall {
    fn from(args: CommitBatchArgs) -> Self {
        BatchInputTuple::from(BatchInput::from(args)).into()
    }
}

impl From<ISetRegistry::commitBatchCall> for CommitBatchArgs {
    fn from(call: ISetRegistry::commitBatchCall) -> Self {
        BatchInput::from(BatchInputTuple::from(call)).into()
    }
}

/// STARK proof metadata shared by `commitStarkProof` and `commitBatchWithStarkProof`.
///
/// The contract stores it; it never verifies the proof itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StarkProofMetadata {
    /// Hash of the proof; zero is rejected with `InvalidProof`.
    pub proof_hash: B256,
    /// Hash of the compliance policy proven against.
    pub policy_hash: B256,
    /// The policy's limit parameter.
    pub policy_limit: u64,
    /// Whether every event complied with the policy.
    pub all_compliant: bool,
    /// Proof size in bytes; zero is rejected with `InvalidProof`.
    pub proof_size: u64,
    /// Proving time in milliseconds.
    pub proving_time_ms: u64,
}

/// The arguments of `commitStarkProof` (a proof for an already committed batch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitStarkProofArgs {
    /// The committed batch the proof is for.
    pub batch_id: B256,
    /// Accepted by the contract but ignored: neither compared nor stored.
    pub prev_state_root: B256,
    /// Must equal the batch's stored `newStateRoot` (`StateRootMismatchInProof` otherwise).
    pub new_state_root: B256,
    /// The proof metadata.
    pub proof: StarkProofMetadata,
}

/// The arguments of `commitBatchWithStarkProof`: a batch and its proof in one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitBatchWithStarkProofArgs {
    /// The batch, validated exactly like `commitBatch`.
    pub batch: CommitBatchArgs,
    /// The proof metadata.
    pub proof: StarkProofMetadata,
}

/// `commitBatch(...)` calldata.
pub fn encode_commit_batch(args: &CommitBatchArgs) -> Vec<u8> {
    ISetRegistry::commitBatchCall::from(*args).abi_encode()
}

/// Decodes `commitBatch(...)` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::UnknownSelector`] (any other function),
/// [`AbiError::Invalid`] for a non-canonical encoding (e.g. dirty high bits in `uint64`).
pub fn decode_commit_batch(calldata: &[u8]) -> Result<CommitBatchArgs, RegistryError> {
    call_as::<ISetRegistry::commitBatchCall>("commitBatch calldata", calldata).map(Into::into)
}

/// `commitBatches(BatchInput[])` calldata (new contract): all batches land, in order, or the
/// transaction reverts with `BatchCommitFailed(index, innerRevert)`.
pub fn encode_commit_batches(batches: &[CommitBatchArgs]) -> Vec<u8> {
    ISetRegistry::commitBatchesCall { batches: batches.iter().map(|b| (*b).into()).collect() }.abi_encode()
}

/// Decodes `commitBatches(BatchInput[])` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::Truncated`], [`AbiError::UnknownSelector`],
/// [`AbiError::Invalid`].
pub fn decode_commit_batches(calldata: &[u8]) -> Result<Vec<CommitBatchArgs>, RegistryError> {
    call_as::<ISetRegistry::commitBatchesCall>("commitBatches calldata", calldata)
        .map(|call| call.batches.into_iter().map(Into::into).collect())
}

/// `commitStarkProof(...)` calldata.
pub fn encode_commit_stark_proof(args: &CommitStarkProofArgs) -> Vec<u8> {
    ISetRegistry::commitStarkProofCall {
        batchId: args.batch_id,
        proofHash: args.proof.proof_hash,
        prevStateRoot: args.prev_state_root,
        newStateRoot: args.new_state_root,
        policyHash: args.proof.policy_hash,
        policyLimit: args.proof.policy_limit,
        allCompliant: args.proof.all_compliant,
        proofSize: args.proof.proof_size,
        provingTimeMs: args.proof.proving_time_ms,
    }
    .abi_encode()
}

/// The proof metadata of a decoded `commitStarkProof` or `commitBatchWithStarkProof` call; both
/// carry its six fields under the same names.
macro_rules! proof_metadata {
    ($call:expr) => {
        StarkProofMetadata {
            proof_hash: $call.proofHash,
            policy_hash: $call.policyHash,
            policy_limit: $call.policyLimit,
            all_compliant: $call.allCompliant,
            proof_size: $call.proofSize,
            proving_time_ms: $call.provingTimeMs,
        }
    };
}

/// Decodes `commitStarkProof(...)` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::UnknownSelector`], [`AbiError::Invalid`].
pub fn decode_commit_stark_proof(calldata: &[u8]) -> Result<CommitStarkProofArgs, RegistryError> {
    let call = call_as::<ISetRegistry::commitStarkProofCall>("commitStarkProof calldata", calldata)?;
    Ok(CommitStarkProofArgs {
        batch_id: call.batchId,
        prev_state_root: call.prevStateRoot,
        new_state_root: call.newStateRoot,
        proof: proof_metadata!(call),
    })
}

/// `commitBatchWithStarkProof(...)` calldata.
pub fn encode_commit_batch_with_stark_proof(args: &CommitBatchWithStarkProofArgs) -> Vec<u8> {
    let (batch, proof) = (&args.batch, &args.proof);
    ISetRegistry::commitBatchWithStarkProofCall {
        batchId: batch.batch_id,
        tenantId: batch.tenant_id,
        storeId: batch.store_id,
        eventsRoot: batch.events_root,
        prevStateRoot: batch.prev_state_root,
        newStateRoot: batch.new_state_root,
        sequenceStart: batch.sequence_start,
        sequenceEnd: batch.sequence_end,
        eventCount: batch.event_count,
        proofHash: proof.proof_hash,
        policyHash: proof.policy_hash,
        policyLimit: proof.policy_limit,
        allCompliant: proof.all_compliant,
        proofSize: proof.proof_size,
        provingTimeMs: proof.proving_time_ms,
    }
    .abi_encode()
}

/// Decodes `commitBatchWithStarkProof(...)` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::UnknownSelector`], [`AbiError::Invalid`].
pub fn decode_commit_batch_with_stark_proof(calldata: &[u8]) -> Result<CommitBatchWithStarkProofArgs, RegistryError> {
    let call = call_as::<ISetRegistry::commitBatchWithStarkProofCall>("commitBatchWithStarkProof calldata", calldata)?;
    Ok(CommitBatchWithStarkProofArgs {
        batch: CommitBatchArgs {
            batch_id: call.batchId,
            tenant_id: call.tenantId,
            store_id: call.storeId,
            events_root: call.eventsRoot,
            prev_state_root: call.prevStateRoot,
            new_state_root: call.newStateRoot,
            sequence_start: call.sequenceStart,
            sequence_end: call.sequenceEnd,
            event_count: call.eventCount,
        },
        proof: proof_metadata!(call),
    })
}

/// `initialize(owner, initialSequencer)` calldata (proxy deployment; zero sequencer = none).
pub fn encode_initialize(owner: Address, initial_sequencer: Address) -> Vec<u8> {
    ISetRegistry::initializeCall { owner, initialSequencer: initial_sequencer }.abi_encode()
}

/// `setSequencerAuthorization(sequencer, authorized)` calldata (owner only).
pub fn encode_set_sequencer_authorization(sequencer: Address, authorized: bool) -> Vec<u8> {
    ISetRegistry::setSequencerAuthorizationCall { sequencer, authorized }.abi_encode()
}

/// `batchSetSequencerAuthorization(sequencers, authorized)` calldata (owner only).
pub fn encode_batch_set_sequencer_authorization(sequencers: &[Address], authorized: bool) -> Vec<u8> {
    ISetRegistry::batchSetSequencerAuthorizationCall { sequencers: sequencers.to_vec(), authorized }.abi_encode()
}

/// `setStrictMode(enabled)` calldata (owner only).
pub fn encode_set_strict_mode(enabled: bool) -> Vec<u8> {
    ISetRegistry::setStrictModeCall { enabled }.abi_encode()
}

/// `pause()` calldata (owner only).
pub fn encode_pause() -> Vec<u8> {
    ISetRegistry::pauseCall {}.abi_encode()
}

/// `unpause()` calldata (owner only).
pub fn encode_unpause() -> Vec<u8> {
    ISetRegistry::unpauseCall {}.abi_encode()
}

/// `setLegacyFunctionsEnabled(enabled)` calldata (owner only).
pub fn encode_set_legacy_functions_enabled(enabled: bool) -> Vec<u8> {
    ISetRegistry::setLegacyFunctionsEnabledCall { enabled }.abi_encode()
}

/// `registerBatchRoot(startSequence, endSequence, root)` calldata (legacy path).
pub fn encode_register_batch_root(start_sequence: U256, end_sequence: U256, root: B256) -> Vec<u8> {
    ISetRegistry::registerBatchRootCall { startSequence: start_sequence, endSequence: end_sequence, root }.abi_encode()
}

/// OpenZeppelin `Ownable` / `UUPSUpgradeable` calldata, the same for every contract of ours.
pub use crate::abi::{encode_renounce_ownership, encode_transfer_ownership, encode_upgrade_to_and_call};

/// Any decoded SetRegistry call (the sol!-generated enum, one variant per function).
pub type RegistryCall = ISetRegistry::ISetRegistryCalls;

/// Decodes calldata of any SetRegistry function (writes, views, getters, OZ functions).
///
/// # Errors
/// [`AbiError::TooShort`] under 4 bytes, [`AbiError::UnknownSelector`],
/// [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad argument encoding.
pub fn decode_call(calldata: &[u8]) -> Result<RegistryCall, RegistryError> {
    decode_interface::<RegistryCall>("calldata", calldata).map_err(RegistryError::Abi)
}
