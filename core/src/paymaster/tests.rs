use super::interface::{event_shape, every_item_from_default, every_return_from_default};
use super::*;
use crate::abi::test_support::{call_pin, check_decoded_forms, check_pins, error_pin, event_pin, inherited_pins};
use alloy_primitives::{address, keccak256};
use alloy_primitives::{Address, U256};
use alloy_sol_types::{Panic, Revert, SolCall, SolError, SolInterface};
use alloy_sol_types::{SolEvent, SolEventInterface};
use proptest::prelude::*;

#[test]
fn pins_every_function_selector_of_the_deployed_contract() {
    let rows = [
        call_pin::<ISetPaymaster::initializeCall>("initialize(address,address)", "0x485cc955"),
        call_pin::<ISetPaymaster::createTierCall>("createTier(string,uint256,uint256,uint256)", "0xf6f95ae2"),
        call_pin::<ISetPaymaster::updateTierCall>("updateTier(uint256,uint256,uint256,uint256)", "0xaef8356c"),
        call_pin::<ISetPaymaster::setTierActiveCall>("setTierActive(uint256,bool)", "0x8422abc0"),
        call_pin::<ISetPaymaster::setOperatorCall>("setOperator(address,bool)", "0x558a7297"),
        call_pin::<ISetPaymaster::setTreasuryCall>("setTreasury(address)", "0xf0f44260"),
        call_pin::<ISetPaymaster::setMinDepositCall>("setMinDeposit(uint256)", "0x8fcc9cfb"),
        call_pin::<ISetPaymaster::sponsorMerchantCall>("sponsorMerchant(address,uint256)", "0x02047477"),
        call_pin::<ISetPaymaster::revokeMerchantCall>("revokeMerchant(address)", "0x819a701c"),
        call_pin::<ISetPaymaster::canSponsorCall>("canSponsor(address,uint256)", "0x7b03ed40"),
        call_pin::<ISetPaymaster::executeSponsorshipCall>("executeSponsorship(address,uint256,uint8)", "0x6f003ea5"),
        call_pin::<ISetPaymaster::refundUnusedGasCall>("refundUnusedGas(address,uint256)", "0xaa62b0a4"),
        call_pin::<ISetPaymaster::depositCall>("deposit()", "0xd0e30db0"),
        call_pin::<ISetPaymaster::withdrawCall>("withdraw(uint256)", "0x2e1a7d4d"),
        call_pin::<ISetPaymaster::balanceCall>("balance()", "0xb69ef8a8"),
        call_pin::<ISetPaymaster::getRemainingDailyAllowanceCall>("getRemainingDailyAllowance(address)", "0x1b583f90"),
        call_pin::<ISetPaymaster::getMerchantDetailsCall>("getMerchantDetails(address)", "0x4e6cdee4"),
        call_pin::<ISetPaymaster::batchSponsorMerchantsCall>(
            "batchSponsorMerchants(address[],uint256[])",
            "0xc03bc09c",
        ),
        call_pin::<ISetPaymaster::batchRevokeMerchantsCall>("batchRevokeMerchants(address[])", "0xb130d941"),
        call_pin::<ISetPaymaster::batchExecuteSponsorshipCall>(
            "batchExecuteSponsorship(address[],uint256[],uint8[])",
            "0xf19ed7f6",
        ),
        call_pin::<ISetPaymaster::batchRefundUnusedGasCall>("batchRefundUnusedGas(address[],uint256[])", "0xe77b33cb"),
        call_pin::<ISetPaymaster::batchGetMerchantStatusCall>("batchGetMerchantStatus(address[])", "0x30462e8d"),
        call_pin::<ISetPaymaster::batchCanSponsorCall>("batchCanSponsor(address[],uint256[])", "0x8770f1da"),
        call_pin::<ISetPaymaster::batchGetRemainingDailyAllowanceCall>(
            "batchGetRemainingDailyAllowance(address[])",
            "0xba90ac07",
        ),
        call_pin::<ISetPaymaster::batchGetMerchantDetailsCall>("batchGetMerchantDetails(address[])", "0x0803b2ae"),
        call_pin::<ISetPaymaster::batchUpdateMerchantTierCall>(
            "batchUpdateMerchantTier(address[],uint256)",
            "0xffcbc64a",
        ),
        call_pin::<ISetPaymaster::getPaymasterStatusCall>("getPaymasterStatus()", "0xd133281d"),
        call_pin::<ISetPaymaster::getAllTiersCall>("getAllTiers()", "0x6471af83"),
        call_pin::<ISetPaymaster::tiersCall>("tiers(uint256)", "0x039af9eb"),
        call_pin::<ISetPaymaster::nextTierIdCall>("nextTierId()", "0x0594fd04"),
        call_pin::<ISetPaymaster::merchantSponsorshipCall>("merchantSponsorship(address)", "0xeeda3ef7"),
        call_pin::<ISetPaymaster::totalGasSponsoredCall>("totalGasSponsored()", "0xe0f6dfca"),
        call_pin::<ISetPaymaster::treasuryCall>("treasury()", "0x61d027b3"),
        call_pin::<ISetPaymaster::minDepositCall>("minDeposit()", "0x41b3d185"),
        call_pin::<ISetPaymaster::operatorsCall>("operators(address)", "0x13e7c9d8"),
        call_pin::<ISetPaymaster::MAX_BATCH_SIZECall>("MAX_BATCH_SIZE()", "0xcfdbf254"),
    ];
    let inherited = inherited_pins!(ISetPaymaster).0;
    check_pins(&rows);
    check_pins(&inherited);
    assert_eq!(rows.len() + inherited.len(), PaymasterCall::COUNT, "every function is pinned");
}

#[test]
fn pins_every_error_selector_of_the_deployed_contract() {
    let rows = [
        error_pin::<ISetPaymaster::NotSponsored>("NotSponsored()", "0xa3624f65"),
        error_pin::<ISetPaymaster::TierNotActive>("TierNotActive()", "0x402b7a26"),
        error_pin::<ISetPaymaster::ExceedsTransactionLimit>("ExceedsTransactionLimit(uint256,uint256)", "0x6ff82ea3"),
        error_pin::<ISetPaymaster::ExceedsDailyLimit>("ExceedsDailyLimit(uint256,uint256)", "0x473a3226"),
        error_pin::<ISetPaymaster::ExceedsMonthlyLimit>("ExceedsMonthlyLimit(uint256,uint256)", "0xf3e2d50a"),
        error_pin::<ISetPaymaster::InsufficientBalance>("InsufficientBalance()", "0xf4d678b8"),
        error_pin::<ISetPaymaster::NotOperator>("NotOperator()", "0x7c214f04"),
        error_pin::<ISetPaymaster::InvalidTier>("InvalidTier()", "0xe1423617"),
        error_pin::<ISetPaymaster::InvalidTierLimits>("InvalidTierLimits()", "0xd7701950"),
        error_pin::<ISetPaymaster::InvalidAddress>("InvalidAddress()", "0xe6c4247b"),
        error_pin::<ISetPaymaster::ArrayLengthMismatch>("ArrayLengthMismatch()", "0xa24a13a6"),
        error_pin::<ISetPaymaster::BatchTooLarge>("BatchTooLarge()", "0x0b7d62e2"),
        error_pin::<ISetPaymaster::EmptyArray>("EmptyArray()", "0x521299a9"),
        error_pin::<ISetPaymaster::TransferFailed>("TransferFailed()", "0x90b8ec18"),
        error_pin::<ISetPaymaster::BelowMinimumDeposit>("BelowMinimumDeposit(uint256,uint256)", "0x1e2be211"),
        error_pin::<ISetPaymaster::WithdrawFailed>("WithdrawFailed()", "0x750b219c"),
        error_pin::<ISetPaymaster::InvalidRefundAmount>("InvalidRefundAmount()", "0x16365d5f"),
        error_pin::<ISetPaymaster::RefundValueMismatch>("RefundValueMismatch(uint256,uint256)", "0x3a486095"),
        error_pin::<ISetPaymaster::RefundExceedsSponsored>("RefundExceedsSponsored(uint256,uint256)", "0xd6b7c2b2"),
    ];
    let inherited = inherited_pins!(ISetPaymaster).1;
    check_pins(&rows);
    check_pins(&inherited);
    assert_eq!(rows.len() + inherited.len(), ISetPaymaster::ISetPaymasterErrors::COUNT, "every error is pinned");
}

#[test]
fn pins_every_event_topic0_of_the_deployed_contract() {
    let rows = [
        event_pin::<ISetPaymaster::TierCreated>(
            "TierCreated(uint256,string,uint256,uint256)",
            "0x0655289c4d9d7c45c2b83b18a45e3ce05f40710e413db2117ee045e2ab12cab2",
        ),
        event_pin::<ISetPaymaster::TierUpdated>(
            "TierUpdated(uint256,uint256,uint256)",
            "0x2702951ec468d8fb7c1501e01af87b4bd50cda65a20463fc38ee59b954a777b0",
        ),
        event_pin::<ISetPaymaster::TierStatusUpdated>(
            "TierStatusUpdated(uint256,bool)",
            "0x2df1b71ce90a262ee59e0664d1738fc1066db1518d04b64cda13d23eccc8d214",
        ),
        event_pin::<ISetPaymaster::MerchantSponsored>(
            "MerchantSponsored(address,uint256)",
            "0x3e8fda488d3393149d5f450b2c2c3c07e1c0715419c8bb1e21b645c0d04c7475",
        ),
        event_pin::<ISetPaymaster::MerchantRevoked>(
            "MerchantRevoked(address)",
            "0x1bc5b06af60efc2e1bf6905dcc4fa4bb9153c3a9b61a0aa9568c573cbe01076b",
        ),
        event_pin::<ISetPaymaster::GasSponsored>(
            "GasSponsored(address,uint256,uint8)",
            "0x3c5e8d9be1c0fff5d7bacdfcf3543f199abb043157416d665da09cc0b209573a",
        ),
        event_pin::<ISetPaymaster::GasRefunded>(
            "GasRefunded(address,uint256)",
            "0x667ad9c7167aea9bfcff8b321015abb0d8b77cf151a377e09e12b9017f9889fd",
        ),
        event_pin::<ISetPaymaster::Deposited>(
            "Deposited(address,uint256)",
            "0x2da466a7b24304f47e87fa2e1e5a81b9831ce54fec19055ce277ca2f39ba42c4",
        ),
        event_pin::<ISetPaymaster::Withdrawn>(
            "Withdrawn(address,uint256)",
            "0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5",
        ),
        event_pin::<ISetPaymaster::OperatorUpdated>(
            "OperatorUpdated(address,bool)",
            "0x966c160e1c4dbc7df8d69af4ace01e9297c3cf016397b7914971f2fbfa32672d",
        ),
        event_pin::<ISetPaymaster::MinDepositUpdated>(
            "MinDepositUpdated(uint256)",
            "0x96a008f96f1c0ab9fa3d9ddd43cdfc614848c4d054d51f43662ed900e9d094c8",
        ),
        event_pin::<ISetPaymaster::BatchSponsorshipCompleted>(
            "BatchSponsorshipCompleted(uint256,uint256,uint256)",
            "0x0dddffe575b4f16a5066eb5224448852a8a5efa535a9666ff40ce166f5930614",
        ),
        event_pin::<ISetPaymaster::BatchSponsorshipFailed>(
            "BatchSponsorshipFailed(address,string)",
            "0x6e72b8e9b57f7c6e2e5b520441f8b5b30c32186bf5bf80d54191dce22c6f476f",
        ),
    ];
    let inherited = inherited_pins!(ISetPaymaster).2;
    check_pins(&rows);
    check_pins(&inherited);
    assert_eq!(rows.len() + inherited.len(), PaymasterEvent::COUNT, "every event is pinned");
    // Topic counts include topic0, then one per indexed argument.
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
    let items = every_item_from_default();
    assert_eq!(items.len(), PaymasterCall::COUNT + ISetPaymaster::ISetPaymasterErrors::COUNT + PaymasterEvent::COUNT);
    check_decoded_forms(items, every_return_from_default(), &[]);
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
fn default_tiers_match_the_deployed_contracts_wei_values() {
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
    assert_eq!(can_sponsor(&tier, &month, T0 + MONTH_SECONDS - 1, amount, plenty()).reason, "Exceeds monthly limit");
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
    assert_eq!(execute_sponsorship(&tier, &revoked, T0, U256::ZERO, plenty()), Err(SponsorshipRevert::NotSponsored));
    let off = Tier { active: false, ..tier.clone() };
    assert_eq!(execute_sponsorship(&off, &fresh(), T0, U256::ZERO, plenty()), Err(SponsorshipRevert::TierNotActive));
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
    // Ten sponsorships of 0.001 fill Starter's day; the eleventh reports remaining 0, as the old
    // contract's own tests expect.
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
    let event = PaymasterEvent::MerchantRevoked(ISetPaymaster::MerchantRevoked { merchant: Address::repeat_byte(2) });
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
    let limit = SponsorshipRevert::ExceedsDailyLimit { requested: U256::from(1), remaining: U256::ZERO }.revert_data();
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

crate::abi::test_support::decoders_never_panic! {
    all: all_decoders,
    decode_return: decode_return,
    decode_log: decode_log,
    calls: PaymasterCall,
    errors: ISetPaymaster::ISetPaymasterErrors,
    picks: 128,
    known_topic: ISetPaymaster::TierCreated::SIGNATURE_HASH,
}

proptest! {
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
