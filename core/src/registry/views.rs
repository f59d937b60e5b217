//! Views: calldata of the view functions and getters, their typed return values, return-data
//! decoders, and the inverse encoders (mock `eth_call` answers, test vectors).

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;

use super::interface::{return_decoded, BatchCommitment, ISetRegistry};
use super::{returns_as, RegistryError};
#[cfg(doc)]
use crate::abi::AbiError;
use crate::abi::{selector_of, DecodedAbi};

/// A batch commitment as SetRegistry stores it (`getBatchCommitment`, `commitments`): the one
/// core type for that record, also the on-chain record a receipt is checked against
/// ([`crate::receipt::Trust::onchain`]).
///
/// The sol!-generated [`BatchCommitment`] is its ABI form; the two convert both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OnchainCommitment {
    /// Merkle root of the batch's event leaves.
    pub events_root: B256,
    /// State root after the batch.
    pub new_state_root: B256,
    /// First sequence number, inclusive.
    pub sequence_start: u64,
    /// Last sequence number, inclusive.
    pub sequence_end: u64,
    /// Number of events.
    pub event_count: u32,
    /// Block timestamp of the commit, in seconds; 0 means "no such batch" when read from the
    /// chain, and "not known" for a record that did not come from the chain (a trust document).
    pub timestamp: u64,
}

impl OnchainCommitment {
    /// Whether the batch exists on-chain (`timestamp != 0`); meaningful for a record read from
    /// the chain only.
    pub fn exists(&self) -> bool {
        self.timestamp != 0
    }
}

/// The six values of a `BatchCommitment`, in ABI order. `commitments(batchId)` returns the same
/// values in the same order, so its return struct and `BatchCommitment` convert through this
/// tuple: a change in the number or the types of either side's values stops the build.
type BatchCommitmentTuple = (B256, B256, u64, u64, u32, u64);

impl From<BatchCommitment> for OnchainCommitment {
    fn from(value: BatchCommitment) -> Self {
        OnchainCommitment {
            events_root: value.eventsRoot,
            new_state_root: value.newStateRoot,
            sequence_start: value.sequenceStart,
            sequence_end: value.sequenceEnd,
            event_count: value.eventCount,
            timestamp: value.timestamp,
        }
    }
}

impl From<OnchainCommitment> for BatchCommitment {
    fn from(value: OnchainCommitment) -> Self {
        BatchCommitment {
            eventsRoot: value.events_root,
            newStateRoot: value.new_state_root,
            sequenceStart: value.sequence_start,
            sequenceEnd: value.sequence_end,
            eventCount: value.event_count,
            timestamp: value.timestamp,
        }
    }
}

/// `getRegistryStats()` result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RegistryStats {
    /// Committed batches (stale 0 on the old contract, which stopped counting).
    pub commitment_count: U256,
    /// Committed STARK proofs (stale 0 on the old contract).
    pub proof_count: U256,
    /// Whether commits are paused.
    pub is_paused: bool,
    /// Whether strict continuity checking is on.
    pub is_strict_mode: bool,
}

/// `getExtendedRegistryStatus()` result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExtendedRegistryStatus {
    /// Committed batches.
    pub total_batches: U256,
    /// Committed STARK proofs.
    pub total_proofs: U256,
    /// Authorized sequencers.
    pub sequencer_count: U256,
    /// Whether commits are paused.
    pub is_paused: bool,
    /// Whether strict continuity checking is on.
    pub is_strict_mode: bool,
    /// `total_proofs * 10000 / total_batches` in basis points, 10000 when there are no batches.
    pub proof_coverage: U256,
}

/// `getTenantStoreSummary(tenant, store)` result; all zero when the stream has no batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TenantStoreSummary {
    /// The stream's latest batch id.
    pub latest_batch_id: B256,
    /// That batch's `newStateRoot`.
    pub current_state_root: B256,
    /// That batch's `sequenceEnd`.
    pub current_head_sequence: u64,
    /// Whether that batch has a STARK proof.
    pub has_latest_proof: bool,
}

/// Decodes the return data of any SetRegistry function into the neutral form.
///
/// `call` is the calldata that was sent (or just its 4-byte selector); it picks the function.
///
/// # Errors
/// [`AbiError::TooShort`] if `call` has under 4 bytes or `data` is shorter than the
/// return head, [`AbiError::UnknownSelector`], [`AbiError::Truncated`] /
/// [`AbiError::Invalid`] for bad return data.
pub fn decode_return(call: &[u8], data: &[u8]) -> Result<DecodedAbi, RegistryError> {
    let selector = selector_of("call selector", call).map_err(RegistryError::Abi)?;
    return_decoded(selector, data).map_err(RegistryError::Abi)
}

/// `getBatchCommitment(batchId)` calldata.
pub fn encode_get_batch_commitment(batch_id: B256) -> Vec<u8> {
    ISetRegistry::getBatchCommitmentCall { batchId: batch_id }.abi_encode()
}

/// Decodes `getBatchCommitment` return data (6 static words). Check
/// [`OnchainCommitment::exists`]: unknown batches come back all zero.
///
/// # Errors
/// [`AbiError::TooShort`] under 192 bytes, [`AbiError::Invalid`] for dirty padding.
pub fn decode_get_batch_commitment(data: &[u8]) -> Result<OnchainCommitment, RegistryError> {
    returns_as::<ISetRegistry::getBatchCommitmentCall>("getBatchCommitment return data", data).map(Into::into)
}

/// `commitments(batchId)` calldata (the public mapping getter).
pub fn encode_commitments(batch_id: B256) -> Vec<u8> {
    ISetRegistry::commitmentsCall { batchId: batch_id }.abi_encode()
}

/// Decodes `commitments` return data (same 6 words as `getBatchCommitment`).
///
/// # Errors
/// [`AbiError::TooShort`] under 192 bytes, [`AbiError::Invalid`] for dirty padding.
pub fn decode_commitments(data: &[u8]) -> Result<OnchainCommitment, RegistryError> {
    let r = returns_as::<ISetRegistry::commitmentsCall>("commitments return data", data)?;
    Ok(BatchCommitment::from(BatchCommitmentTuple::from(r)).into())
}

/// `getBatchCommitments(batchIds)` calldata.
pub fn encode_get_batch_commitments(batch_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::getBatchCommitmentsCall { batchIds: batch_ids.to_vec() }.abi_encode()
}

/// Decodes `getBatchCommitments` return data, one entry per requested id.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::Truncated`], [`AbiError::Invalid`].
pub fn decode_get_batch_commitments(data: &[u8]) -> Result<Vec<OnchainCommitment>, RegistryError> {
    returns_as::<ISetRegistry::getBatchCommitmentsCall>("getBatchCommitments return data", data)
        .map(|list| list.into_iter().map(Into::into).collect())
}

/// `getLatestStateRoot(tenantId, storeId)` calldata.
pub fn encode_get_latest_state_root(tenant_id: B256, store_id: B256) -> Vec<u8> {
    ISetRegistry::getLatestStateRootCall { tenantId: tenant_id, storeId: store_id }.abi_encode()
}

/// Decodes `getLatestStateRoot` return data (zero when the stream has no batch).
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes.
pub fn decode_get_latest_state_root(data: &[u8]) -> Result<B256, RegistryError> {
    returns_as::<ISetRegistry::getLatestStateRootCall>("getLatestStateRoot return data", data)
}

/// `getHeadSequence(tenantId, storeId)` calldata.
pub fn encode_get_head_sequence(tenant_id: B256, store_id: B256) -> Vec<u8> {
    ISetRegistry::getHeadSequenceCall { tenantId: tenant_id, storeId: store_id }.abi_encode()
}

/// Decodes `getHeadSequence` return data (the latest batch's `sequenceEnd`, 0 if none).
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes, [`AbiError::Invalid`] if the word exceeds `u64`.
pub fn decode_get_head_sequence(data: &[u8]) -> Result<u64, RegistryError> {
    returns_as::<ISetRegistry::getHeadSequenceCall>("getHeadSequence return data", data)
}

/// `getLatestBatchId(tenantId, storeId)` calldata.
pub fn encode_get_latest_batch_id(tenant_id: B256, store_id: B256) -> Vec<u8> {
    ISetRegistry::getLatestBatchIdCall { tenantId: tenant_id, storeId: store_id }.abi_encode()
}

/// Decodes `getLatestBatchId` return data (zero when the stream has no batch).
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes.
pub fn decode_get_latest_batch_id(data: &[u8]) -> Result<B256, RegistryError> {
    returns_as::<ISetRegistry::getLatestBatchIdCall>("getLatestBatchId return data", data)
}

/// `batchExists(bytes32)` calldata.
pub fn encode_batch_exists(batch_id: B256) -> Vec<u8> {
    ISetRegistry::batchExists_0Call { batchId: batch_id }.abi_encode()
}

/// Decodes `batchExists(bytes32)` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes, [`AbiError::Invalid`] for a word other than 0/1.
pub fn decode_batch_exists(data: &[u8]) -> Result<bool, RegistryError> {
    returns_as::<ISetRegistry::batchExists_0Call>("batchExists return data", data)
}

/// `batchExists(bytes32[])` calldata (the overload).
pub fn encode_batch_exists_many(batch_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::batchExists_1Call { batchIds: batch_ids.to_vec() }.abi_encode()
}

/// Decodes `batchExists(bytes32[])` return data.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::Truncated`], [`AbiError::Invalid`].
pub fn decode_batch_exists_many(data: &[u8]) -> Result<Vec<bool>, RegistryError> {
    returns_as::<ISetRegistry::batchExists_1Call>("batchExists(bytes32[]) return data", data)
}

/// `verifyInclusion(batchId, leaf, proof, index)` calldata: keccak-v1 as the contract checks it
/// (no leaf or node domain separation; index bits past the proof length are ignored on-chain).
pub fn encode_verify_inclusion(batch_id: B256, leaf: B256, proof: &[B256], index: U256) -> Vec<u8> {
    ISetRegistry::verifyInclusionCall { batchId: batch_id, leaf, proof: proof.to_vec(), index }.abi_encode()
}

/// Decodes `verifyInclusion` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes, [`AbiError::Invalid`] for a word other than 0/1.
pub fn decode_verify_inclusion(data: &[u8]) -> Result<bool, RegistryError> {
    returns_as::<ISetRegistry::verifyInclusionCall>("verifyInclusion return data", data)
}

/// `verifyVesInclusion(batchId, leaf, proof, index)` calldata (new contract): the sequencer's
/// SHA-256 VES rule, strict against the stored `eventCount`.
pub fn encode_verify_ves_inclusion(batch_id: B256, leaf: B256, proof: &[B256], index: U256) -> Vec<u8> {
    ISetRegistry::verifyVesInclusionCall { batchId: batch_id, leaf, proof: proof.to_vec(), index }.abi_encode()
}

/// Decodes `verifyVesInclusion` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes, [`AbiError::Invalid`] for a word other than 0/1.
pub fn decode_verify_ves_inclusion(data: &[u8]) -> Result<bool, RegistryError> {
    returns_as::<ISetRegistry::verifyVesInclusionCall>("verifyVesInclusion return data", data)
}

/// `verifyMultipleInclusions(batchId, leaves, proofs, indices)` calldata. Lengths are not
/// checked here: the contract answers `false` for mismatched arrays, and callers may want that.
pub fn encode_verify_multiple_inclusions(
    batch_id: B256,
    leaves: &[B256],
    proofs: &[Vec<B256>],
    indices: &[U256],
) -> Vec<u8> {
    ISetRegistry::verifyMultipleInclusionsCall {
        batchId: batch_id,
        leaves: leaves.to_vec(),
        proofs: proofs.to_vec(),
        indices: indices.to_vec(),
    }
    .abi_encode()
}

/// `getRegistryStats()` calldata.
pub fn encode_get_registry_stats() -> Vec<u8> {
    ISetRegistry::getRegistryStatsCall {}.abi_encode()
}

/// Decodes `getRegistryStats` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 128 bytes, [`AbiError::Invalid`] for invalid bools.
pub fn decode_get_registry_stats(data: &[u8]) -> Result<RegistryStats, RegistryError> {
    let r = returns_as::<ISetRegistry::getRegistryStatsCall>("getRegistryStats return data", data)?;
    Ok(RegistryStats {
        commitment_count: r.commitmentCount,
        proof_count: r.proofCount,
        is_paused: r.isPaused,
        is_strict_mode: r.isStrictMode,
    })
}

/// `getExtendedRegistryStatus()` calldata.
pub fn encode_get_extended_registry_status() -> Vec<u8> {
    ISetRegistry::getExtendedRegistryStatusCall {}.abi_encode()
}

/// Decodes `getExtendedRegistryStatus` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 192 bytes, [`AbiError::Invalid`] for invalid bools.
pub fn decode_get_extended_registry_status(data: &[u8]) -> Result<ExtendedRegistryStatus, RegistryError> {
    let r = returns_as::<ISetRegistry::getExtendedRegistryStatusCall>("getExtendedRegistryStatus return data", data)?;
    Ok(ExtendedRegistryStatus {
        total_batches: r.totalBatches,
        total_proofs: r.totalProofs,
        sequencer_count: r.sequencerCount,
        is_paused: r.isPaused,
        is_strict_mode: r.isStrictMode,
        proof_coverage: r.proofCoverage,
    })
}

/// `getTenantStoreSummary(tenantId, storeId)` calldata.
pub fn encode_get_tenant_store_summary(tenant_id: B256, store_id: B256) -> Vec<u8> {
    ISetRegistry::getTenantStoreSummaryCall { tenantId: tenant_id, storeId: store_id }.abi_encode()
}

/// Decodes `getTenantStoreSummary` return data.
///
/// # Errors
/// [`AbiError::TooShort`] under 128 bytes, [`AbiError::Invalid`] for dirty padding.
pub fn decode_get_tenant_store_summary(data: &[u8]) -> Result<TenantStoreSummary, RegistryError> {
    let r = returns_as::<ISetRegistry::getTenantStoreSummaryCall>("getTenantStoreSummary return data", data)?;
    Ok(TenantStoreSummary {
        latest_batch_id: r.latestBatchId,
        current_state_root: r.currentStateRoot,
        current_head_sequence: r.currentHeadSequence,
        has_latest_proof: r.hasLatestProof,
    })
}

/// `hasStarkProof(batchId)` calldata.
pub fn encode_has_stark_proof(batch_id: B256) -> Vec<u8> {
    ISetRegistry::hasStarkProofCall { batchId: batch_id }.abi_encode()
}

/// `verifyStarkProofHash(batchId, proofHash)` calldata.
pub fn encode_verify_stark_proof_hash(batch_id: B256, proof_hash: B256) -> Vec<u8> {
    ISetRegistry::verifyStarkProofHashCall { batchId: batch_id, proofHash: proof_hash }.abi_encode()
}

/// `getStarkProofDetails(batchId)` calldata.
pub fn encode_get_stark_proof_details(batch_id: B256) -> Vec<u8> {
    ISetRegistry::getStarkProofDetailsCall { batchId: batch_id }.abi_encode()
}

/// `getBatchWithProofStatus(batchId)` calldata.
pub fn encode_get_batch_with_proof_status(batch_id: B256) -> Vec<u8> {
    ISetRegistry::getBatchWithProofStatusCall { batchId: batch_id }.abi_encode()
}

/// `getBatchProofStatuses(batchIds)` calldata.
pub fn encode_get_batch_proof_statuses(batch_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::getBatchProofStatusesCall { batchIds: batch_ids.to_vec() }.abi_encode()
}

/// `getBatchLatestStateRoots(tenantIds, storeIds)` calldata (the contract reverts
/// `ArrayLengthMismatch` on different lengths).
pub fn encode_get_batch_latest_state_roots(tenant_ids: &[B256], store_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::getBatchLatestStateRootsCall { tenantIds: tenant_ids.to_vec(), storeIds: store_ids.to_vec() }
        .abi_encode()
}

/// `getBatchHeadSequences(tenantIds, storeIds)` calldata (the contract reverts
/// `ArrayLengthMismatch` on different lengths).
pub fn encode_get_batch_head_sequences(tenant_ids: &[B256], store_ids: &[B256]) -> Vec<u8> {
    ISetRegistry::getBatchHeadSequencesCall { tenantIds: tenant_ids.to_vec(), storeIds: store_ids.to_vec() }
        .abi_encode()
}

/// `areSequencersAuthorized(sequencers)` calldata.
pub fn encode_are_sequencers_authorized(sequencers: &[Address]) -> Vec<u8> {
    ISetRegistry::areSequencersAuthorizedCall { sequencers: sequencers.to_vec() }.abi_encode()
}

/// `getBatchRoot(startSequence, endSequence)` calldata (legacy view).
pub fn encode_get_batch_root(start_sequence: U256, end_sequence: U256) -> Vec<u8> {
    ISetRegistry::getBatchRootCall { startSequence: start_sequence, endSequence: end_sequence }.abi_encode()
}

/// `authorizedSequencers(sequencer)` calldata (mapping getter).
pub fn encode_authorized_sequencers(sequencer: Address) -> Vec<u8> {
    ISetRegistry::authorizedSequencersCall { sequencer }.abi_encode()
}

/// `latestCommitment(tenantStoreKey)` calldata (mapping getter; key = keccak256(tenant ‖ store)).
pub fn encode_latest_commitment(tenant_store_key: B256) -> Vec<u8> {
    ISetRegistry::latestCommitmentCall { tenantStoreKey: tenant_store_key }.abi_encode()
}

/// `headSequence(tenantStoreKey)` calldata (mapping getter; always 0 on the old contract).
pub fn encode_head_sequence(tenant_store_key: B256) -> Vec<u8> {
    ISetRegistry::headSequenceCall { tenantStoreKey: tenant_store_key }.abi_encode()
}

/// `starkProofs(batchId)` calldata (mapping getter).
pub fn encode_stark_proofs(batch_id: B256) -> Vec<u8> {
    ISetRegistry::starkProofsCall { batchId: batch_id }.abi_encode()
}

/// `totalCommitments()` calldata.
pub fn encode_total_commitments() -> Vec<u8> {
    ISetRegistry::totalCommitmentsCall {}.abi_encode()
}

/// `strictModeEnabled()` calldata.
pub fn encode_strict_mode_enabled() -> Vec<u8> {
    ISetRegistry::strictModeEnabledCall {}.abi_encode()
}

/// `totalStarkProofs()` calldata.
pub fn encode_total_stark_proofs() -> Vec<u8> {
    ISetRegistry::totalStarkProofsCall {}.abi_encode()
}

/// `authorizedSequencerCount()` calldata.
pub fn encode_authorized_sequencer_count() -> Vec<u8> {
    ISetRegistry::authorizedSequencerCountCall {}.abi_encode()
}

/// `legacyFunctionsEnabled()` calldata.
pub fn encode_legacy_functions_enabled() -> Vec<u8> {
    ISetRegistry::legacyFunctionsEnabledCall {}.abi_encode()
}

/// `owner()` calldata.
pub fn encode_owner() -> Vec<u8> {
    ISetRegistry::ownerCall {}.abi_encode()
}

/// `paused()` calldata.
pub fn encode_paused() -> Vec<u8> {
    ISetRegistry::pausedCall {}.abi_encode()
}

/// `proxiableUUID()` calldata.
pub fn encode_proxiable_uuid() -> Vec<u8> {
    ISetRegistry::proxiableUUIDCall {}.abi_encode()
}

/// `UPGRADE_INTERFACE_VERSION()` calldata.
pub fn encode_upgrade_interface_version() -> Vec<u8> {
    ISetRegistry::UPGRADE_INTERFACE_VERSIONCall {}.abi_encode()
}

// Return-data encoders: the inverse of the decoders above (mock `eth_call` answers, vectors).

/// Return data of `getBatchCommitment` for `commitment` (6 static words).
pub fn encode_get_batch_commitment_return(commitment: &OnchainCommitment) -> Vec<u8> {
    ISetRegistry::getBatchCommitmentCall::abi_encode_returns(&BatchCommitment::from(*commitment))
}

/// Return data of `commitments(batchId)` for `commitment` (same 6 words).
pub fn encode_commitments_return(commitment: &OnchainCommitment) -> Vec<u8> {
    let tuple = BatchCommitmentTuple::from(BatchCommitment::from(*commitment));
    ISetRegistry::commitmentsCall::abi_encode_returns(&tuple.into())
}

/// Return data of `getBatchCommitments`.
pub fn encode_get_batch_commitments_return(commitments: &[OnchainCommitment]) -> Vec<u8> {
    let list: Vec<BatchCommitment> = commitments.iter().map(|c| BatchCommitment::from(*c)).collect();
    ISetRegistry::getBatchCommitmentsCall::abi_encode_returns(&list)
}

/// Return data of `getLatestStateRoot`.
pub fn encode_get_latest_state_root_return(state_root: B256) -> Vec<u8> {
    ISetRegistry::getLatestStateRootCall::abi_encode_returns(&state_root)
}

/// Return data of `getHeadSequence`.
pub fn encode_get_head_sequence_return(sequence: u64) -> Vec<u8> {
    ISetRegistry::getHeadSequenceCall::abi_encode_returns(&sequence)
}

/// Return data of `getLatestBatchId`.
pub fn encode_get_latest_batch_id_return(batch_id: B256) -> Vec<u8> {
    ISetRegistry::getLatestBatchIdCall::abi_encode_returns(&batch_id)
}

/// Return data of `batchExists(bytes32)`.
pub fn encode_batch_exists_return(exists: bool) -> Vec<u8> {
    ISetRegistry::batchExists_0Call::abi_encode_returns(&exists)
}

/// Return data of `batchExists(bytes32[])`.
pub fn encode_batch_exists_many_return(exists: &[bool]) -> Vec<u8> {
    ISetRegistry::batchExists_1Call::abi_encode_returns(&exists.to_vec())
}

/// Return data of `verifyInclusion`.
pub fn encode_verify_inclusion_return(valid: bool) -> Vec<u8> {
    ISetRegistry::verifyInclusionCall::abi_encode_returns(&valid)
}

/// Return data of `verifyVesInclusion`.
pub fn encode_verify_ves_inclusion_return(valid: bool) -> Vec<u8> {
    ISetRegistry::verifyVesInclusionCall::abi_encode_returns(&valid)
}

/// Return data of `getRegistryStats`.
pub fn encode_get_registry_stats_return(stats: &RegistryStats) -> Vec<u8> {
    ISetRegistry::getRegistryStatsCall::abi_encode_returns(&ISetRegistry::getRegistryStatsReturn {
        commitmentCount: stats.commitment_count,
        proofCount: stats.proof_count,
        isPaused: stats.is_paused,
        isStrictMode: stats.is_strict_mode,
    })
}

/// Return data of `getExtendedRegistryStatus`.
pub fn encode_get_extended_registry_status_return(status: &ExtendedRegistryStatus) -> Vec<u8> {
    ISetRegistry::getExtendedRegistryStatusCall::abi_encode_returns(&ISetRegistry::getExtendedRegistryStatusReturn {
        totalBatches: status.total_batches,
        totalProofs: status.total_proofs,
        sequencerCount: status.sequencer_count,
        isPaused: status.is_paused,
        isStrictMode: status.is_strict_mode,
        proofCoverage: status.proof_coverage,
    })
}

/// Return data of `getTenantStoreSummary`.
pub fn encode_get_tenant_store_summary_return(summary: &TenantStoreSummary) -> Vec<u8> {
    ISetRegistry::getTenantStoreSummaryCall::abi_encode_returns(&ISetRegistry::getTenantStoreSummaryReturn {
        latestBatchId: summary.latest_batch_id,
        currentStateRoot: summary.current_state_root,
        currentHeadSequence: summary.current_head_sequence,
        hasLatestProof: summary.has_latest_proof,
    })
}
