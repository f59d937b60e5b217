"""asyncio flavour of :class:`setchain.Client`: the same calls, each run in a worker thread with
:func:`asyncio.to_thread` (the client releases the GIL while it waits, so the event loop and
other threads keep running).

Cancelling an awaiting task does not stop the call in its thread: it runs until it answers or its
own ``timeout`` (``wait_*``) or the client's request time-out ends it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from ._native import Client, Verdict

__all__ = ["AsyncClient"]


class AsyncClient:
    """:class:`setchain.Client` with awaitable calls; the constructor takes the same arguments."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Passed through whole, so that the two constructors cannot drift apart.
        self.client = Client(*args, **kwargs)
        """The blocking client underneath."""

    async def ingest(self, events: Iterable[Any]) -> dict[str, Any]:
        """:meth:`setchain.Client.ingest`."""
        return await asyncio.to_thread(self.client.ingest, list(events))

    async def commitment(self, batch_id: Any) -> dict[str, Any]:
        """:meth:`setchain.Client.commitment`."""
        return await asyncio.to_thread(self.client.commitment, batch_id)

    async def wait_for_commitment(
        self, tenant_id: Any, store_id: Any, sequence_number: int, timeout: float = 600.0
    ) -> dict[str, Any]:
        """:meth:`setchain.Client.wait_for_commitment`."""
        return await asyncio.to_thread(self.client.wait_for_commitment, tenant_id, store_id, sequence_number, timeout)

    async def wait_until_anchored(self, batch_id: Any, timeout: float = 600.0) -> dict[str, Any]:
        """:meth:`setchain.Client.wait_until_anchored`."""
        return await asyncio.to_thread(self.client.wait_until_anchored, batch_id, timeout)

    async def bundle(self, event: Any, receipt: Any) -> dict[str, Any]:
        """:meth:`setchain.Client.bundle`."""
        return await asyncio.to_thread(self.client.bundle, event, receipt)

    async def bundle_with_commitment(self, event: Any, receipt: Any, commitment: Any) -> dict[str, Any]:
        """:meth:`setchain.Client.bundle_with_commitment`."""
        return await asyncio.to_thread(self.client.bundle_with_commitment, event, receipt, commitment)

    async def verify_online(self, bundle: Any) -> Verdict:
        """:meth:`setchain.Client.verify_online`."""
        return await asyncio.to_thread(self.client.verify_online, bundle)

    async def contract_accepts_inclusion(self, bundle: Any) -> bool:
        """:meth:`setchain.Client.contract_accepts_inclusion` in a worker thread."""
        return await asyncio.to_thread(self.client.contract_accepts_inclusion, bundle)

    async def create_commitment(self, tenant_id: Any, store_id: Any, sequence_start: int, sequence_end: int) -> dict[str, Any]:
        """:meth:`setchain.Client.create_commitment` in a worker thread."""
        return await asyncio.to_thread(self.client.create_commitment, tenant_id, store_id, sequence_start, sequence_end)

    async def audit_stream(self, tenant_id: Any, store_id: Any, events: Any = None) -> dict[str, Any]:
        """:meth:`setchain.Client.audit_stream` in a worker thread."""
        return await asyncio.to_thread(self.client.audit_stream, tenant_id, store_id, events)
