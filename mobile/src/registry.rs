//! SetRegistry `getBatchCommitment`: the calldata a wallet sends with `eth_call` and the
//! decoding of what comes back (docs/protocol.md, "Contracts").

use set_core::{ids, registry};

use crate::convert::{bytes, hex_b256, hex_bytes};
use crate::error::{core_error, SetError};

/// A batch commitment as stored on-chain.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OnchainCommitment {
    /// Merkle root of the batch's event leaves (`0x` hex).
    pub events_root: String,
    /// State root after the batch (`0x` hex).
    pub new_state_root: String,
    /// First sequence number, inclusive.
    pub sequence_start: u64,
    /// Last sequence number, inclusive.
    pub sequence_end: u64,
    /// Number of events.
    pub event_count: u32,
    /// Block timestamp of the commit, in seconds; 0 means "no such batch".
    #[uniffi(default = 0)]
    pub timestamp: u64,
    /// Whether the batch exists on-chain (`timestamp != 0`).
    #[uniffi(default = true)]
    pub exists: bool,
}

impl From<registry::OnchainCommitment> for OnchainCommitment {
    fn from(commitment: registry::OnchainCommitment) -> Self {
        OnchainCommitment {
            events_root: hex_b256(&commitment.events_root),
            new_state_root: hex_b256(&commitment.new_state_root),
            sequence_start: commitment.sequence_start,
            sequence_end: commitment.sequence_end,
            event_count: commitment.event_count,
            timestamp: commitment.timestamp,
            exists: commitment.exists(),
        }
    }
}

/// `getBatchCommitment(batchId)` calldata (`0x` hex) for `eth_call`; `batch_id` is a UUID or
/// its bytes32 hex form.
///
/// # Errors
/// `SetError.Id` naming `batch_id`.
#[uniffi::export]
pub fn encode_get_batch_commitment(batch_id: String) -> Result<String, SetError> {
    let batch = ids::parse_id_word("batch_id", &batch_id).map_err(core_error)?;
    Ok(hex_bytes(&registry::encode_get_batch_commitment(batch)))
}

/// Decodes `getBatchCommitment` return data (hex, as `eth_call` returns it). Check `exists`:
/// unknown batches come back all zero.
///
/// # Errors
/// `SetError.Encoding` for bad hex; `SetError.Registry` (`INVALID_ABI`, …) for data that does
/// not decode.
#[uniffi::export]
pub fn decode_get_batch_commitment(return_data: String) -> Result<OnchainCommitment, SetError> {
    let data = bytes("return_data", &return_data)?;
    registry::decode_get_batch_commitment(&data).map(OnchainCommitment::from).map_err(core_error)
}
