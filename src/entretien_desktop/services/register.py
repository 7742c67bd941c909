"""Read-side queries about the company register, shaped for screens and the command line."""

from __future__ import annotations

from dataclasses import dataclass

from entretien_desktop.storage import Database


@dataclass(frozen=True, slots=True)
class RegisterSummary:
    """What a window title and status bar show about an open file."""

    company_name: str | None
    employees: int

    @property
    def empty(self) -> bool:
        return self.company_name is None and self.employees == 0


def register_summary(database: Database) -> RegisterSummary:
    name, employees = database.peek_summary()
    return RegisterSummary(name, employees)
