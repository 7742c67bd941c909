"""Reading a company file: every problem found, with its JSON path, before anything is kept.

``read_company_document`` walks the whole document and collects each problem (wrong type,
impossible date, unknown value, missing field, duplicate number, dangling reference, dates
in the wrong order) instead of stopping at the first, so the user fixes them in one go.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from babel import Locale

from entretien_desktop.domain import (
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
)
from entretien_desktop.domain.model import SETTING_DEFAULTS
from entretien_desktop.i18n import _

FORMAT_TAG = "entretien-desktop/1"
ROOT = "$"

_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANGUAGE_SHAPE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,4})?$")
_COUNTRIES = frozenset(code for code in Locale("en").territories if code.isalpha())

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
_MISSING = object()


@dataclass(frozen=True, slots=True)
class Problem:
    """One refused place of a document: ``path`` such as ``employees[3].hire_date``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DocumentRefused(Exception):
    """The document cannot be imported; ``problems`` lists every reason, in document order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class _Reader:
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- fields -------------------------------------------------------------------------
    def value(self, obj: dict[str, Any], key: str, path: str, *, required: bool) -> Any:
        if key not in obj:
            if required:
                self.problem(_join(path, key), _("required field is missing"))
            return _MISSING
        return obj[key]

    def text(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool = False, default: str = ""
    ) -> str:
        raw = self.value(obj, key, path, required=required)
        if raw is _MISSING or (raw is None and not required):
            return default
        if not isinstance(raw, str):
            self.problem(
                _join(path, key), _("expected text, found {found}").format(found=_kind(raw))
            )
            return default
        if required and not raw.strip():
            self.problem(_join(path, key), _("must not be empty"))
        return raw

    def optional_text(self, obj: dict[str, Any], key: str, path: str) -> str | None:
        raw = self.value(obj, key, path, required=False)
        if raw is _MISSING or raw is None:
            return None
        if not isinstance(raw, str):
            self.problem(
                _join(path, key), _("expected text, found {found}").format(found=_kind(raw))
            )
            return None
        return raw or None

    def date(self, obj: dict[str, Any], key: str, path: str, *, required: bool) -> date | None:
        raw = self.value(obj, key, path, required=required)
        if raw is _MISSING:
            return None
        if raw is None:
            if required:
                self.problem(_join(path, key), _("a date is required here"))
            return None
        if not isinstance(raw, str) or not _DATE_SHAPE.match(raw):
            self.problem(
                _join(path, key),
                _("invalid date {value}: expected YYYY-MM-DD").format(value=_show(raw)),
            )
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.problem(_join(path, key), _("impossible date {value}").format(value=_show(raw)))
            return None

    def choice(
        self, obj: dict[str, Any], key: str, path: str, enum: type[E], *, default: E | None = None
    ) -> E | None:
        raw = self.value(obj, key, path, required=default is None)
        if raw is _MISSING:
            return default
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.problem(
                _join(path, key),
                _("unknown value {value}; expected one of: {allowed}").format(
                    value=_show(raw), allowed=allowed
                ),
            )
            return None

    def integer(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool, minimum: int = 0
    ) -> int | None:
        raw = self.value(obj, key, path, required=required)
        if raw is _MISSING or (raw is None and not required):
            return None
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.problem(
                _join(path, key),
                _("expected a whole number, found {found}").format(found=_show(raw)),
            )
            return None
        if raw < minimum:
            self.problem(
                _join(path, key),
                _("must be at least {minimum}, found {value}").format(minimum=minimum, value=raw),
            )
            return None
        return raw

    def number(self, obj: dict[str, Any], key: str, path: str) -> float:
        raw = self.value(obj, key, path, required=False)
        if raw is _MISSING or raw is None:
            return 0
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.problem(
                _join(path, key), _("expected a number, found {found}").format(found=_show(raw))
            )
            return 0
        if raw < 0:
            self.problem(
                _join(path, key), _("must not be negative, found {value}").format(value=raw)
            )
            return 0
        return raw

    def flag(self, obj: dict[str, Any], key: str, path: str) -> bool:
        raw = self.value(obj, key, path, required=False)
        if raw is _MISSING or raw is None:
            return False
        if not isinstance(raw, bool):
            self.problem(
                _join(path, key),
                _("expected true or false, found {found}").format(found=_show(raw)),
            )
            return False
        return raw

    def obj(self, raw: Any, path: str) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.problem(path, _("expected an object, found {found}").format(found=_kind(raw)))
            return None
        return raw

    def items(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        read_one: Callable[[dict[str, Any], str], T | None],
    ) -> tuple[T, ...]:
        raw = self.value(obj, key, path, required=False)
        if raw is _MISSING or raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(
                _join(path, key), _("expected a list, found {found}").format(found=_kind(raw))
            )
            return ()
        result = []
        for index, item in enumerate(raw):
            item_path = f"{_join(path, key)}[{index}]"
            item_obj = self.obj(item, item_path)
            if item_obj is not None:
                read = read_one(item_obj, item_path)
                if read is not None:
                    result.append(read)
        return tuple(result)

    def ordered(self, first: date | None, last: date | None, path: str, message: str) -> bool:
        if first is not None and last is not None and last < first:
            self.problem(path, message.format(first=first.isoformat(), last=last.isoformat()))
            return False
        return True


def _join(path: str, key: str) -> str:
    return key if path == ROOT else f"{path}.{key}"


def _kind(raw: Any) -> str:
    names = {
        dict: _("an object"),
        list: _("a list"),
        str: _("text"),
        bool: _("true/false"),
        int: _("a number"),
        float: _("a number"),
        type(None): _("null"),
    }
    return names.get(type(raw), type(raw).__name__)


def _show(raw: Any) -> str:
    return json.dumps(raw, ensure_ascii=False)


# -- document parts ---------------------------------------------------------------------


def _read_company(r: _Reader, raw: dict[str, Any], path: str) -> dict[str, Any]:
    name = r.text(raw, "name", path, required=True)
    country = r.text(raw, "country", path, required=True)
    if country and country not in _COUNTRIES:
        r.problem(
            _join(path, "country"),
            _("unknown country code {value}; expected an ISO 3166 code such as FR").format(
                value=_show(country)
            ),
        )
    headcount = r.integer(raw, "headcount", path, required=True)
    headcount_date = r.date(raw, "headcount_date", path, required=False)
    agreement = None
    agreement_raw = raw.get("interview_agreement")
    if agreement_raw is not None:
        agreement = _read_agreement(r, agreement_raw, _join(path, "interview_agreement"))
    policies = r.items(raw, "policies", path, lambda o, p: _read_policy(r, o, p))
    settings = _read_settings(r, raw.get("settings"), _join(path, "settings"))
    return {
        "name": name,
        "country": country,
        "headcount": headcount or 0,
        "headcount_date": headcount_date,
        "interview_agreement": agreement,
        "policies": policies,
        "settings": settings,
    }


def _read_agreement(r: _Reader, raw: Any, path: str) -> InterviewAgreement | None:
    obj = r.obj(raw, path)
    if obj is None:
        return None
    months = r.integer(obj, "periodicity_months", path, required=True, minimum=1)
    since = r.date(obj, "since", path, required=True)
    until = r.date(obj, "until", path, required=False)
    r.ordered(
        since,
        until,
        _join(path, "until"),
        _("the agreement ends ({last}) before it starts ({first})"),
    )
    if months is None or since is None:
        return None
    return InterviewAgreement(months, since, until)


def _read_policy(r: _Reader, obj: dict[str, Any], path: str) -> Policy | None:
    kind = r.choice(obj, "kind", path, PolicyKind)
    months = r.integer(obj, "every_months", path, required=True, minimum=1)
    return None if kind is None or months is None else Policy(kind, months)


def _read_settings(r: _Reader, raw: Any, path: str) -> Settings:
    if raw is None:
        return Settings()
    obj = r.obj(raw, path)
    if obj is None:
        return Settings()
    chosen: dict[str, int | bool] = {}
    for name, default in SETTING_DEFAULTS.items():
        if name not in obj or obj[name] is None:
            continue
        if isinstance(default, bool):
            chosen[name] = r.flag(obj, name, path)
        else:
            value = r.integer(obj, name, path, required=False)
            if value is not None:
                chosen[name] = value
    return Settings(**chosen)  # type: ignore[arg-type]


def _read_leave(r: _Reader, obj: dict[str, Any], path: str) -> Leave | None:
    kind = r.choice(obj, "kind", path, LeaveKind)
    start = r.date(obj, "start", path, required=True)
    end = r.date(obj, "end", path, required=False)
    ordered = r.ordered(
        start, end, _join(path, "end"), _("the leave ends ({last}) before it starts ({first})")
    )
    if kind is None or start is None or not ordered:
        return None
    return Leave(kind, start, end)


def _read_interview(r: _Reader, obj: dict[str, Any], path: str) -> Interview | None:
    interview_id = r.text(obj, "id", path, required=True)
    kind = r.choice(obj, "kind", path, InterviewKind)
    status = r.choice(obj, "status", path, InterviewStatus)
    held_on = r.date(obj, "date", path, required=False)
    invited_on = r.date(obj, "invited_on", path, required=False)
    signed_on = r.date(obj, "signed_on", path, required=False)
    fingerprint = r.optional_text(obj, "fingerprint", path)
    answers = obj.get("answers")
    if answers is not None and not isinstance(answers, dict):
        r.problem(
            _join(path, "answers"),
            _("expected an object, found {found}").format(found=_kind(answers)),
        )
        answers = None
    if status is InterviewStatus.HELD and obj.get("date") is None:
        r.problem(_join(path, "date"), _("a held interview needs the date it was held"))
    if kind is None or status is None or not interview_id:
        return None
    return Interview(
        id=interview_id,
        kind=kind,
        status=status,
        date=held_on,
        invited_on=invited_on,
        answers=answers,
        signed_on=signed_on,
        fingerprint=fingerprint,
    )


def _read_training(r: _Reader, obj: dict[str, Any], path: str) -> Training | None:
    title = r.text(obj, "title", path, required=True)
    start = r.date(obj, "start", path, required=True)
    end = r.date(obj, "end", path, required=False)
    r.ordered(
        start, end, _join(path, "end"), _("the training ends ({last}) before it starts ({first})")
    )
    hours = r.number(obj, "hours", path)
    mandatory = r.flag(obj, "mandatory", path)
    certification = r.flag(obj, "certification", path)
    if start is None:
        return None
    return Training(title, start, end, hours, mandatory, certification)


def _read_certification(r: _Reader, obj: dict[str, Any], path: str) -> Certification | None:
    title = r.text(obj, "title", path, required=True)
    obtained = r.date(obj, "date", path, required=True)
    via = r.text(obj, "via", path)
    return None if obtained is None else Certification(title, obtained, via)


def _read_progression(r: _Reader, obj: dict[str, Any], path: str) -> Progression | None:
    when = r.date(obj, "date", path, required=True)
    kind = r.text(obj, "kind", path, required=True)
    note = r.text(obj, "note", path)
    return None if when is None else Progression(when, kind, note)


def _read_medical_visit(r: _Reader, obj: dict[str, Any], path: str) -> MedicalVisit | None:
    kind = r.choice(obj, "kind", path, MedicalVisitKind)
    when = r.date(obj, "date", path, required=True)
    return None if kind is None or when is None else MedicalVisit(kind, when)


def _read_employee(r: _Reader, obj: dict[str, Any], path: str) -> Employee | None:
    ref = r.text(obj, "ref", path, required=True)
    first_name = r.text(obj, "first_name", path, required=True)
    last_name = r.text(obj, "last_name", path, required=True)
    birth_date = r.date(obj, "birth_date", path, required=False)
    hire_date = r.date(obj, "hire_date", path, required=True)
    exit_date = r.date(obj, "exit_date", path, required=False)
    r.ordered(
        hire_date,
        exit_date,
        _join(path, "exit_date"),
        _("the exit date ({last}) is before the hire date ({first})"),
    )
    r.ordered(
        birth_date,
        hire_date,
        _join(path, "hire_date"),
        _("the hire date ({last}) is before the birth date ({first})"),
    )
    contract = r.choice(obj, "contract", path, Contract)
    working_time = r.choice(obj, "working_time", path, WorkingTime, default=WorkingTime.FULL_TIME)
    language = r.text(obj, "language", path, default="fr") or "fr"
    if not _LANGUAGE_SHAPE.match(language):
        r.problem(
            _join(path, "language"),
            _("unknown language code {value}; expected a code such as fr").format(
                value=_show(language)
            ),
        )
    employee = {
        "ref": ref,
        "first_name": first_name,
        "last_name": last_name,
        "birth_date": birth_date,
        "exit_date": exit_date,
        "job_title": r.text(obj, "job_title", path),
        "department": r.text(obj, "department", path),
        "site": r.text(obj, "site", path),
        "manager_ref": r.optional_text(obj, "manager_ref", path),
        "language": language,
        "leaves": r.items(obj, "leaves", path, lambda o, p: _read_leave(r, o, p)),
        "interviews": r.items(obj, "interviews", path, lambda o, p: _read_interview(r, o, p)),
        "trainings": r.items(obj, "trainings", path, lambda o, p: _read_training(r, o, p)),
        "certifications": r.items(
            obj, "certifications", path, lambda o, p: _read_certification(r, o, p)
        ),
        "progressions": r.items(obj, "progressions", path, lambda o, p: _read_progression(r, o, p)),
        "medical_visits": r.items(
            obj, "medical_visits", path, lambda o, p: _read_medical_visit(r, o, p)
        ),
    }
    if hire_date is None or contract is None or working_time is None:
        return None
    return Employee(hire_date=hire_date, contract=contract, working_time=working_time, **employee)


def _check_references(r: _Reader, employees: list[tuple[str, Employee]]) -> None:
    first_ref: dict[str, str] = {}
    first_interview: dict[str, str] = {}
    for path, employee in employees:
        if employee.ref in first_ref:
            r.problem(
                _join(path, "ref"),
                _("employee number {ref} is already used by {other}").format(
                    ref=_show(employee.ref), other=first_ref[employee.ref]
                ),
            )
        else:
            first_ref.setdefault(employee.ref, path)
    for path, employee in employees:
        manager = employee.manager_ref
        if manager is not None:
            if manager not in first_ref:
                r.problem(
                    _join(path, "manager_ref"),
                    _("no employee has the number {ref}").format(ref=_show(manager)),
                )
            elif manager == employee.ref:
                r.problem(_join(path, "manager_ref"), _("an employee cannot be their own manager"))
        for index, interview in enumerate(employee.interviews):
            interview_path = f"{path}.interviews[{index}].id"
            if interview.id in first_interview:
                r.problem(
                    interview_path,
                    _("interview id {id} is already used by {other}").format(
                        id=_show(interview.id), other=first_interview[interview.id]
                    ),
                )
            else:
                first_interview[interview.id] = interview_path


def read_company_document(data: bytes) -> Company:
    """The company a company file describes; raises ``DocumentRefused`` listing every problem."""
    r = _Reader()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        r.problem(
            ROOT,
            _("the file is not UTF-8 text (invalid byte at position {position})").format(
                position=error.start
            ),
        )
        raise DocumentRefused(r.problems) from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        r.problem(
            ROOT,
            _("the file is not valid JSON: {reason} at line {line}, column {column}").format(
                reason=error.msg, line=error.lineno, column=error.colno
            ),
        )
        raise DocumentRefused(r.problems) from error
    root = r.obj(document, ROOT)
    if root is None:
        raise DocumentRefused(r.problems)
    tag = r.value(root, "format", ROOT, required=True)
    if tag is not _MISSING and tag != FORMAT_TAG:
        r.problem(
            "format",
            _("unsupported format {value}; expected {expected}").format(
                value=_show(tag), expected=_show(FORMAT_TAG)
            ),
        )
    company_raw = r.value(root, "company", ROOT, required=True)
    company_obj = None if company_raw is _MISSING else r.obj(company_raw, "company")
    company_fields = _read_company(r, company_obj, "company") if company_obj is not None else None

    employees: list[tuple[str, Employee]] = []
    raw_employees = root.get("employees", [])
    if not isinstance(raw_employees, list):
        r.problem(
            "employees", _("expected a list, found {found}").format(found=_kind(raw_employees))
        )
        raw_employees = []
    for index, raw in enumerate(raw_employees):
        path = f"employees[{index}]"
        obj = r.obj(raw, path)
        if obj is not None:
            employee = _read_employee(r, obj, path)
            if employee is not None:
                employees.append((path, employee))
    _check_references(r, employees)
    if r.problems or company_fields is None:
        raise DocumentRefused(r.problems)
    return Company(employees=tuple(e for _path, e in employees), **company_fields)
