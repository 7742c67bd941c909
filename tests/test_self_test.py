"""``entretien-desktop --self-test``: every check runs and passes in this installation, and
a deliberately broken resource makes the run fail, naming the check."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from entretien_desktop import self_test
from entretien_desktop.cli import main
from entretien_desktop.i18n import LOCALE_DIR
from entretien_desktop.services import templates

pytestmark = pytest.mark.gui

CHECK_NAMES = [name for name, _check in self_test.CHECKS]


def test_every_check_passes_and_is_written_to_the_output_file(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "self-test.txt"
    assert main(["--self-test", "--self-test-output", str(output)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in printed[:-1]] == [f"ok   {n}" for n in CHECK_NAMES]
    assert printed[-1] == f"self-test: all {len(CHECK_NAMES)} checks passed"
    assert output.read_text(encoding="utf-8").splitlines() == printed
    assert set(CHECK_NAMES) >= {"catalogs", "templates", "report PDF", "main window"}


def test_a_damaged_catalog_fails_the_catalog_check_only(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    (locale / "nl" / "LC_MESSAGES" / "entretien_desktop.mo").write_bytes(b"not a catalog")
    monkeypatch.setattr(self_test, "LOCALE_DIR", locale)
    outcomes = {o.name: o for o in self_test.run_checks()}
    assert not outcomes["catalogs"].ok
    assert "Bad magic number" in outcomes["catalogs"].detail
    assert "nl" in outcomes["catalogs"].detail
    assert all(o.ok for name, o in outcomes.items() if name != "catalogs")


@pytest.fixture
def fresh_templates() -> Iterator[None]:
    yield
    templates.built_in_templates.cache_clear()
    templates.previous_built_in_templates.cache_clear()


def test_a_missing_template_fails_the_run(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fresh_templates: None,
) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(templates.templates_dir(), folder)
    (folder / "professional.json").unlink()
    monkeypatch.setattr(templates, "templates_dir", lambda: folder)
    assert main(["--self-test"]) == 1
    lines = capsys.readouterr().out.splitlines()
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) >= 1
    assert failed[0].startswith("FAIL templates: LookupError: no built-in template")
    assert lines[-1].startswith("self-test: ") and "checks passed" in lines[-1]
    assert lines[-1] != f"self-test: all {len(CHECK_NAMES)} checks passed"
