"""Enumerations mirroring the contracts (checked against the Rust core by the tests)."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["OperationType"]


class OperationType(IntEnum):
    """SetPaymaster's ``OperationType`` (ABI ``uint8``), ordinals as in the contract."""

    ORDER_CREATE = 0
    ORDER_UPDATE = 1
    PAYMENT_PROCESS = 2
    INVENTORY_UPDATE = 3
    RETURN_PROCESS = 4
    COMMITMENT_ANCHOR = 5
    OTHER = 6
