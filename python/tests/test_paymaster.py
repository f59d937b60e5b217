from collections.abc import Callable
from typing import Any

import setchain
from conftest import assert_set_error, h, vectors
from setchain import OperationType

V = vectors("paymaster.json")


def tier_of(d: dict[str, Any]) -> setchain.Tier:
    return setchain.Tier(d["name"], int(d["max_per_transaction"]), int(d["max_per_day"]), int(d["max_per_month"]), d["active"])


def merchant_of(d: dict[str, Any]) -> setchain.MerchantState:
    return setchain.MerchantState(
        active=d["active"],
        tier_id=int(d["tier_id"]),
        last_day_reset=int(d["last_day_reset"]),
        last_month_reset=int(d["last_month_reset"]),
        spent_today=int(d["spent_today"]),
        spent_this_month=int(d["spent_this_month"]),
        total_sponsored=int(d["total_sponsored"]),
    )


def test_operation_type_is_an_int_enum_matching_the_core_and_vectors() -> None:
    assert [(m.name, m.value) for m in OperationType] == setchain._native.operation_types()
    assert [(m.name, int(m)) for m in OperationType] == [(c["name"], c["ordinal"]) for c in V["operation_types"]]


def test_constants_and_default_tiers() -> None:
    k = V["constants"]
    assert (setchain.DAY_SECONDS, setchain.MONTH_SECONDS) == (int(k["day_seconds"]), int(k["month_seconds"]))
    assert (setchain.MIN_DEPOSIT_WEI, setchain.MAX_BATCH_SIZE) == (int(k["min_deposit_wei"]), k["max_batch_size"])
    assert setchain.default_tiers() == [tier_of(t) for t in V["default_tiers"]]


def test_vector_sponsorship_decisions() -> None:
    for c in V["decisions"]:
        tier, merchant = tier_of(c["tier"]), merchant_of(c["merchant"])
        decision = setchain.can_sponsor(tier, merchant, int(c["now"]), int(c["amount"]), int(c["balance"]))
        want = c["expected"]
        assert (decision.sponsorable, decision.reason, bool(decision)) == (want["sponsorable"], want["reason"], want["sponsorable"])
        assert setchain.remaining_daily_allowance(tier, merchant, int(c["now"])) == int(want["remaining_daily_allowance"])


def test_vector_executions_return_the_record_or_raise_the_revert() -> None:
    for c in V["executions"]:
        tier, merchant = tier_of(c["tier"]), merchant_of(c["merchant"])
        args = (tier, merchant, int(c["now"]), int(c["amount"]), int(c["balance"]))
        want = c["expected"]
        if "ok" in want:
            assert setchain.execute_sponsorship(*args) == merchant_of(want["ok"]), c["label"]
        else:
            try:
                setchain.execute_sponsorship(*args)
            except setchain.PaymasterRevert as revert:
                err = want["error"]
                assert (revert.name, revert.signature, revert.arguments) == (err["name"], err["signature"], err["args"])
                assert revert.data == h(want["revert_data"])
            else:
                raise AssertionError(f"{c['label']}: expected a revert")


def test_vector_calldata_decodes_and_encoders_match() -> None:
    for c in V["calldata"]:
        assert setchain.decode_paymaster_call(c["calldata"]) == c["decoded"], c["function"]
        a, data, fn = c["decoded"]["args"], h(c["calldata"]), c["function"]
        encoders: dict[str, Callable[[], bytes]] = {
            "executeSponsorship": lambda: setchain.encode_execute_sponsorship(
                a["merchant"], int(a["amount"]), OperationType(int(a["operationType"]))
            ),
            "sponsorMerchant": lambda: setchain.encode_sponsor_merchant(a["merchant"], int(a["tierId"])),
            "refundUnusedGas": lambda: setchain.encode_refund_unused_gas(a["merchant"], int(a["refundAmount"])),
            "batchExecuteSponsorship": lambda: setchain.encode_batch_execute_sponsorship(
                a["merchants"], [int(x) for x in a["amounts"]], [int(x) for x in a["operationTypes"]]
            ),
            "createTier": lambda: setchain.encode_create_tier(
                a["name"], int(a["maxPerTx"]), int(a["maxPerDay"]), int(a["maxPerMonth"])
            ),
            "canSponsor": lambda: setchain.encode_can_sponsor(a["merchant"], int(a["amount"])),
            "deposit": setchain.encode_deposit,
        }
        assert encoders[fn]() == data, fn
        if fn == "executeSponsorship":
            typed = setchain.decode_execute_sponsorship(data)
            assert typed.operation is OperationType(int(a["operationType"]))
            assert (typed.merchant, typed.amount) == (a["merchant"], int(a["amount"]))


def test_vector_returns_logs_and_reverts() -> None:
    for c in V["returns"]:
        assert setchain.decode_paymaster_return(c["selector"], c["data"]) == c["decoded"]
        if c["function"] == "canSponsor":
            d = setchain.decode_can_sponsor(c["data"])
            assert (d.sponsorable, d.reason) == (c["typed"]["sponsorable"], c["typed"]["reason"])
    for c in V["logs"]:
        assert setchain.decode_paymaster_log(c["topics"], c["data"]) == c["decoded"], c["event"]
    for c in V["reverts"]:
        revert = setchain.decode_paymaster_revert(c["data"])
        assert isinstance(revert, setchain.PaymasterRevert)
        assert (revert.name, revert.signature, revert.arguments) == (c["decoded"]["name"], c["decoded"]["signature"], c["decoded"]["args"])


def test_vector_negative_error_codes() -> None:
    decoders: dict[str, Callable[[dict[str, Any]], object]] = {
        "decode_execute_sponsorship": lambda i: setchain.decode_execute_sponsorship(i["data"]),
        "encode_batch_execute_sponsorship": lambda i: setchain.encode_batch_execute_sponsorship(
            ["0x" + "cd" * 20] * i["merchants"], [1] * i["amounts"], [OperationType.OTHER] * i["operations"]
        ),
        "decode_revert": lambda i: setchain.decode_paymaster_revert(i["data"]),
        "decode_log": lambda i: setchain.decode_paymaster_log(i.get("topics", []), i["data"]),
    }
    for c in V["negative"]:
        assert c["decoder"] in decoders, f"no binding for {c['decoder']}"
        assert_set_error(lambda: decoders[c["decoder"]](c["input"]), c["code"], cls=setchain.PaymasterError)


def test_bad_paymaster_inputs_raise_documented_codes() -> None:
    assert_set_error(lambda: setchain.encode_execute_sponsorship("0x12", 1, 0), "WRONG_LENGTH", "merchant")
    assert_set_error(lambda: setchain.encode_execute_sponsorship("0x" + "cd" * 20, 1, 7), "INVALID_OPERATION_TYPE")
    assert_set_error(lambda: setchain.encode_execute_sponsorship("0x" + "cd" * 20, -1, 0), "INVALID_ARGUMENT", "amount")
    assert_set_error(lambda: setchain.encode_withdraw(2**256), "INVALID_ARGUMENT", "amount")
    assert_set_error(lambda: setchain.Tier("x", 1, 2, 3, active="yes"), "INVALID_ARGUMENT", "active")  # type: ignore[arg-type]
    assert_set_error(lambda: setchain.MerchantState(last_day_reset=-5), "INVALID_ARGUMENT", "last_day_reset")
    assert setchain.MerchantState.sponsored(2, 100) == setchain.MerchantState(active=True, tier_id=2, last_day_reset=100, last_month_reset=100)
    assert setchain.encode_withdraw(2**256 - 1)[:4] == setchain.encode_withdraw(0)[:4]
