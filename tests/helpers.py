"""Builders shared by the tests: small companies and company documents."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
)
from entretien_desktop.services.summary_reviews import conclusion_text, summary_conclusion
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_database, open_server

DATA = Path(__file__).resolve().parent / "data"
# The rule cases given with the specification, kept here so that the tests run from any clone.
EXAMPLES = DATA / "examples"
EXAMPLE_COMPANY = EXAMPLES / "rules-cases.company.json"
EXAMPLE_EXPECTED = EXAMPLES / "rules-cases.expected.json"


def small_company(name: str = "Garage Lefèvre") -> Company:
    return Company(
        name=name,
        country="FR",
        headcount=12,
        headcount_date=date(2026, 1, 1),
        employees=(
            Employee(
                ref="G1",
                first_name="Éloïse",
                last_name="Lefèvre",
                hire_date=date(2019, 3, 4),
                contract=Contract.PERMANENT,
                leaves=(Leave(LeaveKind.MATERNITY, date(2024, 1, 8), date(2024, 5, 26)),),
                interviews=(
                    Interview(
                        "G1-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2023, 2, 1)
                    ),
                ),
            ),
            Employee(
                ref="G2",
                first_name="Noé",
                last_name="Garnier",
                hire_date=date(2021, 9, 1),
                contract=Contract.APPRENTICESHIP,
                manager_ref="G1",
            ),
        ),
    )


def example_document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(EXAMPLE_COMPANY.read_text(encoding="utf-8"))
    return loaded


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file and its WAL companions, ``None`` when it does not exist."""
    if not path.exists():
        return None
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


TODAY = date(2026, 11, 22)


@contextmanager
def open_workspace(
    path: Path, company: Company, today: date = TODAY, *, create: bool = True
) -> Iterator[Workspace]:
    """A new data file at ``path`` holding ``company`` (or, with ``create=False``, the
    file already there), seen as of ``today``; closed after any evaluation still running
    has finished."""
    database = open_data(path)
    try:
        space = Workspace(database, today=lambda: today)
        if create:
            space.create_company(company)
        yield space
    finally:
        _wait_for_workers()
        database.close()


SERVER_RUN = "ENTRETIEN_TEST_SERVER"
"""Set to 1, the workspaces of ``open_workspace`` are on a throwaway PostgreSQL server
instead of in files (docs/server.md): a way to run the services' tests on a server."""
_server_databases: dict[Path, str] = {}


def open_data(path: Path) -> Database:
    """The data file at ``path``, or, under ``ENTRETIEN_TEST_SERVER=1``, a database on the
    session's throwaway server standing for it (the same one each time ``path`` is given)."""
    import os  # noqa: PLC0415

    if os.environ.get(SERVER_RUN) != "1":
        return open_database(path)

    return open_server(db_arg(path))


def on_server() -> bool:
    """Whether this run stands a server's databases for the data files (``SERVER_RUN``)."""
    import os  # noqa: PLC0415

    return os.environ.get(SERVER_RUN) == "1"


def db_arg(path: Path) -> str:
    """The command line's ``--db`` for the data file at ``path``: the path itself, or,
    under ``ENTRETIEN_TEST_SERVER=1``, the URL of the server's database standing for it
    (the one ``open_data`` opens for ``path``)."""
    if not on_server():
        return str(path)
    from tests.postgres_server import shared_server  # noqa: PLC0415

    if path not in _server_databases:
        # A server's Database.path is its display name, "<database> @ <host>": the same.
        named = {url.split("?")[0].rsplit("/", 1)[-1]: url for url in _server_databases.values()}
        database = Path(path).name.split(" @ ")[0]
        _server_databases[path] = named.get(database) or shared_server().create_database()
    return _server_databases[path]


def _wait_for_workers() -> None:
    try:
        from PySide6.QtCore import QThreadPool  # noqa: PLC0415
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return
    from entretien_desktop.ui.reports.report_worker import stop_all  # noqa: PLC0415

    stop_all()  # a report still building never outlives its test's data file
    QThreadPool.globalInstance().waitForDone()


def open_review_text(company: Company, employee: Employee, as_of: date) -> str:
    """The conclusion of the employee's summary review open on ``as_of``, as the form's
    computed field says it."""
    return conclusion_text(summary_conclusion(company, employee, None, as_of))
