"""The field's vocabulary as plain Python: no Qt, no SQL, no I/O.

Everything the other layers exchange about a company (its employees, leaves, interviews,
trainings...) is one of the frozen dataclasses or enums re-exported here.
"""

from entretien_desktop.domain.enums import (
    Contract,
    CountryCode,
    InterviewKind,
    InterviewStatus,
    LeaveKind,
    MedicalVisitKind,
    PolicyKind,
    WorkingTime,
)
from entretien_desktop.domain.model import (
    Campaign,
    Certification,
    Company,
    Employee,
    Interview,
    InterviewAgreement,
    Leave,
    MedicalVisit,
    Policy,
    Privacy,
    Progression,
    Settings,
    Training,
)

__all__ = [
    "Campaign",
    "Certification",
    "Company",
    "Contract",
    "CountryCode",
    "Employee",
    "Interview",
    "InterviewAgreement",
    "InterviewKind",
    "InterviewStatus",
    "Leave",
    "LeaveKind",
    "MedicalVisit",
    "MedicalVisitKind",
    "Policy",
    "PolicyKind",
    "Privacy",
    "Progression",
    "Settings",
    "Training",
    "WorkingTime",
]
