"""The company's currency: a Norwegian company's training costs in kroner on the training
requests screen, in the training plan and in the dossier, as babel writes them in Bokmål
and English; the amounts the French law sets stay in euros; the currency kept by the data
file (revision 0006, older files read euros) and by the company file (written only when it
is not the euro, an unknown code refused with its path); the company form's currency,
which follows the country until the user picks another."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus
from entretien_desktop.i18n import format_money, set_language
from entretien_desktop.services.company_file import (
    company_document,
    dumps_company,
    import_company,
    load_company,
)
from entretien_desktop.services.company_reader import DocumentRefused, read_company_document
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.services.reports import compliance_register, employee_dossier, training_plan
from entretien_desktop.services.reports.language import report_language
from entretien_desktop.services.reports.register_data import register_data
from entretien_desktop.storage.migrate import HEAD_REVISION, alembic_config, read_revision
from tests.helpers import (
    EXAMPLE_COMPANY,
    example_document,
    open_data,
    open_workspace,
    small_company,
)

AS_OF = date(2026, 11, 23)
NOK_12500 = {"nb": "12 500 kr", "en": "NOK12,500"}
"""12,500 kroner as babel writes them (no-break spaces shown as spaces)."""
COURSE = {
    "course": "Truckførerkurs",
    "provider": "AKA",
    "hours": "21",
    "cost": "12500",
    "start": "2026-02-02",
    "end": "2026-02-04",
    "funding": "company_plan",
}


def _flat(text: str) -> str:
    """Whitespace of any kind (line breaks, no-break spaces) as one plain space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _pdf_text(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def norwegian_company(status: str = "requested") -> Company:
    """A Norwegian company paying in kroner; its second employee asked for a course of
    12,500 kroner at his interview (``status``: the decision taken on it)."""
    company = small_company("Verksted Olsen AS")
    interview = Interview(
        "G2-1",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        date(2026, 1, 15),
        template="professional@1",
        answers={"training_requests": [COURSE]},
        follow_up={"0": status},
    )
    employee = replace(company.employees[1], interviews=(interview,), language="nb")
    return replace(
        company,
        country="NO",
        currency="NOK",
        employees=(company.employees[0], employee),
    )


def test_babel_writes_the_kroner_as_expected() -> None:
    for language, expected in NOK_12500.items():
        set_language(language)
        assert _flat(format_money(12500, "NOK", cents=False)) == expected


# -- the training requests screen ---------------------------------------------------------


@pytest.mark.gui
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_requests_model_writes_costs_in_the_company_currency(
    qtbot: QtBot, language: str
) -> None:
    from entretien_desktop.ui.pages.training_requests import RequestsModel  # noqa: PLC0415

    set_language(language)
    model = RequestsModel()
    model.set_company(norwegian_company())
    assert model.rowCount() == 1
    assert _flat(model.index(0, RequestsModel.COST).data()) == NOK_12500[language]
    assert model.money(12500) == format_money(12500, "NOK", cents=False)
    model.set_company(small_company())
    assert model.currency == "EUR"


@pytest.mark.gui
def test_the_requests_screen_totals_are_in_the_company_currency(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from entretien_desktop.ui.pages.training_page import TrainingPlanPage  # noqa: PLC0415
    from tests.qt_helpers import ready_feed  # noqa: PLC0415

    with open_workspace(tmp_path / "no.sqlite", norwegian_company("approved")) as workspace:
        feed = ready_feed(qtbot, workspace)
        page = TrainingPlanPage(workspace, feed)
        qtbot.addWidget(page)
        page.show()
        view = page.requests
        assert view.proxy.rowCount() == 1
        assert _flat(view.count_label.text()) == "1 request · approved: 21 hours, NOK12,500"


# -- the PDFs --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_training_plan_writes_costs_in_the_company_currency(language: str) -> None:
    text = _pdf_text(training_plan(norwegian_company(), AS_OF, language))
    amount = NOK_12500[language]
    # The request's line, its group's total, and the summary's lines (requested, total).
    assert text.count(amount) >= 4
    assert "€" not in text


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_dossier_writes_costs_in_the_company_currency(language: str) -> None:
    company = norwegian_company()
    text = _pdf_text(employee_dossier(company, company.employees[1], AS_OF, language))
    assert NOK_12500[language] in text


def test_the_amount_at_stake_of_a_french_company_stays_in_euros() -> None:
    """A French company near the border that pays in Swiss francs: its training costs are
    in francs, the amount the law puts at stake in euros."""
    company = replace(build_demo_company(AS_OF), currency="CHF")
    data = register_data(company_obligations(company, AS_OF))
    assert data.owed_eur > 0
    assert data.possible_eur > 0
    register = _pdf_text(compliance_register(company, AS_OF, "en"))
    for total in (data.owed_eur, data.possible_eur):
        with report_language("en"):
            amount = _flat(format_money(total, cents=False))
        assert amount.startswith("€")
        assert amount in register
    assert "CHF" not in register
    plan = _pdf_text(training_plan(company, AS_OF, "en"))
    assert "CHF" in plan
    assert "€" not in plan


# -- the data file ----------------------------------------------------------------------------


def test_the_currency_survives_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "no.sqlite"
    with open_data(path) as db:
        import_company(db, norwegian_company())
    with open_data(path) as db:
        loaded = load_company(db)
    assert loaded == norwegian_company()
    assert loaded is not None and loaded.currency == "NOK"


@pytest.mark.file_only("a file of an old schema")
def test_a_file_of_the_previous_revision_upgrades_and_reads_euros(tmp_path: Path) -> None:
    from alembic import command  # noqa: PLC0415

    path = tmp_path / "old.sqlite"
    with open_data(path) as db:
        import_company(db, norwegian_company())
        config = alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005")
    assert read_revision(path) == "0005"
    with sqlite3.connect(path) as raw:
        columns = {row[1] for row in raw.execute("PRAGMA table_info(company)")}
    raw.close()
    assert "currency" not in columns

    with open_data(path) as db:
        loaded = load_company(db)
    assert read_revision(path) == HEAD_REVISION
    assert loaded == replace(norwegian_company(), currency="EUR")


# -- the company file -------------------------------------------------------------------------


def test_a_currency_other_than_the_euro_is_exported_and_read_back(tmp_path: Path) -> None:
    company = norwegian_company()
    document = company_document(company)
    assert document["company"]["currency"] == "NOK"
    back = read_company_document(dumps_company(company).encode("utf-8"))
    assert back == company
    with open_data(tmp_path / "c.sqlite") as db:
        import_company(db, back)
        assert load_company(db) == company


def test_a_company_in_euros_exports_no_currency() -> None:
    company = small_company()
    assert company.currency == "EUR"
    assert "currency" not in company_document(company)["company"]
    # A file naming the euro reads as one that names none, and exports as before.
    document = example_document()
    document["company"]["currency"] = "EUR"
    read = read_company_document(json.dumps(document).encode("utf-8"))
    assert read.currency == "EUR"
    assert dumps_company(read).encode("utf-8") == EXAMPLE_COMPANY.read_bytes()


def test_a_file_without_a_currency_reads_euros() -> None:
    document = example_document()
    assert "currency" not in document["company"]
    assert read_company_document(EXAMPLE_COMPANY.read_bytes()).currency == "EUR"


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        ("XYZ", "unknown currency code"),
        ("nok", "unknown currency code"),
        ("", "unknown currency code"),
        ("EURO", "unknown currency code"),
        (578, "expected text"),
    ],
)
def test_an_unknown_currency_is_refused_with_its_path(value: Any, detail: str) -> None:
    document = example_document()
    document["company"]["currency"] = value
    with pytest.raises(DocumentRefused) as refused:
        read_company_document(json.dumps(document).encode("utf-8"))
    problems = refused.value.problems
    assert [p.path for p in problems] == ["company.currency"]
    assert detail in problems[0].message


# -- the company form -------------------------------------------------------------------------


@pytest.mark.gui
def test_the_form_offers_the_common_currencies_first_by_name(qtbot: QtBot) -> None:
    from entretien_desktop.ui.widgets.company_form import COMMON_CURRENCIES, CompanyForm  # noqa: PLC0415

    form = CompanyForm(AS_OF)
    qtbot.addWidget(form)
    form.set_company(None)
    combo = form.currency
    codes = [combo.itemData(i) for i in range(len(COMMON_CURRENCIES))]
    assert codes == list(COMMON_CURRENCIES)
    assert combo.itemText(1) == "Norwegian Krone (NOK)"
    assert combo.currentData() == "EUR"
    assert combo.count() > 100  # every other currency babel knows, after a separator
    set_language("nb")
    form = CompanyForm(AS_OF)
    qtbot.addWidget(form)
    assert form.currency.itemText(1) == "norske kroner (NOK)"


@pytest.mark.gui
def test_the_form_currency_follows_the_country_unless_picked(qtbot: QtBot) -> None:
    from entretien_desktop.ui.widgets.company_form import CompanyForm  # noqa: PLC0415

    form = CompanyForm(AS_OF)
    qtbot.addWidget(form)
    form.set_company(None)
    form.name.setText("Verksted Olsen AS")
    form.country.setCurrentIndex(form.country.findData("NO"))
    assert form.currency.currentData() == "NOK"
    form.country.setCurrentIndex(form.country.findData("SE"))
    assert form.currency.currentData() == "SEK"
    company = form.read()
    assert (company.country, company.currency) == ("SE", "SEK")

    # Once the user picks another currency, it stays whatever the country.
    form.currency.setCurrentIndex(form.currency.findData("EUR"))
    form.currency.activated.emit(form.currency.currentIndex())
    form.country.setCurrentIndex(form.country.findData("NO"))
    assert form.currency.currentData() == "EUR"
    assert form.read().currency == "EUR"


@pytest.mark.gui
def test_the_form_shows_the_company_currency_and_keeps_it(qtbot: QtBot) -> None:
    from entretien_desktop.ui.widgets.company_form import CompanyForm  # noqa: PLC0415

    form = CompanyForm(AS_OF)
    qtbot.addWidget(form)
    norwegian = norwegian_company()
    form.set_company(norwegian)
    assert form.currency.currentData() == "NOK"
    assert form.read(norwegian) == norwegian
    # A French company paying in Swiss francs keeps them when its country is set again.
    swiss_paid = replace(small_company(), currency="CHF")
    form.set_company(swiss_paid)
    assert form.currency.currentData() == "CHF"
    form.country.setCurrentIndex(form.country.findData("BE"))
    assert form.read(swiss_paid).currency == "CHF"
