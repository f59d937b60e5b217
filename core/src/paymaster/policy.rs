//! The sponsorship policy as pure functions: tiers, merchant records, the rolling spend windows,
//! and the decisions `canSponsor`, `executeSponsorship` and `getRemainingDailyAllowance` make.

use alloc::string::String;
use alloc::vec::Vec;

use alloy_primitives::U256;
use alloy_sol_types::SolInterface;

use super::interface::ISetPaymaster;
use crate::abi::DecodedAbi;

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

/// The three tiers `initialize` creates, ids 0, 1, 2 (written directly, without `TierCreated`
/// events).
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

/// One spend window `(spent, last reset)` as `executeSponsorship` enters it: reset (spent 0,
/// stamp `now`) once expired, then refused when `amount` does not fit under `limit`, with the
/// remaining allowance (saturating at 0) as the error.
fn enter_window(window: (&mut U256, &mut u64), now: u64, period: u64, amount: U256, limit: U256) -> Result<(), U256> {
    let (spent, last_reset) = window;
    if window_expired(*last_reset, now, period) {
        *spent = U256::ZERO;
        *last_reset = now;
    }
    if exceeds(*spent, amount, limit) {
        return Err(limit.saturating_sub(*spent));
    }
    Ok(())
}

// The sponsorship decision.

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

/// A custom error `executeSponsorship` reverts with when it refuses to pay (after its operator
/// check, before the transfer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
        self.to_contract_error().decoded()
    }
}

/// Reproduces `executeSponsorship(merchant, amount, _)` on the merchant's record: everything the
/// contract does between its operator check and the payout (checks, window resets, limit checks,
/// counter updates), returning the record after the call, or the custom error it reverts with (the record is then unchanged, resets
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
    let day = (&mut after.spent_today, &mut after.last_day_reset);
    enter_window(day, now, DAY_SECONDS, amount, tier.max_per_day)
        .map_err(|remaining| SponsorshipRevert::ExceedsDailyLimit { requested: amount, remaining })?;
    let month = (&mut after.spent_this_month, &mut after.last_month_reset);
    enter_window(month, now, MONTH_SECONDS, amount, tier.max_per_month)
        .map_err(|remaining| SponsorshipRevert::ExceedsMonthlyLimit { requested: amount, remaining })?;
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
