"""What the report viewer shows: each report the interface can open, as a ``ReportDocument``
(how to build its PDF in a language, the name it is saved under, what ``verify`` records).

The PDFs themselves come from ``services/reports``, imported when a report is first asked
for, by the build itself (reportlab takes a quarter of a second to import: on the worker,
not the interface thread). A document's ``build`` and ``issued_pdf`` are pure of Qt: the
viewer runs them on a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from entretien_desktop.domain import Company, Employee, Interview
from entretien_desktop.i18n import _, format_date
from entretien_desktop.services import signing
from entretien_desktop.services.errors import StorageError
from entretien_desktop.services.report_batches import (
    interview_file_stem,
    invitation_file_stem,
    safe_file_name,
)
from entretien_desktop.services.workspace import Workspace

INTERVIEW_REPORT = "interview_report"
INVITATION_LETTER = "invitation_letter"
COMPLIANCE_REGISTER = "compliance_register"
TRAINING_PLAN = "training_plan"
EMPLOYEE_DOSSIER = "employee_dossier"

__all__ = [
    "COMPLIANCE_REGISTER",
    "EMPLOYEE_DOSSIER",
    "INTERVIEW_REPORT",
    "INVITATION_LETTER",
    "TRAINING_PLAN",
    "ReportDocument",
    "default_folder",
    "dossier_document",
    "interview_file_stem",
    "interview_report_document",
    "invitation_calendar",
    "invitation_document",
    "issued_pdf",
    "register_document",
    "safe_file_name",
    "training_plan_document",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """One report to preview, print and save."""

    title: str
    """The viewer's title."""
    file_stem: str
    """The name it is saved under, without ``.pdf``."""
    kind: str
    """What it is, as recorded for ``verify`` (``interview_report``...)."""
    build: Callable[[str], bytes]
    """The PDF in a language (``fr``, ``en``...)."""
    language: str
    """The language shown first: the reader's."""
    interview: Interview | None = None
    """The interview an interview report is of: ``verify`` names it."""


def default_folder() -> Path:
    """Where a report is saved unless the user goes elsewhere: their documents."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def _current(workspace: Workspace, ref: str, interview: Interview) -> tuple[Employee, Interview]:
    """The employee and the interview as the file holds them now."""
    employee = workspace.employee(ref)
    found = next((i for i in employee.interviews if i.id == interview.id), interview)
    return employee, found


def interview_report_document(
    workspace: Workspace, ref: str, interview: Interview
) -> ReportDocument:
    """The report of ``interview`` (of the employee ``ref``), in the employee's language."""

    company = workspace.require_company()
    employee, current = _current(workspace, ref, interview)

    signatures = signing.drawn_signatures(workspace, current)

    def build(language: str) -> bytes:
        from entretien_desktop.services.reports import interview_report  # noqa: PLC0415

        return interview_report(company, employee, current, language, signatures=signatures)

    return ReportDocument(
        title=_("Report: {name}, {date}").format(
            name=employee.full_name, date=_day_text(current.date)
        ),
        file_stem=interview_file_stem(employee, current, workspace.today()),
        kind=INTERVIEW_REPORT,
        build=build,
        language=employee.language,
        interview=current,
    )


def invitation_document(workspace: Workspace, ref: str, interview: Interview) -> ReportDocument:
    """The invitation letter to ``interview`` and its preparation sheet."""

    company = workspace.require_company()
    employee, current = _current(workspace, ref, interview)

    def build(language: str) -> bytes:
        from entretien_desktop.services.reports import invitation_letter  # noqa: PLC0415

        return invitation_letter(company, employee, current, language)

    return ReportDocument(
        title=_("Invitation: {name}, {date}").format(
            name=employee.full_name, date=_day_text(current.date)
        ),
        file_stem=invitation_file_stem(employee, current, workspace.today()),
        kind=INVITATION_LETTER,
        build=build,
        language=employee.language,
    )


def invitation_calendar(
    workspace: Workspace, ref: str, interview: Interview, language: str
) -> bytes:
    """The ``.ics`` of the meeting (``ValueError`` while the interview has no date)."""
    from entretien_desktop.services import reports  # noqa: PLC0415

    employee, current = _current(workspace, ref, interview)
    text = reports.invitation_ics(workspace.require_company(), employee, current, language)
    return text.encode("utf-8")


def register_document(workspace: Workspace, interface_language: str) -> ReportDocument:
    """The compliance register as of today, in the interface's language."""

    company, today = workspace.require_company(), workspace.today()
    return ReportDocument(
        title=_("Compliance register"),
        file_stem=safe_file_name(_("Compliance-register-{date}").format(date=today.isoformat())),
        kind=COMPLIANCE_REGISTER,
        build=partial(_compliance_register, workspace, company, today),
        language=interface_language,
    )


def training_plan_document(workspace: Workspace, interface_language: str) -> ReportDocument:
    """The training plan as of today, in the interface's language."""

    company, today = workspace.require_company(), workspace.today()
    return ReportDocument(
        title=_("Skills development plan"),
        file_stem=safe_file_name(_("Training-plan-{date}").format(date=today.isoformat())),
        kind=TRAINING_PLAN,
        build=partial(_training_plan, company, today),
        language=interface_language,
    )


def dossier_document(workspace: Workspace, ref: str) -> ReportDocument:
    """Everything held on one employee (for a data-access request), in their language."""

    company, today = workspace.require_company(), workspace.today()
    employee = workspace.employee(ref)
    return ReportDocument(
        title=_("Dossier: {name}").format(name=employee.full_name),
        file_stem=safe_file_name(
            _("Dossier-{name}-{date}").format(name=employee.full_name, date=today.isoformat())
        ),
        kind=EMPLOYEE_DOSSIER,
        build=partial(_employee_dossier, company, employee, today),
        language=employee.language,
    )


def issued_pdf(
    workspace: Workspace, document: ReportDocument, language: str
) -> tuple[bytes, str, str]:
    """The PDF of ``document`` in ``language`` as it is handed out: sealed when the company
    seals its reports, and recorded as issued so that ``verify`` recognises a copy of it.
    Returns the bytes, the language, and why the copy could not be recorded ("" when it
    was; the unsealed bytes then). Runs on a worker: no Qt here."""
    from entretien_desktop.services.reports import check_stopped  # noqa: PLC0415

    data = document.build(language)
    check_stopped()  # given up while it was built: not recorded
    try:
        issued = signing.issue(workspace, data, document.kind, document.interview)
    except StorageError as error:
        log.warning("Report not recorded as issued: %s", error)
        return data, language, str(error)
    return issued, language, ""


def _day_text(value: date | None) -> str:
    return format_date(value) if value is not None else _("no date yet")


# The builds of the registers: reportlab is imported on the worker, when first built.
def _compliance_register(
    workspace: Workspace, company: Company, today: date, language: str
) -> bytes:
    """With the chain head of the file as it is when built: a paper copy anchors it."""
    from entretien_desktop.services.reports import compliance_register  # noqa: PLC0415

    head = signing.chain_head(workspace)
    return compliance_register(company, today, language, chain_head=head)


def _training_plan(company: Company, today: date, language: str) -> bytes:
    from entretien_desktop.services.reports import training_plan  # noqa: PLC0415

    return training_plan(company, today, language)


def _employee_dossier(company: Company, employee: Employee, today: date, language: str) -> bytes:
    from entretien_desktop.services.reports import employee_dossier  # noqa: PLC0415

    return employee_dossier(company, employee, today, language)
