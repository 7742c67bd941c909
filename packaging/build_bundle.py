"""Build the frozen program (PyInstaller onedir) and, on Linux, its archive with the install
script, the menu entry, the icons and the data file type.

Run with the Python of the build environment, where the wheel and PyInstaller are
installed (``make bundle`` makes it): ``python packaging/build_bundle.py [--out DIR]``.
Prints the build time; writes it to ``DIR/build-seconds`` for ``bench/bundle.py``.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "entretien-desktop.spec"
NAME = "entretien-desktop"


def build(out: Path) -> Path:
    """The onedir program, built in ``out/dist``; returns its folder."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            "--noconfirm",
            "--log-level",
            "ERROR",
        ],
        check=True,
    )
    seconds = time.perf_counter() - started
    (out / "build-seconds").write_text(f"{seconds:.1f}\n", encoding="utf-8")
    print(f"built {out / 'dist' / NAME} in {seconds:.1f} s", flush=True)
    return out / "dist" / NAME


def linux_archive(program: Path, out: Path, version: str) -> Path:
    """``entretien-desktop-VERSION-linux-ARCH.tar.gz``: the program, install.sh,
    uninstall.sh and share/ (menu entry, data file type, icons)."""
    folder_name = f"{NAME}-{version}-linux-{platform.machine()}"
    staging = out / folder_name
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(program, staging / NAME, symlinks=True)
    linux = ROOT / "packaging" / "linux"
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(linux / script, staging / script)
    share = staging / "share"
    (share / "icons").mkdir(parents=True)
    shutil.copy2(linux / "entretien-desktop.desktop", share)
    shutil.copy2(linux / "entretien-desktop-mime.xml", share)
    for icon in (ROOT / "resources" / "icons").iterdir():
        shutil.copy2(icon, share / "icons")
    archive = out / f"{folder_name}.tar.gz"
    with tarfile.open(archive, "w:gz") as packed:
        packed.add(staging, arcname=folder_name)
    shutil.rmtree(staging)
    print(f"archived {archive} ({archive.stat().st_size / 1e6:.1f} MB)", flush=True)
    return archive


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bundle")
    args = parser.parse_args()
    from entretien_desktop import __version__  # the installed wheel's  # noqa: PLC0415

    program = build(args.out)
    if sys.platform.startswith("linux"):
        linux_archive(program, args.out, __version__)


if __name__ == "__main__":
    main()
