"""The exception hierarchy of ``setchain``.

Every exception the package raises is a :class:`SetError`. Bad input raises an
:class:`InputError` subclass, which is also a :class:`ValueError`; its message names the
offending field (``leaves[3]: expected 32 bytes, got 31``) and ``code`` is the stable code the
Rust core, the npm package and the mobile bindings share (``WRONG_LENGTH``).

Contract reverts decoded by :func:`setchain.decode_registry_revert` /
:func:`setchain.decode_paymaster_revert` (and raised by :func:`setchain.execute_sponsorship`)
are :class:`ContractRevert` instances carrying the Solidity error's name and arguments.
"""

from __future__ import annotations

from typing import Any, Optional

__all__ = [
    "SetError",
    "InputError",
    "InvalidArgumentError",
    "EncodingError",
    "IdError",
    "MerkleError",
    "VesError",
    "ReceiptError",
    "RegistryError",
    "PaymasterError",
    "ContractRevert",
    "RegistryRevert",
    "PaymasterRevert",
]


class SetError(Exception):
    """Root of every exception raised by ``setchain``."""

    code: str
    """Stable machine-readable code (``WRONG_LENGTH``, ``INDEX_OUT_OF_RANGE``, ...)."""
    module: str
    """The core module the error comes from (``merkle``, ``ids``, ...; ``python`` for type errors)."""

    def __init__(self, message: str, code: str = "", module: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.module = module


class InputError(SetError, ValueError):
    """Bad input: the message names the field."""


class InvalidArgumentError(InputError):
    """A Python value of the wrong type or range (``INVALID_ARGUMENT``), rejected before the core."""


class EncodingError(InputError):
    """Bad hex or a wrong byte length (``INVALID_HEX``, ``WRONG_LENGTH``)."""


class IdError(InputError):
    """A bad UUID or bytes32 id (``INVALID_UUID``, ``NOT_PADDED_UUID``)."""


class MerkleError(InputError):
    """A Merkle input that cannot be built or checked (``EMPTY_TREE``, ``INDEX_OUT_OF_RANGE``, ...)."""


class VesError(InputError):
    """A VES event or payload that cannot be hashed (``INVALID_JSON``, ...)."""


class ReceiptError(InputError):
    """A malformed ``set-receipt-v1`` bundle or trust document."""


class RegistryError(InputError):
    """SetRegistry ABI data that cannot be decoded (``TRUNCATED``, ``UNKNOWN_SELECTOR``, ...)."""


class PaymasterError(InputError):
    """SetPaymaster ABI data that cannot be decoded or encoded."""


class ContractRevert(SetError):
    """A decoded contract revert: ``name``, ``signature`` and ``arguments`` of the Solidity error."""

    name: str
    """The error name (``SequenceGap``, ``Error``, ``Panic``)."""
    signature: str
    """The canonical signature (``SequenceGap(uint64,uint64)``)."""
    arguments: dict[str, Any]
    """Argument name -> value as text (decimal integers, ``0x`` hex), in ABI order."""
    data: Optional[bytes]
    """The raw revert data (``None`` for a nested revert)."""
    inner: Optional["ContractRevert"]
    """The wrapped revert of ``BatchCommitFailed``, when it decodes."""

    def __init__(
        self,
        name: str,
        signature: str,
        arguments: dict[str, Any],
        data: Optional[bytes] = None,
        inner: Optional["ContractRevert"] = None,
    ) -> None:
        rendered = ", ".join(f"{key}={value}" for key, value in arguments.items())
        message = f"{name}({rendered})"
        if inner is not None:
            message += f" <- {inner}"
        super().__init__(message, "CONTRACT_REVERT", "")
        self.name = name
        self.signature = signature
        self.arguments = arguments
        self.data = data
        self.inner = inner


class RegistryRevert(ContractRevert):
    """A SetRegistry revert."""

    def __init__(
        self,
        name: str,
        signature: str,
        arguments: dict[str, Any],
        data: Optional[bytes] = None,
        inner: Optional["ContractRevert"] = None,
    ) -> None:
        super().__init__(name, signature, arguments, data, inner)
        self.module = "registry"


class PaymasterRevert(ContractRevert):
    """A SetPaymaster revert."""

    def __init__(
        self,
        name: str,
        signature: str,
        arguments: dict[str, Any],
        data: Optional[bytes] = None,
        inner: Optional["ContractRevert"] = None,
    ) -> None:
        super().__init__(name, signature, arguments, data, inner)
        self.module = "paymaster"
