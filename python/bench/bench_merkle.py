"""`make bench-py`: setchain against what a back-office script uses today, like against like.

In one process, on the same random 32-byte leaves at 2^10, 2^14 and 2^16, three phases:
build the tree, produce every proof, verify every proof.

- keccak-v1: `setchain.MerkleTree(leaves, "keccak-v1")` against a hand-written positional keccak
  tree over `eth_hash.auto.keccak` (pycryptodome backend) with the same pad leaf and node rule
  (the roots are asserted equal).
- ves-sha256-v1: `setchain.MerkleTree(leaves)` against `pymerkle.InmemoryTree` (SHA-256, RFC 9162
  shape). Leaves are given to pymerkle as precomputed digests (`_store_leaf`), so neither side
  hashes the leaves themselves.

setchain's "all proofs" is `tree.proofs().packed()` (every proof, back to back in one `bytes`);
the "all proofs as Python lists" row is `tree.proofs().to_list()`: every proof as `list[bytes]`,
the form the peers produce. A ProofSet reads the tree's stored levels and gathers its flat form
only when first needed, so "verify all" passes a fresh `tree.proofs()` each round: the gathering
is timed with the verification.

Targets at 2^16 (python/README.md): ≥ 10× the eth-hash tree and ≥ 5× pymerkle for build, all
proofs and verify all; all proofs as Python lists ≥ 5× either peer. The run ends with one line
per target saying whether it is met.
BENCH_MD=<file>: the table and the target lines are also written to that file (`make bench`).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

from eth_hash.auto import keccak
from pymerkle import InmemoryTree, verify_inclusion

import setchain

SIZES = [1 << 10, 1 << 14, 1 << 16]
TARGETS = {"keccak-v1": ("the eth-hash tree", 10), "ves-sha256-v1": ("pymerkle", 5)}
LISTS_FACTOR = 5  # all proofs as Python lists, against either peer
PAD = keccak(b"SET_PAD_LEAF_V1")


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


# A positional keccak tree, as a back-office script writes it today.
def eth_build(leaves: list[bytes]) -> list[list[bytes]]:
    width = 1
    while width < len(leaves):
        width *= 2
    level = leaves + [PAD] * (width - len(leaves))
    levels = [level]
    while len(level) > 1:
        level = [keccak(level[i] + level[i + 1]) for i in range(0, len(level), 2)]
        levels.append(level)
    return levels


def eth_proofs(levels: list[list[bytes]], count: int) -> list[list[bytes]]:
    depth = len(levels) - 1
    return [[levels[d][(i >> d) ^ 1] for d in range(depth)] for i in range(count)]


def eth_verify(root: bytes, leaf: bytes, index: int, proof: list[bytes]) -> bool:
    running = leaf
    for d, sibling in enumerate(proof):
        running = keccak(running + sibling) if (index >> d) & 1 == 0 else keccak(sibling + running)
    return running == root


def pymerkle_build(leaves: list[bytes]) -> InmemoryTree:
    tree = InmemoryTree(algorithm="sha256")
    for leaf in leaves:
        tree._store_leaf(leaf, leaf)
    return tree


def row(label: str, ours: float, theirs: float) -> str:
    return f"| {label} | {ours * 1e3:,.1f} ms | {theirs * 1e3:,.1f} ms | **{theirs / ours:,.0f}×** |"


def main() -> None:
    print(f"setchain {setchain.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    lines: list[str] = []
    targets: list[str] = []

    def check(scheme: str, phase: str, ours: float, theirs: float, factor: float | None = None) -> None:
        peer, default = TARGETS[scheme]
        factor = default if factor is None else factor
        met = "met" if theirs / ours >= factor else "**not met**"
        targets.append(f"- {scheme} {phase}: {theirs / ours:,.1f}× {peer} (target ≥ {factor}×) — {met}")

    def compare(scheme: str, peer: str, n: int, ours: tuple[float, ...], theirs: tuple[float, ...]) -> None:
        """Table rows (and, at the largest size, target checks) of setchain's build, all proofs,
        all proofs as lists and verify all against the peer's build, all proofs and verify all."""
        (t_build, t_proofs, t_lists, t_verify), (p_build, p_proofs, p_verify) = ours, theirs
        phases = [
            ("build", t_build, p_build, None),
            ("all proofs", t_proofs, p_proofs, None),
            ("all proofs as Python lists", t_lists, p_proofs, LISTS_FACTOR),
            ("verify all", t_verify, p_verify, None),
        ]
        lines.append(f"| **2^{n.bit_length() - 1} {scheme}** vs {peer} | | | |")
        lines.extend(row(phase, mine, peers) for phase, mine, peers, _ in phases)
        if n == SIZES[-1]:
            for phase, mine, peers, factor in phases:
                check(scheme, phase, mine, peers, factor)

    for n in SIZES:
        leaves = [os.urandom(32) for _ in range(n)]
        packed = b"".join(leaves)
        repeat = 5 if n <= 1 << 14 else 3

        # keccak-v1 vs eth-hash
        t_build, tree = timed(lambda: setchain.MerkleTree(packed, "keccak-v1"), repeat)
        t_proofs, _ = timed(lambda: tree.proofs().packed(), repeat)
        t_lists, _ = timed(lambda: tree.proofs().to_list(), repeat)
        t_verify, ok = timed(
            lambda: setchain.verify_proofs(tree.root, n, packed, tree.proofs(), scheme="keccak-v1"), repeat
        )
        assert all(ok)
        e_build, levels = timed(lambda: eth_build(leaves))
        assert levels[-1][0] == tree.root, "hand-written keccak tree disagrees with keccak-v1"
        e_proofs, eproofs = timed(lambda: eth_proofs(levels, n))
        e_verify, eok = timed(lambda: [eth_verify(levels[-1][0], leaves[i], i, eproofs[i]) for i in range(n)])
        assert all(eok)
        compare("keccak-v1", "eth-hash tree", n, (t_build, t_proofs, t_lists, t_verify), (e_build, e_proofs, e_verify))

        # ves-sha256-v1 vs pymerkle
        t_build, tree = timed(lambda: setchain.MerkleTree(packed), repeat)
        t_proofs, _ = timed(lambda: tree.proofs().packed(), repeat)
        t_lists, _ = timed(lambda: tree.proofs().to_list(), repeat)
        t_verify, ok = timed(lambda: setchain.verify_proofs(tree.root, n, packed, tree.proofs()), repeat)
        assert all(ok)
        p_build, ptree = timed(lambda: pymerkle_build(leaves))
        p_proofs, pproofs = timed(lambda: [ptree.prove_inclusion(i + 1) for i in range(n)])
        proot = ptree.get_root()

        def p_verify_all() -> bool:
            for i in range(n):
                verify_inclusion(leaves[i], proot, pproofs[i])  # raises InvalidProof on failure
            return True

        p_verify, _ = timed(p_verify_all)
        compare("ves-sha256-v1", "pymerkle", n, (t_build, t_proofs, t_lists, t_verify), (p_build, p_proofs, p_verify))
        print(f"2^{n.bit_length() - 1} done", file=sys.stderr)

    report = [
        f"setchain {setchain.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores",
        "",
        "| phase | setchain | peer | speed-up |",
        "|---|---:|---:|---:|",
        *lines,
        "",
        f"Targets at 2^{SIZES[-1].bit_length() - 1} (≥ 10× the eth-hash tree, ≥ 5× pymerkle, every phase; "
        f"all proofs as Python lists ≥ {LISTS_FACTOR}× either):",
        "",
        *targets,
    ]
    print("\n".join(report[2:]))
    if os.environ.get("BENCH_MD"):
        with open(os.environ["BENCH_MD"], "w", encoding="utf-8") as out:
            out.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
