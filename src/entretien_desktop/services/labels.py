"""Display names of the domain's closed lists (contracts, working times, leaves, interviews,
obligations and their statuses),
translated at call time so that a language switch shows at the next repaint; shared by the
interface and the reports so that the catalogs hold each name once.

The enums' values are the interchange format's words; these are the words people read.
"""

from __future__ import annotations

from datetime import date

from babel import Locale, UnknownLocaleError

from entretien_desktop.domain import (
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    LeaveKind,
    MedicalVisitKind,
    WorkingTime,
)
from entretien_desktop.i18n import SUPPORTED_LANGUAGES, _, current_language, prose_date
from entretien_desktop.rules import Obligation, ObligationKind, Status, regimes
from entretien_desktop.rules.regimes import LAW_2025_IN_FORCE
from entretien_desktop.rules.scope import OutOfScope


def contract_label(contract: Contract) -> str:
    labels = {
        Contract.PERMANENT: _("Permanent (CDI)"),
        Contract.FIXED_TERM: _("Fixed-term (CDD)"),
        Contract.APPRENTICESHIP: _("Apprenticeship"),
        Contract.PROFESSIONALISATION: _("Professionalisation"),
        Contract.TEMP_AGENCY: _("Temporary agency worker"),
        Contract.INTERN: _("Intern"),
    }
    return labels[contract]


def working_time_label(working_time: WorkingTime) -> str:
    labels = {
        WorkingTime.FULL_TIME: _("Full time"),
        WorkingTime.PART_TIME: _("Part time"),
    }
    return labels[working_time]


def leave_label(kind: LeaveKind) -> str:
    labels = {
        LeaveKind.MATERNITY: _("Maternity leave"),
        LeaveKind.ADOPTION: _("Adoption leave"),
        LeaveKind.PARENTAL_EDUCATION: _("Parental education leave"),
        LeaveKind.PARENTAL_PART_TIME: _("Part-time parental leave"),
        LeaveKind.CAREGIVER: _("Caregiver leave"),
        LeaveKind.SABBATICAL: _("Sabbatical leave"),
        LeaveKind.SECURE_MOBILITY: _("Secure voluntary mobility"),
        LeaveKind.LONG_SICKNESS: _("Long-term sick leave"),
        LeaveKind.SICKNESS: _("Sick leave"),
        LeaveKind.UNION_MANDATE: _("Union mandate"),
        LeaveKind.PARENTAL_PRESENCE: _("Parental presence leave"),
        LeaveKind.FAMILY_SOLIDARITY: _("Family solidarity leave"),
        LeaveKind.UNPAID: _("Unpaid leave"),
        LeaveKind.OTHER: _("Other leave"),
    }
    return labels[kind]


def interview_kind_label(kind: InterviewKind) -> str:
    labels = {
        InterviewKind.PROFESSIONAL: _("Professional interview"),
        InterviewKind.SUMMARY_REVIEW: _("Summary review"),
        InterviewKind.RETURN: _("Return interview"),
        InterviewKind.MID_CAREER: _("Mid-career interview"),
        InterviewKind.END_OF_CAREER: _("End-of-career interview"),
        InterviewKind.FORFAIT_JOURS_REVIEW: _("Forfait-jours review"),
        InterviewKind.ANNUAL_REVIEW: _("Annual review"),
        InterviewKind.CAREER_CONVERSATION: _("Career conversation"),
    }
    return labels[kind]


def interview_name(interview: Interview, today: date) -> str:
    """The interview's kind under its legal name on its date (its planned date, else
    ``today``): the professional interview held since law 2025-989 came into force is the
    career-path interview ("entretien de parcours professionnel")."""
    day = interview.date or today
    if interview.kind is InterviewKind.PROFESSIONAL and day >= LAW_2025_IN_FORCE:
        return _("Career-path interview")
    return interview_kind_label(interview.kind)


CERTIFICATION_VIAS = ("training", "vae")
"""The company file's usual values of a certification's ``via``; any other is kept as typed."""


def certification_via_label(via: str) -> str:
    """How a certification was obtained, in words: the company file's two usual values
    translated, anything else as typed."""
    known = {"training": _("Training"), "vae": _("VAE (validation of acquired experience)")}
    return known.get(via.strip().lower(), via)


def interview_status_label(status: InterviewStatus) -> str:
    labels = {
        InterviewStatus.PLANNED: _("Planned"),
        InterviewStatus.INVITED: _("Invited"),
        InterviewStatus.HELD: _("Held"),
        InterviewStatus.REFUSED: _("Refused by the employee"),
        InterviewStatus.CANCELLED: _("Cancelled"),
    }
    return labels[status]


def obligation_kind_label(kind: ObligationKind) -> str:
    labels = {
        ObligationKind.PERIODIC: _("Professional interview"),
        ObligationKind.SUMMARY_REVIEW: _("Summary review"),
        ObligationKind.RETURN: _("Return from leave"),
        ObligationKind.MID_CAREER: _("Mid-career interview"),
        ObligationKind.END_OF_CAREER: _("End-of-career interview"),
        ObligationKind.FORFAIT_JOURS_REVIEW: _("Forfait-jours review"),
        ObligationKind.ANNUAL_REVIEW: _("Annual review"),
        ObligationKind.CAREER_CONVERSATION: _("Career conversation"),
    }
    return labels[kind]


def obligation_name(obligation: Obligation) -> str:
    """The obligation's kind under its legal name on its deadline: a periodic interview due
    since law 2025-989 came into force is a career-path interview."""
    if obligation.kind is ObligationKind.PERIODIC and obligation.deadline >= LAW_2025_IN_FORCE:
        return _("Career-path interview")
    return obligation_kind_label(obligation.kind)


def obligation_status_label(status: Status) -> str:
    labels = {
        Status.OVERDUE: _("Overdue"),
        Status.DUE_SOON: _("Due soon"),
        Status.UPCOMING: _("Upcoming"),
        Status.SATISFIED: _("Satisfied"),
        Status.NOT_APPLICABLE: _("Not applicable"),
    }
    return labels[status]


def obligation_state_label(obligation: Obligation) -> str:
    """The status of ``obligation`` as people read it: an obligation met by an interview
    held after its deadline is "Satisfied late", never plainly "Satisfied" (its status in
    the interchange format stays ``satisfied``)."""
    if obligation.status is Status.SATISFIED and obligation.late:
        return _("Satisfied late")
    return obligation_status_label(obligation.status)


def basis_label(obligation: Obligation) -> str:
    """Whether ``obligation`` is the law's or the company's own rule, in a word or two."""
    return _("Company policy") if obligation.by_policy else _("Law")


def legal_basis_label(basis: str, *, full: bool = False) -> str:
    """An obligation's basis (``Obligation.basis``, the interchange format's word) in the
    reader's language: the articles of the Labour Code and the law, or the company's own
    policy; any other as it is. Short for a table's column; ``full``: as a lawyer writes it
    in a sentence (``art. L6315-1 C. trav., loi n° 2025-989 du 24 octobre 2025``)."""
    labels = {
        regimes.BASIS_2014: (
            _("Art. L6315-1 Labour Code (law 2014-288)"),
            _("Art. L6315-1 of the Labour Code, law no. 2014-288 of 5 March 2014"),
        ),
        regimes.BASIS_2018: (
            _("Art. L6315-1, L6323-13, R6323-3 Labour Code (law 2018-771)"),
            _(
                "Art. L6315-1, L6323-13 and R6323-3 of the Labour Code, law no. 2018-771 of "
                "5 September 2018"
            ),
        ),
        regimes.BASIS_2025: (
            _("Art. L6315-1 Labour Code (law 2025-989)"),
            _("Art. L6315-1 of the Labour Code, law no. 2025-989 of 24 October 2025"),
        ),
        regimes.BASIS_MID_CAREER: (
            _("Art. L6315-1, L4624-2-2 Labour Code (law 2025-989)"),
            _("Art. L6315-1 and L4624-2-2 of the Labour Code, law no. 2025-989 of 24 October 2025"),
        ),
        regimes.BASIS_FORFAIT_JOURS: (
            _("Art. L3121-64, L3121-65 Labour Code (law 2016-1088)"),
            _("Art. L3121-64 and L3121-65 of the Labour Code, law no. 2016-1088 of 8 August 2016"),
        ),
        regimes.BASIS_POLICY: (
            _("Company policy (not law)"),
            _("Company policy (no legal obligation)"),
        ),
    }
    found = labels.get(basis)
    if found is None:
        return basis
    return found[1] if full else found[0]


def out_of_scope_label(reason: OutOfScope, employee: Employee) -> str:
    """Why the law's interviews do not apply to ``employee``, in a sentence."""
    if reason is OutOfScope.TEMP_AGENCY:
        return _(
            "Not covered: temporary agency worker. The agency, the employer, owes the "
            "professional interviews."
        )
    if reason is OutOfScope.INTERN:
        return _(
            "Not covered: intern. An internship agreement is not an employment contract, so "
            "the professional interviews are not owed."
        )
    if reason is OutOfScope.NOT_YET_HIRED:
        return _("Not covered on this date: hired on {date}.").format(
            date=prose_date(employee.hire_date)
        )
    return _("Not covered: the company is not in France; the French Labour Code does not apply.")


def medical_visit_label(kind: MedicalVisitKind) -> str:
    labels = {MedicalVisitKind.MID_CAREER: _("Mid-career medical visit")}
    return labels[kind]


def progression_label(kind: str) -> str:
    """A progression's kind is free text in the file; the two usual ones are translated."""
    labels = {
        "salary": _("Salary progression"),
        "professional": _("Professional progression"),
    }
    return labels.get(kind, kind)


# Each language under its own name, as language pickers do everywhere: someone looking for
# their language recognises it whatever the interface's language.
_LANGUAGE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands", "nb": "Norsk bokmål"}


def language_label(code: str) -> str:
    return _LANGUAGE_NAMES.get(code, code)


LANGUAGES: tuple[str, ...] = SUPPORTED_LANGUAGES


def _texts_renamed_in_2025() -> dict[str, str]:
    """The built-in templates' texts that name the professional interview, as they read
    for an interview held since law 2025-989 came into force (English ids of the old text
    to the new text, translated)."""
    return {
        "The professional interview is about the employee's career path and development: "
        "it is not an evaluation of the employee's work. A copy of this report is handed to "
        "the employee.": _(
            "The career-path interview is about the employee's career path and development: "
            "it is not an evaluation of the employee's work. A copy of this report is handed "
            "to the employee."
        ),
        "This professional interview is offered on the employee's return from leave. It is "
        "about the employee's career path and the return to work: it is not an evaluation of "
        "the employee's work. A copy of this report is handed to the employee.": _(
            "This career-path interview is offered on the employee's return from leave. It is "
            "about the employee's career path and the return to work: it is not an evaluation "
            "of the employee's work. A copy of this report is handed to the employee."
        ),
        "The summary review checks, over the period covered, that the employee had the "
        "professional interviews due and the measures the law expects. In a company of 50 "
        "employees or more, the employer owes a corrective top-up of €3,000 into the "
        "employee's CPF when interviews due were missed and, over the same period, no "
        "non-mandatory training was followed; it is paid by the last day of the calendar "
        "quarter after the review. A copy of this report is handed to the employee.": _(
            "The summary review checks, over the period covered, that the employee had the "
            "career-path interviews due and the measures the law expects. In a company of 50 "
            "employees or more, the employer owes a corrective top-up of €3,000 into the "
            "employee's CPF when interviews due were missed and, over the same period, no "
            "non-mandatory training was followed; it is paid by the last day of the calendar "
            "quarter after the review. A copy of this report is handed to the employee."
        ),
        "The annual review is confidential: its content is shared only with the employee, "
        "the manager and the people in charge of human resources. It is separate from the "
        "professional interview.": _(
            "The annual review is confidential: its content is shared only with the employee, "
            "the manager and the people in charge of human resources. It is separate from the "
            "career-path interview."
        ),
        "Professional interview": _("Career-path interview"),
        "Professional interview on return from leave": _(
            "Career-path interview on return from leave"
        ),
    }


def dated_text(text: str, day: date) -> str:
    """A built-in template's ``text`` (its English id) translated as it reads on ``day``:
    since 26 Oct 2025 the professional interview it names is the career-path interview.
    A text of the company's own is translated as it is."""
    if day >= LAW_2025_IN_FORCE:
        renamed = _texts_renamed_in_2025().get(text)
        if renamed is not None:
            return renamed
    return _(text)


def language_name(code: str) -> str:
    """A language named in the reader's language (``Frans`` in a Dutch document), where
    a language picker names each in its own (``language_label``)."""
    try:
        name = Locale.parse(code).get_display_name(Locale.parse(current_language()))
    except (ValueError, UnknownLocaleError):
        return language_label(code)
    return name[:1].upper() + name[1:] if name else language_label(code)
