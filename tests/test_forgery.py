"""Forgeries of the data file that ``verify`` must see through: a foreign PDF's hash put on
record, a drawn signature changed or removed, an answer edited with the triggers dropped,
an unsealed PDF passed off as a sealed company's report. And what must still verify: a
report of an employee renamed since, reports issued before the upgrade that made the chain.

Every forgery is made as someone with an SQLite tool would: raw SQL on the closed file;
every verdict comes from the real command line and its exit code."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from entretien_desktop.cli import main
from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus, record_chain
from entretien_desktop.services import seal, signing
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.reports import interview_report
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import SignedRecordError
from tests.helpers import TODAY, db_arg, open_workspace, small_company

EXIT_OK, EXIT_NOT_VERIFIED = 0, 3

HELD = Interview(
    "G1-2",
    InterviewKind.PROFESSIONAL,
    InterviewStatus.HELD,
    TODAY,
    answers={"job_missions": "Accueil des clients, diagnostic"},
    template="professional@1",
    interviewer="Marc Girard",
)


def _png(shade: int) -> bytes:
    """A small drawing (PNG) the report can show."""
    from PIL import Image  # noqa: PLC0415

    image = Image.new("L", (60, 20), 255)
    for x in range(60):
        image.putpixel((x, (x * shade) % 20), 0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


INK, OTHER_INK = _png(1), _png(3)


@dataclass(frozen=True)
class Signed:
    db: Path
    report: Path
    """The PDF of the signed interview, written and recorded by ``report``."""


def _sign(workspace: Workspace) -> Interview:
    workspace.put_interview("G1", HELD)
    drawn = {signing.SIGNATURE_EMPLOYEE: INK, signing.SIGNATURE_INTERVIEWER: OTHER_INK}
    return signing.sign(workspace, "G1", HELD.id, TODAY, drawn)


def _report(db: Path, out: Path, interview_id: str = HELD.id) -> Path:
    assert main(["report", "--db", db_arg(db), "--interview", interview_id, "--out", str(out)]) == 0
    return out


def _verify(db: Path, pdf: Path) -> int:
    return main(["verify", "--db", db_arg(db), str(pdf)])


@pytest.fixture
def signed(tmp_path: Path) -> Signed:
    db = tmp_path / "c.sqlite"
    with open_workspace(db, small_company()) as workspace:
        _sign(workspace)
    return Signed(db, _report(db, tmp_path / "report.pdf"))


@pytest.fixture
def raw(signed: Signed) -> Iterator[sqlite3.Connection]:
    """The closed data file through the standard library, as a forger would open it."""
    connection = sqlite3.connect(signed.db)
    try:
        yield connection
    finally:
        connection.close()


_DROPPED: dict[int, list[str]] = {}


def _drop_triggers(connection: sqlite3.Connection) -> None:
    found = connection.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'")
    triggers = list(found)
    _DROPPED[id(connection)] = [sql for _name, sql in triggers]
    for name, _sql in triggers:
        connection.execute(f'DROP TRIGGER "{name}"')


def _commit(connection: sqlite3.Connection) -> None:
    """Commit what the forger did, covering their tracks: the triggers they dropped are put
    back, so the file's structure is what the program made (else the file is refused as
    altered before anything is verified: see the last test)."""
    for sql in _DROPPED.pop(id(connection), []):
        connection.execute(sql)
    connection.commit()


def _foreign_pdf(tmp_path: Path) -> Path:
    """A real report of the same interview, built but never issued from the file."""
    with open_workspace(tmp_path / "other.sqlite", small_company()) as workspace:
        interview = _sign(workspace)
        data = interview_report(workspace.require_company(), workspace.employee("G1"), interview)
    path = tmp_path / "foreign.pdf"
    path.write_bytes(data)
    return path


def _fingerprint(connection: sqlite3.Connection) -> str:
    (value,) = connection.execute(
        "SELECT fingerprint FROM interview WHERE public_id = ?", (HELD.id,)
    ).fetchone()
    return str(value)


def _append_like_the_program(
    connection: sqlite3.Connection, kind: str, subject: str, digest: str
) -> None:
    """An entry appended as this program would: a forger who knows the algorithm."""
    row = connection.execute(
        "SELECT seq, kind, subject, digest, previous, link FROM record_chain "
        "ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    last = None if row is None else record_chain.ChainEntry(*row)
    entry = record_chain.next_entry(last, kind, subject, digest)
    connection.execute(
        "INSERT INTO record_chain VALUES (?, ?, ?, ?, ?, ?, '2026-11-22T10:00:00+00:00')",
        (entry.seq, kind, subject, digest, entry.previous, entry.link),
    )


def _put_on_record(
    connection: sqlite3.Connection, pdf: Path, sealed_with: str | None = None
) -> str:
    sha = signing.file_sha256(pdf.read_bytes())
    connection.execute(
        "INSERT INTO issued_report (sha256, interview_public_id, kind, fingerprint, issued_on, "
        "sealed_with) VALUES (?, ?, 'interview_report', ?, '2026-11-22T10:00:00+00:00', ?)",
        (sha, HELD.id, _fingerprint(connection), sealed_with),
    )
    return sha


# -- forgeries ----------------------------------------------------------------------------------


def test_the_report_as_issued_verifies(signed: Signed) -> None:
    assert _verify(signed.db, signed.report) == EXIT_OK


@pytest.mark.file_only("the file altered with raw sqlite3")
def test_a_foreign_pdfs_hash_put_on_record_does_not_verify(
    signed: Signed, raw: sqlite3.Connection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = _foreign_pdf(tmp_path)
    _put_on_record(raw, foreign)
    raw.commit()
    capsys.readouterr()
    assert _verify(signed.db, foreign) == EXIT_NOT_VERIFIED
    assert "not in the chain of signed records" in capsys.readouterr().err
    assert _verify(signed.db, signed.report) == EXIT_OK  # the real one still does


@pytest.mark.file_only("the file altered with raw sqlite3")
def test_an_entry_slipped_into_the_chain_breaks_it_for_every_report(
    signed: Signed, raw: sqlite3.Connection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = _foreign_pdf(tmp_path)
    sha = _put_on_record(raw, foreign)
    # The file itself refuses an entry that does not follow the last one...
    with pytest.raises(sqlite3.IntegrityError, match="signed interview"):
        raw.execute(
            "INSERT INTO record_chain VALUES (1, 'issued_report', ?, ?, ?, ?, 'now')",
            (sha, "0" * 64, record_chain.GENESIS, "1" * 64),
        )
    # ... and one slipped in at the start, triggers dropped, breaks every link after it.
    _drop_triggers(raw)
    raw.execute("UPDATE record_chain SET seq = seq + 1000")
    raw.execute(
        "INSERT INTO record_chain VALUES (1, 'issued_report', ?, ?, ?, ?, 'now')",
        (
            sha,
            "0" * 64,
            record_chain.GENESIS,
            record_chain.link_of(record_chain.GENESIS, 1, "issued_report", sha, "0" * 64),
        ),
    )
    _commit(raw)
    capsys.readouterr()
    assert _verify(signed.db, foreign) == EXIT_NOT_VERIFIED
    assert _verify(signed.db, signed.report) == EXIT_NOT_VERIFIED
    assert "chain of signed records of this file was altered" in capsys.readouterr().err


@pytest.mark.file_only("the file altered with raw sqlite3")
def test_a_drawn_signature_changed_or_deleted_does_not_verify(
    signed: Signed, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    kind = signing.SIGNATURE_EMPLOYEE
    # The file refuses it as it is...
    with pytest.raises(sqlite3.IntegrityError, match="signed interview"):
        raw.execute("UPDATE attachment SET data = ? WHERE kind = ?", (OTHER_INK, kind))
    with pytest.raises(sqlite3.IntegrityError, match="signed interview"):
        raw.execute("DELETE FROM attachment WHERE kind = ?", (kind,))
    _drop_triggers(raw)  # ... so the forger drops its triggers first
    raw.execute("UPDATE attachment SET data = ? WHERE kind = ?", (OTHER_INK, kind))
    _commit(raw)
    capsys.readouterr()
    assert _verify(signed.db, signed.report) == EXIT_NOT_VERIFIED
    assert "no longer those it was signed with" in capsys.readouterr().err
    _drop_triggers(raw)
    raw.execute("DELETE FROM attachment WHERE kind = ?", (kind,))
    _commit(raw)
    assert _verify(signed.db, signed.report) == EXIT_NOT_VERIFIED
    assert "no longer those it was signed with" in capsys.readouterr().err


@pytest.mark.file_only("the file altered with raw sqlite3")
def test_an_answer_edited_with_the_triggers_dropped_does_not_verify(
    signed: Signed, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    _drop_triggers(raw)
    raw.execute(
        "UPDATE interview SET answers = ? WHERE public_id = ?",
        ('{"job_missions": "Accueil des clients"}', HELD.id),
    )
    _commit(raw)
    capsys.readouterr()
    assert _verify(signed.db, signed.report) == EXIT_NOT_VERIFIED
    assert "no longer matches its fingerprint" in capsys.readouterr().err


@pytest.mark.file_only("the file altered with raw sqlite3")
def test_an_answer_edited_with_its_fingerprint_recomputed_does_not_verify(
    signed: Signed, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    """The forger recomputes the fingerprint and rewrites it on the interview and the
    report's record: the chain still holds the one signed."""
    with open_workspace(signed.db, small_company(), create=False) as workspace:
        employee = workspace.employee("G1")
        stored = workspace.interview("G1", HELD.id)
    edited = replace(stored, answers={"job_missions": "Accueil des clients"})
    forged = signing.fingerprint(employee, edited)
    _drop_triggers(raw)
    raw.execute(
        "UPDATE interview SET answers = ?, fingerprint = ? WHERE public_id = ?",
        ('{"job_missions": "Accueil des clients"}', forged, HELD.id),
    )
    raw.execute("UPDATE issued_report SET fingerprint = ?", (forged,))
    _commit(raw)
    capsys.readouterr()
    assert _verify(signed.db, signed.report) == EXIT_NOT_VERIFIED
    assert "changed after it was issued" in capsys.readouterr().err


# -- what must still verify ---------------------------------------------------------------------


def test_renaming_the_employee_keeps_earlier_reports_verifying(
    signed: Signed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_workspace(signed.db, small_company(), create=False) as workspace:
        employee = workspace.employee("G1")
        renamed = replace(employee, ref="G7", last_name="Martin-Lefèvre")
        workspace.save_employee(renamed, replacing="G1")
    capsys.readouterr()
    assert _verify(signed.db, signed.report) == EXIT_OK
    assert "Éloïse Lefèvre" in capsys.readouterr().out  # as she signed
    again = _report(signed.db, tmp_path / "again.pdf")  # printed with the same fingerprint
    assert _verify(signed.db, again) == EXIT_OK


def test_a_signed_interview_keeps_its_identity_and_attachments_in_the_app(
    signed: Signed,
) -> None:
    """The new triggers refuse, through the application's own storage, to change or remove
    a report's record, the chain, or a signed interview's attachments."""
    with open_workspace(signed.db, small_company(), create=False) as workspace:
        for statement in (
            "UPDATE issued_report SET kind = 'register'",
            "DELETE FROM issued_report",
            "UPDATE record_chain SET digest = 'x'",
            "DELETE FROM record_chain",
            "UPDATE interview SET signed_identity = NULL",
            "DELETE FROM attachment",
        ):
            with pytest.raises(SignedRecordError), workspace.database.unit_of_work() as uow:
                uow.session.connection().exec_driver_sql(statement)
                uow.commit()
        with pytest.raises(SignedRecordError), workspace.database.unit_of_work() as uow:
            uow.company.add_attachment(HELD.id, signing.SIGNATURE_EMPLOYEE, "image/png", INK, "x")
            uow.commit()
        # A scan of the paper copy may follow the signature, once: then it is kept too.
        signing.attach(
            workspace, "G1", HELD.id, signing.SIGNED_SCAN, media_type="image/png", data=INK
        )
        with pytest.raises(ChangeRefused):
            signing.attach(
                workspace, "G1", HELD.id, signing.SIGNED_SCAN, media_type="image/png", data=INK
            )
        kept = signing.attachments(workspace, workspace.interview("G1", HELD.id))
    assert set(kept) == {
        signing.SIGNATURE_EMPLOYEE,
        signing.SIGNATURE_INTERVIEWER,
        signing.SIGNED_SCAN,
    }
    assert _verify(signed.db, signed.report) == EXIT_OK


def _back_to_0006(db: Path) -> None:
    """The file as the version before the chain made it (same signatures and reports)."""
    from alembic import command  # noqa: PLC0415

    from entretien_desktop.storage.migrate import alembic_config  # noqa: PLC0415

    with open_workspace(db, small_company(), create=False) as workspace:
        config = alembic_config()
        with workspace.database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
    with sqlite3.connect(db) as old:
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    old.close()
    assert "record_chain" not in tables


def test_reports_issued_before_the_chain_existed_still_verify(
    signed: Signed, tmp_path: Path
) -> None:
    register = tmp_path / "register.pdf"
    assert main(["register", "--db", db_arg(signed.db), "--out", str(register)]) == 0
    _back_to_0006(signed.db)
    # Opening it upgrades it: the chain is built from what the file holds.
    assert _verify(signed.db, signed.report) == EXIT_OK
    with open_workspace(signed.db, small_company(), create=False) as workspace:
        workspace.update_employee("G1", lambda: "rename", last_name="Martin")
        with workspace.reading() as store:
            kinds = [e.kind for e in store.chain()]
    assert kinds == [record_chain.SIGNATURE, record_chain.ISSUED_REPORT, record_chain.ISSUED_REPORT]
    assert _verify(signed.db, signed.report) == EXIT_OK


def test_an_imported_signed_interview_is_chained(signed: Signed, tmp_path: Path) -> None:
    exported = tmp_path / "company.json"
    assert main(["export", "--db", db_arg(signed.db), "--out", str(exported)]) == 0
    db = tmp_path / "imported.sqlite"
    assert main(["import", "--db", db_arg(db), str(exported)]) == 0
    assert _verify(db, _report(db, tmp_path / "imported.pdf")) == EXIT_OK


# -- a sealed company ---------------------------------------------------------------------------


@pytest.fixture
def sealed(tmp_path: Path) -> Signed:
    db = tmp_path / "sealed.sqlite"
    with open_workspace(db, small_company()) as workspace:
        seal.create_company_seal(workspace)
        seal.set_sealing(workspace, True)
        _sign(workspace)
    return Signed(db, _report(db, tmp_path / "sealed-report.pdf"))


def _certificate_sha256(db: Path) -> str:
    with open_workspace(db, small_company(), create=False) as workspace:
        pem = seal.seal_certificate(workspace)
    assert pem is not None
    return record_chain.certificate_sha256(pem)


def test_a_sealed_companys_report_verifies_with_its_seal(sealed: Signed) -> None:
    assert _verify(sealed.db, sealed.report) == EXIT_OK


@pytest.mark.file_only("the file altered with raw sqlite3")
@pytest.mark.parametrize("claims_a_seal", [False, True])
def test_an_unsealed_pdf_chained_like_the_program_does_not_verify_for_a_sealed_company(
    sealed: Signed, tmp_path: Path, claims_a_seal: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even a forger who appends a well-linked entry for the PDF is refused: the company
    sealed every report then, and this one carries no seal."""
    foreign = _foreign_pdf(tmp_path)
    sealed_with = _certificate_sha256(sealed.db) if claims_a_seal else None
    connection = sqlite3.connect(sealed.db)
    try:
        sha = _put_on_record(connection, foreign, sealed_with)
        fingerprint = _fingerprint(connection)
        digest = record_chain.issued_digest(
            sha, "interview_report", HELD.id, fingerprint, sealed_with
        )
        _append_like_the_program(connection, record_chain.ISSUED_REPORT, sha, digest)
        connection.commit()
    finally:
        connection.close()
    capsys.readouterr()
    assert _verify(sealed.db, foreign) == EXIT_NOT_VERIFIED
    expected = "not sealed" if claims_a_seal else "without the seal"
    assert expected in capsys.readouterr().err


def test_a_sealed_companys_reports_issued_before_the_chain_still_verify(
    sealed: Signed, tmp_path: Path
) -> None:
    _back_to_0006(sealed.db)
    assert _verify(sealed.db, sealed.report) == EXIT_OK
    after = _report(sealed.db, tmp_path / "after.pdf")  # sealed, as the chain now says
    assert _verify(sealed.db, after) == EXIT_OK


def test_a_report_sealed_while_sealing_was_switched_off_is_issued_unsealed(
    sealed: Signed, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The switch turned off on the interface thread while a worker sealed a report: the
    report is handed out as the company now issues them, and verifies."""
    with open_workspace(sealed.db, small_company(), create=False) as workspace:
        sealing = seal.seal_with

        def switched_off_meanwhile(*args: Any) -> bytes:
            seal.set_sealing(workspace, False)
            return sealing(*args)

        monkeypatch.setattr(seal, "seal_with", switched_off_meanwhile)
        stored = workspace.interview("G1", HELD.id)
        data = interview_report(workspace.require_company(), workspace.employee("G1"), stored)
        issued = signing.issue(workspace, data, "interview_report", stored)
    assert issued == data  # not sealed
    pdf = tmp_path / "issued.pdf"
    pdf.write_bytes(issued)
    assert _verify(sealed.db, pdf) == EXIT_OK


def test_reports_issued_before_the_seal_still_verify_once_it_is_on(
    signed: Signed, tmp_path: Path
) -> None:
    with open_workspace(signed.db, small_company(), create=False) as workspace:
        seal.create_company_seal(workspace)
        seal.set_sealing(workspace, True)
    assert _verify(signed.db, signed.report) == EXIT_OK
    after = _report(signed.db, tmp_path / "after.pdf")
    assert _verify(signed.db, after) == EXIT_OK
    with open_workspace(signed.db, small_company(), create=False) as workspace:
        seal.create_company_seal(workspace)  # a new seal: earlier sealed reports stay good
    assert _verify(signed.db, after) == EXIT_OK


# -- the register anchors the chain -------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"), [("en", "Chain of signed records"), ("fr", "Chaîne des actes signés")]
)
def test_the_register_prints_the_chain_head(
    signed: Signed, tmp_path: Path, language: str, words: str
) -> None:
    with open_workspace(signed.db, small_company(), create=False) as workspace:
        head = signing.chain_head(workspace)
    assert head is not None
    out = tmp_path / "register.pdf"
    args = ["register", "--db", db_arg(signed.db), "--out", str(out), "--lang", language]
    assert main(args) == 0
    text = " ".join(
        page.extract_text().replace("\u00a0", " ")
        for page in PdfReader(io.BytesIO(out.read_bytes())).pages
    )
    assert words in text
    assert record_chain.short_link(head.link) in text


@pytest.mark.file_only("the file altered with raw sqlite3")
def test_a_file_whose_triggers_were_dropped_and_left_so_verifies_nothing(
    signed: Signed, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    _drop_triggers(raw)
    raw.commit()
    capsys.readouterr()
    assert _verify(signed.db, signed.report) == EXIT_NOT_VERIFIED
    assert "is damaged" in capsys.readouterr().err
