//! Logs: decoding SetPaymaster events from their topics and data.

use alloy_primitives::B256;

use super::interface::{event_decoded, event_shape, ISetPaymaster};
use super::PaymasterError;
#[cfg(doc)]
use crate::abi::AbiError;
use crate::abi::{decode_log_as, DecodedAbi, EncodedLog};

/// A decoded SetPaymaster log (the sol!-generated enum: one typed variant per event of the
/// interface, those of the OpenZeppelin parents included).
pub type PaymasterEvent = ISetPaymaster::ISetPaymasterEvents;

impl ISetPaymaster::ISetPaymasterEvents {
    /// The language-neutral form: event name, signature and named arguments (indexed ones too).
    pub fn decoded(&self) -> DecodedAbi {
        event_decoded(self)
    }

    /// The log this event is emitted as (the inverse of [`decode_log`]).
    pub fn to_log(&self) -> EncodedLog {
        EncodedLog::from_log_data(self)
    }
}

/// Decodes one SetPaymaster log from its topics (topic0 first) and data.
///
/// # Errors
/// [`AbiError::TooShort`] with no topics, [`AbiError::UnknownEvent`],
/// [`AbiError::TopicCount`], [`AbiError::Truncated`] / [`AbiError::Invalid`].
pub fn decode_log(topics: &[B256], data: &[u8]) -> Result<PaymasterEvent, PaymasterError> {
    decode_log_as::<PaymasterEvent>(topics, data, event_shape).map_err(PaymasterError::Abi)
}
