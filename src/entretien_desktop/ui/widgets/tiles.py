"""A tile: one figure with its caption and a coloured edge (the dashboard, a campaign)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout

from entretien_desktop.ui.widgets.text import scaled_font


class Tile(QFrame):
    """One figure of the dashboard: a caption, the figure in bold, a coloured edge, and an
    optional line of detail under the figure."""

    def __init__(
        self, name: str, caption: str, colour: str, tip: str, *, detailed: bool = False
    ) -> None:
        """``detailed``: the tile keeps room for a line of detail even while it has none,
        so that a row of such tiles lines up whichever of them have one."""
        super().__init__()
        self.setObjectName(name)
        self.setToolTip(tip)
        self.setStyleSheet(
            f"QFrame#{name} {{ background: palette(base); border: 1px solid palette(mid);"
            f" border-left: 5px solid {colour}; border-radius: 4px; }}"
        )
        self.caption_label = QLabel(caption)
        self.value_label = QLabel("—")
        self.value_label.setObjectName(f"{name}_value")
        self.value_label.setFont(scaled_font(self.value_label, 1.8, bold=True))
        self.detail_label = QLabel()
        self.detail_label.setObjectName(f"{name}_detail")
        self.detail_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.detail_label.setWordWrap(True)  # a narrow window wraps it rather than widens
        keep = self.detail_label.sizePolicy()
        keep.setRetainSizeWhenHidden(detailed)
        self.detail_label.setSizePolicy(keep)
        self.detail_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self.value_label.text()

    def set_detail(self, text: str) -> None:
        """A line under the figure saying what part of it is (hidden when empty)."""
        self.detail_label.setText(text)
        self.detail_label.setVisible(bool(text))
