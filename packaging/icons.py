"""Render the program's icon (resources/icons/entretien-desktop.svg) to what each system
wants: PNGs at the usual sizes (Linux's icon theme, the window), an .ico (Windows) and an
.icns (macOS). Run after changing the SVG; the results are kept in the repository.

Usage: ``python packaging/icons.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "entretien-desktop.svg"
PNG_DIR = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):
        sys.exit(f"cannot write {target}")


def main() -> None:
    application = QGuiApplication.instance() or QGuiApplication(["icons"])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        sys.exit(f"{SOURCE} is not a valid SVG")
    pngs = []
    for size in SIZES:
        target = PNG_DIR / f"entretien-desktop-{size}.png"
        render(renderer, size, target)
        pngs.append(target)
    largest = Image.open(PNG_DIR / "entretien-desktop-512.png")
    largest.save(
        ROOT / "packaging" / "icons" / "entretien-desktop.ico",
        sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)],
    )
    largest.save(ROOT / "packaging" / "icons" / "entretien-desktop.icns")
    del application
    print(f"{len(pngs)} PNGs, an .ico and an .icns written")


if __name__ == "__main__":
    main()
