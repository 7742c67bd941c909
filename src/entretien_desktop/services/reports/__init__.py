"""PDF reports (reportlab) and calendar files: the interview report, with a summary
review's criteria; the invitation letter with its preparation sheet, and its ``.ics``; the
compliance register, the training plan and the employee dossier.

Every report is A4 in DejaVu Sans (embedded), written in the reader's language (the
employee's unless told), with the company's name and "Page N of M" on every page.
"""

from entretien_desktop.services.reports.dossier import employee_dossier
from entretien_desktop.services.reports.interview_report import find_interview, interview_report
from entretien_desktop.services.reports.invitation import invitation_ics, invitation_letter
from entretien_desktop.services.reports.layout import (
    ReportStopped,
    check_stopped,
    render,
    stop_when,
    write_pdf_atomically,
)
from entretien_desktop.services.reports.register import compliance_register
from entretien_desktop.services.reports.training_plan import training_plan

__all__ = [
    "ReportStopped",
    "check_stopped",
    "compliance_register",
    "employee_dossier",
    "find_interview",
    "interview_report",
    "invitation_ics",
    "invitation_letter",
    "render",
    "stop_when",
    "training_plan",
    "write_pdf_atomically",
]
