"""The exception hierarchy of ``setchain``.

Every exception the package raises is a :class:`SetError`. Bad input raises an
:class:`InputError` subclass (one per module of the Rust core), which is also a
:class:`ValueError`. ``code`` is the stable code the Rust core, the npm package and the mobile
bindings share (``WRONG_LENGTH``) and ``field`` the dotted path of the input at fault
(``leaves[3]``, ``receipt.receipt_hash``; ``None`` where there is none): with the class, what
callers may rely on. The message (``leaves[3]: expected 32 bytes, got 31``) is for people.

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
    "SequencerError",
    "AnchoringError",
    "AnchorProofError",
    "AgentError",
    "ClientError",
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
    field: Optional[str]
    """The dotted path of the input at fault (``receipt.receipt_hash``, ``trust.registry``,
    ``proof[3]``; ``$`` for a whole document), ``None`` where the error is not about one input."""

    def __init__(self, message: str, code: str = "", module: str = "", field: Optional[str] = None) -> None:
        super().__init__(message)
        self.code = code
        self.module = module
        self.field = field


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
    """A malformed receipt bundle, trust document or trust root (``INVALID_JSON``,
    ``UNSUPPORTED_FORMAT``, ``NETWORK_NOT_PINNED``, ...)."""


class RegistryError(InputError):
    """SetRegistry ABI data that cannot be decoded (``TRUNCATED``, ``UNKNOWN_SELECTOR``, ...)."""


class PaymasterError(InputError):
    """SetPaymaster ABI data that cannot be decoded or encoded."""


class SequencerError(InputError):
    """A sequencer response that cannot be read (``INVALID_JSON``, ``INVALID_HEX``, ...)."""


class AnchoringError(InputError):
    """A pending commitment that cannot be anchored as it is (``STATE_ROOT_MISMATCH``,
    ``INVALID_RANGE``, ``BROKEN_CHAIN``, ``SEQUENCE_GAP``, ``ONCHAIN_MISMATCH``)."""


class AnchorProofError(InputError):
    """An anchor proof that does not show what it must, naming the field or proof node at fault
    (``PROOF_NODE_MISMATCH``, ``PROOF_WRONG_ACCOUNT``, ``PROOF_NOT_COMMITTED``,
    ``UNTRUSTED_L2_HEADER``, ``UNTRUSTED_OUTPUT_ROOT``, ...): the ``errors`` of an
    :class:`AnchorProofVerdict`."""


class AgentError(InputError):
    """An event the sequencer would reject, a signature that does not verify with the agent's key,
    or an ingest answer that cannot be accepted: the sequencer's own codes (``SCHEMA_VALIDATION``,
    ``UNSUPPORTED_VERSION``, ``INVALID_PAYLOAD_HASH``, ``INVALID_FIELD_VALUE``,
    ``PAYLOAD_TOO_LARGE``), then ``MISSING_SIGNATURE``, ``SIGNATURE_MISMATCH``,
    ``RECEIPT_NOT_VERIFIED``, ``UNEXPECTED_RECEIPT``."""


class ClientError(SetError):
    """A :class:`setchain.Client` call (or :mod:`setchain.web3`) failed: which server answered
    what, or which core rule refused. ``code`` is the Rust client's: ``CONFIG``,
    ``SEQUENCER_UNREACHABLE``, ``SEQUENCER_STATUS``, ``CHAIN_RPC``, ``WRONG_CHAIN``,
    ``ANCHOR_TRANSACTION``, ``NOT_ANCHORED``, ``TIMEOUT``, or the core's own code and ``field``
    when the core refused (``PARTS_MISMATCH`` naming ``receipt.event_id``,
    ``INVALID_FIELD_VALUE`` naming ``events``, ``RECEIPT_NOT_VERIFIED``, ...; ``module`` is then
    the core module, ``client`` otherwise)."""

    status: Optional[int]
    """The HTTP status of the sequencer's error answer (``SEQUENCER_STATUS``), else ``None``."""
    url: Optional[str]
    """The URL of the server that answered or could not be reached (the sequencer's or the chain
    RPC's), ``None`` where no server is involved."""

    def __init__(
        self,
        message: str,
        code: str = "",
        module: str = "client",
        field: Optional[str] = None,
        status: Optional[int] = None,
        url: Optional[str] = None,
    ) -> None:
        super().__init__(message, code, module, field)
        self.status = status
        self.url = url


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
        super().__init__(message, "CONTRACT_REVERT", "", None)
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
