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

# Every case, the proof- ones ("requires": ["anchor-proof"]) included: this package builds the
# core's anchor-proof feature (python/Cargo.toml).
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
    return {"valid": result.valid, "level": result.level, "checks": result.checks, "signatures": result.signatures}


def run(bundle: Any, trust: Any) -> dict[str, Any]:
    try:
        return answer(setchain.verify_receipt(bundle, trust))
    except setchain.SetError as err:
        return answer(err)


def test_the_suite_has_its_cases() -> None:
    assert len(CASES) >= 60
    assert {"anchored-l2-proof", "anchored-l1"} <= {c["expect"].get("level") for c in CASES if "requires" in c}
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


def _refuses_the_bundle(case: dict[str, Any]) -> bool:
    """Whether the case expects the core to refuse its bundle (not its trust)."""
    error = case["expect"].get("error")
    return error is not None and not error["field"].startswith("trust")


def test_the_receipt_schema_accepts_every_v2_bundle_the_core_reads_and_refuses_every_one_it_refuses() -> None:
    validator = _validator("set-receipt-v2.schema.json")
    # The schema describes set-receipt-v2; v1 bundles, still read, are not its subject.
    readable = [c for c in CASES if "error" not in c["expect"] and c["bundle"]["format"] == "set-receipt-v2"]
    assert len(readable) > 40
    for case in readable:
        assert _errors(validator, case["bundle"]) == [], case["name"]
    refused = [c for c in CASES if _refuses_the_bundle(c) and "bundle" in c]
    assert any("requires" in c for c in refused), "the proof- cases' malformed proofs are among them"
    assert len(refused) > 10
    for case in refused:
        assert _errors(validator, case["bundle"]) != [], f"{case['name']}: the core refuses it, the schema accepts it"


def test_the_trust_root_schema_agrees_with_the_core_on_trust_roots() -> None:
    validator = _validator("set-trust-root-v1.schema.json")
    roots = [c for c in CASES if "format" in c["trust"]]
    assert any("error" in c["expect"] for c in roots) and any("error" not in c["expect"] for c in roots)
    for case in roots:
        errors = _errors(validator, case["trust"])
        if "error" in case["expect"]:
            assert errors != [], f"{case['name']}: the core refuses this trust root, the schema accepts it"
        else:
            assert errors == [], case["name"]


def test_every_pinned_case_trust_is_a_valid_trust_root() -> None:
    # The network and keys every case pins, written as the trust root an app would ship.
    validator = _validator("set-trust-root-v1.schema.json")
    pinned = [
        c
        for c in CASES
        if all(key in c["trust"] for key in ("chain_id", "registry", "sequencer_public_keys"))
        and c["trust"]["sequencer_public_keys"]
        and not c["expect"].get("error", {}).get("field", "").startswith("trust")
    ]
    assert len(pinned) > 40
    for case in pinned:
        trust = case["trust"]
        root = {"format": "set-trust-root-v1", "network": "conformance", **{k: trust[k] for k in ("chain_id", "registry", "sequencer_public_keys")}}
        assert _errors(validator, root) == [], case["name"]
        # And the core reads it as the same pins.
        assert run(bundle_of(case), root).get("error") is None or "error" in case["expect"], case["name"]
