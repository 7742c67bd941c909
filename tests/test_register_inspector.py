"""The compliance register as a labour inspector reads it (issue 15, part 6), read back with
pypdf: money owed and money possible apart, never added; the last professional interview,
never an annual review; why someone is not covered; the company's policies out of the
law's part; nothing beyond twelve months in the main table, all of it in the annex; the
legend; the basis of each obligation; every language in its own words."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from entretien_desktop.domain import Company, Contract, InterviewKind
from entretien_desktop.i18n import format_date
from entretien_desktop.rules import Status, evaluate_employee
from entretien_desktop.rules.model import PROFESSIONAL_FAMILY
from entretien_desktop.rules.scope import OutOfScope, legal_scope
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.labels import interview_name, legal_basis_label, obligation_name
from entretien_desktop.services.obligations import amount_owed, amount_possible, company_obligations
from entretien_desktop.services.reports import compliance_register
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.register import last_held
from entretien_desktop.services.reports.register_data import register_data

AS_OF = date(2026, 11, 23)
HORIZON = date(2027, 11, 23)
MAIN = "Legal obligations (French Labour Code)"
POLICIES = "Company policies (not law)"
LEGEND = "How to read this register"
ANNEX = "Annex: deadlines after November 23, 2027"
BODY_BOTTOM, BODY_TOP = 2 * 28.35 - 1, 842 - 2 * 28.35 + 1
"""The page's body, in points from the bottom (A4, 2 cm margins)."""


@pytest.fixture(scope="module")
def company() -> Company:
    return build_demo_company(AS_OF)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _text(data: bytes) -> str:
    return _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def _without_page_furniture(text: str, company: Company) -> str:
    """The text without the running header and "Page N of M" that break a table's rows."""
    text = re.sub(r"Page \d+ of \d+", " ", text)
    text = text.replace(f"{company.name} Compliance register", " ")
    return _flat(text)


@pytest.fixture(scope="module")
def english(company: Company) -> str:
    return _text(compliance_register(company, AS_OF, "en"))


def _parts(text: str) -> tuple[str, str, str, str]:
    """Summary, law's part, policies' part, annex (the legend between the last two)."""
    main, policies = text.index(MAIN), text.index(POLICIES, text.index(MAIN))
    legend, annex = text.index(LEGEND), text.index(ANNEX)
    assert main < policies < legend < annex
    return text[:main], text[main:policies], text[policies:legend], text[annex:]


def test_money_owed_and_money_possible_are_never_added(company: Company) -> None:
    """One employee: a summary review overdue and failed (€3,000 owed) and the next one, in
    2031, that would fail too if nothing changes (€3,000 possible): both are shown, each
    under its own name, and €6,000 nowhere."""
    (employee,) = [e for e in company.employees if e.ref == "E009"]
    alone = replace(company, employees=(employee,))
    obligations = evaluate_employee(alone, employee, AS_OF)
    assert [amount_owed(o) for o in obligations if amount_owed(o)] == [3000]
    assert [amount_possible(o) for o in obligations if amount_possible(o)] == [3000]
    text = _text(compliance_register(alone, AS_OF, "en"))
    summary = text[: text.index(MAIN)]
    assert "€3,000 €3,000" in summary
    assert "Owed Possible, not owed" in summary
    assert "€6,000" not in text
    assert "Amount at stake" not in text
    # The owed amount on the overdue review's row, the possible one in the annex.
    assert "Nov 23, 2023 ● Overdue €3,000" in text
    assert "Nov 23, 2031 €3,000" in text[text.index(ANNEX) :]
    french = _text(compliance_register(alone, AS_OF, "fr"))
    assert "3 000 € 3 000 €" in french
    assert "6 000 €" not in french


def test_the_demo_totals_are_owed_and_possible_apart(company: Company, english: str) -> None:
    data = register_data(company_obligations(company, AS_OF))
    assert (data.owed_eur, data.possible_eur) == (6000, 3000)
    assert "€9,000" not in english


def test_the_last_professional_interview_is_never_an_annual_review(
    company: Company, english: str
) -> None:
    """For each employee whose last interview is an annual review, the register names the
    last one of the professional family instead, under its legal name on its date."""
    checked = 0
    with report_language("en"):
        for employee in company.employees:
            last = last_held(employee, AS_OF)
            if last is None or last.kind is not InterviewKind.ANNUAL_REVIEW:
                continue
            professional = [
                i
                for i in employee.interviews
                if i.kind in PROFESSIONAL_FAMILY
                and i.status.value == "held"
                and i.date is not None
                and i.date <= AS_OF
            ]
            if not professional:
                continue
            latest = max(professional, key=lambda i: i.date or date.min)
            assert latest.date is not None
            assert last.date is not None
            assert latest.date <= last.date
            name = interview_name(latest, latest.date)
            line = f"Last professional interview: {name}, {_flat(format_date(latest.date))}"
            block = english[english.index(employee.full_name) :]
            assert _flat(line) in block[:600], employee.ref
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize(
    ("language", "temp", "intern"),
    [
        ("en", "Not covered: temporary agency worker.", "Not covered: intern."),
        ("fr", "Hors champ : salarié intérimaire.", "Hors champ : stagiaire."),
    ],
)
def test_a_temp_and_an_intern_say_why_they_are_not_covered(
    company: Company, language: str, temp: str, intern: str
) -> None:
    text = _text(compliance_register(company, AS_OF, language))
    (kevin,) = [e for e in company.employees if e.contract is Contract.TEMP_AGENCY]
    (lea,) = [e for e in company.employees if e.contract is Contract.INTERN]
    assert temp in text[text.index(kevin.full_name) :][:300]
    assert intern in text[text.index(lea.full_name) :][:300]
    assert legal_scope(company, kevin, AS_OF) is OutOfScope.TEMP_AGENCY
    assert legal_scope(company, lea, AS_OF) is OutOfScope.INTERN


def test_the_scope_follows_the_engine(company: Company) -> None:
    """Whoever the engine gives no obligation of the law has a reason, and nobody else."""
    later = replace(company.employees[0], hire_date=date(2027, 1, 4))
    abroad = replace(company, country="BE")
    assert legal_scope(company, later, AS_OF) is OutOfScope.NOT_YET_HIRED
    assert legal_scope(abroad, company.employees[0], AS_OF) is OutOfScope.OUTSIDE_FRANCE
    for employee in company.employees:
        law = [o for o in evaluate_employee(company, employee, AS_OF) if not o.by_policy]
        assert (legal_scope(company, employee, AS_OF) is None) == bool(law), employee.ref


def test_policies_stay_out_of_the_law_part(company: Company, english: str) -> None:
    _summary, law, policies, annex = _parts(english)
    assert "Annual review" not in law
    assert "Company policy" not in law
    assert policies.count("Annual review Company policy (not law)") >= 10
    assert "Art. L6315-1" not in policies
    assert "The company's own rule" not in annex  # the annex keeps them apart too


def test_nothing_later_than_twelve_months_in_the_main_table(company: Company) -> None:
    """Every open obligation of the law due within twelve months is a row of the main
    table and not of the annex; every later one a row of the annex and not of the main
    table."""
    data = _text(compliance_register(company, AS_OF, "en"))
    text = _without_page_furniture(data, company)
    _summary, law, _policies, annex = _parts(text)
    report = register_data(company_obligations(company, AS_OF))
    with report_language("en"):
        rows = [
            (
                o,
                _flat(
                    f"{obligation_name(o)} {legal_basis_label(o.basis)} {format_date(o.deadline)}"
                ),
            )
            for o in report.law_obligations() + report.law_obligations(later=True)
            if o.status.value in {"overdue", "due_soon", "upcoming"}
        ]
    later = [row for o, row in rows if o.deadline > HORIZON]
    soon = [row for o, row in rows if o.deadline <= HORIZON]
    assert later and soon
    assert max(o.deadline for o, _row in rows).year >= 2045
    for row in later:
        assert row in annex, row
        assert row not in law, row
    for row in soon:
        assert row in law, row
        assert row not in annex, row


def test_the_legend_says_what_the_register_means(english: str) -> None:
    legend = english[english.index(LEGEND) : english.index(ANNEX)]
    for start in (
        "● Overdue:",
        "◐ Due soon: the deadline falls within the next 60 days.",
        "○ Upcoming:",
        "✓ Held:",
        "Owed: the top-up of €3,000",
        "Possible: what a summary review still to come would cost",
        "never added to the amount owed",
        "Legal basis:",
        "Last professional interview:",
        "Not covered: temporary agency workers",
    ):
        assert start in legend, start


def test_each_obligation_has_its_basis_in_the_reader_language(company: Company) -> None:
    french = _without_page_furniture(_text(compliance_register(company, AS_OF, "fr")), company)
    assert (
        "État des lieux récapitulatif Art. L6315-1, L6323-13, R6323-3 C. trav. (loi n° 2018-771)"
        in french
    )
    assert "Entretien de parcours professionnel Art. L6315-1 C. trav. (loi n° 2025-989)" in french
    assert "Entretien annuel d’évaluation Règle de l’entreprise (hors obligation légale)" in french


ENGLISH_WORDS = (
    "Owed",
    "Possible",
    "Last professional interview",
    "Held since",
    "Last summary review",
    "Not covered",
    "Nothing due",
    "How to read",
    "Annex",
    "Legal basis",
    "Company policy",
    "Company policies",
    "Labour Code",
    "Upcoming",
    "Overdue",
    "Summary",
    "deadline",
    "top-up",
    "Employee",
)


@pytest.mark.parametrize("language", ["fr", "nl", "nb"])
def test_every_language_speaks_its_own_words(company: Company, language: str) -> None:
    text = _text(compliance_register(company, AS_OF, language))
    # The employees' own data (names, job titles) is French; none holds these words.
    found = [word for word in ENGLISH_WORDS if re.search(rf"\b{word}\b", text)]
    assert found == []


def test_the_register_text_is_nine_points_at_least(company: Company) -> None:
    """Every font size set in the register's pages, header and footer aside (drawn by the
    shared page template), is 9 pt or more."""
    reader = PdfReader(io.BytesIO(compliance_register(company, AS_OF, "fr")))
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and font is not None and BODY_BOTTOM < y < BODY_TOP:
            sizes.add(round(size * tm[3] * cm[3], 1))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert sizes
    assert min(sizes) >= 9.0, sorted(sizes)


def test_a_company_outside_france_has_its_policies_and_no_law(company: Company) -> None:
    abroad = replace(company, country="BE")
    text = _text(compliance_register(abroad, AS_OF, "en"))
    assert "The company is not in France" in text
    assert "Summary: legal obligations" not in text
    assert "Art. L6315-1" not in text
    assert text.count("Annual review Company policy (not law)") >= 10


def test_a_long_word_cut_in_a_narrow_column_carries_a_hyphen() -> None:
    from entretien_desktop.services.reports.fonts import register_fonts  # noqa: PLC0415
    from entretien_desktop.services.reports.register import _broken  # noqa: PLC0415

    register_fonts()
    lines = _broken("Loopbaanontwikkelingsgesprek (entretien professionnel)", 60.0).split("\n")
    assert len(lines) > 2
    assert all(line.endswith("-") for line in lines[:2]), lines  # the long word's pieces
    assert "".join(line.rstrip("-") for line in lines[:3]).startswith("Loopbaanontwikkelings")
    assert all(len(line.rstrip("-")) > 1 for line in lines), lines  # no letter alone


def test_an_open_obligation_with_an_interview_planned_says_when(
    company: Company, english: str
) -> None:
    """An overdue obligation of the law already in hand does not read as ignored: the
    employee's lines say the day of the interview planned or invited for it."""
    from entretien_desktop.i18n import table_date  # noqa: PLC0415
    from entretien_desktop.services.board import interview_under_way  # noqa: PLC0415

    data = register_data(company_obligations(company, AS_OF))
    planned = [
        found
        for entry in data.entries
        for o in (*entry.law, *entry.law_later)
        if o.status in {Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING}
        and (found := interview_under_way(entry.employee, o)) is not None
        and found.date is not None
    ]
    assert planned  # the demo has invitations out
    text = _without_page_furniture(english, company)
    assert "Interviews planned:" in text
    with report_language("en"):
        for interview in planned:
            assert interview.date is not None
            assert (
                _flat(table_date(interview.date))
                in text[text.index("Interviews planned:") - 2000 :]
            )
