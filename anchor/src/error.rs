//! [`ChainError`]: failures of the chain side, shared by the reads, the transaction manager and
//! the cycle (its own module so that none of them imports another for it).

use alloy::primitives::B256;
use set_core::registry::RegistryRevert;

/// Failures on the chain side.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// JSON-RPC transport or node error.
    #[error("rpc: {0}")]
    Rpc(String),
    /// A call or gas estimate reverted; `reason` is decoded with `set-core`.
    #[error("reverted: {reason}")]
    Revert {
        /// Decoded revert (None if the data was not decodable).
        decoded: Option<Box<RegistryRevert>>,
        /// Human-readable reason.
        reason: String,
    },
    /// The node returns data the ABI cannot decode.
    #[error("abi: {0}")]
    Abi(String),
    /// A block the cycle pinned is gone (reorged out between two reads): the cycle starts over.
    #[error("block {0} is no longer available (reorg)")]
    BlockGone(B256),
}
