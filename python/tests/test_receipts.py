import json
from typing import Any

import setchain
from conftest import assert_set_error, vectors

V = vectors("receipts.json")


def check(case: dict[str, Any], verdict: setchain.Verdict) -> None:
    want = case["expected"]["verdict"]
    assert verdict.valid is want["valid"], case["name"]
    assert bool(verdict) is want["valid"]
    assert verdict.level == want["level"], case["name"]
    assert verdict.checks == want["checks"], case["name"]
    # Reasons are text for people: the same checks have one (every failed or skipped check).
    assert sorted(verdict.reasons) == sorted(want["reasons"]), case["name"]
    assert verdict.failed == [name for name in verdict.failed if verdict.checks[name] == "fail"]
    assert sorted(verdict.failed) == sorted(name for name, status in want["checks"].items() if status == "fail")
    assert verdict.error is None
    # These vectors are Ed25519 receipts: a signature check that passed verified that algorithm.
    verified = {signer: ["ed25519"] if want["checks"][f"{signer}_signature"] == "pass" else [] for signer in ("sequencer", "agent")}
    assert verdict.signatures == verified, case["name"]
    assert verdict.to_dict() == {"valid": want["valid"], "level": want["level"], "checks": want["checks"], "reasons": verdict.reasons, "signatures": verified}


def test_vector_verdicts_from_dicts_and_json_text() -> None:
    cases = V["valid"] + V["tampered"]
    assert len(cases) > 10
    for case in cases:
        check(case, setchain.verify_receipt(case["bundle"], case["trust"]))
        check(case, setchain.verify_receipt(json.dumps(case["bundle"]), json.dumps(case["trust"])))


def test_vector_malformed_bundles_raise_errors_with_code_and_field() -> None:
    assert V["malformed"]
    for case in V["malformed"]:
        expected = case["expected"]
        err = assert_set_error(
            lambda: setchain.verify_receipt(case["bundle"], case["trust"]), expected["error_code"], field=expected["error_field"]
        )
        assert isinstance(err, setchain.ReceiptError)


def test_not_json_at_all() -> None:
    trust = V["valid"][0]["trust"]
    assert_set_error(lambda: setchain.verify_receipt("{", trust), "INVALID_JSON", field="$")
    assert_set_error(lambda: setchain.verify_receipt(object(), trust), "INVALID_ARGUMENT", "bundle", setchain.InvalidArgumentError, field="bundle")  # type: ignore[arg-type]


ANCHORED = next(c for c in V["valid"] if "onchain" in c["trust"])


def test_on_chain_evidence_needs_the_network_pinned() -> None:
    unpinned = {k: v for k, v in ANCHORED["trust"].items() if k not in ("chain_id", "registry")}
    assert_set_error(lambda: setchain.verify_receipt(ANCHORED["bundle"], unpinned), "NETWORK_NOT_PINNED", field="trust.registry")
    with_registry = {**unpinned, "registry": ANCHORED["trust"]["registry"]}
    assert_set_error(lambda: setchain.verify_receipt(ANCHORED["bundle"], with_registry), "NETWORK_NOT_PINNED", field="trust.chain_id")
    assert_set_error(lambda: setchain.verify_receipts([ANCHORED["bundle"]], unpinned), "NETWORK_NOT_PINNED", field="trust.registry")


def test_a_trust_root_document_is_a_trust_and_pins_the_anchor() -> None:
    t = ANCHORED["trust"]
    root = {
        "format": "set-trust-root-v1",
        "network": "set-chain-demo",
        "chain_id": t["chain_id"],
        "registry": t["registry"],
        "sequencer_public_keys": t["sequencer_public_keys"],
    }
    verdict = setchain.verify_receipt(ANCHORED["bundle"], root)
    assert (verdict.valid, verdict.level, verdict.checks["anchor"]) == (True, "committed", "pass")
    elsewhere = setchain.verify_receipt(ANCHORED["bundle"], {**root, "registry": "0x" + "77" * 20})
    assert (elsewhere.valid, elsewhere.level, elsewhere.checks["anchor"]) == (False, "none", "fail")
    assert elsewhere.failed == ["anchor"]
    incomplete = {k: v for k, v in root.items() if k != "network"}
    assert_set_error(lambda: setchain.verify_receipt(ANCHORED["bundle"], incomplete), "INVALID_JSON", field="trust.network")
    assert_set_error(
        lambda: setchain.verify_receipt(ANCHORED["bundle"], {**root, "format": "set-trust-root-v9"}), "UNSUPPORTED_FORMAT", field="trust.format"
    )


def test_bulk_gives_one_verdict_per_bundle_as_one_by_one() -> None:
    trust = V["valid"][0]["trust"]
    cases = [c for kind in ("valid", "tampered") for c in V[kind] if c["trust"] == trust]
    assert len(cases) > 5
    # Any iterable of dicts or JSON texts.
    verdicts = setchain.verify_receipts((json.dumps(c["bundle"]) if i % 2 else c["bundle"] for i, c in enumerate(cases)), trust)
    assert len(verdicts) == len(cases)
    for case, verdict in zip(cases, verdicts):
        check(case, verdict)
    assert setchain.verify_receipts([], trust) == []


def test_bulk_unreadable_bundles_are_verdicts_carrying_their_error() -> None:
    good = V["valid"][0]
    bad = V["malformed"][0]
    verdicts = setchain.verify_receipts([good["bundle"], bad["bundle"], "{", {1, 2}, good["bundle"]], good["trust"])  # type: ignore[list-item]
    assert len(verdicts) == 5
    check(good, verdicts[0])
    check(good, verdicts[4])
    for verdict, cls, code, field in [
        (verdicts[1], setchain.SetError, bad["expected"]["error_code"], bad["expected"]["error_field"]),
        (verdicts[2], setchain.ReceiptError, "INVALID_JSON", "$"),
        (verdicts[3], setchain.InvalidArgumentError, "INVALID_ARGUMENT", "bundle"),
    ]:
        assert (verdict.valid, bool(verdict), verdict.level, verdict.checks, verdict.reasons) == (False, False, "none", {}, {})
        assert verdict.signatures == {"sequencer": [], "agent": []}
        assert isinstance(verdict.error, cls) and isinstance(verdict.error, ValueError)
        assert (verdict.error.code, verdict.error.field) == (code, field)
        assert verdict.to_dict()["error"] == {"code": code, "field": field, "message": str(verdict.error)}
    assert_set_error(lambda: setchain.verify_receipts(5, good["trust"]), "INVALID_ARGUMENT", "bundles", setchain.InvalidArgumentError)  # type: ignore[arg-type]
    assert_set_error(lambda: setchain.verify_receipts([good["bundle"]], "{"), "INVALID_JSON", field="$")
