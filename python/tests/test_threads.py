"""Bulk calls release the GIL: another Python thread keeps running while they hash."""

import os
import sys
import threading
import time

import setchain


def test_bulk_verification_from_two_threads_releases_the_gil() -> None:
    n = 1 << 14
    leaves = [os.urandom(32) for _ in range(n)]
    tree = setchain.MerkleTree(leaves)
    packed_proofs = tree.proofs().packed()
    assert all(setchain.verify_proofs(tree.root, n, leaves, packed_proofs))
    # One long native call: the proofs checked `repeat` times (calibrated to >= 0.6 s) against
    # leaves that are not in the tree. Bulk verification reuses the folds of identical proofs
    # (ADR 04), so honest repeats would cost nothing; foreign leaves make every fold run in full.
    foreign = [os.urandom(32) for _ in range(n)]
    start = time.perf_counter()
    assert not any(setchain.verify_proofs(tree.root, n, foreign, packed_proofs))
    one = time.perf_counter() - start
    repeat = max(1, int(0.6 / max(one, 1e-4)) + 1)
    big_leaves = b"".join(os.urandom(32) for _ in range(n * repeat))
    big_proofs = packed_proofs * repeat
    big_indices = list(range(n)) * repeat

    counter = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal counter
        while not stop.is_set():
            counter += 1

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    counting = threading.Thread(target=count)
    counting.start()
    try:
        # The counter's pace over 50 ms while this thread sleeps (sleep releases the GIL).
        before = counter
        time.sleep(0.05)
        per_50ms = counter - before

        results: list[bool] = []
        progress: list[int] = []

        def verify() -> None:
            first = counter
            answers = setchain.verify_proofs(tree.root, n, big_leaves, big_proofs, big_indices)
            progress.append(counter - first)
            results.append(not any(answers))

        workers = [threading.Thread(target=verify) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        stop.set()
        counting.join()
        sys.setswitchinterval(old_interval)

    assert results == [True, True]
    # Had the calls held the GIL, the counter could only have advanced in the ~1 ms switch
    # windows around them; it advanced by more than 50 ms worth of counting during each
    # (three threads share two cores, so it gets a part of the >= 0.6 s each call lasts).
    assert min(progress) > per_50ms, (progress, per_50ms)
