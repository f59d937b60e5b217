"""Anchor proofs: ``verify_anchor_proof`` answers each proof- conformance case
(tests/conformance/cases/proof-*.json) with the checks ``verify_receipt`` gives, and each refusal
as an ``AnchorProofError`` naming its code and the field or proof node at fault; a producer's
``attach_anchor_proof`` and ``upgrade_anchor_proof`` return the bundles of
tests/vectors/anchor-proof.json byte for byte."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

import setchain
from conftest import REPO, VECTORS

CASES = {
    case["name"]: case
    for case in (json.loads(path.read_text(encoding="utf-8")) for path in sorted((REPO / "tests" / "conformance" / "cases").glob("proof-*.json")))
}

# Case -> the failed checks' (code, field); every other proof check passes or is skipped.
REFUSALS: dict[str, dict[str, tuple[str, str]]] = {
    "proof-another-account": {"anchor_proof": ("PROOF_WRONG_ACCOUNT", "anchor.proof.address")},
    "proof-before-the-commitment-landed": {"anchor_proof": ("PROOF_NOT_COMMITTED", "anchor.proof.storage_proof[0].value")},
    "proof-of-another-batch": {"anchor_proof": ("PROOF_WRONG_SLOT", "anchor.proof.storage_proof[0].key")},
    "proof-output-on-another-l1-chain": {
        "anchor_proof": ("UNTRUSTED_L2_HEADER", "anchor.proof.l2_header"),
        "output_root": ("WRONG_L1_LOCATION", "anchor.proof.output.l1.chain_id"),
    },
    "proof-tamper-output-l2-block-number": {
        "anchor_proof": ("UNTRUSTED_L2_HEADER", "anchor.proof.l2_header"),
        "output_root": ("OUTPUT_ROOT_MISMATCH", "anchor.proof.output.l1.l2_block_number"),
    },
    "proof-output-root-not-pinned": {
        "anchor_proof": ("UNTRUSTED_L2_HEADER", "anchor.proof.l2_header"),
        "output_root": ("UNTRUSTED_OUTPUT_ROOT", "anchor.proof.output.output_root"),
    },
    "proof-tamper-account-leaf-node": {"anchor_proof": ("PROOF_NODE_MISMATCH", "anchor.proof.account_proof[1]")},
    "proof-tamper-storage-node": {"anchor_proof": ("PROOF_NODE_MISMATCH", "anchor.proof.storage_proof[1].proof[0]")},
    "proof-tamper-header-state-root": {
        "anchor_proof": ("PROOF_NODE_MISMATCH", "anchor.proof.account_proof[0]"),
        "output_root": ("OUTPUT_ROOT_MISMATCH", "anchor.proof.output.state_root"),
    },
    "proof-tamper-storage-hash": {"anchor_proof": ("PROOF_VALUE_MISMATCH", "anchor.proof.storage_hash")},
    "proof-tamper-slot-range": {"anchor_proof": ("PROOF_COMMITMENT_MISMATCH", "anchor.proof.storage_proof[2].value")},
    "proof-tamper-output-version": {
        "anchor_proof": ("UNTRUSTED_L2_HEADER", "anchor.proof.l2_header"),
        "output_root": ("UNSUPPORTED_OUTPUT_VERSION", "anchor.proof.output.version"),
    },
    "proof-tamper-header-timestamp": {"anchor_proof": ("UNTRUSTED_L2_HEADER", "anchor.proof.l2_header")},
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_verify_anchor_proof_answers_each_proof_case_as_verify_receipt(case: dict[str, Any]) -> None:
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(setchain.SetError) as raised:
            setchain.verify_anchor_proof(case["bundle"], case["trust"])
        assert (raised.value.code, raised.value.field) == (expect["error"]["code"], expect["error"]["field"])
        return
    answer = setchain.verify_anchor_proof(json.dumps(case["bundle"]), json.dumps(case["trust"]))
    assert answer.checks == {name: expect["checks"][name] for name in ("anchor_proof", "output_root")}
    for name, status in answer.checks.items():
        assert (name in answer.reasons) == (status != "pass")
        assert (name in answer.errors) == (status == "fail")


@pytest.mark.parametrize("name", list(REFUSALS))
def test_each_refusal_names_its_code_and_field(name: str) -> None:
    case = CASES[name]
    answer = setchain.verify_anchor_proof(case["bundle"], case["trust"])
    assert {check: (err.code, err.field) for check, err in answer.errors.items()} == REFUSALS[name]
    for err in answer.errors.values():
        assert isinstance(err, setchain.AnchorProofError) and isinstance(err, ValueError)
        assert err.module == "anchor_proof"
    verdict = setchain.verify_receipt(case["bundle"], case["trust"])
    assert not verdict.valid and verdict.level == "none"
    for check, (_, field) in REFUSALS[name].items():
        assert verdict.reasons[check].startswith(field)


def test_a_proof_reaches_anchored_l2_proof_and_anchored_l1() -> None:
    l1 = CASES["proof-valid-anchored-l1"]
    verdict = setchain.verify_receipt(l1["bundle"], l1["trust"])
    assert verdict.level == "anchored-l1" and verdict.checks["anchor_proof"] == verdict.checks["output_root"] == "pass"
    l2 = CASES["proof-valid-anchored-l2-proof"]
    assert setchain.verify_receipt(l2["bundle"], l2["trust"]).level == "anchored-l2-proof"
    assert setchain.verify_anchor_proof(l2["bundle"], l2["trust"]).errors == {}


PRODUCTION = json.loads((VECTORS / "anchor-proof.json").read_text(encoding="utf-8"))


def test_a_producer_attaches_and_upgrades_a_proof_that_verifies_at_anchored_l1() -> None:
    v = PRODUCTION
    attached = setchain.attach_anchor_proof(v["bundle"], v["eth_getBlockByNumber"], v["eth_getProof"], v["registry"])
    assert attached == v["attached"]
    upgraded = setchain.upgrade_anchor_proof(attached, v["eth_getBlockByNumber"], v["message_passer_eth_getProof"], v["l1"])
    assert upgraded == v["upgraded"]
    # The same with the answers as JSON text, and the proof attached again: nothing changes.
    assert setchain.upgrade_anchor_proof(attached, json.dumps(v["eth_getBlockByNumber"]), json.dumps(v["message_passer_eth_getProof"]), json.dumps(v["l1"])) == upgraded
    assert setchain.attach_anchor_proof(upgraded, v["eth_getBlockByNumber"], v["eth_getProof"], v["registry"]) == upgraded
    answer = setchain.verify_anchor_proof(upgraded, v["trust"])
    assert answer.checks == {"anchor_proof": "pass", "output_root": "pass"}
    assert setchain.verify_receipt(upgraded, v["trust"]).level == "anchored-l1"
    # Not yet upgraded: the L1 pins have no output root to check.
    assert setchain.verify_receipt(attached, v["trust"]).level != "anchored-l1"


def test_the_requests_are_the_vectors() -> None:
    r = PRODUCTION["requests"]
    assert setchain.anchor_proof_requests(r["batch_id"], r["registry"], r["l2_block_number"], r["output_index"]) == r["expected"]
    without_index = setchain.anchor_proof_requests(uuid.UUID(r["batch_id"]), r["registry"], r["l2_block_number"])
    assert "getL2Output" not in without_index and without_index["eth_getProof"] == r["expected"]["eth_getProof"]


def test_a_producer_is_refused_evidence_that_does_not_belong() -> None:
    v, refusals = PRODUCTION, PRODUCTION["refusals"]
    with pytest.raises(setchain.AnchorProofError) as raised:
        setchain.attach_anchor_proof(v["bundle"], v["eth_getBlockByNumber"], v["eth_getProof"], refusals["another_registry"]["registry"])
    assert (raised.value.code, raised.value.field) == ("PROOF_NOT_ATTACHABLE", "anchor.registry")
    with pytest.raises(setchain.AnchorProofError) as raised:
        setchain.upgrade_anchor_proof(v["attached"], v["eth_getBlockByNumber"], v["message_passer_eth_getProof"], refusals["next_output_l1"]["l1"])
    assert (raised.value.code, raised.value.field) == ("OUTPUT_ROOT_MISMATCH", "l1.get_l2_output")
    other = refusals["next_output_block"]
    with pytest.raises(setchain.AnchorProofError) as raised:
        setchain.upgrade_anchor_proof(v["attached"], other["eth_getBlockByNumber"], other["message_passer_eth_getProof"])
    assert (raised.value.code, raised.value.field) == (other["error"]["code"], other["error"]["field"])
    # The L2ToL1MessagePasser's answer offered as the registry's.
    with pytest.raises(setchain.AnchorProofError) as raised:
        setchain.attach_anchor_proof(v["bundle"], v["eth_getBlockByNumber"], v["message_passer_eth_getProof"], v["registry"])
    assert (raised.value.code, raised.value.field) == ("INVALID_RPC_ANSWER", "eth_getProof.address")
    with pytest.raises(setchain.SetError) as raised:
        setchain.anchor_proof_requests("not-a-uuid", v["registry"], 7)
    assert (raised.value.code, raised.value.field) == ("INVALID_UUID", "batch_id")
