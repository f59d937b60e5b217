//! SetPaymaster: ABI encoders and decoders, and the sponsorship decision as pure functions.
//!
//! The ABI exists once, as the [`sol!`] declaration [`ISetPaymaster`] (reference §2.6 and §2.11,
//! OpenZeppelin Ownable / Initializable / UUPS / ReentrancyGuard errors included). Decoded values
//! use the registry's language-neutral [`DecodedAbi`] form, and decoding follows the same strict
//! rules (see [`crate::registry`]).
//!
//! [`can_sponsor`], [`execute_sponsorship`] and [`remaining_daily_allowance`] reproduce the
//! contract's decision (reference §2.7, §2.8) without a chain: rolling day / 30-day windows from
//! the last reset stamp, the same check order and the exact `canSponsor` reason strings. Where the
//! new contract deliberately differs from the old one, the rustdoc says so:
//! tier ids are `uint256` (the old contract truncated them to `uint8`, so tier 256 became tier 0),
//! and the `remaining` argument of `ExceedsDailyLimit` / `ExceedsMonthlyLimit` saturates at 0
//! (the old contract reverted with `Panic(0x11)` when a tier was lowered below the current spend).
//!
//! [`sol!`]: alloy_sol_types::sol

use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{sol, ContractError, Panic, Revert, SolCall, SolError, SolInterface};

use crate::abi::{
    abi_interface, decode_call_as, decode_interface, decode_log_as, decode_returns_as, decoded_from, selector_of,
    AbiError, DecodedAbi, EncodedLog,
};
use crate::encoding::EncodingError;

sol! {
    /// The SetPaymaster ABI (reference §2.6, §2.11).
    ///
    /// `merchantSponsorship` declares `tierId` as `uint256`: the old contract returns a `uint8`
    /// there, which decodes identically, and the new contract stores the full `uint256`.
    #[sol(all_derives)]
    interface ISetPaymaster {
        event TierCreated(uint256 indexed tierId, string name, uint256 maxPerTx, uint256 maxPerDay);
        event TierUpdated(uint256 indexed tierId, uint256 maxPerTx, uint256 maxPerDay);
        event TierStatusUpdated(uint256 indexed tierId, bool active);
        event MerchantSponsored(address indexed merchant, uint256 tierId);
        event MerchantRevoked(address indexed merchant);
        event GasSponsored(address indexed merchant, uint256 amount, uint8 operationType);
        event GasRefunded(address indexed merchant, uint256 amount);
        event Deposited(address indexed from, uint256 amount);
        event Withdrawn(address indexed to, uint256 amount);
        event OperatorUpdated(address indexed operator, bool authorized);
        event MinDepositUpdated(uint256 minDeposit);
        event BatchSponsorshipCompleted(uint256 processed, uint256 succeeded, uint256 failed);
        event BatchSponsorshipFailed(address indexed merchant, string reason);
        event ContractUpgraded(address indexed newImplementation, address indexed authorizer);
        event Initialized(uint64 version);
        event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
        event Upgraded(address indexed implementation);

        error NotSponsored();
        error TierNotActive();
        error ExceedsTransactionLimit(uint256 requested, uint256 max);
        error ExceedsDailyLimit(uint256 requested, uint256 remaining);
        error ExceedsMonthlyLimit(uint256 requested, uint256 remaining);
        error InsufficientBalance();
        error NotOperator();
        error InvalidTier();
        error InvalidTierLimits();
        error InvalidAddress();
        error ArrayLengthMismatch();
        error BatchTooLarge();
        error EmptyArray();
        error TransferFailed();
        error BelowMinimumDeposit(uint256 sent, uint256 minimum);
        error WithdrawFailed();
        error InvalidRefundAmount();
        error RefundValueMismatch(uint256 expected, uint256 actual);
        error RefundExceedsSponsored(uint256 requested, uint256 available);
        error OwnableUnauthorizedAccount(address account);
        error OwnableInvalidOwner(address owner);
        error InvalidInitialization();
        error NotInitializing();
        error ReentrancyGuardReentrantCall();
        error UUPSUnauthorizedCallContext();
        error UUPSUnsupportedProxiableUUID(bytes32 slot);
        error ERC1967InvalidImplementation(address implementation);
        error ERC1967NonPayable();

        function initialize(address owner, address treasury) external;
        function createTier(string name, uint256 maxPerTx, uint256 maxPerDay, uint256 maxPerMonth) external returns (uint256 tierId);
        function updateTier(uint256 tierId, uint256 maxPerTx, uint256 maxPerDay, uint256 maxPerMonth) external;
        function setTierActive(uint256 tierId, bool active) external;
        function setOperator(address operator, bool authorized) external;
        function setTreasury(address treasury) external;
        function setMinDeposit(uint256 minDeposit) external;
        function sponsorMerchant(address merchant, uint256 tierId) external;
        function revokeMerchant(address merchant) external;
        function canSponsor(address merchant, uint256 amount) external view returns (bool sponsorable, string reason);
        function executeSponsorship(address merchant, uint256 amount, uint8 operationType) external;
        function refundUnusedGas(address merchant, uint256 refundAmount) external payable;
        function deposit() external payable;
        function withdraw(uint256 amount) external;
        function balance() external view returns (uint256 paymasterBalance);
        function getRemainingDailyAllowance(address merchant) external view returns (uint256 remaining);
        function getMerchantDetails(address merchant) external view returns (bool active, uint256 tierId, uint256 spentToday, uint256 spentThisMonth, uint256 totalSponsored);
        function batchSponsorMerchants(address[] merchants, uint256[] tierIds) external;
        function batchRevokeMerchants(address[] merchants) external;
        function batchExecuteSponsorship(address[] merchants, uint256[] amounts, uint8[] operationTypes) external returns (uint256 succeeded, uint256 failed);
        function batchRefundUnusedGas(address[] merchants, uint256[] refundAmounts) external payable;
        function batchGetMerchantStatus(address[] merchants) external view returns (bool[] statuses, uint256[] tiers_);
        function batchCanSponsor(address[] merchants, uint256[] amounts) external view returns (bool[] canSponsor_, string[] reasons);
        function batchGetRemainingDailyAllowance(address[] merchants) external view returns (uint256[] allowances);
        function batchGetMerchantDetails(address[] merchants) external view returns (bool[] active, uint256[] tierIds, uint256[] spentToday, uint256[] spentThisMonth, uint256[] totalSponsored);
        function batchUpdateMerchantTier(address[] merchants, uint256 newTierId) external;
        function getPaymasterStatus() external view returns (uint256 paymasterBalance, uint256 totalSponsored_, uint256 tierCount, address treasuryAddr);
        function getAllTiers() external view returns (uint256[] tierIds, string[] names, uint256[] maxPerTx, uint256[] maxPerDay_, uint256[] maxPerMonth_);
        function tiers(uint256 tierId) external view returns (string name, uint128 maxPerTransaction, uint128 maxPerDay, uint128 maxPerMonth, bool active);
        function nextTierId() external view returns (uint256 tierId);
        function merchantSponsorship(address merchant) external view returns (bool active, uint256 tierId, uint64 lastDayReset, uint64 lastMonthReset, uint128 spentToday, uint128 spentThisMonth, uint128 totalSponsored);
        function totalGasSponsored() external view returns (uint256 total);
        function treasury() external view returns (address treasuryAddress);
        function minDeposit() external view returns (uint256 amount);
        function operators(address operator) external view returns (bool authorized);
        function MAX_BATCH_SIZE() external view returns (uint256 size);
        function owner() external view returns (address account);
        function transferOwnership(address newOwner) external;
        function renounceOwnership() external;
        function upgradeToAndCall(address newImplementation, bytes data) external payable;
        function proxiableUUID() external view returns (bytes32 slot);
        function UPGRADE_INTERFACE_VERSION() external view returns (string version);
    }
}

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
        owner => ownerCall {} -> ownerReturn { account }
        transferOwnership => transferOwnershipCall { newOwner } -> transferOwnershipReturn {}
        renounceOwnership => renounceOwnershipCall {} -> renounceOwnershipReturn {}
        upgradeToAndCall => upgradeToAndCallCall { newImplementation, data } -> upgradeToAndCallReturn {}
        proxiableUUID => proxiableUUIDCall {} -> proxiableUUIDReturn { slot }
        UPGRADE_INTERFACE_VERSION => UPGRADE_INTERFACE_VERSIONCall {} -> UPGRADE_INTERFACE_VERSIONReturn { version }
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
        OwnableUnauthorizedAccount { account }
        OwnableInvalidOwner { owner }
        InvalidInitialization {}
        NotInitializing {}
        ReentrancyGuardReentrantCall {}
        UUPSUnauthorizedCallContext {}
        UUPSUnsupportedProxiableUUID { slot }
        ERC1967InvalidImplementation { implementation }
        ERC1967NonPayable {}
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
        Initialized { version }
        OwnershipTransferred { previousOwner, newOwner }
        Upgraded { implementation }
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Why paymaster input could not be encoded or decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
    /// Hex or length error in an input given as text.
    #[error(transparent)]
    Encoding(#[from] EncodingError),
}

impl PaymasterError {
    /// Stable machine-readable code, the same string in every language binding.
    pub fn code(&self) -> &'static str {
        match self {
            PaymasterError::Abi(inner) => inner.code(),
            PaymasterError::InvalidOperationType { .. } => "INVALID_OPERATION_TYPE",
            PaymasterError::LengthMismatch { .. } => "LENGTH_MISMATCH",
            PaymasterError::Encoding(inner) => inner.code(),
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

// ---------------------------------------------------------------------------------------------
// Domain types and constants
// ---------------------------------------------------------------------------------------------

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

/// Length of the rolling daily window, in seconds.
pub const DAY_SECONDS: u64 = 86_400;
/// Length of the rolling "monthly" window (30 days), in seconds.
pub const MONTH_SECONDS: u64 = 2_592_000;
/// `minDeposit` after `initialize`: 0.01 ether in wei. `deposit()` below it reverts
/// `BelowMinimumDeposit`; the new contract applies the same minimum to plain transfers
/// (`receive`), which the old one let through (contracts/CHANGES.md).
pub const MIN_DEPOSIT_WEI: U256 = U256::from_limbs([10_000_000_000_000_000, 0, 0, 0]);
/// Largest array the batch functions accept (`BatchTooLarge` above).
pub const MAX_BATCH_SIZE: usize = 100;

/// A sponsorship tier. Limits are in wei; the contract stores them as `uint128`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tier {
    /// Display name (`Starter`).
    pub name: String,
    /// Largest single sponsorship.
    pub max_per_transaction: U256,
    /// Largest total within one rolling day.
    pub max_per_day: U256,
    /// Largest total within one rolling 30-day window.
    pub max_per_month: U256,
    /// Inactive tiers sponsor nothing (`TierNotActive`).
    pub active: bool,
}

/// The three tiers `initialize` creates, ids 0, 1, 2 (reference §2.4).
pub fn default_tiers() -> Vec<Tier> {
    const FINNEY: u64 = 1_000_000_000_000_000; // 0.001 ether in wei
    let tier = |name: &str, per_tx: u64, per_day: u64, per_month: u64| Tier {
        name: name.into(),
        max_per_transaction: U256::from(per_tx),
        max_per_day: U256::from(per_day),
        max_per_month: U256::from(per_month),
        active: true,
    };
    alloc::vec![
        tier("Starter", FINNEY, 10 * FINNEY, 100 * FINNEY),
        tier("Growth", 5 * FINNEY, 50 * FINNEY, 500 * FINNEY),
        tier("Enterprise", 10 * FINNEY, 100 * FINNEY, 1_000 * FINNEY),
    ]
}

/// Whether limits are acceptable to `createTier` / `updateTier`:
/// `per_tx ≤ per_day ≤ per_month ≤ 2^128 − 1` (zero limits are allowed).
pub fn tier_limits_valid(max_per_transaction: U256, max_per_day: U256, max_per_month: U256) -> bool {
    max_per_transaction <= max_per_day && max_per_day <= max_per_month && max_per_month <= U256::from(u128::MAX)
}

/// A merchant's sponsorship record as stored (`merchantSponsorship(address)`), spend in wei,
/// reset stamps in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MerchantState {
    /// Whether the merchant is sponsored (`revokeMerchant` clears it, counters are kept).
    pub active: bool,
    /// The merchant's tier. A full `uint256` in the new contract; the old one stored a `uint8`,
    /// silently mapping tier 256 to tier 0.
    pub tier_id: U256,
    /// Start of the current daily window.
    pub last_day_reset: u64,
    /// Start of the current 30-day window.
    pub last_month_reset: u64,
    /// Spent in the daily window as stored (may be stale; see [`MerchantState::spent_today_at`]).
    pub spent_today: U256,
    /// Spent in the 30-day window as stored (may be stale).
    pub spent_this_month: U256,
    /// Lifetime total. The new contract keeps it when a merchant is sponsored again (the
    /// old one reset it to 0); the spend windows still restart (contracts/CHANGES.md).
    pub total_sponsored: U256,
}

impl MerchantState {
    /// The record `sponsorMerchant(merchant, tier_id)` writes at `now`: active, every counter 0,
    /// both windows starting at `now`.
    pub fn sponsored(tier_id: U256, now: u64) -> Self {
        MerchantState { active: true, tier_id, last_day_reset: now, last_month_reset: now, ..MerchantState::default() }
    }

    /// Spent in the daily window as the views see it at `now`: 0 once the window has expired.
    pub fn spent_today_at(&self, now: u64) -> U256 {
        if window_expired(self.last_day_reset, now, DAY_SECONDS) {
            U256::ZERO
        } else {
            self.spent_today
        }
    }

    /// Spent in the 30-day window as the views see it at `now`: 0 once the window has expired.
    pub fn spent_this_month_at(&self, now: u64) -> U256 {
        if window_expired(self.last_month_reset, now, MONTH_SECONDS) {
            U256::ZERO
        } else {
            self.spent_this_month
        }
    }
}

/// A window has expired iff `now − last_reset ≥ period`. A reset stamp in the future (a caller's
/// clock behind the chain's) counts as not expired instead of underflowing.
fn window_expired(last_reset: u64, now: u64, period: u64) -> bool {
    now.checked_sub(last_reset).is_some_and(|elapsed| elapsed >= period)
}

/// Whether `spent + amount` exceeds `limit`; a sum beyond `U256` exceeds every limit.
fn exceeds(spent: U256, amount: U256, limit: U256) -> bool {
    spent.checked_add(amount).is_none_or(|total| total > limit)
}

// ---------------------------------------------------------------------------------------------
// The sponsorship decision
// ---------------------------------------------------------------------------------------------

/// `canSponsor` reason: the merchant is not (or no longer) sponsored.
pub const REASON_NOT_SPONSORED: &str = "Not sponsored";
/// `canSponsor` reason: the merchant's tier is deactivated.
pub const REASON_TIER_NOT_ACTIVE: &str = "Tier not active";
/// `canSponsor` reason: `amount > maxPerTransaction`.
pub const REASON_EXCEEDS_TRANSACTION_LIMIT: &str = "Exceeds transaction limit";
/// `canSponsor` reason: the daily window would exceed `maxPerDay`.
pub const REASON_EXCEEDS_DAILY_LIMIT: &str = "Exceeds daily limit";
/// `canSponsor` reason: the 30-day window would exceed `maxPerMonth`.
pub const REASON_EXCEEDS_MONTHLY_LIMIT: &str = "Exceeds monthly limit";
/// `canSponsor` reason: the paymaster holds less ETH than `amount`.
pub const REASON_INSUFFICIENT_BALANCE: &str = "Insufficient paymaster balance";

/// The answer of `canSponsor(merchant, amount)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SponsorshipDecision {
    /// Whether `executeSponsorship` would succeed (barring the transfer itself failing).
    pub sponsorable: bool,
    /// One of the `REASON_*` strings, exactly as the contract returns it; `""` when sponsorable.
    pub reason: &'static str,
}

/// Reproduces `canSponsor` for `merchant` on `tier` at time `now` (Unix seconds), for `amount`
/// wei with the paymaster holding `balance` wei.
///
/// Checks in the contract's order: active merchant, active tier, per-transaction limit, daily
/// window, 30-day window, balance. Expired windows count as spent 0 (nothing is written).
pub fn can_sponsor(
    tier: &Tier,
    merchant: &MerchantState,
    now: u64,
    amount: U256,
    balance: U256,
) -> SponsorshipDecision {
    let reason = if !merchant.active {
        REASON_NOT_SPONSORED
    } else if !tier.active {
        REASON_TIER_NOT_ACTIVE
    } else if amount > tier.max_per_transaction {
        REASON_EXCEEDS_TRANSACTION_LIMIT
    } else if exceeds(merchant.spent_today_at(now), amount, tier.max_per_day) {
        REASON_EXCEEDS_DAILY_LIMIT
    } else if exceeds(merchant.spent_this_month_at(now), amount, tier.max_per_month) {
        REASON_EXCEEDS_MONTHLY_LIMIT
    } else if balance < amount {
        REASON_INSUFFICIENT_BALANCE
    } else {
        ""
    };
    SponsorshipDecision { sponsorable: reason.is_empty(), reason }
}

/// A custom error `executeSponsorship` reverts with (reference §2.7 steps 2–9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SponsorshipRevert {
    /// `NotSponsored()`.
    NotSponsored,
    /// `TierNotActive()`.
    TierNotActive,
    /// `ExceedsTransactionLimit(requested, max)`.
    ExceedsTransactionLimit {
        /// The amount asked for.
        requested: U256,
        /// The tier's `maxPerTransaction`.
        max: U256,
    },
    /// `ExceedsDailyLimit(requested, remaining)`. `remaining` saturates at 0 in the new contract;
    /// the old one reverted `Panic(0x11)` instead when the spend exceeded a lowered limit.
    ExceedsDailyLimit {
        /// The amount asked for.
        requested: U256,
        /// `maxPerDay − spentToday`, at least 0.
        remaining: U256,
    },
    /// `ExceedsMonthlyLimit(requested, remaining)`, `remaining` saturating like the daily one.
    ExceedsMonthlyLimit {
        /// The amount asked for.
        requested: U256,
        /// `maxPerMonth − spentThisMonth`, at least 0.
        remaining: U256,
    },
    /// `InsufficientBalance()`.
    InsufficientBalance,
}

impl SponsorshipRevert {
    /// The same error as the sol!-generated contract error.
    pub fn to_contract_error(&self) -> ISetPaymaster::ISetPaymasterErrors {
        use ISetPaymaster::ISetPaymasterErrors as E;
        match *self {
            SponsorshipRevert::NotSponsored => E::NotSponsored(ISetPaymaster::NotSponsored {}),
            SponsorshipRevert::TierNotActive => E::TierNotActive(ISetPaymaster::TierNotActive {}),
            SponsorshipRevert::ExceedsTransactionLimit { requested, max } => {
                E::ExceedsTransactionLimit(ISetPaymaster::ExceedsTransactionLimit { requested, max })
            }
            SponsorshipRevert::ExceedsDailyLimit { requested, remaining } => {
                E::ExceedsDailyLimit(ISetPaymaster::ExceedsDailyLimit { requested, remaining })
            }
            SponsorshipRevert::ExceedsMonthlyLimit { requested, remaining } => {
                E::ExceedsMonthlyLimit(ISetPaymaster::ExceedsMonthlyLimit { requested, remaining })
            }
            SponsorshipRevert::InsufficientBalance => E::InsufficientBalance(ISetPaymaster::InsufficientBalance {}),
        }
    }

    /// The revert data the contract returns for this error (selector ‖ arguments).
    pub fn revert_data(&self) -> Vec<u8> {
        self.to_contract_error().abi_encode()
    }

    /// The language-neutral form (`{"name": "ExceedsDailyLimit", …}`).
    pub fn decoded(&self) -> DecodedAbi {
        error_decoded(&self.to_contract_error())
    }
}

/// Reproduces `executeSponsorship(merchant, amount, _)` on the merchant's record: steps 2–10 of
/// reference §2.7 (checks, window resets, limit checks, counter updates), returning the record
/// after the call, or the custom error it reverts with (the record is then unchanged, resets
/// included, because the whole transaction reverts).
///
/// The daily window is reset (spent 0, stamp `now`) before the daily check and the 30-day window
/// before the monthly check, each only when expired. `amount = 0` succeeds like on-chain.
///
/// # Errors
/// The [`SponsorshipRevert`] the contract raises. Its `remaining` arguments saturate at 0 (new
/// contract); the old contract panicked with `0x11` in that case.
pub fn execute_sponsorship(
    tier: &Tier,
    merchant: &MerchantState,
    now: u64,
    amount: U256,
    balance: U256,
) -> Result<MerchantState, SponsorshipRevert> {
    if !merchant.active {
        return Err(SponsorshipRevert::NotSponsored);
    }
    if !tier.active {
        return Err(SponsorshipRevert::TierNotActive);
    }
    if amount > tier.max_per_transaction {
        return Err(SponsorshipRevert::ExceedsTransactionLimit { requested: amount, max: tier.max_per_transaction });
    }
    let mut after = *merchant;
    if window_expired(after.last_day_reset, now, DAY_SECONDS) {
        after.spent_today = U256::ZERO;
        after.last_day_reset = now;
    }
    if exceeds(after.spent_today, amount, tier.max_per_day) {
        return Err(SponsorshipRevert::ExceedsDailyLimit {
            requested: amount,
            remaining: tier.max_per_day.saturating_sub(after.spent_today),
        });
    }
    if window_expired(after.last_month_reset, now, MONTH_SECONDS) {
        after.spent_this_month = U256::ZERO;
        after.last_month_reset = now;
    }
    if exceeds(after.spent_this_month, amount, tier.max_per_month) {
        return Err(SponsorshipRevert::ExceedsMonthlyLimit {
            requested: amount,
            remaining: tier.max_per_month.saturating_sub(after.spent_this_month),
        });
    }
    if balance < amount {
        return Err(SponsorshipRevert::InsufficientBalance);
    }
    // The limit checks above bound both window sums; saturation only guards the lifetime total.
    after.spent_today = after.spent_today.saturating_add(amount);
    after.spent_this_month = after.spent_this_month.saturating_add(amount);
    after.total_sponsored = after.total_sponsored.saturating_add(amount);
    Ok(after)
}

/// Reproduces `getRemainingDailyAllowance`: 0 for an inactive merchant, otherwise
/// `max(0, maxPerDay − spent today)` with an expired window counting as 0. Ignores whether the
/// tier is active, like the contract.
pub fn remaining_daily_allowance(tier: &Tier, merchant: &MerchantState, now: u64) -> U256 {
    if !merchant.active {
        return U256::ZERO;
    }
    tier.max_per_day.saturating_sub(merchant.spent_today_at(now))
}

// ---------------------------------------------------------------------------------------------
// Writes: calldata encoders
// ---------------------------------------------------------------------------------------------

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

impl ISetPaymaster::ISetPaymasterCalls {
    /// The language-neutral form: function name, signature and named arguments.
    pub fn decoded(&self) -> DecodedAbi {
        call_decoded(self)
    }
}

/// Decodes calldata of any SetPaymaster function.
///
/// # Errors
/// [`AbiError::TooShort`] under 4 bytes, [`AbiError::UnknownSelector`],
/// [`AbiError::Truncated`] / [`AbiError::Invalid`] for bad argument encoding.
pub fn decode_call(calldata: &[u8]) -> Result<PaymasterCall, PaymasterError> {
    decode_interface::<PaymasterCall>("calldata", calldata).map_err(PaymasterError::Abi)
}

// ---------------------------------------------------------------------------------------------
// Views: call encoders and return decoders
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Logs and reverts
// ---------------------------------------------------------------------------------------------

/// A decoded SetPaymaster log (the sol!-generated enum: one typed variant per event of
/// reference §2.11, OpenZeppelin parents included).
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

/// Decoded SetPaymaster revert data.
#[derive(Debug, Clone, PartialEq, Eq)]
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
            PaymasterRevert::Custom(error) => error_decoded(error),
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

impl ISetPaymaster::ISetPaymasterErrors {
    /// The language-neutral form: error name, signature and named arguments.
    pub fn decoded(&self) -> DecodedAbi {
        error_decoded(self)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{check_pins, tuple_type};
    use alloy_primitives::{address, keccak256};
    use alloy_sol_types::{SolEvent, SolEventInterface};
    use proptest::prelude::*;

    macro_rules! call_pin {
        ($ty:ident, $sig:literal, $hex:literal) => {
            ($sig, $hex, <ISetPaymaster::$ty as SolCall>::SIGNATURE, &<ISetPaymaster::$ty as SolCall>::SELECTOR[..])
        };
    }
    macro_rules! error_pin {
        ($ty:ident, $sig:literal, $hex:literal) => {
            ($sig, $hex, <ISetPaymaster::$ty as SolError>::SIGNATURE, &<ISetPaymaster::$ty as SolError>::SELECTOR[..])
        };
    }
    macro_rules! event_pin {
        ($ty:ident, $sig:literal, $hex:literal) => {
            (
                $sig,
                $hex,
                <ISetPaymaster::$ty as SolEvent>::SIGNATURE,
                <ISetPaymaster::$ty as SolEvent>::SIGNATURE_HASH.as_slice(),
            )
        };
    }

    #[test]
    fn pins_every_function_selector_of_the_reference() {
        let rows = [
            call_pin!(initializeCall, "initialize(address,address)", "0x485cc955"),
            call_pin!(createTierCall, "createTier(string,uint256,uint256,uint256)", "0xf6f95ae2"),
            call_pin!(updateTierCall, "updateTier(uint256,uint256,uint256,uint256)", "0xaef8356c"),
            call_pin!(setTierActiveCall, "setTierActive(uint256,bool)", "0x8422abc0"),
            call_pin!(setOperatorCall, "setOperator(address,bool)", "0x558a7297"),
            call_pin!(setTreasuryCall, "setTreasury(address)", "0xf0f44260"),
            call_pin!(setMinDepositCall, "setMinDeposit(uint256)", "0x8fcc9cfb"),
            call_pin!(sponsorMerchantCall, "sponsorMerchant(address,uint256)", "0x02047477"),
            call_pin!(revokeMerchantCall, "revokeMerchant(address)", "0x819a701c"),
            call_pin!(canSponsorCall, "canSponsor(address,uint256)", "0x7b03ed40"),
            call_pin!(executeSponsorshipCall, "executeSponsorship(address,uint256,uint8)", "0x6f003ea5"),
            call_pin!(refundUnusedGasCall, "refundUnusedGas(address,uint256)", "0xaa62b0a4"),
            call_pin!(depositCall, "deposit()", "0xd0e30db0"),
            call_pin!(withdrawCall, "withdraw(uint256)", "0x2e1a7d4d"),
            call_pin!(balanceCall, "balance()", "0xb69ef8a8"),
            call_pin!(getRemainingDailyAllowanceCall, "getRemainingDailyAllowance(address)", "0x1b583f90"),
            call_pin!(getMerchantDetailsCall, "getMerchantDetails(address)", "0x4e6cdee4"),
            call_pin!(batchSponsorMerchantsCall, "batchSponsorMerchants(address[],uint256[])", "0xc03bc09c"),
            call_pin!(batchRevokeMerchantsCall, "batchRevokeMerchants(address[])", "0xb130d941"),
            call_pin!(
                batchExecuteSponsorshipCall,
                "batchExecuteSponsorship(address[],uint256[],uint8[])",
                "0xf19ed7f6"
            ),
            call_pin!(batchRefundUnusedGasCall, "batchRefundUnusedGas(address[],uint256[])", "0xe77b33cb"),
            call_pin!(batchGetMerchantStatusCall, "batchGetMerchantStatus(address[])", "0x30462e8d"),
            call_pin!(batchCanSponsorCall, "batchCanSponsor(address[],uint256[])", "0x8770f1da"),
            call_pin!(batchGetRemainingDailyAllowanceCall, "batchGetRemainingDailyAllowance(address[])", "0xba90ac07"),
            call_pin!(batchGetMerchantDetailsCall, "batchGetMerchantDetails(address[])", "0x0803b2ae"),
            call_pin!(batchUpdateMerchantTierCall, "batchUpdateMerchantTier(address[],uint256)", "0xffcbc64a"),
            call_pin!(getPaymasterStatusCall, "getPaymasterStatus()", "0xd133281d"),
            call_pin!(getAllTiersCall, "getAllTiers()", "0x6471af83"),
            call_pin!(tiersCall, "tiers(uint256)", "0x039af9eb"),
            call_pin!(nextTierIdCall, "nextTierId()", "0x0594fd04"),
            call_pin!(merchantSponsorshipCall, "merchantSponsorship(address)", "0xeeda3ef7"),
            call_pin!(totalGasSponsoredCall, "totalGasSponsored()", "0xe0f6dfca"),
            call_pin!(treasuryCall, "treasury()", "0x61d027b3"),
            call_pin!(minDepositCall, "minDeposit()", "0x41b3d185"),
            call_pin!(operatorsCall, "operators(address)", "0x13e7c9d8"),
            call_pin!(MAX_BATCH_SIZECall, "MAX_BATCH_SIZE()", "0xcfdbf254"),
            // Inherited (same selectors as the registry's OZ rows, reference §1.6).
            call_pin!(ownerCall, "owner()", "0x8da5cb5b"),
            call_pin!(transferOwnershipCall, "transferOwnership(address)", "0xf2fde38b"),
            call_pin!(renounceOwnershipCall, "renounceOwnership()", "0x715018a6"),
            call_pin!(upgradeToAndCallCall, "upgradeToAndCall(address,bytes)", "0x4f1ef286"),
            call_pin!(proxiableUUIDCall, "proxiableUUID()", "0x52d1902d"),
            call_pin!(UPGRADE_INTERFACE_VERSIONCall, "UPGRADE_INTERFACE_VERSION()", "0xad3cb1cc"),
        ];
        check_pins(&rows);
        assert_eq!(rows.len(), PaymasterCall::COUNT, "every function is pinned");
    }

    #[test]
    fn pins_every_error_selector_of_the_reference() {
        let rows = [
            error_pin!(NotSponsored, "NotSponsored()", "0xa3624f65"),
            error_pin!(TierNotActive, "TierNotActive()", "0x402b7a26"),
            error_pin!(ExceedsTransactionLimit, "ExceedsTransactionLimit(uint256,uint256)", "0x6ff82ea3"),
            error_pin!(ExceedsDailyLimit, "ExceedsDailyLimit(uint256,uint256)", "0x473a3226"),
            error_pin!(ExceedsMonthlyLimit, "ExceedsMonthlyLimit(uint256,uint256)", "0xf3e2d50a"),
            error_pin!(InsufficientBalance, "InsufficientBalance()", "0xf4d678b8"),
            error_pin!(NotOperator, "NotOperator()", "0x7c214f04"),
            error_pin!(InvalidTier, "InvalidTier()", "0xe1423617"),
            error_pin!(InvalidTierLimits, "InvalidTierLimits()", "0xd7701950"),
            error_pin!(InvalidAddress, "InvalidAddress()", "0xe6c4247b"),
            error_pin!(ArrayLengthMismatch, "ArrayLengthMismatch()", "0xa24a13a6"),
            error_pin!(BatchTooLarge, "BatchTooLarge()", "0x0b7d62e2"),
            error_pin!(EmptyArray, "EmptyArray()", "0x521299a9"),
            error_pin!(TransferFailed, "TransferFailed()", "0x90b8ec18"),
            error_pin!(BelowMinimumDeposit, "BelowMinimumDeposit(uint256,uint256)", "0x1e2be211"),
            error_pin!(WithdrawFailed, "WithdrawFailed()", "0x750b219c"),
            error_pin!(InvalidRefundAmount, "InvalidRefundAmount()", "0x16365d5f"),
            error_pin!(RefundValueMismatch, "RefundValueMismatch(uint256,uint256)", "0x3a486095"),
            error_pin!(RefundExceedsSponsored, "RefundExceedsSponsored(uint256,uint256)", "0xd6b7c2b2"),
            // OpenZeppelin parents (selectors from reference §1.5).
            error_pin!(OwnableUnauthorizedAccount, "OwnableUnauthorizedAccount(address)", "0x118cdaa7"),
            error_pin!(OwnableInvalidOwner, "OwnableInvalidOwner(address)", "0x1e4fbdf7"),
            error_pin!(InvalidInitialization, "InvalidInitialization()", "0xf92ee8a9"),
            error_pin!(NotInitializing, "NotInitializing()", "0xd7e6bcf8"),
            error_pin!(ReentrancyGuardReentrantCall, "ReentrancyGuardReentrantCall()", "0x3ee5aeb5"),
            error_pin!(UUPSUnauthorizedCallContext, "UUPSUnauthorizedCallContext()", "0xe07c8dba"),
            error_pin!(UUPSUnsupportedProxiableUUID, "UUPSUnsupportedProxiableUUID(bytes32)", "0xaa1d49a4"),
            error_pin!(ERC1967InvalidImplementation, "ERC1967InvalidImplementation(address)", "0x4c9c8ce3"),
            error_pin!(ERC1967NonPayable, "ERC1967NonPayable()", "0xb398979f"),
        ];
        check_pins(&rows);
        assert_eq!(rows.len(), ISetPaymaster::ISetPaymasterErrors::COUNT, "every error is pinned");
    }

    #[test]
    fn pins_every_event_topic0_of_the_reference() {
        let rows = [
            event_pin!(
                TierCreated,
                "TierCreated(uint256,string,uint256,uint256)",
                "0x0655289c4d9d7c45c2b83b18a45e3ce05f40710e413db2117ee045e2ab12cab2"
            ),
            event_pin!(
                TierUpdated,
                "TierUpdated(uint256,uint256,uint256)",
                "0x2702951ec468d8fb7c1501e01af87b4bd50cda65a20463fc38ee59b954a777b0"
            ),
            event_pin!(
                TierStatusUpdated,
                "TierStatusUpdated(uint256,bool)",
                "0x2df1b71ce90a262ee59e0664d1738fc1066db1518d04b64cda13d23eccc8d214"
            ),
            event_pin!(
                MerchantSponsored,
                "MerchantSponsored(address,uint256)",
                "0x3e8fda488d3393149d5f450b2c2c3c07e1c0715419c8bb1e21b645c0d04c7475"
            ),
            event_pin!(
                MerchantRevoked,
                "MerchantRevoked(address)",
                "0x1bc5b06af60efc2e1bf6905dcc4fa4bb9153c3a9b61a0aa9568c573cbe01076b"
            ),
            event_pin!(
                GasSponsored,
                "GasSponsored(address,uint256,uint8)",
                "0x3c5e8d9be1c0fff5d7bacdfcf3543f199abb043157416d665da09cc0b209573a"
            ),
            event_pin!(
                GasRefunded,
                "GasRefunded(address,uint256)",
                "0x667ad9c7167aea9bfcff8b321015abb0d8b77cf151a377e09e12b9017f9889fd"
            ),
            event_pin!(
                Deposited,
                "Deposited(address,uint256)",
                "0x2da466a7b24304f47e87fa2e1e5a81b9831ce54fec19055ce277ca2f39ba42c4"
            ),
            event_pin!(
                Withdrawn,
                "Withdrawn(address,uint256)",
                "0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5"
            ),
            event_pin!(
                OperatorUpdated,
                "OperatorUpdated(address,bool)",
                "0x966c160e1c4dbc7df8d69af4ace01e9297c3cf016397b7914971f2fbfa32672d"
            ),
            event_pin!(
                MinDepositUpdated,
                "MinDepositUpdated(uint256)",
                "0x96a008f96f1c0ab9fa3d9ddd43cdfc614848c4d054d51f43662ed900e9d094c8"
            ),
            event_pin!(
                BatchSponsorshipCompleted,
                "BatchSponsorshipCompleted(uint256,uint256,uint256)",
                "0x0dddffe575b4f16a5066eb5224448852a8a5efa535a9666ff40ce166f5930614"
            ),
            event_pin!(
                BatchSponsorshipFailed,
                "BatchSponsorshipFailed(address,string)",
                "0x6e72b8e9b57f7c6e2e5b520441f8b5b30c32186bf5bf80d54191dce22c6f476f"
            ),
            event_pin!(
                ContractUpgraded,
                "ContractUpgraded(address,address)",
                "0x2e4cc16c100f0b55e2df82ab0b1a7e294aa9cbd01b48fbaf622683fbc0507a49"
            ),
            // OpenZeppelin parents (topics from reference §1.4).
            event_pin!(
                Initialized,
                "Initialized(uint64)",
                "0xc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d2"
            ),
            event_pin!(
                OwnershipTransferred,
                "OwnershipTransferred(address,address)",
                "0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0"
            ),
            event_pin!(
                Upgraded,
                "Upgraded(address)",
                "0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b"
            ),
        ];
        check_pins(&rows);
        assert_eq!(rows.len(), PaymasterEvent::COUNT, "every event is pinned");
        // Indexing as in §2.11; topic counts include topic0.
        for (topic0, count) in [
            (ISetPaymaster::TierCreated::SIGNATURE_HASH, 2),
            (ISetPaymaster::GasSponsored::SIGNATURE_HASH, 2),
            (ISetPaymaster::MinDepositUpdated::SIGNATURE_HASH, 1),
            (ISetPaymaster::BatchSponsorshipCompleted::SIGNATURE_HASH, 1),
            (ISetPaymaster::ContractUpgraded::SIGNATURE_HASH, 3),
        ] {
            assert_eq!(event_shape(&topic0).map(|shape| shape.1), Some(count));
        }
    }

    #[test]
    fn decoded_form_lists_fields_in_signature_order() {
        for (signature, decoded) in every_item_from_default() {
            let name = signature.split('(').next().unwrap();
            assert_eq!(format!("{name}{}", tuple_type(&decoded.args)), signature);
        }
        for (tuple_name, decoded) in every_return_from_default() {
            assert!(decoded.signature.ends_with(&format!(" returns {tuple_name}")), "{}", decoded.signature);
        }
    }

    #[test]
    fn operation_types_have_the_contract_ordinals_and_names() {
        let expected = [
            "ORDER_CREATE",
            "ORDER_UPDATE",
            "PAYMENT_PROCESS",
            "INVENTORY_UPDATE",
            "RETURN_PROCESS",
            "COMMITMENT_ANCHOR",
            "OTHER",
        ];
        for (ordinal, operation) in OperationType::ALL.iter().enumerate() {
            assert_eq!(usize::from(operation.ordinal()), ordinal);
            assert_eq!(operation.name(), expected[ordinal]);
            assert_eq!(OperationType::try_from(operation.ordinal()).unwrap(), *operation);
            assert_eq!(u8::from(*operation), operation.ordinal());
        }
        for value in [7u8, 8, 255] {
            let err = OperationType::try_from(value).unwrap_err();
            assert_eq!(err, PaymasterError::InvalidOperationType { value });
            assert_eq!(err.code(), "INVALID_OPERATION_TYPE");
        }
    }

    fn ether_milli(milli: u64) -> U256 {
        U256::from(milli) * U256::from(1_000_000_000_000_000u64)
    }

    #[test]
    fn default_tiers_match_the_reference_wei_values() {
        let tiers = default_tiers();
        let rows = [("Starter", 1, 10, 100), ("Growth", 5, 50, 500), ("Enterprise", 10, 100, 1000)];
        assert_eq!(tiers.len(), 3);
        for (tier, (name, per_tx, per_day, per_month)) in tiers.iter().zip(rows) {
            assert_eq!(tier.name, name);
            assert_eq!(tier.max_per_transaction, ether_milli(per_tx));
            assert_eq!(tier.max_per_day, ether_milli(per_day));
            assert_eq!(tier.max_per_month, ether_milli(per_month));
            assert!(tier.active);
            assert!(tier_limits_valid(tier.max_per_transaction, tier.max_per_day, tier.max_per_month));
        }
        assert_eq!(tiers[2].max_per_month.to_string(), "1000000000000000000");
        assert_eq!(MIN_DEPOSIT_WEI, ether_milli(10));
        assert_eq!(MAX_BATCH_SIZE, 100);
        assert_eq!(DAY_SECONDS, 86_400);
        assert_eq!(MONTH_SECONDS, 30 * DAY_SECONDS);
        assert!(!tier_limits_valid(U256::from(2), U256::from(1), U256::from(3)));
        assert!(!tier_limits_valid(U256::ZERO, U256::ZERO, U256::from(u128::MAX) + U256::from(1)));
    }

    const T0: u64 = 1_700_000_000;

    fn starter() -> Tier {
        default_tiers().swap_remove(0)
    }

    fn fresh() -> MerchantState {
        MerchantState::sponsored(U256::ZERO, T0)
    }

    fn plenty() -> U256 {
        ether_milli(10_000)
    }

    #[test]
    fn can_sponsor_reaches_every_reason_in_order() {
        let tier = starter();
        let amount = ether_milli(1);
        let ok = can_sponsor(&tier, &fresh(), T0, amount, plenty());
        assert_eq!(ok, SponsorshipDecision { sponsorable: true, reason: "" });

        let revoked = MerchantState { active: false, ..fresh() };
        // Not sponsored wins over every later failure.
        let inactive_tier = Tier { active: false, ..tier.clone() };
        assert_eq!(can_sponsor(&inactive_tier, &revoked, T0, ether_milli(99), U256::ZERO).reason, "Not sponsored");
        assert_eq!(can_sponsor(&inactive_tier, &fresh(), T0, ether_milli(99), U256::ZERO).reason, "Tier not active");
        assert_eq!(can_sponsor(&tier, &fresh(), T0, ether_milli(2), U256::ZERO).reason, "Exceeds transaction limit");
        let spent_day = MerchantState { spent_today: ether_milli(10), spent_this_month: ether_milli(100), ..fresh() };
        assert_eq!(can_sponsor(&tier, &spent_day, T0, amount, U256::ZERO).reason, "Exceeds daily limit");
        let spent_month = MerchantState { spent_this_month: ether_milli(100), ..fresh() };
        assert_eq!(can_sponsor(&tier, &spent_month, T0, amount, U256::ZERO).reason, "Exceeds monthly limit");
        let decision = can_sponsor(&tier, &fresh(), T0, amount, amount - U256::from(1));
        assert_eq!(decision, SponsorshipDecision { sponsorable: false, reason: "Insufficient paymaster balance" });
        // Exactly at the limits is allowed.
        let at_limit = MerchantState { spent_today: ether_milli(9), spent_this_month: ether_milli(99), ..fresh() };
        assert!(can_sponsor(&tier, &at_limit, T0, amount, amount).sponsorable);
    }

    #[test]
    fn windows_expire_exactly_at_their_length() {
        let tier = starter();
        let amount = ether_milli(1);
        let spent = MerchantState { spent_today: ether_milli(10), spent_this_month: ether_milli(50), ..fresh() };
        assert_eq!(can_sponsor(&tier, &spent, T0 + DAY_SECONDS - 1, amount, plenty()).reason, "Exceeds daily limit");
        assert!(can_sponsor(&tier, &spent, T0 + DAY_SECONDS, amount, plenty()).sponsorable);

        let after = execute_sponsorship(&tier, &spent, T0 + DAY_SECONDS, amount, plenty()).unwrap();
        assert_eq!(after.spent_today, amount);
        assert_eq!(after.last_day_reset, T0 + DAY_SECONDS);
        assert_eq!(after.spent_this_month, ether_milli(51));
        assert_eq!(after.last_month_reset, T0, "the 30-day window is untouched");
        assert_eq!(after.total_sponsored, amount);

        let month = MerchantState { spent_this_month: ether_milli(100), ..fresh() };
        assert_eq!(
            can_sponsor(&tier, &month, T0 + MONTH_SECONDS - 1, amount, plenty()).reason,
            "Exceeds monthly limit"
        );
        assert!(can_sponsor(&tier, &month, T0 + MONTH_SECONDS, amount, plenty()).sponsorable);
        let after = execute_sponsorship(&tier, &month, T0 + MONTH_SECONDS, amount, plenty()).unwrap();
        assert_eq!((after.spent_this_month, after.last_month_reset), (amount, T0 + MONTH_SECONDS));
        // The daily window (also expired at that point) reset too.
        assert_eq!(after.last_day_reset, T0 + MONTH_SECONDS);
    }

    #[test]
    fn a_reset_stamp_in_the_future_is_not_an_expired_window() {
        let tier = starter();
        let spent = MerchantState { spent_today: ether_milli(10), ..fresh() };
        let before = T0 - 5 * MONTH_SECONDS;
        assert_eq!(can_sponsor(&tier, &spent, before, ether_milli(1), plenty()).reason, "Exceeds daily limit");
        assert_eq!(spent.spent_today_at(before), ether_milli(10));
        assert_eq!(remaining_daily_allowance(&tier, &spent, before), U256::ZERO);
        assert!(execute_sponsorship(&tier, &fresh(), 0, ether_milli(1), plenty()).is_ok());
    }

    #[test]
    fn a_lowered_tier_saturates_remaining_instead_of_panicking() {
        let lowered = Tier { max_per_day: ether_milli(5), max_per_month: ether_milli(8), ..starter() };
        let spent = MerchantState { spent_today: ether_milli(7), spent_this_month: ether_milli(7), ..fresh() };
        let err = execute_sponsorship(&lowered, &spent, T0, ether_milli(1), plenty()).unwrap_err();
        assert_eq!(err, SponsorshipRevert::ExceedsDailyLimit { requested: ether_milli(1), remaining: U256::ZERO });
        assert_eq!(can_sponsor(&lowered, &spent, T0, ether_milli(1), plenty()).reason, "Exceeds daily limit");
        assert_eq!(remaining_daily_allowance(&lowered, &spent, T0), U256::ZERO);

        let month = MerchantState { spent_this_month: ether_milli(9), ..fresh() };
        let err = execute_sponsorship(&lowered, &month, T0, ether_milli(1), plenty()).unwrap_err();
        assert_eq!(err, SponsorshipRevert::ExceedsMonthlyLimit { requested: ether_milli(1), remaining: U256::ZERO });
        assert_eq!(err.decoded().to_json()["args"]["remaining"], "0");
    }

    #[test]
    fn execute_reports_each_contract_error_with_arguments() {
        let tier = starter();
        let revoked = MerchantState { active: false, ..fresh() };
        assert_eq!(
            execute_sponsorship(&tier, &revoked, T0, U256::ZERO, plenty()),
            Err(SponsorshipRevert::NotSponsored)
        );
        let off = Tier { active: false, ..tier.clone() };
        assert_eq!(
            execute_sponsorship(&off, &fresh(), T0, U256::ZERO, plenty()),
            Err(SponsorshipRevert::TierNotActive)
        );
        assert_eq!(
            execute_sponsorship(&tier, &fresh(), T0, ether_milli(2), plenty()),
            Err(SponsorshipRevert::ExceedsTransactionLimit { requested: ether_milli(2), max: ether_milli(1) })
        );
        let day = MerchantState { spent_today: ether_milli(9) + U256::from(1), ..fresh() };
        assert_eq!(
            execute_sponsorship(&tier, &day, T0, ether_milli(1), plenty()),
            Err(SponsorshipRevert::ExceedsDailyLimit {
                requested: ether_milli(1),
                remaining: ether_milli(1) - U256::from(1)
            })
        );
        let month = MerchantState { spent_this_month: ether_milli(99) + U256::from(1), ..fresh() };
        assert_eq!(
            execute_sponsorship(&tier, &month, T0, ether_milli(1), plenty()),
            Err(SponsorshipRevert::ExceedsMonthlyLimit {
                requested: ether_milli(1),
                remaining: ether_milli(1) - U256::from(1)
            })
        );
        assert_eq!(
            execute_sponsorship(&tier, &fresh(), T0, ether_milli(1), U256::ZERO),
            Err(SponsorshipRevert::InsufficientBalance)
        );
        // Ten sponsorships of 0.001 fill Starter's day; the eleventh reports remaining 0 (§3.4).
        let mut state = fresh();
        for _ in 0..10 {
            state = execute_sponsorship(&tier, &state, T0, ether_milli(1), plenty()).unwrap();
        }
        assert_eq!(state.spent_today, ether_milli(10));
        assert_eq!(
            execute_sponsorship(&tier, &state, T0, ether_milli(1), plenty()),
            Err(SponsorshipRevert::ExceedsDailyLimit { requested: ether_milli(1), remaining: U256::ZERO })
        );
    }

    #[test]
    fn zero_amount_is_sponsorable_and_changes_nothing() {
        let tier = starter();
        assert!(can_sponsor(&tier, &fresh(), T0, U256::ZERO, U256::ZERO).sponsorable);
        assert_eq!(execute_sponsorship(&tier, &fresh(), T0, U256::ZERO, U256::ZERO), Ok(fresh()));
        assert_eq!(remaining_daily_allowance(&tier, &fresh(), T0), ether_milli(10));
        assert_eq!(remaining_daily_allowance(&tier, &MerchantState::default(), T0), U256::ZERO);
    }

    #[test]
    fn sponsorship_reverts_round_trip_through_revert_data() {
        let cases = [
            SponsorshipRevert::NotSponsored,
            SponsorshipRevert::TierNotActive,
            SponsorshipRevert::ExceedsTransactionLimit { requested: U256::from(2), max: U256::from(1) },
            SponsorshipRevert::ExceedsDailyLimit { requested: U256::from(3), remaining: U256::ZERO },
            SponsorshipRevert::ExceedsMonthlyLimit { requested: U256::from(4), remaining: U256::from(1) },
            SponsorshipRevert::InsufficientBalance,
        ];
        for case in cases {
            let revert = decode_revert(&case.revert_data()).unwrap();
            assert_eq!(revert.as_sponsorship_revert(), Some(case));
            assert_eq!(revert.decoded(), case.decoded());
        }
        let daily = decode_hex_bytes(
            "0x473a3226\
             00000000000000000000000000000000000000000000000000038d7ea4c68000\
             0000000000000000000000000000000000000000000000000000000000000000",
        );
        assert_eq!(
            decode_revert(&daily).unwrap().decoded().to_json(),
            serde_json::json!({"name": "ExceedsDailyLimit", "signature": "ExceedsDailyLimit(uint256,uint256)", "args": {"requested": "1000000000000000", "remaining": "0"}})
        );
        let panic = decode_revert(&Panic::from(0x11).abi_encode()).unwrap();
        assert_eq!(panic, PaymasterRevert::Panic(Panic::from(0x11)));
        assert_eq!(panic.as_sponsorship_revert(), None);
        let reason = decode_revert(&Revert::from("nope").abi_encode()).unwrap();
        assert_eq!(reason.decoded().to_json()["args"]["reason"], "nope");
        let other = decode_revert(
            &ISetPaymaster::BelowMinimumDeposit { sent: U256::from(1), minimum: MIN_DEPOSIT_WEI }.abi_encode(),
        )
        .unwrap();
        assert_eq!(other.as_sponsorship_revert(), None);
        assert_eq!(other.decoded().to_json()["args"]["minimum"], "10000000000000000");
    }

    fn decode_hex_bytes(text: &str) -> Vec<u8> {
        crate::encoding::decode_hex("test", text).unwrap()
    }

    #[test]
    fn write_encoders_round_trip_through_decode_call() {
        let m = address!("00000000000000000000000000000000000000Cd");
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (encode_initialize(m, m), "initialize"),
            (encode_create_tier("Gold", U256::from(1), U256::from(2), U256::from(3)), "createTier"),
            (encode_update_tier(U256::from(3), U256::from(1), U256::from(2), U256::from(3)), "updateTier"),
            (encode_set_tier_active(U256::from(1), false), "setTierActive"),
            (encode_set_operator(m, true), "setOperator"),
            (encode_set_treasury(m), "setTreasury"),
            (encode_set_min_deposit(MIN_DEPOSIT_WEI), "setMinDeposit"),
            (encode_sponsor_merchant(m, U256::from(256)), "sponsorMerchant"),
            (encode_revoke_merchant(m), "revokeMerchant"),
            (encode_execute_sponsorship(m, U256::from(5), OperationType::CommitmentAnchor), "executeSponsorship"),
            (encode_refund_unused_gas(m, U256::from(5)), "refundUnusedGas"),
            (encode_deposit(), "deposit"),
            (encode_withdraw(U256::from(9)), "withdraw"),
            (encode_batch_sponsor_merchants(&[m, m], &[U256::ZERO, U256::from(1)]).unwrap(), "batchSponsorMerchants"),
            (encode_batch_revoke_merchants(&[m]), "batchRevokeMerchants"),
            (
                encode_batch_execute_sponsorship(&[m], &[U256::from(1)], &[OperationType::Other]).unwrap(),
                "batchExecuteSponsorship",
            ),
            (encode_batch_refund_unused_gas(&[m], &[U256::from(1)]).unwrap(), "batchRefundUnusedGas"),
            (encode_batch_update_merchant_tier(&[m], U256::from(2)), "batchUpdateMerchantTier"),
            (encode_transfer_ownership(m), "transferOwnership"),
            (encode_renounce_ownership(), "renounceOwnership"),
            (encode_upgrade_to_and_call(m, &[]), "upgradeToAndCall"),
            (encode_can_sponsor(m, U256::from(1)), "canSponsor"),
            (encode_get_remaining_daily_allowance(m), "getRemainingDailyAllowance"),
            (encode_tiers(U256::from(1)), "tiers"),
            (encode_merchant_sponsorship(m), "merchantSponsorship"),
            (encode_balance(), "balance"),
            (encode_get_merchant_details(m), "getMerchantDetails"),
            (encode_batch_can_sponsor(&[m], &[U256::from(1)]).unwrap(), "batchCanSponsor"),
            (encode_batch_get_merchant_status(&[m]), "batchGetMerchantStatus"),
            (encode_batch_get_remaining_daily_allowance(&[m]), "batchGetRemainingDailyAllowance"),
            (encode_batch_get_merchant_details(&[m]), "batchGetMerchantDetails"),
            (encode_get_paymaster_status(), "getPaymasterStatus"),
            (encode_get_all_tiers(), "getAllTiers"),
            (encode_next_tier_id(), "nextTierId"),
            (encode_total_gas_sponsored(), "totalGasSponsored"),
            (encode_treasury(), "treasury"),
            (encode_min_deposit(), "minDeposit"),
            (encode_operators(m), "operators"),
            (encode_max_batch_size(), "MAX_BATCH_SIZE"),
            (encode_owner(), "owner"),
            (encode_proxiable_uuid(), "proxiableUUID"),
            (encode_upgrade_interface_version(), "UPGRADE_INTERFACE_VERSION"),
        ];
        for (calldata, name) in cases {
            let call = decode_call(&calldata).unwrap();
            assert_eq!(call.decoded().name, name);
            assert_eq!(call.abi_encode(), calldata);
        }
        let calldata = encode_execute_sponsorship(m, U256::from(5), OperationType::PaymentProcess);
        assert_eq!(
            decode_execute_sponsorship(&calldata).unwrap(),
            ExecuteSponsorshipArgs { merchant: m, amount: U256::from(5), operation: OperationType::PaymentProcess }
        );
        let json = decode_call(&calldata).unwrap().decoded().to_json();
        assert_eq!(json["args"]["merchant"], "0x00000000000000000000000000000000000000cd");
        assert_eq!(json["args"]["operationType"], "2");
        let bad_operation =
            ISetPaymaster::executeSponsorshipCall { merchant: m, amount: U256::ZERO, operationType: 7 }.abi_encode();
        assert_eq!(
            decode_execute_sponsorship(&bad_operation).unwrap_err(),
            PaymasterError::InvalidOperationType { value: 7 }
        );
        let json = decode_call(&encode_create_tier("Gold", U256::from(1), U256::from(2), U256::from(3)))
            .unwrap()
            .decoded()
            .to_json();
        assert_eq!(json["args"]["name"], "Gold");
    }

    #[test]
    fn batch_encoders_reject_arrays_of_different_lengths() {
        let m = Address::ZERO;
        let err =
            encode_batch_execute_sponsorship(&[m, m], &[U256::ZERO, U256::ZERO], &[OperationType::Other]).unwrap_err();
        assert_eq!(err, PaymasterError::LengthMismatch { what: "operations", expected: 2, actual: 1 });
        assert_eq!(err.code(), "LENGTH_MISMATCH");
        assert!(encode_batch_sponsor_merchants(&[m], &[]).is_err());
        assert!(encode_batch_refund_unused_gas(&[], &[U256::ZERO]).is_err());
        assert!(encode_batch_can_sponsor(&[m], &[]).is_err());
    }

    #[test]
    fn view_returns_decode() {
        let data = ISetPaymaster::canSponsorCall::abi_encode_returns(&ISetPaymaster::canSponsorReturn {
            sponsorable: false,
            reason: "Exceeds daily limit".into(),
        });
        let onchain = decode_can_sponsor(&data).unwrap();
        let spent = MerchantState { spent_today: ether_milli(10), ..fresh() };
        assert_eq!(onchain, can_sponsor(&starter(), &spent, T0, ether_milli(1), plenty()));

        let tier = ISetPaymaster::tiersCall::abi_encode_returns(&ISetPaymaster::tiersReturn {
            name: "Starter".into(),
            maxPerTransaction: 1_000_000_000_000_000,
            maxPerDay: 10_000_000_000_000_000,
            maxPerMonth: 100_000_000_000_000_000,
            active: true,
        });
        assert_eq!(decode_tiers(&tier).unwrap(), starter());

        let record =
            ISetPaymaster::merchantSponsorshipCall::abi_encode_returns(&ISetPaymaster::merchantSponsorshipReturn {
                active: true,
                tierId: U256::from(300),
                lastDayReset: T0,
                lastMonthReset: T0 - 1,
                spentToday: 5,
                spentThisMonth: 6,
                totalSponsored: 7,
            });
        let state = decode_merchant_sponsorship(&record).unwrap();
        assert_eq!(state.tier_id, U256::from(300));
        assert_eq!(
            (state.spent_today, state.spent_this_month, state.total_sponsored),
            (U256::from(5), U256::from(6), U256::from(7))
        );
        let generic = decode_return(&encode_merchant_sponsorship(Address::ZERO), &record).unwrap();
        assert_eq!(generic.to_json()["args"]["tierId"], "300");

        let word = U256::from(42).to_be_bytes::<32>();
        assert_eq!(decode_balance(&word).unwrap(), U256::from(42));
        assert_eq!(decode_get_remaining_daily_allowance(&word).unwrap(), U256::from(42));
    }

    #[test]
    fn inverse_encoders_round_trip() {
        let data = encode_can_sponsor_return(false, REASON_EXCEEDS_MONTHLY_LIMIT);
        assert_eq!(
            decode_can_sponsor(&data).unwrap(),
            OnchainSponsorshipDecision { sponsorable: false, reason: REASON_EXCEEDS_MONTHLY_LIMIT.into() }
        );
        assert_eq!(decode_balance(&encode_balance_return(U256::MAX)).unwrap(), U256::MAX);
        let remaining = encode_get_remaining_daily_allowance_return(U256::from(3));
        assert_eq!(decode_get_remaining_daily_allowance(&remaining).unwrap(), U256::from(3));
        let event =
            PaymasterEvent::MerchantRevoked(ISetPaymaster::MerchantRevoked { merchant: Address::repeat_byte(2) });
        let log = event.to_log();
        assert_eq!(decode_log(&log.topics, &log.data).unwrap(), event);
        let revert = PaymasterRevert::Custom(SponsorshipRevert::InsufficientBalance.to_contract_error());
        assert_eq!(decode_revert(&revert.encode()).unwrap(), revert);
    }

    #[test]
    fn decodes_paymaster_logs() {
        let m = address!("00000000000000000000000000000000000000Ef");
        let sponsored = ISetPaymaster::GasSponsored { merchant: m, amount: ether_milli(1), operationType: 5 };
        let log = sponsored.encode_log_data();
        let decoded = decode_log(log.topics(), &log.data).unwrap();
        assert_eq!(decoded, PaymasterEvent::GasSponsored(sponsored));
        let json = decoded.decoded().to_json();
        assert_eq!(json["args"]["amount"], "1000000000000000");
        assert_eq!(json["args"]["merchant"], "0x00000000000000000000000000000000000000ef");

        let created = ISetPaymaster::TierCreated {
            tierId: U256::from(3),
            name: "Gold".into(),
            maxPerTx: U256::from(1),
            maxPerDay: U256::from(2),
        };
        let log = created.encode_log_data();
        assert_eq!(decode_log(log.topics(), &log.data).unwrap().decoded().to_json()["args"]["name"], "Gold");

        let failed = ISetPaymaster::BatchSponsorshipFailed { merchant: m, reason: "Exceeds tx limit".into() };
        let log = failed.encode_log_data();
        assert_eq!(decode_log(log.topics(), &log.data).unwrap(), PaymasterEvent::BatchSponsorshipFailed(failed));
    }

    #[test]
    fn bad_input_is_a_typed_error_never_a_panic() {
        let calldata = encode_execute_sponsorship(Address::ZERO, U256::from(1), OperationType::Other);
        assert!(matches!(decode_execute_sponsorship(&[]).unwrap_err(), PaymasterError::Abi(AbiError::TooShort { .. })));
        assert!(matches!(
            decode_execute_sponsorship(&calldata[..3]).unwrap_err(),
            PaymasterError::Abi(AbiError::TooShort { .. })
        ));
        assert!(matches!(
            decode_execute_sponsorship(&calldata[..calldata.len() - 1]).unwrap_err(),
            PaymasterError::Abi(AbiError::TooShort { expected_at_least: 100, actual: 99, .. })
        ));
        assert_eq!(decode_call(&[0xde, 0xad, 0xbe, 0xef]).unwrap_err().code(), "UNKNOWN_SELECTOR");
        let tier_call = encode_create_tier("Gold", U256::from(1), U256::from(2), U256::from(3));
        assert_eq!(decode_call(&tier_call[..tier_call.len() - 1]).unwrap_err().code(), "TRUNCATED");
        assert!(matches!(decode_revert(&[]).unwrap_err(), PaymasterError::Abi(AbiError::TooShort { .. })));
        assert_eq!(decode_revert(&[0xde, 0xad, 0xbe, 0xef]).unwrap_err().code(), "UNKNOWN_SELECTOR");
        let limit =
            SponsorshipRevert::ExceedsDailyLimit { requested: U256::from(1), remaining: U256::ZERO }.revert_data();
        assert_eq!(decode_revert(&limit[..limit.len() - 1]).unwrap_err().code(), "TRUNCATED");
        assert_eq!(decode_can_sponsor(&[]).unwrap_err().code(), "TRUNCATED");
        assert_eq!(decode_merchant_sponsorship(&[0u8; 223]).unwrap_err().code(), "TRUNCATED");

        let log = ISetPaymaster::GasSponsored::default().encode_log_data();
        assert!(matches!(decode_log(&[], &log.data).unwrap_err(), PaymasterError::Abi(AbiError::TooShort { .. })));
        assert!(matches!(
            decode_log(&log.topics()[..1], &log.data).unwrap_err(),
            PaymasterError::Abi(AbiError::TopicCount { expected: 2, actual: 1, .. })
        ));
        assert_eq!(decode_log(log.topics(), &log.data[..63]).unwrap_err().code(), "TRUNCATED");
        let foreign = [keccak256("Transfer(address,address,uint256)")];
        assert_eq!(decode_log(&foreign, &[]).unwrap_err().code(), "UNKNOWN_EVENT");
    }

    fn all_decoders(data: &[u8]) {
        let _ = decode_execute_sponsorship(data);
        let _ = decode_call(data).map(|call| call.decoded().to_json());
        let _ = decode_return(data, data).map(|d| d.to_json());
        let _ = decode_can_sponsor(data);
        let _ = decode_get_remaining_daily_allowance(data);
        let _ = decode_tiers(data);
        let _ = decode_merchant_sponsorship(data);
        let _ = decode_balance(data);
        let _ = decode_revert(data).map(|r| r.decoded().to_json());
    }

    fn u256_strategy() -> impl Strategy<Value = U256> {
        prop_oneof![
            (0u64..20).prop_map(ether_milli),
            any::<u64>().prop_map(U256::from),
            any::<[u8; 32]>().prop_map(U256::from_be_bytes),
        ]
    }

    proptest! {
        #[test]
        fn decoders_never_panic_on_random_bytes(data in proptest::collection::vec(any::<u8>(), 0..600)) {
            all_decoders(&data);
        }

        #[test]
        fn decoders_never_panic_on_known_selectors_with_random_tails(
            pick in 0usize..128,
            tail in proptest::collection::vec(any::<u8>(), 0..400),
        ) {
            let selectors: Vec<[u8; 4]> = PaymasterCall::selectors()
                .chain(ContractError::<ISetPaymaster::ISetPaymasterErrors>::selectors())
                .collect();
            let mut data = selectors[pick % selectors.len()].to_vec();
            data.extend_from_slice(&tail);
            all_decoders(&data);
            let _ = decode_return(&data[..4], &tail);
        }

        #[test]
        fn log_decoder_never_panics(
            topic_count in 0usize..5,
            known in any::<bool>(),
            seed in any::<[u8; 32]>(),
            data in proptest::collection::vec(any::<u8>(), 0..300),
        ) {
            let mut topics: Vec<B256> = (0..topic_count).map(|i| B256::repeat_byte(seed[i])).collect();
            if known && !topics.is_empty() {
                topics[0] = ISetPaymaster::TierCreated::SIGNATURE_HASH;
            }
            let _ = decode_log(&topics, &data).map(|event| event.decoded().to_json());
        }

        /// `canSponsor` says yes exactly when `executeSponsorship` succeeds, and its reason
        /// names the error the execution reverts with.
        #[test]
        fn can_sponsor_agrees_with_execute(
            merchant_active in any::<bool>(),
            tier_active in any::<bool>(),
            limits in (u256_strategy(), u256_strategy(), u256_strategy()),
            spent in (u256_strategy(), u256_strategy()),
            resets in (any::<u64>(), any::<u64>()),
            now in any::<u64>(),
            amount in u256_strategy(),
            balance in u256_strategy(),
        ) {
            let tier = Tier { name: "T".into(), max_per_transaction: limits.0, max_per_day: limits.1, max_per_month: limits.2, active: tier_active };
            let merchant = MerchantState {
                active: merchant_active,
                tier_id: U256::ZERO,
                last_day_reset: resets.0,
                last_month_reset: resets.1,
                spent_today: spent.0,
                spent_this_month: spent.1,
                total_sponsored: U256::MAX,
            };
            let decision = can_sponsor(&tier, &merchant, now, amount, balance);
            let outcome = execute_sponsorship(&tier, &merchant, now, amount, balance);
            let expected_reason = match outcome {
                Ok(_) => "",
                Err(SponsorshipRevert::NotSponsored) => REASON_NOT_SPONSORED,
                Err(SponsorshipRevert::TierNotActive) => REASON_TIER_NOT_ACTIVE,
                Err(SponsorshipRevert::ExceedsTransactionLimit { .. }) => REASON_EXCEEDS_TRANSACTION_LIMIT,
                Err(SponsorshipRevert::ExceedsDailyLimit { .. }) => REASON_EXCEEDS_DAILY_LIMIT,
                Err(SponsorshipRevert::ExceedsMonthlyLimit { .. }) => REASON_EXCEEDS_MONTHLY_LIMIT,
                Err(SponsorshipRevert::InsufficientBalance) => REASON_INSUFFICIENT_BALANCE,
            };
            prop_assert_eq!(decision.reason, expected_reason);
            prop_assert_eq!(decision.sponsorable, outcome.is_ok());
            let _ = remaining_daily_allowance(&tier, &merchant, now);
        }
    }
}
