//! Views: calldata of the view functions and getters, their typed return values, return-data
//! decoders, and the inverse encoders (mock `eth_call` answers).

use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolCall;

use super::interface::{return_decoded, ISetPaymaster};
#[cfg(doc)]
use super::{can_sponsor, execute_sponsorship};
use super::{returns_as, same_length, MerchantState, PaymasterError, SponsorshipDecision, Tier};
#[cfg(doc)]
use crate::abi::AbiError;
use crate::abi::{selector_of, DecodedAbi};

/// Decodes the return data of any SetPaymaster function into the neutral form.
///
/// `call` is the calldata that was sent (or just its 4-byte selector); it picks the function.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::UnknownSelector`],
/// [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad return data.
pub fn decode_return(call: &[u8], data: &[u8]) -> Result<DecodedAbi, PaymasterError> {
    let selector = selector_of("call selector", call).map_err(PaymasterError::Abi)?;
    return_decoded(selector, data).map_err(PaymasterError::Abi)
}

/// `canSponsor(merchant, amount)` calldata.
pub fn encode_can_sponsor(merchant: Address, amount: U256) -> Vec<u8> {
    ISetPaymaster::canSponsorCall { merchant, amount }.abi_encode()
}

/// `canSponsor` as returned by the chain (the reason is whatever string the contract sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnchainSponsorshipDecision {
    /// Whether the contract would sponsor.
    pub sponsorable: bool,
    /// The contract's reason, `""` when sponsorable.
    pub reason: String,
}

impl PartialEq<SponsorshipDecision> for OnchainSponsorshipDecision {
    fn eq(&self, other: &SponsorshipDecision) -> bool {
        self.sponsorable == other.sponsorable && self.reason == other.reason
    }
}

/// Decodes `canSponsor` return data.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::Truncated`], [`AbiError::Invalid`].
pub fn decode_can_sponsor(data: &[u8]) -> Result<OnchainSponsorshipDecision, PaymasterError> {
    let r = returns_as::<ISetPaymaster::canSponsorCall>("canSponsor return data", data)?;
    Ok(OnchainSponsorshipDecision { sponsorable: r.sponsorable, reason: r.reason })
}

/// Return data of `canSponsor` (the inverse of [`decode_can_sponsor`]; mock `eth_call` answers).
pub fn encode_can_sponsor_return(sponsorable: bool, reason: &str) -> Vec<u8> {
    ISetPaymaster::canSponsorCall::abi_encode_returns(&ISetPaymaster::canSponsorReturn {
        sponsorable,
        reason: reason.into(),
    })
}

/// `getRemainingDailyAllowance(merchant)` calldata.
pub fn encode_get_remaining_daily_allowance(merchant: Address) -> Vec<u8> {
    ISetPaymaster::getRemainingDailyAllowanceCall { merchant }.abi_encode()
}

/// Decodes `getRemainingDailyAllowance` return data (wei).
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes.
pub fn decode_get_remaining_daily_allowance(data: &[u8]) -> Result<U256, PaymasterError> {
    returns_as::<ISetPaymaster::getRemainingDailyAllowanceCall>("getRemainingDailyAllowance return data", data)
}

/// Return data of `getRemainingDailyAllowance` (wei).
pub fn encode_get_remaining_daily_allowance_return(remaining: U256) -> Vec<u8> {
    ISetPaymaster::getRemainingDailyAllowanceCall::abi_encode_returns(&remaining)
}

/// `tiers(tierId)` calldata (mapping getter).
pub fn encode_tiers(tier_id: U256) -> Vec<u8> {
    ISetPaymaster::tiersCall { tierId: tier_id }.abi_encode()
}

/// Decodes `tiers` return data into a [`Tier`] (unknown ids come back empty and inactive).
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::Truncated`], [`AbiError::Invalid`].
pub fn decode_tiers(data: &[u8]) -> Result<Tier, PaymasterError> {
    let r = returns_as::<ISetPaymaster::tiersCall>("tiers return data", data)?;
    Ok(Tier {
        name: r.name,
        max_per_transaction: U256::from(r.maxPerTransaction),
        max_per_day: U256::from(r.maxPerDay),
        max_per_month: U256::from(r.maxPerMonth),
        active: r.active,
    })
}

/// `merchantSponsorship(merchant)` calldata (mapping getter: the raw record, windows not
/// normalized).
pub fn encode_merchant_sponsorship(merchant: Address) -> Vec<u8> {
    ISetPaymaster::merchantSponsorshipCall { merchant }.abi_encode()
}

/// Decodes `merchantSponsorship` return data into a [`MerchantState`], ready for
/// [`can_sponsor`] / [`execute_sponsorship`].
///
/// # Errors
/// [`AbiError::TooShort`] under 224 bytes, [`AbiError::Invalid`] for dirty padding.
pub fn decode_merchant_sponsorship(data: &[u8]) -> Result<MerchantState, PaymasterError> {
    let r = returns_as::<ISetPaymaster::merchantSponsorshipCall>("merchantSponsorship return data", data)?;
    Ok(MerchantState {
        active: r.active,
        tier_id: r.tierId,
        last_day_reset: r.lastDayReset,
        last_month_reset: r.lastMonthReset,
        spent_today: U256::from(r.spentToday),
        spent_this_month: U256::from(r.spentThisMonth),
        total_sponsored: U256::from(r.totalSponsored),
    })
}

/// `balance()` calldata.
pub fn encode_balance() -> Vec<u8> {
    ISetPaymaster::balanceCall {}.abi_encode()
}

/// Decodes `balance` return data (wei).
///
/// # Errors
/// [`AbiError::TooShort`] under 32 bytes.
pub fn decode_balance(data: &[u8]) -> Result<U256, PaymasterError> {
    returns_as::<ISetPaymaster::balanceCall>("balance return data", data)
}

/// Return data of `balance` (wei).
pub fn encode_balance_return(balance: U256) -> Vec<u8> {
    ISetPaymaster::balanceCall::abi_encode_returns(&balance)
}

/// `getMerchantDetails(merchant)` calldata (windows normalized; decode with [`decode_return`]).
pub fn encode_get_merchant_details(merchant: Address) -> Vec<u8> {
    ISetPaymaster::getMerchantDetailsCall { merchant }.abi_encode()
}

/// `batchCanSponsor(merchants, amounts)` calldata.
///
/// # Errors
/// [`PaymasterError::LengthMismatch`] when the arrays differ in length.
pub fn encode_batch_can_sponsor(merchants: &[Address], amounts: &[U256]) -> Result<Vec<u8>, PaymasterError> {
    same_length("amounts", merchants.len(), amounts.len())?;
    Ok(ISetPaymaster::batchCanSponsorCall { merchants: merchants.to_vec(), amounts: amounts.to_vec() }.abi_encode())
}

/// `batchGetMerchantStatus(merchants)` calldata.
pub fn encode_batch_get_merchant_status(merchants: &[Address]) -> Vec<u8> {
    ISetPaymaster::batchGetMerchantStatusCall { merchants: merchants.to_vec() }.abi_encode()
}

/// `batchGetRemainingDailyAllowance(merchants)` calldata.
pub fn encode_batch_get_remaining_daily_allowance(merchants: &[Address]) -> Vec<u8> {
    ISetPaymaster::batchGetRemainingDailyAllowanceCall { merchants: merchants.to_vec() }.abi_encode()
}

/// `batchGetMerchantDetails(merchants)` calldata.
pub fn encode_batch_get_merchant_details(merchants: &[Address]) -> Vec<u8> {
    ISetPaymaster::batchGetMerchantDetailsCall { merchants: merchants.to_vec() }.abi_encode()
}

/// `getPaymasterStatus()` calldata.
pub fn encode_get_paymaster_status() -> Vec<u8> {
    ISetPaymaster::getPaymasterStatusCall {}.abi_encode()
}

/// `getAllTiers()` calldata (active tiers only).
pub fn encode_get_all_tiers() -> Vec<u8> {
    ISetPaymaster::getAllTiersCall {}.abi_encode()
}

/// `nextTierId()` calldata.
pub fn encode_next_tier_id() -> Vec<u8> {
    ISetPaymaster::nextTierIdCall {}.abi_encode()
}

/// `totalGasSponsored()` calldata.
pub fn encode_total_gas_sponsored() -> Vec<u8> {
    ISetPaymaster::totalGasSponsoredCall {}.abi_encode()
}

/// `treasury()` calldata.
pub fn encode_treasury() -> Vec<u8> {
    ISetPaymaster::treasuryCall {}.abi_encode()
}

/// `minDeposit()` calldata.
pub fn encode_min_deposit() -> Vec<u8> {
    ISetPaymaster::minDepositCall {}.abi_encode()
}

/// `operators(operator)` calldata.
pub fn encode_operators(operator: Address) -> Vec<u8> {
    ISetPaymaster::operatorsCall { operator }.abi_encode()
}

/// `MAX_BATCH_SIZE()` calldata.
pub fn encode_max_batch_size() -> Vec<u8> {
    ISetPaymaster::MAX_BATCH_SIZECall {}.abi_encode()
}

/// `owner()` calldata.
pub fn encode_owner() -> Vec<u8> {
    ISetPaymaster::ownerCall {}.abi_encode()
}

/// `proxiableUUID()` calldata.
pub fn encode_proxiable_uuid() -> Vec<u8> {
    ISetPaymaster::proxiableUUIDCall {}.abi_encode()
}

/// `UPGRADE_INTERFACE_VERSION()` calldata.
pub fn encode_upgrade_interface_version() -> Vec<u8> {
    ISetPaymaster::UPGRADE_INTERFACE_VERSIONCall {}.abi_encode()
}
