"""Several users on one server see each other's changes arrive, without polling (issue 20,
docs/server.md "Seeing the others' changes"): the server's notices (revision 0014) are
heard by a listener of their own (storage/listen.py), the workspace reads the company again
(services/live.py) and the window's pages show it (ui/live_updates.py).

"Another program" is a second ``open_server`` of the same database (its own client id,
its own connections) or, once, a real second process. Nothing here sleeps: each test waits
for the notice, the signal or the page it expects.
"""

from __future__ import annotations

import queue
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from entretien_desktop.domain import Contract, Employee
from entretien_desktop.i18n import format_number
from entretien_desktop.services.dashboard import dashboard
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_database, open_server
from entretien_desktop.storage.listen import Notice, decode
from entretien_desktop.ui.live_updates import PAUSE_MS, SETTLE_MS, LiveUpdates
from entretien_desktop.ui.main_window import MainWindow
from entretien_desktop.ui.pages.employees_model import Column
from tests.helpers import TODAY, small_company
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.qt_helpers import window_on

pytestmark = pytest.mark.postgres

WAIT_S = 10
WAIT_MS = WAIT_S * 1000


@pytest.fixture
def mine(postgres_url: str) -> Iterator[Database]:  # noqa: F811
    """This program's database: the company already in it."""
    database = open_server(postgres_url)
    Workspace(database, today=lambda: TODAY).create_company(small_company())
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def theirs(postgres_url: str, mine: Database) -> Iterator[Workspace]:  # noqa: F811
    """Another program on the same database, as another user's."""
    database = open_server(postgres_url)
    try:
        yield Workspace(database, today=lambda: TODAY)
    finally:
        database.close()


def _renamed(workspace: Workspace, ref: str, first_name: str) -> None:
    employee = workspace.employee(ref)
    workspace.save_employee(replace(employee, first_name=first_name), replacing=ref)


def _newcomer(ref: str, number: int = 0) -> Employee:
    return Employee(
        ref=ref,
        first_name=f"Nouvelle {number}",
        last_name="Recrue",
        hire_date=date(2015, 1, 5),
        contract=Contract.PERMANENT,
    )


def _notices_until(heard: queue.Queue[Notice], client: str | None, table: str) -> list[Notice]:
    """Every notice heard up to the first of ``client`` about ``table``."""
    seen: list[Notice] = []
    while True:
        notice = heard.get(timeout=WAIT_S)
        seen.append(notice)
        if notice.client == client and notice.table == table:
            return seen


# -- the listener ---------------------------------------------------------------------------
def test_another_programs_change_is_heard_and_ones_own_is_not(
    mine: Database, theirs: Workspace
) -> None:
    heard: queue.Queue[Notice] = queue.Queue()
    listener = mine.listen(heard.put)
    assert listener is not None
    own = Workspace(mine, today=lambda: TODAY)

    _renamed(own, "G1", "Élise")  # committed first: its notices would come first
    _renamed(theirs, "G2", "Noah")

    seen = _notices_until(heard, theirs.database.client, "employee")
    assert mine.client and theirs.database.client and mine.client != theirs.database.client
    assert {notice.client for notice in seen} == {theirs.database.client}


def test_a_listener_survives_its_connection_being_ended_and_says_read_everything(
    mine: Database, theirs: Workspace
) -> None:
    heard: queue.Queue[Notice] = queue.Queue()
    listener = mine.listen(heard.put)
    assert listener is not None
    ended = listener.backend_pid
    with theirs.database.engine.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": ended})

    assert heard.get(timeout=WAIT_S).everything  # back, and anything may have changed
    assert listener.backend_pid not in (None, ended)
    _renamed(theirs, "G2", "Noah")
    assert _notices_until(heard, theirs.database.client, "employee")


def test_closing_the_database_stops_its_listeners(postgres_url: str) -> None:  # noqa: F811
    database = open_server(postgres_url)
    listener = database.listen(lambda _notice: None)
    assert listener is not None and listener.running
    database.close()
    assert not listener.running


def test_a_notice_not_understood_means_read_everything() -> None:
    assert decode('{"table": "employee", "client": "c1"}') == Notice("employee", "c1")
    assert decode("garbage").everything
    assert decode('{"client": "c1"}').everything


def test_nothing_listens_on_a_file(qtbot: QtBot, tmp_path: Path) -> None:
    with open_database(tmp_path / "c.sqlite") as database:
        workspace = Workspace(database, today=lambda: TODAY)
        workspace.create_company(small_company())
        assert database.listen(lambda _notice: None) is None
        assert workspace.watch(lambda _arrival: None) is None
        window = _window(qtbot, workspace, tmp_path)
        live = window.findChild(LiveUpdates)
        assert live is not None and not live.watching
        assert "entretien-listen" not in {thread.name for thread in threading.enumerate()}
        window.close()


# -- the workspace ----------------------------------------------------------------------------
def test_a_company_read_before_a_change_of_ones_own_is_not_taken(
    mine: Database, theirs: Workspace
) -> None:
    own = Workspace(mine, today=lambda: TODAY)
    own.company  # noqa: B018
    commits = own.commits
    _renamed(theirs, "G2", "Noah")
    stale = own.read_company()
    _renamed(own, "G1", "Élise")  # committed after that read

    assert not own.take_company(stale, commits)
    assert own.employee("G1").first_name == "Élise"
    assert own.take_company(own.read_company(), own.commits)
    assert own.employee("G2").first_name == "Noah"


# -- the window -------------------------------------------------------------------------------
def _window(qtbot: QtBot, workspace: Workspace, folder: Path) -> MainWindow:
    return window_on(qtbot, workspace, folder / "interface.ini")


@pytest.fixture
def window(qtbot: QtBot, mine: Database, tmp_path: Path) -> Iterator[MainWindow]:
    shown = _window(qtbot, Workspace(mine, today=lambda: TODAY), tmp_path)
    shown.show()
    yield shown
    shown.close()
    shown.feed.pool.waitForDone()  # a reading still running ends before the database


def _live(window: MainWindow) -> LiveUpdates:
    live = window.findChild(LiveUpdates)
    assert live is not None and live.watching
    return live


def _names(window: MainWindow) -> list[str]:
    proxy = window.pages.employees.proxy
    return sorted(proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount()))


def test_another_users_change_shows_in_the_register_and_the_dashboard(
    qtbot: QtBot, window: MainWindow, theirs: Workspace
) -> None:
    live = _live(window)
    overdue = window.pages.dashboard.tiles["overdue"]

    with qtbot.waitSignal(live.refreshed, timeout=WAIT_MS) as refreshed:
        theirs.save_employee(_newcomer("G3"))
    qtbot.waitUntil(lambda: any("Nouvelle" in name for name in _names(window)), timeout=WAIT_MS)

    assert window.workspace.employee("G3").last_name == "Recrue"
    expected = dashboard(company_obligations(theirs.require_company(), TODAY))
    qtbot.waitUntil(lambda: overdue.text() == format_number(expected.overdue), timeout=WAIT_MS)
    message = str(refreshed.args[0])
    assert message.startswith("Updated: changes by another user (")
    assert window.statusBar().currentMessage() == message


def test_a_burst_of_another_users_rows_is_one_refresh(
    qtbot: QtBot, window: MainWindow, theirs: Workspace
) -> None:
    live = _live(window)
    announced: list[int] = []
    window.workspace.add_listener(lambda: announced.append(window.workspace.version))
    newcomers = [(_newcomer(f"N{number}", number), None) for number in range(300)]

    with qtbot.waitSignal(live.refreshed, timeout=WAIT_MS):
        theirs.import_employees(newcomers, lambda: "import", "import of 300 employees")
    assert len(window.workspace.require_company().employees) == 302
    assert len(announced) == 1
    # The next change is a refresh of its own: none was left pending from the burst.
    with qtbot.waitSignal(live.refreshed, timeout=WAIT_MS):
        _renamed(theirs, "G2", "Noah")
    assert len(announced) == 2
    assert window.workspace.employee("G2").first_name == "Noah"


def test_ones_own_change_stays_when_another_users_comes_in(
    qtbot: QtBot, window: MainWindow, theirs: Workspace
) -> None:
    live = _live(window)
    _renamed(window.workspace, "G1", "Élise")
    theirs.company  # noqa: B018 (read after that change)
    with qtbot.waitSignal(live.refreshed, timeout=WAIT_MS):
        _renamed(theirs, "G2", "Noah")
    assert window.workspace.employee("G1").first_name == "Élise"
    assert window.workspace.employee("G2").first_name == "Noah"
    assert window.workspace.history.next_undo is not None  # one's own change, undoable


def test_a_change_made_in_another_process_arrives(
    qtbot: QtBot,
    window: MainWindow,
    postgres_url: str,  # noqa: F811
) -> None:
    live = _live(window)
    script = textwrap.dedent(
        """
        import sys
        from dataclasses import replace
        from entretien_desktop.services.workspace import Workspace
        from entretien_desktop.storage import open_server

        with open_server(sys.argv[1]) as database:
            workspace = Workspace(database)
            employee = workspace.employee("G2")
            workspace.save_employee(replace(employee, first_name="Noah"), replacing="G2")
        """
    )
    with qtbot.waitSignal(live.refreshed, timeout=WAIT_MS * 3):
        done = subprocess.run(
            [sys.executable, "-c", script, postgres_url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: "Noah Garnier" in _names(window), timeout=WAIT_MS)


@pytest.mark.gui
def test_the_company_is_read_again_at_most_once_in_a_pause(qtbot: QtBot, tmp_path: Path) -> None:
    """Another user typing saves every few hundred milliseconds: after a read of the
    company, the next waits for the pause (PAUSE_MS) to end, not just the notices' settle
    time, so a window does not read the whole company without a break."""
    with open_database(tmp_path / "c.sqlite") as database:
        live = LiveUpdates(Workspace(database, today=lambda: TODAY))
        live._gather()
        assert live._settle.interval() == SETTLE_MS  # nothing read yet: the settle only
        live._settle.stop()
        live._take(live.workspace.commits, None)  # a read just ended
        live._gather()
        assert live._settle.interval() > PAUSE_MS - 200
        live._settle.stop()
