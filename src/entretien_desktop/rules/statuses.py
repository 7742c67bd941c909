"""The kinds of obligation and the statuses the engine gives them (docs/company-file.md)."""

from __future__ import annotations

from enum import StrEnum


class ObligationKind(StrEnum):
    PERIODIC = "periodic"
    SUMMARY_REVIEW = "summary_review"
    RETURN = "return"
    MID_CAREER = "mid_career"
    END_OF_CAREER = "end_of_career"
    FORFAIT_JOURS_REVIEW = "forfait_jours_review"
    ANNUAL_REVIEW = "annual_review"
    CAREER_CONVERSATION = "career_conversation"


POLICY_KINDS = frozenset({ObligationKind.ANNUAL_REVIEW, ObligationKind.CAREER_CONVERSATION})
"""The kinds of obligation a company's own policy makes, not the law (docs/rules.md, 2.6)."""


class Status(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"
    SATISFIED = "satisfied"
    NOT_APPLICABLE = "not_applicable"


# The members as plain module constants, for the loops that run for every obligation:
# looking a member up on its enum class (``Status.OVERDUE``) goes through a descriptor and
# costs several times a global lookup.
OVERDUE = Status.OVERDUE
DUE_SOON = Status.DUE_SOON
UPCOMING = Status.UPCOMING
SATISFIED = Status.SATISFIED
NOT_APPLICABLE = Status.NOT_APPLICABLE

STATUS_URGENCY = {
    Status.OVERDUE: 0,
    Status.DUE_SOON: 1,
    Status.UPCOMING: 2,
    Status.SATISFIED: 3,
    Status.NOT_APPLICABLE: 4,
}
