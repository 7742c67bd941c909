"""An open data file as the interface sees it: the company held in memory, its obligations,
and the changes that write through to the file, each checked first and announced after.

The whole company is read once; a change is written in one unit of work and, once
committed, applied to the copy in memory, so that screens never re-read the file. Listeners
(the interface's refresh signal) are called after every change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from entretien_desktop.domain import Campaign, Company, Employee, Interview
from entretien_desktop.domain.templates import Template
from entretien_desktop.i18n import _
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.employee_checks import (
    ChangeRefused,
    FieldProblem,
    employee_problems,
)
from entretien_desktop.services.obligations import ObligationsReport, company_obligations
from entretien_desktop.services.register import RegisterSummary, register_summary
from entretien_desktop.services.undo import Step, UndoHistory
from entretien_desktop.storage import Database

Listener = Callable[[], None]


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

    @property
    def path(self) -> Path:
        return self.database.path

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

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
        that a large file is read while the window is already usable (see ``adopt``)."""
        return load_company(self.database)

    def adopt(self, company: Company | None) -> None:
        """Keep a company read by ``read_company``, unless one is already held."""
        if not self._loaded:
            self._company, self._loaded = company, True

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

    def obligations(self, as_of: date | None = None) -> ObligationsReport:
        """Every obligation as of ``as_of`` (today by default), computed once per change."""
        day = as_of or self.today()
        if self._report is not None and self._report[:2] == (self.version, day):
            return self._report[2]
        report = company_obligations(self.require_company(), day)
        self._report = (self.version, day, report)
        return report

    # -- changes ------------------------------------------------------------------------
    def _changed(self, company: Company) -> None:
        self._company, self._loaded = company, True
        self.version += 1
        for listener in list(self._listeners):
            listener()

    def create_company(self, company: Company) -> None:
        """Start an empty file with ``company`` (and its employees, if any)."""
        with self.database.unit_of_work() as uow:
            if uow.company.exists():
                raise ChangeRefused([FieldProblem("name", _("This file already holds a company."))])
            uow.company.add(company)
            uow.commit()
        self._changed(company)

    def update_company(self, profile: Company) -> None:
        """Save the company's own data and settings; its employees stay as they are."""
        if not profile.name.strip():
            raise ChangeRefused([FieldProblem("name", _("The company name is required."))])
        with self.database.unit_of_work() as uow:
            uow.company.save_profile(profile)
            uow.commit()
        current = self.require_company()
        before, after = _profile(current), _profile(profile)
        self._record(
            lambda: _("the company's data and settings"),
            lambda: self._put_back(_profile, after, before, self.update_company),
            lambda: self._put_back(_profile, before, after, self.update_company),
        )
        self._changed(
            replace(
                profile,
                employees=current.employees,
                templates=current.templates,
                campaigns=current.campaigns,
            )
        )

    def save_employee(self, employee: Employee, replacing: str | None = None) -> None:
        """Add ``employee``, or put it in place of the one numbered ``replacing``."""
        company = self.require_company()
        before = self.employee(replacing) if replacing is not None else None
        problems = employee_problems(employee, company, replacing)
        if before is not None:
            problems += _signed_changes(before, employee)
        if problems:
            raise ChangeRefused(problems)
        with self.database.unit_of_work() as uow:
            uow.company.put_employee(employee, replacing)
            uow.commit()
        if replacing is None:
            employees = (*company.employees, employee)
        else:
            employees = tuple(employee if e.ref == replacing else e for e in company.employees)
            if employee.ref != replacing:
                employees = tuple(
                    replace(e, manager_ref=employee.ref) if e.manager_ref == replacing else e
                    for e in employees
                )
        name = employee.full_name
        if before is None:
            self._record_employee(lambda: _("adding {name}").format(name=name), None, employee)
        else:
            self._record_employee(
                lambda: _("changes to {name}").format(name=name), before, employee
            )
        self._changed(replace(company, employees=employees))

    def record_exit(self, ref: str, exit_date: date) -> None:
        self.save_employee(replace(self.employee(ref), exit_date=exit_date), replacing=ref)

    # -- interviews, templates, campaigns -------------------------------------------------
    def put_interview(self, ref: str, interview: Interview, *, announce: bool = True) -> None:
        """Add ``interview`` to the employee numbered ``ref``, or replace the one with its id.

        A signed interview is what both people signed: it is never changed (a new version
        would be an amendment); only the decisions on its training requests may follow.
        ``announce=False`` is for the form's autosave: the answers
        change nothing the screens show, so listeners are not called for every keystroke.
        """
        employee = self.employee(ref)
        current = next((i for i in employee.interviews if i.id == interview.id), None)
        if (
            current is not None
            and current.signed_on is not None
            and not same_signed_content(current, interview)
        ):
            raise ChangeRefused(
                [FieldProblem("signed_on", _("A signed interview cannot be changed."))]
            )
        with self.database.unit_of_work() as uow:
            uow.company.put_interview(ref, interview)
            uow.commit()
        if current is None:
            interviews = (*employee.interviews, interview)
        else:
            interviews = tuple(
                interview if i.id == interview.id else i for i in employee.interviews
            )
        updated = replace(employee, interviews=interviews)
        company = self.require_company()
        company = replace(
            company, employees=tuple(updated if e.ref == ref else e for e in company.employees)
        )
        if announce:
            # Signing is final: it is not undone. A decision on a training request of a
            # signed interview (the only change it allows) is.
            signing = interview.signed_on is not None and (
                current is None or current.signed_on is None
            )
            if not signing:
                name = employee.full_name
                self._record_employee(
                    lambda: _("the interview of {name}").format(name=name), employee, updated
                )
            self._changed(company)
        else:
            self._company = company

    def save_templates(self, templates: Sequence[Template]) -> None:
        """Replace the company's own interview templates."""
        with self.database.unit_of_work() as uow:
            uow.company.save_templates(templates)
            uow.commit()
        before, after = self.require_company().templates, tuple(templates)
        self._record(
            lambda: _("the interview templates"),
            lambda: self._put_back(_templates, after, before, self.save_templates),
            lambda: self._put_back(_templates, before, after, self.save_templates),
        )
        self._changed(replace(self.require_company(), templates=after))

    def save_campaigns(self, campaigns: Sequence[Campaign]) -> None:
        with self.database.unit_of_work() as uow:
            uow.company.save_campaigns(campaigns)
            uow.commit()
        before, after = self.require_company().campaigns, tuple(campaigns)
        self._record(
            lambda: _("the campaigns"),
            lambda: self._put_back(_campaigns, after, before, self.save_campaigns),
            lambda: self._put_back(_campaigns, before, after, self.save_campaigns),
        )
        self._changed(replace(self.require_company(), campaigns=after))

    # -- undo -----------------------------------------------------------------------------
    def undo(self) -> str:
        """Undo the latest change; returns what it was. ``ChangeRefused`` when the file no
        longer is as that change left it (then nothing older can be undone either)."""
        with self._replay():
            return self.history.undo().describe()

    def redo(self) -> str:
        with self._replay():
            return self.history.redo().describe()

    @contextmanager
    def _replay(self) -> Iterator[None]:
        self._replaying = True
        try:
            yield
        finally:
            self._replaying = False

    def _record(
        self, describe: Callable[[], str], undo: Callable[[], None], redo: Callable[[], None]
    ) -> None:
        if not self._replaying:
            self.history.record(Step(describe, undo, redo))

    def _record_employee(
        self, describe: Callable[[], str], before: Employee | None, after: Employee
    ) -> None:
        self._record(
            describe,
            lambda: self._put_employee_back(after, before),
            lambda: self._put_employee_back(before, after),
        )

    def _put_back(
        self,
        part: Callable[[Company], object],
        expected: object,
        target: object,
        save: Callable[[Any], None],
    ) -> None:
        """Save ``target`` if ``part`` of the company is still ``expected``."""
        if part(self.require_company()) != expected:
            message = _("The data changed since: this can no longer be undone.")
            raise ChangeRefused([FieldProblem("", message)])
        save(target)

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
            raise ChangeRefused([FieldProblem("", message.format(name=name))])
        if target is None:
            assert expected is not None
            self._remove_employee(expected)
        elif expected is None:
            self.save_employee(target)
        else:
            self.save_employee(target, replacing=expected.ref)

    def _remove_employee(self, employee: Employee) -> None:
        """Take back the adding of ``employee`` (an undo only)."""
        company = self.require_company()
        if any(i.signed_on is not None for i in employee.interviews):
            message = _("{name} has signed interviews: the employee cannot be removed.")
            raise ChangeRefused([FieldProblem("", message.format(name=employee.full_name))])
        managed = next((e for e in company.employees if e.manager_ref == employee.ref), None)
        if managed is not None:
            message = _("{name} is the manager of {other}: the employee cannot be removed.")
            problem = message.format(name=employee.full_name, other=managed.full_name)
            raise ChangeRefused([FieldProblem("", problem)])
        with self.database.unit_of_work() as uow:
            uow.company.remove_employee(employee.ref)
            uow.commit()
        employees = tuple(e for e in company.employees if e.ref != employee.ref)
        self._changed(replace(company, employees=employees))


def _profile(company: Company) -> Company:
    """The company's own data and settings, without its employees, templates, campaigns."""
    return replace(company, employees=(), templates=(), campaigns=())


def _templates(company: Company) -> tuple[Template, ...]:
    return company.templates


def _campaigns(company: Company) -> tuple[Campaign, ...]:
    return company.campaigns


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
