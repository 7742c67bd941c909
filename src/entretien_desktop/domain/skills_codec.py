"""The skills map's company-level parts to and from their JSON documents: the catalogue,
the jobs' needs and the staffing needs, as the company file writes them and as the data
file keeps them on the company's row (one form for both).

``skills_map_from_documents`` reads documents already checked (the data file's own, or
the company file's after its reader); the company file's reader names the place of every
problem first (services/skills_file.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from entretien_desktop.domain.skills import Job, Skill, SkillNeed, StaffingNeed


def skills_map_documents(
    skills: Iterable[Skill], jobs: Iterable[Job], staffing: Iterable[StaffingNeed]
) -> dict[str, list[dict[str, Any]]]:
    """The ``skills``, ``jobs`` and ``staffing`` documents (each list possibly empty)."""
    return {
        "skills": [
            {
                "id": s.id,
                "name": s.name,
                "family": s.family,
                "expires_after_months": s.expires_after_months,
            }
            for s in skills
        ],
        "jobs": [
            {"title": j.title, "needs": [{"skill": n.skill, "level": n.level} for n in j.needs]}
            for j in jobs
        ],
        "staffing": [
            {
                "skill": n.skill,
                "level": n.level,
                "count": n.count,
                "site": n.site,
                "department": n.department,
            }
            for n in staffing
        ],
    }


def skills_map_from_documents(
    skills: Iterable[dict[str, Any]],
    jobs: Iterable[dict[str, Any]],
    staffing: Iterable[dict[str, Any]],
) -> dict[str, Any]:
    """The ``Company`` fields ``skills``, ``jobs`` and ``staffing`` from their documents."""
    return {
        "skills": tuple(
            Skill(d["id"], d["name"], d.get("family", ""), d.get("expires_after_months"))
            for d in skills
        ),
        "jobs": tuple(
            Job(d["title"], tuple(SkillNeed(n["skill"], n["level"]) for n in d.get("needs", ())))
            for d in jobs
        ),
        "staffing": tuple(
            StaffingNeed(
                d["skill"], d["level"], d["count"], d.get("site", ""), d.get("department", "")
            )
            for d in staffing
        ),
    }
