"""setchain.Client against a live local network: every case of the shared client matrix
(tests/conformance/client/matrix.json, read from the file), the GIL released while a call
blocks, and the configuration's errors."""

from __future__ import annotations

import json
import sys
import threading
import time
import uuid
from typing import Any

import pytest

import setchain
from conftest import REPO, assert_set_error

MATRIX = json.loads((REPO / "tests" / "conformance" / "client" / "matrix.json").read_text(encoding="utf-8"))
assert MATRIX["format"] == "set-client-matrix-v1"
CASES = MATRIX["cases"]
SEED = MATRIX["agent"]["seed"]
KEY_ID = MATRIX["agent"]["key_id"]
# "at most 3 attempts, back-off from 50 ms; polls from 100 ms, at most 500 ms apart"
RETRY = setchain.RetryPolicy(max_attempts=3, initial_backoff=0.05)
POLL = setchain.RetryPolicy(initial_backoff=0.1, max_backoff=0.5)

# What one case leaves for a later one (`uses_bundle_of`).
BUNDLES: dict[str, dict[str, Any]] = {}


def _operator(network: dict[str, Any]) -> setchain.Client:
    """The operator's client (the network's API key): registers agent keys, commits ranges."""
    return setchain.Client(network["trust_root"], network["sequencer_url"], network["rpc_url"], api_key=network["api_key"], retry=RETRY, poll=POLL)


def _value(network: dict[str, Any], text: str) -> str:
    """`network.X` replaced by the network file's field X."""
    return str(network[text.removeprefix("network.")]) if text.startswith("network.") else text


class Stream:
    """One case: a fresh tenant, store and agent, its client and what its steps produced."""

    def __init__(self, network: dict[str, Any], case: dict[str, Any]) -> None:
        self.network = network
        self.case = case
        self.tenant, self.store, self.agent = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        self.events: dict[int, dict[str, Any]] = {}
        self.accepted: dict[int, dict[str, Any]] = {}
        self.commit: dict[str, Any] | None = None
        self.anchored: dict[str, Any] | None = None
        self.bundle: dict[str, Any] | None = BUNDLES.get(case.get("uses_bundle_of", ""))
        self.client = self._client(case.get("client", {}))

    def _client(self, overrides: dict[str, Any]) -> setchain.Client:
        assert set(overrides) <= {"auth", "sequencer_url", "trust_root_edit"}, overrides
        trust_root = dict(self.network["trust_root"])
        if "trust_root_edit" in overrides:
            assert overrides["trust_root_edit"] == "chain_id = network.chain_id + 1"
            trust_root["chain_id"] = self.network["chain_id"] + 1
        auth: dict[str, str] = {"api_key": self.network["api_key"]}
        if "auth" in overrides:
            scheme, key = overrides["auth"].split(" ", 1)
            auth = {{"ApiKey": "api_key", "XApiKey": "x_api_key", "BearerJwt": "bearer_jwt"}[scheme]: _value(self.network, key)}
        return setchain.Client(
            trust_root,
            _value(self.network, overrides.get("sequencer_url", "network.sequencer_url")),
            self.network["rpc_url"],
            retry=RETRY,
            poll=POLL,
            **auth,
        )

    def event(self, n: int) -> dict[str, Any]:
        """Event n of the template, signed once (a replay sends the same signed event)."""
        if n not in self.events:
            template = MATRIX["event_template"]
            self.events[n] = setchain.UnsignedEvent(
                tenant_id=self.tenant,
                store_id=self.store,
                event_id=uuid.uuid4(),
                source_agent_id=self.agent,
                agent_key_id=KEY_ID,
                entity_type=template["entity_type"],
                entity_id=template["entity_id"].replace("{n}", str(n)),
                event_type=template["event_type"],
                created_at=template["created_at"],
                payload={key: n if value == "{n}" else value for key, value in template["payload"].items()},
            ).sign(ed25519_seed=SEED)
        return self.events[n]

    def run(self, step: dict[str, Any]) -> None:
        expect = step.get("expect", {})
        action = getattr(self, "do_" + step["do"])
        if "error" in expect:
            error = expect["error"]
            assert set(error) <= {"code", "status", "field"}, error
            with pytest.raises(setchain.ClientError) as info:
                action(step)
            err = info.value
            assert err.code == error["code"], f"{step}: {err!r} ({err})"
            if "status" in error:
                assert err.status == error["status"], f"{step}: {err}"
            if "field" in error:
                assert err.field == error["field"], f"{step}: {err}"
            return
        action(step)

    # -- the steps ------------------------------------------------------------------------

    def do_register_agent(self, step: dict[str, Any]) -> None:
        answer = _operator(self.network).register_agent_key(self.tenant, self.agent, KEY_ID, ed25519_seed=SEED)
        assert answer["success"] is True

    def do_ingest(self, step: dict[str, Any]) -> None:
        numbers = step["events"]
        outcome = self.client.ingest([self.event(n) for n in numbers])
        expect = step["expect"]
        assert set(expect) <= {"accepted_sequence_numbers", "rejections", "rejection_reason_prefix"}, expect
        sequence_numbers = [entry["receipt"]["sequenceNumber"] for entry in outcome["accepted"]]
        assert sequence_numbers == expect["accepted_sequence_numbers"]
        assert len(outcome["rejections"]) == expect["rejections"]
        if "rejection_reason_prefix" in expect:
            for rejection in outcome["rejections"]:
                assert rejection["reason"].startswith(expect["rejection_reason_prefix"]), rejection
        for n, entry in zip(numbers, outcome["accepted"]):
            assert entry["event"] == self.event(n)
            self.accepted[n] = entry

    def do_commit(self, step: dict[str, Any]) -> None:
        operator = _operator(self.network)
        self.commit = operator.create_commitment(self.tenant, self.store, step["sequence_start"], step["sequence_end"])

    def do_wait_for_commitment(self, step: dict[str, Any]) -> None:
        found = self.client.wait_for_commitment(
            self.tenant, self.store, step["sequence_number"], timeout=step["timeout_seconds"]
        )
        assert step["expect"] == {"batch_id": "the commit's"}
        assert self.commit is not None and found["batch_id"] == self.commit["batch_id"]

    def do_wait_until_anchored(self, step: dict[str, Any]) -> None:
        assert self.commit is not None
        self.anchored = self.client.wait_until_anchored(self.commit["batch_id"], timeout=step["timeout_seconds"])
        assert step["expect"] == {"chain_tx_hash": "present"}
        assert self.anchored["chain_tx_hash"]

    def do_bundle(self, step: dict[str, Any]) -> None:
        event = self.accepted[step["event"]]["event"]
        receipt = self.accepted[step.get("receipt_of_event", step["event"])]["receipt"]
        bundle = self.client.bundle(event, receipt)
        expect = step["expect"]
        assert set(expect) == {"anchor_chain_id", "anchor_tx_hash", "sequence_number"}, expect
        assert bundle["anchor"]["chain_id"] == int(_value(self.network, expect["anchor_chain_id"]))
        assert self.anchored is not None and expect["anchor_tx_hash"] == "the anchored commitment's chain_tx_hash"
        assert bundle["anchor"]["tx_hash"] == self.anchored["chain_tx_hash"]
        assert bundle["receipt"]["sequence_number"] == expect["sequence_number"]
        # The same bundle from the commitment in hand, without the log search.
        assert self.client.bundle_with_commitment(event, receipt, self.anchored) == bundle
        self.bundle = bundle
        BUNDLES[self.case["name"]] = bundle

    def do_verify_online(self, step: dict[str, Any]) -> None:
        assert self.bundle is not None
        bundle = json.loads(json.dumps(self.bundle))
        if "edit" in step:
            path, value = (part.strip() for part in step["edit"].split("="))
            *parents, leaf = path.split(".")
            target = bundle
            for key in parents:
                target = target[key]
            assert leaf in target, path
            target[leaf] = value
        verdict = self.client.verify_online(bundle)
        if "edit" not in step:
            # The pinned registry's own answer on the proof, and on the same proof for the next leaf.
            assert self.client.contract_accepts_inclusion(bundle) is True
            next_leaf = {**bundle, "proof": {**bundle["proof"], "leaf_index": bundle["proof"]["leaf_index"] ^ 1}}
            assert self.client.contract_accepts_inclusion(next_leaf) is False
        expect = step["expect"]
        assert set(expect) <= {"valid", "level", "checks"}, expect
        assert verdict.valid is expect["valid"], verdict.to_dict()
        assert verdict.level == expect["level"], verdict.to_dict()
        for check, status in expect.get("checks", {}).items():
            assert verdict.checks[check] == status, (check, verdict.to_dict())


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_matrix_case(network: dict[str, Any], case: dict[str, Any]) -> None:
    stream = Stream(network, case)
    for step in case["steps"]:
        stream.run(step)


def test_every_step_of_the_matrix_is_one_this_runner_knows() -> None:
    steps = {step["do"] for case in CASES for step in case["steps"]}
    assert steps <= {name.removeprefix("do_") for name in vars(Stream) if name.startswith("do_")}, steps


# -- the GIL --------------------------------------------------------------------------------

NEVER_FORCE_A_SWITCH = 1_000.0  # seconds: far longer than the test


def test_a_blocking_call_releases_the_gil(network: dict[str, Any]) -> None:
    """Deterministic, as tests/test_threads.py: with forced switching off, the GIL changes hands
    only when its holder releases it. A second thread parked on an Event is let go just before a
    wait that polls for a second (a stream with no events: it ends in TIMEOUT); it can only run
    while the call has released the GIL, and the call must have let it finish its work."""
    client = setchain.Client(network["trust_root"], network["sequencer_url"], network["rpc_url"], api_key=network["api_key"], poll=POLL)
    go, done = threading.Event(), threading.Event()
    progress: list[int] = []

    def other() -> None:
        go.wait()
        progress.extend(range(1000))
        done.set()

    thread = threading.Thread(target=other)
    thread.start()
    # Made before the other thread is let go: uuid4 reads os.urandom, which releases the GIL.
    tenant, store = uuid.uuid4(), uuid.uuid4()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(NEVER_FORCE_A_SWITCH)
    try:
        go.set()
        started = time.monotonic()
        with pytest.raises(setchain.ClientError) as info:
            client.wait_for_commitment(tenant, store, 1, timeout=1.0)
        finished_during_the_call = done.is_set()
        took = time.monotonic() - started
    finally:
        sys.setswitchinterval(interval)
        go.set()
        thread.join()
    assert info.value.code == "TIMEOUT" and info.value.status is None
    assert took >= 1.0
    assert finished_during_the_call and len(progress) == 1000


# -- configuration and typed errors -----------------------------------------------------------


def _trust_document(network: dict[str, Any], **pins: Any) -> dict[str, Any]:
    """A plain trust document (not a set-trust-root-v1, which must pin both) with the network's
    sequencer keys and `pins`."""
    return {"sequencer_public_keys": network["trust_root"]["sequencer_public_keys"], **pins}


def test_a_trust_root_without_a_registry_is_a_config_error_naming_it(network: dict[str, Any]) -> None:
    trust_root = _trust_document(network, chain_id=network["chain_id"])
    err = assert_set_error(
        lambda: setchain.Client(trust_root, network["sequencer_url"], network["rpc_url"]),
        "CONFIG",
        cls=setchain.ClientError,
        field="trust.registry",
    )
    assert isinstance(err, setchain.ClientError) and err.status is None and err.url is None


def test_a_url_that_does_not_parse_is_a_config_error(network: dict[str, Any]) -> None:
    trust_root = _trust_document(network, chain_id=1, registry="0x" + "11" * 20)
    assert_set_error(
        lambda: setchain.Client(trust_root, "not a url", "http://127.0.0.1:1"),
        "CONFIG",
        cls=setchain.ClientError,
        field="sequencer_url",
    )


def test_a_client_of_one_side_refuses_calls_to_the_other_by_the_missing_url(network: dict[str, Any]) -> None:
    chain_only = setchain.Client(network["trust_root"], None, network["rpc_url"])
    assert_set_error(lambda: chain_only.commitment(uuid.uuid4()), "CONFIG", cls=setchain.ClientError, field="sequencer_url")
    sequencer_only = setchain.Client(network["trust_root"], network["sequencer_url"], None, api_key=network["api_key"])
    stream = uuid.uuid4()
    assert_set_error(
        lambda: sequencer_only.wait_for_commitment(stream, stream, 1, timeout=5),
        "CONFIG",
        cls=setchain.ClientError,
        field="chain_rpc_url",
    )
    assert_set_error(
        lambda: setchain.Client(network["trust_root"], None, None), "INVALID_ARGUMENT", cls=setchain.InvalidArgumentError
    )


def test_a_stream_audit_passes_a_clean_stream_and_finds_an_edited_payload(network: dict[str, Any]) -> None:
    stream = Stream(network, {"name": "audit"})
    stream.do_register_agent({})
    outcome = stream.client.ingest([stream.event(1), stream.event(2)])
    export = [{"sequence_number": a["receipt"]["sequenceNumber"], "event": a["event"]} for a in outcome["accepted"]]
    commitment = stream.client.create_commitment(stream.tenant, stream.store, 1, 2)
    stream.client.wait_until_anchored(commitment["batch_id"], timeout=120)

    report = stream.client.audit_stream(stream.tenant, stream.store, export)
    assert report["ok"] is True and report["findings"] == [], report["table"]
    assert report["format"] == "set-stream-audit-v1" and "OK" in report["table"]
    assert report["summary"]["onchain_commitments"] == 1 and report["summary"]["events_checked"] == 2

    edited = json.loads(json.dumps(export))
    edited[1]["event"]["payload"]["total_cents"] += 1
    report = stream.client.audit_stream(stream.tenant, stream.store, json.dumps(edited))
    assert report["ok"] is False
    assert [finding["code"] for finding in report["findings"]] == ["PAYLOAD_HASH_MISMATCH"], report["table"]

    foreign = [{**entry, "event": {**entry["event"], "store_id": str(uuid.uuid4())}} for entry in export]
    assert_set_error(lambda: stream.client.audit_stream(stream.tenant, stream.store, foreign), "WRONG_STREAM", cls=setchain.ClientError)
    twice = [export[0], export[0]]
    assert_set_error(
        lambda: stream.client.audit_stream(stream.tenant, stream.store, twice), "DUPLICATE_SEQUENCE_NUMBER", cls=setchain.ClientError
    )


# A self-signed root standing for a private CA (tests/conformance/README.md).
PRIVATE_ROOT_PEM = (REPO / "tests" / "conformance" / "client" / "private-root.pem").read_text(encoding="utf-8")


def test_extra_root_certificates_are_taken_as_pem_text_or_bytes_and_a_bad_one_is_named(network: dict[str, Any]) -> None:
    def client(roots: Any) -> setchain.Client:
        return setchain.Client(network["trust_root"], None, network["rpc_url"], extra_root_certificates=roots)

    # PEM as str and as bytes are both roots (a root that did not parse would raise here).
    assert repr(client([PRIVATE_ROOT_PEM, PRIVATE_ROOT_PEM.encode()])).startswith("Client(")
    err = assert_set_error(lambda: client([PRIVATE_ROOT_PEM, b"\x30\x03\x02\x01\x01"]), "CONFIG", cls=setchain.ClientError, field="extra_root_certificates")
    assert "entry 1" in str(err), err
    assert_set_error(lambda: client([PRIVATE_ROOT_PEM, 7]), "INVALID_ARGUMENT", cls=setchain.InvalidArgumentError, field="extra_root_certificates[1]")
    assert_set_error(lambda: client(PRIVATE_ROOT_PEM), "INVALID_ARGUMENT", cls=setchain.InvalidArgumentError, field="extra_root_certificates")


def test_two_credentials_are_refused(network: dict[str, Any]) -> None:
    assert_set_error(
        lambda: setchain.Client(network["trust_root"], network["sequencer_url"], network["rpc_url"], api_key="a", bearer_jwt="b"),
        "INVALID_ARGUMENT",
        cls=setchain.InvalidArgumentError,
    )


def test_a_status_error_carries_the_sequencers_url_and_status(network: dict[str, Any]) -> None:
    client = setchain.Client(network["trust_root"], network["sequencer_url"], network["rpc_url"], api_key=network["api_key"], retry=RETRY)
    with pytest.raises(setchain.ClientError) as info:
        client.commitment(uuid.uuid4())
    err = info.value
    assert (err.code, err.status, err.module) == ("SEQUENCER_STATUS", 404, "client")
    assert err.url is not None and err.url.startswith(network["sequencer_url"].rstrip("/") + "/api/v1/ves/commitments/")
    assert isinstance(err, setchain.SetError) and not isinstance(err, ValueError)


def test_a_set_trust_root_without_a_registry_is_the_cores_refusal(network: dict[str, Any]) -> None:
    trust_root = {key: value for key, value in network["trust_root"].items() if key != "registry"}
    assert_set_error(
        lambda: setchain.Client(trust_root, network["sequencer_url"], network["rpc_url"]),
        "INVALID_JSON",
        cls=setchain.ClientError,
        field="trust.registry",
    )


def test_the_pinned_network_is_the_cores_reading_of_the_trust_root(network: dict[str, Any]) -> None:
    assert setchain.pinned_network(network["trust_root"]) == (network["chain_id"], network["registry"].lower())
    assert setchain.pinned_network(json.dumps(network["trust_root"])) == (network["chain_id"], network["registry"].lower())
    assert setchain.pinned_network(_trust_document(network)) == (None, None)


def test_retry_policy_defaults_are_the_rust_clients() -> None:
    policy = setchain.RetryPolicy()
    assert (policy.max_attempts, policy.initial_backoff, policy.max_backoff) == (5, 0.2, 5.0)
    assert_set_error(lambda: setchain.RetryPolicy(max_attempts=0), "INVALID_ARGUMENT", cls=setchain.InvalidArgumentError)
    assert_set_error(lambda: setchain.RetryPolicy(initial_backoff=-1), "INVALID_ARGUMENT", cls=setchain.InvalidArgumentError)


# -- asyncio ----------------------------------------------------------------------------------


def test_the_async_client_runs_calls_concurrently_with_the_clients_answers(network: dict[str, Any]) -> None:
    import asyncio

    from setchain.aio import AsyncClient

    client = AsyncClient(network["trust_root"], network["sequencer_url"], network["rpc_url"], api_key=network["api_key"], poll=POLL)

    async def main() -> tuple[list[BaseException | dict[str, Any]], float, BaseException | None]:
        started = time.monotonic()
        # Three one-second waits at once: together they take about one second only if each runs in
        # its own thread with the GIL released.
        waits = [client.wait_for_commitment(uuid.uuid4(), uuid.uuid4(), 1, timeout=1.0) for _ in range(3)]
        answers = await asyncio.gather(*waits, return_exceptions=True)
        took = time.monotonic() - started
        try:
            await client.ingest([])
        except setchain.ClientError as err:
            return answers, took, err
        return answers, took, None

    answers, took, refused = asyncio.run(main())
    assert all(isinstance(answer, setchain.ClientError) and answer.code == "TIMEOUT" for answer in answers), answers
    assert took < 2.9, took  # one after another, they cannot take less than 3 s
    assert refused is not None and (refused.code, refused.field) == ("INVALID_FIELD_VALUE", "events")
