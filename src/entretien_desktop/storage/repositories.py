"""Repositories: the domain's ``Company`` in and out of the tables.

A whole company is written and read in bulk, a table at a time, by SQLAlchemy Core
statements over the schema's typed columns: the rows are built as Python values (a
``date``, a ``bool``, a document for JSON) and each back end stores its own form of them
(ISO text and 0/1 in a file; ``date``, ``boolean`` and ``json`` on a PostgreSQL server,
docs/server.md). Many rows go in as one statement: an ``executemany`` in a file, an
``INSERT … SELECT FROM unnest(…)`` of typed arrays on a server, where triggers and
row-level security then run once a statement. That keeps a 10,000-employee import and
export within seconds; screens use their own read queries.

A new employee's number is taken from the server's sequence there, never counted from the
largest one: two managers adding at once would be given the same.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, time
from typing import Any, NamedTuple, ParamSpec, TypeVar

from sqlalchemy import (
    JSON,
    ColumnElement,
    Float,
    Insert,
    String,
    Table,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal_column,
    null,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from entretien_desktop.domain import (
    Campaign,
    Certification,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewAgreement,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
    MedicalVisit,
    MedicalVisitKind,
    Policy,
    PolicyKind,
    Progression,
    Settings,
    Training,
    WorkingTime,
    audit_trail,
)
from entretien_desktop.domain.audit_trail import AuditEntry
from entretien_desktop.domain.model import privacy_document, privacy_from_document
from entretien_desktop.domain.record_chain import ChainEntry, next_entry
from entretien_desktop.domain.skills import (
    RequestState,
    SkillLevel,
    SkillRequest,
    SkillSource,
)
from entretien_desktop.domain.skills_codec import skills_map_documents, skills_map_from_documents
from entretien_desktop.domain.template_codec import (
    campaign_document,
    template_document,
    template_from_document,
)
from entretien_desktop.domain.templates import Template
from entretien_desktop.storage import server_roles
from entretien_desktop.storage.database import COMPANY_ID
from entretien_desktop.storage.engine import json_text
from entretien_desktop.storage.errors import UnreadableRecord
from entretien_desktop.storage.schema import (
    AttachmentRow,
    AuditTrailRow,
    CertificationRow,
    CompanyRow,
    CompanySealRow,
    EmployeeRow,
    InterviewRow,
    IssuedReportRow,
    LeaveRow,
    MedicalVisitRow,
    PolicyRow,
    ProgressionRow,
    RecordChainRow,
    SkillLevelRow,
    SkillRequestRow,
    TrainingRow,
)

Row = tuple[Any, ...]


CHAIN_APPENDS, JOURNAL_APPENDS = 0x454E5401, 0x454E5402
"""The advisory locks a server's appends to the chain of signed records and to the journal
of changes are taken under, for the length of their transaction."""


class IssuedRecord(NamedTuple):
    """A report as recorded when it was issued."""

    sha256: str
    interview_id: str | None
    kind: str
    fingerprint: str | None
    sealed_with: str | None


def _on_sqlite(session: Session) -> bool:
    return bool(session.connection().dialect.name == "sqlite")


def _number(value: float) -> float:
    """Hours come back as floats; whole numbers are given back as ints, as they were typed."""
    return int(value) if float(value).is_integer() else value


_SERVER_BATCH = 50_000
"""Rows in one statement inserting many on a server."""


class _Bulk:
    """One table's columns, in the order of the tuples written and read: every statement
    is SQLAlchemy Core's, with the table's typed columns, so each back end gets its own
    native values (a date, a boolean, a JSON document) from the same Python values."""

    def __init__(self, table: Table, columns: Sequence[str]) -> None:
        self.table = table
        self.columns = tuple(columns)
        self._insert = insert(table)
        self._select = select(*(table.c[c] for c in self.columns)).order_by(table.c.id)
        self._json = frozenset(c for c in self.columns if isinstance(table.c[c].type, JSON))
        self._floats = frozenset(c for c in self.columns if isinstance(table.c[c].type, Float))
        self._server_insert = self._insert_from_arrays()

    def _insert_from_arrays(self) -> Insert:
        """A server's insert of many rows in one statement: each column bound as one array
        of the column's own type, unnested into rows (``INSERT … SELECT * FROM
        unnest(…)``). The server's triggers and row-level security then run once a
        statement, where an ``executemany`` runs them once a row. JSON travels as its text,
        cast by the server to ``json``."""
        arrays: list[ColumnElement[Any]] = []
        for name in self.columns:
            kind = self.table.c[name].type
            if name in self._json:
                arrays.append(cast(bindparam(name, type_=ARRAY(Text)), ARRAY(kind)))
            elif isinstance(kind, String):
                # As text, not varchar(n): an explicit cast to varchar(n) cuts a longer
                # text silently, where the insert into the column refuses it (and the
                # user is told which field is too long: storage/server_errors.py).
                arrays.append(bindparam(name, type_=ARRAY(Text)))
            else:
                arrays.append(bindparam(name, type_=ARRAY(kind)))
        rows = func.unnest(*arrays).table_valued(*self.columns).render_derived()
        return insert(self.table).from_select(self.columns, select(*rows.c))

    def _values(self, row: Row) -> dict[str, Any]:
        return dict(zip(self.columns, row, strict=True))

    def update(self, session: Session, row_id: int, row: Row) -> None:
        """Overwrite the row whose id is ``row_id`` with ``row`` (same columns as written)."""
        statement = update(self.table).where(self.table.c.id == row_id).values(self._values(row))
        session.connection().execute(statement)

    def write(self, session: Session, rows: list[Row]) -> None:
        """Insert ``rows``: in a file, one statement with its parameters given as many (the
        driver's ``executemany``); on a server, one statement a batch of rows."""
        if not rows:
            return
        if _on_sqlite(session):
            session.connection().execute(self._insert, [self._values(row) for row in rows])
            return
        for start in range(0, len(rows), _SERVER_BATCH):
            batch = rows[start : start + _SERVER_BATCH]
            arrays = {
                name: [self._element(name, row[index]) for row in batch]
                for index, name in enumerate(self.columns)
            }
            session.connection().execute(self._server_insert, arrays)

    def _element(self, name: str, value: Any) -> Any:
        """``value`` as an element of its column's array: JSON as its text, a number of a
        ``Float`` column as a float (an array holds one type: 14 beside 7.5 is refused)."""
        if value is None:
            return None
        if name in self._json:
            return json_text(value)
        if name in self._floats:
            return float(value)
        return value

    def read(self, session: Session) -> Iterable[Row]:
        if _on_sqlite(session):
            return session.connection().execute(self._select)
        # On a server, what the user's role may read; the columns it may not come back
        # empty (an accountant reads no interview's content).
        query = select(*self.readable(session)).order_by(self.table.c.id)
        return session.connection().execute(query)

    def readable(self, session: Session) -> list[ColumnElement[Any]]:
        """Every column, in order; on a server, those the user's role may not read given
        as ``NULL`` in their place."""
        hidden = (
            frozenset()
            if _on_sqlite(session)
            else server_roles.unreadable(session, self.table.name, self.columns)
        )
        return [null().label(c) if c in hidden else self.table.c[c] for c in self.columns]


def _table(mapped: type[Any]) -> Table:
    table = mapped.__table__
    assert isinstance(table, Table)
    return table


_EMPLOYEE, _INTERVIEW = _table(EmployeeRow), _table(InterviewRow)
_CHAIN, _JOURNAL = _table(RecordChainRow), _table(AuditTrailRow)


def _chain_select() -> Select[Any]:
    columns = ("seq", "kind", "subject", "digest", "previous", "link")
    return select(*(_CHAIN.c[c] for c in columns))


def _chain_values(entry: ChainEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "kind": entry.kind,
        "subject": entry.subject,
        "digest": entry.digest,
        "previous": entry.previous,
        "link": entry.link,
    }


def _journal_select() -> Select[Any]:
    columns = ("seq", "at", "user", "name", "action", "employees", "previous", "link")
    return select(*(_JOURNAL.c[c] for c in columns))


POLICIES = _Bulk(_table(PolicyRow), ["kind", "every_months", "since"])
EMPLOYEES = _Bulk(
    _table(EmployeeRow),
    [
        "id",
        "ref",
        "first_name",
        "last_name",
        "birth_date",
        "hire_date",
        "exit_date",
        "contract",
        "working_time",
        "job_title",
        "department",
        "site",
        "manager_id",
        "language",
        "address",
        "seniority_date",
        "forfait_jours_since",
    ],
)
LEAVES = _Bulk(_table(LeaveRow), ["employee_id", "kind", "start", "end"])
INTERVIEWS = _Bulk(
    _table(InterviewRow),
    [
        "employee_id",
        "public_id",
        "kind",
        "status",
        "date",
        "invited_on",
        "answers",
        "signed_on",
        "fingerprint",
        "template",
        "details",
        "follow_up",
        "time",
    ],
)
TRAININGS = _Bulk(
    _table(TrainingRow),
    ["employee_id", "title", "start", "end", "hours", "mandatory", "certification"],
)
CERTIFICATIONS = _Bulk(_table(CertificationRow), ["employee_id", "title", "date", "via"])
PROGRESSIONS = _Bulk(_table(ProgressionRow), ["employee_id", "date", "kind", "note"])
MEDICAL_VISITS = _Bulk(_table(MedicalVisitRow), ["employee_id", "kind", "date"])


def _leave_row(e: int, x: Leave) -> Row:
    return (e, x.kind.value, x.start, x.end)


def _interview_row(e: int, x: Interview) -> Row:
    return (
        e,
        x.id,
        x.kind.value,
        x.status.value,
        x.date,
        x.invited_on,
        x.answers,
        x.signed_on,
        x.fingerprint,
        x.template,
        _details_document(x),
        x.follow_up or None,
        x.time.strftime("%H:%M") if x.time is not None else None,
    )


_DETAIL_TEXTS = ("interviewer", "place", "refusal_reason", "context")


def _details_document(x: Interview) -> dict[str, Any] | None:
    """The interview's details that are set (None when none is)."""
    details: dict[str, Any] = {name: getattr(x, name) for name in _DETAIL_TEXTS if getattr(x, name)}
    if x.campaign is not None:
        details["campaign"] = x.campaign
    if x.amends is not None:
        details["amends"] = x.amends
    if x.form_step is not None:
        details["form_step"] = x.form_step
    return details or None


def _details(stored: dict[str, Any] | None) -> dict[str, Any]:
    return dict(stored or {})


def _training_row(e: int, x: Training) -> Row:
    return (
        e,
        x.title,
        x.start,
        x.end,
        x.hours,
        x.mandatory,
        x.certification,
    )


def _leave(r: Row) -> Leave:
    return Leave(LeaveKind(r[1]), r[2], r[3])


def _interview(r: Row) -> Interview:
    return Interview(
        id=r[1],
        kind=InterviewKind(r[2]),
        status=InterviewStatus(r[3]),
        date=r[4],
        invited_on=r[5],
        answers=r[6],
        signed_on=r[7],
        fingerprint=r[8],
        template=r[9],
        follow_up=r[11],
        time=None if r[12] is None else time.fromisoformat(r[12]),
        **_details(r[10]),
    )


def _training(r: Row) -> Training:
    return Training(r[1], r[2], r[3], _number(r[4]), bool(r[5]), bool(r[6]))


_HISTORY: list[tuple[_Bulk, str, Callable[[int, Any], Row], Callable[[Row], Any]]] = [
    (LEAVES, "leaves", _leave_row, _leave),
    (INTERVIEWS, "interviews", _interview_row, _interview),
    (TRAININGS, "trainings", _training_row, _training),
    (
        CERTIFICATIONS,
        "certifications",
        lambda e, x: (e, x.title, x.date, x.via),
        lambda r: Certification(r[1], r[2], r[3]),
    ),
    (
        PROGRESSIONS,
        "progressions",
        lambda e, x: (e, x.date, x.kind, x.note),
        lambda r: Progression(r[1], r[2], r[3]),
    ),
    (
        MEDICAL_VISITS,
        "medical_visits",
        lambda e, x: (e, x.kind.value, x.date),
        lambda r: MedicalVisit(MedicalVisitKind(r[1]), r[2]),
    ),
]


# -- the skills map (revision 0016): each employee's levels, the whole history, and the
# trainings requested from the map's gaps; the catalogue, jobs and staffing needs are JSON
# documents on the company's row (save_profile, load).
SKILL_LEVELS = _Bulk(
    _table(SkillLevelRow),
    ["employee_id", "skill", "level", "date", "source", "reference", "note"],
)
SKILL_REQUESTS = _Bulk(
    _table(SkillRequestRow),
    ["employee_id", "public_id", "skill", "title", "requested_on", "reason", "status"],
)


def _skill_level_row(e: int, x: SkillLevel) -> Row:
    return (e, x.skill, x.level, x.date, x.source.value, x.reference or None, x.note or None)


def _skill_level(r: Row) -> SkillLevel:
    return SkillLevel(r[1], int(r[2]), r[3], SkillSource(r[4]), r[5] or "", r[6] or "")


def _skill_request_row(e: int, x: SkillRequest) -> Row:
    return (e, x.id, x.skill, x.title, x.requested_on, x.reason, x.status.value)


def _skill_request(r: Row) -> SkillRequest:
    return SkillRequest(r[1], r[2], r[3], r[4], r[5], RequestState(r[6]))


_HISTORY.extend(
    [
        (SKILL_LEVELS, "skill_levels", _skill_level_row, _skill_level),
        (SKILL_REQUESTS, "skill_requests", _skill_request_row, _skill_request),
    ]
)


P = ParamSpec("P")
R = TypeVar("R")


def _decoding(read: Callable[P, R]) -> Callable[P, R]:
    """``read`` with a value it cannot decode reported as ``UnreadableRecord`` (its text is
    not repeated: it may be an interview's answer)."""

    @functools.wraps(read)
    def decoded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return read(*args, **kwargs)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
            raise UnreadableRecord(type(error).__name__) from error

    return decoded


class CompanyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def exists(self) -> bool:
        return self.session.get(CompanyRow, COMPANY_ID) is not None

    def name(self) -> str | None:
        row = self.session.get(CompanyRow, COMPANY_ID)
        return None if row is None else row.name

    def employee_count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(EmployeeRow)) or 0)

    def add(self, company: Company) -> None:
        """Write a whole company into an empty file."""
        if self.exists() or self.employee_count():
            raise ValueError("the file already holds a company")
        self.save_profile(company)
        self.save_templates(company.templates)
        self.save_campaigns(company.campaigns)
        session = self.session
        numbers = self._new_employee_ids(len(company.employees), first=1)
        ids = {
            employee.ref: number
            for employee, number in zip(company.employees, numbers, strict=True)
        }
        EMPLOYEES.write(session, [_employee_row(e, ids[e.ref], ids) for e in company.employees])
        for bulk, attribute, to_row, _from_row in _HISTORY:
            bulk.write(
                session,
                [
                    to_row(ids[employee.ref], item)
                    for employee in company.employees
                    for item in getattr(employee, attribute)
                ],
            )

    def save_profile(self, company: Company) -> None:
        """Write the company's own data (name, headcount, agreement, policies, settings),
        leaving its employees as they are."""
        agreement = company.interview_agreement
        row = self.session.get(CompanyRow, COMPANY_ID) or CompanyRow(id=COMPANY_ID)
        row.name = company.name
        row.country = company.country
        row.currency = company.currency
        row.headcount = company.headcount
        row.headcount_date = company.headcount_date
        row.agreement_periodicity_months = agreement.periodicity_months if agreement else None
        row.agreement_since = agreement.since if agreement else None
        row.agreement_until = agreement.until if agreement else None
        row.settings = dict(company.settings.chosen())
        row.address = company.address or None
        row.siret = company.siret or None
        row.signatory_name = company.signatory_name or None
        row.signatory_title = company.signatory_title or None
        row.privacy = privacy_document(company.privacy) or None
        documents = skills_map_documents(company.skills, company.jobs, company.staffing)
        for column, document in documents.items():
            setattr(row, column, document or None)
        self.session.add(row)
        self.session.execute(delete(PolicyRow))
        self.session.flush()
        POLICIES.write(
            self.session,
            [(p.kind.value, p.every_months, p.since) for p in company.policies],
        )

    def save_templates(self, templates: Sequence[Template]) -> None:
        """Replace the company's own interview templates (a company must exist)."""
        row = self._company_row()
        row.templates = [template_document(t) for t in templates] or None

    def save_campaigns(self, campaigns: Sequence[Campaign]) -> None:
        row = self._company_row()
        row.campaigns = [campaign_document(c) for c in campaigns] or None

    def _company_row(self) -> CompanyRow:
        row = self.session.get(CompanyRow, COMPANY_ID)
        if row is None:
            raise LookupError("the file holds no company")
        return row

    def record_issued_report(
        self,
        sha256: str,
        interview_id: str | None,
        kind: str,
        fingerprint: str | None,
        when: str,
        *,
        sealed_with: str | None = None,
    ) -> bool:
        """Remember a PDF this file produced; ``False`` when the same bytes were recorded
        already (a second copy is the same report, one row)."""
        if self.session.scalar(select(IssuedReportRow.id).where(IssuedReportRow.sha256 == sha256)):
            return False
        self.session.add(
            IssuedReportRow(
                sha256=sha256,
                interview_public_id=interview_id,
                kind=kind,
                fingerprint=fingerprint,
                issued_on=when,
                sealed_with=sealed_with,
            )
        )
        self.session.flush()
        return True

    def issued_report(self, sha256: str) -> IssuedRecord | None:
        """The report with these bytes, if this file issued it."""
        row = self.session.scalar(select(IssuedReportRow).where(IssuedReportRow.sha256 == sha256))
        if row is None:
            return None
        return IssuedRecord(
            row.sha256, row.interview_public_id, row.kind, row.fingerprint, row.sealed_with
        )

    # -- the chain of signed records (domain/record_chain.py) ----------------------------------
    def append_to_chain(self, kind: str, subject: str, digest: str, when: str) -> ChainEntry:
        """Add an entry after the last one (the file refuses any other place)."""
        (entry,) = self.extend_chain([(kind, subject, digest)], when)
        return entry

    def extend_chain(self, items: Sequence[tuple[str, str, str]], when: str) -> list[ChainEntry]:
        """Add entries (kind, subject, digest) after the last one, in this order."""
        entries: list[ChainEntry] = []
        self._append_alone(CHAIN_APPENDS)
        last = self.chain_head()
        for kind, subject, digest in items:
            last = next_entry(last, kind, subject, digest)
            entries.append(last)
        if entries:
            self.session.connection().execute(
                insert(_CHAIN),
                [{**_chain_values(e), "recorded_on": when} for e in entries],
            )
        return entries

    def chain(self) -> list[ChainEntry]:
        """Every entry of the chain, first to last."""
        rows = self.session.connection().execute(_chain_select().order_by(_CHAIN.c.seq))
        return [ChainEntry(*row) for row in rows]

    def chain_head(self) -> ChainEntry | None:
        """The last entry of the chain, ``None`` while it is empty."""
        query = _chain_select().order_by(_CHAIN.c.seq.desc()).limit(1)
        row = self.session.connection().execute(query).first()
        return None if row is None else ChainEntry(*row)

    # -- the journal of changes (domain/audit_trail.py) ----------------------------------------
    def append_to_journal(
        self, at: str, user: str, name: str, action: str, employees: tuple[str, ...]
    ) -> AuditEntry:
        """Add an entry after the last one (the file refuses any other place)."""
        self._append_alone(JOURNAL_APPENDS)
        entry = audit_trail.next_entry(
            self.journal_head(), at=at, user=user, name=name, action=action, employees=employees
        )
        self.session.connection().execute(
            insert(_JOURNAL).values(
                seq=entry.seq,
                at=entry.at,
                user=entry.user,
                name=entry.name,
                action=entry.action,
                employees=list(entry.employees),
                previous=entry.previous,
                link=entry.link,
            )
        )
        return entry

    def journal(self, employee_ref: str | None = None) -> list[AuditEntry]:
        """Every entry of the journal, first to last (about ``employee_ref`` only, when
        given)."""
        rows = self.session.connection().execute(_journal_select().order_by(_JOURNAL.c.seq))
        entries = [_journal_entry(row) for row in rows]
        if employee_ref is None:
            return entries
        return [e for e in entries if employee_ref in e.employees]

    def journal_head(self) -> AuditEntry | None:
        """The last entry (on a server, only its number and link, read whole by the
        server whatever the user may read: docs/server.md, "Users and roles")."""
        if not _on_sqlite(self.session):
            server_head = func.entretien_journal_head().table_valued("seq", "link")
            query = select(server_head.c.seq, server_head.c.link)
            head = self.session.connection().execute(query).first()
            return None if head is None else AuditEntry(head[0], "", "", "", "", (), "", head[1])
        last = _journal_select().order_by(_JOURNAL.c.seq.desc()).limit(1)
        row = self.session.connection().execute(last).first()
        return None if row is None else _journal_entry(row)

    def journal_length(self) -> int:
        """How many entries the whole journal holds, whatever part of it the user reads
        (the last entry's number: they follow from 1)."""
        head = self.journal_head()
        return 0 if head is None else head.seq

    def reads_part_of_journal(self) -> bool:
        """Whether the connected user may read only part of the journal: on a server, a
        role other than HR or the accountant (a site manager reads their sites' entries)."""
        if _on_sqlite(self.session):
            return False
        role = self.session.execute(select(func.entretien_role())).scalar()
        return role not in ("hr", "accountant")

    def keep_signed_identities(self, public_id: str | None = None) -> None:
        """Keep, with each signed interview that has none yet (only ``public_id`` when
        given), its employee as stored now (number and names): the identity its signature
        covers, whatever the employee is called later. The file lets it be set once."""
        build = func.json_object if _on_sqlite(self.session) else func.json_build_object
        interview, employee = _INTERVIEW, _EMPLOYEE
        pairs: list[ColumnElement[Any]] = []
        for name in ("ref", "first_name", "last_name"):
            pairs += [literal_column(f"'{name}'"), employee.c[name]]
        identity = (
            select(build(*pairs)).where(employee.c.id == interview.c.employee_id).scalar_subquery()
        )
        statement = (
            update(interview)
            .where(interview.c.signed_on.is_not(None), interview.c.signed_identity.is_(None))
            .values(signed_identity=identity)
        )
        if public_id is not None:
            statement = statement.where(interview.c.public_id == public_id)
        self.session.connection().execute(statement)

    def signed_identity(self, public_id: str) -> dict[str, str] | None:
        """The identity kept with the signed interview ``public_id`` (``None``: none kept)."""
        query = select(_INTERVIEW.c.signed_identity).where(_INTERVIEW.c.public_id == public_id)
        kept = self.session.connection().execute(query).scalar()
        if kept is None:
            return None
        return {str(k): str(v) for k, v in kept.items()}

    def add_attachment(
        self, interview_id: str, kind: str, media_type: str, data: bytes, when: str
    ) -> None:
        """Attach a file to an interview, replacing one of the same kind."""
        self.session.execute(
            delete(AttachmentRow).where(
                AttachmentRow.interview_public_id == interview_id, AttachmentRow.kind == kind
            )
        )
        self.session.add(
            AttachmentRow(
                interview_public_id=interview_id,
                kind=kind,
                media_type=media_type,
                data=data,
                added_on=when,
            )
        )

    def attachments(self, interview_id: str) -> dict[str, tuple[str, bytes]]:
        """The interview's attachments by kind: (media type, bytes), the newest of a kind."""
        rows = self.session.scalars(
            select(AttachmentRow)
            .where(AttachmentRow.interview_public_id == interview_id)
            .order_by(AttachmentRow.id)
        )
        return {row.kind: (row.media_type, row.data) for row in rows}

    def save_seal(self, cert_pem: str, key_pem: str, subject: str, when: str) -> None:
        """Keep the company's seal, replacing any (whether reports are sealed stays as it
        was). The private key is stored unencrypted in the data file: it is the company's
        own seal, on its own computer, protected as the file is."""
        row = self.session.get(CompanySealRow, COMPANY_ID)
        if row is None:  # one row, numbered as the company it belongs to
            row = CompanySealRow(id=COMPANY_ID, enabled=False)
        row.certificate_pem = cert_pem
        row.private_key_pem = key_pem
        row.subject = subject
        row.created_on = when
        self.session.add(row)

    def seal(self) -> tuple[str, str] | None:
        """The company's seal: (certificate PEM, private key PEM), or ``None``."""
        row = self.session.get(CompanySealRow, COMPANY_ID)
        return None if row is None else (row.certificate_pem, row.private_key_pem)

    def set_sealing(self, on: bool) -> None:
        """Seal every report (or stop); the seal must exist."""
        row = self.session.get(CompanySealRow, COMPANY_ID)
        if row is None:
            raise LookupError("the file holds no seal")
        row.enabled = on

    def sealing_enabled(self) -> bool:
        row = self.session.get(CompanySealRow, COMPANY_ID)
        return row is not None and bool(row.enabled)

    def put_interview(self, ref: str, interview: Interview) -> None:
        """Write one interview of the employee numbered ``ref``, replacing the one with
        the same id: the form's autosave writes this one row, not the employee's history."""
        session = self.session
        employee_id = session.scalar(select(EmployeeRow.id).where(EmployeeRow.ref == ref))
        if employee_id is None:
            raise LookupError(ref)
        existing = session.scalar(
            select(InterviewRow.id).where(InterviewRow.public_id == interview.id)
        )
        row = _interview_row(employee_id, interview)
        if existing is None:
            INTERVIEWS.write(session, [row])
        else:
            INTERVIEWS.update(session, existing, row)

    @_decoding
    def interview(self, public_id: str) -> tuple[str, Interview] | None:
        """The interview ``public_id`` as stored, with its employee's number."""
        query = (
            select(_EMPLOYEE.c.ref, *INTERVIEWS.readable(self.session))
            .join_from(_INTERVIEW, _EMPLOYEE, _EMPLOYEE.c.id == _INTERVIEW.c.employee_id)
            .where(_INTERVIEW.c.public_id == public_id)
        )
        row = self.session.connection().execute(query).first()
        if row is None:
            return None
        return str(row[0]), _interview(tuple(row[1:]))

    def put_employee(self, employee: Employee, replacing: str | None = None) -> None:
        """Add an employee, or replace the one numbered ``replacing`` (its number may
        change) with all its history."""
        self.put_employees([(employee, replacing)])

    def put_employees(self, employees: Sequence[tuple[Employee, str | None]]) -> None:
        """``put_employee`` for each, in order, the numbers read once (a sheet's import)."""
        ids: dict[str, int] = dict(
            self.session.execute(select(EmployeeRow.ref, EmployeeRow.id)).all()
        )
        for employee, replacing in employees:
            self._put_employee(employee, replacing, ids)

    def _put_employee(self, employee: Employee, replacing: str | None, ids: dict[str, int]) -> None:
        session = self.session
        if replacing is None:
            (employee_id,) = self._new_employee_ids(1, first=max(ids.values(), default=0) + 1)
            ids[employee.ref] = employee_id
            EMPLOYEES.write(session, [_employee_row(employee, employee_id, ids)])
        else:
            # Updated in place: the managers who point at this row keep pointing at it.
            employee_id = ids.pop(replacing)
            ids[employee.ref] = employee_id
            row = _employee_row(employee, employee_id, ids)
            if employee.manager_ref is None and not _on_sqlite(session):
                row = self._hidden_manager_kept(employee_id, row)
            EMPLOYEES.update(session, employee_id, row)
            for bulk, *_rest in _HISTORY:
                table = bulk.table
                rows = delete(table).where(table.c.employee_id == employee_id)
                if bulk is INTERVIEWS:  # signed ones stay: the file refuses to drop them
                    rows = rows.where(table.c.signed_on.is_(None))
                session.execute(rows)
        signed = self._signed_interview_ids(employee_id)
        dropped = set(signed) - {i.id for i in employee.interviews}
        if dropped:  # the file's trigger refuses it, with the same message as a change
            table = INTERVIEWS.table
            session.execute(delete(table).where(table.c.public_id.in_(dropped)))
        for bulk, attribute, to_row, _from_row in _HISTORY:
            items = getattr(employee, attribute)
            if bulk is INTERVIEWS:
                for item in items:
                    if item.id in signed:  # rewritten as it was, or refused by the file
                        bulk.update(session, signed[item.id], to_row(employee_id, item))
                items = [item for item in items if item.id not in signed]
            bulk.write(session, [to_row(employee_id, item) for item in items])

    def _hidden_manager_kept(self, employee_id: int, row: Row) -> Row:
        """``row`` keeping the employee's manager when the user's role does not see them
        (a site manager's employee managed from another site): the load gave no manager
        there, which is not a change (docs/server.md, "Users and roles")."""
        employee, manager = _EMPLOYEE.alias("e"), _EMPLOYEE.alias("m")
        seen = select(manager.c.id).where(manager.c.id == employee.c.manager_id).exists()
        hidden = self.session.execute(
            select(employee.c.manager_id).where(
                employee.c.id == employee_id, employee.c.manager_id.is_not(None), ~seen
            )
        ).scalar()
        if hidden is None:
            return row
        column = EMPLOYEES.columns.index("manager_id")
        return (*row[:column], hidden, *row[column + 1 :])

    def _append_alone(self, key: int) -> None:
        """On a server, wait until no other transaction is appending to the same chain
        (``key``), then hold it until this one ends: the head read next is the newest,
        and two users' entries follow each other instead of claiming the same place. A
        file's lock already makes this process its only writer."""
        if not _on_sqlite(self.session):
            self.session.execute(select(func.pg_advisory_xact_lock(key)))

    def _new_employee_ids(self, count: int, *, first: int) -> list[int]:
        """Numbers for ``count`` new employees: from ``first`` on in a file (its lock makes
        this process its only writer); from the server's sequence on a server, where
        another user may be adding employees at the same moment."""
        if count == 0:
            return []
        if _on_sqlite(self.session):
            return list(range(first, first + count))
        sequence = func.pg_get_serial_sequence(literal_column("'employee'"), literal_column("'id'"))
        rows = self.session.execute(
            select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        )
        return [int(number) for (number,) in rows]

    def remove_employee(self, ref: str) -> None:
        """Delete the employee numbered ``ref`` with its history (the file cascades it);
        those they managed keep no manager. Only an undo asks for this: a signed interview
        makes the file refuse it."""
        session = self.session
        employee_id = session.scalar(select(EmployeeRow.id).where(EmployeeRow.ref == ref))
        if employee_id is None:
            raise LookupError(ref)
        session.execute(delete(EmployeeRow).where(EmployeeRow.id == employee_id))

    def _signed_interview_ids(self, employee_id: int) -> dict[str, int]:
        """The employee's signed interviews still in the file: public id -> row id."""
        table = INTERVIEWS.table
        query = select(table.c.public_id, table.c.id).where(
            table.c.employee_id == employee_id, table.c.signed_on.is_not(None)
        )
        return {str(public_id): int(row_id) for public_id, row_id in self.session.execute(query)}

    @_decoding
    def load(self) -> Company | None:
        """The whole company, or ``None`` when the file holds none yet."""
        if not _on_sqlite(self.session):  # the role named by a refusal (server_roles)
            server_roles.remember(self.session)
        row = self.session.get(CompanyRow, COMPANY_ID)
        if row is None:
            return None
        policies = tuple(Policy(PolicyKind(r[0]), r[1], r[2]) for r in POLICIES.read(self.session))
        agreement = None
        if row.agreement_periodicity_months is not None and row.agreement_since is not None:
            agreement = InterviewAgreement(
                row.agreement_periodicity_months, row.agreement_since, row.agreement_until
            )
        return Company(
            name=row.name,
            country=row.country,
            headcount=row.headcount,
            headcount_date=row.headcount_date,
            interview_agreement=agreement,
            policies=policies,
            settings=_settings(row.settings or {}),
            employees=tuple(self._load_employees()),
            templates=tuple(template_from_document(d) for d in row.templates or ()),
            campaigns=tuple(_campaign(d) for d in row.campaigns or ()),
            currency=row.currency or "EUR",
            address=row.address or "",
            siret=row.siret or "",
            signatory_name=row.signatory_name or "",
            signatory_title=row.signatory_title or "",
            privacy=privacy_from_document(row.privacy or {}),
            **skills_map_from_documents(row.skills or (), row.jobs or (), row.staffing or ()),
        )

    def _load_employees(self) -> Iterable[Employee]:
        history: dict[str, dict[int, list[Any]]] = {}
        for bulk, attribute, _to_row, from_row in _HISTORY:
            grouped: dict[int, list[Any]] = defaultdict(list)
            for r in bulk.read(self.session):
                grouped[r[0]].append(from_row(r))
            history[attribute] = grouped
        rows = list(EMPLOYEES.read(self.session))
        refs = {r[0]: r[1] for r in rows}
        # On a server, a manager on a site the user's role does not see reads as none.
        manager = refs.__getitem__ if _on_sqlite(self.session) else refs.get
        for r in rows:
            employee_id = r[0]
            yield Employee(
                ref=r[1],
                first_name=r[2],
                last_name=r[3],
                birth_date=r[4],
                hire_date=r[5],
                exit_date=r[6],
                contract=Contract(r[7]),
                working_time=WorkingTime(r[8]),
                job_title=r[9],
                department=r[10],
                site=r[11],
                manager_ref=None if r[12] is None else manager(r[12]),
                language=r[13],
                address=r[14] or "",
                seniority_date=r[15],
                forfait_jours_since=r[16],
                **{
                    attribute: tuple(grouped.get(employee_id, ()))
                    for attribute, grouped in history.items()
                },
            )


def _journal_entry(row: Sequence[Any]) -> AuditEntry:
    seq, at, user, name, action, employees, previous, link = row
    refs = employees
    return AuditEntry(seq, at, user, name, action, tuple(str(r) for r in refs), previous, link)


def _campaign(d: dict[str, Any]) -> Campaign:
    return Campaign(
        id=d["id"],
        name=d["name"],
        kind=InterviewKind(d["kind"]),
        start=date.fromisoformat(d["start"]),
        end=date.fromisoformat(d["end"]),
        template=d.get("template"),
        site=d.get("site", ""),
        department=d.get("department", ""),
        contract=d.get("contract", ""),
    )


def _settings(stored: dict[str, Any]) -> Settings:
    """Settings from their JSON form, where lists come back as lists."""
    values: dict[str, Any] = {
        name: tuple(value) if isinstance(value, list) else value for name, value in stored.items()
    }
    return Settings(**values)


def _employee_row(employee: Employee, employee_id: int, ids: dict[str, int]) -> Row:
    return (
        employee_id,
        employee.ref,
        employee.first_name,
        employee.last_name,
        employee.birth_date,
        employee.hire_date,
        employee.exit_date,
        employee.contract.value,
        employee.working_time.value,
        employee.job_title,
        employee.department,
        employee.site,
        ids[employee.manager_ref] if employee.manager_ref else None,
        employee.language,
        employee.address or None,
        employee.seniority_date,
        employee.forfait_jours_since,
    )
