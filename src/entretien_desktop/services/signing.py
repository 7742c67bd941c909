"""Signed records: the fingerprint of an interview, its signature, its amendments, and the
reports issued from it.

The fingerprint is the SHA-256 of the interview's canonical content: a JSON text with
sorted keys and no insignificant space, of everything the two people signed (who, what
kind, when, where, by whom, the template and every answer). "Who" is the employee as they
were at signing (number, first and last name), kept with the signed interview: renaming
the employee later changes neither the content nor the fingerprint. It is stored when the
interview is signed and printed on every page of its report; the data file refuses any
later change to a signed interview, its identity at signing, its attachments and the
record of reports issued (storage triggers), so a correction is an amendment: a new,
unsigned version that points to the signed one.

Every signature and every PDF the program writes is also an entry of the chain of signed
records (domain/record_chain.py, services/chain.py): each entry hashes the one before it.
``verify`` accepts a PDF only when its bytes are on record, the whole chain holds, the
report's entry and the interview's signature entry are in it and match what the file
holds now (content, fingerprint, drawn signatures), and, when the company sealed its
reports at the time, the PDF's seal validates against that certificate.

What this protects against: an edit of the data file with an SQLite tool (a report's hash
inserted, an answer or a drawn signature changed or deleted, triggers dropped first) makes
``verify`` refuse. What it does not: whoever can write the file and re-runs this program's
published algorithm can append entries for a forged report, or rebuild the whole chain.
Only what lives outside the file exposes that: a printed compliance register carries the
chain head of its day (a rebuilt chain no longer has that link at that entry). The seal
adds little against the same person, as its key lives in the file too: it exposes only a
forger who makes a new seal, against the certificate the company gave out earlier.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from entretien_desktop.domain import Employee, Interview, InterviewStatus, record_chain
from entretien_desktop.domain.record_chain import ChainEntry
from entretien_desktop.i18n import _
from entretien_desktop.services import chain, claims, interview_life, interview_skills
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.services.retry import retried
from entretien_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from entretien_desktop.storage.repositories import CompanyRepository, IssuedRecord


Identity = dict[str, str]
"""Who signed, as the fingerprint covers it: ``ref``, ``first_name``, ``last_name``."""


def identity_of(employee: Employee) -> Identity:
    return {"ref": employee.ref, "first_name": employee.first_name, "last_name": employee.last_name}


def canonical_content(employee: Employee | Identity, interview: Interview) -> bytes:
    """What a signature covers, as canonical JSON (UTF-8): the employee as given (at
    signing: the identity kept with the signed interview) and the interview."""
    identity = identity_of(employee) if isinstance(employee, Employee) else employee
    content: dict[str, Any] = {
        "employee": {
            "ref": identity["ref"],
            "first_name": identity["first_name"],
            "last_name": identity["last_name"],
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


def fingerprint(employee: Employee | Identity, interview: Interview) -> str:
    return hashlib.sha256(canonical_content(employee, interview)).hexdigest()


@retried  # run again after a serialization failure or deadlock
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
    kind), kept in the same change. The identity of the employee at this moment is kept
    with it, and the signature is chained. Refused (``ChangeRefused``) as
    ``interview_life.mark_signed`` is."""
    workspace.flush_drafts()
    today = workspace.today()
    employee = workspace.employee(ref)

    def signed(stored: Interview) -> Interview:
        marked = interview_life.mark_signed(stored, on, today)
        return replace(marked, fingerprint=fingerprint(employee, marked))

    # Signing is final: it makes no undo step (but for the skill levels it records).
    with workspace.change() as change:
        # On a server, not while another user types in its form (services/claims.py).
        claims.refuse_if_typed_elsewhere(workspace, change.store, interview_id)
        change.journal_action = _("interview {id} signed").format(id=interview_id)
        change.journal_employees = (ref,)
        for kind, data in (drawn or {}).items():
            attach(workspace, ref, interview_id, kind, media_type="image/png", data=data)
        done = workspace.update_interview(ref, interview_id, signed)
        # The skills map: the levels agreed in the form, recorded in the same change.
        interview_skills.record_agreed_levels(workspace, change, ref, done)
        change.store.keep_signed_identities(interview_id)
        chain.chain_signature(change.store, interview_id, done.fingerprint or "")
        return done


@retried  # run again after a serialization failure or deadlock
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
    workspace: Workspace,
    data: bytes,
    kind: str,
    interview: Interview | None = None,
    sealed_with: str | None = None,
) -> None:
    """Remember a PDF the program wrote, and chain it, so that ``verify`` can recognise it
    later (any thread: a report built on a worker is recorded there). ``sealed_with``: the
    SHA-256 of the certificate it was sealed with."""
    with workspace.recording() as store:
        _record(store, data, kind, interview, sealed_with)


def _record(
    store: CompanyRepository,
    data: bytes,
    kind: str,
    interview: Interview | None,
    sealed_with: str | None,
) -> None:
    chain.chain_issued(
        store,
        file_sha256(data),
        kind=kind,
        interview_id=interview.id if interview is not None else None,
        fingerprint=interview.fingerprint if interview is not None else None,
        sealed_with=sealed_with,
    )


def chain_head(workspace: Workspace) -> ChainEntry | None:
    """The last entry of the chain of signed records (``None`` while it is empty), as the
    compliance register prints it (any thread)."""
    with workspace.reading() as store:
        return store.chain_head()


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    message: str
    interview_id: str | None = None


class _Refused(Exception):
    """Why ``verify`` does not vouch for a PDF (its verdict's message)."""

    def __init__(self, message: str, interview_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.interview_id = interview_id


def verify(workspace: Workspace, pdf: Path) -> Verdict:
    """Whether ``pdf`` is, byte for byte, a report this file issued and chained for a
    signed interview whose record, signatures and seal still match (module docstring)."""
    data = Path(pdf).read_bytes()
    try:
        with workspace.reading() as store:
            return _verified(workspace, store, data)
    except _Refused as refused:
        return Verdict(False, refused.message, refused.interview_id)


def _verified(workspace: Workspace, store: CompanyRepository, data: bytes) -> Verdict:
    issued = store.issued_report(file_sha256(data))
    if issued is None:
        raise _Refused(
            _(
                "This PDF is not a report issued from this file, or it was altered after it "
                "was issued: its content matches no report on record."
            )
        )
    entries = store.chain()
    broken = record_chain.first_broken(entries)
    if broken is not None:
        raise _Refused(
            _(
                "The chain of signed records of this file was altered at entry {number}: "
                "no report of this file can be vouched for."
            ).format(number=broken)
        )
    position = _issued_entry(entries, issued)
    _check_seal(data, _sealing_at(entries[:position]), issued.sealed_with)
    interview_id = issued.interview_id
    if interview_id is None:
        raise _Refused(_("This PDF is not an interview report."))
    employee, interview = _interview(workspace, interview_id)
    if interview.signed_on is None or issued.fingerprint is None:
        raise _Refused(
            _("Interview {id} was not signed when this report was made.").format(id=interview_id),
            interview_id,
        )
    identity = store.signed_identity(interview_id) or identity_of(employee)
    printed = issued.fingerprint
    if fingerprint(identity, interview) != printed or interview.fingerprint != printed:
        raise _Refused(
            _("The record of interview {id} no longer matches its fingerprint.").format(
                id=interview_id
            ),
            interview_id,
        )
    _check_signatures(store, entries[:position], interview_id, printed)
    name = f"{identity['first_name']} {identity['last_name']}".strip()
    return Verdict(
        True,
        _("Unaltered report of interview {id} with {name}, signed on {date}.").format(
            id=interview_id, name=name, date=interview.signed_on.isoformat()
        ),
        interview_id,
    )


def _issued_entry(entries: list[ChainEntry], issued: IssuedRecord) -> int:
    """The position in the chain of the report's entry, which must vouch for its record."""
    position = next(
        (
            n
            for n, entry in enumerate(entries)
            if entry.kind == record_chain.ISSUED_REPORT and entry.subject == issued.sha256
        ),
        None,
    )
    if position is None:
        raise _Refused(
            _(
                "This report is on record but not in the chain of signed records: it was "
                "not recorded by this program."
            )
        )
    expected = record_chain.issued_digest(
        issued.sha256, issued.kind, issued.interview_id, issued.fingerprint, issued.sealed_with
    )
    if entries[position].digest != expected:
        raise _Refused(_("The record of this report was changed after it was issued."))
    return position


def _sealing_at(entries: list[ChainEntry]) -> str | None:
    """The certificate (SHA-256) reports were sealed with after ``entries``, if any."""
    seals = [e for e in entries if e.kind == record_chain.SEAL]
    return (seals[-1].subject or None) if seals else None


def _check_seal(data: bytes, sealing: str | None, sealed_with: str | None) -> None:
    """A report issued while the company sealed its reports must carry that seal, valid."""
    if sealing is None and sealed_with is None:
        return
    if sealing is None or sealed_with != sealing:
        raise _Refused(
            _(
                "This report was recorded without the seal the company put on every report "
                "at the time."
            )
        )
    from entretien_desktop.services.seal import sealed_by  # noqa: PLC0415 (pyHanko is slow)

    ok, message = sealed_by(data, sealing)
    if not ok:
        raise _Refused(message)


def _interview(workspace: Workspace, interview_id: str) -> tuple[Employee, Interview]:
    found = [
        (e, i)
        for e in workspace.require_company().employees
        for i in e.interviews
        if i.id == interview_id
    ]
    if not found:
        raise _Refused(
            _("Interview {id} is no longer in this file.").format(id=interview_id), interview_id
        )
    return found[0]


def _check_signatures(
    store: CompanyRepository, entries: list[ChainEntry], interview_id: str, printed: str
) -> None:
    """The interview's signature was chained before the report, with the fingerprint and
    the drawn signatures the file holds now."""
    signature = next(
        (e for e in entries if e.kind == record_chain.SIGNATURE and e.subject == interview_id),
        None,
    )
    if signature is None:
        raise _Refused(
            _(
                "The signature of interview {id} is not in the chain of signed records: it "
                "was not recorded by this program."
            ).format(id=interview_id),
            interview_id,
        )
    drawn = chain.drawn_signatures(store, interview_id)
    if signature.digest != record_chain.signature_digest(interview_id, printed, drawn):
        raise _Refused(
            _(
                "The signatures kept with interview {id} are no longer those it was signed with."
            ).format(id=interview_id),
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
        if stored[1].signed_on is not None:
            _refuse_after_signing(change.store, interview_id, kind)
        when = datetime.now(UTC).isoformat(timespec="seconds")
        change.store.add_attachment(interview_id, kind, media_type, data, when)


def _refuse_after_signing(store: CompanyRepository, interview_id: str, kind: str) -> None:
    """A signed interview takes only the scan of its paper copy, once: what it holds is
    kept (the data file refuses to replace it too)."""
    if kind != SIGNED_SCAN:
        raise ChangeRefused([FieldProblem("signed_on", _("This interview is already signed."))])
    if SIGNED_SCAN in store.attachments(interview_id):
        raise ChangeRefused(
            [
                FieldProblem(
                    "signed_on",
                    _("The scan of this signed interview is kept already; it cannot be replaced."),
                )
            ]
        )


def attachments(workspace: Workspace, interview: Interview) -> dict[str, tuple[str, bytes]]:
    with workspace.reading() as store:
        return store.attachments(interview.id)


def drawn_signatures(workspace: Workspace, interview: Interview) -> dict[str, bytes]:
    """The signatures drawn on screen for ``interview`` (PNG), by attachment kind."""
    with workspace.reading() as store:
        return chain.drawn_signatures(store, interview.id)


class _SealingChanged(Exception):
    """The seal was made, replaced or switched while a report was being sealed."""


def issue(
    workspace: Workspace, data: bytes, kind: str, interview: Interview | None = None
) -> bytes:
    """The PDF as it is handed out: sealed when the company seals its reports, and recorded
    by its bytes so that ``verify`` recognises it. Returns the bytes to show or write.

    The record says with which certificate the PDF was sealed, and that must be the one
    the chain says the company sealed its reports with when it was recorded: the seal is
    read again once the record is written (the file is then held), and a report sealed
    while the seal changed is sealed again (never inside an open change: called apart)."""
    from entretien_desktop.services.seal import seal_with  # noqa: PLC0415 (pyHanko is slow)

    while True:
        with workspace.reading() as store:
            seal = store.seal() if store.sealing_enabled() else None
        issued = data if seal is None else seal_with(workspace.require_company().name, *seal, data)
        certificate = None if seal is None else seal[0]
        sealed_with = None if certificate is None else record_chain.certificate_sha256(certificate)
        try:
            with workspace.recording() as store:
                _record(store, issued, kind, interview, sealed_with)
                if chain.sealing_certificate(store) != certificate:
                    raise _SealingChanged
        except _SealingChanged:
            continue
        return issued
