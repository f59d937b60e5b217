//! Writes: calldata encoders of the state-changing functions, the `OperationType` argument, and
//! the calldata decoders.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolCall;

use super::interface::ISetPaymaster;
use super::{same_length, PaymasterError};
#[cfg(doc)]
use super::{tier_limits_valid, MAX_BATCH_SIZE};
#[cfg(doc)]
use crate::abi::AbiError;
use crate::abi::{decode_call_as, decode_interface};

/// The contract's `OperationType` enum (ABI `uint8`). Only echoed in `GasSponsored`; it has no
/// effect on limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum OperationType {
    /// `ORDER_CREATE` (0).
    OrderCreate = 0,
    /// `ORDER_UPDATE` (1).
    OrderUpdate = 1,
    /// `PAYMENT_PROCESS` (2).
    PaymentProcess = 2,
    /// `INVENTORY_UPDATE` (3).
    InventoryUpdate = 3,
    /// `RETURN_PROCESS` (4).
    ReturnProcess = 4,
    /// `COMMITMENT_ANCHOR` (5).
    CommitmentAnchor = 5,
    /// `OTHER` (6).
    Other = 6,
}

impl OperationType {
    /// All values in ordinal order.
    pub const ALL: [OperationType; 7] = [
        OperationType::OrderCreate,
        OperationType::OrderUpdate,
        OperationType::PaymentProcess,
        OperationType::InventoryUpdate,
        OperationType::ReturnProcess,
        OperationType::CommitmentAnchor,
        OperationType::Other,
    ];

    /// The Solidity name (`ORDER_CREATE`, …).
    pub fn name(self) -> &'static str {
        match self {
            OperationType::OrderCreate => "ORDER_CREATE",
            OperationType::OrderUpdate => "ORDER_UPDATE",
            OperationType::PaymentProcess => "PAYMENT_PROCESS",
            OperationType::InventoryUpdate => "INVENTORY_UPDATE",
            OperationType::ReturnProcess => "RETURN_PROCESS",
            OperationType::CommitmentAnchor => "COMMITMENT_ANCHOR",
            OperationType::Other => "OTHER",
        }
    }

    /// The ABI ordinal (0..=6).
    pub fn ordinal(self) -> u8 {
        self as u8
    }
}

impl TryFrom<u8> for OperationType {
    type Error = PaymasterError;

    /// # Errors
    /// [`PaymasterError::InvalidOperationType`] for 7 and above.
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        OperationType::ALL.get(usize::from(value)).copied().ok_or(PaymasterError::InvalidOperationType { value })
    }
}

impl From<OperationType> for u8 {
    fn from(operation: OperationType) -> u8 {
        operation.ordinal()
    }
}

/// `initialize(owner, treasury)` calldata (proxy deployment; both must be non-zero).
pub fn encode_initialize(owner: Address, treasury: Address) -> Vec<u8> {
    ISetPaymaster::initializeCall { owner, treasury }.abi_encode()
}

/// `createTier(name, maxPerTx, maxPerDay, maxPerMonth)` calldata (owner only; see
/// [`tier_limits_valid`] for what the contract accepts).
pub fn encode_create_tier(name: &str, max_per_transaction: U256, max_per_day: U256, max_per_month: U256) -> Vec<u8> {
    ISetPaymaster::createTierCall {
        name: name.into(),
        maxPerTx: max_per_transaction,
        maxPerDay: max_per_day,
        maxPerMonth: max_per_month,
    }
    .abi_encode()
}

/// `updateTier(tierId, maxPerTx, maxPerDay, maxPerMonth)` calldata (owner only).
pub fn encode_update_tier(tier_id: U256, max_per_transaction: U256, max_per_day: U256, max_per_month: U256) -> Vec<u8> {
    ISetPaymaster::updateTierCall {
        tierId: tier_id,
        maxPerTx: max_per_transaction,
        maxPerDay: max_per_day,
        maxPerMonth: max_per_month,
    }
    .abi_encode()
}

/// `setTierActive(tierId, active)` calldata (owner only).
pub fn encode_set_tier_active(tier_id: U256, active: bool) -> Vec<u8> {
    ISetPaymaster::setTierActiveCall { tierId: tier_id, active }.abi_encode()
}

/// `setOperator(operator, authorized)` calldata (owner only).
pub fn encode_set_operator(operator: Address, authorized: bool) -> Vec<u8> {
    ISetPaymaster::setOperatorCall { operator, authorized }.abi_encode()
}

/// `setTreasury(treasury)` calldata (owner only).
pub fn encode_set_treasury(treasury: Address) -> Vec<u8> {
    ISetPaymaster::setTreasuryCall { treasury }.abi_encode()
}

/// `setMinDeposit(minDeposit)` calldata (owner only; wei).
pub fn encode_set_min_deposit(min_deposit: U256) -> Vec<u8> {
    ISetPaymaster::setMinDepositCall { minDeposit: min_deposit }.abi_encode()
}

/// `sponsorMerchant(merchant, tierId)` calldata (owner only; overwrites the merchant's record).
pub fn encode_sponsor_merchant(merchant: Address, tier_id: U256) -> Vec<u8> {
    ISetPaymaster::sponsorMerchantCall { merchant, tierId: tier_id }.abi_encode()
}

/// `revokeMerchant(merchant)` calldata (owner only).
pub fn encode_revoke_merchant(merchant: Address) -> Vec<u8> {
    ISetPaymaster::revokeMerchantCall { merchant }.abi_encode()
}

/// `executeSponsorship(merchant, amount, operationType)` calldata (operator or owner; wei).
pub fn encode_execute_sponsorship(merchant: Address, amount: U256, operation: OperationType) -> Vec<u8> {
    ISetPaymaster::executeSponsorshipCall { merchant, amount, operationType: operation.ordinal() }.abi_encode()
}

/// The arguments of `executeSponsorship`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExecuteSponsorshipArgs {
    /// The merchant paid.
    pub merchant: Address,
    /// Wei paid to the merchant.
    pub amount: U256,
    /// The operation echoed in `GasSponsored`.
    pub operation: OperationType,
}

/// Decodes `executeSponsorship(address,uint256,uint8)` calldata.
///
/// # Errors
/// [`AbiError::TooShort`], [`AbiError::UnknownSelector`], [`AbiError::Invalid`],
/// and [`PaymasterError::InvalidOperationType`] for an ordinal ≥ 7 (which the contract rejects
/// with empty revert data).
pub fn decode_execute_sponsorship(calldata: &[u8]) -> Result<ExecuteSponsorshipArgs, PaymasterError> {
    let call = decode_call_as::<ISetPaymaster::executeSponsorshipCall>("executeSponsorship calldata", calldata)
        .map_err(PaymasterError::Abi)?;
    Ok(ExecuteSponsorshipArgs {
        merchant: call.merchant,
        amount: call.amount,
        operation: OperationType::try_from(call.operationType)?,
    })
}

/// `refundUnusedGas(merchant, refundAmount)` calldata (operator; send exactly `refund_amount`
/// wei as the transaction value, or it reverts `RefundValueMismatch`).
pub fn encode_refund_unused_gas(merchant: Address, refund_amount: U256) -> Vec<u8> {
    ISetPaymaster::refundUnusedGasCall { merchant, refundAmount: refund_amount }.abi_encode()
}

/// `deposit()` calldata (payable; at least `minDeposit` wei as value).
pub fn encode_deposit() -> Vec<u8> {
    ISetPaymaster::depositCall {}.abi_encode()
}

/// `withdraw(amount)` calldata (owner only; pays the treasury).
pub fn encode_withdraw(amount: U256) -> Vec<u8> {
    ISetPaymaster::withdrawCall { amount }.abi_encode()
}

/// `batchSponsorMerchants(merchants, tierIds)` calldata (owner only).
///
/// # Errors
/// [`PaymasterError::LengthMismatch`] when the arrays differ in length (the contract would
/// revert `ArrayLengthMismatch`). Emptiness and `MAX_BATCH_SIZE` are left to the contract.
pub fn encode_batch_sponsor_merchants(merchants: &[Address], tier_ids: &[U256]) -> Result<Vec<u8>, PaymasterError> {
    same_length("tier_ids", merchants.len(), tier_ids.len())?;
    Ok(ISetPaymaster::batchSponsorMerchantsCall { merchants: merchants.to_vec(), tierIds: tier_ids.to_vec() }
        .abi_encode())
}

/// `batchRevokeMerchants(merchants)` calldata (owner only).
pub fn encode_batch_revoke_merchants(merchants: &[Address]) -> Vec<u8> {
    ISetPaymaster::batchRevokeMerchantsCall { merchants: merchants.to_vec() }.abi_encode()
}

/// `batchExecuteSponsorship(merchants, amounts, operationTypes)` calldata (operator). Items
/// never revert individually; failures are reported in `BatchSponsorshipFailed` events.
///
/// # Errors
/// [`PaymasterError::LengthMismatch`] when the three arrays differ in length.
pub fn encode_batch_execute_sponsorship(
    merchants: &[Address],
    amounts: &[U256],
    operations: &[OperationType],
) -> Result<Vec<u8>, PaymasterError> {
    same_length("amounts", merchants.len(), amounts.len())?;
    same_length("operations", merchants.len(), operations.len())?;
    Ok(ISetPaymaster::batchExecuteSponsorshipCall {
        merchants: merchants.to_vec(),
        amounts: amounts.to_vec(),
        operationTypes: operations.iter().map(|op| op.ordinal()).collect(),
    }
    .abi_encode())
}

/// `batchRefundUnusedGas(merchants, refundAmounts)` calldata (operator; send the sum of
/// `refund_amounts` as value).
///
/// # Errors
/// [`PaymasterError::LengthMismatch`] when the arrays differ in length.
pub fn encode_batch_refund_unused_gas(
    merchants: &[Address],
    refund_amounts: &[U256],
) -> Result<Vec<u8>, PaymasterError> {
    same_length("refund_amounts", merchants.len(), refund_amounts.len())?;
    Ok(ISetPaymaster::batchRefundUnusedGasCall {
        merchants: merchants.to_vec(),
        refundAmounts: refund_amounts.to_vec(),
    }
    .abi_encode())
}

/// `batchUpdateMerchantTier(merchants, newTierId)` calldata (owner only; active merchants only).
pub fn encode_batch_update_merchant_tier(merchants: &[Address], new_tier_id: U256) -> Vec<u8> {
    ISetPaymaster::batchUpdateMerchantTierCall { merchants: merchants.to_vec(), newTierId: new_tier_id }.abi_encode()
}

/// OpenZeppelin `Ownable` / `UUPSUpgradeable` calldata, the same for every contract of ours.
pub use crate::abi::{encode_renounce_ownership, encode_transfer_ownership, encode_upgrade_to_and_call};

/// Any decoded SetPaymaster call (the sol!-generated enum, one variant per function).
pub type PaymasterCall = ISetPaymaster::ISetPaymasterCalls;

/// Decodes calldata of any SetPaymaster function.
///
/// # Errors
/// [`AbiError::TooShort`] under 4 bytes, [`AbiError::UnknownSelector`],
/// [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad argument encoding.
pub fn decode_call(calldata: &[u8]) -> Result<PaymasterCall, PaymasterError> {
    decode_interface::<PaymasterCall>("calldata", calldata).map_err(PaymasterError::Abi)
}
