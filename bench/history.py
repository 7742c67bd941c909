"""A large believable company for benchmarks: N employees with Y years of history each."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

TODAY = date(2026, 11, 23)
LEAVES = ["maternity", "parental_education", "sickness", "sabbatical", "caregiver"]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def build_document(employees: int, years: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    start = TODAY - timedelta(days=365 * years)
    people = []
    for n in range(employees):
        hire = _day(rng, start - timedelta(days=3650), start)
        history_days = [_day(rng, start, TODAY) for _ in range(40)]
        people.append(
            {
                "ref": f"E{n:05d}",
                "first_name": rng.choice(["Léa", "Hugo", "Inès", "Jonas", "Maël", "Zoé"]),
                "last_name": rng.choice(["Morel", "Petit", "Roux", "Berg", "Lefèvre"]),
                "birth_date": _day(rng, date(1960, 1, 1), date(2000, 1, 1)).isoformat(),
                "hire_date": hire.isoformat(),
                "exit_date": None,
                "contract": "permanent",
                "working_time": rng.choice(["full_time", "part_time"]),
                "job_title": "Opérateur",
                "department": rng.choice(["Production", "Logistique", "Bureau"]),
                "site": rng.choice(["Lyon", "Villeurbanne"]),
                "manager_ref": f"E{rng.randrange(n):05d}" if n else None,
                "language": "fr",
                "leaves": [
                    {
                        "kind": rng.choice(LEAVES),
                        "start": history_days[i].isoformat(),
                        "end": (history_days[i] + timedelta(days=30)).isoformat(),
                    }
                    for i in range(2)
                ],
                "interviews": [
                    {
                        "id": f"E{n:05d}-{i}",
                        "kind": rng.choice(["professional", "annual_review"]),
                        "status": "held",
                        "date": (start + timedelta(days=365 * i)).isoformat(),
                        "invited_on": (start + timedelta(days=365 * i - 30)).isoformat(),
                    }
                    for i in range(years)
                ],
                "trainings": [
                    {
                        "title": "Sécurité au poste",
                        "start": history_days[10 + i].isoformat(),
                        "end": history_days[10 + i].isoformat(),
                        "hours": 7,
                        "mandatory": rng.random() < 0.5,
                        "certification": False,
                    }
                    for i in range(years)
                ],
                "certifications": [
                    {"title": "CACES R489", "date": history_days[30].isoformat(), "via": "training"}
                ],
                "progressions": [
                    {"date": history_days[31 + i].isoformat(), "kind": "salary", "note": ""}
                    for i in range(3)
                ],
                "medical_visits": [{"kind": "mid_career", "date": history_days[35].isoformat()}],
            }
        )
    return {
        "format": "entretien-desktop/1",
        "company": {
            "name": "Grande Fabrique SA",
            "country": "FR",
            "headcount": employees,
            "headcount_date": "2026-01-01",
            "interview_agreement": None,
            # Adopted before the first hire: every employee's reviews count from the hire.
            "policies": [
                {
                    "kind": "annual_review",
                    "every_months": 12,
                    "since": (start - timedelta(days=3650)).isoformat(),
                }
            ],
            "settings": {},
        },
        "employees": people,
    }
