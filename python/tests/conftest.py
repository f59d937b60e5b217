"""Shared fixtures: the cross-language vectors of tests/vectors/ and error assertions."""

from __future__ import annotations

import json
from collections.abc import Callable
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
