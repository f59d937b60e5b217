#!/usr/bin/env python3
"""Slither on contracts/src against the triage file (`make slither`, part of `make test`).

Runs slither (the venv's, next to the Python running this script; `make slither-setup` installs
it from contracts/requirements-slither.txt) on the Foundry project. Slither compiles through
crytic-compile, which runs `forge build --build-info` (the npm forge of contracts/node_modules,
with solcjs behind tools/solc); FOUNDRY_OUT and FOUNDRY_CACHE_PATH point it at a folder of its
own under the target dir, because crytic-compile starts with `forge clean` and builds without the
tests, which would empty the out/ that `forge test` and the ABI-table tests read.

Detectors of impact high, medium and low run; informational and optimization ones do not (they
are style: the existing ABI's `_param` names, assembly, low-level calls, `__gap`).

Every finding must be in slither-triage.toml with the reason it stays (a real issue is fixed in
the contract instead). A finding is named by its detector and slither's description with the
source locations (`(src/X.sol#12-34)`) removed and the whitespace normalised; the description
starts with the contract and the function signature (`SetPaymaster._pay(address,uint256) ...`),
so the name survives edits elsewhere in the file but changes when the flagged code itself does.
Bullet lines (`- ...`) are sorted, since slither does not always list them in the same order.

Exit status 1 when a finding is not in the triage file (printed as a TOML block to triage), when
a triaged finding no longer occurs (stale: delete it, the file must stay true), or when an entry
has no reason; 2 when slither itself fails.

Options: --json FILE reuses a slither JSON report instead of running slither (to check the
triage logic quickly); --keep-going prints everything without failing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python < 3.11: tomli, installed by requirements-slither.txt
    import tomli as tomllib  # type: ignore[no-redef]

CONTRACTS = Path(__file__).resolve().parent.parent
REPO = CONTRACTS.parent
TRIAGE = CONTRACTS / "slither-triage.toml"
LOCATION = re.compile(r"\s*\([^()\s]+#\d+(?:-\d+)?\)")
EXCLUDED = ["--exclude-informational", "--exclude-optimization"]


def target_dir() -> Path:
    configured = os.environ.get("CARGO_TARGET_DIR")
    return Path(configured).resolve() if configured else REPO / "target"


def normalise(description: str) -> str:
    """Slither's description without locations, one line, bullet runs sorted."""
    lines = [" ".join(LOCATION.sub("", line).split()) for line in description.splitlines()]
    lines = [line for line in lines if line]
    out: list[str] = []
    run: list[str] = []
    for line in lines + [""]:
        if line.startswith("- "):
            run.append(line)
            continue
        out.extend(sorted(run))
        run = []
        if line:
            out.append(line)
    return " | ".join(out)


def run_slither(report: Path) -> dict:
    work = target_dir() / "slither"
    work.mkdir(parents=True, exist_ok=True)
    report.unlink(missing_ok=True)
    env = dict(os.environ)
    env["PATH"] = f"{CONTRACTS / 'node_modules' / '.bin'}{os.pathsep}{env.get('PATH', '')}"
    env["FOUNDRY_OUT"] = str(work / "out")
    env["FOUNDRY_CACHE_PATH"] = str(work / "cache")
    slither = Path(sys.executable).parent / "slither"
    command = [str(slither), ".", "--filter-paths", "node_modules", *EXCLUDED, "--json", str(report)]
    print("+ " + " ".join(command), flush=True)
    log = work / "slither.log"
    with log.open("w") as out:
        # Slither exits non-zero whenever it reports anything; the JSON says whether it ran.
        subprocess.run(command, cwd=CONTRACTS, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        data = json.loads(report.read_text())
    except (OSError, ValueError):
        data = {"success": False, "error": "no JSON report"}
    if not data.get("success"):
        sys.stdout.write(log.read_text()[-4000:])
        print(f"slither failed: {data.get('error')} (full log: {log})")
        sys.exit(2)
    return data


def load_triage() -> tuple[dict[str, str], list[str]]:
    """Triaged finding name -> reason, and the problems of the file itself."""
    triaged: dict[str, str] = {}
    problems: list[str] = []
    with TRIAGE.open("rb") as file:
        entries = tomllib.load(file).get("triage", [])
    for entry in entries:
        detector, reason = entry.get("detector", ""), " ".join(entry.get("reason", "").split())
        if not detector or not reason or reason.startswith("TODO"):
            problems.append(f"entry without a detector or a reason: {entry.get('findings')}")
        for finding in entry.get("findings", []):
            name = f"{detector}: {finding}"
            if name in triaged:
                problems.append(f"listed twice: {name}")
            triaged[name] = reason
    return triaged, problems


def toml_block(detector: str, findings: list[str]) -> str:
    lines = ["[[triage]]", f'detector = "{detector}"', 'reason = """TODO: fixed in the contract, or why it stays"""', "findings = ["]
    lines += [f"  {json.dumps(finding, ensure_ascii=False)}," for finding in findings]
    return "\n".join(lines + ["]"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="read this slither JSON report instead of running slither")
    parser.add_argument("--keep-going", action="store_true", help="report, but exit 0")
    args = parser.parse_args()
    data = json.loads(args.json.read_text()) if args.json else run_slither(target_dir() / "slither" / "report.json")

    found: dict[str, str] = {}
    for result in data.get("results", {}).get("detectors", []):
        if result.get("impact") in ("Informational", "Optimization"):
            continue
        found[f"{result['check']}: {normalise(result['description'])}"] = result["check"]
    triaged, problems = load_triage()

    new = sorted(name for name in found if name not in triaged)
    stale = sorted(name for name in triaged if name not in found)
    detectors = sorted(set(found.values()))
    print(f"slither: {len(found)} findings from {len(detectors)} detectors ({', '.join(detectors)}); "
          f"{len(found) - len(new)} triaged in {TRIAGE.relative_to(REPO)}")
    for problem in problems:
        print(f"triage file: {problem}")
    if new:
        print(f"\n{len(new)} new finding(s): fix the contract, or triage them with a reason:\n")
        by_detector: dict[str, list[str]] = {}
        for name in new:
            by_detector.setdefault(found[name], []).append(name.split(": ", 1)[1])
        print("\n\n".join(toml_block(detector, findings) for detector, findings in by_detector.items()))
    if stale:
        print(f"\n{len(stale)} stale triage entr{'y' if len(stale) == 1 else 'ies'} (slither no longer reports them; delete them):")
        for name in stale:
            print(f"  {name}")
    failed = bool(new or stale or problems)
    if not failed:
        print("slither: every finding is triaged, and every triage entry still occurs")
    return 1 if failed and not args.keep_going else 0


if __name__ == "__main__":
    sys.exit(main())
