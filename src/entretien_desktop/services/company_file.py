"""The company file (docs/company-file.md): import into an empty data file, export a whole company.

An import is all or nothing: the document is read and checked in full before the data file
is even opened, so a refused document leaves no file behind and changes nothing.
Files are written to a temporary file beside the target, then renamed over it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from entretien_desktop.domain import (
    Company,
    Employee,
    Interview,
)
from entretien_desktop.domain.model import privacy_document
from entretien_desktop.domain.template_codec import campaign_document, template_document
from entretien_desktop.i18n import _
from entretien_desktop.services.chain import chain_imported_signatures
from entretien_desktop.services.company_reader import (
    DEFAULT_CURRENCY,
    FORMAT_TAG,
    ROOT,
    DocumentRefused,
    Problem,
    read_company_document,
)
from entretien_desktop.services.skills_file import (
    employee_skills_document,
    skills_map_document,
)
from entretien_desktop.storage import Database
from entretien_desktop.storage.copies import glob_escape, remove_stale_temporaries


@dataclass(frozen=True, slots=True)
class ImportSummary:
    company_name: str
    employees: int


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _interview_document(interview: Interview) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": interview.id,
        "kind": interview.kind.value,
        "status": interview.status.value,
        "date": _iso(interview.date),
        "invited_on": _iso(interview.invited_on),
    }
    if interview.answers is not None:
        document["answers"] = interview.answers
    if interview.signed_on is not None:
        document["signed_on"] = interview.signed_on.isoformat()
    if interview.fingerprint is not None:
        document["fingerprint"] = interview.fingerprint
    if interview.template is not None:
        document["template"] = interview.template
    for name in ("interviewer", "place", "refusal_reason", "context"):
        if getattr(interview, name):
            document[name] = getattr(interview, name)
    if interview.campaign is not None:
        document["campaign"] = interview.campaign
    if interview.amends is not None:
        document["amends"] = interview.amends
    if interview.follow_up:
        document["follow_up"] = interview.follow_up
    if interview.time is not None:
        document["time"] = interview.time.strftime("%H:%M")
    return document


def _employee_document(e: Employee) -> dict[str, Any]:
    return {
        "ref": e.ref,
        "first_name": e.first_name,
        "last_name": e.last_name,
        "birth_date": _iso(e.birth_date),
        "hire_date": e.hire_date.isoformat(),
        "exit_date": _iso(e.exit_date),
        "contract": e.contract.value,
        "working_time": e.working_time.value,
        "job_title": e.job_title,
        "department": e.department,
        "site": e.site,
        "manager_ref": e.manager_ref,
        "language": e.language,
        **({"address": e.address} if e.address else {}),
        **({"seniority_date": e.seniority_date.isoformat()} if e.seniority_date else {}),
        **(
            {"forfait_jours_since": e.forfait_jours_since.isoformat()}
            if e.forfait_jours_since
            else {}
        ),
        "leaves": [
            {"kind": x.kind.value, "start": x.start.isoformat(), "end": _iso(x.end)}
            for x in e.leaves
        ],
        "interviews": [_interview_document(x) for x in e.interviews],
        "trainings": [
            {
                "title": x.title,
                "start": x.start.isoformat(),
                "end": _iso(x.end),
                "hours": x.hours,
                "mandatory": x.mandatory,
                "certification": x.certification,
            }
            for x in e.trainings
        ],
        "certifications": [
            {"title": x.title, "date": x.date.isoformat(), "via": x.via} for x in e.certifications
        ],
        "progressions": [
            {"date": x.date.isoformat(), "kind": x.kind, "note": x.note} for x in e.progressions
        ],
        "medical_visits": [
            {"kind": x.kind.value, "date": x.date.isoformat()} for x in e.medical_visits
        ],
        **employee_skills_document(e),
    }


def _company_extras(company: Company) -> dict[str, Any]:
    """The company's templates and campaigns, when it has some (fields added to the format:
    readers that do not know them ignore them)."""
    extras: dict[str, Any] = {}
    if company.templates:
        extras["templates"] = [template_document(t) for t in company.templates]
    if company.campaigns:
        extras["campaigns"] = [campaign_document(c) for c in company.campaigns]
    return extras


def _company_identity(company: Company) -> dict[str, Any]:
    """The postal address, SIRET, signatory and privacy information, when set (fields
    added to the format: a file without them reads empty ones)."""
    extras: dict[str, Any] = {}
    if company.address:
        extras["address"] = company.address
    if company.siret:
        extras["siret"] = company.siret
    if company.signatory_name or company.signatory_title:
        extras["signatory"] = {
            "name": company.signatory_name,
            "title": company.signatory_title,
        }
    privacy = privacy_document(company.privacy)
    if privacy:
        extras["privacy"] = privacy
    return extras


def company_document(company: Company) -> dict[str, Any]:
    """The company file of ``company``, keys in the order of docs/company-file.md; the currency
    last, and only when it is not the euro, so that a file without one exports unchanged."""
    agreement = company.interview_agreement
    return {
        "format": FORMAT_TAG,
        "company": {
            "name": company.name,
            "country": company.country,
            "headcount": company.headcount,
            "headcount_date": _iso(company.headcount_date),
            "interview_agreement": None
            if agreement is None
            else {
                "periodicity_months": agreement.periodicity_months,
                "since": agreement.since.isoformat(),
                "until": _iso(agreement.until),
            },
            "policies": [
                {"kind": p.kind.value, "every_months": p.every_months, "since": p.since.isoformat()}
                for p in company.policies
            ],
            "settings": {
                name: list(value) if isinstance(value, tuple) else value
                for name, value in company.settings.chosen().items()
            },
        }
        | _company_extras(company)
        | ({"currency": company.currency} if company.currency != DEFAULT_CURRENCY else {})
        | _company_identity(company)
        | skills_map_document(company),
        "employees": [_employee_document(e) for e in company.employees],
    }


def dumps_company(company: Company) -> str:
    """The company file's text. ``NaN`` and ``Infinity`` are not JSON: the reader refuses
    them on the way in, and a value that slipped past stops the export rather than be
    written where no reader takes it back (``ValueError``)."""
    return json.dumps(company_document(company), indent=2, ensure_ascii=False, allow_nan=False)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one;
    the temporary files an earlier write of ``path`` killed half-way left are removed."""
    path = Path(path)
    remove_stale_temporaries(path.parent, f".{glob_escape(path.name)}.*.tmp")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_company_file(
    path: Path, *, today: date | None = None, notices: list[Problem] | None = None
) -> Company:
    """Read and check a company file; raises ``DocumentRefused`` with every problem.
    ``notices`` receives what was assumed where the file is silent (read_company_document)."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise DocumentRefused(
            [
                Problem(
                    ROOT, _("cannot read {path}: {reason}").format(path=path, reason=error.strerror)
                )
            ]
        ) from error
    return read_company_document(data, today=today, notices=notices)


def import_company(database: Database, company: Company) -> ImportSummary:
    """Write a checked company into an empty data file, in one change (one transaction)."""
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415 (it reads us)

    with Workspace(database).change() as change:
        change.journal_action = _("company {name} imported").format(name=company.name)
        existing = change.store.name()
        if existing is not None or change.store.employee_count():
            raise DocumentRefused(
                [
                    Problem(
                        ROOT,
                        _(
                            "{path} already holds the company {name}; "
                            "import into a new or empty file"
                        ).format(path=database.path, name=existing or "?"),
                    )
                ]
            )
        change.store.add(company)
        # Its signed interviews keep the identity their fingerprint covers, and are chained.
        chain_imported_signatures(change.store, company)
    return ImportSummary(company.name, len(company.employees))


def load_company(database: Database) -> Company | None:
    return database.read_company()


def export_company(database: Database, out: Path) -> Company:
    """Write the whole company of ``database`` to ``out`` as a company file."""
    company = load_company(database)
    if company is None:
        raise LookupError(_("{path} holds no company yet").format(path=database.path))
    write_file_atomically(out, dumps_company(company).encode("utf-8"))
    return company


__all__ = [
    "DocumentRefused",
    "ImportSummary",
    "Problem",
    "company_document",
    "dumps_company",
    "export_company",
    "import_company",
    "load_company",
    "read_company_file",
    "write_file_atomically",
]
