"""A file at the current schema opens, and names its company, without SQLAlchemy: the
window shows first and the engine comes on first use (from the worker that reads the
company)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.services.register import register_summary
from entretien_desktop.storage import open_database
from tests.helpers import small_company

PROBE = """
import sys
from pathlib import Path
import entretien_desktop.app
from entretien_desktop.storage import open_database
with open_database(Path(sys.argv[1])) as database:
    print(database.peek_summary())
print(sorted(name for name in sys.modules if name.split(".")[0] in {"sqlalchemy", "alembic"}))
"""


def _company_file(path: Path) -> Path:
    with open_database(path) as database:
        import_company(database, small_company("Boulangerie Éclair"))
    return path


def test_opening_a_current_file_imports_no_sqlalchemy(tmp_path: Path) -> None:
    path = _company_file(tmp_path / "c.sqlite")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    summary, modules = result.stdout.splitlines()
    assert summary == str(("Boulangerie Éclair", len(small_company().employees)))
    assert modules == "[]"


def test_the_summary_of_an_empty_file_names_no_company(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    open_database(path).close()
    with open_database(path) as database:
        summary = register_summary(database)
    assert summary.empty


def test_the_engine_comes_on_first_use_and_reads_everything(tmp_path: Path) -> None:
    path = _company_file(tmp_path / "c.sqlite")
    with open_database(path) as database:
        company = load_company(database)
    assert company is not None
    assert company.name == "Boulangerie Éclair"
    assert len(company.employees) == len(small_company().employees)
