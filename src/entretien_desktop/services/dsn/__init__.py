"""Reading the monthly DSN (déclaration sociale nominative) and its event reports into the
register: employees, contracts, exits and leaves (docs/import.md, "The DSN")."""

from entretien_desktop.services.dsn.codes import CAHIER_TECHNIQUE
from entretien_desktop.services.dsn.parser import Declaration, parse_dsn, parse_text
from entretien_desktop.services.dsn.plan import (
    DsnPlan,
    DsnRefused,
    import_files,
    plan_files,
    plan_import,
)

__all__ = [
    "CAHIER_TECHNIQUE",
    "Declaration",
    "DsnPlan",
    "DsnRefused",
    "import_files",
    "parse_dsn",
    "parse_text",
    "plan_files",
    "plan_import",
]
