"""The interface's colours, named once: one red says "refused" or "late" everywhere.

Text colours are dark enough to read on the window's light background (WCAG AA); the
error banner is for a refusal that stops a dialog. Status colours match the PDFs'.
"""

from __future__ import annotations

ERROR = "#b3261e"
"""A refused field, a refusal, an overdue date: text."""
ERROR_STYLE = f"color: {ERROR};"
ERROR_BANNER_STYLE = (
    f"QLabel {{ color: {ERROR}; background: #fdecea; border: 1px solid #f3b8b2;"
    " border-radius: 4px; padding: 6px 8px; }"
)
"""A refusal that stops a dialog, in a box above its buttons."""
WARNING = "#8a5a00"
"""Something to check that does not block: text."""
WARNING_STYLE = f"color: {WARNING};"

OVERDUE = "#c62828"
DUE_SOON = "#e08a00"
UPCOMING = "#1f6fd1"
SATISFIED = "#2e7d32"
NEUTRAL = "#607d8b"

INK = "#1b2a4a"
"""A signature drawn on screen."""
GUIDE = "#9aa0a6"
"""Lines and hints drawn under what the user does (the signature line)."""
