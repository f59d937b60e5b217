//! The SetPaymaster ABI, read from `contracts/src/interfaces/ISetPaymaster.sol` (through the
//! `abi/ISetPaymaster.sol` link in this crate), and its language-neutral rendering.
//!
//! A function, event, error or field that changes in the Solidity file changes the generated types
//! here, and the build or the selector pins in the tests fail until the rest of the module
//! follows.

use alloy_sol_types::sol;

use crate::abi::abi_interface;

sol!(
    #[sol(all_derives)]
    "abi/ISetPaymaster.sol"
);

// Every item of the interface except those of the OpenZeppelin parents both contracts share,
// which `abi_interface!` adds itself.
abi_interface! {
    module ISetPaymaster;
    structs {}
    calls ISetPaymasterCalls {
        initialize => initializeCall { owner, treasury } -> initializeReturn {}
        createTier => createTierCall { name, maxPerTx, maxPerDay, maxPerMonth } -> createTierReturn { tierId }
        updateTier => updateTierCall { tierId, maxPerTx, maxPerDay, maxPerMonth } -> updateTierReturn {}
        setTierActive => setTierActiveCall { tierId, active } -> setTierActiveReturn {}
        setOperator => setOperatorCall { operator, authorized } -> setOperatorReturn {}
        setTreasury => setTreasuryCall { treasury } -> setTreasuryReturn {}
        setMinDeposit => setMinDepositCall { minDeposit } -> setMinDepositReturn {}
        sponsorMerchant => sponsorMerchantCall { merchant, tierId } -> sponsorMerchantReturn {}
        revokeMerchant => revokeMerchantCall { merchant } -> revokeMerchantReturn {}
        canSponsor => canSponsorCall { merchant, amount } -> canSponsorReturn { sponsorable, reason }
        executeSponsorship => executeSponsorshipCall { merchant, amount, operationType } -> executeSponsorshipReturn {}
        refundUnusedGas => refundUnusedGasCall { merchant, refundAmount } -> refundUnusedGasReturn {}
        deposit => depositCall {} -> depositReturn {}
        withdraw => withdrawCall { amount } -> withdrawReturn {}
        balance => balanceCall {} -> balanceReturn { paymasterBalance }
        getRemainingDailyAllowance => getRemainingDailyAllowanceCall { merchant } -> getRemainingDailyAllowanceReturn { remaining }
        getMerchantDetails => getMerchantDetailsCall { merchant } -> getMerchantDetailsReturn { active, tierId, spentToday, spentThisMonth, totalSponsored }
        batchSponsorMerchants => batchSponsorMerchantsCall { merchants, tierIds } -> batchSponsorMerchantsReturn {}
        batchRevokeMerchants => batchRevokeMerchantsCall { merchants } -> batchRevokeMerchantsReturn {}
        batchExecuteSponsorship => batchExecuteSponsorshipCall { merchants, amounts, operationTypes } -> batchExecuteSponsorshipReturn { succeeded, failed }
        batchRefundUnusedGas => batchRefundUnusedGasCall { merchants, refundAmounts } -> batchRefundUnusedGasReturn {}
        batchGetMerchantStatus => batchGetMerchantStatusCall { merchants } -> batchGetMerchantStatusReturn { statuses, tiers_ }
        batchCanSponsor => batchCanSponsorCall { merchants, amounts } -> batchCanSponsorReturn { canSponsor_, reasons }
        batchGetRemainingDailyAllowance => batchGetRemainingDailyAllowanceCall { merchants } -> batchGetRemainingDailyAllowanceReturn { allowances }
        batchGetMerchantDetails => batchGetMerchantDetailsCall { merchants } -> batchGetMerchantDetailsReturn { active, tierIds, spentToday, spentThisMonth, totalSponsored }
        batchUpdateMerchantTier => batchUpdateMerchantTierCall { merchants, newTierId } -> batchUpdateMerchantTierReturn {}
        getPaymasterStatus => getPaymasterStatusCall {} -> getPaymasterStatusReturn { paymasterBalance, totalSponsored_, tierCount, treasuryAddr }
        getAllTiers => getAllTiersCall {} -> getAllTiersReturn { tierIds, names, maxPerTx, maxPerDay_, maxPerMonth_ }
        tiers => tiersCall { tierId } -> tiersReturn { name, maxPerTransaction, maxPerDay, maxPerMonth, active }
        nextTierId => nextTierIdCall {} -> nextTierIdReturn { tierId }
        merchantSponsorship => merchantSponsorshipCall { merchant } -> merchantSponsorshipReturn { active, tierId, lastDayReset, lastMonthReset, spentToday, spentThisMonth, totalSponsored }
        totalGasSponsored => totalGasSponsoredCall {} -> totalGasSponsoredReturn { total }
        treasury => treasuryCall {} -> treasuryReturn { treasuryAddress }
        minDeposit => minDepositCall {} -> minDepositReturn { amount }
        operators => operatorsCall { operator } -> operatorsReturn { authorized }
        MAX_BATCH_SIZE => MAX_BATCH_SIZECall {} -> MAX_BATCH_SIZEReturn { size }
    }
    errors ISetPaymasterErrors {
        NotSponsored {}
        TierNotActive {}
        ExceedsTransactionLimit { requested, max }
        ExceedsDailyLimit { requested, remaining }
        ExceedsMonthlyLimit { requested, remaining }
        InsufficientBalance {}
        NotOperator {}
        InvalidTier {}
        InvalidTierLimits {}
        InvalidAddress {}
        ArrayLengthMismatch {}
        BatchTooLarge {}
        EmptyArray {}
        TransferFailed {}
        BelowMinimumDeposit { sent, minimum }
        WithdrawFailed {}
        InvalidRefundAmount {}
        RefundValueMismatch { expected, actual }
        RefundExceedsSponsored { requested, available }
    }
    events ISetPaymasterEvents {
        TierCreated { tierId, name, maxPerTx, maxPerDay }
        TierUpdated { tierId, maxPerTx, maxPerDay }
        TierStatusUpdated { tierId, active }
        MerchantSponsored { merchant, tierId }
        MerchantRevoked { merchant }
        GasSponsored { merchant, amount, operationType }
        GasRefunded { merchant, amount }
        Deposited { from, amount }
        Withdrawn { to, amount }
        OperatorUpdated { operator, authorized }
        MinDepositUpdated { minDeposit }
        BatchSponsorshipCompleted { processed, succeeded, failed }
        BatchSponsorshipFailed { merchant, reason }
        ContractUpgraded { newImplementation, authorizer }
    }
}
