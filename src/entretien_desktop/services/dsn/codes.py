"""The DSN codes this program reads and what each becomes (docs/import.md, "The DSN").

Followed: the DSN *cahier technique* (NEODeS norm, version 2024.1 and the years around it:
the lists below are unchanged in the versions we could compare). We could not read the
net-entreprises.fr PDF itself here; each list was taken from public transcriptions of the
cahier technique's code tables and kept only where two independent transcriptions agree
(or, for a code added later, where the newer one names it). A code not listed here is
reported as unknown and its record skipped: never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping

from entretien_desktop.domain import Contract, LeaveKind, WorkingTime

CAHIER_TECHNIQUE = "DSN cahier technique 2024.1 (NEODeS)"

# S21.G00.40.007 -- Nature du contrat.
CONTRACT_NATURES: dict[str, Contract] = {
    "01": Contract.PERMANENT,  # CDI de droit privé
    "02": Contract.FIXED_TERM,  # CDD de droit privé
    "03": Contract.TEMP_AGENCY,  # contrat de mission (contrat de travail temporaire)
    "07": Contract.PERMANENT,  # CDI intermittent
    "29": Contract.INTERN,  # convention de stage (hors formation professionnelle)
}

# S21.G00.40.008 -- Dispositif de politique publique: the apprenticeship and the
# professionalisation contract are no natures of their own in the DSN, but a CDD or CDI
# under one of these schemes.
PUBLIC_SCHEMES: dict[str, Contract] = {
    "61": Contract.PROFESSIONALISATION,  # contrat de professionnalisation
    "64": Contract.APPRENTICESHIP,  # apprentissage, entreprises artisanales ou < 11 salariés
    "65": Contract.APPRENTICESHIP,  # apprentissage, entreprises non inscrites au RM >= 11
    "81": Contract.APPRENTICESHIP,  # apprentissage, secteur public
}

# S21.G00.40.014 -- Modalité d'exercice du temps de travail.
WORKING_TIMES: dict[str, WorkingTime] = {
    "10": WorkingTime.FULL_TIME,  # temps plein
    "20": WorkingTime.PART_TIME,  # temps partiel
}

# S21.G00.60.001 -- Motif de l'arrêt (work stoppages). A sickness becomes a long sickness
# once its return is known and it lasted the company's long-sickness threshold.
STOPPAGES: dict[str, LeaveKind] = {
    "01": LeaveKind.SICKNESS,  # maladie
    "02": LeaveKind.MATERNITY,  # maternité
    "03": LeaveKind.OTHER,  # paternité / accueil de l'enfant (no return interview)
    "04": LeaveKind.SICKNESS,  # congé suite à un accident de trajet
    "05": LeaveKind.SICKNESS,  # congé suite à maladie professionnelle
    "06": LeaveKind.SICKNESS,  # congé suite à accident de travail ou de service
    "07": LeaveKind.OTHER,  # femme enceinte dispensée de travail
    "09": LeaveKind.ADOPTION,  # adoption
}

# S21.G00.65.001 -- Motif de suspension (other suspensions of the contract).
SUSPENSIONS: dict[str, LeaveKind] = {
    "501": LeaveKind.UNPAID,  # congé divers non rémunéré
    "607": LeaveKind.PARENTAL_PRESENCE,  # congé de présence parentale
    "627": LeaveKind.FAMILY_SOLIDARITY,  # congé de solidarité familiale
    "632": LeaveKind.PARENTAL_EDUCATION,  # congé parental d'éducation
    "635": LeaveKind.OTHER,  # congé pour création ou reprise d'entreprise
    "639": LeaveKind.SABBATICAL,  # congé sabbatique
    "650": LeaveKind.CAREGIVER,  # congé de proche aidant
    "680": LeaveKind.UNPAID,  # congé sans solde cotisé
}

# Known codes deliberately not turned into leaves: reported as "not read", never guessed.
NOT_READ: dict[str, frozenset[str]] = {
    # Temps partiel thérapeutique (the person works) and the cancellation of a stoppage.
    "S21.G00.60.001": frozenset({"15", "16", "17", "18", "99"}),
    # Congés payés, chômage intempéries, mobilité (volontaire sécurisée or international
    # mobility of work-study students: which one is not said), training leaves.
    "S21.G00.65.001": frozenset({"200", "301", "507", "601", "609", "611"}),
}

STOPPAGE = "S21.G00.60.001"
SUSPENSION = "S21.G00.65.001"

# The cahier technique's wording of the leave codes above, shown beside each code met in
# the files (in French, as the norm and the payroll software say them).
CODE_NAMES: dict[str, dict[str, str]] = {
    STOPPAGE: {
        "01": "maladie",
        "02": "maternité",
        "03": "paternité / accueil de l'enfant",
        "04": "congé suite à un accident de trajet",
        "05": "congé suite à maladie professionnelle",
        "06": "congé suite à accident de travail ou de service",
        "07": "femme enceinte dispensée de travail",
        "09": "adoption",
    },
    SUSPENSION: {
        "501": "congé divers non rémunéré",
        "607": "congé de présence parentale",
        "627": "congé de solidarité familiale",
        "632": "congé parental d'éducation",
        "635": "congé pour création ou reprise d'entreprise",
        "639": "congé sabbatique",
        "650": "congé de proche aidant",
        "680": "congé sans solde cotisé",
    },
}

Choices = Mapping[tuple[str, str], LeaveKind | None]
"""The user's table of leave codes over the built-in one: (rubrique, code) -> the kind of
leave it becomes, or ``None`` to skip its records. A code the cahier technique of a later
year adds, or one a payroll software uses its own way, is decided there by the user;
nothing is guessed."""


def leave_tables(choices: Choices) -> dict[str, dict[str, LeaveKind]]:
    """What each stoppage and suspension code becomes once ``choices`` are applied."""
    tables = {STOPPAGE: dict(STOPPAGES), SUSPENSION: dict(SUSPENSIONS)}
    for (rubrique, code), kind in choices.items():
        table = tables.get(rubrique)
        if table is None:
            continue
        if kind is None:
            table.pop(code, None)
        else:
            table[code] = kind
    return tables


def built_in(rubrique: str, code: str) -> LeaveKind | None:
    """What ``code`` becomes without any choice of the user's (``None``: skipped)."""
    return {STOPPAGE: STOPPAGES, SUSPENSION: SUSPENSIONS}.get(rubrique, {}).get(code)
