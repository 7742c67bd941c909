"""The desktop interface: PySide6 windows, pages, dialogs and item models.

Importing this package first shields Python's ``True`` from a PySide6 6.12.0 defect (see
``shield_bools``): nothing of the interface may run before it.
"""

from __future__ import annotations

import ctypes
import sys

import PySide6

_AFFECTED_PYSIDE = {"6.12.0"}
_SHIELD = 1 << 40


def shield_bools() -> bool:
    """Make ``True``, ``False`` and ``None`` effectively immortal where PySide6 6.12.0
    needs it.

    PySide6 6.12.0 releases one reference to ``True`` each time a signal reaches a Python
    slot, and two to ``None`` each time an event loop runs (every modal dialog's
    ``exec()``, every ``processEvents()``). On Python 3.11, where these are ordinary
    objects, a count reaches zero after a few thousand and the process dies with "Fatal
    Python error: bool_dealloc" (or "none_dealloc"). Python 3.12 made them immortal; this
    gives them the same protection by adding a very large count, which nothing will use
    up. Returns whether it was applied.
    """
    if sys.version_info >= (3, 12) or PySide6.__version__ not in _AFFECTED_PYSIDE:
        return False
    for value in (True, False, None):
        before = sys.getrefcount(value)
        counter = ctypes.c_ssize_t.from_address(id(value))
        if counter.value != before - 1:  # not the layout expected: leave it alone
            return False
        counter.value += _SHIELD
    return True


shield_bools()
