"""The store agent's side: its key's registration (Ed25519, hybrid, ML-DSA-65) to the bytes of
tests/vectors/agent.json and the answer read back; events built from an agent's fields, hashed and signed (Ed25519, hybrid,
ML-DSA-65, or by an external signer) to the bytes of tests/vectors/agent.json, every rule the
sequencer applies refused here with its field, the captured ingest answers read into receipts
verified on arrival, and the sequencer's answers assembled into bundles that verify."""

from __future__ import annotations

import collections
import enum
import json
import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import setchain
from conftest import REPO, assert_set_error, h, vectors

AGENT = vectors("agent.json")
KEYS = AGENT["keys"]
SEEDS = {
    "ed25519": {"ed25519_seed": KEYS["ed25519_seed"]},
    "hybrid": {"ed25519_seed": KEYS["ed25519_seed"], "ml_dsa_65_seed": KEYS["ml_dsa_65_seed"]},
    "ml_dsa_65": {"ml_dsa_65_seed": KEYS["ml_dsa_65_seed"]},
}
# The captures' sequencer: RFC 8032 test key 2 and its ML-DSA-65 seed (the captures' `about`).
SEQUENCER_ED25519 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
SEQUENCER_ML_DSA_SEED = "697fa88e24970e15b6f007b95c50cd2fb81ae383cbaa5944fb3ef8e984e3c9e7"
CAPTURED = REPO / "tests" / "captured"
PROFILES = [
    ("stateset-sequencer-0.2.7-exchanges.json", "ingest 3 signed events"),
    ("stateset-sequencer-0.2.7-hybrid-exchanges.json", "ingest 3 hybrid events"),
    ("stateset-sequencer-0.2.7-pqc-strict-exchanges.json", "ingest 3 pqc-strict events"),
]


def public_keys(name: str) -> dict[str, Any]:
    recorded = KEYS["public_keys"][name]
    return {"ed25519_public_key": recorded["ed25519"], "ml_dsa_65_public_key": recorded["ml_dsa_65"]}


def exchange(capture: str, name: str) -> Any:
    exchanges = json.loads((CAPTURED / capture).read_text(encoding="utf-8"))["exchanges"]
    return next(item for item in exchanges if item["name"] == name)


def trust() -> dict[str, Any]:
    sequencer_ml_dsa = setchain.agent_public_key(ml_dsa_65_seed=SEQUENCER_ML_DSA_SEED)["ml_dsa_65"]
    assert sequencer_ml_dsa is not None
    return {"sequencer_public_keys": [SEQUENCER_ED25519], "sequencer_ml_dsa_65_public_keys": [sequencer_ml_dsa.hex()]}


def fields(**edits: Any) -> dict[str, Any]:
    return {**AGENT["events"][0]["fields"], **edits}


@pytest.mark.parametrize("case", AGENT["events"], ids=lambda case: case["fields"]["event_id"])
def test_the_shared_vectors_reproduce_byte_for_byte(case: dict[str, Any]) -> None:
    built = setchain.UnsignedEvent(**case["fields"])
    read = setchain.UnsignedEvent.from_json(case["fields"])
    for event in (built, read):
        assert event.payload_plain_hash == h(case["payload_plain_hash"])
        assert event.signing_hash() == h(case["event_signing_hash"])
    assert len(case["signed"]) == 3
    for name, expected in case["signed"].items():
        signed = built.sign(**SEEDS[name])
        assert signed == expected, name
        # A key expanded once signs the same bytes, event after event.
        signer = setchain.AgentSigner(**SEEDS[name])
        assert built.sign_with(signer) == built.sign_with(signer) == expected, name
        assert signer.public_key() == setchain.agent_public_key(**SEEDS[name])
        assert "AgentSigner(" in repr(signer) and SEEDS[name].get("ed25519_seed", "zz")[:8] not in repr(signer)
        # The same JSON text, not only equal values: the body the agent sends is byte-identical.
        assert setchain.canonical_json(signed) == setchain.canonical_json(expected)
        bundle = expected.get("agent_signature_bundle", {})
        ed25519 = expected["agent_signature"] if name != "ml_dsa_65" else None
        attached = built.attach_signatures(
            **public_keys(name), ed25519_signature=ed25519, ml_dsa_65_signature=bundle.get("ml_dsa_65_signature")
        )
        assert attached == expected, name


@pytest.mark.parametrize("case", AGENT["key_registrations"], ids=lambda case: case["key"])
def test_key_registrations_reproduce_the_shared_vectors_byte_for_byte(case: dict[str, Any]) -> None:
    window = {"valid_from": case["valid_from"], "valid_to": case["valid_to"]}
    request = setchain.key_registration_request(case["tenant_id"], case["agent_id"], case["key_id"], **SEEDS[case["key"]], **window)
    assert request == {"path": case["path"], "body": case["body"]}
    answer = case["answer"]
    for body in (answer, json.dumps(answer), json.dumps(answer).encode()):
        assert setchain.read_key_registration_response(body) == {
            "tenant_id": uuid.UUID(answer["tenantId"]),
            "agent_id": uuid.UUID(answer["agentId"]),
            "key_id": answer["keyId"],
            "key_algorithm": answer["keyAlgorithm"],
            "message": "Agent key registered successfully",
            "success": True,
        }


def test_key_registration_refuses_bad_inputs_and_answers_naming_the_field() -> None:
    case = AGENT["key_registrations"][0]
    ids = (case["tenant_id"], case["agent_id"], 1)
    assert_set_error(lambda: setchain.key_registration_request(*ids), "INVALID_ARGUMENT", None, setchain.InvalidArgumentError, field="ed25519_seed")
    assert_set_error(
        lambda: setchain.key_registration_request(*ids, ed25519_seed="0x0102"), "WRONG_LENGTH", None, setchain.EncodingError, field="ed25519_seed"
    )
    assert_set_error(
        lambda: setchain.key_registration_request("not-a-uuid", case["agent_id"], 1, **SEEDS["ed25519"]), "INVALID_UUID", None, setchain.IdError
    )
    assert_set_error(
        lambda: setchain.key_registration_request(case["tenant_id"], case["agent_id"], -1, **SEEDS["ed25519"]),
        "INVALID_ARGUMENT",
        None,
        setchain.InvalidArgumentError,
        field="key_id",
    )
    for window, field in (({"valid_from": "2026-13-01T00:00:00Z"}, "validFrom"), ({"valid_to": "tomorrow"}, "validTo")):
        assert_set_error(
            lambda: setchain.key_registration_request(*ids, **SEEDS["ed25519"], **window), "INVALID_TIMESTAMP", None, setchain.AgentError, field=field
        )
    missing = {key: value for key, value in case["answer"].items() if key != "keyId"}
    for body in (missing, json.dumps(case["answer"])[:40]):
        assert_set_error(lambda: setchain.read_key_registration_response(body), "INVALID_JSON", None, setchain.AgentError, field="$")


def test_a_signer_needs_a_seed_of_32_bytes() -> None:
    assert_set_error(lambda: setchain.AgentSigner(), "INVALID_ARGUMENT", "ed25519_seed")
    assert_set_error(lambda: setchain.AgentSigner(ed25519_seed=b"\x01" * 31), "WRONG_LENGTH", "ed25519_seed")


def test_the_public_keys_of_the_seeds_are_the_recorded_ones() -> None:
    for name, seeds in SEEDS.items():
        recorded = KEYS["public_keys"][name]
        key = setchain.agent_public_key(**seeds)
        assert {k: (v.hex() if v else None) for k, v in key.items()} == {
            k: (v.removeprefix("0x") if v else None) for k, v in recorded.items()
        }


def test_a_signature_by_another_key_is_refused_by_the_external_signer_path() -> None:
    event = setchain.UnsignedEvent(**fields())
    other = event.sign(ed25519_seed=b"\x07" * 32, ml_dsa_65_seed=b"\x07" * 32)
    mine = event.sign(**SEEDS["hybrid"])
    assert_set_error(
        lambda: event.attach_signatures(**public_keys("ed25519"), ed25519_signature=other["agent_signature"]),
        "SIGNATURE_MISMATCH",
        None,
        setchain.AgentError,
        field="ed25519_signature",
    )
    assert_set_error(
        lambda: event.attach_signatures(
            **public_keys("hybrid"),
            ed25519_signature=mine["agent_signature"],
            ml_dsa_65_signature=other["agent_signature_bundle"]["ml_dsa_65_signature"],
        ),
        "SIGNATURE_MISMATCH",
        None,
        setchain.AgentError,
        field="ml_dsa_65_signature",
    )
    # The signature of another event, by the right key.
    edited = setchain.UnsignedEvent(**fields(entity_id="ORD-2"))
    assert_set_error(
        lambda: edited.attach_signatures(**public_keys("ed25519"), ed25519_signature=mine["agent_signature"]),
        "SIGNATURE_MISMATCH",
        None,
        setchain.AgentError,
        field="ed25519_signature",
    )
    err = assert_set_error(
        lambda: event.attach_signatures(**public_keys("hybrid"), ed25519_signature=mine["agent_signature"]),
        "MISSING_SIGNATURE",
        None,
        setchain.AgentError,
        field="ml_dsa_65_signature",
    )
    assert err.module == "agent"
    assert_set_error(lambda: event.sign(), "INVALID_ARGUMENT", None, setchain.InvalidArgumentError, field="ed25519_seed")
    assert_set_error(
        lambda: event.sign(ed25519_seed=b"\x01" * 31), "WRONG_LENGTH", None, setchain.EncodingError, field="ed25519_seed"
    )


@pytest.mark.parametrize(
    ("edits", "code", "field"),
    [
        ({"entity_type": ""}, "SCHEMA_VALIDATION", "entity_type"),
        ({"entity_type": "x" * 129}, "SCHEMA_VALIDATION", "entity_type"),
        ({"entity_id": "x" * 513}, "SCHEMA_VALIDATION", "entity_id"),
        ({"event_type": "x" * 257}, "SCHEMA_VALIDATION", "event_type"),
        ({"created_at": "2026-01-02 03:04:05"}, "SCHEMA_VALIDATION", "created_at"),
        ({"created_at": "2026-02-30T00:00:00Z"}, "SCHEMA_VALIDATION", "created_at"),
        ({"payload": {"blob": "x" * (1 << 20)}}, "PAYLOAD_TOO_LARGE", "payload"),
        ({"tenant_id": "not-a-uuid"}, "INVALID_UUID", "tenant_id"),
    ],
)
def test_the_sequencers_rules_are_refused_naming_the_field(edits: dict[str, Any], code: str, field: str) -> None:
    cls = setchain.IdError if code == "INVALID_UUID" else setchain.AgentError
    assert_set_error(lambda: setchain.UnsignedEvent(**fields(**edits)), code, None, cls, field=field)


@pytest.mark.parametrize(
    ("edits", "code", "field"),
    [
        ({"ves_version": 2}, "UNSUPPORTED_VERSION", "ves_version"),
        ({"payload_plain_hash": "0x" + "11" * 32}, "INVALID_PAYLOAD_HASH", "payload_plain_hash"),
        ({"payload_kind": 2}, "SCHEMA_VALIDATION", "payload_kind"),
        ({"payload_cipher_hash": "0x" + "11" * 32}, "SCHEMA_VALIDATION", "payload_cipher_hash"),
    ],
)
def test_rules_on_the_fields_the_builder_sets_are_refused_from_json(edits: dict[str, Any], code: str, field: str) -> None:
    assert_set_error(lambda: setchain.UnsignedEvent.from_json(fields(**edits)), code, None, setchain.AgentError, field=field)


def test_the_request_rules_are_refused_naming_the_field() -> None:
    signed = setchain.UnsignedEvent(**fields()).sign(**SEEDS["ed25519"])
    agent = signed["source_agent_id"]
    assert_set_error(lambda: setchain.ingest_request(agent, []), "INVALID_FIELD_VALUE", None, setchain.AgentError, field="events")
    assert_set_error(
        lambda: setchain.ingest_request("00000000-0000-0000-0000-000000000009", [signed]),
        "INVALID_FIELD_VALUE",
        None,
        setchain.AgentError,
        field="agentId",
    )
    late = {**signed, "event_id": "33333333-3333-3333-3333-333333333333", "created_at": "yesterday"}
    assert_set_error(
        lambda: setchain.ingest_request(agent, [signed, late]),
        "SCHEMA_VALIDATION",
        None,
        setchain.AgentError,
        field="events[1].created_at",
    )
    body = json.loads(setchain.ingest_request(agent, [signed]))
    assert body == {"agentId": agent, "events": [signed]}


# JSON-compatible values as an agent builds them, with the types `json.dumps` writes differently
# or the core reads as doubles: tuples, keys that are not `str`, ints beyond 64 bits, -0.0.
_KEYS = st.text(max_size=4) | st.integers(-3, 3) | st.booleans() | st.none() | st.sampled_from([0.5, -0.0, 1e21])
# (`None` alone is left out: the constructor takes it as the JSON value null, `from_json` as no
# payload.)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.sampled_from([0, -1, 2**53 + 1, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
).filter(lambda value: value is not None)


def typed(value: Any) -> str:
    """JSON text that tells 1 from 1.0 and True from 1 (`==` does not)."""
    return json.dumps(value, sort_keys=True)


@settings(max_examples=300, deadline=None)
@given(payload=JSON_VALUES)
def test_a_payload_is_read_as_the_value_its_json_text_holds(payload: Any) -> None:
    """The payload is read straight from the Python objects where that gives the value the core
    parses from the `json.dumps` text, and through the text otherwise: either way the same
    hash, and the same payload (types included) in the signed event."""
    text = json.dumps(payload, allow_nan=False, ensure_ascii=False)
    read_from_text = setchain.UnsignedEvent.from_json(json.dumps(fields(payload="@")).replace('"@"', text))
    built = setchain.UnsignedEvent(**fields(payload=payload))
    assert built.payload_plain_hash == read_from_text.payload_plain_hash == setchain.payload_plain_hash_json(text)
    assert setchain.payload_plain_hash(payload) == built.payload_plain_hash
    signer = setchain.AgentSigner(**SEEDS["ed25519"])
    assert typed(built.sign_with(signer)) == typed(read_from_text.sign_with(signer))


class _Tier(enum.IntEnum):
    GOLD = 2


class _Text(str):
    pass


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _circular() -> list[Any]:
    value: list[Any] = []
    value.append(value)
    return value


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({1: "a", "1": "b"}, {"1": "b"}),
        ({True: 1, None: 2, 1.5: 3}, {"true": 1, "null": 2, "1.5": 3}),
        (collections.OrderedDict([("b", 1), ("a", 2)]), {"a": 2, "b": 1}),
        ({"tier": _Tier.GOLD, _Text("k"): _Text("v")}, {"tier": 2, "k": "v"}),
        ((1, 2.5, "x"), [1, 2.5, "x"]),
        (2**64, 1.8446744073709552e19),
        (-(2**63) - 1, -9.223372036854776e18),
        (_nested(100), _nested(100)),
    ],
)
def test_payloads_json_dumps_writes_differently_hash_as_their_json_text(payload: Any, expected: Any) -> None:
    built = setchain.UnsignedEvent(**fields(payload=payload))
    text = json.dumps(payload, allow_nan=False, ensure_ascii=False)
    assert built.payload_plain_hash == setchain.payload_plain_hash_json(text)
    assert typed(built.sign(**SEEDS["ed25519"])["payload"]) == typed(expected)


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        (float("nan"), "INVALID_ARGUMENT", "payload"),
        ([1, float("inf")], "INVALID_ARGUMENT", "payload"),
        ({1, 2}, "INVALID_ARGUMENT", "payload"),
        (b"bytes", "INVALID_ARGUMENT", "payload"),
        ("\ud800", "INVALID_ARGUMENT", "payload"),
        ({"\udc00": 1}, "INVALID_ARGUMENT", "payload"),
        (_circular(), "INVALID_ARGUMENT", "payload"),
        (10**400, "INVALID_JSON", "payload"),
    ],
)
def test_payloads_json_cannot_hold_are_refused_as_before(payload: Any, code: str, field: str) -> None:
    for build in (lambda: setchain.UnsignedEvent(**fields(payload=payload)), lambda: setchain.payload_plain_hash(payload)):
        assert_set_error(build, code, None, setchain.SetError, field=field)


def test_nesting_past_the_parsers_limit_is_refused_naming_the_path() -> None:
    err = assert_set_error(lambda: setchain.UnsignedEvent(**fields(payload=_nested(200))), "INVALID_JSON", None, setchain.SetError)
    assert isinstance(err.field, str) and err.field.startswith("payload.[0][0]")


def test_a_signed_event_is_the_dict_of_the_events_json_form() -> None:
    """The signed event comes back as the dict of its JSON form, keys sorted (as before), equal
    to the event the core writes into the ingest body, for every kind of key."""
    built = setchain.UnsignedEvent(**fields(payload={"b": [1, 2.5, None, True, {"z": -0.0}], "a": "ü"}))
    for name, seeds in SEEDS.items():
        signed = built.sign_with(setchain.AgentSigner(**seeds))
        assert list(signed) == sorted(signed), name
        sent = json.loads(setchain.ingest_request(signed["source_agent_id"], [signed]))["events"][0]
        # The ingest body carries the bundle's signatures as byte arrays, the sequencer's form.
        if "agent_signature_bundle" in sent:
            bundle = sent["agent_signature_bundle"]
            sent["agent_signature_bundle"] = {key: "0x" + bytes(value).hex() for key, value in bundle.items()}
        assert typed(sent) == typed(signed), name
        assert json.loads(json.dumps(signed)) == signed, name


def bare(value: Any) -> Any:
    """`value` with `0x` dropped from every string and signatures given as byte arrays in hex: the
    sequencer writes hex without `0x` and a signature bundle as arrays of bytes, we hex with `0x`."""
    if isinstance(value, dict):
        return {key: bytes(item).hex() if key.endswith("_signature") and isinstance(item, list) else bare(item) for key, item in value.items()}
    if isinstance(value, list):
        return [bare(item) for item in value]
    return value.removeprefix("0x") if isinstance(value, str) else value


@pytest.mark.parametrize(("capture", "name"), PROFILES)
def test_captured_events_rebuild_and_sign_to_the_bytes_the_agent_sent(capture: str, name: str) -> None:
    request = exchange(capture, name)["request"]
    kind = {"ingest 3 signed events": "ed25519", "ingest 3 hybrid events": "hybrid"}.get(name, "ml_dsa_65")
    key = setchain.agent_public_key(**SEEDS[kind])
    signed = []
    for sent in request["events"]:
        # From the agent's fields alone: no hashes, no signatures.
        unsigned = setchain.UnsignedEvent.from_json(
            {k: v for k, v in sent.items() if not k.startswith(("payload_plain", "payload_cipher", "agent_signature"))}
        )
        assert unsigned.signing_hash() == setchain.event_signing_hash(sent)
        # The external-signer path: the agent's own signatures give the very event it sent.
        theirs = bare(sent.get("agent_signature_bundle", {})).get("ml_dsa_65_signature")
        attached = unsigned.attach_signatures(
            ed25519_public_key=key["ed25519"],
            ml_dsa_65_public_key=key["ml_dsa_65"],
            ed25519_signature=sent["agent_signature"] if key["ed25519"] else None,
            ml_dsa_65_signature=theirs,
        )
        assert bare(attached) == bare(sent)
        # Signed here: Ed25519 is deterministic, the same bytes; the capture's agent signed ML-DSA-65
        # hedged (randomised), so that half differs, and verifies.
        event = unsigned.sign(**SEEDS[kind])
        if theirs is not None:
            assert event["agent_signature_bundle"]["ml_dsa_65_signature"] != "0x" + theirs.removeprefix("0x")
            assert setchain.verify_ml_dsa_65(
                key["ml_dsa_65"], unsigned.signing_hash(), event["agent_signature_bundle"]["ml_dsa_65_signature"]
            )
            event["agent_signature_bundle"]["ml_dsa_65_signature"] = theirs
        assert bare(event) == bare(sent)
        signed.append(event)
    assert bare(json.loads(setchain.ingest_request(request["agentId"], signed))) == bare(request)


@pytest.mark.parametrize(("capture", "name"), PROFILES)
def test_captured_answers_read_into_verified_receipts_and_assemble_into_bundles(capture: str, name: str) -> None:
    ingest = exchange(capture, name)
    sent = ingest["request"]["events"]
    body = json.dumps(ingest["response"])
    outcome = setchain.read_ingest_response(body, sent, trust())
    assert [bare(entry["event"]) for entry in outcome["accepted"]] == bare(sent)
    assert outcome["rejections"] == []
    commitment = exchange(capture, "get commitment")["response"]
    for entry in outcome["accepted"]:
        sequence = entry["receipt"]["sequenceNumber"]
        proof = exchange(capture, f"inclusion proof seq {sequence}")["response"]
        bundle = setchain.receipt_bundle_from_sequencer(entry["event"], entry["receipt"], commitment, proof)
        assert bundle["format"] == "set-receipt-v2"
        verdict = setchain.verify_receipt(bundle, trust())
        assert verdict.valid, verdict.to_dict()
    # Another sequencer pinned: no receipt is kept.
    other = setchain.agent_public_key(ed25519_seed=b"\x07" * 32, ml_dsa_65_seed=b"\x07" * 32)
    assert other["ed25519"] is not None and other["ml_dsa_65"] is not None
    pinned = {"sequencer_public_keys": [other["ed25519"].hex()], "sequencer_ml_dsa_65_public_keys": [other["ml_dsa_65"].hex()]}
    assert_set_error(
        lambda: setchain.read_ingest_response(body, sent, pinned), "RECEIPT_NOT_VERIFIED", None, setchain.AgentError, field="receipts[0]"
    )
    assert_set_error(
        lambda: setchain.read_ingest_response(body, sent[1:], trust()),
        "UNEXPECTED_RECEIPT",
        None,
        setchain.AgentError,
        field="receipts[0].eventId",
    )


def test_captured_rejections_keep_the_servers_reasons() -> None:
    ingest = exchange(PROFILES[1][0], "ingest a legacy Ed25519-signed event (rejected by this profile)")
    outcome = setchain.read_ingest_response(ingest["response"], ingest["request"]["events"], trust())
    assert outcome["accepted"] == []
    assert [r["reason"] for r in outcome["rejections"]] == [ingest["response"]["rejections"][0]["reason"]]


def test_parts_that_do_not_belong_together_are_refused_naming_the_part() -> None:
    capture, name = PROFILES[0]
    ingest = exchange(capture, name)
    outcome = setchain.read_ingest_response(ingest["response"], ingest["request"]["events"], trust())
    first, second = outcome["accepted"][0], outcome["accepted"][1]
    commitment = exchange(capture, "get commitment")["response"]
    proof1 = exchange(capture, "inclusion proof seq 1")["response"]
    proof2 = exchange(capture, "inclusion proof seq 2")["response"]

    def refused(receipt: Any, commitment: Any, proof: Any, field: str, event: Any = first["event"]) -> None:
        assert_set_error(
            lambda: setchain.receipt_bundle_from_sequencer(event, receipt, commitment, proof),
            "PARTS_MISMATCH",
            None,
            setchain.ReceiptError,
            field=field,
        )

    refused(second["receipt"], commitment, proof1, "receipt.event_id")
    refused(first["receipt"], {**commitment, "store_id": "00000000-0000-0000-0000-000000000009"}, proof1, "commitment.store_id")
    refused(first["receipt"], commitment, proof2, "proof.sequence_number")
    refused(first["receipt"], commitment, {**proof1, "leaf_index": 1}, "proof.leaf_index")
    refused(first["receipt"], commitment, proof1, "proof.leaf_hash", event={**first["event"], "entity_id": "ORD-X"})
    # With the anchor (block hash required in set-receipt-v2): kept as given.
    anchor = {
        "chain_id": 84532001,
        "registry": "0x" + "ab" * 20,
        "tx_hash": "0x" + "01" * 32,
        "block_number": 7,
        "block_hash": "0x" + "02" * 32,
    }
    bundle = setchain.receipt_bundle_from_sequencer(first["event"], first["receipt"], commitment, proof1, anchor)
    assert bundle["anchor"] == anchor
    assert_set_error(
        lambda: setchain.receipt_bundle_from_sequencer(first["event"], first["receipt"], commitment, proof1, {"chain_id": 1}),
        "INVALID_ARGUMENT",
        None,
        setchain.InvalidArgumentError,
        field="anchor.registry",
    )


def test_the_commitment_list_locates_the_commitment_of_a_sequence_number() -> None:
    capture = PROFILES[0][0]
    listed = exchange(capture, "list unanchored commitments of the stream")["response"]
    commitment = exchange(capture, "get commitment")["response"]
    tenant, store = commitment["tenant_id"], commitment["store_id"]
    for sequence in (1, 2, 3):
        found = setchain.commitment_holding(listed, tenant, store, sequence)
        assert found is not None and found["batch_id"] == commitment["batch_id"]
    assert setchain.commitment_holding(listed, tenant, store, 4) is None
    assert setchain.commitment_holding(listed, store, tenant, 1) is None


def test_batch_committed_logs_locate_the_commitment_of_a_sequence_number() -> None:
    tenant, store = "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"
    registry = "0x" + "ab" * 20
    log_filter = setchain.batch_committed_filter(registry, tenant, store, 16)
    assert log_filter["address"] == registry and (log_filter["fromBlock"], log_filter["toBlock"]) == ("0x10", "latest")
    assert log_filter["topics"][2] == "0x" + setchain.tenant_store_key(tenant, store).hex()
    assert setchain.batch_committed_filter(registry, tenant, store, 16, 32)["toBlock"] == "0x20"
    committed = next(log for log in vectors("registry.json")["logs"] if log["event"] == "BatchCommitted")  # sequences 1..=10

    def log(topic: str, block: int, removed: bool = False) -> dict[str, Any]:
        return {
            "topics": [committed["topics"][0], committed["topics"][1], topic],
            "data": committed["data"],
            "transactionHash": "0x" + f"{block:02x}" * 32,
            "blockNumber": hex(block),
            "blockHash": "0x" + f"{block + 0x10:02x}" * 32,
            "removed": removed,
        }

    mine = log_filter["topics"][2]
    other = "0x" + setchain.tenant_store_key(store, tenant).hex()
    logs = [log(other, 1), log(mine, 2, removed=True), log(mine, 3)]
    found = setchain.commitment_holding_in_logs(logs, tenant, store, 10)
    assert found is not None
    assert (found["block_number"], found["transaction_hash"], found["block_hash"]) == (3, b"\x03" * 32, b"\x13" * 32)
    assert (found["sequence_start"], found["sequence_end"]) == (1, 10)
    assert str(found["batch_id"]) == "123e4567-e89b-12d3-a456-426614174000"
    assert setchain.commitment_holding_in_logs(logs, tenant, store, 11) is None
    assert setchain.commitment_holding_in_logs(json.dumps(logs[:2]), tenant, store, 1) is None
    assert_set_error(
        lambda: setchain.commitment_holding_in_logs([{"topics": ["0x12"]}], tenant, store, 1), "INVALID_ABI", None, setchain.RegistryError
    )
