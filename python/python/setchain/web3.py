"""Verify a receipt bundle online through web3.py, for code that already holds a ``Web3``.

web3.py is optional: ``pip install web3`` (this module imports without it and raises
``ImportError`` when it is absent). The rules stay in the core: the pinned chain id and registry
are read from the trust root by the core, the commitment's raw ``getBatchCommitment`` return data
is decoded by the core, and the verdict is the core's (:func:`setchain.verify_receipt`), the same
as :meth:`setchain.Client.verify_online` gives.
"""

from __future__ import annotations

import importlib.util
import json
from typing import Any

from . import _native
from ._errors import ClientError, InvalidArgumentError
from .abi import set_registry_abi

if importlib.util.find_spec("web3") is None:  # pragma: no cover - exercised without web3 only
    raise ImportError("setchain.web3 needs web3.py: pip install web3")

__all__ = ["verify_online_with_web3"]


def _document(value: Any) -> Any:
    """A trust root or bundle given as JSON text (``str`` / ``bytes``), as a dict."""
    return json.loads(value) if isinstance(value, (str, bytes, bytearray)) else value


def _endpoint(w3: Any) -> str | None:
    uri = getattr(getattr(w3, "provider", None), "endpoint_uri", None)
    return None if uri is None else str(uri)


def verify_online_with_web3(w3: Any, bundle: Any, trust_root: Any) -> _native.Verdict:
    """Verifies ``bundle`` (a dict or JSON text) against ``trust_root`` (a ``set-trust-root-v1``
    dict or JSON text) up to level ``anchored``, reading the chain through ``w3`` (a
    ``web3.Web3``): ``w3.eth.chain_id`` must be the pinned chain id, and ``getBatchCommitment`` of
    the bundle's batch is called at the **pinned** registry (never the one the bundle names).

    Raises :class:`setchain.ClientError` (``WRONG_CHAIN``; ``CONFIG`` naming ``trust.chain_id`` or
    ``trust.registry`` for a trust root that pins neither; ``CHAIN_RPC`` when the call fails) and
    the core's errors for a bundle or trust root that does not parse.
    """
    trust = _document(trust_root)
    chain_id, registry = _native.pinned_network(trust)
    if chain_id is None:
        raise ClientError("the trust root pins no chain id", "CONFIG", "client", "trust.chain_id")
    if registry is None:
        raise ClientError("the trust root pins no registry", "CONFIG", "client", "trust.registry")
    url = _endpoint(w3)
    try:
        served = int(w3.eth.chain_id)
    except Exception as err:
        raise ClientError(f"chain RPC {url}: eth_chainId: {err}", "CHAIN_RPC", "client", url=url) from err
    if served != chain_id:
        message = f"chain RPC {url} serves chain {served}, the trust root pins {chain_id}"
        raise ClientError(message, "WRONG_CHAIN", "client", url=url)
    parsed = _document(bundle)
    commitment = parsed.get("commitment") if isinstance(parsed, dict) else None
    batch = commitment.get("batch_id") if isinstance(commitment, dict) else None
    if not isinstance(batch, str):
        # Not a bundle: the core's reading of it raises the error naming the field at fault.
        _native.verify_receipt(parsed, trust)
        field = "commitment.batch_id"
        raise InvalidArgumentError(f"{field}: expected a UUID", "INVALID_ARGUMENT", "python", field)
    batch_id = _native.uuid_to_bytes32(batch)
    contract = w3.eth.contract(address=w3.to_checksum_address(registry), abi=set_registry_abi())
    call = {"to": contract.address, "data": contract.encode_abi("getBatchCommitment", args=[batch_id])}
    try:
        returned = bytes(w3.eth.call(call))
    except Exception as err:
        raise ClientError(f"chain RPC {url}: eth_call: {err}", "CHAIN_RPC", "client", url=url) from err
    # The raw return data goes to the core, which decodes it as the record the verdict checks.
    return _native.verify_receipt(parsed, {**trust, "onchain": "0x" + returned.hex()})
