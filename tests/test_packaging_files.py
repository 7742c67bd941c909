"""The packaging files agree with each other and with the program: the PyInstaller spec
(run here with PyInstaller's objects played by recorders, as Windows, macOS and Linux would
run it), the Windows installer's script, the Linux menu entry and file type, the workflow
that builds them all, and docs/packaging.md. Plain reading: no build, no network."""

from __future__ import annotations

import builtins
import re
import types
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path, PureWindowsPath
from typing import Any

import pytest

from entretien_desktop import paths
from entretien_desktop.cli import DATA_FILE_SUFFIXES
from entretien_desktop.ui.file_menu import FILE_SUFFIX

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


# ---- the Windows installer ----


def test_the_installer_installs_the_programs_the_spec_makes() -> None:
    built = run_spec("win32")
    windowed = next(e["name"] for e in built.executables if not e["console"])
    console = next(e["name"] for e in built.executables if e["console"])
    assert iss_define("WindowedExe") == f"{windowed}.exe"
    assert iss_define("ConsoleExe") == f"{console}.exe"
    # The folder build_bundle.py fills, read from the script's folder.
    bundle_dir = PureWindowsPath(iss_define("BundleDir"))
    assert (ISS.parent / bundle_dir.as_posix()).resolve() == (
        ROOT / "build" / "bundle" / "dist" / "entretien-desktop"
    )
    assert (ISS.parent / PureWindowsPath(iss_setting("SetupIconFile")).as_posix()).is_file()


def test_the_installer_and_the_disk_image_have_the_names_the_readme_gives() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`Entretien-Desktop-Setup-VERSION.exe`" in readme
    assert iss_setting("OutputBaseFilename") == "Entretien-Desktop-Setup-{#AppVersion}"
    assert "`Entretien-Desktop-VERSION.dmg`" in readme
    assert 'dmg="build/bundle/Entretien-Desktop-$VERSION.dmg"' in workflow()


def test_the_installer_is_per_user_without_administrator_rights() -> None:
    assert iss_setting("PrivilegesRequired") == "lowest"
    assert iss_setting("PrivilegesRequiredOverridesAllowed") == "dialog"
    assert iss_setting("DefaultDirName") == "{autopf}\\{#AppName}"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", iss_setting("AppId"))
    assert iss_setting("AppVersion") == "{#AppVersion}"  # given by the workflow


def test_the_installer_opens_data_files_with_the_windowed_program() -> None:
    text = iss_text()
    assert iss_setting("ChangesAssociations") == "yes"
    assert iss_define("DataExtension") == f".{EXTENSION}"
    command = 'ValueData: """{app}\\{#WindowedExe}"" ""%1"""'
    assert command in text
    assert 'Root: HKA; Subkey: "Software\\Classes\\{#DataExtension}"' in text
    assert '[Icons]\nName: "{autoprograms}\\{#AppName}"; Filename: "{app}\\{#WindowedExe}"' in text


def test_the_uninstaller_leaves_the_users_data_folder() -> None:
    text = iss_text()
    assert "[UninstallDelete]" not in text.replace("; No [UninstallDelete]", "")
    assert f"{{localappdata}}\\{paths.APP_NAME}" in text  # named, in the comment saying so
    deleted = re.findall(r"^Type: \w+; Name: \"([^\"]+)\"", text, re.MULTILINE)
    assert deleted == ["{app}\\_internal"]  # at an update: the program's own folder only


def test_the_installer_speaks_the_programs_languages() -> None:
    text = iss_text()
    languages = {"english": "Default.isl", "french": "Languages\\French.isl"}
    languages |= {"dutch": "Languages\\Dutch.isl", "norwegian": "Languages\\Norwegian.isl"}
    for name, messages in languages.items():
        assert f'Name: "{name}"; MessagesFile: "compiler:{messages}"' in text
        assert f"\n{name}.DataFileType=" in text


def test_the_installer_script_is_utf8_with_a_byte_order_mark() -> None:
    """Inno Setup reads a script as UTF-8 only with its mark (the French message)."""
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "données" in raw.decode("utf-8-sig")


# ---- the data file type, everywhere ----


def test_every_system_knows_the_data_file_by_the_same_extension() -> None:
    assert FILE_SUFFIX == DATA_FILE_SUFFIXES[0] == Path(paths.DEFAULT_FILE_NAME).suffix
    assert f".{EXTENSION}" == FILE_SUFFIX
    assert iss_define("DataExtension") == FILE_SUFFIX
    bundle = run_spec("darwin").bundle
    assert bundle is not None
    (declared,) = bundle["info_plist"]["UTExportedTypeDeclarations"]
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == [EXTENSION]
    mime = (PACKAGING / "linux" / "entretien-desktop-mime.xml").read_text(encoding="utf-8")
    assert f'<glob pattern="*.{EXTENSION}"/>' in mime
    mime_type = re.search(r'<mime-type type="([^"]+)">', mime)
    assert mime_type is not None
    entry = (PACKAGING / "linux" / "entretien-desktop.desktop").read_text(encoding="utf-8")
    assert f"MimeType={mime_type.group(1)};" in entry.splitlines()
    assert "Exec=entretien-desktop %f" in entry.splitlines()


# ---- the workflow ----


def test_the_workflow_builds_on_the_three_systems_when_asked() -> None:
    text = workflow()
    assert re.search(r'^  push:\n    tags: \["v\*"\]$', text, re.MULTILINE)
    assert "\n  workflow_dispatch:\n" in text
    assert re.search(r'^  pull_request:\n    paths:\n      - "packaging/\*\*"$', text, re.MULTILINE)
    for runner in ("windows-latest", "macos-14", "ubuntu-22.04"):
        assert f"- os: {runner}\n" in text
    assert 'python-version: "3.11"' in text
    assert '"pyinstaller>=6.22"' in text
    assert "packaging/build_bundle.py" in text and "make bundle" in text


def test_the_workflow_self_tests_the_program_each_system_runs() -> None:
    text = workflow()
    assert "--self-test --self-test-output selftest.txt" in text
    programs = dict(re.findall(r"label: (\w+)\n\s+program: (.+)\n", text))
    console = next(e["name"] for e in run_spec("win32").executables if e["console"])
    assert programs["Windows"] == f"build/bundle/dist/{console}/{console}.exe"
    mac = run_spec("darwin")
    assert mac.bundle is not None
    (executable,) = mac.executables
    app = mac.bundle["name"]
    assert programs["macOS"] == f"build/bundle/dist/{app}/Contents/MacOS/{executable['name']}"
    assert programs["Linux"] == "build/bundle/dist/entretien-desktop/entretien-desktop"
    # And the installed program, and the windowed one, on Windows.
    assert "--self-test --self-test-output selftest-installed.txt" in text
    windowed = iss_define("WindowedExe")
    assert f'$program = "build\\bundle\\dist\\entretien-desktop\\{windowed}"' in text


def test_the_workflow_installs_and_uninstalls_the_windows_installer_silently() -> None:
    text = workflow()
    assert "choco install innosetup" in text
    assert '@("/DAppVersion=$env:VERSION")' in text
    assert f"packaging\\windows\\{ISS.name}" in text
    assert "'/VERYSILENT', '/CURRENTUSER'" in text
    assert 'Join-Path $env:LOCALAPPDATA "Programs\\Entretien Desktop"' in text
    assert f'Join-Path $env:LOCALAPPDATA "{paths.APP_NAME}\\{paths.DEFAULT_FILE_NAME}"' in text
    assert "unins000.exe" in text
    assert "the uninstaller removed the user's data" in text


def test_the_workflow_signs_only_with_its_secrets_and_the_docs_name_them() -> None:
    text = workflow()
    secrets = set(re.findall(r"secrets\.([A-Z0-9_]+)", text))
    assert secrets >= {
        "WINDOWS_CERTIFICATE_PFX_BASE64",
        "WINDOWS_CERTIFICATE_PASSWORD",
        "MACOS_CERTIFICATE_P12_BASE64",
        "MACOS_CERTIFICATE_PASSWORD",
        "MACOS_SIGNING_IDENTITY",
        "MACOS_NOTARY_APPLE_ID",
        "MACOS_NOTARY_TEAM_ID",
        "MACOS_NOTARY_PASSWORD",
    }
    docs = (ROOT / "docs" / "packaging.md").read_text(encoding="utf-8")
    for secret in secrets:
        assert f"`{secret}`" in docs, secret
    # Every step that uses a certificate runs only when it is there.
    for step in re.split(r"\n      - ", text):
        if any(tool in step for tool in ("signtool", "codesign", "notarytool")):
            assert "_SIGNING == 'true'" in step or "WINDOWS_SIGNING -eq 'true'" in step, step
    assert "codesign --force --deep --timestamp --options runtime" in text
    assert "xcrun notarytool submit" in text and "xcrun stapler staple" in text
    assert "packaging/macos/entitlements.plist" in text
    assert (PACKAGING / "macos" / "entitlements.plist").is_file()


@pytest.mark.parametrize("script", ["macos/make_dmg.sh", "linux/install.sh"])
def test_the_shell_scripts_stop_at_the_first_error(script: str) -> None:
    text = (PACKAGING / script).read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\n") and "\nset -eu\n" in text
