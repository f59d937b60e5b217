//! SetPaymaster: the sponsorship decision (docs/protocol.md, "SetPaymaster decision"), tiers and
//! merchant records, calldata encoders for every write, and return-data, log and revert decoders.
//!
//! Addresses are hex strings (any case, `0x` optional) or 20 bytes in, `0x`-lowercase strings
//! out; wei amounts and tier ids are Python `int`s; `OperationType` is an `enum.IntEnum`
//! (`setchain.OperationType`), and any `int` 0..6 is accepted for it.

use alloy_primitives::U256;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use set_core::paymaster::{self, MerchantState, OperationType, Tier};

use crate::abi::{decoded_dict, revert_exception};
use crate::convert::{
    address, address_text, b256_list, bool_of, bytes_of, list_of, py_bytes, py_u256, text_of, u256_of, u64_of, u8_of,
};
use crate::error::{core_error, invalid_argument};

fn operation_of(field: &str, value: &Bound<'_, PyAny>) -> PyResult<OperationType> {
    OperationType::try_from(u8_of(field, value)?).map_err(core_error)
}

/// `setchain.OperationType(ordinal)`.
fn py_operation<'py>(py: Python<'py>, operation: OperationType) -> PyResult<Bound<'py, PyAny>> {
    py.import("setchain._enums")?.getattr("OperationType")?.call1((operation.ordinal(),))
}

/// The `OperationType` table of the contract, `(name, ordinal)` in ordinal order.
#[pyfunction]
pub fn operation_types() -> Vec<(&'static str, u8)> {
    OperationType::ALL.iter().map(|op| (op.name(), op.ordinal())).collect()
}

/// A sponsorship tier; limits in wei.
#[pyclass(module = "setchain._native", name = "Tier", frozen, eq)]
#[derive(PartialEq)]
pub struct PyTier {
    inner: Tier,
}

#[pymethods]
impl PyTier {
    /// # Errors
    /// `InvalidArgumentError` naming the field.
    #[new]
    #[pyo3(
        signature = (name, max_per_transaction, max_per_day, max_per_month, active = None),
        text_signature = "(name, max_per_transaction, max_per_day, max_per_month, active=True)"
    )]
    fn new(
        name: &Bound<'_, PyAny>,
        max_per_transaction: &Bound<'_, PyAny>,
        max_per_day: &Bound<'_, PyAny>,
        max_per_month: &Bound<'_, PyAny>,
        active: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(PyTier {
            inner: Tier {
                name: text_of("name", name)?.ok_or_else(|| invalid_argument("name", "a str"))?,
                max_per_transaction: u256_of("max_per_transaction", max_per_transaction)?,
                max_per_day: u256_of("max_per_day", max_per_day)?,
                max_per_month: u256_of("max_per_month", max_per_month)?,
                active: match active {
                    Some(active) => bool_of("active", active)?,
                    None => true,
                },
            },
        })
    }
    /// Display name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// Largest single sponsorship (wei).
    #[getter]
    fn max_per_transaction<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_u256(py, self.inner.max_per_transaction)
    }
    /// Largest total within one rolling day (wei).
    #[getter]
    fn max_per_day<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_u256(py, self.inner.max_per_day)
    }
    /// Largest total within one rolling 30-day window (wei).
    #[getter]
    fn max_per_month<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_u256(py, self.inner.max_per_month)
    }
    /// Inactive tiers sponsor nothing.
    #[getter]
    fn active(&self) -> bool {
        self.inner.active
    }
    fn __repr__(&self) -> String {
        format!(
            "Tier(name={:?}, max_per_transaction={}, max_per_day={}, max_per_month={}, active={})",
            self.inner.name,
            self.inner.max_per_transaction,
            self.inner.max_per_day,
            self.inner.max_per_month,
            if self.inner.active { "True" } else { "False" }
        )
    }
}

/// A merchant's sponsorship record as stored on-chain (`merchantSponsorship(address)`): spend
/// in wei, window stamps in Unix seconds.
#[pyclass(module = "setchain._native", name = "MerchantState", frozen, eq)]
#[derive(PartialEq)]
pub struct PyMerchantState {
    inner: MerchantState,
}

#[pymethods]
impl PyMerchantState {
    /// Every field defaults to zero / `False` (a never-sponsored merchant).
    ///
    /// # Errors
    /// `InvalidArgumentError` naming the field.
    #[new]
    #[pyo3(
        signature = (*, active = None, tier_id = None, last_day_reset = None, last_month_reset = None, spent_today = None, spent_this_month = None, total_sponsored = None),
        text_signature = "(*, active=False, tier_id=0, last_day_reset=0, last_month_reset=0, spent_today=0, spent_this_month=0, total_sponsored=0)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        active: Option<&Bound<'_, PyAny>>,
        tier_id: Option<&Bound<'_, PyAny>>,
        last_day_reset: Option<&Bound<'_, PyAny>>,
        last_month_reset: Option<&Bound<'_, PyAny>>,
        spent_today: Option<&Bound<'_, PyAny>>,
        spent_this_month: Option<&Bound<'_, PyAny>>,
        total_sponsored: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let wei = |field: &str, value: Option<&Bound<'_, PyAny>>| value.map_or(Ok(U256::ZERO), |v| u256_of(field, v));
        let seconds = |field: &str, value: Option<&Bound<'_, PyAny>>| value.map_or(Ok(0), |v| u64_of(field, v));
        Ok(PyMerchantState {
            inner: MerchantState {
                active: active.map_or(Ok(false), |v| bool_of("active", v))?,
                tier_id: wei("tier_id", tier_id)?,
                last_day_reset: seconds("last_day_reset", last_day_reset)?,
                last_month_reset: seconds("last_month_reset", last_month_reset)?,
                spent_today: wei("spent_today", spent_today)?,
                spent_this_month: wei("spent_this_month", spent_this_month)?,
                total_sponsored: wei("total_sponsored", total_sponsored)?,
            },
        })
    }

    /// The record `sponsorMerchant(merchant, tier_id)` writes at `now`.
    ///
    /// # Errors
    /// `InvalidArgumentError` naming the field.
    #[staticmethod]
    fn sponsored(tier_id: &Bound<'_, PyAny>, now: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyMerchantState { inner: MerchantState::sponsored(u256_of("tier_id", tier_id)?, u64_of("now", now)?) })
    }

    /// Whether the merchant is sponsored.
    #[getter]
    fn active(&self) -> bool {
        self.inner.active
    }
    /// The merchant's tier id.
    #[getter]
    fn tier_id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_u256(py, self.inner.tier_id)
    }
    /// Start of the current daily window (Unix seconds).
    #[getter]
    fn last_day_reset(&self) -> u64 {
        self.inner.last_day_reset
    }
    /// Start of the current 30-day window (Unix seconds).
    #[getter]
    fn last_month_reset(&self) -> u64 {
        self.inner.last_month_reset
    }
    /// Spent in the daily window as stored (wei).
    #[getter]
    fn spent_today<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_u256(py, self.inner.spent_today)
    }
    /// Spent in the 30-day window as stored (wei).
    #[getter]
    fn spent_this_month<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_u256(py, self.inner.spent_this_month)
    }
    /// Lifetime total (wei).
    #[getter]
    fn total_sponsored<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_u256(py, self.inner.total_sponsored)
    }
    fn __repr__(&self) -> String {
        let m = &self.inner;
        format!(
            "MerchantState(active={}, tier_id={}, last_day_reset={}, last_month_reset={}, spent_today={}, spent_this_month={}, total_sponsored={})",
            if m.active { "True" } else { "False" },
            m.tier_id,
            m.last_day_reset,
            m.last_month_reset,
            m.spent_today,
            m.spent_this_month,
            m.total_sponsored
        )
    }
}

/// The answer of `canSponsor(merchant, amount)`: truthy when sponsorable; `reason` is the
/// contract's exact string (`""` when sponsorable).
#[pyclass(module = "setchain._native", name = "SponsorshipDecision", frozen, eq, get_all)]
#[derive(PartialEq)]
pub struct PySponsorshipDecision {
    /// Whether the contract would sponsor.
    sponsorable: bool,
    /// `"Not sponsored"`, `"Exceeds daily limit"`, …; `""` when sponsorable.
    reason: String,
}

#[pymethods]
impl PySponsorshipDecision {
    fn __bool__(&self) -> bool {
        self.sponsorable
    }
    fn __repr__(&self) -> String {
        format!(
            "SponsorshipDecision(sponsorable={}, reason={:?})",
            if self.sponsorable { "True" } else { "False" },
            self.reason
        )
    }
}

/// The arguments of `executeSponsorship` calldata.
#[pyclass(module = "setchain._native", name = "ExecuteSponsorshipArgs", frozen)]
pub struct PyExecuteSponsorshipArgs {
    merchant: String,
    amount: U256,
    operation: OperationType,
}

#[pymethods]
impl PyExecuteSponsorshipArgs {
    /// The merchant paid (`0x`-lowercase).
    #[getter]
    fn merchant(&self) -> &str {
        &self.merchant
    }
    /// Wei paid.
    #[getter]
    fn amount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_u256(py, self.amount)
    }
    /// The operation echoed in `GasSponsored`.
    #[getter]
    fn operation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_operation(py, self.operation)
    }
    fn __repr__(&self) -> String {
        format!(
            "ExecuteSponsorshipArgs(merchant={:?}, amount={}, operation={})",
            self.merchant,
            self.amount,
            self.operation.name()
        )
    }
}

/// The three tiers `initialize` creates (ids 0, 1, 2).
#[pyfunction]
pub fn default_tiers() -> Vec<PyTier> {
    paymaster::default_tiers().into_iter().map(|inner| PyTier { inner }).collect()
}

/// Reproduces `canSponsor` for `merchant` on `tier` at `now` (Unix seconds), for `amount` wei
/// with the paymaster holding `balance` wei.
///
/// # Errors
/// `InvalidArgumentError` naming the field.
#[pyfunction]
pub fn can_sponsor(
    tier: PyRef<'_, PyTier>,
    merchant: PyRef<'_, PyMerchantState>,
    now: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    balance: &Bound<'_, PyAny>,
) -> PyResult<PySponsorshipDecision> {
    let decision = paymaster::can_sponsor(
        &tier.inner,
        &merchant.inner,
        u64_of("now", now)?,
        u256_of("amount", amount)?,
        u256_of("balance", balance)?,
    );
    Ok(PySponsorshipDecision { sponsorable: decision.sponsorable, reason: decision.reason.to_owned() })
}

/// Reproduces `executeSponsorship(merchant, amount, _)`: returns the merchant record after the
/// call, or raises the `PaymasterRevert` the contract reverts with (`.name`, `.arguments`,
/// `.data`).
///
/// # Errors
/// `PaymasterRevert` as the contract; `InvalidArgumentError` naming the field.
#[pyfunction]
pub fn execute_sponsorship(
    py: Python<'_>,
    tier: PyRef<'_, PyTier>,
    merchant: PyRef<'_, PyMerchantState>,
    now: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    balance: &Bound<'_, PyAny>,
) -> PyResult<PyMerchantState> {
    let outcome = paymaster::execute_sponsorship(
        &tier.inner,
        &merchant.inner,
        u64_of("now", now)?,
        u256_of("amount", amount)?,
        u256_of("balance", balance)?,
    );
    match outcome {
        Ok(inner) => Ok(PyMerchantState { inner }),
        Err(revert) => {
            let data = revert.revert_data();
            Err(PyErr::from_value(revert_exception(py, "PaymasterRevert", &revert.decoded(), Some(&data))?))
        }
    }
}

/// Reproduces `getRemainingDailyAllowance` (wei).
///
/// # Errors
/// `InvalidArgumentError` naming `now`.
#[pyfunction]
pub fn remaining_daily_allowance<'py>(
    py: Python<'py>,
    tier: PyRef<'py, PyTier>,
    merchant: PyRef<'py, PyMerchantState>,
    now: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    py_u256(py, paymaster::remaining_daily_allowance(&tier.inner, &merchant.inner, u64_of("now", now)?))
}

type Calldata<'py> = PyResult<Bound<'py, PyBytes>>;

/// `initialize(owner, treasury)` calldata (proxy deployment).
#[pyfunction]
pub fn encode_paymaster_initialize<'py>(
    py: Python<'py>,
    owner: &Bound<'py, PyAny>,
    treasury: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_initialize(address("owner", owner)?, address("treasury", treasury)?)))
}

/// `createTier(name, maxPerTx, maxPerDay, maxPerMonth)` calldata (owner only).
#[pyfunction]
pub fn encode_create_tier<'py>(
    py: Python<'py>,
    name: &Bound<'py, PyAny>,
    max_per_transaction: &Bound<'py, PyAny>,
    max_per_day: &Bound<'py, PyAny>,
    max_per_month: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    let name = text_of("name", name)?.ok_or_else(|| invalid_argument("name", "a str"))?;
    Ok(py_bytes(
        py,
        &paymaster::encode_create_tier(
            &name,
            u256_of("max_per_transaction", max_per_transaction)?,
            u256_of("max_per_day", max_per_day)?,
            u256_of("max_per_month", max_per_month)?,
        ),
    ))
}

/// `updateTier(tierId, maxPerTx, maxPerDay, maxPerMonth)` calldata (owner only).
#[pyfunction]
pub fn encode_update_tier<'py>(
    py: Python<'py>,
    tier_id: &Bound<'py, PyAny>,
    max_per_transaction: &Bound<'py, PyAny>,
    max_per_day: &Bound<'py, PyAny>,
    max_per_month: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(
        py,
        &paymaster::encode_update_tier(
            u256_of("tier_id", tier_id)?,
            u256_of("max_per_transaction", max_per_transaction)?,
            u256_of("max_per_day", max_per_day)?,
            u256_of("max_per_month", max_per_month)?,
        ),
    ))
}

/// `setTierActive(tierId, active)` calldata (owner only).
#[pyfunction]
pub fn encode_set_tier_active<'py>(
    py: Python<'py>,
    tier_id: &Bound<'py, PyAny>,
    active: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_set_tier_active(u256_of("tier_id", tier_id)?, bool_of("active", active)?)))
}

/// `setOperator(operator, authorized)` calldata (owner only).
#[pyfunction]
pub fn encode_set_operator<'py>(
    py: Python<'py>,
    operator: &Bound<'py, PyAny>,
    authorized: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(
        py,
        &paymaster::encode_set_operator(address("operator", operator)?, bool_of("authorized", authorized)?),
    ))
}

/// `setTreasury(treasury)` calldata (owner only).
#[pyfunction]
pub fn encode_set_treasury<'py>(py: Python<'py>, treasury: &Bound<'py, PyAny>) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_set_treasury(address("treasury", treasury)?)))
}

/// `setMinDeposit(minDeposit)` calldata (owner only).
#[pyfunction]
pub fn encode_set_min_deposit<'py>(py: Python<'py>, min_deposit: &Bound<'py, PyAny>) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_set_min_deposit(u256_of("min_deposit", min_deposit)?)))
}

/// `sponsorMerchant(merchant, tierId)` calldata (owner only).
#[pyfunction]
pub fn encode_sponsor_merchant<'py>(
    py: Python<'py>,
    merchant: &Bound<'py, PyAny>,
    tier_id: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_sponsor_merchant(address("merchant", merchant)?, u256_of("tier_id", tier_id)?)))
}

/// `revokeMerchant(merchant)` calldata (owner only).
#[pyfunction]
pub fn encode_revoke_merchant<'py>(py: Python<'py>, merchant: &Bound<'py, PyAny>) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_revoke_merchant(address("merchant", merchant)?)))
}

/// `executeSponsorship(merchant, amount, operationType)` calldata (operator).
#[pyfunction]
pub fn encode_execute_sponsorship<'py>(
    py: Python<'py>,
    merchant: &Bound<'py, PyAny>,
    amount: &Bound<'py, PyAny>,
    operation: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(
        py,
        &paymaster::encode_execute_sponsorship(
            address("merchant", merchant)?,
            u256_of("amount", amount)?,
            operation_of("operation", operation)?,
        ),
    ))
}

/// The arguments of `executeSponsorship` calldata.
///
/// # Errors
/// `PaymasterError` (`TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`, `INVALID_OPERATION_TYPE`).
#[pyfunction]
pub fn decode_execute_sponsorship(calldata: &Bound<'_, PyAny>) -> PyResult<PyExecuteSponsorshipArgs> {
    let args = paymaster::decode_execute_sponsorship(&bytes_of("calldata", calldata)?).map_err(core_error)?;
    Ok(PyExecuteSponsorshipArgs {
        merchant: address_text(&args.merchant),
        amount: args.amount,
        operation: args.operation,
    })
}

/// `refundUnusedGas(merchant, refundAmount)` calldata (operator; send `refund_amount` as value).
#[pyfunction]
pub fn encode_refund_unused_gas<'py>(
    py: Python<'py>,
    merchant: &Bound<'py, PyAny>,
    refund_amount: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(
        py,
        &paymaster::encode_refund_unused_gas(address("merchant", merchant)?, u256_of("refund_amount", refund_amount)?),
    ))
}

/// `deposit()` calldata (send the deposit as value).
#[pyfunction]
pub fn encode_deposit(py: Python<'_>) -> Bound<'_, PyBytes> {
    py_bytes(py, &paymaster::encode_deposit())
}

/// `withdraw(amount)` calldata (owner only).
#[pyfunction]
pub fn encode_withdraw<'py>(py: Python<'py>, amount: &Bound<'py, PyAny>) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_withdraw(u256_of("amount", amount)?)))
}

fn addresses(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Vec<alloy_primitives::Address>> {
    list_of(field, value, "a list of addresses", address)
}

fn wei_list(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Vec<U256>> {
    list_of(field, value, "a list of ints", u256_of)
}

/// `batchSponsorMerchants(merchants, tierIds)` calldata (owner only).
///
/// # Errors
/// `PaymasterError` (`LENGTH_MISMATCH`); `InvalidArgumentError` naming the field.
#[pyfunction]
pub fn encode_batch_sponsor_merchants<'py>(
    py: Python<'py>,
    merchants: &Bound<'py, PyAny>,
    tier_ids: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    let calldata = paymaster::encode_batch_sponsor_merchants(
        &addresses("merchants", merchants)?,
        &wei_list("tier_ids", tier_ids)?,
    )
    .map_err(core_error)?;
    Ok(py_bytes(py, &calldata))
}

/// `batchRevokeMerchants(merchants)` calldata (owner only).
#[pyfunction]
pub fn encode_batch_revoke_merchants<'py>(py: Python<'py>, merchants: &Bound<'py, PyAny>) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_batch_revoke_merchants(&addresses("merchants", merchants)?)))
}

/// `batchExecuteSponsorship(merchants, amounts, operationTypes)` calldata (operator).
///
/// # Errors
/// `PaymasterError` (`LENGTH_MISMATCH`, `INVALID_OPERATION_TYPE`); `InvalidArgumentError`.
#[pyfunction]
pub fn encode_batch_execute_sponsorship<'py>(
    py: Python<'py>,
    merchants: &Bound<'py, PyAny>,
    amounts: &Bound<'py, PyAny>,
    operations: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    let operations = list_of("operations", operations, "a list of OperationType", operation_of)?;
    let calldata = paymaster::encode_batch_execute_sponsorship(
        &addresses("merchants", merchants)?,
        &wei_list("amounts", amounts)?,
        &operations,
    )
    .map_err(core_error)?;
    Ok(py_bytes(py, &calldata))
}

/// `batchRefundUnusedGas(merchants, refundAmounts)` calldata (operator; send the sum as value).
///
/// # Errors
/// `PaymasterError` (`LENGTH_MISMATCH`); `InvalidArgumentError`.
#[pyfunction]
pub fn encode_batch_refund_unused_gas<'py>(
    py: Python<'py>,
    merchants: &Bound<'py, PyAny>,
    refund_amounts: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    let calldata = paymaster::encode_batch_refund_unused_gas(
        &addresses("merchants", merchants)?,
        &wei_list("refund_amounts", refund_amounts)?,
    )
    .map_err(core_error)?;
    Ok(py_bytes(py, &calldata))
}

/// `batchUpdateMerchantTier(merchants, newTierId)` calldata (owner only).
#[pyfunction]
pub fn encode_batch_update_merchant_tier<'py>(
    py: Python<'py>,
    merchants: &Bound<'py, PyAny>,
    new_tier_id: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(
        py,
        &paymaster::encode_batch_update_merchant_tier(
            &addresses("merchants", merchants)?,
            u256_of("new_tier_id", new_tier_id)?,
        ),
    ))
}

/// `canSponsor(merchant, amount)` calldata.
#[pyfunction]
pub fn encode_can_sponsor<'py>(
    py: Python<'py>,
    merchant: &Bound<'py, PyAny>,
    amount: &Bound<'py, PyAny>,
) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_can_sponsor(address("merchant", merchant)?, u256_of("amount", amount)?)))
}

/// `canSponsor` return data.
///
/// # Errors
/// `PaymasterError` (`TRUNCATED`, `INVALID_ABI`), `EncodingError`.
#[pyfunction]
pub fn decode_can_sponsor(data: &Bound<'_, PyAny>) -> PyResult<PySponsorshipDecision> {
    let decision = paymaster::decode_can_sponsor(&bytes_of("data", data)?).map_err(core_error)?;
    Ok(PySponsorshipDecision { sponsorable: decision.sponsorable, reason: decision.reason })
}

/// `merchantSponsorship(merchant)` calldata.
#[pyfunction]
pub fn encode_merchant_sponsorship<'py>(py: Python<'py>, merchant: &Bound<'py, PyAny>) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_merchant_sponsorship(address("merchant", merchant)?)))
}

/// `merchantSponsorship` return data, ready for `can_sponsor` / `execute_sponsorship`.
///
/// # Errors
/// `PaymasterError`, `EncodingError`.
#[pyfunction]
pub fn decode_merchant_sponsorship(data: &Bound<'_, PyAny>) -> PyResult<PyMerchantState> {
    let inner = paymaster::decode_merchant_sponsorship(&bytes_of("data", data)?).map_err(core_error)?;
    Ok(PyMerchantState { inner })
}

/// `tiers(tierId)` calldata.
#[pyfunction]
pub fn encode_tiers<'py>(py: Python<'py>, tier_id: &Bound<'py, PyAny>) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_tiers(u256_of("tier_id", tier_id)?)))
}

/// `tiers` return data (unknown ids come back empty and inactive).
///
/// # Errors
/// `PaymasterError`, `EncodingError`.
#[pyfunction]
pub fn decode_tiers(data: &Bound<'_, PyAny>) -> PyResult<PyTier> {
    let inner = paymaster::decode_tiers(&bytes_of("data", data)?).map_err(core_error)?;
    Ok(PyTier { inner })
}

/// `getRemainingDailyAllowance(merchant)` calldata.
#[pyfunction]
pub fn encode_get_remaining_daily_allowance<'py>(py: Python<'py>, merchant: &Bound<'py, PyAny>) -> Calldata<'py> {
    Ok(py_bytes(py, &paymaster::encode_get_remaining_daily_allowance(address("merchant", merchant)?)))
}

/// `getRemainingDailyAllowance` return data (wei).
///
/// # Errors
/// `PaymasterError`, `EncodingError`.
#[pyfunction]
pub fn decode_get_remaining_daily_allowance<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    py_u256(py, paymaster::decode_get_remaining_daily_allowance(&bytes_of("data", data)?).map_err(core_error)?)
}

/// `balance()` calldata.
#[pyfunction]
pub fn encode_balance(py: Python<'_>) -> Bound<'_, PyBytes> {
    py_bytes(py, &paymaster::encode_balance())
}

/// `balance` return data (wei).
///
/// # Errors
/// `PaymasterError`, `EncodingError`.
#[pyfunction]
pub fn decode_balance<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    py_u256(py, paymaster::decode_balance(&bytes_of("data", data)?).map_err(core_error)?)
}

/// Any SetPaymaster calldata as `{"name", "signature", "args"}` (values as text).
///
/// # Errors
/// `PaymasterError`, `EncodingError`.
#[pyfunction]
pub fn decode_paymaster_call<'py>(py: Python<'py>, calldata: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let call = paymaster::decode_call(&bytes_of("calldata", calldata)?).map_err(core_error)?;
    decoded_dict(py, &call.decoded())
}

/// The return data of any SetPaymaster function; `call` is the calldata sent (or its selector).
///
/// # Errors
/// `PaymasterError`, `EncodingError`.
#[pyfunction]
pub fn decode_paymaster_return<'py>(
    py: Python<'py>,
    call: &Bound<'py, PyAny>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let decoded = paymaster::decode_return(&bytes_of("call", call)?, &bytes_of("data", data)?).map_err(core_error)?;
    decoded_dict(py, &decoded)
}

/// One SetPaymaster log (`topics`, `data`) as `{"name", "signature", "args"}`.
///
/// # Errors
/// `PaymasterError` (`UNKNOWN_EVENT`, `WRONG_TOPIC_COUNT`, …), `EncodingError`.
#[pyfunction]
pub fn decode_paymaster_log<'py>(
    py: Python<'py>,
    topics: &Bound<'py, PyAny>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let event = paymaster::decode_log(&b256_list("topics", topics)?, &bytes_of("data", data)?).map_err(core_error)?;
    decoded_dict(py, &event.decoded())
}

/// SetPaymaster revert data as a `PaymasterRevert` exception instance (returned, not raised).
///
/// # Errors
/// `PaymasterError` (`TRUNCATED` including empty data, `UNKNOWN_SELECTOR`, `INVALID_ABI`).
#[pyfunction]
pub fn decode_paymaster_revert<'py>(py: Python<'py>, revert_data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let data = bytes_of("revert_data", revert_data)?;
    let revert = paymaster::decode_revert(&data).map_err(core_error)?;
    revert_exception(py, "PaymasterRevert", &revert.decoded(), Some(&data))
}

/// Registers this module's classes, functions and constants.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyTier>()?;
    m.add_class::<PyMerchantState>()?;
    m.add_class::<PySponsorshipDecision>()?;
    m.add_class::<PyExecuteSponsorshipArgs>()?;
    m.add("DAY_SECONDS", paymaster::DAY_SECONDS)?;
    m.add("MONTH_SECONDS", paymaster::MONTH_SECONDS)?;
    m.add("MIN_DEPOSIT_WEI", py_u256(py, paymaster::MIN_DEPOSIT_WEI)?)?;
    m.add("MAX_BATCH_SIZE", paymaster::MAX_BATCH_SIZE)?;
    m.add_function(wrap_pyfunction!(operation_types, m)?)?;
    m.add_function(wrap_pyfunction!(default_tiers, m)?)?;
    m.add_function(wrap_pyfunction!(can_sponsor, m)?)?;
    m.add_function(wrap_pyfunction!(execute_sponsorship, m)?)?;
    m.add_function(wrap_pyfunction!(remaining_daily_allowance, m)?)?;
    m.add_function(wrap_pyfunction!(encode_paymaster_initialize, m)?)?;
    m.add_function(wrap_pyfunction!(encode_create_tier, m)?)?;
    m.add_function(wrap_pyfunction!(encode_update_tier, m)?)?;
    m.add_function(wrap_pyfunction!(encode_set_tier_active, m)?)?;
    m.add_function(wrap_pyfunction!(encode_set_operator, m)?)?;
    m.add_function(wrap_pyfunction!(encode_set_treasury, m)?)?;
    m.add_function(wrap_pyfunction!(encode_set_min_deposit, m)?)?;
    m.add_function(wrap_pyfunction!(encode_sponsor_merchant, m)?)?;
    m.add_function(wrap_pyfunction!(encode_revoke_merchant, m)?)?;
    m.add_function(wrap_pyfunction!(encode_execute_sponsorship, m)?)?;
    m.add_function(wrap_pyfunction!(decode_execute_sponsorship, m)?)?;
    m.add_function(wrap_pyfunction!(encode_refund_unused_gas, m)?)?;
    m.add_function(wrap_pyfunction!(encode_deposit, m)?)?;
    m.add_function(wrap_pyfunction!(encode_withdraw, m)?)?;
    m.add_function(wrap_pyfunction!(encode_batch_sponsor_merchants, m)?)?;
    m.add_function(wrap_pyfunction!(encode_batch_revoke_merchants, m)?)?;
    m.add_function(wrap_pyfunction!(encode_batch_execute_sponsorship, m)?)?;
    m.add_function(wrap_pyfunction!(encode_batch_refund_unused_gas, m)?)?;
    m.add_function(wrap_pyfunction!(encode_batch_update_merchant_tier, m)?)?;
    m.add_function(wrap_pyfunction!(encode_can_sponsor, m)?)?;
    m.add_function(wrap_pyfunction!(decode_can_sponsor, m)?)?;
    m.add_function(wrap_pyfunction!(encode_merchant_sponsorship, m)?)?;
    m.add_function(wrap_pyfunction!(decode_merchant_sponsorship, m)?)?;
    m.add_function(wrap_pyfunction!(encode_tiers, m)?)?;
    m.add_function(wrap_pyfunction!(decode_tiers, m)?)?;
    m.add_function(wrap_pyfunction!(encode_get_remaining_daily_allowance, m)?)?;
    m.add_function(wrap_pyfunction!(decode_get_remaining_daily_allowance, m)?)?;
    m.add_function(wrap_pyfunction!(encode_balance, m)?)?;
    m.add_function(wrap_pyfunction!(decode_balance, m)?)?;
    m.add_function(wrap_pyfunction!(decode_paymaster_call, m)?)?;
    m.add_function(wrap_pyfunction!(decode_paymaster_return, m)?)?;
    m.add_function(wrap_pyfunction!(decode_paymaster_log, m)?)?;
    m.add_function(wrap_pyfunction!(decode_paymaster_revert, m)?)?;
    Ok(())
}
