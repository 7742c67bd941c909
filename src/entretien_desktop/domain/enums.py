"""Closed lists of values used by the company file and the rules (docs/company-file.md)."""

from enum import StrEnum

CountryCode = str
"""An ISO 3166 alpha-2 code; ``"FR"`` applies French law, any other only company policies."""

FRANCE: CountryCode = "FR"


class Contract(StrEnum):
    """Kind of employment contract (CDI, CDD, apprentissage, ...)."""

    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    APPRENTICESHIP = "apprenticeship"
    PROFESSIONALISATION = "professionalisation"
    TEMP_AGENCY = "temp_agency"
    INTERN = "intern"


class WorkingTime(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"


class LeaveKind(StrEnum):
    """Leaves and suspensions that matter for return-from-leave interviews."""

    MATERNITY = "maternity"
    ADOPTION = "adoption"
    PARENTAL_EDUCATION = "parental_education"
    PARENTAL_PART_TIME = "parental_part_time"
    CAREGIVER = "caregiver"
    SABBATICAL = "sabbatical"
    SECURE_MOBILITY = "secure_mobility"
    LONG_SICKNESS = "long_sickness"
    SICKNESS = "sickness"
    UNION_MANDATE = "union_mandate"
    # Suspensions that call for no return interview but, by the Ministry's Q&A of
    # 12 Feb 2026, do not count toward seniority (interpretation 17).
    PARENTAL_PRESENCE = "parental_presence"
    FAMILY_SOLIDARITY = "family_solidarity"
    UNPAID = "unpaid"
    OTHER = "other"


class InterviewKind(StrEnum):
    PROFESSIONAL = "professional"
    SUMMARY_REVIEW = "summary_review"
    RETURN = "return"
    MID_CAREER = "mid_career"
    END_OF_CAREER = "end_of_career"
    FORFAIT_JOURS_REVIEW = "forfait_jours_review"
    """The yearly review of an employee on a forfait jours (L3121-64, L3121-65): workload,
    organisation of work, work and private life, pay, the right to disconnect."""
    ANNUAL_REVIEW = "annual_review"
    CAREER_CONVERSATION = "career_conversation"


class InterviewStatus(StrEnum):
    PLANNED = "planned"
    INVITED = "invited"
    HELD = "held"
    REFUSED = "refused"
    CANCELLED = "cancelled"


class PolicyKind(StrEnum):
    """Interviews a company runs by its own policy rather than by law."""

    ANNUAL_REVIEW = "annual_review"
    CAREER_CONVERSATION = "career_conversation"


class MedicalVisitKind(StrEnum):
    MID_CAREER = "mid_career"
