"""Why the law's interview obligations do not apply to an employee on a date, as the engine
decides it (domain.md 3.6 and section 4): temporary agency workers are the agency's
employees, interns are not employees, nobody is covered before being hired, and the French
rules apply to companies in France only. An employee who has left stays covered for what
fell due before leaving (interpretation 7), so leaving is not a reason here.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from entretien_desktop.domain import Company, Contract, Employee
from entretien_desktop.domain.enums import FRANCE
from entretien_desktop.rules.engine import OUT_OF_SCOPE


class OutOfScope(StrEnum):
    TEMP_AGENCY = "temp_agency"
    INTERN = "intern"
    NOT_YET_HIRED = "not_yet_hired"
    OUTSIDE_FRANCE = "outside_france"


def legal_scope(company: Company, employee: Employee, as_of: date) -> OutOfScope | None:
    """Why the engine gives ``employee`` no obligation of the law on ``as_of``, or ``None``
    when it does cover them."""
    if employee.contract in OUT_OF_SCOPE:
        return (
            OutOfScope.TEMP_AGENCY
            if employee.contract is Contract.TEMP_AGENCY
            else (OutOfScope.INTERN)
        )
    if employee.hire_date > as_of:
        return OutOfScope.NOT_YET_HIRED
    if company.country != FRANCE:
        return OutOfScope.OUTSIDE_FRANCE
    return None
