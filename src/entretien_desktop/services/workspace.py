"""An open data file as the interface sees it: the company held in memory, and the one gate
every change goes through.

The whole company is read once. A change is made inside ``with workspace.change(title):``,
which opens one unit of work: what the change touches is read again from the file there,
every rule is checked (here and in the services, never in a widget), the file is written
once (one commit), the copy in memory follows, one undo step is recorded and the screens
are told once. A change opened inside another joins it. If anything fails, the file and
the copy in memory are left as they were before the change.

The screens keep copies of records to show them; they never write those copies back as
they are: a write names what it changes (an interview by its id, an employee by their
number) and the gate applies the change to the stored record.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
import uuid
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from entretien_desktop.domain import Campaign, Company, Employee, Interview
from entretien_desktop.domain.audit_trail import AuditEntry
from entretien_desktop.domain.templates import Template
from entretien_desktop.i18n import _
from entretien_desktop.paths import system_user
from entretien_desktop.services.employee_checks import (
    ChangeRefused,
    FieldProblem,
    campaign_problems,
    company_problems,
    employee_problems,
    interview_problems,
    refusal,
    template_problems,
)
from entretien_desktop.services.obligations import ObligationsReport, company_obligations
from entretien_desktop.services.register import RegisterSummary, register_summary
from entretien_desktop.services.retry import retried
from entretien_desktop.services.undo import Edit, Step, UndoHistory
from entretien_desktop.storage import Database
from entretien_desktop.storage import versions as record_versions
from entretien_desktop.storage.errors import StaleRecordError

if TYPE_CHECKING:
    from entretien_desktop.services.live import Arrival, Watch
    from entretien_desktop.services.permissions import Access
    from entretien_desktop.storage.repositories import CompanyRepository
    from entretien_desktop.storage.uow import UnitOfWork

Listener = Callable[[], None]
Record = TypeVar("Record", Employee, Interview)
Describe = Callable[[], str]


@dataclass(eq=False)
class Change:
    """One change in progress: its unit of work and what it did so far."""

    uow: UnitOfWork
    describe: Describe | None
    merge: Hashable | None
    announce: bool
    edits: list[Edit] = field(default_factory=list)
    journal_action: str | None = None
    """What the journal of changes says of this change, when its description would not do
    (a signature, an undo, an import); the description otherwise."""
    journal_employees: tuple[str, ...] = ()
    """Employees the change is about beyond those whose record it changed for the undo
    history (a signature, which is never undone)."""

    @property
    def store(self) -> CompanyRepository:
        return self.uow.company


_KEPT_READS = 4
"""Reads whose versions wait to be taken with their company (``adopt``, ``take_company``):
two overlapping reads (the feed's and another user's change) each find their own."""


class Workspace:
    def __init__(self, database: Database, today: Callable[[], date] = date.today) -> None:
        self.database = database
        self.today = today
        self.version = 0
        self._company: Company | None = None
        self._loaded = False
        self._report: tuple[int, date, ObligationsReport] | None = None
        self._listeners: list[Listener] = []
        self.history = UndoHistory()
        self._replaying = False
        self._open: Change | None = None
        self.user_name = ""
        """The name the person using the program gave it, written in the journal beside the
        system's user (empty when none was given)."""
        self._journal_merge: Hashable | None = None
        self._owner: int | None = None
        self._gate = threading.RLock()
        self._drafts: list[Callable[[], None]] = []
        # Optimistic concurrency (storage/versions.py): the version of each record as read.
        self._versions: dict[record_versions.Key, int] = {}
        # The versions each recent read came with (read on worker threads, maybe more than
        # one at a time), found again by the company object it gave.
        self._reads: list[tuple[Company | None, dict[record_versions.Key, int]]] = []
        self._reads_guard = threading.Lock()
        self.holder = f"{system_user()}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        """This program's name in the claims on interviews (services/claims.py)."""
        self.commits = 0
        """Changes this workspace committed so far (another program's change read before
        one of them is stale: ``take_company``)."""

    # -- what the connected user's role may change (services/permissions.py) ------------
    @functools.cached_property
    def access(self) -> Access:
        """The connected user's role and what it allows, asked of the server once."""
        from entretien_desktop.services.permissions import read_access  # noqa: PLC0415

        return read_access(self.database)

    @property
    def path(self) -> Path:
        return self.database.path

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def add_draft(self, flush: Callable[[], None]) -> None:
        """A form with typing not yet saved: ``flush`` saves it now (see ``flush_drafts``)."""
        self._drafts.append(flush)

    def remove_draft(self, flush: Callable[[], None]) -> None:
        if flush in self._drafts:
            self._drafts.remove(flush)

    def flush_drafts(self) -> None:
        """Save whatever the open forms hold but have not written yet (before signing, for
        one: the signature covers the text as stored)."""
        for flush in list(self._drafts):
            flush()

    def clear_listeners(self) -> None:
        """Forget every listener (the window that registered them is being replaced)."""
        self._listeners.clear()

    @property
    def company(self) -> Company | None:
        """The whole company, read from the file the first time it is asked for."""
        if not self._loaded:
            self.adopt(self.read_company())
        return self._company

    @property
    def loaded(self) -> bool:
        return self._loaded

    def read_company(self) -> Company | None:
        """Read the company from the file without keeping it: safe on a worker thread, so
        that a large file is read while the window is already usable (see ``adopt``).

        The records' versions are read first, in the same unit of work: a record another
        user writes in between is then refused as stale at its next write, never
        overwritten (storage/versions.py)."""
        company, versions = self.database.read_with_versions()
        with self._reads_guard:
            self._reads = [*self._reads[-(_KEPT_READS - 1) :], (company, versions)]
        return company

    def adopt(self, company: Company | None) -> None:
        """Keep a company read by ``read_company``, unless one is already held."""
        if not self._loaded:
            self._company, self._loaded = company, True
            self._versions = self._versions_read_with(company) or {}

    def _versions_read_with(self, company: Company | None) -> dict[record_versions.Key, int] | None:
        """The versions ``read_company`` read with ``company`` (``None``: no recent read
        gave it)."""
        with self._reads_guard:
            for index, (read, versions) in enumerate(self._reads):
                if read is company:
                    del self._reads[index]
                    return dict(versions)
        return None

    def reload(self) -> None:
        """Read the company again from the database (another user changed it): the copy in
        memory and the versions follow, and the screens are told."""
        with self._gate:
            self._company, self._loaded, self._report = None, False, None
            self._versions = {}
            self.company  # noqa: B018 (read now, under the gate)
        self.announce()

    def summary(self) -> RegisterSummary:
        """The company's name and size, without reading the whole company."""
        if self._loaded:
            company = self._company
            if company is None:
                return RegisterSummary(None, 0)
            return RegisterSummary(company.name, len(company.employees))
        return register_summary(self.database)

    def require_company(self) -> Company:
        company = self.company
        if company is None:
            raise LookupError(_("{path} holds no company yet").format(path=self.path))
        return company

    def employee(self, ref: str) -> Employee:
        for employee in self.require_company().employees:
            if employee.ref == ref:
                return employee
        raise KeyError(ref)

    def interview(self, ref: str, interview_id: str) -> Interview:
        """The interview ``interview_id`` of the employee numbered ``ref``, as stored now."""
        for interview in self.employee(ref).interviews:
            if interview.id == interview_id:
                return interview
        raise KeyError(interview_id)

    def obligations(self, as_of: date | None = None) -> ObligationsReport:
        """Every obligation as of ``as_of`` (today by default), computed once per change."""
        day = as_of or self.today()
        if self._report is not None and self._report[:2] == (self.version, day):
            return self._report[2]
        report = company_obligations(self.require_company(), day)
        self._report = (self.version, day, report)
        return report

    # -- the gate -------------------------------------------------------------------------
    @contextmanager
    def change(
        self,
        describe: Describe | None = None,
        *,
        merge: Hashable | None = None,
        announce: bool = True,
    ) -> Iterator[Change]:
        """One change: one unit of work, one commit, one undo step (described by
        ``describe``; none when ``None`` or when nothing changed), one announcement.

        ``merge``: a change with the same key as the newest undo step joins that step (the
        form's autosave: one step for a whole session of typing). ``announce=False``: the
        screens are not told (nothing they show changed). Inside another change, this one
        joins it: the outer change commits, records and announces.
        """
        if self._open is not None and self._owner == threading.get_ident():
            yield self._open
            return
        with self._gate:
            self.company  # noqa: B018 (read once before the first change)
            start = self._company
            versions = dict(self._versions)
            journal_merge = self._journal_merge  # put back too: a retried change journals
            with self.database.unit_of_work() as uow:
                change = Change(uow, describe, merge, announce)
                self._open, self._owner = change, threading.get_ident()
                try:
                    yield change
                    self._journal(change)
                    uow.commit()
                except BaseException:
                    self._company = start
                    self._versions = versions
                    self._journal_merge = journal_merge
                    raise
                finally:
                    self._open, self._owner = None, None
            self._finish(change)

    @property
    def in_change(self) -> bool:
        """Whether this thread is inside an open change (which a new one would join)."""
        return self._open is not None and self._owner == threading.get_ident()

    def _journal(self, change: Change) -> None:
        """Add the change to the journal of changes, in its unit of work: who, when,
        what and about which employees. A session of typing in a form (changes that merge)
        is one entry, as it is one undo step."""
        edits = [edit for edit in change.edits if edit.before != edit.after]
        if not edits and change.journal_action is None:
            return
        if change.merge is not None and change.merge == self._journal_merge:
            return
        self._journal_merge = change.merge
        employees = sorted(
            {
                part.ref
                for edit in edits
                for part in (edit.before, edit.after)
                if isinstance(part, Employee)
            }
            | set(change.journal_employees)
        )
        action = change.journal_action
        if action is None and change.describe is not None:
            action = change.describe()
        if action is None:
            action = _("changes to {count} employees").format(count=len(employees))
        change.store.append_to_journal(
            datetime.now(UTC).isoformat(timespec="seconds"),
            system_user(),
            self.user_name,
            action,
            tuple(employees),
        )

    def journal(self, employee_ref: str | None = None) -> list[AuditEntry]:
        """The journal of changes, first to last (about ``employee_ref`` only, when given)."""
        with self.reading() as store:
            return store.journal(employee_ref)

    def _finish(self, change: Change) -> None:
        self.commits += 1
        edits = [edit for edit in change.edits if edit.before != edit.after]
        if edits and change.describe is not None and not self._replaying:
            self.history.record(Step(change.describe, tuple(edits), change.merge))
        if change.announce:
            self.announce()

    def announce(self) -> None:
        """Tell the screens the file changed (they read the company again)."""
        self.version += 1
        for listener in list(self._listeners):
            listener()

    # -- other programs' changes on a server (services/live.py) ---------------------------
    def watch(self, arrived: Callable[[Arrival], None]) -> Watch | None:
        """Call ``arrived`` (on another thread) when another program commits a change to
        this database; ``None`` for a file. ``Watch.stop`` stops it."""
        from entretien_desktop.services.live import watch  # noqa: PLC0415

        return watch(self, arrived)

    def take_company(self, company: Company | None, commits: int) -> bool:
        """Keep ``company``, read by ``read_company`` after another program's change while
        this workspace had committed ``commits`` changes, and announce it; refused (False,
        nothing changed) when this workspace committed a change since: read it again."""
        with self._gate:
            if self.commits != commits or self._open is not None:
                return False
            self._company, self._loaded = company, True
            # The versions read with it: the next write checks against what is shown now.
            # Not that read's (another read ran meanwhile): the older ones stay, and a write
            # is refused as stale rather than taken as read.
            versions = self._versions_read_with(company)
            if versions is not None:
                self._versions = versions
        self.announce()
        return True

    def _set(self, company: Company) -> None:
        self._company, self._loaded = company, True

    def _edit(
        self,
        key: Hashable,
        before: object,
        after: object,
        put: Callable[[Any, Any], None],
    ) -> None:
        """Remember, for the undo step of the open change, a part changed from ``before``
        to ``after``; ``put(expected, target)`` puts it back."""
        assert self._open is not None
        self._open.edits.append(Edit(key, before, after, put))

    # -- versions (storage/versions.py) ---------------------------------------------------
    def _stamp_now(self) -> tuple[str, str]:
        """Who writes (the name given, else the system's user) and when, in UTC."""
        return self.user_name or system_user(), datetime.now(UTC).isoformat(timespec="seconds")

    def _checked(self, key: record_versions.Key, what: str) -> None:
        """Write ``key`` only if it is still at the version read (``StaleRecordError``,
        naming ``what``, otherwise): bump it, in the open change. A record not known at
        the reading (added since, by this program) is taken as read now."""
        assert self._open is not None
        session = self._open.uow.session
        read = self._versions.get(key)
        if read is None:
            now = record_versions.stamp(session, key)
            if now is None:
                return
            read = now.version
        by, at = self._stamp_now()
        self._versions[key] = record_versions.bump(session, key, read, by=by, at=at, what=what)

    def is_current(self, key: record_versions.Key) -> bool:
        """Whether ``key`` is stored at the version this workspace read (no other user
        wrote it since): a form taking over a claim shows the text as it is now."""
        with self.reading() as store:
            now = record_versions.stamp(store.session, key)
        return now is not None and self._versions.get(key) == now.version

    def _stamped(self, key: record_versions.Key, version: int = 1) -> None:
        """``key`` was written whole by this change (a new record): mark who and when."""
        assert self._open is not None
        by, at = self._stamp_now()
        stored = record_versions.Stamp(version, by, at)
        record_versions.put_stamp(self._open.uow.session, key, stored)
        self._versions[key] = version

    def _employee_checked(self, before: Employee) -> dict[str, record_versions.Stamp]:
        """Check that ``before`` (the employee with their interviews, as read) is still
        what the database holds, and bump the employee; the interviews' stamps as stored,
        for ``_employee_restamped``. An interview another user typed in, added or removed
        since makes the copy stale: the employee's rewrite would undo it."""
        assert self._open is not None
        name = before.full_name
        self._checked(("employee", before.ref), name)
        session = self._open.uow.session
        stored = record_versions.interview_stamps(session, before.ref)
        what = _("The interview of {name}").format(name=name)
        mine = {i.id for i in before.interviews}
        for public_id, now in stored.items():
            read = self._versions.get(("interview", public_id))
            if public_id not in mine or (read is not None and read != now.version):
                raise record_versions.stale(session, ("interview", public_id), what)
        if mine - set(stored):
            raise StaleRecordError(what, None, None, removed=True)
        return stored

    def _employee_restamped(
        self,
        employee: Employee,
        before: Employee | None,
        stored: dict[str, record_versions.Stamp],
    ) -> None:
        """After an employee was written with their interviews (the unsigned ones are
        written again, at version 1): the employee's version follows a new number, a new
        employee is stamped as written now; each interview the change left as it was gets
        its stamp back, each one it changed or added is stamped as written now."""
        assert self._open is not None
        session = self._open.uow.session
        if before is not None and employee.ref != before.ref:
            self._versions[("employee", employee.ref)] = self._versions.pop(
                ("employee", before.ref), 1
            )
        if before is None:
            self._stamped(("employee", employee.ref))
        previous = {i.id: i for i in before.interviews} if before is not None else {}
        for interview in employee.interviews:
            key: record_versions.Key = ("interview", interview.id)
            old = stored.get(interview.id)
            if old is not None and previous.get(interview.id) == interview:
                record_versions.put_stamp(session, key, old)
                self._versions[key] = old.version
            else:
                self._stamped(key, 1 if old is None else old.version + 1)

    @contextmanager
    def reading(self) -> Iterator[CompanyRepository]:
        """The file's records, read in a unit of work that writes nothing (any thread)."""
        with self.database.unit_of_work() as uow:
            yield uow.company

    @contextmanager
    def recording(self) -> Iterator[CompanyRepository]:
        """A record kept beside the company that no screen shows and no undo takes back (a
        report issued). Any thread; committed at the end (inside an open change of this
        thread: with it)."""
        if self._open is not None and self._owner == threading.get_ident():
            yield self._open.store
            return
        with self.database.unit_of_work() as uow:
            yield uow.company
            uow.commit()

    # -- the company ----------------------------------------------------------------------
    def create_company(self, company: Company) -> None:
        """Start an empty file with ``company`` (and its employees, if any)."""
        problems = company_problems(company)
        if problems:
            raise ChangeRefused(problems)
        with self.change() as change:
            if change.store.exists():
                raise ChangeRefused([FieldProblem("name", _("This file already holds a company."))])
            change.journal_action = _("company {name} created").format(name=company.name)
            change.store.add(company)
            self._versions = record_versions.read_versions(change.uow.session)
            self._set(company)

    @retried
    def update_company(self, profile: Company) -> None:
        """Save the company's own data and settings; its employees stay as they are."""
        if not profile.name.strip():
            raise ChangeRefused([FieldProblem("name", _("The company name is required."))])
        problems = company_problems(profile)
        if problems:
            raise ChangeRefused(problems)
        with self.change(lambda: _("the company's data and settings")) as change:
            current = self.require_company()
            self._checked(record_versions.COMPANY, _("The company's data"))
            change.store.save_profile(profile)
            before, after = _profile(current), _profile(profile)
            self._edit("profile", before, after, self._put_profile_back)
            self._set(
                replace(
                    profile,
                    employees=current.employees,
                    templates=current.templates,
                    campaigns=current.campaigns,
                )
            )

    def _put_profile_back(self, expected: Company, target: Company) -> None:
        self._require_part(_profile, expected)
        self.update_company(target)

    # -- employees ------------------------------------------------------------------------
    @retried
    def save_employee(
        self,
        employee: Employee,
        replacing: str | None = None,
        *,
        based_on: Employee | None = None,
        over_theirs: bool = False,
    ) -> None:
        """Add ``employee``, or put it in place of the one numbered ``replacing``.

        ``based_on``: the copy the editor started from. What the editor left as it was is
        taken from the record as stored now, so that a form saved in the meantime (an
        interview typed in another window) is not overwritten by the editor's old copy. A
        field the editor changed that was changed since to another value too is refused
        (``StaleRecordError``, who and when) unless ``over_theirs``: the user, told, chose
        to keep their own.
        """
        name = employee.full_name
        describe = (
            (lambda: _("adding {name}").format(name=name))
            if replacing is None
            else (lambda: _("changes to {name}").format(name=name))
        )
        with self.change(describe):
            company = self.require_company()
            before = self.employee(replacing) if replacing is not None else None
            if before is not None and based_on is not None:
                if not over_theirs and _crossed(employee, based_on, before):
                    assert self._open is not None
                    raise record_versions.stale(
                        self._open.uow.session, ("employee", before.ref), name
                    )
                employee = _rebase(employee, based_on, before)
            self._write_employee(company, employee, replacing, before)

    def _write_employee(
        self, company: Company, employee: Employee, replacing: str | None, before: Employee | None
    ) -> None:
        assert self._open is not None
        problems = employee_problems(employee, company, replacing)
        if before is not None:
            problems += _signed_changes(before, employee)
        if problems:
            raise ChangeRefused(problems)
        stamps = self._employee_checked(before) if before is not None else {}
        self._open.store.put_employee(employee, replacing)
        self._employee_restamped(employee, before, stamps)
        if replacing is None:
            employees = (*company.employees, employee)
        else:
            employees = tuple(employee if e.ref == replacing else e for e in company.employees)
            if employee.ref != replacing:
                employees = tuple(
                    replace(e, manager_ref=employee.ref) if e.manager_ref == replacing else e
                    for e in employees
                )
        self._edit(("employee", employee.ref), before, employee, self._put_employee_back)
        self._set(replace(company, employees=employees))

    @retried
    def update_employee(self, /, ref: str, describe: Describe, **fields: Any) -> Employee:
        """Change some fields of the employee numbered ``ref`` as stored now; returns the
        employee as saved."""
        with self.change(describe):
            current = self.employee(ref)
            updated = replace(current, **fields)
            self._write_employee(self.require_company(), updated, ref, current)
            return updated

    @retried
    def import_employees(
        self,
        employees: Sequence[tuple[Employee, Employee | None]],
        describe: Describe,
        action: str,
    ) -> None:
        """Add or replace many employees, each with the record it replaces (``None``: a new
        one), in one change: one commit, one undo step, one entry of the journal
        (``action``). They are checked together against the company they make, with the
        employee dialog's rules; a record changed since they were read is refused. A
        manager comes before those they manage (services/sheet_import.py orders them)."""
        with self.change(describe) as change:
            company = self.require_company()
            stored = {e.ref: e for e in company.employees}
            for _employee, before in employees:
                if before is not None and stored.get(before.ref) != before:
                    message = _("{name} has changed since the file was read: read it again.")
                    raise refusal(message.format(name=before.full_name))
            after = company_with(company, employees)
            problems: list[FieldProblem] = []
            for employee, before in employees:
                problems += employee_problems(employee, after, employee.ref)
                if before is not None:
                    problems += _signed_changes(before, employee)
            if problems:
                raise ChangeRefused(problems)
            change.journal_action = action
            stamps = {
                before.ref: self._employee_checked(before)
                for _employee, before in employees
                if before is not None
            }
            change.store.put_employees(
                [(e, None if before is None else before.ref) for e, before in employees]
            )
            for employee, before in employees:
                self._employee_restamped(
                    employee, before, stamps.get(before.ref, {}) if before else {}
                )
                self._edit(("employee", employee.ref), before, employee, self._put_employee_back)
            self._set(after)

    def record_exit(self, ref: str, exit_date: date) -> None:
        name = self.employee(ref).full_name
        self.update_employee(
            ref, lambda: _("changes to {name}").format(name=name), exit_date=exit_date
        )

    def forget_employees(self, refs: Collection[str]) -> None:
        """The employees numbered ``refs`` were deleted for good in the open change (a purge
        past retention, services/retention.py): the copy in memory follows (those they
        managed keep no manager), and the undo history is cleared, so that no undo or redo
        can bring them back."""
        assert self._open is not None
        company = self.require_company()
        gone = set(refs)
        employees = tuple(
            replace(e, manager_ref=None) if e.manager_ref in gone else e
            for e in company.employees
            if e.ref not in gone
        )
        self._set(replace(company, employees=employees))
        self.history.clear()

    # -- interviews -----------------------------------------------------------------------
    @retried
    def put_interview(
        self,
        ref: str,
        interview: Interview,
        *,
        announce: bool = True,
    ) -> None:
        """Add ``interview`` to the employee numbered ``ref``, or replace the one with its id.

        A signed interview is what both people signed: it is never changed (a new version
        would be an amendment); only the decisions on its training requests may follow.
        Signing itself is final: it is not undone. Nothing is written (and no undo step
        made) when the interview is already stored as it is.
        """
        name = self.employee(ref).full_name
        with self.change(lambda: _("the interview of {name}").format(name=name), announce=announce):
            self._write_interview(ref, interview)

    @retried
    def update_interview(
        self,
        ref: str,
        interview_id: str,
        step: Callable[[Interview], Interview],
        *,
        describe: Describe | None = None,
        announce: bool = True,
        merge: Hashable | None = None,
    ) -> Interview:
        """Apply ``step`` to the interview as stored in the file now (not to a copy a
        screen holds) and save it; returns the interview as saved."""
        name = self.employee(ref).full_name
        if describe is None:
            describe = lambda: _("the interview of {name}").format(name=name)  # noqa: E731
        with self.change(describe, announce=announce, merge=merge) as change:
            stored = change.store.interview(interview_id)
            if stored is None or stored[0] != ref:
                raise refusal(_("This interview is no longer in the file."))
            updated = step(stored[1])
            self._write_interview(ref, updated)
            return updated

    def _write_interview(self, ref: str, interview: Interview) -> None:
        assert self._open is not None
        employee = self.employee(ref)
        current = next((i for i in employee.interviews if i.id == interview.id), None)
        if current == interview:
            return
        problems = interview_problems(interview)
        if problems:
            raise ChangeRefused(problems)
        if (
            current is not None
            and current.signed_on is not None
            and not same_signed_content(current, interview)
        ):
            raise ChangeRefused(
                [FieldProblem("signed_on", _("A signed interview cannot be changed."))]
            )
        key: record_versions.Key = ("interview", interview.id)
        if current is not None:
            self._checked(key, _("The interview of {name}").format(name=employee.full_name))
        self._open.store.put_interview(ref, interview)
        if current is None:
            self._stamped(key)
        if current is None:
            interviews = (*employee.interviews, interview)
        else:
            interviews = tuple(
                interview if i.id == interview.id else i for i in employee.interviews
            )
        updated = replace(employee, interviews=interviews)
        company = self.require_company()
        self._set(
            replace(
                company, employees=tuple(updated if e.ref == ref else e for e in company.employees)
            )
        )
        signing = interview.signed_on is not None and (current is None or current.signed_on is None)
        if not signing:  # signing is final: it is not undone
            self._edit(("employee", ref), employee, updated, self._put_employee_back)

    # -- templates, campaigns -------------------------------------------------------------
    @retried
    def save_templates(self, templates: Sequence[Template]) -> None:
        """Replace the company's own interview templates. A template that an interview
        was filled with cannot be removed (its reports would lose their questions)."""
        from entretien_desktop.services.templates import removal_problem  # noqa: PLC0415

        with self.change(lambda: _("the interview templates")) as change:
            company = self.require_company()
            problem = removal_problem(company, templates)
            if problem is not None:
                raise refusal(problem)
            problems = template_problems(templates)
            if problems:
                raise ChangeRefused(problems)
            before, after = company.templates, tuple(templates)
            self._checked(record_versions.COMPANY, _("The company's data"))
            change.store.save_templates(after)
            self._edit("templates", before, after, self._put_templates_back)
            self._set(replace(company, templates=after))

    def _put_templates_back(
        self, expected: tuple[Template, ...], target: tuple[Template, ...]
    ) -> None:
        self._require_part(_templates, expected)
        self.save_templates(target)

    @retried
    def save_campaigns(self, campaigns: Sequence[Campaign]) -> None:
        problems = campaign_problems(campaigns)
        if problems:
            raise ChangeRefused(problems)
        with self.change(lambda: _("the campaigns")) as change:
            company = self.require_company()
            before, after = company.campaigns, tuple(campaigns)
            self._checked(record_versions.COMPANY, _("The company's data"))
            change.store.save_campaigns(after)
            self._edit("campaigns", before, after, self._put_campaigns_back)
            self._set(replace(company, campaigns=after))

    def _put_campaigns_back(
        self, expected: tuple[Campaign, ...], target: tuple[Campaign, ...]
    ) -> None:
        self._require_part(_campaigns, expected)
        self.save_campaigns(target)

    # -- undo -----------------------------------------------------------------------------
    def undo(self) -> str:
        """Undo the latest change, in one unit of work; returns what it was.
        ``ChangeRefused`` when the file no longer is as that change left it (then nothing
        older can be undone either)."""
        with self._replay() as change:
            what = self.history.undo().describe()
            change.journal_action = _("Undo: {what}").format(what=what)
            return what

    def redo(self) -> str:
        with self._replay() as change:
            what = self.history.redo().describe()
            change.journal_action = _("Redo: {what}").format(what=what)
            return what

    @contextmanager
    def _replay(self) -> Iterator[Change]:
        self._replaying = True
        try:
            with self.change() as change:  # one unit of work; no step of its own
                yield change
        finally:
            self._replaying = False

    def _require_part(self, part: Callable[[Company], object], expected: object) -> None:
        if part(self.require_company()) != expected:
            raise refusal(_("The data changed since: this can no longer be undone."))

    def _put_employee_back(self, expected: Employee | None, target: Employee | None) -> None:
        """Make the employee ``target`` again (``None``: no such employee) if they are still
        ``expected``."""
        company = self.require_company()
        refs = {e.ref: e for e in company.employees}
        shown = expected or target
        assert shown is not None
        name = shown.full_name
        if (expected is None and target is not None and target.ref in refs) or (
            expected is not None and refs.get(expected.ref) != expected
        ):
            message = _("{name} has changed since: this can no longer be undone.")
            raise refusal(message.format(name=name))
        if target is None:
            assert expected is not None
            self._remove_employee(expected)
        elif expected is None:
            self.save_employee(target)
        else:
            self.save_employee(target, replacing=expected.ref)

    def _remove_employee(self, employee: Employee) -> None:
        """Take back the adding of ``employee`` (an undo only)."""
        with self.change() as change:
            company = self.require_company()
            if any(i.signed_on is not None for i in employee.interviews):
                message = _("{name} has signed interviews: the employee cannot be removed.")
                raise refusal(message.format(name=employee.full_name))
            managed = next((e for e in company.employees if e.manager_ref == employee.ref), None)
            if managed is not None:
                message = _("{name} is the manager of {other}: the employee cannot be removed.")
                raise refusal(message.format(name=employee.full_name, other=managed.full_name))
            self._checked(("employee", employee.ref), employee.full_name)
            change.store.remove_employee(employee.ref)
            employees = tuple(e for e in company.employees if e.ref != employee.ref)
            self._set(replace(company, employees=employees))


def company_with(
    company: Company, employees: Iterable[tuple[Employee, Employee | None]]
) -> Company:
    """``company`` with ``employees`` added or put in place of the record each replaces (a
    renumbered employee's team follows the new number)."""
    pairs = list(employees)
    replaced = {before.ref: e for e, before in pairs if before is not None}
    renamed = {old: new.ref for old, new in replaced.items() if new.ref != old}
    result = [replaced.get(e.ref, e) for e in company.employees]
    result += [e for e, before in pairs if before is None]
    if renamed:
        result = [
            replace(e, manager_ref=renamed[e.manager_ref]) if e.manager_ref in renamed else e
            for e in result
        ]
    return replace(company, employees=tuple(result))


def _profile(company: Company) -> Company:
    """The company's own data and settings, without its employees, templates, campaigns."""
    return replace(company, employees=(), templates=(), campaigns=())


def _templates(company: Company) -> tuple[Template, ...]:
    return company.templates


def _campaigns(company: Company) -> tuple[Campaign, ...]:
    return company.campaigns


def _rebase(edited: Employee, based_on: Employee, current: Employee) -> Employee:
    """``edited`` made from ``based_on``, applied to ``current``: each field the editor
    left as it found it is taken from ``current``; in a list of interviews the editor
    changed, each interview it left alone is taken from ``current`` too, and each one it
    changed keeps from ``current`` what the editor did not touch (answers typed since)."""
    rebased = _unchanged_from(edited, based_on, current)
    if edited.interviews != based_on.interviews:
        interviews = _rebase_interviews(edited.interviews, based_on.interviews, current.interviews)
        rebased = replace(rebased, interviews=interviews)
    return rebased


def _crossed(edited: Employee, based_on: Employee, current: Employee) -> bool:
    """Whether the editor changed a field of the employee (their interviews aside, merged
    answer by answer) that someone else changed too, to another value, since the editor's
    copy was read: taking either would silently drop the other's change."""
    return any(
        getattr(edited, f.name) != getattr(based_on, f.name)
        and getattr(current, f.name) != getattr(based_on, f.name)
        and getattr(edited, f.name) != getattr(current, f.name)
        for f in fields(edited)
        if f.name != "interviews"
    )


def _unchanged_from(edited: Record, based_on: Record, current: Record) -> Record:
    """``edited`` with each field equal in ``based_on`` taken from ``current``."""
    unchanged = {
        f.name: getattr(current, f.name)
        for f in fields(edited)
        if getattr(edited, f.name) == getattr(based_on, f.name)
    }
    return replace(edited, **unchanged)


def _rebase_interviews(
    edited: tuple[Interview, ...], based_on: tuple[Interview, ...], current: tuple[Interview, ...]
) -> tuple[Interview, ...]:
    before = {i.id: i for i in based_on}
    after = {i.id: i for i in edited}
    kept = []
    for stored in current:
        old, new = before.get(stored.id), after.get(stored.id)
        if old is not None and new is None:
            continue  # removed by the editor
        if old is not None and new is not None and new != old:
            kept.append(_unchanged_from(new, old, stored))
        else:
            kept.append(stored)
    stored_ids = {i.id for i in current}
    added = [i for i in edited if i.id not in before and i.id not in stored_ids]
    return (*kept, *added)


def _signed_changes(before: Employee, after: Employee) -> list[FieldProblem]:
    """A signed interview dropped or changed by an edit of the employee (only the decisions
    on its training requests may change)."""
    kept = {i.id: i for i in after.interviews}
    for interview in before.interviews:
        if interview.signed_on is None:
            continue
        now = kept.get(interview.id)
        if now is None or not same_signed_content(now, interview):
            message = _("A signed interview cannot be changed or removed; record an amendment.")
            return [FieldProblem("interviews", message)]
    return []


def same_signed_content(one: Interview, other: Interview) -> bool:
    """Whether two versions of an interview agree on all a signature covers: everything
    but the decisions on its training requests, which may follow the signature."""
    return replace(one, follow_up=None) == replace(other, follow_up=None)
