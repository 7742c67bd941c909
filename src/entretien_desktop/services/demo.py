"""The demo company, read from ``resources/demo/company.json`` with its dates counted from
``today``, so that it never goes stale.

"Menuiserie Duval SARL", a joinery of 62 employees (legal headcount) on two sites: the 25
people listed each carry a story (the ``story`` field of each employee in the file) chosen
so that, as of ``today``, the obligations of domain.md section 4 show every status:
overdue, due soon, upcoming, satisfied, not applicable, with money at stake on one summary
review. Their interviews have filled forms, signatures, training requests and their
decisions, action plans and what came of them; the workshop runs a campaign of annual
reviews. The content is data, not interface text: it is French and not translated.

The file is a company file (docs/company-file.md) whose dates are tokens such as
``{today-P3M workday}``, written in ``resources/demo/README.md`` and read by ``token_date``.
``build_demo_company`` replaces them for ``today`` and then reads the document through the
company file's reader, so the demo passes the checks of every import. Signed interviews get
their fingerprint once read: what they say changes with ``today``, so the file cannot hold it.
The same ``today`` always gives the same company.

Its skills map, a joinery's (machines, finishing, installation, safety licences), is kept
in ``resources/demo/skills.json`` and added to the document before it is read: each level
and request names the employee it belongs to, and their history is told over the years
so that the matrix and its risks show every kind of gap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from babel.dates import format_date

from entretien_desktop.domain import Company, Employee
from entretien_desktop.paths import resources_dir
from entretien_desktop.rules.calendar import add_months, days_in_month
from entretien_desktop.services.company_reader import DocumentRefused, read_company_document
from entretien_desktop.services.json_reader import ROOT, Problem, join_path
from entretien_desktop.services.signing import fingerprint

DEMO_COMPANY_NAME = "Menuiserie Duval SARL"

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_STEP = re.compile(
    r"\s*(?:"
    r"(?P<sign>[+-])P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<days>\d+)D)?"
    r"|(?P<workday>workday)"
    r"|on day (?P<day>\d\d)"
    r"|on (?P<on_month>\d\d)-(?P<on_day>\d\d)"
    r")"
)


def _french_day(day: date) -> str:
    """A date written out in a French text (the demo's answers are French), as the reports
    write dates in sentences: ``1er mars 2026``, ``4 décembre 2025``."""
    month = format_date(day, "MMMM", locale="fr")
    return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"


_FORMATS: dict[str, Callable[[date], str]] = {
    "yyyy-mm-dd": date.isoformat,
    "dd/mm/yyyy": lambda day: f"{day.day:02d}/{day.month:02d}/{day.year}",
    "d mmmm yyyy": _french_day,
    "yyyy": lambda day: str(day.year),
}


class DemoDataError(Exception):
    """The demo file is broken: a fault of the program, not of the user's data, so not a
    ``UserError``; ``problems`` names each place by its JSON path."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Step(NamedTuple):
    """A shift by ``months`` then ``days``; the working day on or after (``workday``); or
    the day ``day`` of month ``month`` (0: the month reached so far) in the year reached."""

    kind: str
    months: int = 0
    days: int = 0
    month: int = 0
    day: int = 0


def workday(day: date) -> date:
    """The next Monday for a Saturday or a Sunday: interviews are held on working days."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


@lru_cache(maxsize=4096)
def _steps(expression: str) -> tuple[_Step, ...]:
    """The steps of a date token without its braces, such as ``today-P3M workday``."""
    text = expression.strip()
    if not text.startswith("today"):
        raise ValueError(f"a date token starts with 'today', found {expression!r}")
    steps = []
    position = len("today")
    while position < len(text):
        match = _STEP.match(text, position)
        if match is None:
            raise ValueError(f"cannot read {text[position:].strip()!r} in {expression!r}")
        position = match.end()
        if match["workday"]:
            steps.append(_Step("workday"))
        elif match["sign"]:
            if not any(match[part] for part in ("years", "months", "days")):
                raise ValueError(f"a duration needs a number of Y, M or D in {expression!r}")
            sign = -1 if match["sign"] == "-" else 1
            months = 12 * int(match["years"] or 0) + int(match["months"] or 0)
            steps.append(_Step("shift", sign * months, sign * int(match["days"] or 0)))
        else:
            month, day = int(match["on_month"] or 0), int(match["day"] or match["on_day"])
            if not 0 <= month <= 12 or not 1 <= day <= 31 or match["on_month"] == "00":
                raise ValueError(f"no such month or day in {expression!r}")
            steps.append(_Step("on", month=month, day=day))
    return tuple(steps)


def token_date(expression: str, today: date) -> date:
    """The date a token (without its braces) names as of ``today``; ``ValueError`` when it
    cannot be read or gives no date."""
    day = today
    for step in _steps(expression):
        if step.kind == "shift":
            try:
                day = add_months(day, step.months) + timedelta(days=step.days)
            except (ValueError, OverflowError) as error:
                raise ValueError(f"{expression!r} leaves the calendar") from error
        elif step.kind == "workday":
            day = workday(day)
        else:
            month = step.month or day.month
            day = date(day.year, month, min(step.day, days_in_month(day.year, month)))
    return day


def _resolved_text(text: str, today: date) -> str:
    """``text`` with each ``{token}`` or ``{token:format}`` replaced by its date."""

    def one(match: re.Match[str]) -> str:
        expression, _colon, shape = match[1].partition(":")
        written = _FORMATS.get(shape or "yyyy-mm-dd")
        if written is None:
            raise ValueError(f"unknown date format {shape!r}; expected one of {list(_FORMATS)}")
        return written(token_date(expression, today))

    resolved = _PLACEHOLDER.sub(one, text)
    if "{" in _PLACEHOLDER.sub("", text) or "}" in _PLACEHOLDER.sub("", text):
        raise ValueError(f"a brace without its pair in {text!r}")
    return resolved


def resolve_dates(document: Any, today: date) -> Any:
    """A copy of ``document`` with every date token of its texts replaced for ``today``;
    ``DemoDataError`` lists each token that cannot be read, by its JSON path."""
    problems: list[Problem] = []

    def walk(value: Any, path: str) -> Any:
        if isinstance(value, str):
            try:
                return _resolved_text(value, today)
            except ValueError as error:
                problems.append(Problem(path, str(error)))
                return value
        if isinstance(value, list):
            return [walk(item, f"{path}[{index}]") for index, item in enumerate(value)]
        if isinstance(value, dict):
            return {key: walk(item, join_path(path, key)) for key, item in value.items()}
        return value

    resolved = walk(document, ROOT)
    if problems:
        raise DemoDataError(problems)
    return resolved


def read_demo_document(data: bytes, today: date) -> Company:
    """The company of a demo file (a company file with date tokens) as of ``today``."""
    try:
        document = json.loads(data)
    except ValueError as error:
        raise DemoDataError([Problem(ROOT, f"not a JSON document: {error}")]) from error
    resolved = json.dumps(resolve_dates(document, today), ensure_ascii=False)
    try:
        company = read_company_document(resolved.encode("utf-8"))
    except DocumentRefused as refused:
        raise DemoDataError(refused.problems) from refused
    return replace(company, employees=tuple(_fingerprinted(e) for e in company.employees))


def demo_file() -> Path:
    return resources_dir() / "demo" / "company.json"


def demo_skills_file() -> Path:
    """The demo's skills map (``skills.json``): the company's catalogue, jobs' needs and
    staffing needs, and by employee number their levels over the years and their gap
    training requests; date tokens as in ``company.json``."""
    return resources_dir() / "demo" / "skills.json"


def with_skills_map(document: dict[str, Any], skills: dict[str, Any]) -> dict[str, Any]:
    """``document`` (a demo file) with the skills map's keys added: the company's, and
    each listed employee's after their own."""
    company = document["company"] | skills.get("company", {})
    by_ref = skills.get("employees", {})
    employees = [e | by_ref.get(e.get("ref"), {}) for e in document["employees"]]
    return document | {"company": company, "employees": employees}


@cache
def _demo_data() -> bytes:
    document = json.loads(demo_file().read_bytes())
    skills = json.loads(demo_skills_file().read_bytes())
    return json.dumps(with_skills_map(document, skills), ensure_ascii=False).encode("utf-8")


def build_demo_company(today: date) -> Company:
    """The demo company as of ``today``."""
    return read_demo_document(_demo_data(), today)


def _fingerprinted(employee: Employee) -> Employee:
    """Signed interviews carry the fingerprint of what was signed, as real ones do."""
    return replace(
        employee,
        interviews=tuple(
            replace(i, fingerprint=fingerprint(employee, i)) if i.signed_on is not None else i
            for i in employee.interviews
        ),
    )


__all__ = [
    "DEMO_COMPANY_NAME",
    "DemoDataError",
    "build_demo_company",
    "demo_file",
    "demo_skills_file",
    "read_demo_document",
    "resolve_dates",
    "token_date",
    "with_skills_map",
    "workday",
]
