//! Logs: decoding SetRegistry events from their topics and data.

use alloy_primitives::B256;

use super::interface::{event_shape, ISetRegistry};
use super::RegistryError;
use crate::abi::{decode_log_as, AbiError};

/// A decoded SetRegistry log (the sol!-generated enum: one typed variant per event of the
/// interface, those of the OpenZeppelin parents included).
pub type RegistryEvent = ISetRegistry::ISetRegistryEvents;

/// Decodes one SetRegistry log from its topics (topic0 first) and data.
///
/// # Errors
/// [`AbiError::TooShort`] with no topics, [`AbiError::UnknownEvent`] for a foreign
/// topic0, [`AbiError::TopicCount`] for the wrong number of topics,
/// [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad data.
pub fn decode_log(topics: &[B256], data: &[u8]) -> Result<RegistryEvent, RegistryError> {
    decode_log_as::<RegistryEvent>(topics, data, event_shape).map_err(RegistryError::Abi)
}

/// Decodes a `BatchCommitted` log — the one event an anchor watcher or a checkout page
/// follows — into its typed fields.
///
/// # Errors
/// As [`decode_log`]; [`AbiError::UnknownEvent`] also for a log of another SetRegistry event.
pub fn decode_batch_committed(topics: &[B256], data: &[u8]) -> Result<ISetRegistry::BatchCommitted, RegistryError> {
    match decode_log(topics, data)? {
        RegistryEvent::BatchCommitted(event) => Ok(event),
        _ => Err(RegistryError::Abi(AbiError::UnknownEvent { topic0: topics.first().copied().unwrap_or_default() })),
    }
}
