"""The PyInstaller spec, run here with PyInstaller's objects played by recorders, as
Windows, macOS and Linux would run it. No build, no network."""

from __future__ import annotations

import builtins
import re
import types
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "entretien-desktop.spec"
ISS = PACKAGING / "windows" / "entretien-desktop.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "bundle.yml"
EXTENSION = "entretien"


@dataclass
class Built:
    """What the spec asked PyInstaller for."""

    namespace: dict[str, Any]
    executables: list[dict[str, Any]] = field(default_factory=list)
    bundle: dict[str, Any] | None = None

    def executable(self, name: str) -> dict[str, Any]:
        (found,) = [e for e in self.executables if e["name"] == name]
        return found


def run_spec(platform: str) -> Built:
    """Run the spec as PyInstaller would on ``platform`` (``sys.platform``'s value)."""

    class Analysis:
        def __init__(self, scripts: list[str], **_options: object) -> None:
            self.scripts = scripts
            self.pure: list[object] = []
            self.datas: list[tuple[str, str, str]] = []
            self.binaries: list[tuple[str, str, str]] = []

    def record_executable(*_parts: object, **options: Any) -> dict[str, Any]:
        built.executables.append(options)
        return options

    def record_bundle(*_parts: object, **options: Any) -> dict[str, Any]:
        built.bundle = options
        return options

    hooks = types.SimpleNamespace(
        collect_data_files=lambda *_a, **_k: [], collect_submodules=lambda *_a, **_k: []
    )
    fake_sys = types.SimpleNamespace(platform=platform)
    real_import = builtins.__import__

    def importing(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "sys":
            return fake_sys
        if name == "PyInstaller.utils.hooks":
            return hooks
        return real_import(name, *args, **kwargs)

    namespace: dict[str, Any] = {
        "__builtins__": {**vars(builtins), "__import__": importing},
        "SPECPATH": str(PACKAGING),
        "Analysis": Analysis,
        "PYZ": lambda *_a, **_k: None,
        "EXE": record_executable,
        "COLLECT": lambda *_a, **_k: None,
        "BUNDLE": record_bundle,
    }
    built = Built(namespace)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return built


def iss_text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def iss_define(name: str) -> str:
    found = re.search(rf'^\s*#define {name} "([^"]*)"$', iss_text(), re.MULTILINE)
    assert found, name
    return found.group(1)


def iss_setting(name: str) -> str:
    found = re.search(rf"^{name}=(.*)$", iss_text(), re.MULTILINE)
    assert found, name
    return found.group(1)


def workflow() -> str:
    return WORKFLOW.read_text(encoding="utf-8")


# ---- the spec, on each system ----


def test_on_windows_the_spec_makes_a_console_program_and_a_windowed_one() -> None:
    built = run_spec("win32")
    assert {e["name"]: e["console"] for e in built.executables} == {
        "entretien-desktop": True,
        "Entretien Desktop": False,
    }
    for executable in built.executables:
        assert executable["icon"].endswith(".ico") and Path(executable["icon"]).is_file()
        assert executable["strip"] is False
    assert built.bundle is None


def test_on_macos_the_spec_makes_a_window_application_that_owns_the_data_file_type() -> None:
    built = run_spec("darwin")
    (executable,) = built.executables
    assert executable["name"] == "entretien-desktop"
    assert executable["icon"].endswith(".icns") and Path(executable["icon"]).is_file()
    assert executable["strip"] is False  # stripping breaks a signed library's signature
    bundle = built.bundle
    assert bundle is not None and bundle["name"] == "Entretien Desktop.app"
    assert bundle["version"] == version("entretien-desktop")
    plist = bundle["info_plist"]
    # PyInstaller would mark a console program's application background only.
    assert plist["LSBackgroundOnly"] is False
    assert plist["CFBundleVersion"] == bundle["version"]
    (declared,) = plist["UTExportedTypeDeclarations"]
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == [EXTENSION]
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [declared["UTTypeIdentifier"]]
    assert document["LSHandlerRank"] == "Owner" and document["CFBundleTypeRole"] == "Editor"
    # PyInstaller copies the bundle's icon into Contents/Resources under its own name.
    icon = Path(bundle["icon"]).name
    assert document["CFBundleTypeIconFile"] == declared["UTTypeIconFile"] == icon


def test_on_linux_the_spec_makes_one_stripped_program_without_an_icon() -> None:
    built = run_spec("linux")
    (executable,) = built.executables
    assert executable["name"] == "entretien-desktop" and executable["console"] is True
    assert executable["icon"] is None and executable["strip"] is True
    assert built.bundle is None


def test_the_spec_reads_windows_paths_as_well_as_posix_ones() -> None:
    """PyInstaller gives destinations with the system's separator: backslashes on Windows."""
    kept = run_spec("win32").namespace["_kept"]
    assert kept(("PySide6\\translations\\qtbase_fr.qm", "", "DATA"))
    assert not kept(("PySide6\\translations\\qtbase_de.qm", "", "DATA"))
    assert kept(("babel\\locale-data\\nb_NO.dat", "", "DATA"))
    assert not kept(("babel\\locale-data\\de.dat", "", "DATA"))
    assert not kept(("PySide6\\plugins\\tls\\qopensslbackend.dll", "", "BINARY"))
    assert kept(("PySide6\\plugins\\platforms\\qwindows.dll", "", "BINARY"))
    assert kept(("PySide6\\plugins\\platforms\\qoffscreen.dll", "", "BINARY"))  # self-test
