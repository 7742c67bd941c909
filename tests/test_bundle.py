"""The frozen program, built for real: only with ``BUNDLE=1`` (about a minute of build;
``make bundle`` runs it), with the Python of the build environment in ``BUNDLE_PYTHON``.

The bundle passes its self-test, answers ``check --json`` byte for byte as the program run
from the virtual environment, on a data file and on a throwaway PostgreSQL server (its
driver and keychain bundled), opens a data file given on its command line, leaves out what
it does not need, and its Linux archive installs for one user and uninstalls keeping the
data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.postgres_server import postgres_server, postgres_url  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "bundle"

pytestmark = pytest.mark.skipif(
    os.environ.get("BUNDLE") != "1", reason="builds the bundle: set BUNDLE=1 (make bundle)"
)


def _environment(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV"))
    }
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), LANG="C.UTF-8")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    return env


@pytest.fixture(scope="module")
def built() -> tuple[Path, Path]:
    """The program's folder and its Linux archive, built once for the module."""
    python = os.environ.get("BUNDLE_PYTHON", str(ROOT / ".venv-bundle" / "bin" / "python"))
    subprocess.run(
        [python, str(ROOT / "packaging" / "build_bundle.py"), "--out", str(OUT)], check=True
    )
    program = OUT / "dist" / "entretien-desktop"
    archives = sorted(OUT.glob("entretien-desktop-*-linux-*.tar.gz"))
    assert program.is_dir() and archives
    return program, archives[-1]


def _run(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=_environment(home), capture_output=True, text=True, timeout=300, check=False
    )


def test_the_bundle_passes_its_self_test(built: tuple[Path, Path], tmp_path: Path) -> None:
    program, _archive = built
    output = tmp_path / "self-test.txt"
    result = _run(
        [str(program / "entretien-desktop"), "--self-test", "--self-test-output", str(output)],
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[-1].startswith("self-test: all ")
    # The server's driver with its own libpq, and keyring with the system keychains' backends.
    (driver,) = [line for line in lines if line.startswith("ok   server driver: ")]
    assert "(binary), libpq " in driver and "SecretService" in driver, driver


def test_the_bundle_answers_as_the_virtual_environment(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    program, _archive = built
    db = tmp_path / "demo.entretien"
    demo = _run([str(program / "entretien-desktop"), "demo", "--db", str(db)], tmp_path)
    assert demo.returncode == 0, demo.stderr
    check = ["check", "--db", str(db), "--as-of", "2026-12-01", "--json"]
    frozen = _run([str(program / "entretien-desktop"), *check], tmp_path)
    venv = _run([sys.executable, "-m", "entretien_desktop", *check], tmp_path)
    assert frozen.returncode == venv.returncode == 0, frozen.stderr + venv.stderr
    assert frozen.stdout == venv.stdout
    assert '"kind": "periodic"' in frozen.stdout
    french = _run([str(program / "entretien-desktop"), "--lang", "fr", "--help"], tmp_path)
    assert "fichier de données" in french.stdout  # the catalogs came along


@pytest.mark.postgres
def test_the_bundle_opens_a_company_on_a_server(
    built: tuple[Path, Path],
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    program, _archive = built
    frozen = str(program / "entretien-desktop")
    made = _run([frozen, "server-init", "--db", postgres_url], tmp_path)
    assert made.returncode == 0, made.stderr
    demo = tmp_path / "demo.entretien"
    assert _run([frozen, "demo", "--db", str(demo)], tmp_path).returncode == 0
    copied = _run([frozen, "copy", "--from", str(demo), "--to", postgres_url], tmp_path)
    assert copied.returncode == 0, copied.stderr
    check = ["check", "--db", postgres_url, "--as-of", "2026-12-01", "--json"]
    on_server = _run([frozen, *check], tmp_path)
    venv = _run([sys.executable, "-m", "entretien_desktop", *check], tmp_path)
    assert on_server.returncode == venv.returncode == 0, on_server.stderr + venv.stderr
    assert on_server.stdout == venv.stdout
    assert '"kind": "periodic"' in on_server.stdout


def test_the_bundle_opens_a_data_file_given_on_its_command_line(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    program, _archive = built
    db = tmp_path / "given.entretien"
    env = dict(_environment(tmp_path), ENTRETIEN_DESKTOP_QUIT_WHEN_INTERACTIVE="1")
    result = subprocess.run(
        [str(program / "entretien-desktop"), str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "interactive"
    assert db.is_file()  # created and opened


def test_the_bundle_leaves_out_what_it_does_not_need(built: tuple[Path, Path]) -> None:
    program, _archive = built
    inside = program / "_internal"
    locales = {p.stem.split("_")[0] for p in (inside / "babel" / "locale-data").glob("*.dat")}
    assert locales == {"fr", "en", "nl", "nb", "nn", "no", "da", "root"}
    assert not (inside / "setuptools").exists() and not (inside / "pkg_resources").exists()
    assert not list(inside.glob("PySide6/Qt/lib/libQt6Qml*"))
    assert not list(inside.glob("PySide6/Qt/plugins/platformthemes/libqgtk3*"))
    assert (inside / "entretien_desktop" / "storage" / "migrations" / "versions").is_dir()
    (icu,) = inside.glob("PySide6/Qt/lib/libicudata.so.*")
    assert icu.stat().st_size < 20e6  # ICU's locale data of the four languages only
    size = sum(p.stat().st_size for p in program.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 200e6


def test_the_archive_installs_for_one_user_and_uninstalls_keeping_the_data(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _program, archive = built
    with tarfile.open(archive) as packed:
        packed.extractall(tmp_path / "unpacked", filter="tar")
    (folder,) = (tmp_path / "unpacked").iterdir()
    home = tmp_path / "home"
    home.mkdir()
    installed = _run(["sh", str(folder / "install.sh")], home)
    assert installed.returncode == 0, installed.stderr
    share = home / "xdg_data_home"
    entry = (share / "applications" / "entretien-desktop.desktop").read_text(encoding="utf-8")
    assert "MimeType=application/x-entretien-desktop;" in entry
    program = home / ".local" / "lib" / "entretien-desktop" / "entretien-desktop"
    assert f'Exec="{program}" %f' in entry
    assert (share / "mime" / "packages" / "entretien-desktop.xml").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "entretien-desktop.png").is_file()
    command = home / ".local" / "bin" / "entretien-desktop"
    assert _run([str(command), "--self-test"], home).returncode == 0

    data = share / "EntretienDesktop" / "entretien.entretien"
    assert _run([str(command), "demo", "--db", str(data)], home).returncode == 0
    removed = _run(["sh", str(folder / "uninstall.sh")], home)
    assert removed.returncode == 0, removed.stderr
    assert not command.exists() and not program.exists()
    assert data.is_file()  # the data stays
