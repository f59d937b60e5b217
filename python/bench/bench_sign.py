"""`make bench-sign` (Python part, after the Rust part): the store agent's signing throughput,
setchain against what a Python agent would write without it, on the same events in the same run.

    python python/bench/bench_sign.py <the --out folder of set-bench-sign>

Reads `events.json` (each event's fields and payload), `keys.json` (the agent's test seeds),
`signed.json` (set-core's first signed events) and `rust.json` (Rust's figures) that the Rust part
wrote there. Each event is taken from its fields to the signed event the ingest body carries:

- setchain: `UnsignedEvent(**fields).sign_with(signer)` with an `AgentSigner` made once from
  the seeds (the agent signing a stream), and `UnsignedEvent(**fields).sign(ed25519_seed=…)`
  (hybrid: and `ml_dsa_65_seed=…`), which expands the seeds per event; each checks the
  sequencer's event rules, hashes the payload (JCS) and the event, signs, and returns the signed
  event as a dict;
- by hand with `cryptography` 50 (OpenSSL): the payload canonicalised with `json.dumps(…,
  sort_keys=True, separators=(",", ":"), ensure_ascii=False)` (RFC 8785 for this corpus: ASCII
  keys, no floats), both hashes with `hashlib.sha256` following the byte layout of
  docs/protocol.md, `Ed25519PrivateKey.sign` (hybrid: and `MLDSA65PrivateKey.sign`), and the same
  dict assembled. No rule is checked. Timed with the keys loaded once, and loaded from the seeds
  per event (what `sign(ed25519_seed=…)` does).

Every dict of both paths is compared after timing: equal, except that cryptography's ML-DSA-65
signatures are randomised (FIPS 204 hedged signing), so those are verified with the agent's
public key instead; setchain's first dicts are also compared with Rust's. The hybrid rounds also
time cryptography's ML-DSA-65 signature and key loading alone (set beside the Rust part's figures
for libcrux-ml-dsa: the part of a hybrid event no binding can make faster). Times are the CPU time
of this thread (`time.thread_time`: the machine is shared), the median of REPEAT rounds, each
round timing every row once. Target: setchain at least at parity (setchain's events/s ÷ the
peer's ≥ 1). BENCH_MD=<file>: the table is appended to that file.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import statistics
import struct
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PrivateKey, MLDSA65PublicKey

import setchain

REPEAT = 5
HYBRID_REPEAT = 3

_U32 = struct.Struct(">I").pack
_ZERO_HASH = "0x" + "00" * 32
_UUID_FIELDS = ("tenant_id", "store_id", "event_id", "source_agent_id")
_STRING_FIELDS = ("entity_type", "entity_id", "event_type", "created_at")

Event = dict[str, Any]


def medians(repeat: int, runs: dict[str, Callable[[], list[Any]]]) -> tuple[dict[str, float], dict[str, list[Any]]]:
    """Seconds of CPU time per run (the median of `repeat` rounds) and each run's last output."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    outputs: dict[str, list[Any]] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.thread_time()
            outputs[name] = run()
            times[name].append(time.thread_time() - start)
    return {name: statistics.median(values) for name, values in times.items()}, outputs


def by_hand(fields: Event, ed25519: Ed25519PrivateKey, ml_dsa_65: MLDSA65PrivateKey | None) -> Event:
    """The signed event without setchain: hashes by hand, signatures with `cryptography`."""
    payload = fields["payload"]
    jcs = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    payload_hash = hashlib.sha256(b"VES_PAYLOAD_PLAIN_V1" + jcs).digest()
    parts = [b"VES_EVENTSIG_V1", _U32(1)]
    parts += [uuid.UUID(fields[name]).bytes for name in _UUID_FIELDS]
    parts.append(_U32(fields["agent_key_id"]))
    for name in _STRING_FIELDS:
        text = fields[name].encode()
        parts += (_U32(len(text)), text)
    parts += (_U32(0), payload_hash, bytes(32))
    signing_hash = hashlib.sha256(b"".join(parts)).digest()
    signature = "0x" + ed25519.sign(signing_hash).hex()
    event = {
        "ves_version": 1,
        **fields,
        "payload_kind": 0,
        "payload_plain_hash": "0x" + payload_hash.hex(),
        "payload_cipher_hash": _ZERO_HASH,
        "agent_signature": signature,
    }
    if ml_dsa_65 is not None:
        event["agent_signature_scheme"] = 3
        event["agent_signature_bundle"] = {
            "ed25519_signature": signature,
            "ml_dsa_65_signature": "0x" + ml_dsa_65.sign(signing_hash).hex(),
        }
    return event


def scheme_rows(
    scheme: str, events: list[Event], seeds: dict[str, bytes], repeat: int, public_key: bytes | None
) -> list[tuple[str, float]]:
    """(what, events/s) of setchain and the two by-hand rows, their outputs compared."""
    ed_seed, ml_seed = seeds["ed25519_seed"], seeds.get("ml_dsa_65_seed")
    ed_key = Ed25519PrivateKey.from_private_bytes(ed_seed)
    ml_key = MLDSA65PrivateKey.from_seed_bytes(ml_seed) if ml_seed else None
    unsigned = setchain.UnsignedEvent

    signer = setchain.AgentSigner(**seeds)

    def ours() -> list[Event]:
        return [unsigned(**fields).sign_with(signer) for fields in events]

    def ours_from_seeds() -> list[Event]:
        return [unsigned(**fields).sign(**seeds) for fields in events]

    def theirs() -> list[Event]:
        return [by_hand(fields, ed_key, ml_key) for fields in events]

    def theirs_from_seeds() -> list[Event]:
        load_ed, load_ml = Ed25519PrivateKey.from_private_bytes, MLDSA65PrivateKey.from_seed_bytes
        return [by_hand(fields, load_ed(ed_seed), load_ml(ml_seed) if ml_seed else None) for fields in events]

    print(f"signing {len(events)} events {scheme}…", file=sys.stderr)
    runs: dict[str, Callable[[], list[Any]]] = {
        "ours": ours,
        "ours_seeds": ours_from_seeds,
        "theirs": theirs,
        "seeds": theirs_from_seeds,
    }
    if ml_key is not None and ml_seed is not None:
        # OpenSSL's ML-DSA-65 signature and key loading alone, in the same rounds: what set-core's
        # libcrux-ml-dsa is up against once the hashing and the event are taken away.
        hashes = [setchain.UnsignedEvent(**fields).signing_hash() for fields in events]
        key, seed = ml_key, ml_seed
        runs["ml_sign"] = lambda: [key.sign(signing_hash) for signing_hash in hashes]
        runs["ml_seed"] = lambda: [MLDSA65PrivateKey.from_seed_bytes(seed) for _ in events]
    seconds, outputs = medians(repeat, runs)
    assert outputs["ours"] == outputs["ours_seeds"], "sign_with and sign differ"
    for name in ("theirs", "seeds"):
        assert len(outputs[name]) == len(outputs["ours"]) == len(events)
        for index, (mine, peer) in enumerate(zip(outputs["ours"], outputs[name], strict=True)):
            if public_key is not None:
                # cryptography signs ML-DSA-65 hedged (randomised): verify it rather than compare.
                mine, peer = without_ml_dsa(mine, public_key), without_ml_dsa(peer, public_key)
            assert mine == peer, f"event {index}: the by-hand dict differs from setchain's"
    per_second = {name: len(events) / value for name, value in seconds.items()}
    rows = [
        (f"setchain `UnsignedEvent(**fields).sign_with(signer)` (key expanded once), {scheme}", per_second["ours"]),
        (f"setchain `UnsignedEvent(**fields).sign(…)` (seeds expanded per event), {scheme}", per_second["ours_seeds"]),
        (f"by hand: hashlib + cryptography, keys loaded once, {scheme}", per_second["theirs"]),
        (f"by hand: hashlib + cryptography, keys loaded from the seeds per event, {scheme}", per_second["seeds"]),
    ]
    if "ml_sign" in per_second:
        rows += [
            ("(part) cryptography `MLDSA65PrivateKey.sign` alone (OpenSSL, hedged)", per_second["ml_sign"]),
            ("(part) cryptography `MLDSA65PrivateKey.from_seed_bytes` alone", per_second["ml_seed"]),
        ]
    return rows


def without_ml_dsa(event: Event, public_key: bytes) -> Event:
    """`event` without its ML-DSA-65 signature, once that signature verifies over its signing hash."""
    bundle = dict(event["agent_signature_bundle"])
    signature = bytes.fromhex(bundle.pop("ml_dsa_65_signature").removeprefix("0x"))
    signing_hash = setchain.UnsignedEvent.from_json(event).signing_hash()
    MLDSA65PublicKey.from_public_bytes(public_key).verify(signature, signing_hash)
    return {**event, "agent_signature_bundle": bundle}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    folder = pathlib.Path(sys.argv[1])

    def read(name: str) -> Any:
        return json.loads((folder / name).read_text(encoding="utf-8"))

    events: list[Event] = read("events.json")
    keys, signed, rust = read("keys.json"), read("signed.json"), read("rust.json")

    def seed(name: str) -> bytes:
        return bytes.fromhex(keys[name].removeprefix("0x"))

    ed25519 = {"ed25519_seed": seed("ed25519_seed")}
    hybrid = {**ed25519, "ml_dsa_65_seed": seed("ml_dsa_65_seed")}
    # setchain signs exactly as set-core (deterministic signatures: equal byte for byte).
    for scheme, seeds in (("ed25519", ed25519), ("hybrid", hybrid)):
        for fields, expected in zip(events, signed[scheme], strict=False):
            assert setchain.UnsignedEvent(**fields).sign(**seeds) == expected, f"{scheme}: setchain differs from set-core"

    hybrid_events = events[: rust["hybrid_events"]]
    public_key = bytes.fromhex(keys["ml_dsa_65_public_key"].removeprefix("0x"))
    rows = scheme_rows("Ed25519", events, ed25519, REPEAT, None)
    rows += scheme_rows("hybrid", hybrid_events, hybrid, HYBRID_REPEAT, public_key)
    rust_rows = [
        (f"set-core (Rust) `UnsignedEvent::new` + `sign_with`, {scheme} (the Rust part, its {rust['clock']})", rust["events_per_second"][key])
        for scheme, key in (("Ed25519", "sdk_ed25519"), ("hybrid", "sdk_hybrid"))
    ]
    if rust.get("ml_dsa_65_us"):
        rust_rows += [
            ("(part) set-core's libcrux-ml-dsa `sign` alone (the Rust part)", 1e6 / rust["ml_dsa_65_us"]["sign"]),
            ("(part) set-core's libcrux-ml-dsa `generate_key_pair` alone (the Rust part)", 1e6 / rust["ml_dsa_65_us"]["from_seed"]),
        ]
    table = (
        f"\n| Python, per event from its fields to the signed event ({len(events)} events, hybrid the first"
        f" {len(hybrid_events)}; CPU time, median of {REPEAT} / {HYBRID_REPEAT} rounds) | events/s | µs/event |\n|---|--:|--:|\n"
    )
    table += "".join(f"| {what} | {value:.0f} | {1e6 / value:.1f} |\n" for what, value in rows + rust_rows)
    table += "\n| target: setchain at least at parity (setchain ÷ by hand, events/s) | this run | |\n|---|--:|---|\n"
    for scheme, first in (("Ed25519", 0), ("hybrid", 4)):
        for against, ours, peer in (
            ("`sign_with`, against keys loaded once", first, first + 2),
            ("`sign`, against keys loaded per event", first + 1, first + 3),
        ):
            ratio = rows[ours][1] / rows[peer][1]
            table += f"| {scheme}, {against} | {ratio:.2f} × | {'met' if ratio >= 1 else 'not met'} |\n"
    print(table, end="")
    if os.environ.get("BENCH_MD"):
        with open(os.environ["BENCH_MD"], "a", encoding="utf-8") as out:
            out.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
