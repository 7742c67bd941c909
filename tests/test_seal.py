"""The company's seal: a certificate made in the application, reports sealed with a PAdES
signature that pyHanko validates against it, and that shows any change made afterwards."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.services import seal
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.reports import interview_report
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage.migrate import HEAD_REVISION, head_revision, read_revision
from tests.helpers import TODAY, open_workspace, small_company

HELD = Interview(
    "G1-2",
    InterviewKind.PROFESSIONAL,
    InterviewStatus.HELD,
    TODAY,
    answers={"job_missions": "Accueil des clients, diagnostic des véhicules"},
    template="professional@1",
    interviewer="Marc Girard",
)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as space:
        space.put_interview("G1", HELD)
        yield space


def _report(workspace: Workspace) -> bytes:
    company = workspace.require_company()
    employee = workspace.employee("G1")
    return interview_report(company, employee, HELD, "en")


def _certificate(workspace: Workspace) -> str:
    pem = seal.seal_certificate(workspace)
    assert pem is not None
    return pem


def _pyhanko_status(data: bytes, certificate_pem: str) -> Any:
    """pyHanko's own status of the one signature in ``data`` (``PdfSignatureStatus``)."""
    from pyhanko.keys import load_certs_from_pemder_data  # noqa: PLC0415

    (root,) = load_certs_from_pemder_data(certificate_pem.encode("ascii"))
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))


def test_the_revision_named_in_code_is_the_newest() -> None:
    assert HEAD_REVISION == head_revision() == "0016"  # 0016: the skills map


def test_the_company_creates_its_certificate(workspace: Workspace) -> None:
    assert not seal.has_seal(workspace)
    assert seal.seal_info(workspace) is None

    info = seal.create_company_seal(workspace)

    assert seal.has_seal(workspace)
    certificate = x509.load_pem_x509_certificate(_certificate(workspace).encode("ascii"))
    organisation = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    common = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    assert organisation[0].value == "Garage Lefèvre"
    assert common[0].value == "Garage Lefèvre — Entretien Desktop seal"
    assert certificate.issuer == certificate.subject  # self-signed
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment  # nonRepudiation
    today = datetime.now(UTC).date()
    assert info.valid_from == today
    assert info.valid_until.year == today.year + 5
    assert info.subject == certificate.subject.rfc4514_string()
    assert not info.enabled


def test_a_long_company_name_fits_the_certificate(tmp_path: Path) -> None:
    long_name = "Établissements " + "Lefèvre " * 12
    with open_workspace(tmp_path / "c.sqlite", small_company(long_name)) as workspace:
        info = seal.create_company_seal(workspace)
    assert "Entretien Desktop seal" in info.subject


def test_maybe_seal_seals_only_when_switched_on(workspace: Workspace) -> None:
    report = _report(workspace)
    assert seal.maybe_seal(workspace, report) == report  # no seal yet
    with pytest.raises(ChangeRefused):
        seal.set_sealing(workspace, True)

    seal.create_company_seal(workspace)
    assert not seal.sealing_enabled(workspace)
    assert seal.maybe_seal(workspace, report) == report  # a seal, but switched off

    seal.set_sealing(workspace, True)
    assert seal.sealing_enabled(workspace)
    sealed = seal.maybe_seal(workspace, report)
    assert sealed != report
    assert sealed.startswith(report)  # an incremental update: the report is kept as it was
    assert seal.seal_status(sealed, _certificate(workspace))[0]

    seal.set_sealing(workspace, False)
    assert seal.maybe_seal(workspace, report) == report


def test_a_sealed_report_validates_against_the_company_certificate(
    workspace: Workspace,
) -> None:
    seal.create_company_seal(workspace)
    report = _report(workspace)
    sealed = seal.seal_pdf(workspace, report)
    certificate = _certificate(workspace)

    status = _pyhanko_status(sealed, certificate)
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line

    (signature,) = PdfFileReader(io.BytesIO(sealed)).embedded_signatures
    assert signature.field_name == seal.SEAL_FIELD
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert signature.sig_object["/Reason"] == "Sealed by Garage Lefèvre"

    intact, message = seal.seal_status(sealed, certificate)
    assert intact, message
    assert "unchanged" in message
    # the report reads as before: the seal is invisible
    assert len(PdfReader(io.BytesIO(sealed)).pages) == len(PdfReader(io.BytesIO(report)).pages)


def _signed_range(data: bytes) -> tuple[int, int]:
    """The start and end of the signature's /Contents hole in ``data``."""
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    start, length_one, start_two, _length_two = signature.byte_range
    return start + length_one, start_two


def test_one_changed_byte_inside_the_signed_range_shows_as_altered(
    workspace: Workspace,
) -> None:
    seal.create_company_seal(workspace)
    sealed = seal.seal_pdf(workspace, _report(workspace))
    certificate = _certificate(workspace)
    hole_start, _hole_end = _signed_range(sealed)
    # A byte in the report's metadata, well before the signature: signed, not the signature.
    position = sealed.index(b"/Producer")
    assert position < hole_start
    altered = sealed[:position] + b"/Pxoducer" + sealed[position + len(b"/Producer") :]

    intact, message = seal.seal_status(altered, certificate)

    assert not intact
    assert "altered" in message
    status = _pyhanko_status(altered, certificate)
    assert not status.intact
    assert not status.bottom_line


def test_an_incremental_update_changing_a_page_shows_as_modified(workspace: Workspace) -> None:
    seal.create_company_seal(workspace)
    sealed = seal.seal_pdf(workspace, _report(workspace))
    certificate = _certificate(workspace)
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/MediaBox"] = generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 300, 300)])
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)
    changed = output.getvalue()

    status = _pyhanko_status(changed, certificate)
    assert status.intact  # the sealed revision is untouched...
    assert status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
    assert status.modification_level == ModificationLevel.OTHER
    assert not status.docmdp_ok  # ...but a page changed after
    assert not status.bottom_line
    intact, message = seal.seal_status(changed, certificate)
    assert not intact
    assert "changed after it was sealed" in message


def test_another_seal_or_no_seal_is_not_the_company_seal(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "other.sqlite", small_company("Autre Garage")) as other:
        seal.create_company_seal(other)
        other.put_interview("G1", HELD)
        foreign = seal.seal_pdf(other, _report(other))
        plain = _report(other)
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        seal.create_company_seal(workspace)
        certificate = _certificate(workspace)
    intact, message = seal.seal_status(foreign, certificate)
    assert not intact
    assert "not with this company's seal" in message
    assert seal.seal_status(plain, certificate) == (False, "This PDF is not sealed.")
    assert seal.seal_status(b"not a pdf at all", certificate)[0] is False


def test_the_seal_survives_reopening_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with open_workspace(path, small_company()) as workspace:
        seal.create_company_seal(workspace)
        seal.set_sealing(workspace, True)
        certificate = _certificate(workspace)
    with open_workspace(path, small_company(), create=False) as workspace:
        assert seal.has_seal(workspace)
        assert seal.sealing_enabled(workspace)
        assert _certificate(workspace) == certificate
        workspace.put_interview("G1", HELD)
        sealed = seal.maybe_seal(workspace, _report(workspace))
    assert seal.seal_status(sealed, certificate)[0]


def test_a_new_seal_replaces_the_old_and_keeps_the_switch(workspace: Workspace) -> None:
    seal.create_company_seal(workspace)
    seal.set_sealing(workspace, True)
    first = _certificate(workspace)
    seal.create_company_seal(workspace)
    assert _certificate(workspace) != first
    assert seal.sealing_enabled(workspace)
    with workspace.database.engine.connect() as connection:
        count = connection.exec_driver_sql("SELECT count(*) FROM company_seal").scalar()
    assert count == 1


@pytest.mark.file_only("a file of an old schema")
def test_a_file_of_revision_0004_upgrades_to_0005(tmp_path: Path) -> None:
    from alembic import command  # noqa: PLC0415

    from entretien_desktop.storage.migrate import alembic_config  # noqa: PLC0415

    path = tmp_path / "old.sqlite"
    with open_workspace(path, small_company()) as workspace:
        config = alembic_config()
        with workspace.database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004")
    assert read_revision(path) == "0004"
    with sqlite3.connect(path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    raw.close()
    assert "company_seal" not in tables

    with open_workspace(path, small_company(), create=False) as workspace:
        assert read_revision(path) == HEAD_REVISION
        assert not seal.has_seal(workspace)
        assert workspace.require_company() == small_company()
        seal.create_company_seal(workspace)
        assert seal.has_seal(workspace)


@pytest.mark.gui
def test_the_settings_page_creates_the_seal_and_switches_sealing(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings, Qt  # noqa: PLC0415
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    from entretien_desktop.ui.pages.settings_page import SettingsPage  # noqa: PLC0415

    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    page = SettingsPage(workspace, settings)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.seal_button.isEnabled()
    assert not page.seal_reports.isEnabled()
    assert "no seal" in page.seal_state.text()

    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes if len(asked) == 1 else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(page.seal_button, Qt.MouseButton.LeftButton)

    assert len(asked) == 1
    assert seal.has_seal(workspace)
    info = seal.seal_info(workspace)
    assert info is not None
    assert "Garage Lefèvre — Entretien Desktop seal" in page.seal_state.text()
    assert str(info.valid_until.year) in page.seal_state.text()
    assert page.seal_reports.isEnabled()
    assert not page.seal_reports.isChecked()
    assert not page.save_button.isEnabled()  # acts at once: nothing left to save

    page.seal_reports.setChecked(True)
    assert seal.sealing_enabled(workspace)
    page.seal_reports.setChecked(False)
    assert not seal.sealing_enabled(workspace)

    # A second click asks before replacing; "No" keeps the seal there is.
    certificate = _certificate(workspace)
    qtbot.mouseClick(page.seal_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert "Replace" in asked[1]
    assert _certificate(workspace) == certificate
