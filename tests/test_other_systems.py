"""What Windows and macOS do differently, tested here on Linux: the folders the program
uses there, its Windows lock and file handling (with ``msvcrt`` played by a fake), the
files a macOS application finds in its bundle."""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import sys
import tempfile
import types
from pathlib import Path, PurePosixPath, PureWindowsPath

import platformdirs.macos
import platformdirs.windows
import pytest
from pytestqt.qtbot import QtBot

from entretien_desktop import cli, paths, self_test
from entretien_desktop.logs import LOG_FILE_NAME, log_to_file
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.storage import FileLockedError, building, lock
from entretien_desktop.storage.uri import file_uri, read_only_uri
from tests.helpers import db_arg, open_data, small_company

WINDOWS_LOCK_OFFSET = 1 << 40


class FakeMsvcrt(types.ModuleType):
    """``msvcrt.locking`` as Windows does it: a byte range of the file, from the
    descriptor's position, locked for that handle alone, refused to every other handle (in
    this process too), and held until unlocked: Windows releases a closed handle's locks
    only in its own time, which this fake takes to be never."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[int, int, int]] = []  # mode, bytes, position
        self.held: dict[tuple[int, int, int, int], int] = {}  # file, range -> descriptor

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        status = os.fstat(fd)
        key = (status.st_dev, status.st_ino, position, nbytes)
        self.calls.append((mode, nbytes, position))
        if mode == self.LK_NBLCK:
            if key in self.held:
                raise PermissionError(13, "Permission denied")
            self.held[key] = fd
        elif mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise PermissionError(13, "Permission denied")
            del self.held[key]
        else:
            raise AssertionError(f"a lock that waits (mode {mode}) would hang the window")


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    """The storage's Windows branches, with a fake ``msvcrt``."""
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    win32 = types.SimpleNamespace(platform="win32")
    monkeypatch.setattr(lock, "sys", win32)
    monkeypatch.setattr(building, "sys", win32)
    return fake


def _open_here(path: Path) -> bool:
    """Whether a descriptor of this process has ``path`` open."""
    try:
        wanted = path.stat()
    except OSError:
        return False
    for entry in Path("/proc/self/fd").iterdir():
        try:
            status = entry.stat()
        except OSError:
            continue
        if (status.st_dev, status.st_ino) == (wanted.st_dev, wanted.st_ino):
            return True
    return False


def refuse_to_move_open_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows renames and deletes no file a process has open (Python's and SQLite's
    handles do not share the right to delete): the error Windows gives, made here."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc/self/fd to see which files are open")

    def refusing(name: str) -> None:
        original = getattr(Path, name)

        def method(self: Path, *args: object, **kwargs: object) -> object:
            for path in (self, *(Path(a) for a in args if isinstance(a, str | Path))):
                if _open_here(path):
                    raise PermissionError(13, "The file is being used by another process")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Path, name, method)

    for name in ("rename", "replace", "unlink"):
        refusing(name)


def test_a_source_tree_reads_its_resources_beside_src(tmp_path: Path) -> None:
    package = tmp_path / "src" / "entretien_desktop"
    package.mkdir(parents=True)
    (tmp_path / "resources").mkdir()
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    assert paths.resources_dir_of(package) == tmp_path / "resources"


def test_a_macos_application_reads_the_packages_resources_not_contents_resources(
    tmp_path: Path,
) -> None:
    """In ``Entretien Desktop.app`` the package is ``Contents/Frameworks/entretien_desktop``
    (or ``Contents/Resources/...`` once its link is resolved): two levels up is
    ``Contents/``, whose ``Resources`` a case-insensitive disk finds as ``resources``. Made
    here as ``resources``, since this disk tells the two apart."""
    contents = tmp_path / "Entretien Desktop.app" / "Contents"
    package = contents / "Frameworks" / "entretien_desktop"
    (package / "resources" / "templates").mkdir(parents=True)
    (contents / "resources").mkdir()
    assert paths.resources_dir_of(package) == package / "resources"


def test_this_source_tree_is_one() -> None:
    root = Path(__file__).resolve().parents[1]
    assert paths.resources_dir() == root / "resources"


def test_the_windows_lock_takes_one_byte_far_past_the_data_and_gives_it_back_before_closing(
    windows: FakeMsvcrt, tmp_path: Path
) -> None:
    path = tmp_path / "c.entretien"
    path.write_bytes(b"")
    held = lock.FileLock(path)
    held.acquire()
    assert windows.calls == [(FakeMsvcrt.LK_NBLCK, 1, WINDOWS_LOCK_OFFSET)]
    with pytest.raises(FileLockedError) as refused:
        lock.FileLock(path).acquire()
    assert refused.value.pid == os.getpid()
    held.release()
    assert windows.calls[-1] == (FakeMsvcrt.LK_UNLCK, 1, WINDOWS_LOCK_OFFSET)
    assert windows.held == {}
    again = lock.FileLock(path)
    again.acquire()  # at once: nothing waits for Windows to drop a closed handle's lock
    again.release()


def test_a_new_file_is_created_named_and_opened_again_under_windows(
    windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new file is built under a temporary name, its lock let go, renamed, and locked
    again under its name: the second lock meets no leftover of the first."""
    refuse_to_move_open_files(monkeypatch)
    path = tmp_path / "new.entretien"
    with open_data(path) as database:
        import_company(database, small_company())
        with pytest.raises(FileLockedError):
            open_data(path)
    with open_data(path) as database:
        company = load_company(database)
    assert company is not None and company.name == small_company().name
    assert windows.held == {}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".creating")] == []


def test_a_creation_left_by_a_killed_program_is_removed_under_windows(
    windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The leftover is probed with its lock, which must be let go before Windows allows
    the leftover to be deleted."""
    refuse_to_move_open_files(monkeypatch)
    path = tmp_path / "c.entretien"
    leftover = tmp_path / f".{path.name}.0123456789ab{building.CREATING_SUFFIX}"
    leftover.write_bytes(b"half a file")
    with open_data(path):
        pass
    assert not leftover.exists()


def test_a_damaged_file_is_put_aside_for_its_copy_under_windows(
    windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is checked free through its lock, then renamed aside: Windows renames it
    only once the lock's own handle is closed."""
    path = tmp_path / "c.entretien"
    with open_data(path) as database:
        import_company(database, small_company())
    copy = path.with_name(f"{path.name}.before-0006.bak")
    copy.write_bytes(path.read_bytes())
    refuse_to_move_open_files(monkeypatch)
    aside = building.restore_copy(path, copy)
    assert aside.is_file()
    with open_data(path) as database:
        company = load_company(database)
    assert company is not None and company.name == small_company().name


def test_sqlite_reads_a_windows_network_path_without_an_authority() -> None:
    """``\\\\server\\share\\...`` (a network folder, or a mapped drive once resolved) as
    ``file:////server/share/...``: SQLite refuses ``file://server/...``, which is what
    ``as_uri()`` makes of it."""
    network = PureWindowsPath(r"\\srv-rh\Entretiens\Équipe 2026\atelier.entretien")
    assert file_uri(network) == "file:////srv-rh/Entretiens/%C3%89quipe%202026/atelier.entretien"
    assert network.as_uri().startswith("file://srv-rh/")
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect(f"{network.as_uri()}?mode=ro", uri=True)
    drive = PureWindowsPath(r"C:\Users\Zoé\AppData\Local\EntretienDesktop\a b.entretien")
    assert file_uri(drive) == (
        "file:///C:/Users/Zo%C3%A9/AppData/Local/EntretienDesktop/a%20b.entretien"
    )
    assert file_uri(PurePosixPath("/home/zoé/#1?%.entretien")) == (
        "file:///home/zo%C3%A9/%231%3F%25.entretien"
    )


def test_the_read_only_uri_opens_the_file_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "Équipe #2 ? 100% à jour.entretien"
    with sqlite3.connect(path) as writer:
        writer.execute("CREATE TABLE t (x)")
    writer.close()
    reader = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        assert reader.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.execute("CREATE TABLE u (x)")
    finally:
        reader.close()
    # The network form: an empty authority and the path's two slashes, read by SQLite.
    doubled = sqlite3.connect(f"file:///{read_only_uri(path).removeprefix('file://')}", uri=True)
    try:
        assert doubled.execute("SELECT count(*) FROM t").fetchone() == (0,)
    finally:
        doubled.close()


def test_the_log_and_the_lock_holder_are_opened_in_binary_mode_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows opens a descriptor in text mode unless told ``O_BINARY``; its writes then
    turn each line's \\r\\n, written by Python, into \\r\\r\\n."""
    binary = 1 << 29  # stands for O_BINARY, taken off before the real open
    opened: dict[str, bool] = {}
    real_open = os.open

    def spying_open(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        opened[Path(path).name] = bool(flags & binary)
        return real_open(path, flags & ~binary, *args, **kwargs)

    monkeypatch.setattr(os, "O_BINARY", binary, raising=False)
    monkeypatch.setattr(os, "open", spying_open)
    with log_to_file(tmp_path / "log") as log_path:
        logging.getLogger("entretien_desktop").warning("line")
    assert log_path is not None and log_path.read_text(encoding="utf-8").endswith("line\n")
    data = tmp_path / "c.entretien"
    data.write_bytes(b"")
    held = lock.FileLock(data)
    held.acquire()
    held.release()
    assert opened[LOG_FILE_NAME] and opened["c.entretien"] and opened["c.entretien.lock"]


def test_output_redirected_in_an_ansi_code_page_is_written_in_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows gives a redirected standard output its ANSI code page, cp1252 in France,
    which has no narrow no-break space (U+202F, in French numbers)."""
    db = tmp_path / "demo.entretien"
    assert cli.main(["demo", "--db", db_arg(db)]) == cli.EXIT_OK
    redirected = io.BytesIO()
    stdout = io.TextIOWrapper(redirected, encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert cli.main(["--lang", "fr", "check", "--db", db_arg(db), "--as-of", "2026-12-01"]) == 0
    stdout.flush()
    text = redirected.getvalue().decode("utf-8")
    assert "\u202f" in text and "obligations au 1 décembre 2026" in text


def _same_settings(kind: type[platformdirs.PlatformDirsABC]) -> platformdirs.PlatformDirsABC:
    """The folders the program would use on another system: ``paths``' own settings."""
    mine = paths._dirs
    return kind(mine.appname, appauthor=mine.appauthor, roaming=mine.roaming)


def test_on_windows_the_data_is_in_the_local_app_data_folder_not_the_programs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Per user, not roaming (a data file of megabytes, locked while open, has no place in
    a roaming profile), and apart from ``%LOCALAPPDATA%\\Programs\\Entretien Desktop``,
    where the installer puts the program and an update or the uninstaller replaces it."""
    monkeypatch.setattr(
        platformdirs.windows, "get_win_folder", platformdirs.windows.get_win_folder_from_env_vars
    )
    local = PureWindowsPath(r"C:\Users\zoé\AppData\Local")
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setenv("APPDATA", r"C:\Users\zoé\AppData\Roaming")
    folders = _same_settings(platformdirs.windows.Windows)
    data = PureWindowsPath(folders.user_data_dir)
    assert data == local / "EntretienDesktop"
    assert PureWindowsPath(folders.user_config_dir) == data
    assert PureWindowsPath(folders.user_log_dir) == data / "Logs"
    assert not data.is_relative_to(local / "Programs" / "Entretien Desktop")


def test_on_macos_the_data_is_in_application_support_not_the_application(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", "/Users/zoé")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    folders = _same_settings(platformdirs.macos.MacOS)
    data = Path("/Users/zoé/Library/Application Support/EntretienDesktop")
    assert Path(folders.user_data_dir) == data
    assert Path(folders.user_config_dir) == data
    assert Path(folders.user_log_dir) == Path("/Users/zoé/Library/Logs/EntretienDesktop")


def test_the_self_test_leaves_no_file_open_in_the_folder_it_removes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows deletes no open file: a handle left open (a data file, a PDF, the settings)
    would make the removal of the self-test's folder fail, and with it the self-test."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc/self/fd to see which files are open")
    left_open: list[str] = []

    class Checked(tempfile.TemporaryDirectory[str]):
        def cleanup(self) -> None:
            left_open.extend(
                str(entry.resolve())
                for entry in Path("/proc/self/fd").iterdir()
                if _points_into(entry, Path(self.name))
            )
            super().cleanup()

    monkeypatch.setattr(tempfile, "TemporaryDirectory", Checked)
    outcomes = self_test.run_checks()
    assert all(outcome.ok for outcome in outcomes), [o.line for o in outcomes]
    assert left_open == []


def _points_into(descriptor: Path, folder: Path) -> bool:
    try:
        return descriptor.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def test_a_passphrase_is_given_to_an_open_file_under_windows(
    windows: FakeMsvcrt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings › Protect under Windows: the file is rewritten beside itself, then, the
    lock's handle closed (Windows renames no open file), swapped in and locked again."""
    from entretien_desktop.storage import rekey  # noqa: PLC0415
    from entretien_desktop.storage.cipher import FileKey, looks_encrypted  # noqa: PLC0415

    monkeypatch.setattr(rekey, "sys", types.SimpleNamespace(platform="win32"))
    path = tmp_path / "c.entretien"
    database = open_data(path)
    try:
        import_company(database, small_company())
        refuse_to_move_open_files(monkeypatch)
        database.change_protection(FileKey.new("une phrase assez longue"))
        assert looks_encrypted(path) and database.lock.held
        company = load_company(database)
    finally:
        database.close()
    assert company is not None and company.name == small_company().name
    assert not windows.held  # every byte lock given back on closing
