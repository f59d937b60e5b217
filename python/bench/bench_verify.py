"""`make bench-verify` (Python part, after the Rust part): bulk receipt verification against Rust's
bulk in the same run, and ML-DSA-65 verification, setchain against Python `cryptography`
(OpenSSL), like against like, with Rust's figure from the same run.

    python python/bench/bench_verify.py <the --out folder of set-bench-verify>

Bulk: `bundles.json` (the Rust part's 10,000 bundle texts) and `trust.json`, verified with one
`setchain.verify_receipts(texts, trust)` call, against Rust's `verify_receipts_json` from text
(`rust.json`). Target: within 1.15 × of Rust's bulk per receipt (the binding adds only the
conversion of the list and of the verdicts).

Reads `ml-dsa.json` (the sequencer's ML-DSA-65 public key, 32-byte receipt hashes and their
pure ML-DSA-65 signatures with an empty context, as the hybrid receipts carry them) and
`rust.json` (Rust's µs per `pq::verify_ml_dsa_65`) that the Rust part wrote there, and times
every signature verified:
- `setchain.verify_ml_dsa_65(public_key, message, signature)`: key bytes in, so the key is decoded
  (its matrix expanded) on every call, as in the Rust figure;
- `cryptography`: `MLDSA65PublicKey.from_public_bytes(key).verify(signature, message)` per call
  (the same work), and `verify` on a key loaded once (what a caller holding a key object pays).

Target: setchain within 1.5 × of cryptography's per-call time (key loaded per call on both
sides); the key-loaded-once row is shown for what it is. Times are the CPU time of this thread
(`time.thread_time`: the machine is shared, and other processes' load would otherwise count), the
median of REPEAT rounds, each round timing every row once. BENCH_MD=<file>: the table is appended
to that file (`make bench`: after the Rust part's table).
"""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import sys
import time
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PublicKey

import setchain

REPEAT = 5
TARGET = 1.5
BULK_TARGET = 1.15


def medians(runs: dict[str, Callable[[], None]]) -> dict[str, float]:
    """Seconds of CPU time per run, the median of REPEAT rounds that each time every run once."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(REPEAT):
        for name, run in runs.items():
            start = time.thread_time()
            run()
            times[name].append(time.thread_time() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def bulk_rows(folder: pathlib.Path, rust: dict[str, object]) -> str:
    """The bulk table: `verify_receipts` over the Rust part's corpus against Rust's bulk from text."""
    texts = json.loads((folder / "bundles.json").read_text(encoding="utf-8"))
    trust = (folder / "trust.json").read_text(encoding="utf-8")
    verdicts = setchain.verify_receipts(texts, trust)
    # Every bundle of the corpus is valid: a bench of refusals would measure the wrong thing.
    assert all(v.valid for v in verdicts), "a corpus bundle does not verify"
    n = len(texts)
    seconds = medians({"bulk": lambda: setchain.verify_receipts(texts, trust)})["bulk"]
    ours = seconds / n * 1e6
    theirs = rust["us_per_receipt"]["bulk_from_text"]  # type: ignore[index]
    ratio = ours / theirs
    table = f"\n| bulk receipt verification from Python ({n} bundle texts, one `verify_receipts` call; CPU time, median of {REPEAT} rounds) | µs per receipt |\n|---|--:|\n"
    table += f"| set-core (Rust) `verify_receipts_json`, from text (the Rust part) | {theirs:.1f} |\n"
    table += f"| setchain (Python) `verify_receipts(texts, trust)` | {ours:.1f} |\n"
    table += "\n| target | this run | |\n|---|--:|---|\n"
    table += f"| Python bulk within {BULK_TARGET} × of Rust's bulk | {ratio:.2f} × | {'met' if ratio <= BULK_TARGET else 'not met'} |\n"
    return table


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    folder = pathlib.Path(sys.argv[1])
    corpus = json.loads((folder / "ml-dsa.json").read_text(encoding="utf-8"))
    rust = json.loads((folder / "rust.json").read_text(encoding="utf-8"))
    key = bytes.fromhex(corpus["public_key"].removeprefix("0x"))
    pairs = [
        (bytes.fromhex(m.removeprefix("0x")), bytes.fromhex(s.removeprefix("0x")))
        for m, s in zip(corpus["messages"], corpus["signatures"], strict=True)
    ]
    n = len(pairs)
    loaded = MLDSA65PublicKey.from_public_bytes(key)
    # Every signature verifies with both before anything is timed (cryptography raises if not).
    for message, signature in pairs:
        assert setchain.verify_ml_dsa_65(key, message, signature), "setchain refuses a valid signature"
        loaded.verify(signature, message)

    def ours() -> None:
        verify = setchain.verify_ml_dsa_65
        for message, signature in pairs:
            verify(key, message, signature)

    def theirs_per_call() -> None:
        load = MLDSA65PublicKey.from_public_bytes
        for message, signature in pairs:
            load(key).verify(signature, message)

    def theirs_loaded_once() -> None:
        verify = loaded.verify
        for message, signature in pairs:
            verify(signature, message)

    bulk_table = bulk_rows(folder, rust)
    print(bulk_table, end="")
    seconds = medians({"ours": ours, "per_call": theirs_per_call, "loaded": theirs_loaded_once})
    us = {name: value / n * 1e6 for name, value in seconds.items()}
    ratio = us["ours"] / us["per_call"]
    rows = [
        ("set-core (Rust) `pq::verify_ml_dsa_65`, key bytes in (from the Rust part, its CPU time)", rust["ml_dsa_65_verify_us"]),
        ("setchain (Python) `verify_ml_dsa_65`, key bytes in", us["ours"]),
        ("cryptography 50 (OpenSSL): `MLDSA65PublicKey.from_public_bytes(key).verify(…)` per call", us["per_call"]),
        ("cryptography 50 (OpenSSL): `verify` on a key loaded once", us["loaded"]),
    ]
    table = f"\n| ML-DSA-65 verification, Python ({n} signatures of 32-byte hashes; CPU time, median of {REPEAT} rounds) | µs |\n|---|--:|\n"
    table += "".join(f"| {what} | {value:.1f} |\n" for what, value in rows)
    table += "\n| target | this run | |\n|---|--:|---|\n"
    table += f"| setchain within {TARGET} × of cryptography (key per call on both sides) | {ratio:.2f} × | {'met' if ratio <= TARGET else 'not met'} |\n"
    table += f"| (against cryptography with its key loaded once) | {us['ours'] / us['loaded']:.2f} × | |\n"
    print(table, end="")
    if os.environ.get("BENCH_MD"):
        with open(os.environ["BENCH_MD"], "a", encoding="utf-8") as out:
            out.write(bulk_table + table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
