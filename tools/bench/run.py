#!/usr/bin/env python3
"""`make bench`: every benchmark of the repository in one run, assembled into BENCHMARKS.md.

Runs, one after the other (never two at once): the Criterion benches of set-core, the npm
package against merkletreejs / OpenZeppelin, the pip package against eth-hash / pymerkle, the
Kotlin binding, the anchor daemon on anvil, the contracts' gas, and the binary sizes. Each
section's output goes to the terminal and to $CARGO_TARGET_DIR/bench/logs/<section>.log; the
runners write their markdown tables to $CARGO_TARGET_DIR/bench/<section>.md (environment
variable BENCH_MD). A section that fails is reported as "failed: …" in the file and the script
exits 1 at the end. See tools/bench/README.md.

    python3 tools/bench/run.py                     # everything, writes BENCHMARKS.md
    python3 tools/bench/run.py --only gas,sizes --out /tmp/b.md
    BENCH_NOTE="text" make bench                   # a note about this run, under the title
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pathlib
import platform
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

REPO = pathlib.Path(__file__).resolve().parents[2]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target").resolve()
OUT = TARGET / "bench"
LOGS = OUT / "logs"
MAKE = os.environ.get("MAKE") or "make"
CARGO = os.environ.get("CARGO") or "cargo"
PYTHON = os.environ.get("PYTHON") or "python3"
# Criterion's defaults are 3 s warm-up and 5 s measurement per benchmark (48 of them); shorter for
# `make bench`, stated in the file. BENCH_CRITERION_ARGS overrides ("" = Criterion's defaults).
CRITERION_ARGS = os.environ.get("BENCH_CRITERION_ARGS", "--warm-up-time 1 --measurement-time 3")
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Failed(Exception):
    """A command of a section failed; the message says which and how."""


def shown(path: pathlib.Path) -> str:
    """A path as the file shows it: relative to the repository when inside it."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def busy_seconds() -> float:
    """CPU time (all cores, all processes) the machine has spent busy since boot."""
    fields = [int(x) for x in pathlib.Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def children_seconds() -> float:
    """CPU time of this script's finished (waited-for) descendants."""
    t = os.times()
    return t.children_user + t.children_system


@dataclass
class Section:
    key: str
    title: str
    run: Callable[[Section], str]
    commands: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    body: str = ""
    wall: float = 0.0
    ours_cpu: float = 0.0
    others_cpu: float = 0.0

    @property
    def log(self) -> pathlib.Path:
        return LOGS / f"{self.key}.log"

    def md(self, name: str | None = None) -> pathlib.Path:
        return OUT / f"{name or self.key}.md"

    def sh(self, command: str, env: dict[str, str] | None = None, shown_env: str = "") -> str:
        """Runs `command` in the repository (shell), output to the terminal and the section's log;
        returns the output. Records the command as the file shows it (`shown_env` prefix)."""
        self.commands.append(f"{shown_env} {command}".strip())
        print(f"\n=== [{self.key}] {shown_env} {command}".rstrip(), flush=True)
        full_env = {**os.environ, **(env or {})}
        with self.log.open("ab") as log:
            log.write(f"\n=== {shown_env} {command}\n".encode())
            proc = subprocess.Popen(
                command, shell=True, cwd=REPO, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )
            assert proc.stdout is not None
            chunks = []
            while chunk := os.read(proc.stdout.fileno(), 65536):
                chunks.append(chunk)
                sys.stdout.buffer.write(chunk)
                sys.stdout.buffer.flush()
                log.write(chunk)
            code = proc.wait()
        text = b"".join(chunks).decode(errors="replace")
        if code != 0:
            tail = "\n".join(text.rstrip().splitlines()[-25:])
            raise Failed(f"`{command}` exited with status {code}. Last lines of its output:\n\n```\n{tail}\n```")
        return text

    def read_md(self, path: pathlib.Path, since: float) -> str:
        if not path.exists() or path.stat().st_mtime < since:
            raise Failed(f"the runner did not write its table to {shown(path)}")
        return path.read_text().strip()

    def run_runner(self, target: str) -> str:
        """`make <target>` with BENCH_MD pointing at this section's file; the table it wrote."""
        started = time.time()
        md = self.md()
        self.sh(f"{MAKE} {target}", env={"BENCH_MD": str(md)}, shown_env=f"BENCH_MD={shown(md)}")
        return self.read_md(md, started)

    def runner_section(self, target: str, prose: str) -> str:
        """The section of a runner that writes its own table: `prose`, then that table."""
        return f"{prose}\n\n{self.run_runner(target)}"


# ------------------------------------------------------------------------------------------ core


def core(s: Section) -> str:
    started = time.time()
    args = f" CRITERION_ARGS='{CRITERION_ARGS}'" if CRITERION_ARGS else ""
    s.sh(f"{MAKE} bench-core{args}")
    tables = s.sh(f"{PYTHON} core/benches/report.py")
    # report.py reads whatever estimates exist: refuse numbers left over from an earlier run.
    stale = [
        p
        for p in (TARGET / "criterion").glob("*/*/new/estimates.json")
        if p.parts[-4].startswith(("ves-sha256-v1_", "keccak-v1_", "rs_merkle-keccak_")) and p.stat().st_mtime < started
    ]
    if stale:
        raise Failed(f"{len(stale)} Criterion estimates were not refreshed by this run, e.g. {shown(stale[0])}")
    timing = (
        f"Criterion options for this run: `{CRITERION_ARGS}` (Criterion's defaults are 3 s warm-up and 5 s "
        "measurement per benchmark; shortened so that `make bench` stays bounded). Sample sizes as in "
        "`core/benches/merkle.rs`: 20, and 10 at 2^20. Means of Criterion's estimates."
        if CRITERION_ARGS
        else "Criterion's default options (3 s warm-up, 5 s measurement per benchmark)."
    )
    return (
        "Leaves `keccak256(u64be(i))`. Baselines, measured in the same run (see core/BENCHMARKS.md): "
        '"(padded−1) node hashes" and "N·depth node hashes" run the scheme\'s node hash in a dependent '
        'loop of that many calls; "first touch" allocates a buffer the size of the tree and writes every '
        'node once (what a fresh build does before hashing); "write" fills N·depth nodes, the bytes of '
        "all proofs, into a fresh or an existing buffer with the same 32-byte stores. Targets: fresh build "
        "≤ 1.15 × (hashes + first touch); rebuild (into an existing tree's buffer) ≤ 1.15 × hashes; all "
        "proofs at 2^16 ≤ 1.25 × writing the same bytes, fresh (`proofs()`) against a fresh buffer and "
        "reused (`proofs_into`) against an existing one; verify all ≤ 1.15 × N·depth hashes; faster than "
        "rs_merkle. `verify_many` shares folds between the proofs of one call (ADR 04) when its "
        "position table fits (at most 2^20 entries, so trees up to 2^19 leaves): \"verify all\" then hashes "
        "≈ 2N nodes, far under the N·depth baseline, at 2^10 and 2^16; at 2^20 every proof is folded on "
        "its own and the ratio to N·depth is the one that matters.\n\n"
        f"{timing}\n\n{tables.strip()}"
    )


# -------------------------------------------------------------------------------------- js, py


def js(s: Section) -> str:
    return s.runner_section(
        "bench-js",
        "Peers: merkletreejs 0.6.0 and @openzeppelin/merkle-tree 1.0.8 (pinned in "
        "`wasm/bench/package-lock.json`); how each is driven and why the work differs: wasm/README.md "
        '"Speed". Targets (wasm/README.md): at 2^16 every phase ≥ 3× merkletreejs and ≥ 30× OpenZeppelin; '
        "the hex path (build from hex leaves + every proof as `0x` strings, what a new user writes) ≥ 3× "
        "merkletreejs' own hex path (hex leaves, `getHexProof` per leaf) and ≥ 30× OpenZeppelin.",
    )


def py(s: Section) -> str:
    return s.runner_section(
        "bench-py",
        "`keccak-v1` against a hand-written positional keccak tree over `eth_hash.auto.keccak` "
        "(pycryptodome backend), `ves-sha256-v1` against `pymerkle.InmemoryTree` (versions pinned in "
        "`python/requirements-bench.txt`; details in python/README.md \"Speed\"). Best of 5 (3 at "
        "2^16) for setchain, one run for the peers. Targets (python/README.md): at 2^16 ≥ 10× the "
        "eth-hash tree and ≥ 5× pymerkle for build, all proofs and verify all; all proofs as Python "
        "lists (`tree.proofs().to_list()`) ≥ 5× either peer.",
    )


# ---------------------------------------------------------------------------------------- mobile

MOBILE_LIB = TARGET / "release-mobile" / "libset_mobile.so"
# 1.5 MB until ADR 13 (docs/adr/13-ml-dsa-crate.md): libcrux-ml-dsa's signing speed costs 188 KB.
MOBILE_LIMIT = 1_650_000


def mobile(s: Section) -> str:
    table = s.run_runner("bench-mobile")
    size = MOBILE_LIB.stat().st_size
    met = "met" if size <= MOBILE_LIMIT else "**not met**"
    return (
        f"`libset_mobile.so`, x86_64, profile `release-mobile` (fat LTO, `opt-level = \"z\"` but 3 for the "
        f"hash and curve code, `panic = \"abort\"`, stripped): **{size:,} bytes** ({size / 2**20:.2f} MiB); "
        f"target ≤ 1.65 MB (mobile/README.md, ADR 13): {met}.\n\n{table}\n\n"
        "The Rust sides are `bench_rust_verify_receipt` and `bench_rust_verify_proof` (crate feature "
        "`bench`, profile `release-mobile-bench`); no speed target is stated in mobile/README.md. The "
        "Merkle row shows what uniffi's JNA lowering costs next to the conversions and the verification: "
        "each `String` / `List` argument is a `RustBuffer` allocated by a call into the library, so "
        "`verifyProof` (scheme, root, leaf, 16 siblings) crosses five times."
    )


# ---------------------------------------------------------------------------------------- anchor


def anchor(s: Section) -> str:
    return s.runner_section(
        "bench-anchor",
        "anvil with 2 s blocks; `set-anchor` (debug build, as the e2e tests run it) with "
        "`ANCHOR_INTERVAL_SECS=1` and `MAX_COMMITMENTS_PER_TX=64` while 10 concurrent writers create 200 "
        "commitments of 5 events each through the dev sequencer; then 20 commitments one by one "
        "(`MAX_COMMITMENTS_PER_TX=1`) for the gas comparison. Targets (anchor/README.md): landed within "
        "5 blocks of pending; multi-commit gas ≤ 0.85 × one by one.",
    )


# ------------------------------------------------------------------------------------------- gas


def gas(s: Section) -> str:
    started = time.time()
    s.sh(f"{MAKE} contracts-gas")
    snap_path = REPO / "contracts" / "snapshots" / "SetRegistry.json"
    if not snap_path.exists() or snap_path.stat().st_mtime < started:
        raise Failed(f"`forge snapshot` did not rewrite {shown(snap_path)}")
    v = {k: int(x) for k, x in json.loads(snap_path.read_text()).items()}
    later = v["commitBatch later batch (tx)"]
    per10 = v["commitBatches 10 streams per commitment (tx)"]
    ves_level = v["verifyVesInclusion per level (exec)"]

    def ok(cond: bool) -> str:
        return "met" if cond else "**not met**"

    rows: list[tuple[str, int | None, int | None, str, str]] = [
        ("`commitBatch`, first batch of a stream", v["commitBatch first batch of a stream (tx)"], v["commitBatch first batch of a stream (exec)"], "—", "—"),
        ("`commitBatch`, later batch (counters maintained)", later, v["commitBatch later batch (exec)"], "—", f"≤ 120,000: {ok(later <= 120_000)}"),
        ("`commitBatches`, 10 later batches of 10 streams", v["commitBatches 10 streams (tx)"], None, f"{per10:,} per commitment = {per10 / later:.2f} × later batch", f"≤ 0.85 × later batch: {ok(per10 <= later * 0.85)}"),
        ("`commitBatches`, 50 later batches of 50 streams", v["commitBatches 50 streams (tx)"], None, f"{v['commitBatches 50 streams per commitment (tx)']:,} per commitment", "—"),
        ("`commitBatches`, 10 consecutive batches of one stream", v["commitBatches 10 one stream (tx)"], None, f"{v['commitBatches 10 one stream per commitment (tx)']:,} per commitment", "—"),
        ("`verifyInclusion` (keccak-v1), depth 10", v["verifyInclusion depth 10 (tx)"], v["verifyInclusion depth 10 (exec)"], f"exec {v['verifyInclusion per level (exec)']:,} per level", "—"),
        ("`verifyInclusion` (keccak-v1), depth 20", v["verifyInclusion depth 20 (tx)"], v["verifyInclusion depth 20 (exec)"], "", ""),
        ("`verifyVesInclusion` (ves-sha256-v1), depth 10", v["verifyVesInclusion depth 10 (tx)"], v["verifyVesInclusion depth 10 (exec)"], f"exec {ves_level:,} per level", f"≤ 600 per level: {ok(ves_level <= 600)}"),
        ("`verifyVesInclusion` (ves-sha256-v1), depth 20", v["verifyVesInclusion depth 20 (tx)"], v["verifyVesInclusion depth 20 (exec)"], "", ""),
    ]
    out = s.sh("cd contracts && ./bin/forge test --match-contract SetPaymasterGasTest -vv")
    paymaster = re.findall(r"executeSponsorship, (.+?): (execution|transaction) gas (\d+)", out)
    if not paymaster:
        raise Failed("no `executeSponsorship, …: transaction gas` lines in the forge output")
    by_label: dict[str, dict[str, int]] = {}
    for label, kind, value in paymaster:
        by_label.setdefault(label, {})[kind] = int(value)
    for label, kinds in by_label.items():
        rows.append((f"`executeSponsorship`, {label}", kinds.get("transaction"), kinds.get("execution"), "—", "—"))

    def num(x: int | None) -> str:
        return "—" if x is None else f"{x:,}"

    table = ["| operation | tx gas | exec gas | per commitment / per level | target (contracts/GAS.md) |", "|---|---:|---:|---|---|"]
    table += [f"| {op} | {num(tx)} | {num(ex)} | {per} | {target} |" for op, tx, ex, per, target in rows]
    diff = subprocess.run(
        ["git", "status", "--porcelain", "--", "contracts/.gas-snapshot", "contracts/snapshots"],
        cwd=REPO, capture_output=True, text=True,
    ).stdout.strip()
    changed = (
        f"**The snapshot differs from the committed one** (`git status`: {diff.replace(chr(10), '; ')}); review with `git diff contracts/`."
        if diff
        else "`contracts/.gas-snapshot` and `contracts/snapshots/SetRegistry.json` came out identical to the committed ones."
    )
    return (
        "Whole transactions (21,000 + calldata + execution), cold storage, solc 0.8.30, optimizer 200, "
        "Cancun, through the ERC1967 proxy; method in contracts/GAS.md. Registry rows from "
        "`contracts/snapshots/SetRegistry.json` (written by `forge snapshot`), paymaster rows from the "
        f"console lines of `SetPaymasterGasTest`. {changed}\n\n" + "\n".join(table)
    )


# ----------------------------------------------------------------------------------------- sizes

WASM_LIMIT, WASM_STRETCH = 100_000, 64_000


def stripped_size(path: pathlib.Path) -> int | None:
    """Size of a stripped copy (None when `strip` is missing or fails)."""
    if not shutil.which("strip"):
        return None
    copy = OUT / f"{path.name}.stripped"
    done = subprocess.run(["strip", "-o", str(copy), str(path)], capture_output=True)
    if done.returncode != 0:
        return None
    size = copy.stat().st_size
    copy.unlink()
    return size


def sizes(s: Section) -> str:
    rows: list[str] = []
    fail: list[str] = []

    def part(what: str, fn: Callable[[], None]) -> None:
        try:
            fn()
        except (Failed, OSError, KeyError, ValueError) as e:
            fail.append(f"{what}: {e}")
            rows.append(f"| {what} | failed (see below) | | |")

    def wasm() -> None:
        out = s.sh(f"{MAKE} wasm")
        # wasm/scripts/build.mjs ends with "built <pkg> (…):" and one "<what> N B raw / M B gzip" per
        # module and entry (one per line, or several separated by ';'); taken as printed.
        at = out.rfind("built ")
        found = re.findall(r"([^;\n]+?) (\d+) B raw / (\d+) B gzip", out[at:] if at >= 0 else "")
        if not found:
            raise Failed("no `… B raw / … B gzip` sizes after the `built …` line of wasm/scripts/build.mjs")
        for what, raw, gz in found:
            what = what.split(": ")[-1].strip()
            gzip = int(gz)
            if what.startswith("@setchain/core") and "/full" not in what:
                verdict = "met" if gzip <= WASM_LIMIT else "**not met**"
                stretch = "met" if gzip <= WASM_STRETCH else "not met"
                target = f"≤ 100 KB gzip: {verdict} (stretch 64 KB: {stretch})"
            else:
                target = "— (the target applies to what a checkout page downloads: the `@setchain/core` entries)"
            rows.append(f"| npm: {what} | {int(raw):,} B | {gzip:,} B gzip -9 | {target} |")

    def wheel() -> None:
        venv = pathlib.Path(os.environ.get("PY_VENV") or TARGET / "py-venv")
        wheels = OUT / "wheel"
        shutil.rmtree(wheels, ignore_errors=True)
        s.sh(f"{MAKE} python-venv")
        s.sh(
            f'PATH="{venv}/bin:$PATH" {venv}/bin/python -m pip wheel -q --disable-pip-version-check '
            f"--no-deps --no-build-isolation -w {shown(wheels)} ./python"
        )
        built = sorted(wheels.glob("setchain-*.whl"))
        if not built:
            raise Failed(f"no setchain wheel in {shown(wheels)}")
        whl = built[-1]
        with zipfile.ZipFile(whl) as z:
            native = [i for i in z.infolist() if re.search(r"_native.*\.so$", i.filename)]
            if not native:
                raise Failed(f"no _native*.so in {whl.name}")
            so = OUT / pathlib.Path(native[0].filename).name
            so.write_bytes(z.read(native[0]))
        stripped = stripped_size(so)
        so_size = so.stat().st_size
        so.unlink()
        rows.append(f"| pip `setchain`: wheel `{whl.name}` (profile `release`, maturin; a zip) | {whl.stat().st_size:,} B | — | no target stated |")
        rows.append(
            f"| pip `setchain`: extension `{pathlib.Path(native[0].filename).name}` as shipped in the wheel | {so_size:,} B | "
            f"{'—' if stripped is None else f'{stripped:,} B stripped'} | no target stated |"
        )

    def mobile_lib() -> None:
        if not MOBILE_LIB.exists():
            raise Failed(f"{shown(MOBILE_LIB)} missing (built by `make bench-mobile`)")
        size = MOBILE_LIB.stat().st_size
        rows.append(
            f"| `libset_mobile.so` x86_64, `release-mobile` (stripped; built by `make bench-mobile`) | {size:,} B | — | "
            f"≤ 1.65 MB: {'met' if size <= MOBILE_LIMIT else '**not met**'} |"
        )

    def anchor_bins() -> None:
        s.sh(f"{CARGO} build --release -p set-anchor -p set-dev-sequencer --bins")
        for name in ("set-anchor", "set-dev-sequencer"):
            path = TARGET / "release" / name
            stripped = stripped_size(path)
            rows.append(
                f"| `{name}` x86_64, profile `release` (thin LTO; symbols kept, as cargo leaves them) | {path.stat().st_size:,} B | "
                f"{'—' if stripped is None else f'{stripped:,} B stripped'} | no target stated |"
            )

    part("wasm package", wasm)
    part("Python wheel", wheel)
    part("libset_mobile.so", mobile_lib)
    part("set-anchor / set-dev-sequencer", anchor_bins)
    table = "| binary | size | compressed / stripped | target |\n|---|---:|---:|---|\n" + "\n".join(rows)
    if fail:
        s.failures.extend(fail)
    return table


# ---------------------------------------------------------------------------------------- verify


def verify(s: Section) -> str:
    return s.run_runner("bench-verify")


# ------------------------------------------------------------------------------------------ sign


def sign(s: Section) -> str:
    return s.run_runner("bench-sign")


# ---------------------------------------------------------------------------------------- driver

SECTIONS = [
    ("core", "set-core (Rust): the engine against the bare node hash and rs_merkle", core),
    ("verify", "Receipt verification: bulk against one by one and the signature limit; ML-DSA-65 and hybrid receipts", verify),
    ("sign", "Event signing (store agent): the SDK against ed25519-dalek, cryptography, @noble/ed25519, WebCrypto and the JDK", sign),
    ("js", "npm @setchain/core (wasm, Node): against merkletreejs and @openzeppelin/merkle-tree", js),
    ("py", "pip setchain (Python): against eth-hash and pymerkle", py),
    ("mobile", "Kotlin (set-mobile): receipt and Merkle proof verification through JNA, library size", mobile),
    ("anchor", "set-anchor: throughput and gas on anvil", anchor),
    ("gas", "Contracts: gas (SetRegistry, SetPaymaster)", gas),
    ("sizes", "Binary sizes", sizes),
]


def first_line(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else "not found"


def machine() -> list[tuple[str, str]]:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout if shutil.which("lscpu") else ""
    info = dict(re.findall(r"^([^:\n]+):\s*(.*)$", lscpu, re.M))
    mem = re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text())
    mem_kib = int(mem.group(1)) if mem else 0
    forge = REPO / "contracts" / "node_modules" / ".bin" / "forge"
    return [
        ("CPU", f"{info.get('Model name', platform.processor() or '?')}, {info.get('CPU(s)', os.cpu_count())} CPUs "
                f"({info.get('Thread(s) per core', '?')} thread per core), {info.get('Hypervisor vendor', 'no')} hypervisor"),
        ("memory", f"{mem_kib / 2**20:.1f} GiB"),
        ("kernel", f"{platform.system()} {platform.release()}"),
        ("rustc", first_line(["rustc", "-V"])),
        ("node", first_line(["node", "--version"])),
        ("python", first_line([PYTHON, "--version"]) + " (the venv and `report.py`)"),
        ("java", first_line(["java", "-version"])),
        ("forge", first_line([str(forge), "--version"]) if forge.exists() else "not installed yet"),
        ("CARGO_TARGET_DIR", str(TARGET)),
    ]


def duration(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m} min {s:02d} s" if m else f"{s} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated sections: " + ",".join(k for k, _, _ in SECTIONS))
    parser.add_argument("--out", default=str(REPO / "BENCHMARKS.md"), help="the markdown file (default: BENCHMARKS.md)")
    args = parser.parse_args()
    keys = [k for k, _, _ in SECTIONS]
    only = args.only.split(",") if args.only else keys
    unknown = set(only) - set(keys)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    sections = [Section(k, t, fn) for k, t, fn in SECTIONS if k in only]

    LOGS.mkdir(parents=True, exist_ok=True)
    for s in sections:
        s.log.unlink(missing_ok=True)
    start_wall, start_mono = dt.datetime.now(dt.timezone.utc), time.monotonic()
    for s in sections:
        t0, busy0, ours0 = time.monotonic(), busy_seconds(), children_seconds()
        try:
            s.body = s.run(s)
        except Failed as e:
            s.failures.append(str(e))
        except Exception as e:  # a bug in this script or a runner's odd output: report it, go on
            s.failures.append(f"{type(e).__name__}: {e}")
        s.wall = time.monotonic() - t0
        s.ours_cpu = children_seconds() - ours0
        s.others_cpu = max(0.0, busy_seconds() - busy0 - s.ours_cpu)
        state = "failed" if s.failures else "ok"
        print(f"\n=== [{s.key}] {state} in {duration(s.wall)}", flush=True)
    total = time.monotonic() - start_mono
    end_wall = dt.datetime.now(dt.timezone.utc)

    cores = os.cpu_count() or 1
    others = sum(s.others_cpu for s in sections) / max(total, 1e-9)
    busy_note = (
        f"**The machine was shared and busy**: processes other than this run used on average {others:.2f} of its "
        f"{cores} cores over the run (per section below); times are noisier and slower than on an idle machine."
        if others >= 0.25
        else f"Other processes used on average {others:.2f} of the {cores} cores over the run (per section below)."
    )
    lines = [
        "# Benchmarks",
        "",
        f"Produced by `make bench` (`tools/bench/run.py`; see [tools/bench/README.md](tools/bench/README.md)) "
        f"in one run from {start_wall:%Y-%m-%d %H:%M} to {end_wall:%H:%M} UTC ({duration(total)} of wall time, "
        "including whatever the make targets had to build first). "
        "Every table below comes from that run; the sections ran one after the other. "
        "The per-component READMEs keep their own hand-annotated tables; this file is the regenerated "
        "whole, with each section's exact command.",
        "",
        busy_note,
        "",
        *([os.environ["BENCH_NOTE"].strip(), ""] if os.environ.get("BENCH_NOTE", "").strip() else []),
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in machine()],
        f"| date | {start_wall:%Y-%m-%d} |",
        "",
        "## Summary",
        "",
        "| section | result | wall time (builds included) | CPU used by other processes (avg cores) |",
        "|---|---|---:|---:|",
    ]
    for s in sections:
        result = "**failed**" if s.failures else "ok"
        lines.append(f"| {s.title} | {result} | {duration(s.wall)} | {s.others_cpu / max(s.wall, 1e-9):.2f} |")
    for s in sections:
        lines += ["", f"## {s.title}", ""]
        lines.append("Command" + ("s" if len(s.commands) > 1 else "") + " (from the repository root):")
        lines += ["", "```sh", *s.commands, "```", ""]
        lines.append(
            f"Wall time {duration(s.wall)}; this section's processes used {s.ours_cpu:.0f} CPU-seconds, "
            f"others on the machine {s.others_cpu:.0f} ({s.others_cpu / max(s.wall, 1e-9):.2f} cores on average). "
            f"Full output: `{shown(s.log)}`."
        )
        if s.body:
            lines += ["", s.body]
        for f in s.failures:
            lines += ["", f"**failed:** {f}"]
    out = pathlib.Path(args.out)
    out.write_text("\n".join(lines) + "\n")
    failed = [s.key for s in sections if s.failures]
    print(f"\nwrote {out} in {duration(total)}" + (f"; FAILED: {', '.join(failed)}" if failed else "; all sections ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
