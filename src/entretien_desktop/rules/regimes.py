"""Every date and figure of the French regimes, stated once, with its source (domain.md 3).

Rules compare dates with these constants; nothing else in the package writes a legal date.
"""

from __future__ import annotations

from datetime import date

LAW_2014_IN_FORCE = date(2014, 3, 7)
"""Law n° 2014-288 of 5 March 2014 (art. L6315-1 Code du travail), in force 7 March 2014:
professional interview every 2 years, summary review every 6 years."""

LAW_2014_PERIOD_YEARS = 2
SUMMARY_REVIEW_2014_YEARS = 6

REVIEW_TRANSITION_LAST_DAY = date(2021, 9, 30)
"""Reviews due until 30 Sept 2021 may use the 2014 or the 2018 criteria, and interviews held
by that day count for them; the CPF top-up applies from 1 Oct 2021 (ordinances 2019-861,
2020-387, 2020-1501; law 2021-689)."""

TOP_UP_EUR = 3000
"""Art. R6323-3 Code du travail: €3,000 paid into the employee's CPF (law 2018-771)."""

TOP_UP_HEADCOUNT = 50
"""The top-up is owed by companies of 50 employees or more (art. L6315-1 II)."""

SECURE_MOBILITY_HEADCOUNT = 300
"""Secure voluntary mobility exists in companies of 300 employees or more (art. L1222-12)."""

LAW_2025_IN_FORCE = date(2025, 10, 26)
"""Law n° 2025-989 of 24 Oct 2025, in force 26 Oct 2025: entretien de parcours professionnel
within the first year, then every 4 years; summary review every 8 years; age interviews."""

LAW_2025_PERIOD_YEARS = 4
LAW_2025_FIRST_INTERVIEW_YEARS = 1
SUMMARY_REVIEW_2025_YEARS = 8
SUMMARY_REVIEW_2025_FIRST_AFTER_FIRST_INTERVIEW_YEARS = 7
AGREEMENT_MAX_MONTHS_2025 = 48

AGREEMENT_LONGER_THAN_4_YEARS_ENDS = date(2026, 10, 1)
"""An agreement setting a periodicity longer than 4 years stops applying on 1 Oct 2026."""

RETURN_EXEMPTION_MONTHS = 12
"""Since 26 Oct 2025 no return interview is required after an interview in the 12 months
before the return (art. L6315-1 as amended by law 2025-989)."""

MID_CAREER_AGE = 45
MID_CAREER_AFTER_VISIT_MONTHS = 2
"""Mid-career interview within 2 months after the mid-career medical visit (L4624-2-2)."""

END_OF_CAREER_AGE = 60
END_OF_CAREER_WINDOW_YEARS = 2

FORFAIT_JOURS_REVIEW_MONTHS = 12
"""An employee on an annual days-based working-time agreement (convention de forfait annuel
en jours) has an interview once a year on workload, the organisation of work, the balance
between work and private life, and pay (art. L3121-64 II and L3121-65 I 3°, law n° 2016-1088
of 8 Aug 2016); the right to disconnect is set by the agreement or the employer
(L3121-64 II 3°, L3121-65 II)."""

BASIS_2014 = "L6315-1 (law 2014-288)"
BASIS_2018 = "L6315-1, L6323-13, R6323-3 (law 2018-771)"
BASIS_2025 = "L6315-1 (law 2025-989)"
BASIS_MID_CAREER = "L6315-1, L4624-2-2 (law 2025-989)"
BASIS_FORFAIT_JOURS = "L3121-64, L3121-65 (law 2016-1088)"
BASIS_POLICY = "company policy"


def basis_for(deadline: date) -> str:
    """The legal basis of an interview obligation falling due on ``deadline``."""
    return BASIS_2025 if deadline >= LAW_2025_IN_FORCE else BASIS_2014
