"""Shared fixtures: the cross-language vectors of tests/vectors/, error assertions, and the local
network of the client tests."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import setchain

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"


def vectors(name: str) -> Any:
    """One vectors file, parsed."""
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def h(text: str) -> bytes:
    """bytes of a 0x hex string."""
    return bytes.fromhex(text.removeprefix("0x"))


_ANY = object()


def assert_set_error(
    fn: Callable[[], object],
    code: str,
    prefix: str | None = None,
    cls: type[setchain.SetError] = setchain.InputError,
    field: object = _ANY,
) -> setchain.SetError:
    """`fn()` raises `cls` (a SetError and, for input errors, a ValueError) with `code`, message
    starting with `prefix` and, when given, `field` (`None`: the error names no field)."""
    with pytest.raises(cls) as info:
        fn()
    err = info.value
    assert isinstance(err, setchain.SetError)
    if issubclass(cls, setchain.InputError):
        assert isinstance(err, ValueError)
    assert err.code == code, f"code of {err!r}"
    if prefix is not None:
        assert str(err).startswith(prefix), f"{err} should start with {prefix}"
    if field is not _ANY:
        assert err.field == field, f"field of {err!r}"
    return err


# The local network of the client tests: `set-demo --serve-network` (built by `make demo-build`)
# starts anvil with SetRegistry, the dev sequencer and set-anchor, writes a set-test-network-v1
# document and runs until its stdin closes.
NETWORK_START_SECONDS = 240.0


def _set_demo() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
    binary = target / "debug" / "set-demo"
    if not binary.exists():
        pytest.fail(f"{binary} is missing: run `make demo-build` (make python-test does)")
    return binary


@pytest.fixture(scope="session")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The set-test-network-v1 document of a network started once for the session."""
    out = tmp_path_factory.mktemp("network")
    file = out / "network.json"
    process = subprocess.Popen(
        [str(_set_demo()), "--root", str(REPO), "--out", str(out), "--block-time", "1", "--serve-network", str(file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if line.startswith("NETWORK READY"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(NETWORK_START_SECONDS):
            pytest.fail("set-demo --serve-network did not get ready:\n" + "".join(lines[-40:]))
        yield json.loads(file.read_text(encoding="utf-8"))
    finally:
        # Closing stdin stops the network (set-demo kills every process it started).
        process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
