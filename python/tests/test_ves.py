import json

import setchain
from conftest import assert_set_error, h, vectors

V = vectors("ves.json")


def test_payload_plain_hash_of_json_text_and_python_values() -> None:
    for c in V["payload_plain_hash"]:
        assert setchain.payload_plain_hash_json(c["payload_json"]) == h(c["payload_plain_hash"]), c["payload_json"]
        # A Python value is serialised with json.dumps first: same hash (json keeps big ints exact,
        # and the core rounds beyond 2^53 as the sequencer does).
        value = json.loads(c["payload_json"])
        assert setchain.payload_plain_hash(value) == h(c["payload_plain_hash"]), c["payload_json"]
        assert setchain.canonical_json(value) == c["jcs"]
    for c in V["payload_plain_hash_salted"]:
        assert setchain.payload_plain_hash_salted(c["salt"], json.loads(c["payload_json"])) == h(c["payload_plain_hash"])


def test_event_signing_leaf_and_receipt_hashes() -> None:
    assert V["events"]
    for c in V["events"]:
        assert setchain.event_signing_hash(c["event"]) == h(c["event_signing_hash"])
        assert setchain.event_signing_hash(json.dumps(c["event"])) == h(c["event_signing_hash"])
        assert setchain.leaf_hash(c["event"], int(c["sequence_number"])) == h(c["leaf_hash"])
        assert setchain.receipt_hash(c["event"], int(c["sequence_number"])) == h(c["receipt_hash"])


def test_batch_root_proofs_and_state_roots() -> None:
    leaves = [c["leaf_hash"] for c in V["events"]]
    tree = setchain.MerkleTree(leaves)
    b = V["batch"]
    assert tree.root == h(b["merkle_root"])
    assert tree.proofs().to_list() == [[h(x) for x in p] for p in b["proofs"]]
    assert setchain.state_root(
        b["stream_id"], b["prev_state_root"], b["merkle_root"], int(b["sequence_start"]), int(b["sequence_end"]), b["leaf_count"]
    ) == h(b["new_state_root"])
    for c in V["state_roots"]:
        got = setchain.state_root(
            c["stream_id"], c["prev_state_root"], c["merkle_root"], int(c["sequence_start"]), int(c["sequence_end"]), c["leaf_count"]
        )
        assert got == h(c["new_state_root"])
    assert setchain.pad_leaf() == h(V["constants"]["pad_leaf"])
    assert setchain.node_hash(setchain.pad_leaf(), setchain.pad_leaf()) == h(V["constants"]["node_pad_pad"])


def test_bad_ves_inputs_raise_documented_codes() -> None:
    event = V["events"][0]["event"]
    assert_set_error(lambda: setchain.payload_plain_hash_json('{"a":'), "INVALID_JSON", cls=setchain.VesError)
    assert_set_error(lambda: setchain.payload_plain_hash(float("nan")), "INVALID_ARGUMENT", "payload")
    assert_set_error(lambda: setchain.payload_plain_hash({1, 2}), "INVALID_ARGUMENT", "payload")
    assert_set_error(lambda: setchain.payload_plain_hash("\ud800"), "INVALID_ARGUMENT", "payload")
    assert_set_error(lambda: setchain.event_signing_hash({**event, "tenant_id": "nope"}), "INVALID_UUID", "tenant_id")
    assert_set_error(lambda: setchain.leaf_hash(event, -1), "INVALID_ARGUMENT", "sequence_number")
    assert_set_error(lambda: setchain.leaf_hash(event, 2**64), "INVALID_ARGUMENT", "sequence_number")
    assert_set_error(lambda: setchain.payload_plain_hash_salted(b"\x00" * 15, {}), "WRONG_LENGTH", "salt")
    s = V["state_roots"][0]
    assert_set_error(lambda: setchain.state_root(s["stream_id"], "0x00", s["merkle_root"], 1, 2, 2), "WRONG_LENGTH", "prev_state_root")
    assert_set_error(
        lambda: setchain.state_root(s["stream_id"], s["prev_state_root"], s["merkle_root"], 1, 2, 2**32), "INVALID_ARGUMENT", "leaf_count"
    )
