"""Reading a company file: every problem found, with its JSON path, before anything is kept.

``read_company_document`` walks the whole document and collects each problem (wrong type,
impossible date, unknown value, missing field, duplicate number, dangling reference, dates
in the wrong order) instead of stopping at the first, so the user fixes them in one go.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from babel import Locale
from babel.numbers import list_currencies

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
    limits,
)
from entretien_desktop.domain.limits import (
    MAX_CODE,
    MAX_INTERVIEW_ID,
    MAX_REF,
    MAX_TEMPLATE,
    MAX_TEXT,
)
from entretien_desktop.domain.model import (
    PRIVACY_TEXTS,
    SETTING_DEFAULTS,
    Privacy,
    SettingValue,
)
from entretien_desktop.domain.siret import normal_siret, siret_problem
from entretien_desktop.domain.template_codec import TemplateRefused, template_from_document
from entretien_desktop.domain.templates import Template
from entretien_desktop.i18n import _
from entretien_desktop.services.json_reader import (
    MISSING,
    ROOT,
    DocumentRefused,
    FieldReader,
    Problem,
    describe,
    document_order,
    join_path,
    parse_document,
    show,
)
from entretien_desktop.services.skills_file import (
    check_skill_references,
    read_employee_skills,
    read_skills_map,
)

FORMAT_TAG = "entretien-desktop/1"
DEFAULT_CURRENCY = "EUR"
"""The currency of a company file that names none (and of every file before it could)."""
_TIME_SHAPE = re.compile(r"^[0-9]{2}:[0-9]{2}$")
_LANGUAGE_SHAPE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,4})?$")


@cache
def _countries() -> frozenset[str]:
    """ISO 3166 country codes; read from babel's data on first use, not at start-up."""
    return frozenset(str(code) for code in Locale("en").territories if str(code).isalpha())


@cache
def _currencies() -> frozenset[str]:
    """ISO 4217 currency codes babel knows; read on first use, not at start-up."""
    return frozenset(str(code) for code in list_currencies())


# -- document parts ---------------------------------------------------------------------


def _read_company(r: FieldReader, raw: dict[str, Any], path: str, today: dt.date) -> dict[str, Any]:
    name = r.text(raw, "name", path, required=True)
    country = r.text(raw, "country", path, required=True)
    if country and country not in _countries():
        r.problem(
            join_path(path, "country"),
            _("unknown country code {value}; expected an ISO 3166 code such as FR").format(
                value=show(country)
            ),
        )
    currency = r.text(raw, "currency", path, default=DEFAULT_CURRENCY)
    if currency not in _currencies():
        r.problem(
            join_path(path, "currency"),
            _("unknown currency code {value}; expected an ISO 4217 code such as EUR").format(
                value=show(currency)
            ),
        )
    headcount = r.integer(raw, "headcount", path, limits.HEADCOUNT, required=True)
    headcount_date = r.date(raw, "headcount_date", path, required=False)
    agreement = None
    agreement_raw = raw.get("interview_agreement")
    if agreement_raw is not None:
        agreement = _read_agreement(r, agreement_raw, join_path(path, "interview_agreement"))
    policies = r.items(raw, "policies", path, lambda o, p: _read_policy(r, o, p, today))
    settings = _read_settings(r, raw.get("settings"), join_path(path, "settings"))
    templates = r.items(raw, "templates", path, lambda o, p: _read_template(r, o, p))
    campaigns = r.items(raw, "campaigns", path, lambda o, p: _read_campaign(r, o, p))
    address = r.text(raw, "address", path, limit=MAX_TEXT).strip()
    siret = normal_siret(r.text(raw, "siret", path))
    problem = siret_problem(siret)
    if problem is not None:
        r.problem(join_path(path, "siret"), problem)
    signatory = _read_signatory(r, raw.get("signatory"), join_path(path, "signatory"))
    privacy = _read_privacy(r, raw.get("privacy"), join_path(path, "privacy"))
    return {
        "address": address,
        "siret": siret,
        "signatory_name": signatory[0],
        "signatory_title": signatory[1],
        "privacy": privacy,
        "name": name,
        "country": country,
        "headcount": headcount or 0,
        "headcount_date": headcount_date,
        "interview_agreement": agreement,
        "policies": policies,
        "settings": settings,
        "templates": templates,
        "campaigns": campaigns,
        "currency": currency,
        **read_skills_map(r, raw, path),
    }


def _read_signatory(r: FieldReader, raw: Any, path: str) -> tuple[str, str]:
    """``{"name": ..., "title": ...}``: who signs the company's letters (both optional)."""
    if raw is None:
        return "", ""
    obj = r.obj(raw, path)
    if obj is None:
        return "", ""
    return r.text(obj, "name", path).strip(), r.text(obj, "title", path).strip()


def _read_privacy(r: FieldReader, raw: Any, path: str) -> Privacy:
    """What the company tells employees about their data; every part optional (an absent
    text takes the program's default wording)."""
    if raw is None:
        return Privacy()
    obj = r.obj(raw, path)
    if obj is None:
        return Privacy()
    texts = {name: r.optional_text(obj, name, path, limit=MAX_TEXT) for name in PRIVACY_TEXTS}
    years = None
    if obj.get("retention_years") is not None:
        years = r.integer(obj, "retention_years", path, limits.RETENTION_YEARS, required=True)
    return Privacy(
        contact=r.text(obj, "contact", path, limit=MAX_TEXT).strip(),
        retention_years=years,
        **texts,
    )


def _read_template(r: FieldReader, obj: dict[str, Any], path: str) -> Template | None:
    try:
        return template_from_document(obj)
    except TemplateRefused as refused:
        for problem in refused.problems:
            place, _sep, message = problem.partition(": ")
            r.problem(path + place.removeprefix("$"), message)
        return None


def _read_campaign(r: FieldReader, obj: dict[str, Any], path: str) -> Campaign | None:
    campaign_id = r.text(obj, "id", path, required=True)
    name = r.text(obj, "name", path, required=True)
    kind = r.choice(obj, "kind", path, InterviewKind)
    start = r.date(obj, "start", path, required=True)
    end = r.date(obj, "end", path, required=True)
    ordered = r.ordered(
        start,
        end,
        join_path(path, "end"),
        _("the campaign ends ({last}) before it starts ({first})"),
    )
    if not campaign_id or kind is None or start is None or end is None or not ordered:
        return None
    return Campaign(
        id=campaign_id,
        name=name,
        kind=kind,
        start=start,
        end=end,
        template=r.optional_text(obj, "template", path, limit=MAX_TEMPLATE),
        site=r.text(obj, "site", path),
        department=r.text(obj, "department", path),
        contract=r.text(obj, "contract", path),
    )


def _read_follow_up(r: FieldReader, obj: dict[str, Any], path: str) -> dict[str, str] | None:
    raw = obj.get("follow_up")
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        r.problem(
            join_path(path, "follow_up"),
            _("expected an object of texts, found {found}").format(found=describe(raw)),
        )
        return None
    return dict(raw)


def _read_agreement(r: FieldReader, raw: Any, path: str) -> InterviewAgreement | None:
    obj = r.obj(raw, path)
    if obj is None:
        return None
    months = r.integer(obj, "periodicity_months", path, limits.PERIOD_MONTHS, required=True)
    since = r.date(obj, "since", path, required=True)
    until = r.date(obj, "until", path, required=False)
    r.ordered(
        since,
        until,
        join_path(path, "until"),
        _("the agreement ends ({last}) before it starts ({first})"),
    )
    if months is None or since is None:
        return None
    return InterviewAgreement(months, since, until)


def _read_policy(r: FieldReader, obj: dict[str, Any], path: str, today: dt.date) -> Policy | None:
    """A policy; one without ``since`` (a file from before the field existed) starts on
    ``today``, the day of the import, and the reader says so. The day the company adopted
    it is unknown and the file holds no day the company began: counting from any earlier
    day would make every employee owe interviews for years the policy may not have
    existed; a start set too late is seen at once in the settings and corrected there."""
    kind = r.choice(obj, "kind", path, PolicyKind)
    months = r.integer(obj, "every_months", path, limits.PERIOD_MONTHS, required=True)
    since = r.date(obj, "since", path, required=False)
    if obj.get("since") is None:
        since = today
        r.notice(
            join_path(path, "since"),
            _(
                "no start date: the policy is taken to start on {date}, the day of this "
                "import; no interview of it is owed before. If the company adopted it "
                "earlier, set its start date in the settings."
            ).format(date=today.isoformat()),
        )
    if kind is None or months is None or since is None:
        return None
    return Policy(kind, months, since)


def _read_settings(r: FieldReader, raw: Any, path: str) -> Settings:
    if raw is None:
        return Settings()
    obj = r.obj(raw, path)
    if obj is None:
        return Settings()
    chosen: dict[str, SettingValue] = {}
    for name, default in SETTING_DEFAULTS.items():
        if name not in obj or obj[name] is None:
            continue
        if isinstance(default, bool):
            chosen[name] = r.flag(obj, name, path)
        elif isinstance(default, tuple):
            kinds = _read_leave_kinds(r, obj[name], join_path(path, name))
            if kinds is not None:
                chosen[name] = kinds
        else:
            value = r.integer(obj, name, path, limits.SETTINGS[name], required=False)
            if value is not None:
                chosen[name] = value
    return Settings(**chosen)  # type: ignore[arg-type]


def _read_leave_kinds(r: FieldReader, raw: Any, path: str) -> tuple[str, ...] | None:
    """A setting listing kinds of leave, such as the leaves that call for a return interview."""
    if not isinstance(raw, list):
        r.problem(path, _("expected a list, found {found}").format(found=describe(raw)))
        return None
    allowed = ", ".join(kind.value for kind in LeaveKind)
    kinds = []
    for index, item in enumerate(raw):
        if isinstance(item, str) and item in LeaveKind._value2member_map_:
            kinds.append(str(item))
        else:
            r.problem(
                f"{path}[{index}]",
                _("unknown value {value}; expected one of: {allowed}").format(
                    value=show(item), allowed=allowed
                ),
            )
    return tuple(kinds)


def _read_leave(r: FieldReader, obj: dict[str, Any], path: str) -> Leave | None:
    kind = r.choice(obj, "kind", path, LeaveKind)
    start = r.date(obj, "start", path, required=True)
    end = r.date(obj, "end", path, required=False)
    ordered = r.ordered(
        start, end, join_path(path, "end"), _("the leave ends ({last}) before it starts ({first})")
    )
    if kind is None or start is None or not ordered:
        return None
    return Leave(kind, start, end)


def _read_interview(r: FieldReader, obj: dict[str, Any], path: str) -> Interview | None:
    interview_id = r.text(obj, "id", path, required=True, limit=MAX_INTERVIEW_ID)
    kind = r.choice(obj, "kind", path, InterviewKind)
    status = r.choice(obj, "status", path, InterviewStatus)
    held_on = r.date(obj, "date", path, required=False)
    invited_on = r.date(obj, "invited_on", path, required=False)
    signed_on = r.date(obj, "signed_on", path, required=False)
    fingerprint = r.optional_text(obj, "fingerprint", path)
    answers = obj.get("answers")
    if answers is not None and not isinstance(answers, dict):
        r.problem(
            join_path(path, "answers"),
            _("expected an object, found {found}").format(found=describe(answers)),
        )
        answers = None
    if status is InterviewStatus.HELD and obj.get("date") is None:
        r.problem(join_path(path, "date"), _("a held interview needs the date it was held"))
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
        template=r.optional_text(obj, "template", path, limit=MAX_TEMPLATE),
        interviewer=r.text(obj, "interviewer", path),
        place=r.text(obj, "place", path, limit=MAX_TEXT),
        refusal_reason=r.text(obj, "refusal_reason", path, limit=MAX_TEXT),
        context=r.text(obj, "context", path, limit=MAX_TEXT),
        time=_read_time(r, obj, path),
        campaign=r.optional_text(obj, "campaign", path),
        amends=r.optional_text(obj, "amends", path),
        follow_up=_read_follow_up(r, obj, path),
    )


def _read_time(r: FieldReader, obj: dict[str, Any], path: str) -> dt.time | None:
    """The meeting's time, ``HH:MM`` (24 hours), or ``None``."""
    raw = r.optional_text(obj, "time", path)
    if raw is None:
        return None
    if _TIME_SHAPE.match(raw):
        hours, minutes = (int(part) for part in raw.split(":"))
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    r.problem(
        join_path(path, "time"),
        _("not a time: {value}; expected HH:MM such as 09:30").format(value=show(raw)),
    )
    return None


def _read_training(r: FieldReader, obj: dict[str, Any], path: str) -> Training | None:
    title = r.text(obj, "title", path, required=True)
    start = r.date(obj, "start", path, required=True)
    end = r.date(obj, "end", path, required=False)
    r.ordered(
        start,
        end,
        join_path(path, "end"),
        _("the training ends ({last}) before it starts ({first})"),
    )
    hours = r.number(obj, "hours", path, limits.HOURS)
    mandatory = r.flag(obj, "mandatory", path)
    certification = r.flag(obj, "certification", path)
    if start is None:
        return None
    return Training(title, start, end, hours, mandatory, certification)


def _read_certification(r: FieldReader, obj: dict[str, Any], path: str) -> Certification | None:
    title = r.text(obj, "title", path, required=True)
    obtained = r.date(obj, "date", path, required=True)
    via = r.text(obj, "via", path, limit=MAX_CODE)
    return None if obtained is None else Certification(title, obtained, via)


def _read_progression(r: FieldReader, obj: dict[str, Any], path: str) -> Progression | None:
    when = r.date(obj, "date", path, required=True)
    kind = r.text(obj, "kind", path, required=True, limit=MAX_CODE)
    note = r.text(obj, "note", path, limit=MAX_TEXT)
    return None if when is None else Progression(when, kind, note)


def _read_medical_visit(r: FieldReader, obj: dict[str, Any], path: str) -> MedicalVisit | None:
    kind = r.choice(obj, "kind", path, MedicalVisitKind)
    when = r.date(obj, "date", path, required=True)
    return None if kind is None or when is None else MedicalVisit(kind, when)


def _read_employee(r: FieldReader, obj: dict[str, Any], path: str) -> Employee | None:
    ref = r.text(obj, "ref", path, required=True, limit=MAX_REF)
    first_name = r.text(obj, "first_name", path, required=True)
    last_name = r.text(obj, "last_name", path, required=True)
    birth_date = r.date(obj, "birth_date", path, required=False)
    hire_date = r.date(obj, "hire_date", path, required=True)
    exit_date = r.date(obj, "exit_date", path, required=False)
    r.ordered(
        hire_date,
        exit_date,
        join_path(path, "exit_date"),
        _("the exit date ({last}) is before the hire date ({first})"),
    )
    r.ordered(
        birth_date,
        hire_date,
        join_path(path, "hire_date"),
        _("the hire date ({last}) is before the birth date ({first})"),
    )
    seniority_date = r.date(obj, "seniority_date", path, required=False)
    r.ordered(
        seniority_date,
        hire_date,
        join_path(path, "seniority_date"),
        _("the seniority date ({first}) is after the hire date ({last})"),
    )
    r.ordered(
        birth_date,
        seniority_date,
        join_path(path, "seniority_date"),
        _("the seniority date ({last}) is before the birth date ({first})"),
    )
    forfait_jours_since = r.date(obj, "forfait_jours_since", path, required=False)
    r.ordered(
        seniority_date or hire_date,
        forfait_jours_since,
        join_path(path, "forfait_jours_since"),
        _("the forfait jours start ({last}) is before the seniority start ({first})"),
    )
    r.ordered(
        forfait_jours_since,
        exit_date,
        join_path(path, "forfait_jours_since"),
        _("the forfait jours start ({first}) is after the exit date ({last})"),
    )
    contract = r.choice(obj, "contract", path, Contract)
    working_time = r.choice(obj, "working_time", path, WorkingTime, default=WorkingTime.FULL_TIME)
    language = r.text(obj, "language", path, default="fr") or "fr"
    if not _LANGUAGE_SHAPE.match(language):
        r.problem(
            join_path(path, "language"),
            _("unknown language code {value}; expected a code such as fr").format(
                value=show(language)
            ),
        )
    job_title = r.text(obj, "job_title", path)
    department = r.text(obj, "department", path)
    site = r.text(obj, "site", path)
    address = r.text(obj, "address", path, limit=MAX_TEXT).strip()
    manager_ref = r.optional_text(obj, "manager_ref", path)
    leaves = r.items(obj, "leaves", path, lambda o, p: _read_leave(r, o, p))
    interviews = r.items(obj, "interviews", path, lambda o, p: _read_interview(r, o, p))
    trainings = r.items(obj, "trainings", path, lambda o, p: _read_training(r, o, p))
    certifications = r.items(obj, "certifications", path, lambda o, p: _read_certification(r, o, p))
    progressions = r.items(obj, "progressions", path, lambda o, p: _read_progression(r, o, p))
    visits = r.items(obj, "medical_visits", path, lambda o, p: _read_medical_visit(r, o, p))
    skills = read_employee_skills(r, obj, path)
    if hire_date is None or contract is None or working_time is None:
        return None
    return Employee(
        ref=ref,
        first_name=first_name,
        last_name=last_name,
        hire_date=hire_date,
        contract=contract,
        working_time=working_time,
        birth_date=birth_date,
        exit_date=exit_date,
        job_title=job_title,
        department=department,
        site=site,
        manager_ref=manager_ref,
        language=language,
        address=address,
        seniority_date=seniority_date,
        forfait_jours_since=forfait_jours_since,
        leaves=leaves,
        interviews=interviews,
        trainings=trainings,
        certifications=certifications,
        progressions=progressions,
        medical_visits=visits,
        **skills,
    )


def _check_references(r: FieldReader, raw_employees: list[Any]) -> None:
    """Unique employee numbers and interview ids, and managers who exist.

    Works on the raw objects so that an employee refused for another reason still has its
    number checked.
    """
    first_ref: dict[str, str] = {}
    first_interview: dict[str, str] = {}
    managers: list[tuple[str, str, Any]] = []
    for index, raw in enumerate(raw_employees):
        if not isinstance(raw, dict):
            continue
        path = f"employees[{index}]"
        ref = raw.get("ref")
        if isinstance(ref, str) and ref.strip():
            if ref in first_ref:
                r.problem(
                    join_path(path, "ref"),
                    _("employee number {ref} is already used by {other}").format(
                        ref=show(ref), other=first_ref[ref]
                    ),
                )
            else:
                first_ref[ref] = path
        manager = raw.get("manager_ref")
        if isinstance(manager, str) and manager:
            managers.append((path, manager, ref))
        interviews = raw.get("interviews")
        for number, interview in enumerate(interviews if isinstance(interviews, list) else []):
            interview_id = interview.get("id") if isinstance(interview, dict) else None
            if not isinstance(interview_id, str) or not interview_id:
                continue
            interview_path = f"{path}.interviews[{number}].id"
            if interview_id in first_interview:
                r.problem(
                    interview_path,
                    _("interview id {id} is already used by {other}").format(
                        id=show(interview_id), other=first_interview[interview_id]
                    ),
                )
            else:
                first_interview[interview_id] = interview_path
    for path, manager, ref in managers:
        if manager not in first_ref:
            r.problem(
                join_path(path, "manager_ref"),
                _("no employee has the number {ref}").format(ref=show(manager)),
            )
        elif manager == ref:
            r.problem(join_path(path, "manager_ref"), _("an employee cannot be their own manager"))


def read_company_document(
    data: bytes, *, today: dt.date | None = None, notices: list[Problem] | None = None
) -> Company:
    """The company a company file describes; raises ``DocumentRefused`` listing every problem.

    ``today``: the day of the import, what a policy without a start date starts on (default:
    the computer's today). ``notices``, when given, receives what was assumed, with its
    path, for the caller to tell the user."""
    document = parse_document(data)
    r = FieldReader()
    root = r.obj(document, ROOT)
    if root is None:
        raise DocumentRefused(r.problems)
    tag = r.value(root, "format", ROOT, required=True)
    if tag is not MISSING and tag != FORMAT_TAG:
        r.problem(
            "format",
            _("unsupported format {value}; expected {expected}").format(
                value=show(tag), expected=show(FORMAT_TAG)
            ),
        )
    company_raw = r.value(root, "company", ROOT, required=True)
    company_obj = None if company_raw is MISSING else r.obj(company_raw, "company")
    day = today or dt.date.today()
    company_fields = (
        _read_company(r, company_obj, "company", day) if company_obj is not None else None
    )

    employees: list[tuple[str, Employee]] = []
    raw_employees = root.get("employees", [])
    if not isinstance(raw_employees, list):
        r.problem(
            "employees", _("expected a list, found {found}").format(found=describe(raw_employees))
        )
        raw_employees = []
    for index, raw in enumerate(raw_employees):
        path = f"employees[{index}]"
        obj = r.obj(raw, path)
        if obj is not None:
            employee = _read_employee(r, obj, path)
            if employee is not None:
                employees.append((path, employee))
    _check_references(r, raw_employees)
    check_skill_references(r, company_obj, raw_employees)
    if r.problems or company_fields is None:
        raise DocumentRefused(sorted(r.problems, key=document_order))
    if notices is not None:
        notices.extend(r.notices)
    return Company(employees=tuple(e for _path, e in employees), **company_fields)


__all__ = [
    "DEFAULT_CURRENCY",
    "FORMAT_TAG",
    "ROOT",
    "DocumentRefused",
    "Problem",
    "read_company_document",
]
