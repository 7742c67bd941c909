"""The bounds of every value a company holds, stated once (docs/company-file.md, "Bounds").

The company file's reader refuses what falls outside them, the checks of a change refuse
it too, and the window's editors are built with them: so whatever is accepted anywhere
can be saved, exported, imported again and evaluated by the rules. A value past these
bounds is no company's real data, and each bound leaves room far beyond any real one:
months up to ten years, dates between 1900 and 2199 (the rules add years to them), texts
longer than anything typed by hand.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Bounds(NamedTuple):
    """The smallest and largest value a number may take, both included."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high


# -- the document as a whole ----------------------------------------------------------------
MAX_DOCUMENT_BYTES = 128 * 2**20
"""The company file of 10,000 employees with ten years of history that bench/import.py
exports is 50 MiB."""
MAX_DEPTH = 32
"""Lists and objects within one another, the document itself counting as one; the format
needs 12 (the options of a column of a template's table)."""
MAX_NUMBER = 2**53 - 1
"""Any whole number anywhere, even in the answers of a form, lies within this either side
of zero: the largest integer every JSON reader keeps exactly (JavaScript's
``Number.MAX_SAFE_INTEGER``). Decimals anywhere are finite: no ``NaN``, no ``Infinity``."""
MAX_ANY_TEXT = 100_000
"""Any text anywhere, such as the answer to a question of a form."""

# -- texts of the company's record (characters) ---------------------------------------------
MAX_NAME = 200
"""Names, numbers and ids, titles, codes: what fits on a line of a report."""
MAX_REF = 60
"""An employee's number: the width of its column (``employee.ref``), which a server
enforces (a file would store a longer one, a server refuses it)."""
MAX_INTERVIEW_ID = 80
"""An interview's id: the width of its column (``interview.public_id``), as ``MAX_REF``."""
MAX_CODE = 40
"""A certification's way (``via``) and a progression's kind: their columns' width."""
MAX_TEMPLATE = 120
"""The template an interview was filled with (``id@version``): its column's width."""
MAX_TEXT = 10_000
"""Free text typed in one field: a place (an address or a video link), a note, a reason."""

# -- numbers ------------------------------------------------------------------------------
HEADCOUNT = Bounds(0, 1_000_000)
PERIOD_MONTHS = Bounds(1, 120)
"""How often an agreement or a company policy asks for an interview."""
HOURS = Bounds(0, 9_999)
"""The hours of one training (a decimal)."""
RETENTION_YEARS = Bounds(0, 50)
"""Years interview records are kept after the employee leaves (privacy information)."""
SETTINGS: dict[str, Bounds] = {
    "due_soon_days": Bounds(1, 365),
    "return_interview_grace_months": Bounds(0, 12),
    "invitation_notice_days": Bounds(0, 180),
    "long_sickness_months": Bounds(1, 36),
}
"""The rule settings that are numbers (docs/rules.md says what each one does)."""

# -- dates --------------------------------------------------------------------------------
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)

# -- the skills map (domain/skills.py) -----------------------------------------------------
MAX_SKILL_CODE = 100
"""A skill's id, a gap training request's id and a level's reference (an interview's id):
their columns' width."""
EXPIRES_AFTER_MONTHS = Bounds(1, 240)
"""How long a certification or licence holds (CACES 60 months, habilitation électrique 36,
SST 24): twenty years at most."""
STAFFING_COUNT = Bounds(1, HEADCOUNT.high)
"""How many people a site or team needs at a level of a skill: one at least."""
