"""Signed records: the fingerprint of an interview, its signature, its amendments, and the
reports issued from it.

The fingerprint is the SHA-256 of the interview's canonical content: a JSON text with
sorted keys and no insignificant space, of everything the two people signed (who, what
kind, when, where, by whom, the template and every answer). It is stored when the interview
is signed and printed on every page of its report; the data file refuses any later change
to a signed interview (storage triggers), so a correction is an amendment: a new, unsigned
version that points to the signed one.

Every PDF the program writes is remembered by the SHA-256 of its bytes; ``verify`` answers
whether a PDF is one of them, unaltered, and whether its record still matches.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from entretien_desktop.domain import Employee, Interview, InterviewStatus
from entretien_desktop.i18n import _
from entretien_desktop.services import interview_life
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.services.workspace import Workspace


def canonical_content(employee: Employee, interview: Interview) -> bytes:
    """What a signature covers, as canonical JSON (UTF-8)."""
    content: dict[str, Any] = {
        "employee": {
            "ref": employee.ref,
            "first_name": employee.first_name,
            "last_name": employee.last_name,
        },
        "interview": {
            "id": interview.id,
            "kind": interview.kind.value,
            "status": interview.status.value,
            "date": interview.date.isoformat() if interview.date else None,
            "invited_on": interview.invited_on.isoformat() if interview.invited_on else None,
            "signed_on": interview.signed_on.isoformat() if interview.signed_on else None,
            "template": interview.template,
            "interviewer": interview.interviewer,
            "place": interview.place,
            "context": interview.context,
            "amends": interview.amends,
            "answers": interview.answers or {},
        },
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def fingerprint(employee: Employee, interview: Interview) -> str:
    return hashlib.sha256(canonical_content(employee, interview)).hexdigest()


def sign(
    workspace: Workspace,
    ref: str,
    interview_id: str,
    on: date,
    drawn: dict[str, bytes] | None = None,
) -> Interview:
    """Record the signature of both people on ``on``, with the fingerprint of the
    interview as stored in the file at this moment (whatever copy a screen holds); returns
    the signed interview. ``drawn``: the signatures drawn on screen (PNG by attachment
    kind), kept in the same change. Refused (``ChangeRefused``) as
    ``interview_life.mark_signed`` is."""
    workspace.flush_drafts()
    today = workspace.today()
    employee = workspace.employee(ref)

    def signed(stored: Interview) -> Interview:
        marked = interview_life.mark_signed(stored, on, today)
        return replace(marked, fingerprint=fingerprint(employee, marked))

    with workspace.change():  # signing is final: it makes no undo step
        for kind, data in (drawn or {}).items():
            attach(workspace, ref, interview_id, kind, media_type="image/png", data=data)
        return workspace.update_interview(ref, interview_id, signed)


def amend(workspace: Workspace, ref: str, signed_id: str) -> Interview:
    """Start an amendment of a signed interview: a held, unsigned copy with a new id that
    points to it, ready to be corrected in the form and signed in turn."""
    with workspace.change(lambda: _("the amendment of an interview")):
        signed = workspace.interview(ref, signed_id)
        if signed.signed_on is None:
            raise ChangeRefused(
                [FieldProblem("signed_on", _("Only a signed interview needs an amendment."))]
            )
        taken = {i.id for i in workspace.employee(ref).interviews}
        number = 1
        while f"{signed.id}-A{number}" in taken:
            number += 1
        amendment = replace(
            signed,
            id=f"{signed.id}-A{number}",
            status=InterviewStatus.HELD,
            signed_on=None,
            fingerprint=None,
            amends=signed.id,
            follow_up=None,
        )
        workspace.put_interview(ref, amendment)
        return amendment


def latest_version(employee: Employee, interview_id: str) -> Interview:
    """The newest amendment of an interview (itself when it was never amended)."""
    by_amended = {i.amends: i for i in employee.interviews if i.amends is not None}
    current = next(i for i in employee.interviews if i.id == interview_id)
    while current.id in by_amended:
        current = by_amended[current.id]
    return current


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_issued(
    workspace: Workspace, data: bytes, kind: str, interview: Interview | None = None
) -> None:
    """Remember a PDF the program wrote, so that ``verify`` can recognise it later (any
    thread: a report built on a worker is recorded there)."""
    when = datetime.now(UTC).isoformat(timespec="seconds")
    with workspace.recording() as store:
        store.record_issued_report(
            file_sha256(data),
            interview.id if interview is not None else None,
            kind,
            interview.fingerprint if interview is not None else None,
            when,
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    message: str
    interview_id: str | None = None


def verify(workspace: Workspace, pdf: Path) -> Verdict:
    """Whether ``pdf`` is, byte for byte, a report this file issued for a signed interview
    whose record still has the fingerprint printed on it."""
    data = Path(pdf).read_bytes()
    with workspace.reading() as store:
        issued = store.issued_report(file_sha256(data))
    if issued is None:
        return Verdict(
            False,
            _(
                "This PDF is not a report issued from this file, or it was altered after it "
                "was issued: its content matches no report on record."
            ),
        )
    interview_id, _kind, printed = issued
    if interview_id is None:
        return Verdict(False, _("This PDF is not an interview report."))
    found = [
        (e, i)
        for e in workspace.require_company().employees
        for i in e.interviews
        if i.id == interview_id
    ]
    if not found:
        return Verdict(
            False,
            _("Interview {id} is no longer in this file.").format(id=interview_id),
            interview_id,
        )
    employee, interview = found[0]
    if interview.signed_on is None or printed is None:
        return Verdict(
            False,
            _("Interview {id} was not signed when this report was made.").format(id=interview_id),
            interview_id,
        )
    if fingerprint(employee, interview) != printed or interview.fingerprint != printed:
        return Verdict(
            False,
            _("The record of interview {id} no longer matches its fingerprint.").format(
                id=interview_id
            ),
            interview_id,
        )
    return Verdict(
        True,
        _("Unaltered report of interview {id} with {name}, signed on {date}.").format(
            id=interview_id, name=employee.full_name, date=interview.signed_on.isoformat()
        ),
        interview_id,
    )


SIGNATURE_EMPLOYEE = "signature_employee"
SIGNATURE_INTERVIEWER = "signature_interviewer"
SIGNED_SCAN = "signed_scan"


def attach(
    workspace: Workspace, ref: str, interview_id: str, kind: str, *, media_type: str, data: bytes
) -> None:
    """Keep a signature drawn on screen (PNG) or the scan of the paper copy with the
    interview. Signatures are drawn before signing; a scan may come after."""
    with workspace.change(announce=False) as change:  # kept beside the record: no undo
        stored = change.store.interview(interview_id)
        if stored is None or stored[0] != ref:
            raise ChangeRefused([FieldProblem("", _("This interview is no longer in the file."))])
        if kind != SIGNED_SCAN and stored[1].signed_on is not None:
            raise ChangeRefused([FieldProblem("signed_on", _("This interview is already signed."))])
        when = datetime.now(UTC).isoformat(timespec="seconds")
        change.store.add_attachment(interview_id, kind, media_type, data, when)


def attachments(workspace: Workspace, interview: Interview) -> dict[str, tuple[str, bytes]]:
    with workspace.reading() as store:
        return store.attachments(interview.id)


def drawn_signatures(workspace: Workspace, interview: Interview) -> dict[str, bytes]:
    """The signatures drawn on screen for ``interview`` (PNG), by attachment kind."""
    found = attachments(workspace, interview)
    return {
        kind: data
        for kind, (_media, data) in found.items()
        if kind in {SIGNATURE_EMPLOYEE, SIGNATURE_INTERVIEWER}
    }


def issue(
    workspace: Workspace, data: bytes, kind: str, interview: Interview | None = None
) -> bytes:
    """The PDF as it is handed out: sealed when the company seals its reports, and recorded
    by its bytes so that ``verify`` recognises it. Returns the bytes to show or write."""
    from entretien_desktop.services.seal import maybe_seal  # noqa: PLC0415 (pyHanko is slow)

    issued = maybe_seal(workspace, data)
    record_issued(workspace, issued, kind, interview)
    return issued
