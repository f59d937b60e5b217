//! SetPaymaster: `OperationType`, the default tiers, the sponsorship decision as the contract
//! makes it, calldata encoders and the decoders of return data, logs and reverts.
//!
//! Tiers and merchant records are plain objects with camelCase keys; amounts, limits and tier
//! ids are `bigint`s on output and `bigint` / safe-integer `number` / decimal string on input.

use alloy_primitives::U256;
use set_core::paymaster::{self, MerchantState, OperationType, Tier};
use wasm_bindgen::prelude::*;

use crate::convert::{
    address, address_list, bigint, bigint_u256, bool_of, bytes, get, hex, json_value, set, string_of, u256_list,
    u256_of, u64_of,
};
use crate::error::{core_error, invalid_argument};
use crate::registry::log_parts;

fn tier_of(field: &str, value: &JsValue) -> Result<Tier, JsValue> {
    if !value.is_object() {
        return Err(invalid_argument(
            field,
            "a tier object { name, maxPerTransaction, maxPerDay, maxPerMonth, active }",
        ));
    }
    let name = get(value, "name");
    Ok(Tier {
        name: if name.is_undefined() { String::new() } else { string_of(&format!("{field}.name"), &name)? },
        max_per_transaction: u256_of(&format!("{field}.maxPerTransaction"), &get(value, "maxPerTransaction"))?,
        max_per_day: u256_of(&format!("{field}.maxPerDay"), &get(value, "maxPerDay"))?,
        max_per_month: u256_of(&format!("{field}.maxPerMonth"), &get(value, "maxPerMonth"))?,
        active: bool_of(&format!("{field}.active"), &get(value, "active"))?,
    })
}

fn tier_to_js(tier: &Tier) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, "name", JsValue::from_str(&tier.name));
    set(&object, "maxPerTransaction", bigint_u256(tier.max_per_transaction));
    set(&object, "maxPerDay", bigint_u256(tier.max_per_day));
    set(&object, "maxPerMonth", bigint_u256(tier.max_per_month));
    set(&object, "active", JsValue::from_bool(tier.active));
    object.into()
}

fn merchant_of(field: &str, value: &JsValue) -> Result<MerchantState, JsValue> {
    if !value.is_object() {
        return Err(invalid_argument(field, "a merchant record object"));
    }
    let amount = |key: &str| u256_of(&format!("{field}.{key}"), &get(value, key));
    Ok(MerchantState {
        active: bool_of(&format!("{field}.active"), &get(value, "active"))?,
        tier_id: amount("tierId")?,
        last_day_reset: u64_of(&format!("{field}.lastDayReset"), &get(value, "lastDayReset"))?,
        last_month_reset: u64_of(&format!("{field}.lastMonthReset"), &get(value, "lastMonthReset"))?,
        spent_today: amount("spentToday")?,
        spent_this_month: amount("spentThisMonth")?,
        total_sponsored: amount("totalSponsored")?,
    })
}

fn merchant_to_js(merchant: &MerchantState) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, "active", JsValue::from_bool(merchant.active));
    set(&object, "tierId", bigint_u256(merchant.tier_id));
    set(&object, "lastDayReset", bigint(merchant.last_day_reset));
    set(&object, "lastMonthReset", bigint(merchant.last_month_reset));
    set(&object, "spentToday", bigint_u256(merchant.spent_today));
    set(&object, "spentThisMonth", bigint_u256(merchant.spent_this_month));
    set(&object, "totalSponsored", bigint_u256(merchant.total_sponsored));
    object.into()
}

/// `{ sponsorable, reason }`, as computed (`canSponsor`) or as returned by the chain.
fn decision_to_js(sponsorable: bool, reason: &str) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, "sponsorable", JsValue::from_bool(sponsorable));
    set(&object, "reason", JsValue::from_str(reason));
    object.into()
}

fn operation_of(value: &JsValue) -> Result<OperationType, JsValue> {
    let ordinal = u64_of("operationType", value)?;
    let ordinal =
        u8::try_from(ordinal).map_err(|_| invalid_argument("operationType", "an OperationType value (0..=6)"))?;
    OperationType::try_from(ordinal).map_err(core_error)
}

/// The contract's `OperationType` enum. In JS a frozen object usable before any
/// initialisation: `OperationType.ORDER_CREATE === 0`, `OperationType[0] === "ORDER_CREATE"`.
#[wasm_bindgen(js_name = OperationType)]
#[allow(non_camel_case_types)]
#[derive(Clone, Copy)]
pub enum JsOperationType {
    /// `ORDER_CREATE` (0).
    ORDER_CREATE = 0,
    /// `ORDER_UPDATE` (1).
    ORDER_UPDATE = 1,
    /// `PAYMENT_PROCESS` (2).
    PAYMENT_PROCESS = 2,
    /// `INVENTORY_UPDATE` (3).
    INVENTORY_UPDATE = 3,
    /// `RETURN_PROCESS` (4).
    RETURN_PROCESS = 4,
    /// `COMMITMENT_ANCHOR` (5).
    COMMITMENT_ANCHOR = 5,
    /// `OTHER` (6).
    OTHER = 6,
}

impl From<JsOperationType> for OperationType {
    // An exhaustive match, so a variant added to the core enum cannot be forgotten here.
    fn from(value: JsOperationType) -> Self {
        match value {
            JsOperationType::ORDER_CREATE => OperationType::OrderCreate,
            JsOperationType::ORDER_UPDATE => OperationType::OrderUpdate,
            JsOperationType::PAYMENT_PROCESS => OperationType::PaymentProcess,
            JsOperationType::INVENTORY_UPDATE => OperationType::InventoryUpdate,
            JsOperationType::RETURN_PROCESS => OperationType::ReturnProcess,
            JsOperationType::COMMITMENT_ANCHOR => OperationType::CommitmentAnchor,
            JsOperationType::OTHER => OperationType::Other,
        }
    }
}

/// The arguments `canSponsor` and `executeSponsorship` share, converted; errors name the field.
fn sponsorship_inputs(
    tier: &JsValue,
    merchant: &JsValue,
    now: &JsValue,
    amount: &JsValue,
    balance: &JsValue,
) -> Result<(Tier, MerchantState, u64, U256, U256), JsValue> {
    Ok((
        tier_of("tier", tier)?,
        merchant_of("merchant", merchant)?,
        u64_of("now", now)?,
        u256_of("amount", amount)?,
        u256_of("balance", balance)?,
    ))
}

/// The three tiers `initialize` creates (ids 0, 1, 2): `Starter`, `Growth`, `Enterprise`.
#[wasm_bindgen(js_name = defaultTiers)]
pub fn default_tiers() -> js_sys::Array {
    paymaster::default_tiers().iter().map(tier_to_js).collect()
}

/// What `canSponsor(merchant, amount)` answers for `merchant` on `tier` at `now` (Unix
/// seconds) with the paymaster holding `balance` wei: `{ sponsorable, reason }`, `reason`
/// exactly the contract's string (`""` when sponsorable).
///
/// # Errors
/// `INVALID_ARGUMENT` naming the field (`tier.maxPerDay`, `merchant.spentToday`, …).
#[wasm_bindgen(js_name = canSponsor)]
pub fn can_sponsor(
    tier: &JsValue,
    merchant: &JsValue,
    now: &JsValue,
    amount: &JsValue,
    balance: &JsValue,
) -> Result<JsValue, JsValue> {
    let (tier, merchant, now, amount, balance) = sponsorship_inputs(tier, merchant, now, amount, balance)?;
    let decision = paymaster::can_sponsor(&tier, &merchant, now, amount, balance);
    Ok(decision_to_js(decision.sponsorable, decision.reason))
}

/// What `executeSponsorship` does: `{ ok: merchantAfter }` or `{ revert: { name, signature,
/// args } }` with the custom error the contract raises (its `data` hex under `revert.data`).
///
/// # Errors
/// `INVALID_ARGUMENT` naming the field.
#[wasm_bindgen(js_name = executeSponsorship)]
pub fn execute_sponsorship(
    tier: &JsValue,
    merchant: &JsValue,
    now: &JsValue,
    amount: &JsValue,
    balance: &JsValue,
) -> Result<JsValue, JsValue> {
    let (tier, merchant, now, amount, balance) = sponsorship_inputs(tier, merchant, now, amount, balance)?;
    let outcome = paymaster::execute_sponsorship(&tier, &merchant, now, amount, balance);
    let object = js_sys::Object::new();
    match outcome {
        Ok(after) => set(&object, "ok", merchant_to_js(&after)),
        Err(revert) => {
            let decoded = json_value(&revert.decoded().to_json())?;
            set(js_sys::Object::unchecked_from_js_ref(&decoded), "data", hex(&revert.revert_data()));
            set(&object, "revert", decoded);
        }
    }
    Ok(object.into())
}

/// `getRemainingDailyAllowance` as the contract computes it, as a `bigint`.
///
/// # Errors
/// `INVALID_ARGUMENT` naming the field.
#[wasm_bindgen(js_name = remainingDailyAllowance)]
pub fn remaining_daily_allowance(tier: &JsValue, merchant: &JsValue, now: &JsValue) -> Result<JsValue, JsValue> {
    let remaining = paymaster::remaining_daily_allowance(
        &tier_of("tier", tier)?,
        &merchant_of("merchant", merchant)?,
        u64_of("now", now)?,
    );
    Ok(bigint_u256(remaining))
}

/// `executeSponsorship(merchant, amount, operationType)` calldata.
///
/// # Errors
/// Hex errors naming `merchant`, `INVALID_ARGUMENT`, `INVALID_OPERATION_TYPE`.
#[wasm_bindgen(js_name = encodeExecuteSponsorship)]
pub fn encode_execute_sponsorship(
    merchant: &JsValue,
    amount: &JsValue,
    operation_type: &JsValue,
) -> Result<JsValue, JsValue> {
    let calldata = paymaster::encode_execute_sponsorship(
        address("merchant", merchant)?,
        u256_of("amount", amount)?,
        operation_of(operation_type)?,
    );
    Ok(hex(&calldata))
}

/// The arguments of `executeSponsorship` calldata as `{ merchant, amount, operationType }`.
///
/// # Errors
/// `TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`, `INVALID_OPERATION_TYPE`, hex errors.
#[wasm_bindgen(js_name = decodeExecuteSponsorship)]
pub fn decode_execute_sponsorship(calldata: &JsValue) -> Result<JsValue, JsValue> {
    let args = paymaster::decode_execute_sponsorship(&bytes("calldata", calldata)?).map_err(core_error)?;
    let object = js_sys::Object::new();
    set(&object, "merchant", hex(args.merchant.as_slice()));
    set(&object, "amount", bigint_u256(args.amount));
    set(&object, "operationType", JsValue::from(args.operation.ordinal()));
    Ok(object.into())
}

/// `batchExecuteSponsorship(merchants, amounts, operationTypes)` calldata.
///
/// # Errors
/// As [`encode_execute_sponsorship`], plus `LENGTH_MISMATCH` for arrays of different lengths.
#[wasm_bindgen(js_name = encodeBatchExecuteSponsorship)]
pub fn encode_batch_execute_sponsorship(
    merchants: &JsValue,
    amounts: &JsValue,
    operation_types: &JsValue,
) -> Result<JsValue, JsValue> {
    let Some(list) = operation_types.dyn_ref::<js_sys::Array>() else {
        return Err(invalid_argument("operationTypes", "an array of OperationType values"));
    };
    let operations = list.iter().map(|item| operation_of(&item)).collect::<Result<Vec<_>, _>>()?;
    let calldata = paymaster::encode_batch_execute_sponsorship(
        &address_list("merchants", merchants)?,
        &u256_list("amounts", amounts)?,
        &operations,
    )
    .map_err(core_error)?;
    Ok(hex(&calldata))
}

/// `sponsorMerchant(merchant, tierId)` calldata.
///
/// # Errors
/// Hex and `INVALID_ARGUMENT` errors naming the field.
#[wasm_bindgen(js_name = encodeSponsorMerchant)]
pub fn encode_sponsor_merchant(merchant: &JsValue, tier_id: &JsValue) -> Result<JsValue, JsValue> {
    Ok(hex(&paymaster::encode_sponsor_merchant(address("merchant", merchant)?, u256_of("tierId", tier_id)?)))
}

/// `revokeMerchant(merchant)` calldata.
///
/// # Errors
/// Hex errors naming `merchant`.
#[wasm_bindgen(js_name = encodeRevokeMerchant)]
pub fn encode_revoke_merchant(merchant: &JsValue) -> Result<JsValue, JsValue> {
    Ok(hex(&paymaster::encode_revoke_merchant(address("merchant", merchant)?)))
}

/// `refundUnusedGas(merchant, refundAmount)` calldata.
///
/// # Errors
/// Hex and `INVALID_ARGUMENT` errors naming the field.
#[wasm_bindgen(js_name = encodeRefundUnusedGas)]
pub fn encode_refund_unused_gas(merchant: &JsValue, refund_amount: &JsValue) -> Result<JsValue, JsValue> {
    Ok(hex(&paymaster::encode_refund_unused_gas(
        address("merchant", merchant)?,
        u256_of("refundAmount", refund_amount)?,
    )))
}

/// `deposit()` calldata (send the ETH as the transaction's value).
#[wasm_bindgen(js_name = encodeDeposit)]
pub fn encode_deposit() -> JsValue {
    hex(&paymaster::encode_deposit())
}

/// `canSponsor(merchant, amount)` calldata (a view: use with `eth_call`).
///
/// # Errors
/// Hex and `INVALID_ARGUMENT` errors naming the field.
#[wasm_bindgen(js_name = encodeCanSponsor)]
pub fn encode_can_sponsor(merchant: &JsValue, amount: &JsValue) -> Result<JsValue, JsValue> {
    Ok(hex(&paymaster::encode_can_sponsor(address("merchant", merchant)?, u256_of("amount", amount)?)))
}

/// `canSponsor` return data as `{ sponsorable, reason }`.
///
/// # Errors
/// `TRUNCATED`, `INVALID_ABI`, hex errors.
#[wasm_bindgen(js_name = decodeCanSponsor)]
pub fn decode_can_sponsor(data: &JsValue) -> Result<JsValue, JsValue> {
    let decision = paymaster::decode_can_sponsor(&bytes("data", data)?).map_err(core_error)?;
    Ok(decision_to_js(decision.sponsorable, &decision.reason))
}

/// `getRemainingDailyAllowance(merchant)` calldata.
///
/// # Errors
/// Hex errors naming `merchant`.
#[wasm_bindgen(js_name = encodeGetRemainingDailyAllowance)]
pub fn encode_get_remaining_daily_allowance(merchant: &JsValue) -> Result<JsValue, JsValue> {
    Ok(hex(&paymaster::encode_get_remaining_daily_allowance(address("merchant", merchant)?)))
}

/// `getRemainingDailyAllowance` return data as a `bigint`.
///
/// # Errors
/// `TRUNCATED`, `INVALID_ABI`, hex errors.
#[wasm_bindgen(js_name = decodeGetRemainingDailyAllowance)]
pub fn decode_get_remaining_daily_allowance(data: &JsValue) -> Result<JsValue, JsValue> {
    paymaster::decode_get_remaining_daily_allowance(&bytes("data", data)?).map(bigint_u256).map_err(core_error)
}

/// Any SetPaymaster calldata as `{ name, signature, args }` (integers as decimal strings).
///
/// # Errors
/// `TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`, hex errors.
#[wasm_bindgen(js_name = decodePaymasterCall)]
pub fn decode_paymaster_call(calldata: &JsValue) -> Result<JsValue, JsValue> {
    let call = paymaster::decode_call(&bytes("calldata", calldata)?).map_err(core_error)?;
    json_value(&call.decoded().to_json())
}

/// The return data of any SetPaymaster function as `{ name, signature, args }`; `call` is the
/// calldata sent (or its 4-byte selector).
///
/// # Errors
/// `TRUNCATED`, `UNKNOWN_SELECTOR`, `INVALID_ABI`, hex errors.
#[wasm_bindgen(js_name = decodePaymasterReturn)]
pub fn decode_paymaster_return(call: &JsValue, data: &JsValue) -> Result<JsValue, JsValue> {
    let decoded = paymaster::decode_return(&bytes("call", call)?, &bytes("data", data)?).map_err(core_error)?;
    json_value(&decoded.to_json())
}

/// One SetPaymaster log (`{ topics, data }`) as `{ name, signature, args }`.
///
/// # Errors
/// `TRUNCATED`, `UNKNOWN_EVENT`, `WRONG_TOPIC_COUNT`, `INVALID_ABI`, hex errors.
#[wasm_bindgen(js_name = decodePaymasterLog)]
pub fn decode_paymaster_log(log: &JsValue) -> Result<JsValue, JsValue> {
    let (topics, data) = log_parts(log)?;
    let event = paymaster::decode_log(&topics, &data).map_err(core_error)?;
    json_value(&event.decoded().to_json())
}

/// SetPaymaster revert data (custom errors, `Error(string)`, `Panic(uint256)`) as
/// `{ name, signature, args }`.
///
/// # Errors
/// `TRUNCATED` (including empty revert data), `UNKNOWN_SELECTOR`, `INVALID_ABI`, hex errors.
#[wasm_bindgen(js_name = decodePaymasterError)]
pub fn decode_paymaster_error(revert_data: &JsValue) -> Result<JsValue, JsValue> {
    let revert = paymaster::decode_revert(&bytes("revertData", revert_data)?).map_err(core_error)?;
    json_value(&revert.decoded().to_json())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_operation_type_has_the_core_ordinals() {
        let all = [
            JsOperationType::ORDER_CREATE,
            JsOperationType::ORDER_UPDATE,
            JsOperationType::PAYMENT_PROCESS,
            JsOperationType::INVENTORY_UPDATE,
            JsOperationType::RETURN_PROCESS,
            JsOperationType::COMMITMENT_ANCHOR,
            JsOperationType::OTHER,
        ];
        assert_eq!(all.len(), OperationType::ALL.len());
        for value in all {
            assert_eq!(OperationType::from(value).ordinal(), value as u8);
        }
    }
}
