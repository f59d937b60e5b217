//! Reverts: decoding SetPaymaster revert data, and matching it against the predicted
//! [`SponsorshipRevert`].

use alloc::vec::Vec;

use alloy_sol_types::{ContractError, Panic, Revert, SolError, SolInterface};

#[cfg(doc)]
use super::execute_sponsorship;
use super::interface::ISetPaymaster;
use super::{PaymasterError, SponsorshipRevert};
#[cfg(doc)]
use crate::abi::AbiError;
use crate::abi::{decode_interface, decoded_from, DecodedAbi};

/// Decoded SetPaymaster revert data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaymasterRevert {
    /// A custom error of the contract or its OpenZeppelin parents, with typed arguments.
    Custom(ISetPaymaster::ISetPaymasterErrors),
    /// `Error(string)`.
    Reason(Revert),
    /// `Panic(uint256)` (the old contract's `0x11` on a lowered tier, …).
    Panic(Panic),
}

impl PaymasterRevert {
    /// The language-neutral form.
    pub fn decoded(&self) -> DecodedAbi {
        match self {
            PaymasterRevert::Custom(error) => error.decoded(),
            PaymasterRevert::Reason(revert) => decoded_from(Revert::SIGNATURE, revert),
            PaymasterRevert::Panic(panic) => decoded_from(Panic::SIGNATURE, panic),
        }
    }

    /// The revert data (selector ‖ arguments), the inverse of [`decode_revert`].
    pub fn encode(&self) -> Vec<u8> {
        match self {
            PaymasterRevert::Custom(error) => error.abi_encode(),
            PaymasterRevert::Reason(revert) => revert.abi_encode(),
            PaymasterRevert::Panic(panic) => panic.abi_encode(),
        }
    }

    /// The revert as a [`SponsorshipRevert`] when it is one of the errors
    /// [`execute_sponsorship`] predicts, so on-chain outcomes compare with predictions.
    pub fn as_sponsorship_revert(&self) -> Option<SponsorshipRevert> {
        use ISetPaymaster::ISetPaymasterErrors as E;
        let PaymasterRevert::Custom(error) = self else {
            return None;
        };
        Some(match error {
            E::NotSponsored(_) => SponsorshipRevert::NotSponsored,
            E::TierNotActive(_) => SponsorshipRevert::TierNotActive,
            E::ExceedsTransactionLimit(e) => {
                SponsorshipRevert::ExceedsTransactionLimit { requested: e.requested, max: e.max }
            }
            E::ExceedsDailyLimit(e) => {
                SponsorshipRevert::ExceedsDailyLimit { requested: e.requested, remaining: e.remaining }
            }
            E::ExceedsMonthlyLimit(e) => {
                SponsorshipRevert::ExceedsMonthlyLimit { requested: e.requested, remaining: e.remaining }
            }
            E::InsufficientBalance(_) => SponsorshipRevert::InsufficientBalance,
            _ => return None,
        })
    }
}

/// Decodes SetPaymaster revert data: custom errors, `Error(string)` and `Panic(uint256)`.
///
/// # Errors
/// [`AbiError::TooShort`] under 4 bytes (including the empty revert of an invalid
/// operation type), [`AbiError::UnknownSelector`], [`AbiError::Truncated`] /
/// [`AbiError::Invalid`] for bad arguments.
pub fn decode_revert(data: &[u8]) -> Result<PaymasterRevert, PaymasterError> {
    let error = decode_interface::<ContractError<ISetPaymaster::ISetPaymasterErrors>>("revert data", data)
        .map_err(PaymasterError::Abi)?;
    Ok(match error {
        ContractError::CustomError(custom) => PaymasterRevert::Custom(custom),
        ContractError::Revert(revert) => PaymasterRevert::Reason(revert),
        ContractError::Panic(panic) => PaymasterRevert::Panic(panic),
    })
}
