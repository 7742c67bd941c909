"""The obligations engine: pure functions from a company, one employee's history and an
as-of date to that employee's interview obligations (domain.md sections 3 and 4).

No I/O, no Qt, no SQL. One module per family of rules; every regime date is stated once,
with its source, in ``regimes``. ``evaluate_employee`` and ``evaluate_company`` are the
entry points.
"""

from entretien_desktop.rules.engine import evaluate_company, evaluate_employee
from entretien_desktop.rules.model import Obligation, ObligationKind, Status
from entretien_desktop.rules.suspension import seniority_years

__all__ = [
    "Obligation",
    "ObligationKind",
    "Status",
    "evaluate_company",
    "evaluate_employee",
    "seniority_years",
]
