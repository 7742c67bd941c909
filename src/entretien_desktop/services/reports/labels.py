"""Names of interview kinds as reports print them, translated at call time (the same
message ids as the interface's, so the catalogs hold them once)."""

from __future__ import annotations

from entretien_desktop.domain import InterviewKind
from entretien_desktop.i18n import _


def interview_kind_label(kind: InterviewKind) -> str:
    labels = {
        InterviewKind.PROFESSIONAL: _("Professional interview"),
        InterviewKind.SUMMARY_REVIEW: _("Summary review"),
        InterviewKind.RETURN: _("Return interview"),
        InterviewKind.MID_CAREER: _("Mid-career interview"),
        InterviewKind.END_OF_CAREER: _("End-of-career interview"),
        InterviewKind.ANNUAL_REVIEW: _("Annual review"),
        InterviewKind.CAREER_CONVERSATION: _("Career conversation"),
    }
    return labels[kind]
