"""Set Chain SDK for Python: ids, Merkle trees and proofs, VES hashing and receipt verification,
and the SetRegistry / SetPaymaster ABI, backed by the Rust core (``setchain._native``).

Hashes are accepted as ``bytes`` or hex strings (``0x`` optional) and returned as ``bytes``.
Errors are subclasses of :class:`SetError` with a stable ``code`` and the ``field`` at fault;
bad input raises subclasses that are also :class:`ValueError`.
"""

from __future__ import annotations

# Everything public, by star import from the module that defines it. `__all__` is the three
# modules' own lists: the native module's is built by pyo3 as functions and classes are added
# (and checked against _native.pyi by stubtest), the others are declared beside their classes, so
# no name is listed twice. Type checkers see the star imports (which re-export every name of
# those lists), not this concatenation, which they cannot evaluate.
from typing import TYPE_CHECKING

from . import _enums, _errors, _native
from ._enums import *
from ._errors import *
from ._native import *

if not TYPE_CHECKING:
    __all__ = [*_native.__all__, *_errors.__all__, *_enums.__all__]
