from collections.abc import Callable
from typing import Any

import setchain
from conftest import assert_set_error, h, vectors

V = vectors("registry.json")
SELECTOR_OF = {c["function"]: c["selector"] for c in V["returns"]}


def test_vector_calldata_decodes_and_typed_encoders_round_trip() -> None:
    for c in V["calldata"]:
        assert setchain.decode_registry_call(c["calldata"]) == c["decoded"], c["function"]
        a = c["decoded"]["args"]
        data = h(c["calldata"])
        fn = c["function"]
        if fn == "commitBatch":
            typed = setchain.decode_commit_batch(data)
            assert typed.batch_id == h(a["batchId"]) and typed.sequence_start == int(a["sequenceStart"])
            assert typed.event_count == int(a["eventCount"])
            assert setchain.encode_commit_batch(typed) == data
            rebuilt = setchain.CommitBatchArgs(
                batch_id=a["batchId"],
                tenant_id=a["tenantId"],
                store_id=a["storeId"],
                events_root=a["eventsRoot"],
                prev_state_root=a["prevStateRoot"],
                new_state_root=a["newStateRoot"],
                sequence_start=int(a["sequenceStart"]),
                sequence_end=int(a["sequenceEnd"]),
                event_count=int(a["eventCount"]),
            )
            assert rebuilt == typed
            assert setchain.encode_commit_batch(rebuilt) == data
        elif fn == "commitBatches":
            items = setchain.decode_commit_batches(data)
            assert setchain.encode_commit_batches(items) == data
        elif fn == "getBatchCommitment":
            assert setchain.encode_get_batch_commitment(a["batchId"]) == data
        elif fn == "getLatestStateRoot":
            assert setchain.encode_get_latest_state_root(a["tenantId"], a["storeId"]) == data
        elif fn == "verifyInclusion":
            assert setchain.encode_verify_inclusion(a["batchId"], a["leaf"], a["proof"], int(a["index"])) == data
        elif fn == "verifyVesInclusion":
            assert setchain.encode_verify_ves_inclusion(a["batchId"], a["leaf"], a["proof"], int(a["index"])) == data
        elif fn == "batchExists" and "batchId" in a:  # the bytes32[] overload has no typed encoder
            assert setchain.encode_batch_exists(a["batchId"]) == data


def test_vector_return_data_generic_and_typed() -> None:
    for c in V["returns"]:
        assert setchain.decode_registry_return(c["selector"], c["data"]) == c["decoded"], c["function"]
        fn = c["function"]
        if fn == "getBatchCommitment":
            t = c["typed"]
            got = setchain.decode_get_batch_commitment(c["data"])
            assert (got.events_root, got.new_state_root) == (h(t["events_root"]), h(t["new_state_root"]))
            assert (got.sequence_start, got.sequence_end, got.event_count) == (
                int(t["sequence_start"]),
                int(t["sequence_end"]),
                t["event_count"],
            )
            assert (got.timestamp, got.exists) == (int(t["timestamp"]), t["exists"])
        elif fn == "getLatestStateRoot":
            assert setchain.decode_get_latest_state_root(c["data"]) == h(c["decoded"]["args"]["stateRoot"])
        elif fn == "getHeadSequence":
            assert setchain.decode_get_head_sequence(c["data"]) == int(next(iter(c["decoded"]["args"].values())))
        elif fn == "batchExists":
            assert setchain.decode_batch_exists(c["data"]) is (next(iter(c["decoded"]["args"].values())) == "true")
        elif fn == "verifyInclusion":
            assert setchain.decode_verify_inclusion(c["data"]) is (c["decoded"]["args"]["valid"] == "true")


def test_vector_logs() -> None:
    for c in V["logs"]:
        assert setchain.decode_registry_log(c["topics"], c["data"]) == c["decoded"], c["event"]


def revert_view(revert: setchain.ContractRevert) -> dict[str, Any]:
    view: dict[str, Any] = {"name": revert.name, "signature": revert.signature, "args": revert.arguments}
    if revert.inner is not None:
        view["inner"] = revert_view(revert.inner)
    return view


def test_vector_reverts_become_exception_objects() -> None:
    for c in V["reverts"]:
        revert = setchain.decode_registry_revert(c["data"])
        assert isinstance(revert, setchain.RegistryRevert) and isinstance(revert, setchain.SetError)
        assert not isinstance(revert, ValueError)
        assert revert_view(revert) == c["decoded"], c["error"]
        assert revert.data == h(c["data"])
        assert str(revert).startswith(c["decoded"]["name"] + "(")
        try:
            raise revert
        except setchain.ContractRevert as caught:
            assert caught.name == c["error"]


def test_vector_negative_error_codes() -> None:
    decoders: dict[str, Callable[[dict[str, Any]], object]] = {
        "decode_call": lambda i: setchain.decode_registry_call(i["data"]),
        "decode_commit_batch": lambda i: setchain.decode_commit_batch(i["data"]),
        "decode_revert": lambda i: setchain.decode_registry_revert(i["data"]),
        "decode_get_batch_commitment": lambda i: setchain.decode_get_batch_commitment(i["data"]),
        "decode_log": lambda i: setchain.decode_registry_log(i.get("topics", []), i["data"]),
        "decode_batch_exists": lambda i: setchain.decode_batch_exists(i["data"]),
        "decode_get_head_sequence": lambda i: setchain.decode_get_head_sequence(i["data"]),
    }
    for c in V["negative"]:
        assert c["decoder"] in decoders, f"no binding for {c['decoder']}"
        assert_set_error(lambda: decoders[c["decoder"]](c["input"]), c["code"], cls=setchain.RegistryError)


def test_bad_registry_inputs_raise_documented_codes() -> None:
    assert_set_error(lambda: setchain.decode_registry_revert("0x123"), "INVALID_HEX", "revert_data")
    assert_set_error(lambda: setchain.decode_registry_revert(b"\xde\xad"), "TRUNCATED")
    assert_set_error(lambda: setchain.encode_get_batch_commitment("0x1234"), "WRONG_LENGTH", "batch_id")
    assert_set_error(lambda: setchain.encode_get_batch_commitment("not-a-uuid"), "INVALID_UUID", "batch_id")
    assert_set_error(lambda: setchain.encode_commit_batches([1]), "INVALID_ARGUMENT", "batches[0]")  # type: ignore[list-item]
    assert_set_error(lambda: setchain.decode_get_batch_commitment("0x" + "00" * 191), "TRUNCATED")
    assert_set_error(lambda: setchain.encode_verify_inclusion(bytes(32), bytes(32), [], -1), "INVALID_ARGUMENT", "index")
