//! Logs: decoding SetPaymaster events from their topics and data.

use alloy_primitives::B256;

use super::interface::{event_shape, ISetPaymaster};
use super::PaymasterError;
use crate::abi::decode_log_as;
#[cfg(doc)]
use crate::abi::AbiError;

/// A decoded SetPaymaster log (the sol!-generated enum: one typed variant per event of the
/// interface, those of the OpenZeppelin parents included).
pub type PaymasterEvent = ISetPaymaster::ISetPaymasterEvents;

/// Decodes one SetPaymaster log from its topics (topic0 first) and data.
///
/// # Errors
/// [`AbiError::TooShort`] with no topics, [`AbiError::UnknownEvent`],
/// [`AbiError::TopicCount`], [`AbiError::Truncated`] / [`AbiError::Invalid`].
pub fn decode_log(topics: &[B256], data: &[u8]) -> Result<PaymasterEvent, PaymasterError> {
    decode_log_as::<PaymasterEvent>(topics, data, event_shape).map_err(PaymasterError::Abi)
}
