"""The registers read back with pypdf: the compliance register (every present employee,
counts as the rules find them, the total at stake as babel writes it, the date, the notice,
"Page N of M"), the training plan (every request under its decision, totals), the employee
dossier (answers, leaves, trainings); the ``register`` command."""

from __future__ import annotations

import dataclasses
import io
import re
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import Company
from entretien_desktop.i18n import current_language, format_date, format_money, format_number
from entretien_desktop.rules import Status
from entretien_desktop.services.company_file import import_company
from entretien_desktop.services.dashboard import OPEN
from entretien_desktop.services.demo import DEMO_COMPANY_NAME, build_demo_company
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.services.reports import (
    compliance_register,
    employee_dossier,
    training_plan,
)
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.layout import grouped_fingerprint
from entretien_desktop.services.reports.register import last_held
from entretien_desktop.services.reports.register_data import register_data
from entretien_desktop.services.signing import file_sha256
from entretien_desktop.services.training_requests import RequestStatus, training_requests
from tests.helpers import db_arg, open_data

AS_OF = date(2026, 11, 23)
STATUS_NAMES = {
    RequestStatus.REQUESTED: "Requested",
    RequestStatus.APPROVED: "Approved",
    RequestStatus.DONE: "Done",
    RequestStatus.REFUSED: "Refused",
}


@pytest.fixture(scope="module")
def company() -> Company:
    return build_demo_company(AS_OF)


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    """Whitespace of any kind (line breaks, no-break spaces) as one plain space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _text(pages: list[str]) -> str:
    return _flat(" ".join(pages))


@pytest.fixture(scope="module")
def register_en(company: Company) -> list[str]:
    return _pages(compliance_register(company, AS_OF, "en"))


@pytest.fixture(scope="module")
def register_fr(company: Company) -> list[str]:
    return _pages(compliance_register(company, AS_OF, "fr"))


def test_the_register_lists_every_present_employee(
    company: Company, register_en: list[str]
) -> None:
    text = _text(register_en)
    present = [e for e in company.employees if e.exit_date is None or e.exit_date >= AS_OF]
    left = [e for e in company.employees if e not in present]
    assert present and left
    for employee in present:
        assert employee.full_name in text
        assert employee.ref in text
    # Those who have left come in a final part of their own.
    part = text.index("Employees who have left")
    assert all(text.index(e.full_name) > part for e in left)
    assert all(text.index(e.full_name) < part for e in present)


def test_the_register_counts_match_the_rules(company: Company, register_en: list[str]) -> None:
    """The summary counts the law's obligations overdue or due within twelve months (those
    of the main table; the later ones are in the annex), and the money owed and possible
    apart. Changed with issue 15 (the labour inspector's reading): the summary no longer
    counts every upcoming deadline up to decades ahead, nor adds a possible top-up to
    the ones owed."""
    report = company_obligations(company, AS_OF)
    data = register_data(report)
    horizon = date(2027, 11, 23)
    statuses = (Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING)
    main = [o for o in report.obligations if o.status in OPEN and o.deadline <= horizon]
    later = [o for o in report.obligations if o.status in OPEN and o.deadline > horizon]
    law = [sum(o.status is s for o in main if not o.by_policy) for s in statuses]
    policy = [sum(o.status is s for o in main if o.by_policy) for s in statuses]
    assert all(law) and all(policy)
    text = _text(register_en)
    owed = _flat(format_money(data.owed_eur, cents=False))
    possible = _flat(format_money(data.possible_eur, cents=False))
    summary = (
        f"Summary: legal obligations {law[0]} {law[1]} {law[2]} {owed} {possible} Overdue "
        "Due soon Upcoming within 12 months Owed Possible, not owed"
    )
    assert summary in text
    assert f"{sum(not o.by_policy for o in later)} later deadlines of the law" in text
    # The company's own policies are counted apart, never with the law's.
    assert (
        f"Company policies, not law and not counted above: {policy[0]} overdue, "
        f"{policy[1]} due soon, {policy[2]} upcoming."
    ) in text
    # Every open obligation due within twelve months is a line of the register, its
    # status marked (the annex's are all upcoming: no status there); the legend names
    # each status once more.
    assert text.count("● Overdue") == law[0] + policy[0] + 1
    assert text.count("◐ Due soon") == law[1] + policy[1] + 1
    assert text.count("○ Upcoming") == law[2] + policy[2] + 1


def test_policy_obligations_come_in_their_own_part(
    company: Company, register_en: list[str]
) -> None:
    """The demo's annual reviews are listed after every employee's legal obligations, under
    a heading that says they are not law, and in no employee's block of the law."""
    report = company_obligations(company, AS_OF)
    text = _text(register_en)
    part = text.index("Company policies (not law)")
    legend = text.index("How to read this register")
    assert "not legal obligations" in text[part:]
    # Issue 15: the last interview shown beside each employee is the last professional
    # one, never an annual review (ten employees' last interview is one).
    assert sum(
        1
        for e in company.employees
        if (held := last_held(e, AS_OF)) and held.kind.value == "annual_review"
    )
    assert text.count("Annual review", 0, part) == 0
    reviews = [o for o in report.obligations if o.by_policy and o.status in OPEN]
    assert reviews
    assert text.count("Annual review ", part, legend) == len(reviews)


def test_the_french_total_keeps_the_narrow_no_break_space(
    company: Company, register_fr: list[str]
) -> None:
    total = register_data(company_obligations(company, AS_OF)).owed_eur
    with report_language("fr"):
        amount = format_money(total, cents=False)
    assert "\u202f" in amount  # babel: 9\u202f000\u00a0€
    # Drawn as it is; the extraction reads the no-break space before € as a space.
    assert amount.replace("\u00a0", " ") in register_fr[0]


def test_the_register_says_its_date_in_each_language(
    register_en: list[str], register_fr: list[str]
) -> None:
    for language, pages in (("en", register_en), ("fr", register_fr)):
        with report_language(language):
            day = format_date(AS_OF, "long")
        assert _flat(day) in _flat(pages[0])
    assert "November 23, 2026" in _flat(register_en[0])
    assert "23 novembre 2026" in _flat(register_fr[0])


def test_every_page_has_its_number_and_the_notice_is_there(register_en: list[str]) -> None:
    assert len(register_en) > 1
    for number, page in enumerate(register_en, start=1):
        assert page.startswith(DEMO_COMPANY_NAME)
        assert f"Page {number} of {len(register_en)}" in page
    assert "This register is not legal advice." in _flat(register_en[0])


def test_the_register_metadata(company: Company) -> None:
    reader = PdfReader(io.BytesIO(compliance_register(company, AS_OF, "en")))
    assert reader.metadata is not None
    assert reader.metadata.title == "Compliance register"
    assert reader.metadata.author == DEMO_COMPANY_NAME


@pytest.fixture(scope="module")
def plan_en(company: Company) -> list[str]:
    return _pages(training_plan(company, AS_OF, "en"))


def _money(value: float) -> str:
    return _flat(format_money(value, cents=not float(value).is_integer()))


def test_the_training_plan_has_every_request_under_its_decision(
    company: Company, plan_en: list[str]
) -> None:
    text = _text(plan_en)
    requests = training_requests(company)
    assert requests
    joined = text.replace("- ", "-")  # a compound word breaks at its hyphen in a cell
    for request in requests:
        assert _flat(request.course) in joined
    for status, name in STATUS_NAMES.items():
        group = [r for r in requests if r.status is status]
        noun = "request" if len(group) == 1 else "requests"
        assert f"{name}: {len(group)} {noun}" in text


def test_the_training_plan_totals(company: Company, plan_en: list[str]) -> None:
    text = _text(plan_en)
    requests = training_requests(company)
    with report_language("en"):
        for status, name in STATUS_NAMES.items():
            group = [r for r in requests if r.status is status]
            hours = format_number(sum(r.number("hours") for r in group))
            cost = _money(sum(r.number("cost") for r in group))
            assert f"{name} {len(group)} {hours} {cost}" in text  # the summary
            if group:
                heading = text.index(f"{name}: {len(group)}")
                assert text.index(f"Total {hours} {cost}", heading) > heading  # the group's
        # The plan's total leaves the refused requests out: they cost nothing.
        kept = [r for r in requests if r.status is not RequestStatus.REFUSED]
        assert len(kept) < len(requests)
        hours = format_number(sum(r.number("hours") for r in kept))
        cost = _money(sum(r.number("cost") for r in kept))
        assert f"Total, refused requests apart {len(kept)} {hours} {cost}" in text


def test_the_training_plan_lists_the_trainings_of_the_last_twelve_months(
    company: Company, plan_en: list[str]
) -> None:
    """Ended in the twelve months: followed; begun and still going on: in progress, not
    counted as followed (the demo has an apprenticeship running for a year)."""
    text = _text(plan_en)
    followed = text[text.index("Trainings followed") : text.index("Trainings in progress")]
    running = text[text.index("Trainings in progress") :]
    seen_running = 0
    with report_language("en"):
        for employee in company.employees:
            for training in employee.trainings:
                ended = training.end or training.start
                recent = training.start <= AS_OF and ended > date(2025, 11, 23)
                line = f"{employee.full_name} {training.title} {format_date(training.start)}"
                assert (_flat(line) in followed) == (recent and ended <= AS_OF), line
                assert (_flat(line) in running) == (recent and ended > AS_OF), line
                seen_running += recent and ended > AS_OF
    assert seen_running


def test_a_request_longer_than_a_page_flows_over_pages_uncut(company: Company) -> None:
    employee = next(e for e in company.employees if e.ref == "E012")
    interview = next(i for i in employee.interviews if i.id == "DEMO-0060")
    assert interview.answers is not None
    course = " ".join(f"Étape {n} du module de menuiserie" for n in range(400)) + " FIN"
    answers = dict(interview.answers)
    answers["training_requests"] = [dict(answers["training_requests"][0], course=course)]
    changed = dataclasses.replace(interview, answers=answers)
    employee = dataclasses.replace(
        employee,
        interviews=tuple(changed if i.id == changed.id else i for i in employee.interviews),
    )
    longer = dataclasses.replace(
        company,
        employees=tuple(employee if e.ref == employee.ref else e for e in company.employees),
    )
    pages = _pages(training_plan(longer, AS_OF, "en"))
    text = _text(pages)
    # Every step there, in order, to the end (page headers come between some of them).
    steps = [int(n) for n in re.findall(r"Étape (\d+) du", text)]
    assert steps == list(range(400))
    assert "Étape 399 du module de menuiserie FIN" in text
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))
    # The column titles come again at the top of each page the request runs onto.
    assert sum("Employee Course Provider" in _flat(p) for p in pages) >= 3


@pytest.fixture(scope="module")
def dossier_en(company: Company) -> str:
    employee = next(e for e in company.employees if e.ref == "E012")
    return _text(_pages(employee_dossier(company, employee, AS_OF, "en")))


def test_the_dossier_holds_the_interview_answers(company: Company, dossier_en: str) -> None:
    employee = next(e for e in company.employees if e.ref == "E012")
    assert "Sébastien Robin" in dossier_en
    assert "request for access to personal data" in dossier_en
    answered = [i for i in employee.interviews if i.answers]
    assert answered
    for interview in answered:
        assert interview.answers is not None
        for key in ("manager_comments", "employee_comments"):
            assert _flat(interview.answers[key]) in dossier_en
        assert interview.fingerprint is not None
        assert grouped_fingerprint(interview.fingerprint) in dossier_en  # whole, in groups
    # A table's rows, column by column: the action plan agreed at the return interview.
    assert "What: Installer une table élévatrice au poste de montage" in dossier_en
    assert "Indicator: Table en service" in dossier_en


def test_the_dossier_lists_leaves_trainings_and_the_rest(dossier_en: str) -> None:
    assert "Sick leave May 23, 2024 Jun 4, 2024" in dossier_en
    assert "Long-term sick leave Dec 23, 2025 Aug 22, 2026" in dossier_en
    assert "SST – Sauveteur secouriste du travail" in dossier_en
    assert "Lecture de plans" in dossier_en
    assert "Planification de production en atelier de menuiserie" in dossier_en
    assert "Current obligations" in dossier_en


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, company: Company) -> Path:
    db = tmp_path_factory.mktemp("register") / "demo.sqlite"
    with open_data(db) as database:
        import_company(database, company)
    return db


def test_the_register_command_writes_and_records_the_pdf(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "register.pdf"
    argv = ["register", "--db", db_arg(demo_file), "--out", str(out), "--as-of", "2026-11-23"]
    assert main([*argv, "--lang", "en"]) == EXIT_OK
    assert str(out) in capsys.readouterr().out
    data = out.read_bytes()
    pages = _pages(data)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert "November 23, 2026" in _text(pages)
    assert [p.name for p in tmp_path.iterdir()] == ["register.pdf"]
    with open_data(demo_file) as database, database.unit_of_work() as uow:
        record = uow.company.issued_report(file_sha256(data))
    assert record is not None
    assert (record.interview_id, record.kind, record.fingerprint) == (None, "register", None)


@pytest.mark.parametrize("as_of", ["2026-13-01", "yesterday", "23/11/2026"])
def test_the_register_command_refuses_a_bad_date(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], as_of: str
) -> None:
    out = tmp_path / "register.pdf"
    with pytest.raises(SystemExit) as raised:
        main(["register", "--db", db_arg(demo_file), "--out", str(out), "--as-of", as_of])
    assert raised.value.code == EXIT_REFUSED
    assert as_of in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.file_only("a missing file")
def test_the_register_command_refuses_an_unknown_language_or_file(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "register.pdf"
    argv = ["register", "--db", db_arg(demo_file), "--out", str(out)]
    assert main([*argv, "--lang", "xx"]) == EXIT_REFUSED
    assert "xx" in capsys.readouterr().err
    missing = tmp_path / "nowhere.sqlite"
    assert (
        main(["register", "--db", db_arg(missing), "--out", str(out), "--lang", "en"])
        == EXIT_REFUSED
    )
    assert "does not exist" in capsys.readouterr().err
    assert not out.exists() and not missing.exists()


def test_long_obligation_names_wrap_rather_than_split_the_names(company: Company) -> None:
    # In Bokmål the obligations are named at length (with the French term in brackets):
    # kept whole, they once left the names column a few letters wide ("Lef", "èvre").
    text = "\n".join(_pages(compliance_register(company, AS_OF, "nb")))
    for employee in company.employees:
        if employee.exit_date is None:
            assert employee.last_name in text, employee.last_name


def test_two_registers_in_two_languages_built_at_once_on_two_threads(
    company: Company, register_en: list[str], register_fr: list[str]
) -> None:
    """Each thread writes in its own language, whatever the other does meanwhile; the
    interface's language (English here) is untouched during and after."""
    interface: list[str] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            language: pool.submit(compliance_register, company, AS_OF, language)
            for language in ("fr", "nl", "en", "nb")
        }
        while wait(futures.values(), timeout=0.001).not_done:
            interface.append(current_language())
        built = {language: _pages(f.result()) for language, f in futures.items()}
    assert set(interface) == {"en"}
    assert current_language() == "en"
    assert _text(built["fr"]) == _text(register_fr)
    assert _text(built["en"]) == _text(register_en)
    assert "23 novembre 2026" in _flat(built["fr"][0])
    assert "23 november 2026" in _flat(built["nl"][0])
    assert "23. november 2026" in _flat(built["nb"][0])
