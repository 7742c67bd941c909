"""Rule cases, one a line: each rule, each regime boundary, the day before and the day of
deadlines, 29 February, leaves, exits, agreements, company sizes, policy-only companies.

Each case names the obligation it expects (kind and deadline) and its status; ``amount``
and ``by`` (the satisfying interview) are checked when given. Expected dates are worked
out by hand from domain.md, not computed by the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from entretien_desktop.domain import Company, Employee
from tests.rules_builders import (
    AS_OF,
    certification,
    company,
    d,
    employee,
    find,
    iv,
    leave,
    obligations,
    progression,
    training,
    visit,
)


@dataclass(frozen=True)
class Case:
    name: str
    who: Employee
    kind: str
    deadline: str
    status: str
    as_of: date = AS_OF
    firm: Company = field(default_factory=company)
    amount: int | None = None
    by: str | None = None


NEW_HIRE = employee("2026-04-06")
SAB = employee(
    "2014-04-01",
    leaves=[leave("sabbatical", "2025-09-01", "2026-08-31")],
    interviews=[iv("2024-06-10")],
)

CASES = [
    # --- periodic: 2025 regime, first year ------------------------------------------------
    Case("new hire: first interview within a year", NEW_HIRE, "periodic", "2027-04-06", "upcoming"),
    Case(
        "new hire, 61 days before", NEW_HIRE, "periodic", "2027-04-06", "upcoming", d("2027-02-04")
    ),
    Case(
        "new hire, 60 days before: due soon",
        NEW_HIRE,
        "periodic",
        "2027-04-06",
        "due_soon",
        d("2027-02-05"),
    ),
    Case(
        "new hire, on the deadline: still due",
        NEW_HIRE,
        "periodic",
        "2027-04-06",
        "due_soon",
        d("2027-04-06"),
    ),
    Case(
        "new hire, the day after: overdue",
        NEW_HIRE,
        "periodic",
        "2027-04-06",
        "overdue",
        d("2027-04-07"),
    ),
    Case(
        "hired on 26 Oct 2025: first-year rule",
        employee("2025-10-26"),
        "periodic",
        "2026-10-26",
        "overdue",
    ),
    Case(
        "hired on 25 Oct 2025: 2 years running, now 4",
        employee("2025-10-25"),
        "periodic",
        "2029-10-25",
        "upcoming",
    ),
    Case(
        "hired 29 Feb 2028: first year ends 28 Feb",
        employee("2028-02-29"),
        "periodic",
        "2029-02-28",
        "upcoming",
        d("2028-06-01"),
    ),
    Case(
        "due soon horizon is a setting",
        NEW_HIRE,
        "periodic",
        "2027-04-06",
        "due_soon",
        d("2026-12-01"),
        company(due_soon_days=200),
    ),
    # --- periodic: 2014 regime and the 2025 transition -----------------------------------
    Case(
        "2-year deadline expired 25 Oct 2025: stays missed",
        employee("2023-10-25"),
        "periodic",
        "2025-10-25",
        "overdue",
    ),
    Case(
        "2-year deadline on 26 Oct 2025: now 4 years",
        employee("2023-10-26"),
        "periodic",
        "2027-10-26",
        "upcoming",
    ),
    Case(
        "last interview 25 Oct 2023: missed",
        employee("2020-01-06", interviews=[iv("2021-12-01"), iv("2023-10-25")]),
        "periodic",
        "2025-10-25",
        "overdue",
    ),
    Case(
        "last interview 26 Oct 2023: 4 years",
        employee("2020-01-06", interviews=[iv("2021-12-01"), iv("2023-10-26")]),
        "periodic",
        "2027-10-26",
        "upcoming",
    ),
    Case(
        "interview on the deadline day satisfies it",
        employee("2018-01-10", interviews=[iv("2020-01-10")]),
        "periodic",
        "2020-01-10",
        "satisfied",
        by="professional-2020-01-10",
    ),
    Case(
        "an interview on the hire date counts as held (interpretation 16)",
        employee("2018-01-10", interviews=[iv("2018-01-10")]),
        "periodic",
        "2020-01-10",
        "satisfied",
        by="professional-2018-01-10",
    ),
    Case(
        "interview the day after: satisfied late",
        employee("2018-01-10", interviews=[iv("2020-01-11")]),
        "periodic",
        "2020-01-10",
        "satisfied",
        by="professional-2020-01-11",
    ),
    Case(
        "clock restarts at the late interview",
        employee("2018-01-10", interviews=[iv("2020-01-11")]),
        "periodic",
        "2022-01-11",
        "overdue",
    ),
    Case(
        "hired before the 2014 law: due 7 Mar 2016",
        employee("2010-05-01"),
        "periodic",
        "2016-03-07",
        "overdue",
    ),
    Case(
        "hired the day the 2014 law came in",
        employee("2014-03-07"),
        "periodic",
        "2016-03-07",
        "overdue",
    ),
    Case(
        "hired 29 Feb 2024: 4 years to 29 Feb 2028",
        employee("2024-02-29"),
        "periodic",
        "2028-02-29",
        "upcoming",
    ),
    Case(
        "hired 29 Feb 2016: 2 years to 28 Feb 2018",
        employee("2016-02-29"),
        "periodic",
        "2018-02-28",
        "overdue",
    ),
    Case(
        "a return interview restarts the clock",
        employee("2020-01-06", interviews=[iv("2021-06-01", "return")]),
        "periodic",
        "2022-01-06",
        "satisfied",
        by="return-2021-06-01",
    ),
    Case(
        "setting: only professional interviews restart it",
        employee("2020-01-06", interviews=[iv("2021-06-01", "return")]),
        "periodic",
        "2022-01-06",
        "overdue",
        firm=company(any_interview_restarts_clock=False),
    ),
    Case(
        "an annual review is not a professional interview",
        employee("2020-01-06", interviews=[iv("2021-06-01", "annual_review")]),
        "periodic",
        "2022-01-06",
        "overdue",
    ),
    Case(
        "a planned interview does not count",
        employee("2020-01-06", interviews=[iv("2021-06-01", status="planned")]),
        "periodic",
        "2022-01-06",
        "overdue",
    ),
    Case(
        "a refused periodic interview does not count",
        employee("2020-01-06", interviews=[iv("2021-06-01", status="refused")]),
        "periodic",
        "2022-01-06",
        "overdue",
    ),
    Case(
        "an interview after the as-of date is not known yet",
        employee("2018-01-10", interviews=[iv("2020-01-05")]),
        "periodic",
        "2020-01-10",
        "due_soon",
        d("2019-12-01"),
    ),
    Case(
        "a summary review restarts the clock",
        employee("2020-01-06", interviews=[iv("2021-11-02", "summary_review")]),
        "periodic",
        "2022-01-06",
        "satisfied",
    ),
    Case(
        "mid-career interview restarts the clock",
        employee("2022-01-10", interviews=[iv("2023-11-02", "mid_career")]),
        "periodic",
        "2027-11-02",
        "upcoming",
    ),
    # --- exits ----------------------------------------------------------------------------
    Case(
        "deadline after the exit: not applicable",
        employee("2018-01-10", exit_date="2019-06-30"),
        "periodic",
        "2020-01-10",
        "not_applicable",
    ),
    Case(
        "missed before the exit: stays overdue",
        employee("2015-01-05", exit_date="2018-06-01"),
        "periodic",
        "2017-01-05",
        "overdue",
    ),
    Case(
        "exit on the deadline day: still owed",
        employee("2018-01-10", exit_date="2020-01-10"),
        "periodic",
        "2020-01-10",
        "overdue",
    ),
    Case(
        "a left employee's review is not applicable",
        employee("2018-01-10", exit_date="2022-06-30", interviews=[iv("2020-01-06")]),
        "summary_review",
        "2024-01-10",
        "not_applicable",
        amount=0,
    ),
    # --- agreements -----------------------------------------------------------------------
    Case(
        "agreement of 36 months",
        employee("2019-01-07", interviews=[iv("2022-03-01")]),
        "periodic",
        "2025-03-01",
        "overdue",
        firm=company(agreement=(36, "2019-01-01", None)),
    ),
    Case(
        "agreement of 60 months before 1 Oct 2026",
        employee("2019-01-07", interviews=[iv("2020-06-01")]),
        "periodic",
        "2025-06-01",
        "overdue",
        firm=company(agreement=(60, "2019-01-01", None)),
    ),
    Case(
        "agreement over 4 years stops on 1 Oct 2026",
        employee("2019-01-07", interviews=[iv("2022-06-01")]),
        "periodic",
        "2026-10-01",
        "overdue",
        firm=company(agreement=(60, "2019-01-01", None)),
    ),
    Case(
        "agreement over 4 years: 30 Sept 2026, the day before",
        employee("2019-01-07", interviews=[iv("2022-06-01")]),
        "periodic",
        "2026-10-01",
        "due_soon",
        d("2026-09-30"),
        company(agreement=(60, "2019-01-01", None)),
    ),
    Case(
        "agreement of 24 months under the 2025 regime",
        employee("2019-01-07", interviews=[iv("2026-03-02")]),
        "periodic",
        "2028-03-02",
        "upcoming",
        firm=company(agreement=(24, "2026-01-01", None)),
    ),
    Case(
        "agreement ended during the cycle: the law's 4 years",
        employee("2019-01-07", interviews=[iv("2024-01-08")]),
        "periodic",
        "2028-01-08",
        "upcoming",
        firm=company(agreement=(36, "2019-01-01", "2025-12-31")),
    ),
    Case(
        "agreement signed after the deadline does not apply",
        employee("2019-01-07", interviews=[iv("2024-01-08")]),
        "periodic",
        "2028-01-08",
        "upcoming",
        firm=company(agreement=(24, "2030-01-01", None)),
    ),
    Case(
        "agreement signed after the cycle's deadline would fall: the law's",
        employee("2019-01-07", interviews=[iv("2025-01-06")]),
        "periodic",
        "2029-01-06",
        "upcoming",
        firm=company(agreement=(12, "2026-06-01", None)),
    ),
    Case(
        "agreement over 4 years signed after 26 Oct 2025 is void",
        employee("2019-01-07", interviews=[iv("2025-11-03")]),
        "periodic",
        "2029-11-03",
        "upcoming",
        firm=company(agreement=(60, "2025-11-01", None)),
    ),
    # --- who is covered -------------------------------------------------------------------
    Case(
        "apprentices are covered",
        employee("2024-09-02", contract="apprenticeship"),
        "periodic",
        "2028-09-02",
        "upcoming",
    ),
    Case(
        "fixed-term contracts are covered",
        employee("2026-02-02", contract="fixed_term"),
        "periodic",
        "2027-02-02",
        "upcoming",
    ),
    Case(
        "part-time employees are covered",
        employee("2026-02-02", working_time="part_time"),
        "periodic",
        "2027-02-02",
        "upcoming",
    ),
    # --- seniority suspension (interpretation 4) -----------------------------------------
    Case(
        "setting on: a sabbatical moves the deadline back",
        employee("2024-01-01", leaves=[leave("sabbatical", "2024-06-01", "2024-11-30")]),
        "periodic",
        "2028-07-02",
        "upcoming",
        firm=company(apply_seniority_suspension=True),
    ),
    Case(
        "setting off (default): it does not",
        employee("2024-01-01", leaves=[leave("sabbatical", "2024-06-01", "2024-11-30")]),
        "periodic",
        "2028-01-01",
        "upcoming",
    ),
    Case(
        "an ongoing sabbatical suspends up to the as-of date",
        employee("2024-01-01", leaves=[leave("sabbatical", "2026-06-01", None)]),
        "periodic",
        "2028-06-24",
        "upcoming",
        firm=company(apply_seniority_suspension=True),
    ),
    Case(
        "maternity leave never suspends seniority",
        employee("2024-01-01", leaves=[leave("maternity", "2024-06-01", "2024-11-30")]),
        "periodic",
        "2028-01-01",
        "upcoming",
        firm=company(apply_seniority_suspension=True),
    ),
    # --- summary review -------------------------------------------------------------------
    Case(
        "all interviews and a non-mandatory training: no top-up",
        employee(
            "2017-09-04",
            interviews=[iv("2019-09-02"), iv("2021-08-30"), iv("2023-08-28")],
            trainings=[training("2020-03-10")],
        ),
        "summary_review",
        "2023-09-04",
        "overdue",
        amount=0,
    ),
    Case(
        "nothing at all, 50 employees: €3,000",
        employee("2018-11-05"),
        "summary_review",
        "2024-11-05",
        "overdue",
        firm=company(headcount=50),
        amount=3000,
    ),
    Case(
        "nothing at all, 49 employees: no top-up",
        employee("2018-11-05"),
        "summary_review",
        "2024-11-05",
        "overdue",
        firm=company(headcount=49),
        amount=0,
    ),
    Case(
        "missed interviews but a non-mandatory training: no top-up",
        employee("2018-11-05", trainings=[training("2022-01-10")]),
        "summary_review",
        "2024-11-05",
        "overdue",
        amount=0,
    ),
    Case(
        "missed interviews and only mandatory training: €3,000",
        employee("2018-11-05", trainings=[training("2022-01-10", mandatory=True)]),
        "summary_review",
        "2024-11-05",
        "overdue",
        amount=3000,
    ),
    Case(
        "all interviews, no training: no top-up",
        employee("2018-11-05", interviews=[iv("2020-11-02"), iv("2022-10-31"), iv("2024-10-28")]),
        "summary_review",
        "2024-11-05",
        "overdue",
        amount=0,
    ),
    Case(
        "a late interview is a missed one",
        employee("2018-11-05", interviews=[iv("2020-12-01"), iv("2022-11-28"), iv("2024-10-28")]),
        "summary_review",
        "2024-11-05",
        "overdue",
        amount=3000,
    ),
    Case(
        "review due 30 Sept 2021, not held by then: the 2018 test (interpretation 14)",
        employee(
            "2015-09-30",
            trainings=[training("2018-01-08", mandatory=True)],
            certifications=[certification("2018-06-30")],
            progressions=[progression("2019-01-01")],
        ),
        "summary_review",
        "2021-09-30",
        "overdue",
        amount=3000,
    ),
    Case(
        "review due 30 Sept 2021 and held that day: the 2014 criteria may save it",
        employee(
            "2015-09-30",
            trainings=[training("2018-01-08", mandatory=True)],
            certifications=[certification("2018-06-30")],
            progressions=[progression("2019-01-01")],
            interviews=[iv("2021-09-30", "summary_review")],
        ),
        "summary_review",
        "2021-09-30",
        "satisfied",
        amount=0,
    ),
    Case(
        "review due 1 Oct 2021: only the 2018 criteria",
        employee(
            "2015-10-01",
            trainings=[training("2018-01-08", mandatory=True)],
            certifications=[certification("2018-06-30")],
            progressions=[progression("2019-01-01")],
        ),
        "summary_review",
        "2021-10-01",
        "overdue",
        amount=3000,
    ),
    Case(
        "review held on time",
        employee(
            "2017-09-04",
            interviews=[iv("2019-09-02"), iv("2021-08-30"), iv("2023-08-28", "summary_review")],
        ),
        "summary_review",
        "2023-09-04",
        "satisfied",
        by="summary_review-2023-08-28",
        amount=0,
    ),
    Case(
        "6-year deadline 25 Oct 2025: stays at 6",
        employee("2019-10-25"),
        "summary_review",
        "2025-10-25",
        "overdue",
    ),
    Case(
        "6-year deadline 26 Oct 2025: now 8",
        employee("2019-10-26"),
        "summary_review",
        "2027-10-26",
        "upcoming",
    ),
    Case(
        "hired since the 2025 law: 7 years after the first interview",
        employee("2026-01-05", interviews=[iv("2026-06-01")]),
        "summary_review",
        "2033-06-01",
        "upcoming",
        amount=0,
    ),
    Case(
        "hired since the 2025 law, no interview yet: hire + 8",
        employee("2026-01-05"),
        "summary_review",
        "2034-01-05",
        "upcoming",
    ),
    Case(
        "hired before 2014: first review 7 Mar 2020",
        employee("2008-05-05"),
        "summary_review",
        "2020-03-07",
        "overdue",
        amount=3000,
    ),
    Case(
        "next review 8 years after a missed one",
        employee("2018-11-05"),
        "summary_review",
        "2032-11-05",
        "upcoming",
        amount=3000,
    ),
    Case(
        "facts known: a training since makes the next review safe",
        employee("2018-11-05", trainings=[training("2026-01-12")]),
        "summary_review",
        "2032-11-05",
        "upcoming",
        amount=0,
    ),
    Case(
        "2025 regime: a missed mid-career interview counts (Q11)",
        employee(
            "2022-01-10",
            birth_date="1981-03-01",
            interviews=[iv("2024-01-05")],
            medical_visits=[visit("2026-02-02")],
        ),
        "summary_review",
        "2030-01-10",
        "upcoming",
        amount=3000,
    ),
    Case(
        "2025 regime: the mid-career interview held, nothing owed",
        employee(
            "2022-01-10",
            birth_date="1981-03-01",
            interviews=[iv("2024-01-05"), iv("2026-03-02", "mid_career")],
            medical_visits=[visit("2026-02-02")],
        ),
        "summary_review",
        "2030-01-10",
        "upcoming",
        amount=0,
    ),
    Case(
        "review due 7 Mar 2020: an interview held by 30 Sept 2021 counts",
        employee("2008-05-05", interviews=[iv("2016-03-01"), iv("2018-02-26"), iv("2021-06-14")]),
        "summary_review",
        "2020-03-07",
        "overdue",
        amount=0,
    ),
    Case(
        "review due 7 Mar 2020: an interview held 1 Oct 2021 is too late",
        employee("2008-05-05", interviews=[iv("2016-03-01"), iv("2018-02-26"), iv("2021-10-01")]),
        "summary_review",
        "2020-03-07",
        "overdue",
        amount=3000,
    ),
    Case(
        "parental education leave does not suspend seniority by default",
        employee("2024-01-01", leaves=[leave("parental_education", "2024-06-01", "2024-11-30")]),
        "periodic",
        "2028-01-01",
        "upcoming",
        firm=company(apply_seniority_suspension=True),
    ),
    # --- return from leave ----------------------------------------------------------------
    Case("back from sabbatical, nothing held: overdue", SAB, "return", "2026-10-01", "overdue"),
    Case(
        "back from maternity: due soon",
        employee("2020-01-06", leaves=[leave("maternity", "2026-06-01", "2026-10-31")]),
        "return",
        "2026-12-01",
        "due_soon",
    ),
    Case(
        "return deadline day",
        employee("2020-01-06", leaves=[leave("maternity", "2026-06-01", "2026-10-31")]),
        "return",
        "2026-12-01",
        "due_soon",
        d("2026-12-01"),
    ),
    Case(
        "return deadline, the day after",
        employee("2020-01-06", leaves=[leave("maternity", "2026-06-01", "2026-10-31")]),
        "return",
        "2026-12-01",
        "overdue",
        d("2026-12-02"),
    ),
    Case(
        "secure mobility at 300 employees",
        employee("2015-01-05", leaves=[leave("secure_mobility", "2025-01-06", "2026-01-04")]),
        "return",
        "2026-02-05",
        "overdue",
        firm=company(headcount=300),
    ),
    Case(
        "ordinary sickness of 6 months counts",
        employee("2015-01-05", leaves=[leave("sickness", "2026-01-01", "2026-06-30")]),
        "return",
        "2026-08-01",
        "overdue",
    ),
    Case(
        "long-sickness setting of 3 months",
        employee("2015-01-05", leaves=[leave("sickness", "2026-01-01", "2026-03-31")]),
        "return",
        "2026-05-01",
        "overdue",
        firm=company(long_sickness_months=3),
    ),
    Case(
        "long-term sick leave counts whatever its length",
        employee("2015-01-05", leaves=[leave("long_sickness", "2026-05-04", "2026-06-30")]),
        "return",
        "2026-08-01",
        "overdue",
    ),
    Case(
        "'other' leave when the company's list has it",
        employee("2015-01-05", leaves=[leave("other", "2026-05-04", "2026-10-04")]),
        "return",
        "2026-11-05",
        "overdue",
        firm=company(return_interview_leaves=["other"]),
    ),
    Case(
        "interview in the 12 months before the return: not required",
        employee(
            "2015-01-05",
            leaves=[leave("maternity", "2026-03-02", "2026-07-19")],
            interviews=[iv("2025-09-15")],
        ),
        "return",
        "2026-08-20",
        "not_applicable",
    ),
    Case(
        "interview 12 months and a day before: required",
        employee(
            "2015-01-05",
            leaves=[leave("maternity", "2026-03-02", "2026-07-19")],
            interviews=[iv("2025-07-19")],
        ),
        "return",
        "2026-08-20",
        "overdue",
    ),
    Case(
        "return before 26 Oct 2025: no exemption yet",
        employee(
            "2015-01-05",
            leaves=[leave("maternity", "2025-01-06", "2025-05-31")],
            interviews=[iv("2025-01-02")],
        ),
        "return",
        "2025-07-01",
        "overdue",
    ),
    Case(
        "return interview held",
        employee(
            "2015-01-05",
            leaves=[leave("maternity", "2026-03-02", "2026-07-19")],
            interviews=[iv("2026-08-03", "return")],
        ),
        "return",
        "2026-08-20",
        "satisfied",
        by="return-2026-08-03",
    ),
    Case(
        "return interview refused in writing",
        employee(
            "2015-01-05",
            leaves=[leave("maternity", "2026-03-02", "2026-07-19")],
            interviews=[iv("2026-08-03", "return", "refused")],
        ),
        "return",
        "2026-08-20",
        "satisfied",
        by="return-2026-08-03",
    ),
    Case(
        "a refusal before a held interview answers the return",
        employee(
            "2015-01-05",
            leaves=[leave("maternity", "2026-03-02", "2026-07-19")],
            interviews=[iv("2026-08-10", "return"), iv("2026-08-03", "return", "refused")],
        ),
        "return",
        "2026-08-20",
        "satisfied",
        by="return-2026-08-03",
    ),
    Case(
        "a held interview before a refusal answers the return",
        employee(
            "2015-01-05",
            leaves=[leave("maternity", "2026-03-02", "2026-07-19")],
            interviews=[iv("2026-08-10", "return", "refused"), iv("2026-08-03", "return")],
        ),
        "return",
        "2026-08-20",
        "satisfied",
        by="return-2026-08-03",
    ),
    Case(
        "held before the return, at the employee's request",
        employee(
            "2015-01-05",
            leaves=[leave("parental_education", "2025-11-03", "2026-07-19")],
            interviews=[iv("2026-07-06", "return")],
        ),
        "return",
        "2026-08-20",
        "satisfied",
        by="return-2026-07-06",
    ),
    Case(
        "grace of 2 months",
        employee("2015-01-05", leaves=[leave("caregiver", "2026-06-01", "2026-09-30")]),
        "return",
        "2026-12-01",
        "due_soon",
        firm=company(return_interview_grace_months=2),
    ),
    Case(
        "end of a union mandate",
        employee("2015-01-05", leaves=[leave("union_mandate", "2022-01-03", "2026-09-30")]),
        "return",
        "2026-11-01",
        "overdue",
    ),
    Case(
        "adoption leave",
        employee("2015-01-05", leaves=[leave("adoption", "2026-07-01", "2026-10-31")]),
        "return",
        "2026-12-01",
        "due_soon",
    ),
    Case(
        "part-time parental period",
        employee("2015-01-05", leaves=[leave("parental_part_time", "2025-07-01", "2026-10-31")]),
        "return",
        "2026-12-01",
        "due_soon",
    ),
    Case(
        "return deadline after the exit",
        employee(
            "2015-01-05",
            exit_date="2026-11-15",
            leaves=[leave("maternity", "2026-06-01", "2026-10-31")],
        ),
        "return",
        "2026-12-01",
        "not_applicable",
    ),
    Case(
        "29 Feb: back on 1 Mar 2028, due 1 Apr",
        employee("2015-01-05", leaves=[leave("maternity", "2027-10-18", "2028-02-29")]),
        "return",
        "2028-04-01",
        "upcoming",
        d("2028-01-15"),
    ),
    # --- mid-career -----------------------------------------------------------------------
    Case(
        "2 months after the visit",
        employee("2009-05-04", birth_date="1981-08-08", medical_visits=[visit("2026-10-01")]),
        "mid_career",
        "2026-12-01",
        "due_soon",
    ),
    Case(
        "no visit recorded: end of February after the 45th year",
        employee("2009-05-04", birth_date="1981-05-10"),
        "mid_career",
        "2027-02-28",
        "upcoming",
    ),
    Case(
        "no visit, 45 in 2025: due end Feb 2026",
        employee("2009-05-04", birth_date="1980-06-10"),
        "mid_career",
        "2026-02-28",
        "overdue",
    ),
    Case(
        "born 29 Feb 1980: 45 in 2025, due 28 Feb 2026",
        employee("2009-05-04", birth_date="1980-02-29"),
        "mid_career",
        "2026-02-28",
        "overdue",
    ),
    Case(
        "no visit, 45 in 2027: due 29 Feb 2028",
        employee("2009-05-04", birth_date="1982-12-31"),
        "mid_career",
        "2028-02-29",
        "upcoming",
    ),
    Case(
        "visit 26 Aug 2025: due 26 Oct 2025, applies",
        employee("2009-05-04", birth_date="1980-03-03", medical_visits=[visit("2025-08-26")]),
        "mid_career",
        "2025-10-26",
        "overdue",
    ),
    Case(
        "mid-career interview held after the visit",
        employee(
            "2009-05-04",
            birth_date="1981-08-08",
            medical_visits=[visit("2026-10-01")],
            interviews=[iv("2026-10-20", "mid_career")],
        ),
        "mid_career",
        "2026-12-01",
        "satisfied",
        by="mid_career-2026-10-20",
    ),
    Case(
        "a periodic interview is not the mid-career one",
        employee(
            "2009-05-04",
            birth_date="1981-08-08",
            medical_visits=[visit("2026-10-01")],
            interviews=[iv("2026-10-20")],
        ),
        "mid_career",
        "2026-12-01",
        "due_soon",
    ),
    # --- end of career --------------------------------------------------------------------
    Case(
        "2 years before the 60th birthday",
        employee("2001-03-12", birth_date="1967-06-30"),
        "end_of_career",
        "2027-06-30",
        "upcoming",
    ),
    Case(
        "60 on 27 Oct 2025: applies",
        employee("2001-03-12", birth_date="1965-10-27"),
        "end_of_career",
        "2025-10-27",
        "overdue",
    ),
    Case(
        "born 29 Feb 1968: 60 on 29 Feb 2028",
        employee("2001-03-12", birth_date="1968-02-29"),
        "end_of_career",
        "2028-02-29",
        "upcoming",
    ),
    Case(
        "end-of-career interview held in the window",
        employee(
            "2001-03-12", birth_date="1967-06-30", interviews=[iv("2026-05-04", "end_of_career")]
        ),
        "end_of_career",
        "2027-06-30",
        "satisfied",
        by="end_of_career-2026-05-04",
    ),
    Case(
        "60 days before the birthday: due soon",
        employee("2001-03-12", birth_date="1967-06-30"),
        "end_of_career",
        "2027-06-30",
        "due_soon",
        d("2027-05-01"),
    ),
    # --- company policies -----------------------------------------------------------------
    Case(
        "Dutch company: annual review by policy",
        employee("2024-03-01", interviews=[iv("2025-02-14", "annual_review")]),
        "annual_review",
        "2026-02-14",
        "overdue",
        firm=company(country="NL", policies=(("annual_review", 12),)),
    ),
    Case(
        "Norwegian company: career conversation every 24 months",
        employee("2024-03-01"),
        "career_conversation",
        "2026-03-01",
        "overdue",
        firm=company(country="NO", policies=(("career_conversation", 24),)),
    ),
    Case(
        "annual review held on time, next one upcoming",
        employee(
            "2024-03-01",
            interviews=[iv("2025-02-14", "annual_review"), iv("2026-02-10", "annual_review")],
        ),
        "annual_review",
        "2027-02-10",
        "upcoming",
        firm=company(policies=(("annual_review", 12),)),
    ),
    Case(
        "a French company's policy runs beside the law",
        employee("2024-03-01", interviews=[iv("2025-02-14", "annual_review")]),
        "annual_review",
        "2025-03-01",
        "satisfied",
        firm=company(policies=(("annual_review", 12),)),
        by="annual_review-2025-02-14",
    ),
    Case(
        "a professional interview is not an annual review",
        employee("2024-03-01", interviews=[iv("2025-02-14")]),
        "annual_review",
        "2025-03-01",
        "overdue",
        firm=company(policies=(("annual_review", 12),)),
    ),
    # --- company policies with a start date ------------------------------------------------
    Case(
        "policy adopted this year: first review a year after its start",
        employee("2015-01-05"),
        "annual_review",
        "2027-03-02",
        "upcoming",
        firm=company(policies=(("annual_review", 12, "2026-03-02"),)),
    ),
    Case(
        "policy adopted this year: due soon 60 days before its first cycle ends",
        employee("2015-01-05"),
        "annual_review",
        "2027-01-20",
        "due_soon",
        firm=company(policies=(("annual_review", 12, "2026-01-20"),)),
    ),
    Case(
        "policy adopted last year: overdue from its first cycle, not from the hire",
        employee("2015-01-05"),
        "annual_review",
        "2026-02-01",
        "overdue",
        firm=company(policies=(("annual_review", 12, "2025-02-01"),)),
    ),
    Case(
        "hired after the policy's start: counted from the hire",
        employee("2025-06-02"),
        "annual_review",
        "2026-06-02",
        "overdue",
        firm=company(policies=(("annual_review", 12, "2024-01-01"),)),
    ),
    Case(
        "hired on the policy's start day: counted from the hire",
        employee("2026-01-05"),
        "career_conversation",
        "2028-01-05",
        "upcoming",
        firm=company(country="NO", policies=(("career_conversation", 24, "2026-01-05"),)),
    ),
    Case(
        "a review held before the policy's start does not count",
        employee("2015-01-05", interviews=[iv("2025-12-01", "annual_review")]),
        "annual_review",
        "2027-01-05",
        "due_soon",
        firm=company(policies=(("annual_review", 12, "2026-01-05"),)),
    ),
    Case(
        "a review held on the policy's start day does not count (as on the hire day)",
        employee("2015-01-05", interviews=[iv("2025-03-03", "annual_review")]),
        "annual_review",
        "2026-03-03",
        "overdue",
        firm=company(policies=(("annual_review", 12, "2025-03-03"),)),
    ),
    Case(
        "the first review after the policy's start meets its first cycle",
        employee("2015-01-05", interviews=[iv("2025-06-10", "annual_review")]),
        "annual_review",
        "2026-01-06",
        "satisfied",
        firm=company(policies=(("annual_review", 12, "2025-01-06"),)),
        by="annual_review-2025-06-10",
    ),
    Case(
        "then the next cycle counts from that review",
        employee("2015-01-05", interviews=[iv("2025-06-10", "annual_review")]),
        "annual_review",
        "2026-06-10",
        "overdue",
        firm=company(policies=(("annual_review", 12, "2025-01-06"),)),
    ),
    Case(
        "a policy starting next year: its first review a cycle after",
        employee("2015-01-05"),
        "annual_review",
        "2028-01-04",
        "upcoming",
        firm=company(country="NL", policies=(("annual_review", 12, "2027-01-04"),)),
    ),
    Case(
        "policy start on 29 February: a year later is 28 February",
        employee("2015-01-05"),
        "annual_review",
        "2025-02-28",
        "overdue",
        firm=company(country="NL", policies=(("annual_review", 12, "2024-02-29"),)),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_case(case: Case) -> None:
    found = obligations(case.who, case.as_of, case.firm)
    obligation = find(found, case.kind, case.deadline)
    listed = [(o.kind.value, o.deadline.isoformat(), o.status.value) for o in found]
    assert obligation is not None, listed
    assert obligation.status.value == case.status, obligation.explanation
    if case.amount is not None:
        assert obligation.amount_at_stake_eur == case.amount, obligation.explanation
    if case.by is not None:
        assert obligation.satisfied_by == case.by


ABSENT = [
    (
        "agency workers are the agency's employees",
        employee("2020-01-06", contract="temp_agency"),
        company(),
    ),
    ("interns are not employees", employee("2020-01-06", contract="intern"), company()),
    (
        "a Dutch company without policy has nothing to do",
        employee("2020-01-06"),
        company(country="NL"),
    ),
    ("not hired yet", employee("2027-01-04"), company()),
]


@pytest.mark.parametrize(("name", "who", "firm"), ABSENT, ids=[a[0] for a in ABSENT])
def test_nothing_is_owed(name: str, who: Employee, firm: Company) -> None:
    assert obligations(who, AS_OF, firm) == []


NONE_OF_KIND = [
    (
        "ongoing leave: return not due yet",
        employee("2015-01-05", leaves=[leave("maternity", "2026-06-01", None)]),
        "return",
        company(),
    ),
    (
        "secure mobility under 300",
        employee("2015-01-05", leaves=[leave("secure_mobility", "2025-01-06", "2026-01-04")]),
        "return",
        company(headcount=299),
    ),
    (
        "sickness shorter than 6 months",
        employee("2015-01-05", leaves=[leave("sickness", "2026-01-01", "2026-06-29")]),
        "return",
        company(),
    ),
    (
        "'other' leave not in the default list",
        employee("2015-01-05", leaves=[leave("other", "2026-05-04", "2026-10-04")]),
        "return",
        company(),
    ),
    (
        "return before the 2014 law",
        employee("2005-01-05", leaves=[leave("maternity", "2013-06-01", "2013-10-31")]),
        "return",
        company(),
    ),
    (
        "mid-career due before 26 Oct 2025",
        employee("2009-05-04", birth_date="1979-06-10"),
        "mid_career",
        company(),
    ),
    (
        "visit 20 Aug 2025: due before the 2025 law",
        employee("2009-05-04", birth_date="1980-03-03", medical_visits=[visit("2025-08-20")]),
        "mid_career",
        company(),
    ),
    ("no birth date: no age interview", employee("2009-05-04"), "mid_career", company()),
    ("no birth date: no end of career", employee("2009-05-04"), "end_of_career", company()),
    (
        "60 on 26 Oct 2025: before the law",
        employee("2001-03-12", birth_date="1965-10-26"),
        "end_of_career",
        company(),
    ),
    (
        "outside France: no periodic interview",
        employee("2020-01-06"),
        "periodic",
        company(country="BE", policies=(("annual_review", 12),)),
    ),
]


@pytest.mark.parametrize(
    ("name", "who", "kind", "firm"), NONE_OF_KIND, ids=[n[0] for n in NONE_OF_KIND]
)
def test_no_obligation_of_this_kind(name: str, who: Employee, kind: str, firm: Company) -> None:
    assert [o for o in obligations(who, AS_OF, firm) if o.kind.value == kind] == []


def test_a_policy_adopted_this_year_owes_nothing_for_earlier_years() -> None:
    # Hired in 2009, reviews never held: the policy adopted on 2 March 2026 asks for the
    # first one by 2 March 2027, and for nothing before.
    firm = company(policies=(("annual_review", 12, "2026-03-02"),))
    found = [
        o
        for o in obligations(employee("2009-05-04"), AS_OF, firm)
        if o.kind.value == "annual_review"
    ]
    assert [(o.window_start, o.deadline, o.status.value) for o in found] == [
        (d("2026-03-02"), d("2027-03-02"), "upcoming")
    ]
    assert "policy's start (March\u00a02,\u00a02026)" in found[0].explanation


def test_there_are_at_least_80_cases() -> None:
    assert len(CASES) + len(ABSENT) + len(NONE_OF_KIND) >= 80


def test_return_interviews_are_listed_by_deadline_not_by_leave_start() -> None:
    # The sabbatical began first but ends last: its interview comes second on the list.
    who = employee(
        "2015-01-05",
        leaves=[
            leave("sabbatical", "2024-01-01", "2024-12-31"),
            leave("maternity", "2024-03-01", "2024-06-30"),
        ],
        interviews=[iv("2024-07-15"), iv("2025-01-20")],
    )
    found = [o for o in obligations(who) if o.kind.value == "return"]
    assert [(o.window_start, o.deadline) for o in found] == [
        (d("2024-03-01"), d("2024-08-01")),
        (d("2024-01-01"), d("2025-02-01")),
    ]
