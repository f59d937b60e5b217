import json
from typing import Any

import pytest

import setchain
from conftest import assert_set_error, vectors

V = vectors("receipts.json")


def check(case: dict[str, Any], verdict: setchain.Verdict) -> None:
    want = case["expected"]["verdict"]
    assert verdict.valid is want["valid"], case["name"]
    assert bool(verdict) is want["valid"]
    assert verdict.checks == want["checks"], case["name"]
    assert sorted(verdict.reasons) == sorted(want["reasons"]), case["name"]
    assert verdict.failed == [name for name, status in verdict.checks.items() if status == "fail"]
    assert verdict.to_dict()["checks"] == want["checks"]


@pytest.mark.parametrize("kind", ["valid", "tampered"])
def test_vector_verdicts_from_dicts_and_json_text(kind: str) -> None:
    assert V[kind]
    for case in V[kind]:
        check(case, setchain.verify_receipt(case["bundle"], case["trust"]))
        check(case, setchain.verify_receipt(json.dumps(case["bundle"]), json.dumps(case["trust"])))


def test_vector_malformed_bundles_raise_errors_naming_the_field() -> None:
    assert V["malformed"]
    for case in V["malformed"]:
        expected = case["expected"]
        assert_set_error(
            lambda: setchain.verify_receipt(case["bundle"], case["trust"]), expected["error_code"], expected["error_field_prefix"]
        )


def test_not_json_at_all() -> None:
    trust = V["valid"][0]["trust"]
    assert_set_error(lambda: setchain.verify_receipt("{", trust), "INVALID_JSON")
    assert_set_error(lambda: setchain.verify_receipt(object(), trust), "INVALID_ARGUMENT", "bundle")  # type: ignore[arg-type]
