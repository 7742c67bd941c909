"""``entretien-desktop --self-test``: does this installation work, end to end?

Each check exercises one thing a bundle or an installation may lack (a catalog, a template,
a font, the migrations, pyHanko, a Qt module), on a demo company made in a temporary folder
that is removed afterwards. One line per check, and the exit code 0 only when every check
passed. A windowed program has no console: ``--self-test-output`` writes the same lines to a
file as well.
"""

from __future__ import annotations

import gettext
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from entretien_desktop.domain import Company, Employee, Interview, InterviewKind
from entretien_desktop.i18n import DOMAIN, LOCALE_DIR, SUPPORTED_LANGUAGES, language_context

MIN_CATALOG_MESSAGES = 500
"""A compiled catalog with fewer messages is not the program's (an empty or stale one)."""

NARROW_NO_BREAK_SPACE = "\u202f"

Check = Callable[["_Context"], str]


@dataclass
class _Context:
    """What the checks share: the temporary folder, and the demo company once made."""

    folder: Path
    company: Company | None = None


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    detail: str

    @property
    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.name}: {self.detail}"


def _catalogs(_context: _Context) -> str:
    counts = []
    for language in SUPPORTED_LANGUAGES:
        if language == "en":
            continue  # the source language: its catalog may be empty
        # No fallback: a missing catalog raises instead of speaking English silently.
        catalog = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language])
        messages = len(getattr(catalog, "_catalog", {}))
        if messages < MIN_CATALOG_MESSAGES:
            raise RuntimeError(f"the {language} catalog holds only {messages} messages")
        counts.append(f"{language} {messages}")
    return ", ".join(counts)


def _templates(_context: _Context) -> str:
    from entretien_desktop.services.templates import (  # noqa: PLC0415
        built_in_template,
        built_in_templates,
        previous_built_in_templates,
    )

    # Read from the files now, not from what this process may have read before.
    built_in_templates.cache_clear()
    previous_built_in_templates.cache_clear()
    for kind in InterviewKind:
        built_in_template(kind)  # raises when a kind has no template
    current, previous = built_in_templates(), previous_built_in_templates()
    return f"{len(current)} templates, {len(previous)} earlier versions"


def _demo_file(context: _Context) -> str:
    from entretien_desktop.services.company_file import import_company  # noqa: PLC0415
    from entretien_desktop.services.demo import build_demo_company  # noqa: PLC0415
    from entretien_desktop.storage import open_database  # noqa: PLC0415

    path = context.folder / "self-test.entretien"
    with open_database(path) as database:
        summary = import_company(database, build_demo_company(date.today()))
    with open_database(path) as database:  # read back through the migrations' head
        from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415

        context.company = Workspace(database).require_company()
    return f"{summary.employees} employees written and read back"


def _company(context: _Context) -> Company:
    if context.company is None:
        raise RuntimeError("no demo company (the data file check failed)")
    return context.company


def _rules(context: _Context) -> str:
    from entretien_desktop.rules import evaluate_company  # noqa: PLC0415

    obligations = evaluate_company(_company(context), date.today())
    if not obligations:
        raise RuntimeError("the demo company has no obligation")
    return f"{len(obligations)} obligations"


def _signed_interview(company: Company) -> tuple[Employee, Interview]:
    for employee in company.employees:
        for interview in employee.interviews:
            if interview.signed_on is not None and employee.language == "fr":
                return employee, interview
    raise RuntimeError("the demo company has no signed interview")


def _pdf_text(data: bytes, folder: Path) -> str:
    """The text of a PDF as Qt's PDF module reads it (the module the window shows with)."""
    from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415

    path = folder / "read-back.pdf"
    path.write_bytes(data)
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready:
        raise RuntimeError(f"Qt could not read the PDF back ({document.error().name})")
    text = "".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    return text


def _report(context: _Context) -> str:
    from entretien_desktop.services.reports import interview_report  # noqa: PLC0415

    company = _company(context)
    employee, interview = _signed_interview(company)
    with language_context("fr"):
        data = interview_report(company, employee, interview, "fr")
    if b"/FontFile2" not in data:
        raise RuntimeError("the PDF embeds no TrueType font")
    text = _pdf_text(data, context.folder)
    if employee.last_name not in text:
        raise RuntimeError("the employee's name is not in the PDF's text")
    missing = _glyphs_missing()
    if missing:
        raise RuntimeError(f"the embedded fonts lack {missing}")
    return f"{len(data) // 1024} KB, {employee.full_name} read back, fonts embedded"


def _glyphs_missing() -> str:
    """The characters French reports need that the embedded faces lack: accents, the
    no-break spaces babel and French typography put in amounts and dates (U+00A0, U+202F)."""
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415

    from entretien_desktop.services.reports.fonts import BOLD, REGULAR  # noqa: PLC0415

    needed = ("é", "’", "€", "\u00a0", NARROW_NO_BREAK_SPACE)
    missing = []
    for name in (REGULAR, BOLD):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        missing += [f"U+{ord(c):04X} in {name}" for c in needed if ord(c) not in glyphs]
    return ", ".join(missing)


def _sign_and_verify(context: _Context) -> str:
    from entretien_desktop.services.reports import interview_report  # noqa: PLC0415
    from entretien_desktop.services.seal import create_company_seal, set_sealing  # noqa: PLC0415
    from entretien_desktop.services.signing import issue, verify  # noqa: PLC0415
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415
    from entretien_desktop.storage import open_database  # noqa: PLC0415

    done = []
    with open_database(context.folder / "self-test.entretien") as database:
        workspace = Workspace(database)
        company = workspace.require_company()
        employee, interview = _signed_interview(company)
        for sealed in (False, True):
            if sealed:
                create_company_seal(workspace)
                set_sealing(workspace, True)
            with language_context("fr"):
                data = interview_report(company, employee, interview, "fr")
            issued = issue(workspace, data, "interview_report", interview)
            pdf = context.folder / f"report-{'sealed' if sealed else 'signed'}.pdf"
            pdf.write_bytes(issued)
            verdict = verify(workspace, pdf)
            if not verdict.ok:
                raise RuntimeError(verdict.message)
            done.append("sealed report verified" if sealed else "signed report verified")
    return ", ".join(done)


def _window(context: _Context) -> str:
    from PySide6.QtCore import QSettings, QThreadPool  # noqa: PLC0415
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from entretien_desktop.app import build_window  # noqa: PLC0415
    from entretien_desktop.services.errors import UserError  # noqa: PLC0415
    from entretien_desktop.storage import open_database  # noqa: PLC0415
    from entretien_desktop.ui.file_menu import FileActions  # noqa: PLC0415

    application = QApplication.instance() or QApplication(["entretien-desktop"])
    settings = QSettings(str(context.folder / "settings.ini"), QSettings.Format.IniFormat)
    pool = QThreadPool()

    def nothing(*_args: object) -> None:
        return None

    files = FileActions(
        open_file=nothing,
        new_file=nothing,
        save_copy=nothing,
        create_demo=nothing,
        user_errors=(UserError,),
    )
    with open_database(context.folder / "self-test.entretien") as database:
        window = build_window(database, settings, files, pool)
        window.show()
        application.processEvents()
        title = window.windowTitle()
        window.close()
        pool.waitForDone()
        application.processEvents()
        window.deleteLater()
        application.processEvents()
    return f"opened and closed ({QGuiApplication.platformName()}): {title}"


def _server_driver(_context: _Context) -> str:
    """The PostgreSQL driver with its libpq, and the keychain's backends (found by entry
    point): what connecting to a server needs, and a bundle may leave out. Nothing is
    connected to and no keychain is opened."""
    from importlib.metadata import entry_points, version  # noqa: PLC0415
    from importlib.util import find_spec  # noqa: PLC0415

    import keyring  # noqa: PLC0415, F401
    import psycopg  # noqa: PLC0415

    backends = []
    for point in sorted(entry_points(group="keyring.backends"), key=lambda p: p.name):
        point.load()  # the backend's module, imported as keyring does
        backends.append(point.name)
    if not backends:
        raise RuntimeError("keyring has no backend")
    if sys.platform.startswith("linux") and find_spec("secretstorage") is None:
        raise RuntimeError("keyring's SecretService backend lacks secretstorage")
    return (
        f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), libpq {psycopg.pq.version()}; "
        f"keyring {version('keyring')} ({', '.join(backends)})"
    )


CHECKS: tuple[tuple[str, Check], ...] = (
    ("catalogs", _catalogs),
    ("templates", _templates),
    ("data file", _demo_file),
    ("rules", _rules),
    ("report PDF", _report),
    ("signature and seal", _sign_and_verify),
    ("main window", _window),
    ("server driver", _server_driver),
)


@contextmanager
def _offscreen_unless_shown() -> Iterator[None]:
    """Qt draws offscreen unless a platform was chosen: the test needs no display."""
    chosen = os.environ.get("QT_QPA_PLATFORM")
    if chosen is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        if chosen is None:
            os.environ.pop("QT_QPA_PLATFORM", None)


def run_checks(checks: Sequence[tuple[str, Check]] = CHECKS) -> list[Outcome]:
    """Every check, in order, each whatever became of the ones before."""
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="entretien-self-test-") as folder:
        context = _Context(Path(folder))
        with _offscreen_unless_shown():
            for name, check in checks:
                try:
                    outcomes.append(Outcome(name, True, check(context)))
                except Exception as error:  # every failure is a finding
                    last = traceback.extract_tb(error.__traceback__)[-1]
                    where = f"{Path(last.filename).name}:{last.lineno}"
                    detail = f"{type(error).__name__}: {error} ({where})"
                    outcomes.append(Outcome(name, False, detail))
    return outcomes


def self_test(output: Path | None = None) -> int:
    """Run every check, print a line for each (and write them to ``output``); 0 when all
    passed, 1 otherwise."""
    outcomes = run_checks()
    failed = [o for o in outcomes if not o.ok]
    summary = (
        f"self-test: {len(outcomes) - len(failed)} of {len(outcomes)} checks passed"
        if failed
        else f"self-test: all {len(outcomes)} checks passed"
    )
    lines = [o.line for o in outcomes] + [summary]
    for line in lines:
        print(line, flush=True)
    if output is not None:
        output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0
