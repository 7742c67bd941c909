"""The command line (docs/company-file.md): open the application, demo, import, export, check,
report, verify, register, audit, purge, backup, backups, restore, verify-file; copy a
company between a data file and a server (docs/server.md).

Exit codes: 0 done; 2 the input was refused (every problem on standard error, one a line,
with its JSON path; nothing written); 1 an unexpected failure or an environment problem
(file locked, read-only, disk full, newer version), explained in one message.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from entretien_desktop import __version__
from entretien_desktop.i18n import _, ngettext, set_language, system_language
from entretien_desktop.paths import default_database_path

if TYPE_CHECKING:
    from entretien_desktop.storage import Database
    from entretien_desktop.storage.cipher import FileKey

T = TypeVar("T")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_REFUSED = 2
EXIT_NOT_VERIFIED = 3

log = logging.getLogger(__name__)


class Refused(Exception):
    """The user's input cannot be used; the message lines say why."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


def _db_target(raw: str) -> Path | str:
    """``--db``: a data file's path, or a server's URL (``postgresql://...``) kept as text."""
    return raw if "://" in raw else Path(raw)


def _file_only(args: argparse.Namespace, reason: str) -> None:
    """Refuse a command that works on a data file when ``--db`` names a server."""
    if isinstance(getattr(args, "db", None), str):
        raise Refused(
            [
                _("{command} works on a data file, not on a server: {reason}").format(
                    command=args.command or "entretien-desktop", reason=reason
                )
            ]
        )


def _common_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = default_database_path() if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        type=_db_target,
        default=default,
        metavar=_("PATH"),
        help=_(
            "the data file (default: {path}), or a PostgreSQL server's database: "
            "postgresql://USER@HOST/DATABASE"
        ).format(path=default_database_path()),
    )
    parser.add_argument(
        "--lang",
        default=None if top else argparse.SUPPRESS,
        metavar=_("LANG"),
        help=_("language of messages: fr, en, nl or nb (default: the system's)"),
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        metavar=_("FILE"),
        help=_(
            "read the data file's passphrase from the first line of FILE (a new file is "
            "then created encrypted); without it, the passphrase of an encrypted file is "
            "asked on a terminal"
        ),
    )


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915 (one statement a command)
    parser = argparse.ArgumentParser(
        prog="entretien-desktop",
        description=_("Employee interviews and their legal obligations, offline."),
    )
    parser.add_argument("--version", action="version", version=f"entretien-desktop {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("check that this installation works (catalogs, templates, PDFs, window) and exit"),
    )
    parser.add_argument(
        "--self-test-output",
        type=Path,
        default=None,
        metavar=_("PATH"),
        help=_("also write the self-test's lines to this file"),
    )
    _common_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    demo = commands.add_parser("demo", help=_("write a demo company into a new file"))
    _common_options(demo, top=False)

    load = commands.add_parser("import", help=_("load a company file into a new or empty file"))
    _common_options(load, top=False)
    load.add_argument("file", type=Path, metavar=_("FILE.json"), help=_("the company file"))

    dump = commands.add_parser("export", help=_("write the whole company as a company file"))
    _common_options(dump, top=False)
    dump.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE.json"), help=_("where to write")
    )
    check = commands.add_parser("check", help=_("list the obligations as of a date"))
    _common_options(check, top=False)
    _as_of_option(check)
    check.add_argument(
        "--json", action="store_true", help=_("write the JSON of the company file format")
    )
    report = commands.add_parser(
        "report",
        help=_("write the PDF report of an interview"),
        description=_(
            "Write the PDF report of an interview, in the language of --lang if given, else "
            "in the employee's."
        ),
    )
    _common_options(report, top=False)
    report.add_argument("--interview", required=True, metavar=_("ID"), help=_("the interview's id"))
    report.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE.pdf"), help=_("where to write")
    )
    verify = commands.add_parser(
        "verify",
        help=_("check that a PDF is an unaltered report of a signed interview"),
        description=_(
            "Exit 0 and name the interview when the PDF is an unaltered report of a signed "
            "record whose fingerprint matches; exit 3 with the reason otherwise."
        ),
    )
    _common_options(verify, top=False)
    verify.add_argument("pdf", type=Path, metavar=_("FILE.pdf"), help=_("the PDF to check"))
    register = commands.add_parser(
        "register",
        help=_("write the compliance register as a PDF"),
        description=_(
            "Write the compliance register (every employee, the last professional interview, "
            "what is due within 12 months with its legal basis, the money owed and the money "
            "possible apart, later deadlines in an annex) as of a date, in the language of "
            "--lang."
        ),
    )
    _common_options(register, top=False)
    register.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE.pdf"), help=_("where to write")
    )
    _as_of_option(register)
    audit = commands.add_parser(
        "audit",
        help=_("check the journal of changes (who changed what, when)"),
        description=_(
            "Exit 0 when every entry of the journal of changes follows from the one before "
            "it; exit 3 naming the first that does not (an entry changed, removed or moved "
            "outside the program). --list prints the entries."
        ),
    )
    _common_options(audit, top=False)
    audit.add_argument("--list", action="store_true", help=_("print every entry"))
    audit.add_argument(
        "--employee", default=None, metavar=_("REF"), help=_("only the entries about REF")
    )
    purge = commands.add_parser(
        "purge",
        help=_("list, or delete for good, the employees past retention"),
        description=_(
            "List the employees who left more than the retention years of the privacy "
            "notice ago, with what will be deleted. --yes deletes them for good, with their "
            "interviews, signed ones included: this cannot be undone."
        ),
    )
    _common_options(purge, top=False)
    purge.add_argument(
        "--dry-run", action="store_true", help=_("only list what would be deleted (the default)")
    )
    purge.add_argument("--yes", action="store_true", help=_("delete them for good"))
    backup = commands.add_parser(
        "backup",
        help=_("write a checked backup of the data file into a folder, then rotate it"),
        description=_(
            "Write a backup of the data file into the folder (checked with SQLite's "
            "integrity check, readable by you alone), then delete the backups the rotation "
            "does not keep: the newest of each of the last 7 days, 4 weeks and 12 months."
        ),
    )
    _common_options(backup, top=False)
    backup.add_argument(
        "--out", type=Path, required=True, metavar=_("FOLDER"), help=_("the backups' folder")
    )
    backups = commands.add_parser(
        "backups", help=_("list the backups in a folder, newest first, with what they hold")
    )
    _common_options(backups, top=False)
    backups.add_argument(
        "--dir", type=Path, required=True, metavar=_("FOLDER"), help=_("the backups' folder")
    )
    restore = commands.add_parser(
        "restore",
        help=_("restore a backup into a new data file"),
        description=_(
            "Check a backup and write it into a new data file, brought up to this version; "
            "an existing file is never overwritten."
        ),
    )
    _common_options(restore, top=False)
    restore.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar=_("BACKUP"),
        help=_("the backup to restore"),
    )
    restore.add_argument(
        "--to",
        dest="target",
        type=Path,
        required=True,
        metavar=_("FILE"),
        help=_("the new data file to write"),
    )
    verify_file = commands.add_parser(
        "verify-file",
        help=_("check every page and record of a data file (a full integrity check)"),
        description=_(
            "Read the data file whole, without changing it: SQLite's integrity check of "
            "every page and the check of every reference between records. Exit 0 when the "
            "file is whole; exit 3 listing the problems, with the latest good backup in the "
            "backups' folder and the command that restores it into a new file."
        ),
    )
    _common_options(verify_file, top=False)
    verify_file.add_argument(
        "--dir",
        type=Path,
        default=None,
        metavar=_("FOLDER"),
        help=_("the backups' folder (default: backups, beside the data file)"),
    )
    server_init = commands.add_parser(
        "server-init",
        help=_("make the schema of this version in a PostgreSQL server's database"),
        description=_(
            "Create the tables of this version in an empty database of a PostgreSQL server, "
            "or bring an older one up to it (one transaction); another program's database "
            "or a newer version's is refused untouched (docs/server.md)."
        ),
    )
    _common_options(server_init, top=False)
    _add_import_sheet(commands)
    _add_import_dsn(commands)
    _add_export_xlsx(commands)
    _add_skills_matrix(commands)
    _add_copy(commands)
    _add_server_user(commands)
    return parser


def _add_copy(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    copy = commands.add_parser(
        "copy",
        help=_("copy a whole company between a data file and a PostgreSQL server"),
        description=_(
            "Copy the whole company, with its history (signed interviews and their chain, "
            "journal, attachments, seal), from SOURCE into TARGET, each a data file or a "
            "server's database (postgresql://USER@HOST/DATABASE). TARGET must hold no "
            "company: a new file is created (encrypted when --passphrase-file is given), a "
            "server's schema is made as server-init does. --passphrase-file also opens an "
            "encrypted SOURCE file."
        ),
    )
    _common_options(copy, top=False)
    copy.add_argument(
        "--from",
        dest="source",
        type=_db_target,
        required=True,
        metavar=_("SOURCE"),
        help=_("the data file or server database to copy from"),
    )
    copy.add_argument(
        "--to",
        dest="target",
        type=_db_target,
        required=True,
        metavar=_("TARGET"),
        help=_("the new data file or the server database without a company to copy into"),
    )


def _add_export_xlsx(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export_xlsx = commands.add_parser(
        "export-xlsx",
        help=_("write the register, the obligations or the training plan as an Excel file"),
        description=_(
            "Write an Excel workbook (.xlsx) as of a date, its headers in the language of "
            "--lang: the register of employees, every obligation, the training plan "
            "(requests and trainings followed), or all of them, one sheet each."
        ),
    )
    _common_options(export_xlsx, top=False)
    export_xlsx.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE.xlsx"), help=_("where to write")
    )
    export_xlsx.add_argument(
        "--what",
        required=True,
        choices=("register", "obligations", "training", "all"),
        help=_("what the workbook holds"),
    )
    _as_of_option(export_xlsx)


def _add_skills_matrix(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    matrix = commands.add_parser(
        "skills-matrix",
        help=_("write the skills matrix as a PDF to print or an Excel workbook"),
        description=_(
            "Write the skills matrix as of a date: FILE.pdf, landscape pages for the wall "
            "(names and headers repeated on every page, with the legend), or FILE.xlsx (the "
            "matrix, its legend, the catalogue, the jobs' needs and the level history). "
            "--site, --department and --job keep the employees of one site, department or "
            "job. Exit 2 with every problem and nothing written."
        ),
    )
    _common_options(matrix, top=False)
    matrix.add_argument(
        "--language",
        dest="lang",
        default=argparse.SUPPRESS,
        metavar=_("LANG"),
        help=_("the same as --lang: the document's language"),
    )
    matrix.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar=_("FILE.pdf|FILE.xlsx"),
        help=_("where to write; the name's ending chooses the kind"),
    )
    matrix.add_argument("--site", default="", metavar=_("SITE"), help=_("only this site"))
    matrix.add_argument(
        "--department", default="", metavar=_("DEPARTMENT"), help=_("only this department")
    )
    matrix.add_argument("--job", default="", metavar=_("JOB"), help=_("only this job title"))
    _as_of_option(matrix)


def _add_import_sheet(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    import_sheet = commands.add_parser(
        "import-sheet",
        help=_("add or update employees from a spreadsheet (.xlsx, .xls, .ods, .csv)"),
        description=_(
            "Read the employees of a spreadsheet into a file that holds a company: each "
            "column mapped to a field from its header (or by --mapping), every row checked "
            "first. Exit 0 with what was added, updated and left alone; exit 2 with every "
            "problem (sheet, row, column) and nothing written."
        ),
    )
    _common_options(import_sheet, top=False)
    import_sheet.add_argument("file", type=Path, metavar=_("FILE"), help=_("the spreadsheet"))
    import_sheet.add_argument(
        "--mapping",
        type=Path,
        default=None,
        metavar=_("FILE.json"),
        help=_("the columns' fields and the table of values (docs/import.md)"),
    )
    import_sheet.add_argument(
        "--sheet",
        default=None,
        metavar=_("NAME"),
        help=_("the sheet of a workbook to read (default: the one whose headers are understood)"),
    )
    import_sheet.add_argument(
        "--dry-run", action="store_true", help=_("only say what would be done; write nothing")
    )


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    """``--as-of DATE``: the day a command evaluates the obligations on (today by default)."""
    parser.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar=_("DATE"),
        help=_("the date to evaluate, YYYY-MM-DD (default: today)"),
    )


def _iso_date(raw: str) -> date:
    """A date of ``--as-of``, within the years of the company file's dates (the rules add
    years to them: 9999-12-31 would overflow)."""
    from entretien_desktop.domain.limits import EARLIEST_DATE, LATEST_DATE  # noqa: PLC0415

    try:
        day = date.fromisoformat(raw)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("invalid date {value}: expected YYYY-MM-DD").format(value=json.dumps(raw))
        ) from error
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        message = _("date {value} out of range: expected a year from {first} to {last}")
        raise argparse.ArgumentTypeError(
            message.format(value=json.dumps(raw), first=EARLIEST_DATE.year, last=LATEST_DATE.year)
        )
    return day


def _preparse_language(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg in {"--lang", "--language"} and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(("--lang=", "--language=")):
            return arg.split("=", 1)[1]
    return None


def _passphrase(args: argparse.Namespace, path: Path) -> str | None:
    """The passphrase of ``--passphrase-file`` (its first line), or asked on a terminal;
    ``None`` when there is neither."""
    source: Path | None = getattr(args, "passphrase_file", None)
    if source is not None:
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise Refused(
                [
                    _("{path}: the passphrase cannot be read ({reason})").format(
                        path=source, reason=getattr(error, "strerror", None) or type(error).__name__
                    )
                ]
            ) from error
        passphrase = text.splitlines()[0] if text.splitlines() else ""
        if not passphrase:
            raise Refused([_("{path}: the first line is empty, no passphrase").format(path=source)])
        return passphrase
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass  # noqa: PLC0415

        return getpass.getpass(_("Passphrase of {path}: ").format(path=path.name))
    return None


def _key(args: argparse.Namespace, path: Path) -> FileKey | None:
    """The key to open ``path`` with: a new key for a new file when a passphrase file is
    given, the key of an encrypted file's passphrase, none for a plain file."""
    from entretien_desktop.storage.cipher import FileKey, looks_encrypted  # noqa: PLC0415

    try:
        new = not path.exists() or path.stat().st_size == 0
        encrypted = not new and looks_encrypted(path)
    except OSError:
        return None  # opening it will say what is wrong
    if new:
        if getattr(args, "passphrase_file", None) is None:
            return None
        passphrase = _passphrase(args, path)
        return None if passphrase is None else FileKey.new(passphrase)
    if not encrypted:
        return None
    passphrase = _passphrase(args, path)
    return None if passphrase is None else FileKey.of_file(path, passphrase)


def _passphrase_if_given(args: argparse.Namespace) -> str | None:
    """The passphrase of ``--passphrase-file``, never asked."""
    if getattr(args, "passphrase_file", None) is None:
        return None
    return _passphrase(args, args.passphrase_file)


def _open(args: argparse.Namespace, path: Path | str) -> Database:
    """``open_database`` with the key ``--passphrase-file`` (or the terminal) gives; the
    server's database for a URL (``open_server``: its schema made or upgraded)."""
    from entretien_desktop.storage import open_database, open_server  # noqa: PLC0415

    if isinstance(path, str):
        return open_server(path)
    return open_database(path, _key(args, path))


def _run_demo(args: argparse.Namespace) -> int:
    from entretien_desktop.services.company_file import import_company  # noqa: PLC0415
    from entretien_desktop.services.demo import build_demo_company  # noqa: PLC0415
    from entretien_desktop.services.register import register_summary  # noqa: PLC0415

    with _open(args, args.db) as database:
        if not register_summary(database).empty:
            raise Refused(
                [
                    _("{path} already holds a company; the demo needs a new file").format(
                        path=args.db
                    )
                ]
            )
        summary = import_company(database, build_demo_company(date.today()))
    print(
        ngettext(
            "Demo company {name} written to {path}: {count} employee.",
            "Demo company {name} written to {path}: {count} employees.",
            summary.employees,
        ).format(name=summary.company_name, path=args.db, count=summary.employees)
    )
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from entretien_desktop.services.company_file import (  # noqa: PLC0415
        DocumentRefused,
        Problem,
        import_company,
        read_company_file,
    )

    notices: list[Problem] = []
    try:
        company = read_company_file(args.file, notices=notices)
        removed = nullcontext() if isinstance(args.db, str) else _removed_unless_done(args.db)
        with removed, _open(args, args.db) as database:
            summary = import_company(database, company)
    except DocumentRefused as refused:
        raise Refused([str(problem) for problem in refused.problems]) from refused
    # What was assumed where the file is silent, said once it is kept, as problems are:
    # one a line on standard error, with its place in the document.
    for notice in notices:
        print(_("note: {notice}").format(notice=notice), file=sys.stderr)
    print(
        ngettext(
            "Imported {name} into {path}: {count} employee.",
            "Imported {name} into {path}: {count} employees.",
            summary.employees,
        ).format(name=summary.company_name, path=args.db, count=summary.employees)
    )
    return EXIT_OK


@contextmanager
def _removed_unless_done(path: Path) -> Iterator[None]:
    """On any failure, remove the data file and its companions (``-wal``, ``-shm``,
    ``.lock``) that did not exist before: a failed import into a new path leaves nothing."""
    companions = [path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", ".lock"))]
    new = [file for file in companions if not os.path.lexists(file)]
    try:
        yield
    except BaseException:
        for file in new:
            with suppress(OSError):
                file.unlink()
        raise


def _with_company(args: argparse.Namespace, work: Callable[[Database], T]) -> T:
    """Run ``work`` on the existing data file ``--db``; a missing file or one without a
    company is refused (``work`` raises ``LookupError`` for the latter)."""
    path: Path | str = args.db
    if isinstance(path, Path) and not path.exists():
        raise Refused([_("{path} does not exist").format(path=path)])
    with _open(args, path) as database:
        try:
            return work(database)
        except LookupError as error:
            raise Refused([str(error)]) from error


def _run_export(args: argparse.Namespace) -> int:
    from entretien_desktop.services.company_file import export_company  # noqa: PLC0415

    company = _with_company(args, lambda database: export_company(database, args.out))
    print(
        ngettext(
            "Exported {name} to {path}: {count} employee.",
            "Exported {name} to {path}: {count} employees.",
            len(company.employees),
        ).format(name=company.name, path=args.out, count=len(company.employees))
    )
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    from entretien_desktop.cli_text import obligations_table  # noqa: PLC0415
    from entretien_desktop.services.obligations import check, report_document  # noqa: PLC0415

    as_of = args.as_of or date.today()
    report = _with_company(args, lambda database: check(database, as_of))
    if args.json:
        sys.stdout.write(json.dumps(report_document(report), indent=2, ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        print(obligations_table(report))
    return EXIT_OK


def _chosen_language(args: argparse.Namespace) -> str | None:
    """The language of ``--lang`` (None without it); an unknown one is refused."""
    from entretien_desktop.i18n import normalise_language  # noqa: PLC0415

    language = args.lang and normalise_language(args.lang)
    if args.lang and language is None:
        raise Refused(
            [_("unknown language {lang}: expected fr, en, nl or nb").format(lang=args.lang)]
        )
    return language


def _write_pdf(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; says why on standard error when it cannot."""
    from entretien_desktop.services.reports import write_pdf_atomically  # noqa: PLC0415

    try:
        write_pdf_atomically(path, data)
    except OSError as error:
        reason = error.strerror or str(error)
        print(_("cannot write {path}: {reason}").format(path=path, reason=reason), file=sys.stderr)
        return False
    return True


def _run_report(args: argparse.Namespace) -> int:
    """The report in ``--lang`` if given, else in the employee's language."""
    from entretien_desktop.services.reports import (  # noqa: PLC0415
        find_interview,
        interview_report,
    )
    from entretien_desktop.services.signing import drawn_signatures, issue  # noqa: PLC0415
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415

    language = _chosen_language(args)

    def render(database: Database) -> tuple[str, bytes]:
        workspace = Workspace(database)
        company = workspace.require_company()
        employee, interview = find_interview(company, args.interview)
        signatures = drawn_signatures(workspace, interview)
        data = interview_report(company, employee, interview, language, signatures=signatures)
        # Sealed if the company seals its reports, and remembered by its bytes, so that
        # `verify` recognises this very PDF later.
        return employee.full_name, issue(workspace, data, "interview_report", interview)

    name, data = _with_company(args, render)
    if not _write_pdf(args.out, data):
        return EXIT_FAILURE
    print(_("Report of {name} written to {path}.").format(name=name, path=args.out))
    return EXIT_OK


def _run_verify(args: argparse.Namespace) -> int:
    """Exit 0 naming the interview when the PDF is an unaltered report of a signed record
    whose fingerprint matches; exit 3 with the reason otherwise."""
    from entretien_desktop.services.signing import Verdict, verify  # noqa: PLC0415
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415

    if not args.pdf.is_file():
        raise Refused([_("{path} does not exist").format(path=args.pdf)])

    def check(database: Database) -> Verdict:
        workspace = Workspace(database)
        workspace.require_company()
        return verify(workspace, args.pdf)

    from entretien_desktop.storage import DamagedFileError  # noqa: PLC0415

    try:
        verdict = _with_company(args, check)
    except DamagedFileError as damaged:  # altered outside the program: nothing in it holds
        print(str(damaged), file=sys.stderr)
        _offer_backup(args, damaged)
        return EXIT_NOT_VERIFIED
    if verdict.ok:
        print(verdict.message)
        return EXIT_OK
    print(verdict.message, file=sys.stderr)
    return EXIT_NOT_VERIFIED


def _run_register(args: argparse.Namespace) -> int:
    """The compliance register as of ``--as-of`` (default today), in the messages' language."""
    from entretien_desktop.services.reports import compliance_register  # noqa: PLC0415
    from entretien_desktop.services.signing import chain_head, issue  # noqa: PLC0415
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415

    _chosen_language(args)  # the messages' language was set from it before parsing

    def render(database: Database) -> bytes:
        workspace = Workspace(database)
        data = compliance_register(
            workspace.require_company(),
            args.as_of or date.today(),
            chain_head=chain_head(workspace),  # a paper copy anchors the signed records
        )
        return issue(workspace, data, "register")

    data = _with_company(args, render)
    if not _write_pdf(args.out, data):
        return EXIT_FAILURE
    print(_("Compliance register written to {path}.").format(path=args.out))
    return EXIT_OK


def _run_export_xlsx(args: argparse.Namespace) -> int:
    """The workbook ``--what`` as of ``--as-of`` (default today), in ``--lang``."""
    from entretien_desktop.services.obligations import check  # noqa: PLC0415
    from entretien_desktop.services.xlsx_export import Export, export_xlsx  # noqa: PLC0415

    language = _chosen_language(args)
    if args.out.suffix.lower() != ".xlsx":
        raise Refused([_("{path}: the file name must end in .xlsx").format(path=args.out)])
    report = _with_company(args, lambda database: check(database, args.as_of or date.today()))
    try:
        written = export_xlsx(report, Export(args.what), args.out, language)
    except OSError as error:
        reason = error.strerror or str(error)
        print(
            _("cannot write {path}: {reason}").format(path=args.out, reason=reason),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    rows = ", ".join(f"{name}: {count}" for name, count in written.rows.items())
    print(_("Excel workbook written to {path} ({rows}).").format(path=args.out, rows=rows))
    return EXIT_OK


def _run_skills_matrix(args: argparse.Namespace) -> int:
    """The skills matrix as a PDF or a workbook; every problem of the input said at once."""
    from entretien_desktop.services.skills_grid import (  # noqa: PLC0415
        MatrixFilter,
        filter_problems,
        skills_grid,
    )
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415

    problems: list[str] = []
    language: str | None = None
    try:
        language = _chosen_language(args)
    except Refused as refused:
        problems += refused.lines
    out: Path = args.out
    kind = out.suffix.lower()
    if kind not in {".pdf", ".xlsx"}:
        problems.append(_("{path}: the file name must end in .pdf or .xlsx").format(path=out))
    if not out.parent.is_dir():
        problems.append(_("{path}: the folder does not exist").format(path=out.parent))
    chosen = MatrixFilter(args.site.strip(), args.department.strip(), args.job.strip())
    try:
        company = _with_company(args, lambda database: Workspace(database).require_company())
    except Refused as refused:
        raise Refused([*problems, *refused.lines]) from refused
    problems += filter_problems(company, chosen)
    if problems:
        raise Refused(problems)
    as_of = args.as_of or date.today()
    if kind == ".pdf":
        from entretien_desktop.services.reports.skills_matrix_pdf import (  # noqa: PLC0415
            skills_matrix_pdf,
        )

        if not _write_pdf(out, skills_matrix_pdf(company, as_of, chosen, language)):
            return EXIT_FAILURE
    else:
        from entretien_desktop.services.skills_matrix_xlsx import (  # noqa: PLC0415
            export_skills_matrix_xlsx,
        )

        try:
            export_skills_matrix_xlsx(company, as_of, out, chosen, language)
        except OSError as error:
            reason = error.strerror or str(error)
            print(
                _("cannot write {path}: {reason}").format(path=out, reason=reason), file=sys.stderr
            )
            return EXIT_FAILURE
    grid = skills_grid(company, as_of, chosen)
    print(
        ngettext(
            "Skills matrix written to {path}: {count} employee, {skills} skills.",
            "Skills matrix written to {path}: {count} employees, {skills} skills.",
            len(grid.employees),
        ).format(path=out, count=len(grid.employees), skills=len(grid.skills))
    )
    return EXIT_OK


def _run_backup(args: argparse.Namespace) -> int:
    """One checked backup of ``--db`` into ``--out``, then the rotation of that folder."""
    _file_only(args, _("a server's database is backed up with the server's own tools (pg_dump)"))
    from entretien_desktop.services.backups import make_backup, rotate  # noqa: PLC0415

    if not args.db.is_file():
        raise Refused([_("{path} does not exist").format(path=args.db)])
    now = datetime.now().astimezone()
    written = make_backup(args.db, args.out, now, _key(args, args.db))
    print(_("Backup written to {path}.").format(path=written))
    for removed in rotate(args.out, now):
        print(_("Removed by the rotation: {path}").format(path=removed))
    return EXIT_OK


def _run_backups(args: argparse.Namespace) -> int:
    """The backups in ``--dir``, newest first: date, size, what each holds."""
    from entretien_desktop.i18n import format_number  # noqa: PLC0415
    from entretien_desktop.services.backups import list_backups  # noqa: PLC0415

    if not args.dir.is_dir():
        raise Refused([_("{path} does not exist").format(path=args.dir)])
    listing = list_backups(args.dir, passphrase=_passphrase_if_given(args))
    if not listing:
        print(_("No backup in {path}.").format(path=args.dir))
        return EXIT_OK
    for item in listing:
        taken = item.backup.taken.strftime("%Y-%m-%d %H:%M:%S")
        size = _("{size} kB").format(size=format_number(round(item.size / 1024)))
        if item.damaged:
            held = _("DAMAGED: fails its integrity check, cannot be restored")
        elif item.locked:
            held = _("ENCRYPTED: give its passphrase (--passphrase-file) to read it")
        else:
            employees = item.employees or 0
            interviews = item.interviews or 0
            held = ", ".join(
                (
                    item.company_name or _("(no company)"),
                    ngettext("{count} employee", "{count} employees", employees).format(
                        count=employees
                    ),
                    ngettext("{count} interview", "{count} interviews", interviews).format(
                        count=interviews
                    ),
                )
            )
            if item.last_change:
                held += ", " + _("last change {when} UTC").format(
                    when=item.last_change.replace("T", " ").removesuffix("+00:00")
                )
        print(f"{taken}  {size}  {held}  {item.backup.path}")
    return EXIT_OK


def _run_restore(args: argparse.Namespace) -> int:
    """``--from`` checked and written into the new file ``--to``; never over a file."""
    from entretien_desktop.services.backups import restore  # noqa: PLC0415

    restored = restore(args.source, args.target, _key(args, args.source))
    print(_("{backup} restored into {path}.").format(backup=args.source, path=restored))
    return EXIT_OK


def _backups_folder(args: argparse.Namespace, data_file: Path) -> Path:
    """The folder of the automatic backups: ``--dir``, else ``backups`` beside the file."""
    chosen = getattr(args, "dir", None)
    return Path(chosen) if chosen is not None else Path(data_file).parent / "backups"


def _run_verify_file(args: argparse.Namespace) -> int:
    """The full check of ``--db``: exit 0 when whole, 3 with the problems and the latest
    good backup otherwise."""
    _file_only(args, _("the server checks its own pages"))
    from entretien_desktop.i18n import format_number  # noqa: PLC0415
    from entretien_desktop.services.recovery import (  # noqa: PLC0415
        check_file,
        refusal_text,
    )
    from entretien_desktop.storage import DamagedFileError  # noqa: PLC0415

    if not args.db.is_file():
        raise Refused([_("{path} does not exist").format(path=args.db)])
    found = check_file(args.db, _key(args, args.db))
    if found.whole:
        print(
            _(
                "{path} is whole: {pages} pages checked, {employees} employees, "
                "{interviews} interviews."
            ).format(
                path=args.db,
                pages=format_number(found.pages),
                employees=format_number(found.employees or 0),
                interviews=format_number(found.interviews or 0),
            )
        )
        return EXIT_OK
    print(
        ngettext(
            "{path} is damaged: the full check found {count} problem.",
            "{path} is damaged: the full check found {count} problems.",
            len(found.problems),
        ).format(path=args.db, count=len(found.problems)),
        file=sys.stderr,
    )
    for problem in found.problems[:20]:
        print(f"  {problem}", file=sys.stderr)
    offer = refusal_text(args.db, DamagedFileError(args.db), _backups_folder(args, args.db))
    if offer:
        print(offer, file=sys.stderr)
    return EXIT_NOT_VERIFIED


def _run_server_init(args: argparse.Namespace) -> int:
    """The schema of this version made (or brought up to it) in a server's database."""
    from entretien_desktop.storage import open_server  # noqa: PLC0415

    if not isinstance(args.db, str):
        raise Refused(
            [_("server-init needs a server's database: --db postgresql://USER@HOST/DATABASE")]
        )
    with open_server(args.db) as database:
        print(_("{place} holds the schema of this version.").format(place=database.path))
    return EXIT_OK


def _run_copy(args: argparse.Namespace) -> int:
    """A whole company from ``--from`` into ``--to`` (storage/transfer.py)."""
    from entretien_desktop.storage.transfer import (  # noqa: PLC0415
        NoCompanyError,
        PartialSourceError,
        TargetNotEmptyError,
        copy_company,
    )

    source: Path | str = args.source
    target: Path | str = args.target
    if isinstance(source, Path) and not source.exists():
        raise Refused([_("{path} does not exist").format(path=source)])
    same = (
        source.resolve() == target.resolve()
        if isinstance(source, Path) and isinstance(target, Path)
        else source == target
    )
    if same:
        raise Refused([_("--from and --to name the same database")])
    from entretien_desktop.storage.connecting import connect_server  # noqa: PLC0415
    from entretien_desktop.storage.engine import url_for  # noqa: PLC0415

    def opened(place: Path | str) -> Database:
        if isinstance(place, Path):
            return _open(args, place)
        # A server that cannot be reached or refuses is said plainly (exit 1).
        url = url_for(place)
        return connect_server(place, f"{url.database} @ {url.host or url.query.get('host')}")

    removed = nullcontext() if isinstance(target, str) else _removed_unless_done(target)
    try:
        with opened(source) as origin, removed, opened(target) as destination:
            copied = copy_company(origin, destination)
            places = (origin.path, destination.path)
    except (NoCompanyError, PartialSourceError, TargetNotEmptyError) as refused:
        raise Refused([str(refused)]) from refused
    employees = copied.rows.get("employee", 0)
    print(
        ngettext(
            "Copied {name} from {source} to {target}: {count} employee.",
            "Copied {name} from {source} to {target}: {count} employees.",
            employees,
        ).format(name=copied.company, source=places[0], target=places[1], count=employees)
    )
    return EXIT_OK


# -- server-user: the users of a company on a server (docs/server.md, "Users and roles") --
_SERVER_ROLES = {"hr": "hr", "site-manager": "site_manager", "accountant": "accountant"}


def _add_server_user(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server_user = commands.add_parser(
        "server-user",
        help=_("add, list or remove the users of a company on a PostgreSQL server"),
        description=_(
            "The users of a company kept on a PostgreSQL server and their roles: human "
            "resources see and change everything, a site manager the employees of their "
            "sites, an accountant reads the register without interview content. The server "
            "enforces it (docs/server.md). Run by the role that ran server-init."
        ),
    )
    _common_options(server_user, top=False)
    actions = server_user.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    add = actions.add_parser(
        "add", help=_("make a login a user of the company (created when missing)")
    )
    add.add_argument("login", metavar=_("LOGIN"))
    add.add_argument("--role", required=True, choices=sorted(_SERVER_ROLES))
    add.add_argument(
        "--sites",
        default=None,
        metavar=_("SITES"),
        help=_("a site manager's sites, separated by commas"),
    )
    add.add_argument("--name", default="", metavar=_("NAME"), help=_("the name the user goes by"))
    add.add_argument(
        "--password-file",
        type=Path,
        default=None,
        metavar=_("FILE"),
        help=_(
            "a new login's password, the first line of FILE; without it, asked on a "
            "terminal (none elsewhere: the server then authenticates it by other means)"
        ),
    )
    actions.add_parser("list", help=_("list the company's users"))
    remove = actions.add_parser("remove", help=_("take a login off the company's users"))
    remove.add_argument("login", metavar=_("LOGIN"))


def _server_user_problems(args: argparse.Namespace) -> list[str]:
    problems = []
    if not 0 < len(args.login.encode()) <= 63:
        problems.append(_("LOGIN: 1 to 63 bytes"))
    if args.role == "site-manager" and not (args.sites or "").strip(" ,"):
        problems.append(_("--sites: a site manager needs the sites they manage"))
    if args.role != "site-manager" and args.sites is not None:
        problems.append(_("--sites: only a site manager has sites"))
    return problems


def _new_password(args: argparse.Namespace) -> str | None:
    source: Path | None = args.password_file
    if source is not None:
        try:
            lines = source.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise Refused(
                [
                    _("{path}: the password cannot be read ({reason})").format(
                        path=args.password_file,
                        reason=getattr(error, "strerror", None) or type(error).__name__,
                    )
                ]
            ) from error
        if not lines or not lines[0]:
            raise Refused(
                [_("{path}: the first line is empty, no password").format(path=args.password_file)]
            )
        return lines[0]
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass  # noqa: PLC0415

        first = getpass.getpass(_("Password of {login}: ").format(login=args.login))
        if first != getpass.getpass(_("The same password again: ")):
            raise Refused([_("The two passwords differ: nothing was changed.")])
        return first or None
    return None


def _run_server_user(args: argparse.Namespace) -> int:
    """Exit 0 done; 2 for a refused input (nothing changed); 1 for the server's refusal."""
    from entretien_desktop.storage import open_server  # noqa: PLC0415
    from entretien_desktop.storage.errors import (  # noqa: PLC0415
        RoleRefusedError,
        environment_errors,
    )
    from entretien_desktop.storage.server_users import (  # noqa: PLC0415
        UserRefused,
        add_user,
        list_users,
        login_exists,
        remove_user,
    )

    if not isinstance(args.db, str):
        raise Refused(
            [_("server-user needs a server's database: --db postgresql://USER@HOST/DATABASE")]
        )
    if args.action == "add":
        problems = _server_user_problems(args)
        if problems:
            raise Refused(problems)
    try:
        with (
            open_server(args.db) as database,
            environment_errors(database.path),
            database.engine.begin() as connection,
        ):
            if args.action == "list":
                for user in list_users(connection):
                    print("\t".join((user.login, user.role, user.name, ", ".join(user.sites))))
                return EXIT_OK
            if args.action == "remove":
                if not remove_user(connection, args.login):
                    raise Refused(
                        [_("{login} is not a user of this company").format(login=args.login)]
                    )
                print(_("{login} is no longer a user of this company.").format(login=args.login))
                return EXIT_OK
            sites = [s.strip() for s in (args.sites or "").split(",") if s.strip()]
            # A password for a new login only: an existing one keeps its own.
            password = None if login_exists(connection, args.login) else _new_password(args)
            try:
                add_user(
                    connection,
                    args.login,
                    _SERVER_ROLES[args.role],
                    name=args.name,
                    sites=sites,
                    password=password,
                )
            except UserRefused as refused:
                raise Refused(
                    [
                        _(
                            "{login} owns the company's tables or bypasses row-level "
                            "security: it sees everything whatever its role"
                        ).format(login=args.login)
                    ]
                ) from refused
    except RoleRefusedError as refused:
        raise RoleRefusedError(
            refused.path,
            refused.role,
            message=_(
                "Only the owner of the company's tables, or a role allowed to create roles, "
                "manages its users. Nothing was changed."
            ),
        ) from refused
    print(_("{login} is a user of this company: {role}.").format(login=args.login, role=args.role))
    return EXIT_OK


def _run_gui(args: argparse.Namespace) -> int:
    from entretien_desktop.app import run_gui  # noqa: PLC0415

    # A server's URL opens the window on it; its password comes from the keychain, else
    # the connection dialog asks (docs/server.md).
    return run_gui(args.db, args.lang)


def _run_audit(args: argparse.Namespace) -> int:
    """The journal of changes: exit 0 when its chain holds, 3 at its first broken link."""
    from entretien_desktop.services import journal_check  # noqa: PLC0415
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415
    from entretien_desktop.storage import DamagedFileError  # noqa: PLC0415

    try:
        check = _with_company(
            args, lambda database: journal_check.check_journal(Workspace(database))
        )
        entries = check.entries
    except DamagedFileError as damaged:  # altered outside the program: nothing in it holds
        print(str(damaged), file=sys.stderr)
        _offer_backup(args, damaged)
        return EXIT_NOT_VERIFIED
    if args.list or args.employee is not None:
        for e in entries:
            if args.employee is None or args.employee in e.employees:
                who = f"{e.user} ({e.name})" if e.name else e.user
                about = ", ".join(e.employees)
                print("\t".join((str(e.seq), e.at, who, e.action, about)))
    if check.partial:  # a site manager on a server: the links need every entry
        print(journal_check.partial_notice(check), file=sys.stderr)
        return EXIT_FAILURE
    broken = check.broken
    if broken is not None:
        print(
            _(
                "The journal of changes is broken at entry {seq}: an entry was changed, "
                "removed or moved outside the program."
            ).format(seq=broken),
            file=sys.stderr,
        )
        return EXIT_NOT_VERIFIED
    print(
        ngettext(
            "{count} entry in the journal of changes; each follows from the one before.",
            "{count} entries in the journal of changes; each follows from the one before.",
            len(entries),
        ).format(count=len(entries))
    )
    return EXIT_OK


def _run_purge(args: argparse.Namespace) -> int:
    """The employees past retention; deleted for good with ``--yes``."""
    from entretien_desktop.services import retention  # noqa: PLC0415
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415

    if args.dry_run and args.yes:
        raise Refused([_("--dry-run and --yes contradict each other: give one of them.")])

    def work(database: Database) -> int:
        workspace = Workspace(database)
        candidates = retention.purge_candidates(workspace.require_company(), workspace.today())
        if not candidates:
            print(_("Nothing is past retention: nothing to delete."))
            return EXIT_OK
        for c in candidates:
            interviews = ngettext("{count} interview", "{count} interviews", c.interviews)
            print(
                "\t".join(
                    (
                        c.ref,
                        c.name,
                        _("left on {date}").format(date=c.exit_date.isoformat()),
                        _("kept until {date}").format(date=c.retention_end.isoformat()),
                        interviews.format(count=c.interviews),
                    )
                )
            )
        if not args.yes:
            print(
                ngettext(
                    "{count} employee past retention; run again with --yes to delete them "
                    "for good (this cannot be undone).",
                    "{count} employees past retention; run again with --yes to delete them "
                    "for good (this cannot be undone).",
                    len(candidates),
                ).format(count=len(candidates))
            )
            return EXIT_OK
        done = retention.purge(workspace, [c.ref for c in candidates])
        print(
            ngettext(
                "Deleted for good: {count} employee, with {interviews} interviews.",
                "Deleted for good: {count} employees, with {interviews} interviews.",
                done.employees,
            ).format(count=done.employees, interviews=done.interviews)
        )
        return EXIT_OK

    return _with_company(args, work)


def _run_import_sheet(args: argparse.Namespace) -> int:
    """A spreadsheet's employees added or updated after a dry run (docs/import.md)."""
    from entretien_desktop.services import sheet_import  # noqa: PLC0415
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415

    try:
        sheet = sheet_import.read_sheet(args.file, args.sheet)
        settings = (
            sheet_import.settings_for(sheet.headers)
            if args.mapping is None
            else sheet_import.read_settings_file(args.mapping, sheet.headers)
        )
    except sheet_import.SheetRefused as refused:
        raise Refused([refused.user_message]) from refused

    def work(database: Database) -> int:
        workspace = Workspace(database)
        plan = sheet_import.dry_run(sheet, settings, workspace.require_company(), workspace.today())
        from entretien_desktop.services.import_sites import within_sites  # noqa: PLC0415

        plan = within_sites(plan, sheet, settings, workspace.access)  # a site manager's sites
        if plan.problems:
            raise Refused([str(problem) for problem in plan.problems])
        if not args.dry_run:
            sheet_import.write(workspace, plan, args.file.name)
        counts = {
            "added": len(plan.added),
            "updated": len(plan.updated),
            "unchanged": len(plan.unchanged),
        }
        summary = (
            _("Dry run of {file}: {added} to add, {updated} to update, {unchanged} unchanged.")
            if args.dry_run
            else _("Imported {file}: {added} added, {updated} updated, {unchanged} unchanged.")
        )
        print(summary.format(file=args.file.name, **counts))
        return EXIT_OK

    return _with_company(args, work)


def _add_import_dsn(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    import_dsn = commands.add_parser(
        "import-dsn",
        help=_("read monthly DSN files into the register: employees, exits and leaves"),
        description=_(
            "Read DSN files (monthly declarations and event reports) in any order: people, "
            "contracts, exits, stoppages and suspensions. Prints what changes, then writes "
            "it as one change. Exit 2 with every problem, nothing written."
        ),
    )
    _common_options(import_dsn, top=False)
    import_dsn.add_argument("files", type=Path, nargs="+", metavar=_("FILE"))
    import_dsn.add_argument(
        "--dry-run", action="store_true", help=_("print what would change, write nothing")
    )
    import_dsn.add_argument(
        "--codes",
        type=Path,
        metavar=_("CODES.json"),
        help=_(
            "your table of leave codes over the built-in one: what a stoppage or suspension "
            "code becomes, or skip (docs/import.md)"
        ),
    )


def _run_import_dsn(args: argparse.Namespace) -> int:
    """Exit 0 printing the summary (written unless ``--dry-run``); 2 with every problem
    (a damaged line, a record the employee checks refuse), nothing written. Unknown codes
    are warnings on standard error: their records are skipped."""
    from entretien_desktop.services.dsn import (  # noqa: PLC0415
        CodesRefused,
        DsnPlan,
        DsnRefused,
        import_files,
        plan_files,
        read_choices_file,
    )
    from entretien_desktop.services.workspace import Workspace  # noqa: PLC0415

    missing = [path for path in args.files if not path.is_file()]
    if args.codes is not None and not args.codes.is_file():
        missing.append(args.codes)
    if missing:
        raise Refused([_("{path} does not exist").format(path=path) for path in missing])
    try:
        choices = {} if args.codes is None else read_choices_file(args.codes)
    except CodesRefused as refused:
        raise Refused(refused.problems) from refused

    def work(database: Database) -> DsnPlan:
        workspace = Workspace(database)
        plan = plan_files(workspace, args.files, choices)
        if plan.problems:
            raise DsnRefused(plan.problems)
        return plan if args.dry_run else import_files(workspace, args.files, choices)

    try:
        plan = _with_company(args, work)
    except DsnRefused as refused:
        raise Refused(refused.problems) from refused
    for warning in plan.warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    for line in plan.summary():
        print(line)
    if args.dry_run:
        print(_("Dry run: nothing written."))
    return EXIT_OK


def _run_self_test(args: argparse.Namespace) -> int:
    from entretien_desktop.self_test import self_test  # noqa: PLC0415

    return self_test(args.self_test_output)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _run_gui,
    "demo": _run_demo,
    "import": _run_import,
    "export": _run_export,
    "check": _run_check,
    "report": _run_report,
    "verify": _run_verify,
    "register": _run_register,
    "audit": _run_audit,
    "purge": _run_purge,
    "backup": _run_backup,
    "backups": _run_backups,
    "restore": _run_restore,
    "verify-file": _run_verify_file,
    "import-sheet": _run_import_sheet,
    "import-dsn": _run_import_dsn,
    "server-init": _run_server_init,
    "server-user": _run_server_user,
    "export-xlsx": _run_export_xlsx,
    "skills-matrix": _run_skills_matrix,
    "copy": _run_copy,
}


DATA_FILE_SUFFIXES = (".entretien", ".sqlite")


_TOP_OPTIONS_WITH_VALUE = frozenset({"--db", "--lang", "--self-test-output"})


def _file_first(argv: list[str]) -> list[str]:
    """``entretien-desktop [OPTIONS] FILE`` (a double click, a file manager, the menu
    entry's ``%f``) opens FILE in the window: read as ``--db FILE``."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in _TOP_OPTIONS_WITH_VALUE:
            index += 2
            continue
        if token.startswith("-"):
            index += 1
            continue
        first = Path(token)
        if token not in COMMANDS and (
            first.suffix.lower() in DATA_FILE_SUFFIXES or first.is_file()
        ):
            return [*argv[:index], "--db", token, *argv[index + 1 :]]
        return argv
    return argv


def _utf8_when_redirected() -> None:
    """Write UTF-8 into a file or a pipe, as into a console. Windows would write redirected
    output in its ANSI code page (cp1252...), which lacks characters the program writes (the
    narrow no-break space French numbers have): ``check --lang fr > file`` failed there."""
    for stream in (sys.stdout, sys.stderr):
        if (
            isinstance(stream, io.TextIOWrapper)
            and not stream.isatty()
            and codecs.lookup(stream.encoding).name != "utf-8"
        ):
            stream.reconfigure(encoding="utf-8")


def _storage_exit(args: argparse.Namespace, error: Exception) -> int:
    """The exit code of a data file's problem: a passphrase missing or wrong is the user's
    input refused (2, with how to give it); the others are the environment's (1)."""
    from entretien_desktop.storage.errors import (  # noqa: PLC0415
        EncryptedFileError,
        WrongPassphraseError,
    )

    if not isinstance(error, EncryptedFileError | WrongPassphraseError):
        return EXIT_FAILURE
    if getattr(args, "passphrase_file", None) is None:
        print(_("Give the passphrase with --passphrase-file FILE."), file=sys.stderr)
    return EXIT_REFUSED


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_when_redirected()
    argv = _file_first(list(sys.argv[1:] if argv is None else argv))
    set_language(_preparse_language(argv) or system_language())
    args = build_parser().parse_args(argv)
    from entretien_desktop.domain.errors import UserError  # noqa: PLC0415
    from entretien_desktop.storage import StorageError  # noqa: PLC0415

    command = _run_self_test if args.self_test else COMMANDS[args.command]
    try:
        return command(args)
    except BrokenPipeError:
        # The reader stopped listening (``check | head``): not a failure of ours. Point
        # standard output at nothing so that the final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Refused as refused:
        for line in refused.lines:
            print(line, file=sys.stderr)
        return EXIT_REFUSED
    except StorageError as error:
        print(str(error), file=sys.stderr)
        _offer_backup(args, error)
        return _storage_exit(args, error)
    except UserError as error:  # a refusal the user can resolve (a report not printed)
        print(error.user_message, file=sys.stderr)
        return EXIT_REFUSED
    except Exception as error:
        # Its message may quote the file's content: the type here, the code lines in the log.
        from entretien_desktop.logs import log_to_file  # noqa: PLC0415
        from entretien_desktop.paths import log_dir  # noqa: PLC0415

        with log_to_file(log_dir(), logging.ERROR) as log_path:
            log.error("Unexpected failure", exc_info=error)
        print(
            _("Unexpected failure ({kind}); the details are in the log: {path}").format(
                kind=type(error).__name__, path=log_path or "-"
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE


def _offer_backup(args: argparse.Namespace, error: Exception) -> None:
    """After a refusal of the data file as damaged or not ours: its latest good backup and
    the command that restores it, when there is one."""
    from entretien_desktop.services.recovery import is_refusal, refusal_text  # noqa: PLC0415

    data_file = getattr(args, "db", None)
    refused = getattr(error, "path", None)
    if not isinstance(data_file, Path) or refused is None or not is_refusal(error):
        return
    if Path(refused).resolve() != Path(data_file).resolve():
        return  # another file was refused (a backup given to restore...)
    offer = refusal_text(data_file, error, _backups_folder(args, data_file))
    if offer:
        print(offer, file=sys.stderr)
