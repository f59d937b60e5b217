//! Reverts: decoding SetRegistry revert data, `BatchCommitFailed` reasons included.

use alloc::boxed::Box;
use alloc::vec::Vec;

use alloy_primitives::{Bytes, U256};
use alloy_sol_types::{ContractError, Panic, Revert, SolError, SolInterface};

use super::interface::ISetRegistry;
use super::RegistryError;
#[cfg(doc)]
use crate::abi::AbiError;
use crate::abi::{decode_interface, decoded_from, DecodedAbi};

/// How deep `BatchCommitFailed` reasons are decoded; the contract never nests them, and a bound
/// keeps hostile input from recursing without end.
pub(super) const MAX_REVERT_NESTING: usize = 4;

/// Decoded SetRegistry revert data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegistryRevert {
    /// A custom error of the contract or its OpenZeppelin parents, with typed arguments.
    /// Never holds `BatchCommitFailed`, which has its own variant.
    Custom(ISetRegistry::ISetRegistryErrors),
    /// `BatchCommitFailed(index, reason)` from `commitBatches`: item `index` (0-based) reverted
    /// with `reason`.
    BatchCommitFailed {
        /// The failing item's position in the `batches` array.
        index: U256,
        /// The item's raw revert data.
        reason: Bytes,
        /// `reason` decoded, or `None` when it is empty or not decodable (then
        /// [`decode_revert`] on `reason` says why).
        inner: Option<Box<RegistryRevert>>,
    },
    /// `Error(string)`: a `require` / `revert` message.
    Reason(Revert),
    /// `Panic(uint256)`: a Solidity panic (0x11 = arithmetic overflow, …).
    Panic(Panic),
}

impl RegistryRevert {
    /// The language-neutral form; `BatchCommitFailed` carries the inner revert in `inner`.
    pub fn decoded(&self) -> DecodedAbi {
        match self {
            RegistryRevert::Custom(error) => error.decoded(),
            RegistryRevert::BatchCommitFailed { index, reason, inner } => {
                let error = ISetRegistry::BatchCommitFailed { index: *index, reason: reason.clone() };
                let mut decoded = decoded_from(ISetRegistry::BatchCommitFailed::SIGNATURE, &error);
                decoded.inner = inner.as_ref().map(|inner| Box::new(inner.decoded()));
                decoded
            }
            RegistryRevert::Reason(revert) => decoded_from(Revert::SIGNATURE, revert),
            RegistryRevert::Panic(panic) => decoded_from(Panic::SIGNATURE, panic),
        }
    }

    /// `BatchCommitFailed(index, inner.encode())`, the way `commitBatches` wraps the revert of
    /// item `index`.
    pub fn batch_commit_failed(index: U256, inner: RegistryRevert) -> Self {
        RegistryRevert::BatchCommitFailed { index, reason: inner.encode().into(), inner: Some(Box::new(inner)) }
    }

    /// The revert data (selector ‖ arguments), the inverse of [`decode_revert`]. For
    /// `BatchCommitFailed` the raw `reason` is encoded; `inner` is only its decoded view.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            RegistryRevert::Custom(error) => error.abi_encode(),
            RegistryRevert::BatchCommitFailed { index, reason, .. } => {
                ISetRegistry::BatchCommitFailed { index: *index, reason: reason.clone() }.abi_encode()
            }
            RegistryRevert::Reason(revert) => revert.abi_encode(),
            RegistryRevert::Panic(panic) => panic.abi_encode(),
        }
    }

    /// The 4-byte selector of the error.
    pub fn selector(&self) -> [u8; 4] {
        match self {
            RegistryRevert::Custom(error) => error.selector(),
            RegistryRevert::BatchCommitFailed { .. } => ISetRegistry::BatchCommitFailed::SELECTOR,
            RegistryRevert::Reason(_) => Revert::SELECTOR,
            RegistryRevert::Panic(_) => Panic::SELECTOR,
        }
    }
}

/// Decodes SetRegistry revert data: custom errors, `Error(string)` and `Panic(uint256)`.
/// `BatchCommitFailed` reasons are decoded recursively.
///
/// # Errors
/// [`AbiError::TooShort`] under 4 bytes (including the empty revert of a bare `revert()`
/// or a failed ABI decode of the arguments), [`AbiError::UnknownSelector`] for errors of
/// other contracts, [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad arguments.
pub fn decode_revert(data: &[u8]) -> Result<RegistryRevert, RegistryError> {
    decode_revert_nested(data, 0)
}

fn decode_revert_nested(data: &[u8], depth: usize) -> Result<RegistryRevert, RegistryError> {
    let error = decode_interface::<ContractError<ISetRegistry::ISetRegistryErrors>>("revert data", data)
        .map_err(RegistryError::Abi)?;
    Ok(match error {
        ContractError::CustomError(ISetRegistry::ISetRegistryErrors::BatchCommitFailed(failed)) => {
            let inner = if depth + 1 < MAX_REVERT_NESTING {
                decode_revert_nested(&failed.reason, depth + 1).ok().map(Box::new)
            } else {
                None
            };
            RegistryRevert::BatchCommitFailed { index: failed.index, reason: failed.reason, inner }
        }
        ContractError::CustomError(custom) => RegistryRevert::Custom(custom),
        ContractError::Revert(revert) => RegistryRevert::Reason(revert),
        ContractError::Panic(panic) => RegistryRevert::Panic(panic),
    })
}
