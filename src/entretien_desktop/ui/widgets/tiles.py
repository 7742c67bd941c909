"""A tile: one figure with its caption and a coloured edge (the dashboard, a campaign)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout

from entretien_desktop.ui.widgets.text import scaled_font


class Tile(QFrame):
    """One figure of the dashboard: a caption, the figure in bold, a coloured edge."""

    def __init__(self, name: str, caption: str, colour: str, tip: str) -> None:
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.value_label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self.value_label.text()
