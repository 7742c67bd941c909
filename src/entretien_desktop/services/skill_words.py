"""The words of the skills map people read: the levels of the scale and where a level
comes from. Shared by the matrix page, its risks panel, the interview forms and the
printed matrix, so the catalogs hold each once. A request's decision reads as the forms'
requests' do (``training_requests.request_status_label``).
"""

from __future__ import annotations

from entretien_desktop.domain import Level, SkillSource
from entretien_desktop.i18n import _


def level_label(level: int) -> str:
    """A level of the scale as people read it (0 to 3)."""
    labels = {
        Level.NOT_TRAINED: _("Not trained"),
        Level.IN_TRAINING: _("In training"),
        Level.AUTONOMOUS: _("Autonomous"),
        Level.CAN_TRAIN: _("Can train others"),
    }
    return labels[Level(level)]


def level_text(level: int) -> str:
    """A level with its digit, as lists and cells show it: "2 · Autonomous"."""
    return f"{int(level)} · {level_label(level)}"


def source_label(source: SkillSource) -> str:
    labels = {
        SkillSource.INTERVIEW: _("Interview"),
        SkillSource.TRAINING: _("Training"),
        SkillSource.ASSESSMENT: _("Assessment"),
    }
    return labels[source]
