"""The dates and figures of the law, typed again from the domain brief (its section 3)
rather than imported from the engine: a mistyped constant there must show up here."""

from __future__ import annotations

from datetime import date

# 3.1 Law n° 2014-288 of 5 March 2014 (art. L6315-1), in force on 7 March 2014.
LAW_2014_IN_FORCE = date(2014, 3, 7)
PERIOD_2014_YEARS = 2
REVIEW_2014_YEARS = 6
TOP_UP_2014_FULL_TIME_EUR = 3_000  # 100 h + €30 per hour to the OPCA
TOP_UP_2014_PART_TIME_EUR = 3_900  # 130 h + €30 per hour

# 3.2 Law n° 2018-771 of 5 Sept 2018: the cumulative test, €3,000 (R6323-3), companies of
# 50+; the employer's choice of criteria for reviews held until 30 Sept 2021.
TOP_UP_2018_EUR = 3_000
TOP_UP_HEADCOUNT = 50
CRITERIA_CHOICE_LAST_DAY = date(2021, 9, 30)

# 3.3 Law n° 2025-989 of 24 Oct 2025, in force on 26 Oct 2025.
LAW_2025_IN_FORCE = date(2025, 10, 26)
FIRST_INTERVIEW_2025_YEARS = 1
PERIOD_2025_YEARS = 4
REVIEW_2025_YEARS = 8
FIRST_REVIEW_AFTER_FIRST_INTERVIEW_YEARS = 7
AGREEMENT_LONGEST_MONTHS_2025 = 48
LONG_AGREEMENTS_STOP = date(2026, 10, 1)

# 3.4 Return from leave.
SECURE_MOBILITY_HEADCOUNT = 300
RETURN_EXEMPTION_MONTHS = 12

# 3.5 Age-based interviews.
MID_CAREER_AGE = 45
MID_CAREER_VISIT_BROUGHT_FORWARD_YEARS = 2
MID_CAREER_AFTER_VISIT_MONTHS = 2
END_OF_CAREER_AGE = 60
END_OF_CAREER_WINDOW_YEARS = 2

# Section 4 and the interchange format.
LOOK_BACK_YEARS = 9
FORFAIT_JOURS_REVIEW_MONTHS = 12  # interpretation 18
