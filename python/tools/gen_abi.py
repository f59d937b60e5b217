"""Writes setchain/abi/*.json, the ABIs the package ships, from the Foundry artifacts of
contracts/src/interfaces/ (the Solidity files the Rust core's sol! reads too).

    (cd contracts && ./bin/forge build) && python python/tools/gen_abi.py

tests/test_abi.py fails while a shipped file differs from its artifact.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "contracts" / "out"
SHIPPED = ROOT / "python" / "python" / "setchain" / "abi"
# shipped file name -> the interface whose artifact it copies
INTERFACES = {"SetRegistry.json": "ISetRegistry", "SetPaymaster.json": "ISetPaymaster"}


def artifact_abi(interface: str) -> list[dict[str, object]]:
    path = ARTIFACTS / f"{interface}.sol" / f"{interface}.json"
    abi: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["abi"]
    return abi


def render(abi: list[dict[str, object]]) -> str:
    return json.dumps(abi, indent=1) + "\n"


def main() -> int:
    for name, interface in INTERFACES.items():
        (SHIPPED / name).write_text(render(artifact_abi(interface)), encoding="utf-8")
        print(f"{SHIPPED / name} <- {interface}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
