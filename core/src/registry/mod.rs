//! SetRegistry ABI: calldata encoders and decoders, view return decoding, log and revert decoding.
//!
//! The ABI exists once, as the Solidity interface `contracts/src/interfaces/ISetRegistry.sol`
//! (linked into this crate as `abi/ISetRegistry.sol`), which [`sol!`] turns into
//! [`ISetRegistry`] at build time; every encoder and decoder here goes through the generated
//! `SolCall` / `SolEvent` / `SolError` / `SolInterface` types. The interface covers the deployed
//! contract, including the functions, events and errors of its OpenZeppelin parents, plus what
//! the new contract adds: `verifyVesInclusion`, the atomic multi-commit
//! `commitBatches(BatchInput[])` with its `BatchCommitFailed(uint256,bytes)` error, and
//! `InvalidBatchId()`.
//!
//! Argument names follow the new contract and drop the old source's leading underscore
//! (`batchId`, not `_batchId`); names are not part of the selector, so this changes nothing on the
//! wire, but it is what [`DecodedAbi`] reports.
//!
//! Decoding is strict (canonical ABI only: clean padding, canonical offsets, valid bools and
//! addresses) but, like Solidity itself, accepts trailing bytes after the encoding, because
//! wallets append attribution suffixes to calldata. No decoder panics: short, truncated or
//! garbage input is a [`RegistryError`].
//!
//! [`sol!`]: alloy_sol_types::sol
//! [`DecodedAbi`]: crate::abi::DecodedAbi

use alloy_sol_types::SolCall;

use crate::abi::{decode_call_as, decode_returns_as, AbiError};

mod calls;
mod interface;
mod locate;
mod logs;
mod reverts;
mod views;

#[cfg(test)]
mod tests;

/// Re-exported so that callers (bindings, the vectors tool) can build arguments without naming
/// the alloy crates.
pub use alloy_primitives::{Address, Bytes, B256, U256};
/// `Error(string)` and `Panic(uint256)`, held by [`RegistryRevert`] and the paymaster's revert.
pub use alloy_sol_types::{Panic, Revert};

pub use calls::{
    decode_call, decode_commit_batch, decode_commit_batch_with_stark_proof, decode_commit_batches,
    decode_commit_stark_proof, encode_batch_set_sequencer_authorization, encode_commit_batch,
    encode_commit_batch_with_stark_proof, encode_commit_batches, encode_commit_stark_proof, encode_initialize,
    encode_pause, encode_register_batch_root, encode_renounce_ownership, encode_set_legacy_functions_enabled,
    encode_set_sequencer_authorization, encode_set_strict_mode, encode_transfer_ownership, encode_unpause,
    encode_upgrade_to_and_call, CommitBatchArgs, CommitBatchWithStarkProofArgs, CommitStarkProofArgs, RegistryCall,
    StarkProofMetadata,
};
pub use interface::{BatchCommitment, BatchInput, ISetRegistry};
pub use locate::{
    batch_committed_filter, batch_committed_logs, commitment_holding_in_logs, stream_topic, BatchCommittedLog,
    LocatedCommitment,
};
pub use logs::{decode_batch_committed, decode_log, RegistryEvent};
pub use reverts::{decode_revert, RegistryRevert};
pub use views::{
    decode_batch_exists, decode_batch_exists_many, decode_commitments, decode_get_batch_commitment,
    decode_get_batch_commitments, decode_get_extended_registry_status, decode_get_head_sequence,
    decode_get_latest_batch_id, decode_get_latest_state_root, decode_get_registry_stats,
    decode_get_tenant_store_summary, decode_return, decode_verify_inclusion, decode_verify_ves_inclusion,
    encode_are_sequencers_authorized, encode_authorized_sequencer_count, encode_authorized_sequencers,
    encode_batch_exists, encode_batch_exists_many, encode_batch_exists_many_return, encode_batch_exists_return,
    encode_commitments, encode_commitments_return, encode_get_batch_commitment, encode_get_batch_commitment_return,
    encode_get_batch_commitments, encode_get_batch_commitments_return, encode_get_batch_head_sequences,
    encode_get_batch_latest_state_roots, encode_get_batch_proof_statuses, encode_get_batch_root,
    encode_get_batch_with_proof_status, encode_get_extended_registry_status,
    encode_get_extended_registry_status_return, encode_get_head_sequence, encode_get_head_sequence_return,
    encode_get_latest_batch_id, encode_get_latest_batch_id_return, encode_get_latest_state_root,
    encode_get_latest_state_root_return, encode_get_registry_stats, encode_get_registry_stats_return,
    encode_get_stark_proof_details, encode_get_tenant_store_summary, encode_get_tenant_store_summary_return,
    encode_has_stark_proof, encode_head_sequence, encode_latest_commitment, encode_legacy_functions_enabled,
    encode_owner, encode_paused, encode_proxiable_uuid, encode_stark_proofs, encode_strict_mode_enabled,
    encode_total_commitments, encode_total_stark_proofs, encode_upgrade_interface_version, encode_verify_inclusion,
    encode_verify_inclusion_return, encode_verify_multiple_inclusions, encode_verify_stark_proof_hash,
    encode_verify_ves_inclusion, encode_verify_ves_inclusion_return, ExtendedRegistryStatus, OnchainCommitment,
    RegistryStats, TenantStoreSummary,
};

/// Why registry input could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// Calldata, return data, a log or revert data that is not a valid encoding.
    #[error(transparent)]
    Abi(#[from] AbiError),
}

impl RegistryError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            RegistryError::Abi(inner) => inner.code(),
        }
    }
}

fn call_as<C: SolCall + Default>(what: &'static str, data: &[u8]) -> Result<C, RegistryError> {
    decode_call_as::<C>(what, data).map_err(RegistryError::Abi)
}

fn returns_as<C: SolCall>(what: &'static str, data: &[u8]) -> Result<C::Return, RegistryError> {
    decode_returns_as::<C>(what, data).map_err(RegistryError::Abi)
}
