"""Issue 15, parts 5 and 7: the invitation is a formal letter (the company's address and
SIRET, the employee's address, the time, working time, the CEP, each kind's purpose, the
delivery block), and the dossier opens with what article 15 GDPR requires; the fields
behind them (revision 0009, the company file's added keys, the settings)."""

from __future__ import annotations

import enum
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus, enums
from entretien_desktop.domain.model import Privacy
from entretien_desktop.domain.siret import siret_problem
from entretien_desktop.services.company_file import company_document, import_company, load_company
from entretien_desktop.services.company_reader import DocumentRefused, read_company_document
from entretien_desktop.services.reports import invitation_ics, invitation_letter
from entretien_desktop.services.reports.dossier import employee_dossier
from entretien_desktop.services.reports.interview_report import find_interview
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage.migrate import HEAD_REVISION, alembic_config, read_revision
from tests.helpers import example_document, open_data, small_company
from tests.test_reports import sample_company

ADDRESS = "12 rue de la République\n69002 Lyon"
SIRET = "73282932000074"
HOME = "4 allée des Cerisiers\n69100 Villeurbanne"


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    joined = " ".join(page.extract_text() for page in pages)
    return re.sub(r"\s+", " ", joined.replace("\u00a0", " ").replace("\u202f", " "))


def _letter_company() -> Company:
    company = sample_company()
    employees = tuple(replace(e, address=HOME) if e.ref == "E2" else e for e in company.employees)
    return replace(
        company,
        address=ADDRESS,
        siret=SIRET,
        signatory_name="Amélie Lefèvre",
        signatory_title="Gérante",
        employees=employees,
    )


# -- SIRET ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("73282932000074", None),
        ("732 829 320 00074", None),
        ("", None),
        ("73282932000075", "check digit does not match"),
        ("7328293200007", "A SIRET has 14 digits; this one has 13."),
        ("732829320000745", "A SIRET has 14 digits; this one has 15."),
        ("7328293200007A", "digits only"),
        # La Poste's establishments: a sum of digits that is a multiple of 5, not Luhn.
        ("35600000000010", None),
        ("35600000000011", "check digit does not match"),
    ],
)
def test_a_siret_is_fourteen_digits_with_the_right_checksum(
    typed: str, problem: str | None
) -> None:
    found = siret_problem(typed)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_a_company_file_with_a_wrong_siret_is_refused_at_its_place() -> None:
    document = example_document()
    document["company"]["siret"] = "73282932000075"
    with pytest.raises(DocumentRefused) as refused:
        read_company_document(json.dumps(document).encode("utf-8"))
    (problem,) = refused.value.problems
    assert problem.path == "company.siret" and "check digit" in problem.message


# -- the company file -------------------------------------------------------------------------


def test_the_new_keys_go_out_and_come_back() -> None:
    company = _letter_company()
    employee, interview = find_interview(company, "P-2026-02")
    timed = replace(interview, time=time(14, 30))
    company = replace(
        company,
        privacy=Privacy(
            contact="dpo@boulangerie.example", recipients="RH seulement.", retention_years=3
        ),
        employees=tuple(
            replace(e, interviews=(timed,)) if e.ref == employee.ref else e
            for e in company.employees
        ),
    )
    document = company_document(company)
    assert document["company"]["address"] == ADDRESS
    assert document["company"]["siret"] == SIRET
    assert document["company"]["signatory"] == {"name": "Amélie Lefèvre", "title": "Gérante"}
    assert document["company"]["privacy"] == {
        "contact": "dpo@boulangerie.example",
        "recipients": "RH seulement.",
        "retention_years": 3,
    }
    noe = next(e for e in document["employees"] if e["ref"] == "E2")
    assert noe["address"] == HOME and noe["interviews"][0]["time"] == "14:30"
    again = read_company_document(json.dumps(document).encode("utf-8"))
    assert again == company


def test_a_file_without_the_new_keys_imports_with_empty_ones(tmp_path: Path) -> None:
    document = example_document()
    assert "address" not in document["company"]
    company = read_company_document(json.dumps(document).encode("utf-8"))
    assert (company.address, company.siret, company.signatory_name) == ("", "", "")
    assert company.privacy == Privacy()
    assert all(e.address == "" for e in company.employees)
    assert all(i.time is None for e in company.employees for i in e.interviews)
    with open_data(tmp_path / "c.sqlite") as db:
        import_company(db, company)
        assert load_company(db) == company
    exported = company_document(company)["company"]
    assert not {"address", "siret", "signatory", "privacy"} & exported.keys()


@pytest.mark.file_only("a file of an old schema")
def test_a_file_of_revision_0008_keeps_its_data_and_gains_the_fields(tmp_path: Path) -> None:
    from alembic import command  # noqa: PLC0415

    path = tmp_path / "old.sqlite"
    company = sample_company()
    with open_data(path) as db:
        import_company(db, company)
        config = alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0008")
    assert read_revision(path) == "0008"
    with sqlite3.connect(path) as raw:
        columns = {row[1] for row in raw.execute("PRAGMA table_info(company)")}
    raw.close()
    assert "siret" not in columns

    with open_data(path) as db:
        loaded = load_company(db)
        assert read_revision(path) == HEAD_REVISION
        assert loaded == company  # every record as it was, the new fields empty
        assert loaded is not None
        workspace = Workspace(db)
        workspace.update_company(replace(loaded, address=ADDRESS, siret=SIRET))
    with open_data(path) as db:
        reread = load_company(db)
    assert reread is not None and (reread.address, reread.siret) == (ADDRESS, SIRET)


# -- the letter -------------------------------------------------------------------------------


def test_the_french_letter_is_a_formal_invitation() -> None:
    company = _letter_company()
    employee, interview = find_interview(company, "P-2026-02")
    timed = replace(interview, time=time(14, 30))
    text = _text(invitation_letter(company, employee, timed, "fr", on=date(2026, 11, 13)))
    assert "12 rue de la République 69002 Lyon" in text
    assert "SIRET : 732 829 320 00074" in text
    assert "4 allée des Cerisiers 69100 Villeurbanne" in text
    assert "Fait à Lyon, le 13 novembre 2026" in text
    assert "Madame, Monsieur," in text and "Bonjour" not in text
    assert "lundi 14 décembre 2026" in text and "14 h 30" in text and "14:30" not in text
    assert "temps de travail" in text
    assert "conseil en évolution professionnelle (CEP)" in text and "mon-cep.org" in text
    assert "salutations distinguées" in text and "Cordialement" not in text
    assert "Amélie Lefèvre" in text and "Gérante" in text
    assert "Remise en main propre contre décharge le" in text
    assert "signature du salarié" in text
    assert "lettre recommandée avec accusé de réception" in text
    first_page = PdfReader(io.BytesIO(invitation_letter(company, employee, timed, "fr"))).pages[0]
    # Once, in the sender's block: not in the page's header above it, nor under the
    # signature. The preparation sheet's page names it in its header.
    assert first_page.extract_text().count(company.name) == 1
    second_page = PdfReader(io.BytesIO(invitation_letter(company, employee, timed, "fr"))).pages[1]
    assert company.name in second_page.extract_text()


def test_each_kind_has_its_own_purpose() -> None:
    company = _letter_company()
    employee, interview = find_interview(company, "P-2026-02")

    def letter(kind: InterviewKind) -> str:
        return _text(invitation_letter(company, employee, replace(interview, kind=kind), "fr"))

    professional = letter(InterviewKind.PROFESSIONAL)
    end_of_career = letter(InterviewKind.END_OF_CAREER)
    assert "entretien de parcours professionnel (article L6315-1" in professional
    assert "soixantième anniversaire" in end_of_career
    assert "soixantième anniversaire" not in professional
    assert "retraite progressive" in end_of_career
    assert "visite médicale de mi-carrière" in letter(InterviewKind.MID_CAREER)


def test_a_first_interview_asks_for_no_previous_report() -> None:
    company = _letter_company()
    employee, interview = find_interview(company, "P-2026-02")
    first = _text(invitation_letter(company, employee, interview, "fr"))
    assert "comptes rendus de vos entretiens précédents" not in first
    held_before = replace(
        employee,
        interviews=(
            *employee.interviews,
            Interview(
                "P-2022-09", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2022, 9, 1)
            ),
        ),
    )
    again = _text(invitation_letter(company, held_before, interview, "fr"))
    assert "comptes rendus de vos entretiens précédents" in again


def test_without_an_address_the_letter_keeps_the_department_and_leaves_the_time_to_fill() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-02")
    text = _text(invitation_letter(company, employee, interview, "fr", on=date(2026, 11, 13)))
    assert "Production" in text
    assert "Fait à Lyon, le 13 novembre 2026" in text  # the site, for want of an address
    assert "Heure ____" in text


def test_the_calendar_file_uses_the_interviews_time() -> None:
    company = sample_company()
    employee, interview = find_interview(company, "P-2026-02")
    timed = replace(interview, time=time(14, 30))
    stamp = datetime(2026, 11, 13, 9, 0, tzinfo=UTC)
    (event,) = Calendar.from_ical(invitation_ics(company, employee, timed, "en", stamp=stamp)).walk(
        "VEVENT"
    )
    assert event.decoded("dtstart") == datetime(
        2026, 12, 14, 14, 30, tzinfo=ZoneInfo("Europe/Paris")
    )


# -- the dossier ------------------------------------------------------------------------------


def _raw_values() -> set[str]:
    values = {"training", "vae"}
    for name in dir(enums):
        kind = getattr(enums, name)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            values |= {str(member.value) for member in kind}
    return values


def test_the_dossier_opens_with_the_information_article_15_requires() -> None:
    company = replace(_letter_company(), privacy=Privacy(contact="dpo@boulangerie.example"))
    employee, _interview = find_interview(company, "P-2026-01")
    text = _text(employee_dossier(company, employee, date(2026, 11, 22), "fr"))
    opening = text[: text.index("Identité et contrat")]
    for heading in (
        "Informations prévues par l’article 15 du RGPD",
        "Responsable du traitement",
        "Finalités",
        "Bases légales",
        "Destinataires",
        "Durée de conservation",
        "Vos droits",
        "Réclamation",
    ):
        assert heading in opening
    assert "obligation légale" in opening and "L6315-1" in opening
    assert "OPCO" in opening and "Caisse des dépôts" in opening
    assert "5 ans après votre départ" in opening
    assert "rectification" in opening and "portabilité" in opening
    assert "CNIL" in opening and "www.cnil.fr" in opening
    assert "dpo@boulangerie.example" in opening
    assert "12 rue de la République" in opening


def test_the_company_wording_and_retention_replace_the_defaults() -> None:
    privacy = Privacy(recipients="Le seul service RH.", retention_years=2)
    company = replace(_letter_company(), privacy=privacy)
    employee, _interview = find_interview(company, "P-2026-01")
    text = _text(employee_dossier(company, employee, date(2026, 11, 22), "fr"))
    opening = text[: text.index("Identité et contrat")]
    assert "Le seul service RH." in opening and "OPCO" not in opening
    assert "2 ans après votre départ" in opening


def test_the_dossier_prints_no_value_of_the_company_file_untranslated() -> None:
    from entretien_desktop.services.demo import build_demo_company  # noqa: PLC0415

    company = build_demo_company(date(2026, 11, 22))
    values = _raw_values()
    with_certification = [e for e in company.employees if e.certifications][:2]
    assert with_certification
    for employee in with_certification:
        text = _text(employee_dossier(company, employee, date(2026, 11, 22), "fr"))
        found = {v for v in values if re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", text)}
        assert not found, employee.ref


# -- the settings -----------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_data(tmp_path / "c.sqlite") as db:
        space = Workspace(db, today=lambda: date(2026, 11, 22))
        space.create_company(small_company())
        yield space


def test_the_address_and_siret_typed_in_the_settings_are_on_the_letter(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    from entretien_desktop.ui.pages.settings_page import SettingsPage  # noqa: PLC0415

    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    page = SettingsPage(workspace, settings)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.form.address.setPlainText("3 place Bellecour\n69002 Lyon")
    page.form.siret.setText("732 829 320 00075")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.form.problems["siret"].isHidden()
    assert "check digit" in page.form.problems["siret"].text()
    assert workspace.require_company().siret == ""

    page.form.siret.setText("732 829 320 00074")
    page.form.signatory_name.setText("Amélie Lefèvre")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    company = workspace.require_company()
    assert (company.siret, company.address) == (SIRET, "3 place Bellecour\n69002 Lyon")
    assert company.privacy == Privacy()  # the default wording, untouched, stays the default

    employee = company.employees[0]
    interview = replace(
        employee.interviews[0], status=InterviewStatus.INVITED, date=date(2026, 12, 14)
    )
    text = _text(invitation_letter(company, employee, interview, "fr"))
    assert "3 place Bellecour 69002 Lyon" in text
    assert "732 829 320 00074" in text and "Fait à Lyon" in text
    assert "Amélie Lefèvre" in text


def test_a_privacy_text_changed_in_the_settings_is_kept(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    from entretien_desktop.ui.pages.settings_page import SettingsPage  # noqa: PLC0415

    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    page = SettingsPage(workspace, settings)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert "OPCO" in page.privacy.texts["recipients"].toPlainText()
    page.privacy.texts["recipients"].setPlainText("HR only.")
    page.privacy.years.setValue(3)
    assert "3 years after you leave" in page.privacy.texts["retention"].toPlainText()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert workspace.require_company().privacy == Privacy(recipients="HR only.", retention_years=3)


def test_the_time_chosen_when_planning_is_kept_and_can_be_left_open(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from PySide6.QtCore import QTime  # noqa: PLC0415

    from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog  # noqa: PLC0415

    dialog = PlanInterviewDialog(workspace, "G2", InterviewKind.PROFESSIONAL)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.time_check.isChecked() and dialog.time_edit.time() == QTime(10, 0)
    dialog.time_edit.setTime(QTime(14, 15))
    dialog.ok_button.click()
    (planned,) = workspace.employee("G2").interviews
    assert planned.time == time(14, 15)

    again = PlanInterviewDialog(workspace, "G1", InterviewKind.PROFESSIONAL)
    qtbot.addWidget(again)
    again.show()
    again.time_check.setChecked(False)
    assert not again.time_edit.isEnabled()
    again.ok_button.click()
    opened = [i for i in workspace.employee("G1").interviews if i.status is InterviewStatus.PLANNED]
    assert [i.time for i in opened] == [None]


def test_the_postal_address_typed_in_the_employee_dialog_is_saved(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog  # noqa: PLC0415

    employee = workspace.employee("G2")
    dialog = EmployeeDialog(workspace, employee)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.address_edit.setPlainText("  4 allée des Cerisiers \n\n69100 Villeurbanne")
    dialog.accept()
    assert workspace.employee("G2").address == HOME


def test_the_certification_dialog_shows_the_way_in_words_and_keeps_the_files_value(
    qtbot: QtBot,
) -> None:
    """ "Voie d'accès : training": the dialog showed the company file's value as it is."""
    from entretien_desktop.domain import Certification  # noqa: PLC0415
    from entretien_desktop.i18n import set_language  # noqa: PLC0415
    from entretien_desktop.ui.dialogs.history_dialogs import CertificationDialog  # noqa: PLC0415

    company = small_company()
    employee = replace(
        company.employees[0], certifications=(Certification("SST", date(2025, 3, 1), "training"),)
    )
    set_language("fr")
    dialog = CertificationDialog(employee, company, date(2026, 11, 22), index=0)
    qtbot.addWidget(dialog)
    assert dialog.via_edit.currentText() == "Formation"
    assert dialog.record().via == "training"
    dialog.via_edit.setCurrentIndex(dialog.via_edit.findData("vae"))
    assert dialog.record().via == "vae"
    dialog.via_edit.setEditText("Jury de branche")
    assert dialog.record().via == "Jury de branche"


@pytest.mark.parametrize(
    ("last_line", "city"),
    [
        ("69003 Lyon", "Lyon"),
        ("F-69003 Lyon", "Lyon"),
        ("1012 AB Amsterdam", "Amsterdam"),
        ("0150 Oslo", "Oslo"),
        ("Lyon", "Lyon"),
    ],
)
def test_the_letter_is_made_at_the_city_of_the_address(last_line: str, city: str) -> None:
    from entretien_desktop.services.reports.invitation import letter_place  # noqa: PLC0415

    company = replace(sample_company(), address=f"1 rue Haute\n{last_line}")
    assert letter_place(company, company.employees[0]) == city
