"""Reading the monthly DSN (déclaration sociale nominative) and its event reports into the
register: employees, contracts, exits and leaves (docs/import.md, "The DSN")."""

from entretien_desktop.services.dsn.choices import (
    SKIP,
    CodesRefused,
    DsnRefused,
    choices_from_json,
    choices_to_json,
    read_choices_file,
)
from entretien_desktop.services.dsn.codes import (
    CAHIER_TECHNIQUE,
    CODE_NAMES,
    STOPPAGE,
    SUSPENSION,
    Choices,
    built_in,
)
from entretien_desktop.services.dsn.parser import Declaration, parse_dsn, parse_text
from entretien_desktop.services.dsn.plan import (
    DsnPlan,
    import_files,
    plan_files,
    plan_import,
)

__all__ = [
    "CAHIER_TECHNIQUE",
    "CODE_NAMES",
    "SKIP",
    "STOPPAGE",
    "SUSPENSION",
    "Choices",
    "CodesRefused",
    "Declaration",
    "DsnPlan",
    "DsnRefused",
    "built_in",
    "choices_from_json",
    "choices_to_json",
    "import_files",
    "parse_dsn",
    "parse_text",
    "plan_files",
    "plan_import",
    "read_choices_file",
]
