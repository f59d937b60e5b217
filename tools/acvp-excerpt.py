#!/usr/bin/env python3
"""Writes tests/vectors/acvp-ml-dsa-65-sigver.json: the ML-DSA-65 signature verification cases
of NIST's ACVP vector set for FIPS 204, excerpted from the public ACVP-Server files.

The repository keeps only the excerpt (public NIST data, the values unchanged; ~250 KB). It is not
generated from set-core, so `make vectors` does not write it and the vectors guard does not
check it; this script is how it was made and how to move it to another ACVP revision:

    python3 tools/acvp-excerpt.py --commit <ACVP-Server commit> \\
        --prompt prompt.json --expected expectedResults.json [--internal internalProjection.json] \\
        > tests/vectors/acvp-ml-dsa-65-sigver.json

with the three files of `gen-val/json-files/ML-DSA-sigVer-FIPS204/` at that commit. Kept: every
test group of parameter set ML-DSA-65 with `signatureInterface` "external" and `preHash` "pure"
(FIPS 204 `ML-DSA.Verify`, what the SDK verifies), every case of those groups, and of each case
`pk`, `message`, `context`, `signature` (prompt.json), `testPassed` (expectedResults.json) and
`reason` (internalProjection.json, the only file that has it; `null` without `--internal`).
`--reason-commit` names the commit the reasons were read at when it differs from `--commit`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

REPOSITORY = "https://github.com/usnistgov/ACVP-Server"
FOLDER = "gen-val/json-files/ML-DSA-sigVer-FIPS204"


def wanted(group: dict[str, Any]) -> bool:
    return (
        group.get("parameterSet") == "ML-DSA-65"
        and group.get("signatureInterface") == "external"
        and group.get("preHash") == "pure"
    )


def excerpt(args: argparse.Namespace) -> dict[str, Any]:
    prompt = json.load(open(args.prompt, encoding="utf-8"))
    expected = {t["tcId"]: t for g in json.load(open(args.expected, encoding="utf-8"))["testGroups"] for t in g["tests"]}
    reasons: dict[int, str] = {}
    if args.internal:
        internal = json.load(open(args.internal, encoding="utf-8"))
        reasons = {t["tcId"]: t["reason"] for g in internal["testGroups"] for t in g["tests"] if "reason" in t}
    groups = []
    for group in filter(wanted, prompt["testGroups"]):
        tests = []
        for test in group["tests"]:
            tc = test["tcId"]
            case = {key: test[key] for key in ("tcId", "pk", "message", "context", "signature")}
            case["testPassed"] = expected[tc]["testPassed"]
            case["reason"] = reasons.get(tc) if args.internal else None
            if args.internal and case["reason"] is None:
                sys.exit(f"tcId {tc}: no reason in {args.internal}")
            tests.append(case)
        groups.append({key: group[key] for key in ("tgId", "testType", "parameterSet", "signatureInterface", "preHash")} | {"tests": tests})
    if not groups:
        sys.exit("no ML-DSA-65 external/pure test group in the prompt")
    files = {
        "prompt": f"{FOLDER}/prompt.json",
        "expected_results": f"{FOLDER}/expectedResults.json",
    }
    if args.internal:
        files["reasons"] = f"{FOLDER}/internalProjection.json"
    source: dict[str, Any] = {"repository": REPOSITORY, "commit": args.commit, "files": files}
    if args.reason_commit:
        source["reasons_commit"] = args.reason_commit
    count = sum(len(g["tests"]) for g in groups)
    return {
        "about": (
            "An excerpt of NIST's ACVP test vectors for FIPS 204 ML-DSA signature verification (sigVer): "
            f"the {count} cases of the ML-DSA-65 test groups with the external interface and pure ML-DSA "
            "(ML-DSA.Verify with a context string), every case of those groups, values as published (hex, "
            "upper case). Public NIST data; no code copied. Made by tools/acvp-excerpt.py; not generated "
            "from set-core."
        ),
        "source": source,
        "algorithm": prompt["algorithm"],
        "mode": prompt["mode"],
        "revision": prompt["revision"],
        "vsId": prompt["vsId"],
        "testGroups": groups,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commit", required=True, help="the ACVP-Server commit the files are from")
    parser.add_argument("--prompt", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--internal", help="internalProjection.json, for the reasons")
    parser.add_argument("--reason-commit", help="the commit internalProjection.json is from, if another")
    args = parser.parse_args()
    json.dump(excerpt(args), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
