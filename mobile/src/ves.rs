//! VES v1 hashing (docs/protocol.md, "VES v1 hashes"): the hashes a wallet recomputes from an
//! event it holds.
//!
//! Events and payloads are JSON text (the event in the sequencer's / bundle's `event` shape);
//! hashes are `0x` hex.

use set_core::ves::{self, VesEvent};

use crate::convert::{b256, hex_b256};
use crate::error::{core_error, SetError};

fn event_of(event_json: &str) -> Result<VesEvent, SetError> {
    VesEvent::from_json(event_json).map_err(core_error)
}

/// `SHA-256("VES_PAYLOAD_PLAIN_V1" ‖ JCS(payload))` of a payload given as JSON text, parsed
/// exactly as the sequencer parses it (integers beyond 2^53 round to the nearest double).
///
/// # Errors
/// `SetError.Ves` (`INVALID_JSON`) for text that is not JSON.
#[uniffi::export]
pub fn payload_plain_hash(payload_json: String) -> Result<String, SetError> {
    ves::payload_plain_hash_json(&payload_json).map(|hash| hex_b256(&hash)).map_err(core_error)
}

/// The RFC 8785 (JCS) text of a JSON document, as the sequencer canonicalises it.
///
/// # Errors
/// `SetError.Ves` (`INVALID_JSON`) for text that is not JSON.
#[uniffi::export]
pub fn canonical_json(payload_json: String) -> Result<String, SetError> {
    let value: serde_json::Value = ves::parse_json("payload", &payload_json).map_err(core_error)?;
    ves::canonical_json(&value).map_err(core_error)
}

/// The event signing hash (what the agent signs) of a VES event given as JSON text.
///
/// # Errors
/// `SetError.Ves` naming the field (`event.tenant_id`, …).
#[uniffi::export]
pub fn event_signing_hash(event_json: String) -> Result<String, SetError> {
    event_of(&event_json)?.signing_hash().map(|hash| hex_b256(&hash)).map_err(core_error)
}

/// The Merkle leaf of a VES event (JSON text) at `sequence_number`.
///
/// # Errors
/// As [`event_signing_hash`].
#[uniffi::export]
pub fn leaf_hash(event_json: String, sequence_number: u64) -> Result<String, SetError> {
    event_of(&event_json)?.leaf_hash(sequence_number).map(|hash| hex_b256(&hash)).map_err(core_error)
}

/// The receipt hash the sequencer signs for a VES event (JSON text) at `sequence_number`.
///
/// # Errors
/// As [`event_signing_hash`].
#[uniffi::export]
pub fn receipt_hash(event_json: String, sequence_number: u64) -> Result<String, SetError> {
    event_of(&event_json)?.receipt_hash(sequence_number).map(|hash| hex_b256(&hash)).map_err(core_error)
}

/// A commitment's state root, chaining it to the previous one of its stream (hashes as hex).
///
/// # Errors
/// `SetError.Encoding` naming `stream_id`, `prev_state_root` or `merkle_root`.
#[uniffi::export]
pub fn state_root(
    stream_id: String,
    prev_state_root: String,
    merkle_root: String,
    sequence_start: u64,
    sequence_end: u64,
    leaf_count: u32,
) -> Result<String, SetError> {
    let root = ves::state_root(
        &b256("stream_id", &stream_id)?,
        &b256("prev_state_root", &prev_state_root)?,
        &b256("merkle_root", &merkle_root)?,
        sequence_start,
        sequence_end,
        leaf_count,
    );
    Ok(hex_b256(&root))
}

/// The VES padding leaf `SHA-256("VES_PAD_LEAF_V1")`.
#[uniffi::export]
pub fn pad_leaf() -> String {
    hex_b256(&ves::pad_leaf())
}

/// The VES inner node `SHA-256("VES_NODE_V1" ‖ left ‖ right)`.
///
/// # Errors
/// `SetError.Encoding` naming `left` or `right`.
#[uniffi::export]
pub fn node_hash(left: String, right: String) -> Result<String, SetError> {
    Ok(hex_b256(&ves::node_hash(&b256("left", &left)?, &b256("right", &right)?)))
}
