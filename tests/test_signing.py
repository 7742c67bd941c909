"""Signed interviews: fingerprinted, refused any change by the workspace and by the file
itself, corrected only through amendments; verify recognises an unaltered report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.services import signing
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import SignedRecordError
from tests.helpers import TODAY, db_arg, open_workspace, small_company

HELD = Interview(
    "G1-2",
    InterviewKind.PROFESSIONAL,
    InterviewStatus.HELD,
    TODAY,
    answers={"job_missions": "Accueil des clients, diagnostic"},
    template="professional@1",
    interviewer="Marc Girard",
)


def _signed(workspace: Workspace) -> Interview:
    workspace.put_interview("G1", HELD)
    return signing.sign(workspace, "G1", HELD.id, TODAY)


def test_signing_stores_the_fingerprint_of_the_content(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        signed = _signed(workspace)
        employee = workspace.employee("G1")
    assert signed.signed_on == TODAY
    assert signed.fingerprint == signing.fingerprint(employee, signed)
    assert len(signed.fingerprint or "") == 64
    changed = replace(signed, answers={"job_missions": "Accueil des clients, diagnostics"})
    assert signing.fingerprint(employee, changed) != signed.fingerprint


def test_the_fingerprint_does_not_depend_on_the_order_of_answers() -> None:
    employee = small_company().employees[0]
    one = replace(HELD, answers={"a": "1", "b": ["x", "y"]})
    two = replace(HELD, answers={"b": ["x", "y"], "a": "1"})
    assert signing.fingerprint(employee, one) == signing.fingerprint(employee, two)


def test_the_file_itself_refuses_to_change_or_drop_a_signed_interview(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        signed = _signed(workspace)
        with pytest.raises(ChangeRefused):
            workspace.put_interview("G1", replace(signed, place="ailleurs"))
        # Below the workspace's checks: the data file's own triggers.
        with pytest.raises(SignedRecordError), workspace.database.unit_of_work() as uow:
            uow.company.put_interview("G1", replace(signed, answers={"job_missions": "x"}))
            uow.commit()
        employee = workspace.employee("G1")
        others = tuple(i for i in employee.interviews if i.id != signed.id)
        with pytest.raises(ChangeRefused):
            workspace.save_employee(replace(employee, interviews=others), replacing="G1")
        with pytest.raises(SignedRecordError), workspace.database.unit_of_work() as uow:
            uow.company.put_employee(replace(employee, interviews=others), replacing="G1")
            uow.commit()
        # Changing anything else of the employee keeps the signed record as it was.
        workspace.save_employee(replace(employee, job_title="Cheffe d'atelier"), replacing="G1")
    with open_workspace(tmp_path / "c.sqlite", small_company(), create=False) as workspace:
        kept = next(i for i in workspace.employee("G1").interviews if i.id == signed.id)
        assert kept == signed
        assert workspace.employee("G1").job_title == "Cheffe d'atelier"


def test_decisions_on_training_requests_may_follow_a_signature(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        signed = _signed(workspace)
        workspace.put_interview("G1", replace(signed, follow_up={"0": "approved"}))
        kept = next(i for i in workspace.employee("G1").interviews if i.id == signed.id)
    assert kept.follow_up == {"0": "approved"}
    assert kept.fingerprint == signed.fingerprint


def test_an_amendment_is_a_new_version_pointing_to_the_signed_one(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        signed = _signed(workspace)
        amendment = signing.amend(workspace, "G1", signed.id)
        assert amendment.id == "G1-2-A1"
        assert amendment.amends == signed.id
        assert amendment.signed_on is None
        corrected = replace(amendment, answers={"job_missions": "Accueil, diagnostic, devis"})
        workspace.put_interview("G1", corrected)
        resigned = signing.sign(workspace, "G1", corrected.id, TODAY)
        employee = workspace.employee("G1")
        assert signing.latest_version(employee, signed.id) == resigned
        workspace.put_interview("G1", replace(HELD, id="G1-9"))
        with pytest.raises(ChangeRefused):
            signing.amend(workspace, "G1", "G1-9")


def test_verify_knows_the_reports_it_issued_byte_for_byte(tmp_path: Path) -> None:
    pdf = b"%PDF-1.7\n" + "Rapport d'entretien — Éloïse".encode() + b"\n%%EOF\n"
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        signed = _signed(workspace)
        signing.record_issued(workspace, pdf, "interview_report", signed)
        good = tmp_path / "report.pdf"
        good.write_bytes(pdf)
        verdict = signing.verify(workspace, good)
        assert verdict.ok
        assert verdict.interview_id == signed.id
        assert "Éloïse Lefèvre" in verdict.message
        altered = tmp_path / "altered.pdf"
        altered.write_bytes(pdf[:12] + bytes([pdf[12] ^ 1]) + pdf[13:])
        assert not signing.verify(workspace, altered).ok
        unsigned = replace(HELD, id="G1-3")
        workspace.put_interview("G1", unsigned)
        draft_pdf = tmp_path / "draft.pdf"
        draft_pdf.write_bytes(pdf + b"draft")
        signing.record_issued(workspace, pdf + b"draft", "interview_report", unsigned)
        assert not signing.verify(workspace, draft_pdf).ok


@pytest.mark.file_only("a file of an old schema")
def test_a_file_from_schema_0002_moves_its_decisions_out_of_the_details(tmp_path: Path) -> None:
    # 0002 kept decisions inside the details; 0003 gives them their own column.
    import sqlite3  # noqa: PLC0415

    from alembic import command  # noqa: PLC0415

    from entretien_desktop.storage.migrate import alembic_config  # noqa: PLC0415

    path = tmp_path / "old.sqlite"
    with open_workspace(path, small_company()) as workspace:
        workspace.put_interview("G1", replace(HELD, follow_up={"0": "done"}, place="Atelier"))
        config = alembic_config()
        with workspace.database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
            connection.exec_driver_sql(
                "UPDATE interview SET details = json_set(coalesce(details, '{}'), "
                "'$.follow_up', json('{\"0\": \"done\"}')) WHERE public_id = 'G1-2'"
            )
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    with open_workspace(path, small_company(), create=False) as workspace:
        kept = next(i for i in workspace.employee("G1").interviews if i.id == "G1-2")
    assert kept.follow_up == {"0": "done"}
    assert kept.place == "Atelier"


def test_the_demos_signed_interviews_carry_their_fingerprint() -> None:
    from entretien_desktop.services.demo import build_demo_company  # noqa: PLC0415

    company = build_demo_company(TODAY)
    signed = [(e, i) for e in company.employees for i in e.interviews if i.signed_on]
    assert len(signed) >= 4
    assert all(i.fingerprint == signing.fingerprint(e, i) for e, i in signed)


def test_verify_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from entretien_desktop.cli import main  # noqa: PLC0415

    db = tmp_path / "c.sqlite"
    with open_workspace(db, small_company()) as workspace:
        signed = _signed(workspace)
        workspace.put_interview("G1", replace(HELD, id="G1-3"))
    pdf, draft = tmp_path / "signed.pdf", tmp_path / "draft.pdf"
    assert main(["report", "--db", db_arg(db), "--interview", signed.id, "--out", str(pdf)]) == 0
    assert main(["report", "--db", db_arg(db), "--interview", "G1-3", "--out", str(draft)]) == 0
    capsys.readouterr()
    assert main(["verify", "--db", db_arg(db), str(pdf)]) == 0
    assert signed.id in capsys.readouterr().out
    assert main(["verify", "--db", db_arg(db), str(draft)]) == 3
    assert "not signed" in capsys.readouterr().err
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01  # one byte changed in the middle of the file
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    assert main(["verify", "--db", db_arg(db), str(altered)]) == 3
    assert "altered" in capsys.readouterr().err
    assert main(["verify", "--db", db_arg(db), str(tmp_path / "none.pdf")]) == 2


def test_signatures_and_a_scan_are_kept_with_the_interview(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        workspace.put_interview("G1", HELD)
        signing.attach(
            workspace, "G1", HELD.id, signing.SIGNATURE_EMPLOYEE, media_type="image/png", data=png
        )
        signing.attach(
            workspace,
            "G1",
            HELD.id,
            signing.SIGNATURE_EMPLOYEE,
            media_type="image/png",
            data=png[::-1],
        )
        signed = signing.sign(workspace, "G1", HELD.id, TODAY)
        with pytest.raises(ChangeRefused):
            signing.attach(
                workspace,
                "G1",
                signed.id,
                signing.SIGNATURE_INTERVIEWER,
                media_type="image/png",
                data=png,
            )
        signing.attach(
            workspace,
            "G1",
            signed.id,
            signing.SIGNED_SCAN,
            media_type="application/pdf",
            data=b"%PDF scan",
        )
    with open_workspace(tmp_path / "c.sqlite", small_company(), create=False) as workspace:
        kept = signing.attachments(workspace, signed)
    assert kept == {
        signing.SIGNATURE_EMPLOYEE: ("image/png", png[::-1]),  # the last drawing
        signing.SIGNED_SCAN: ("application/pdf", b"%PDF scan"),
    }


@pytest.mark.file_only("raw sqlite3 (test_postgres_storage has the server's)")
def test_raw_sql_cannot_change_or_delete_a_signed_interview(tmp_path: Path) -> None:
    import sqlite3  # noqa: PLC0415

    path = tmp_path / "c.sqlite"
    with open_workspace(path, small_company()) as workspace:
        signed = _signed(workspace)
        amendment = signing.amend(workspace, "G1", signed.id)
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="signed interview"):
            connection.execute(
                "UPDATE interview SET answers = '{}' WHERE public_id = ?", (signed.id,)
            )
        with pytest.raises(sqlite3.IntegrityError, match="signed interview"):
            connection.execute("DELETE FROM interview WHERE public_id = ?", (signed.id,))
        # The unsigned amendment can still be corrected.
        connection.execute(
            "UPDATE interview SET answers = ? WHERE public_id = ?",
            ('{"job_missions": "corrigé"}', amendment.id),
        )
        connection.commit()
    finally:
        connection.close()
    with open_workspace(path, small_company(), create=False) as workspace:
        interviews = {i.id: i for i in workspace.employee("G1").interviews}
    assert interviews[signed.id] == signed  # the original, intact
    assert interviews[amendment.id].answers == {"job_missions": "corrigé"}


def test_drawn_signatures_appear_in_the_report_and_a_sealed_report_verifies(
    tmp_path: Path,
) -> None:
    import io  # noqa: PLC0415

    from pypdf import PdfReader  # noqa: PLC0415
    from PySide6.QtCore import QBuffer, QIODevice  # noqa: PLC0415
    from PySide6.QtGui import QColor, QImage, QPainter  # noqa: PLC0415

    from entretien_desktop.services import seal  # noqa: PLC0415
    from entretien_desktop.services.reports import interview_report  # noqa: PLC0415

    def drawing(rise: int) -> bytes:
        image = QImage(240, 80, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawLine(10, 60, 230, rise)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(buffer.data().data())

    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        workspace.put_interview("G1", HELD)
        signing.attach(
            workspace,
            "G1",
            HELD.id,
            signing.SIGNATURE_EMPLOYEE,
            media_type="image/png",
            data=drawing(10),
        )
        signing.attach(
            workspace,
            "G1",
            HELD.id,
            signing.SIGNATURE_INTERVIEWER,
            media_type="image/png",
            data=drawing(40),
        )
        signed = signing.sign(workspace, "G1", HELD.id, TODAY)
        company, employee = workspace.require_company(), workspace.employee("G1")
        drawn = signing.drawn_signatures(workspace, signed)
        with_ink = interview_report(company, employee, signed, "fr", signatures=drawn)
        without = interview_report(company, employee, signed, "fr")
        images = sum(len(page.images) for page in PdfReader(io.BytesIO(with_ink)).pages)
        assert images == 2
        assert sum(len(p.images) for p in PdfReader(io.BytesIO(without)).pages) == 0

        seal.create_company_seal(workspace)
        seal.set_sealing(workspace, True)
        issued = signing.issue(workspace, with_ink, "interview_report", signed)
        assert issued != with_ink
        certificate = seal.seal_certificate(workspace)
        assert certificate is not None
        assert seal.seal_status(issued, certificate)[0]
        copy = tmp_path / "sealed.pdf"
        copy.write_bytes(issued)
        assert signing.verify(workspace, copy).ok
