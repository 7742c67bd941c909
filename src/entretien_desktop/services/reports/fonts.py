"""The one typeface of every report: DejaVu Sans, embedded, so that French accents, the
narrow no-break space babel puts in French amounts (``3 000 €``) and the tick boxes render
the same on every machine, whatever fonts it has.

The TrueType files ship in ``resources/fonts/`` with their licence (``LICENSE-DejaVu.txt``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from entretien_desktop.paths import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@cache
def register_fonts() -> str:
    """Register the typeface with reportlab once per process; returns its family name.

    ``<b>`` in a paragraph picks the bold face; no italic face ships, so ``<i>`` keeps the
    upright one rather than failing."""
    folder = fonts_dir()
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
