"""The display names of the domain's closed lists, for the interface: they live in
``services/labels.py``, shared with the reports, so that each is written once."""

from entretien_desktop.services.labels import (
    CERTIFICATION_VIAS,
    LANGUAGES,
    certification_via_label,
    contract_label,
    interview_kind_label,
    interview_status_label,
    language_label,
    leave_label,
    medical_visit_label,
    progression_label,
    working_time_label,
)

__all__ = [
    "CERTIFICATION_VIAS",
    "LANGUAGES",
    "certification_via_label",
    "contract_label",
    "interview_kind_label",
    "interview_status_label",
    "language_label",
    "leave_label",
    "medical_visit_label",
    "progression_label",
    "working_time_label",
]
