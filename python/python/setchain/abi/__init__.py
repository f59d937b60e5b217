"""The SetRegistry and SetPaymaster ABIs as JSON-compatible Python lists, for web3.py, eth_abi or
any other library that takes a Solidity JSON ABI.

They are the compiler's ABIs of ``contracts/src/interfaces/ISetRegistry.sol`` and
``ISetPaymaster.sol``, the Solidity files the Rust core's decoders are generated from, so what a
library encodes with them is what ``setchain`` decodes (``tests/test_abi.py`` fails when a
shipped file and the compiled interface differ). Each access returns a fresh copy.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["set_registry_abi", "set_paymaster_abi", "SET_REGISTRY_ABI", "SET_PAYMASTER_ABI"]


def _load(name: str) -> list[dict[str, Any]]:
    abi: list[dict[str, Any]] = json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
    return abi


def set_registry_abi() -> list[dict[str, Any]]:
    """SetRegistry's ABI (every function, event and error of ``ISetRegistry``), a fresh list."""
    return _load("SetRegistry.json")


def set_paymaster_abi() -> list[dict[str, Any]]:
    """SetPaymaster's ABI (``ISetPaymaster``), a fresh list."""
    return _load("SetPaymaster.json")


SET_REGISTRY_ABI: list[dict[str, Any]] = set_registry_abi()
"""SetRegistry's ABI, loaded once (do not edit it in place; :func:`set_registry_abi` gives a copy)."""
SET_PAYMASTER_ABI: list[dict[str, Any]] = set_paymaster_abi()
"""SetPaymaster's ABI, loaded once."""
