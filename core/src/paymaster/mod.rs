//! SetPaymaster: ABI encoders and decoders, and the sponsorship decision as pure functions.
//!
//! The ABI exists once, as the Solidity interface `contracts/src/interfaces/ISetPaymaster.sol`
//! (linked into this crate as `abi/ISetPaymaster.sol`), which [`sol!`] turns into
//! [`ISetPaymaster`] at build time; it includes the errors and events of the contract's
//! OpenZeppelin parents (Ownable, Initializable, UUPS, ReentrancyGuard). Decoded values use the
//! language-neutral [`DecodedAbi`] form, and decoding follows the same strict rules as the
//! registry's (see [`crate::registry`]).
//!
//! [`can_sponsor`], [`execute_sponsorship`] and [`remaining_daily_allowance`] reproduce the
//! contract's decision without a chain: rolling day / 30-day windows from the last reset stamp,
//! the same check order and the exact `canSponsor` reason strings. Where the new contract
//! deliberately differs from the old one, the rustdoc says so: tier ids are `uint256` (the old
//! contract truncated them to `uint8`, so tier 256 became tier 0), and the `remaining` argument of
//! `ExceedsDailyLimit` / `ExceedsMonthlyLimit` saturates at 0 (the old contract reverted with
//! `Panic(0x11)` when a tier was lowered below the current spend).
//!
//! [`sol!`]: alloy_sol_types::sol
//! [`DecodedAbi`]: crate::abi::DecodedAbi

use alloy_sol_types::SolCall;

use crate::abi::{decode_returns_as, AbiError};

mod calls;
mod interface;
mod logs;
mod policy;
mod reverts;
mod views;

#[cfg(test)]
mod tests;

pub use calls::{
    decode_call, decode_execute_sponsorship, encode_batch_execute_sponsorship, encode_batch_refund_unused_gas,
    encode_batch_revoke_merchants, encode_batch_sponsor_merchants, encode_batch_update_merchant_tier,
    encode_create_tier, encode_deposit, encode_execute_sponsorship, encode_initialize, encode_refund_unused_gas,
    encode_renounce_ownership, encode_revoke_merchant, encode_set_min_deposit, encode_set_operator,
    encode_set_tier_active, encode_set_treasury, encode_sponsor_merchant, encode_transfer_ownership,
    encode_update_tier, encode_upgrade_to_and_call, encode_withdraw, ExecuteSponsorshipArgs, OperationType,
    PaymasterCall,
};
pub use interface::ISetPaymaster;
pub use logs::{decode_log, PaymasterEvent};
pub use policy::{
    can_sponsor, default_tiers, execute_sponsorship, remaining_daily_allowance, tier_limits_valid, MerchantState,
    SponsorshipDecision, SponsorshipRevert, Tier, DAY_SECONDS, MAX_BATCH_SIZE, MIN_DEPOSIT_WEI, MONTH_SECONDS,
    REASON_EXCEEDS_DAILY_LIMIT, REASON_EXCEEDS_MONTHLY_LIMIT, REASON_EXCEEDS_TRANSACTION_LIMIT,
    REASON_INSUFFICIENT_BALANCE, REASON_NOT_SPONSORED, REASON_TIER_NOT_ACTIVE,
};
pub use reverts::{decode_revert, PaymasterRevert};
pub use views::{
    decode_balance, decode_can_sponsor, decode_get_remaining_daily_allowance, decode_merchant_sponsorship,
    decode_return, decode_tiers, encode_balance, encode_balance_return, encode_batch_can_sponsor,
    encode_batch_get_merchant_details, encode_batch_get_merchant_status, encode_batch_get_remaining_daily_allowance,
    encode_can_sponsor, encode_can_sponsor_return, encode_get_all_tiers, encode_get_merchant_details,
    encode_get_paymaster_status, encode_get_remaining_daily_allowance, encode_get_remaining_daily_allowance_return,
    encode_max_batch_size, encode_merchant_sponsorship, encode_min_deposit, encode_next_tier_id, encode_operators,
    encode_owner, encode_proxiable_uuid, encode_tiers, encode_total_gas_sponsored, encode_treasury,
    encode_upgrade_interface_version, OnchainSponsorshipDecision,
};

/// Why paymaster input could not be encoded or decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaymasterError {
    /// Calldata, return data, a log or revert data that is not a valid encoding.
    #[error(transparent)]
    Abi(#[from] AbiError),
    /// An operation type ordinal outside 0..=6 (the contract reverts with empty data).
    #[error("operation type {value} is not one of the 7 OperationType values")]
    InvalidOperationType {
        /// The ordinal given.
        value: u8,
    },
    /// Parallel argument arrays of different lengths.
    #[error("{what}: expected {expected} items, got {actual}")]
    LengthMismatch {
        /// The array that does not match the first one.
        what: &'static str,
        /// The length of the first array.
        expected: usize,
        /// The length of this one.
        actual: usize,
    },
}

impl PaymasterError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            PaymasterError::Abi(inner) => inner.code(),
            PaymasterError::InvalidOperationType { .. } => "INVALID_OPERATION_TYPE",
            PaymasterError::LengthMismatch { .. } => "LENGTH_MISMATCH",
        }
    }
}

fn returns_as<C: SolCall>(what: &'static str, data: &[u8]) -> Result<C::Return, PaymasterError> {
    decode_returns_as::<C>(what, data).map_err(PaymasterError::Abi)
}

fn same_length(what: &'static str, expected: usize, actual: usize) -> Result<(), PaymasterError> {
    if expected == actual {
        Ok(())
    } else {
        Err(PaymasterError::LengthMismatch { what, expected, actual })
    }
}
