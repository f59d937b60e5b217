"""Bulk calls release the GIL: another Python thread runs while they hash.

Deterministic, not a race: the switch interval is raised far above the test's length, so the
interpreter never forces the thread holding the GIL to hand it over; the GIL then changes hands
only when its holder blocks or releases it. A second thread, parked on an Event, is let go just
before the bulk call; it can only run (and set `ran`) if the call released the GIL. No blocking
Python operation sits between `go.set()` and the check of `ran`, so a call that kept the GIL
leaves `ran` unset however fast or slow the machine is. The deadline only bounds that failing
case (the call is repeated until the second thread got in, or the deadline passes).
"""

import json
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

import setchain
from conftest import vectors

N = 1 << 12
LEAVES = [os.urandom(32) for _ in range(N)]
PACKED_LEAVES = b"".join(LEAVES)
TREE = setchain.MerkleTree(LEAVES)
PROOF_SET = TREE.proofs()
PACKED_PROOFS = PROOF_SET.packed()
# Leaves that are not in the tree: every fold of bulk verification runs in full (identical
# proofs of honest leaves share their folds, ADR 04, and would cost almost nothing).
FOREIGN = [os.urandom(32) for _ in range(N)]
# Receipt bundles as JSON text, so that the call spends its time verifying, not converting.
_RECEIPTS = vectors("receipts.json")
TRUST = _RECEIPTS["valid"][0]["trust"]
BUNDLES = [json.dumps(c["bundle"]) for c in _RECEIPTS["valid"] + _RECEIPTS["tampered"] if c["trust"] == TRUST] * 20

# Every call that releases the GIL (`py.detach` in python/src/merkle.rs and ves.rs), with a check
# of its answer.
BULK_CALLS: dict[str, tuple[Callable[[], Any], Callable[[Any], bool]]] = {
    "MerkleTree(list)": (lambda: setchain.MerkleTree(LEAVES), lambda tree: tree.root == TREE.root),
    "MerkleTree(packed bytes)": (lambda: setchain.MerkleTree(PACKED_LEAVES), lambda tree: tree.root == TREE.root),
    # A fresh ProofSet gathers its flat form on first use, with the GIL released too.
    "verify_proofs(fresh ProofSet)": (
        lambda: setchain.verify_proofs(TREE.root, N, FOREIGN, TREE.proofs()),
        lambda answers: answers == [False] * N,
    ),
    "verify_proofs(ProofSet)": (
        lambda: setchain.verify_proofs(TREE.root, N, FOREIGN, PROOF_SET),
        lambda answers: answers == [False] * N,
    ),
    "verify_proofs(packed proofs)": (
        lambda: setchain.verify_proofs(TREE.root, N, FOREIGN, PACKED_PROOFS),
        lambda answers: answers == [False] * N,
    ),
    "verify_receipts": (
        lambda: setchain.verify_receipts(BUNDLES, TRUST),
        lambda verdicts: len(verdicts) == len(BUNDLES) and any(verdicts) and not all(verdicts),
    ),
}
DEADLINE_SECONDS = 30.0
NEVER_FORCE_A_SWITCH = 1_000.0  # seconds: far longer than the test


@pytest.mark.skipif(
    not getattr(sys, "_is_gil_enabled", lambda: True)(), reason="free-threaded Python: there is no GIL to release"
)
@pytest.mark.parametrize("name", BULK_CALLS)
def test_another_thread_runs_python_during_the_bulk_call(name: str) -> None:
    call, answer_is_right = BULK_CALLS[name]
    go = threading.Event()
    ran = threading.Event()

    def second_thread() -> None:
        go.wait()
        ran.set()

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(NEVER_FORCE_A_SWITCH)
    other = threading.Thread(target=second_thread)
    try:
        other.start()  # returns once the thread is parked in go.wait(), which released the GIL
        go.set()
        # From here on this thread holds the GIL except inside the native call.
        assert not ran.is_set()
        deadline = time.monotonic() + DEADLINE_SECONDS
        calls = 0
        answers_right = True
        while not ran.is_set() and time.monotonic() < deadline:
            answers_right &= answer_is_right(call())
            calls += 1
        got_in = ran.is_set()
    finally:
        go.set()
        other.join()
        sys.setswitchinterval(old_interval)

    assert answers_right
    assert got_in, f"{name} kept the GIL: no other thread ran during {calls} calls in {DEADLINE_SECONDS} s"
