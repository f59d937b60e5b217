"""The receipt conformance suite (tests/conformance/cases/*.json, format in
tests/conformance/README.md): every case one by one, then every case once in bulk (the cases with
the same trust text in one `verify_receipts` call), each compared with its expected valid, level
and checks, or error code and field; and the case documents against the published JSON Schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import setchain
from conftest import REPO

CASES = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((REPO / "tests" / "conformance" / "cases").glob("*.json"))]
SCHEMAS = REPO / "schemas"


def bundle_of(case: dict[str, Any]) -> Any:
    """The bundle as the case gives it: its text for a document that is not JSON, else the dict."""
    return case["bundle_text"] if "bundle_text" in case else case["bundle"]


def answer(result: setchain.Verdict | setchain.SetError) -> dict[str, Any]:
    """A verdict or an error in the case file's form of an answer."""
    if isinstance(result, setchain.Verdict) and result.error is not None:
        result = result.error
    if isinstance(result, setchain.SetError):
        return {"error": {"code": result.code, "field": result.field}}
    return {"valid": result.valid, "level": result.level, "checks": result.checks}


def run(bundle: Any, trust: Any) -> dict[str, Any]:
    try:
        return answer(setchain.verify_receipt(bundle, trust))
    except setchain.SetError as err:
        return answer(err)


def test_the_suite_has_its_cases() -> None:
    assert len(CASES) >= 60
    assert any("error" in c["expect"] for c in CASES) and any(c["expect"].get("valid") for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_one_by_one(case: dict[str, Any]) -> None:
    assert run(bundle_of(case), case["trust"]) == case["expect"]
    text = bundle_of(case) if "bundle_text" in case else json.dumps(case["bundle"])
    assert run(text, json.dumps(case["trust"])) == case["expect"]


def test_every_case_in_bulk_one_call_per_trust_text() -> None:
    groups: dict[str, list[dict[str, Any]]] = {}
    for case in CASES:
        groups.setdefault(json.dumps(case["trust"], sort_keys=True), []).append(case)
    assert any(len(group) > 10 for group in groups.values()), "the valid trust is shared by many cases"
    answered = 0
    for trust, group in groups.items():
        try:
            verdicts = setchain.verify_receipts([bundle_of(c) for c in group], trust)
        except setchain.SetError as err:
            # A trust that cannot be used fails the whole call: each of its cases expects that error.
            for case in group:
                assert answer(err) == case["expect"], case["name"]
            answered += len(group)
            continue
        assert len(verdicts) == len(group)
        for case, verdict in zip(group, verdicts):
            assert answer(verdict) == case["expect"], f"{case['name']} (bulk)"
        answered += len(group)
    assert answered == len(CASES)


def _validator(name: str) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    path = SCHEMAS / name
    if not path.exists():
        pytest.skip(f"schemas/{name} is not in this checkout")
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _errors(validator: Any, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}" for e in validator.iter_errors(document)]


def test_every_readable_bundle_matches_the_receipt_schema() -> None:
    validator = _validator("set-receipt-v2.schema.json")
    bundles = [c for c in CASES if "error" not in c["expect"]]
    assert len(bundles) > 40
    for case in bundles:
        assert _errors(validator, case["bundle"]) == [], case["name"]


def test_every_case_trust_matches_the_trust_root_schema() -> None:
    validator = _validator("set-trust-root-v1.schema.json")
    # A trust the case expects to be refused (its error names a trust field) may not validate.
    trusts = [c for c in CASES if not c["expect"].get("error", {}).get("field", "").startswith("trust")]
    assert len(trusts) > 40
    for case in trusts:
        assert _errors(validator, case["trust"]) == [], case["name"]
