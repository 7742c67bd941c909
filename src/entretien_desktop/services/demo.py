"""A demo company whose every date is counted from ``today``, so that it never goes stale.

"Menuiserie Duval SARL", a joinery of 62 employees (legal headcount) on two sites: the 25
people listed each carry a story (commented where they are built) chosen so that, as of
``today``, the obligations of domain.md section 4 show every status: overdue, due soon,
upcoming, satisfied, not applicable, with money at stake on one summary review. The same
``today`` always gives the same company. What the interviews say (their forms, signatures,
training requests, action plans) and the workshop's campaign of annual reviews are written
in ``services.demo_interviews``.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import replace
from datetime import date, timedelta
from typing import NamedTuple

from entretien_desktop.domain import (
    Certification,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
    MedicalVisit,
    MedicalVisitKind,
    Policy,
    PolicyKind,
    Progression,
    Settings,
    Training,
    WorkingTime,
)
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.services.demo_interviews import demo_campaign, with_forms, workday
from entretien_desktop.services.signing import fingerprint

DEMO_COMPANY_NAME = "Menuiserie Duval SARL"
DEMO_HEADCOUNT = 62

PRO = InterviewKind.PROFESSIONAL
ANNUAL = InterviewKind.ANNUAL_REVIEW
RETURN = InterviewKind.RETURN
MID = InterviewKind.MID_CAREER
END = InterviewKind.END_OF_CAREER
REVIEW = InterviewKind.SUMMARY_REVIEW
CAREER = InterviewKind.CAREER_CONVERSATION
PLANNED = InterviewStatus.PLANNED
INVITED = InterviewStatus.INVITED
REFUSED = InterviewStatus.REFUSED
CANCELLED = InterviewStatus.CANCELLED

# ref | first name | last name | job title | department | site | manager
_PEOPLE = """
E001|Philippe|Duval|Gérant|Direction|Lyon|
E002|Sylvie|Marchand|Responsable administrative et financière|Administration|Lyon|E001
E003|Émilie|Rousseau|Assistante RH et paie|Administration|Lyon|E002
E004|Karim|Benali|Comptable|Administration|Lyon|E002
E005|Julien|Lefèvre|Responsable du bureau d'études|Bureau d'études|Lyon|E001
E006|Céline|Garnier|Dessinatrice-projeteuse|Bureau d'études|Lyon|E005
E007|Théo|Bernard|Technicien méthodes (alternance BTS)|Bureau d'études|Lyon|E005
E008|Marc|Girard|Chef d'atelier|Atelier|Lyon|E001
E009|Jean-Pierre|Morel|Menuisier d'atelier|Atelier|Lyon|E008
E010|Ludovic|Fontaine|Opérateur sur machine à commande numérique|Atelier|Lyon|E008
E011|Nathalie|Chevalier|Finisseuse-vernisseuse|Atelier|Lyon|E008
E012|Sébastien|Robin|Menuisier agenceur|Atelier|Lyon|E008
E013|Mathis|Perrin|Apprenti menuisier (CAP)|Atelier|Lyon|E008
E014|Antoine|Faure|Menuisier d'atelier|Atelier|Lyon|E008
E015|Kévin|Lambert|Cariste (intérimaire)|Atelier|Lyon|E008
E016|Léa|Mercier|Stagiaire dessinatrice (licence pro)|Bureau d'études|Lyon|E005
E017|Thierry|Roux|Chef d'équipe pose|Pose|Villeurbanne|E001
E018|Romain|Blanc|Poseur|Pose|Villeurbanne|E017
E019|Nicolas|Guérin|Poseur|Pose|Villeurbanne|E017
E020|François|Gauthier|Poseur menuiseries extérieures|Pose|Villeurbanne|E017
E021|Yasmine|Haddad|Poseuse (contrat de professionnalisation)|Pose|Villeurbanne|E017
E022|Dominique|Caron|Poseur|Pose|Villeurbanne|E017
E023|Camille|Lemaire|Responsable commerciale|Commercial|Villeurbanne|E001
E024|Manon|Dupuis|Assistante commerciale|Commercial|Villeurbanne|E023
E025|Olivier|Muller|Poseur agenceur|Pose|Villeurbanne|E017
"""

# ref | hired (months[,days] from today) | born (age this year/month/day, * = story) |
# contract | working time | exit (months from today, * = story, blank = none)
_CONTRACTS = """
E001|-293|56/04/18|permanent|full_time|
E002|-146|51/09/22|permanent|full_time|
E003|-74|34/02/11|permanent|part_time|
E004|-50|41/11/05|permanent|part_time|
E005|-108|*|permanent|full_time|
E006|-88|*|permanent|full_time|
E007|-14|21/03/30|apprenticeship|full_time|10
E008|-180|*|permanent|full_time|
E009|-108|53/06/03|permanent|full_time|
E010|-120|38/10/14|permanent|full_time|
E011|-96|42/01/25|permanent|part_time|
E012|-64|36/07/09|permanent|full_time|
E013|-5|17/05/02|apprenticeship|full_time|19
E014|-10,-15|29/08/19|fixed_term|full_time|3
E015|-4|25/12/01|temp_agency|full_time|2
E016|-2|22/04/27|intern|full_time|4
E017|-220|*|permanent|full_time|
E018|-11|31/02/14|permanent|full_time|
E019|-70|35/09/30|permanent|full_time|
E020|-75|50/11/23|permanent|full_time|
E021|-7|24/07/16|professionalisation|full_time|6
E022|-108|54/03/08|permanent|full_time|*
E023|-36|39/10/03|permanent|full_time|
E024|-30|27/06/21|permanent|part_time|
E025|-84|41/12/12|permanent|full_time|
"""


def _rows(table: str) -> dict[str, list[str]]:
    rows = (line.split("|") for line in table.strip().splitlines())
    return {cells[0]: [cell.strip() for cell in cells[1:]] for cells in rows}


_IDENTITY = _rows(_PEOPLE)
_CONTRACT = _rows(_CONTRACTS)


class _Course(NamedTuple):
    title: str
    hours: int
    mandatory: bool = False
    certification: bool = False


SST = _Course("SST – Sauveteur secouriste du travail", 14, mandatory=True)
MAC_SST = _Course("MAC SST – Maintien et actualisation des compétences", 7, mandatory=True)
CACES = _Course("CACES R489 – Chariots élévateurs cat. 3", 21, mandatory=True, certification=True)
HABELEC = _Course("Habilitation électrique BS/BE manœuvre", 14, mandatory=True)
HEIGHT = _Course("Travail en hauteur et port du harnais", 7, mandatory=True)
EXCEL = _Course("Excel avancé", 14)
PLANS = _Course("Lecture de plans", 21)
CN = _Course("Programmation de centre d'usinage à commande numérique", 35)
CAD = _Course("TopSolid'Wood – perfectionnement", 35, certification=True)
ALU = _Course("Pose de menuiseries aluminium et PVC", 21)
FINISH = _Course("Finitions et vernis en phase aqueuse", 14)
MANAGE = _Course("Manager une équipe de proximité", 28)
PAYROLL = _Course("Actualité de la paie", 7)
SALES = _Course("Techniques de vente en showroom", 14)
TP_FITTER = _Course("Titre professionnel Menuisier poseur installateur (alternance)", 420)


class _Builder:
    """Dates relative to ``today`` and the pieces of an employee's story."""

    def __init__(self, today: date) -> None:
        self.today = today
        self._ids = 0

    def at(self, months: int, days: int = 0) -> date:
        """``today`` moved by ``months`` then ``days`` (negative: in the past)."""
        return add_months(self.today, months) + timedelta(days=days)

    def born(self, age: int, month: int, day: int) -> date:
        """A birthday in the calendar year ``age`` years before this one."""
        return date(self.today.year - age, month, day)

    def held(self, months: int, kind: InterviewKind = PRO, days: int = 0) -> Interview:
        return self.held_on(self.at(months, days), kind)

    def held_on(self, day: date, kind: InterviewKind = PRO) -> Interview:
        """An interview held on (the working day from) ``day``, invited a month before."""
        held = workday(day)
        return Interview("", kind, InterviewStatus.HELD, held, workday(held - timedelta(days=31)))

    def series(self, latest: int, count: int, gap: int = 22) -> list[Interview]:
        """``count`` professional interviews every ``gap`` months, the latest ``latest`` ago."""
        return [self.held(latest - gap * n) for n in range(count)]

    def other(
        self, kind: InterviewKind, status: InterviewStatus, day: date, invited: date | None = None
    ) -> Interview:
        """An interview not (yet) held: planned, invited, refused or cancelled."""
        invited_on = None if invited is None else workday(invited)
        return Interview("", kind, status, workday(day), invited_on)

    def course(self, course: _Course, start: date, end: date | None = None) -> Training:
        """``course`` from ``start``, over as many days as it has 7-hour days by default."""
        start = workday(start)
        end = end or start + timedelta(days=math.ceil(course.hours / 7) - 1)
        return Training(
            course.title, start, end, course.hours, course.mandatory, course.certification
        )

    def train(self, *courses: tuple[_Course, int]) -> tuple[Training, ...]:
        """Each course started so many months from today (negative: ago)."""
        return tuple(self.course(course, self.at(months)) for course, months in courses)

    def up(self, months: int, kind: str, note: str) -> Progression:
        return Progression(self.at(months), kind, note)

    def person(
        self,
        ref: str,
        *,
        born: date | None = None,
        left: date | None = None,
        leaves: tuple[Leave, ...] = (),
        interviews: list[Interview] | tuple[Interview, ...] = (),
        trainings: tuple[Training, ...] = (),
        certifications: tuple[Certification, ...] = (),
        progressions: tuple[Progression, ...] = (),
        visits: tuple[date, ...] = (),
    ) -> Employee:
        """Employee ``ref`` of the tables, histories in date order, interviews numbered."""
        first, last, job, department, site, manager = _IDENTITY[ref]
        hired, birth, contract, working_time, exit_months = _CONTRACT[ref]
        months, _comma, days = hired.partition(",")
        if born is None:
            age, month, day = (int(part) for part in birth.split("/"))
            born = self.born(age, month, day)
        if left is None and exit_months not in ("", "*"):
            left = self.at(int(exit_months))
        numbered = []
        for interview in sorted(interviews, key=lambda i: (i.date or self.today, i.kind.value)):
            self._ids += 1
            numbered.append(dataclasses.replace(interview, id=f"DEMO-{self._ids:04d}"))
        return Employee(
            ref=ref,
            first_name=first,
            last_name=last,
            hire_date=self.at(int(months), int(days or 0)),
            contract=Contract(contract),
            working_time=WorkingTime(working_time),
            birth_date=born,
            exit_date=left,
            job_title=job,
            department=department,
            site=site,
            manager_ref=manager or None,
            language="fr",
            leaves=leaves,
            interviews=tuple(numbered),
            trainings=tuple(sorted(trainings, key=lambda t: t.start)),
            certifications=certifications,
            progressions=tuple(sorted(progressions, key=lambda p: p.date)),
            medical_visits=tuple(MedicalVisit(MedicalVisitKind.MID_CAREER, v) for v in visits),
        )


def build_demo_company(today: date) -> Company:
    """The demo company as of ``today``; each employee's story is commented below."""
    b = _Builder(today)
    at, held, train, up = b.at, b.held, b.train, b.up
    mid_visit_done, mid_visit_recent = at(-4), at(0, -35)
    left_last_year = date(today.year - 1, 9, 30)
    employees = (
        b.person(  # satisfied: interviews every 22 months, the last 3 months ago
            "E001",
            interviews=[*b.series(-3, 6), held(-3, ANNUAL), held(-78, REVIEW)],
            trainings=train((MANAGE, -30)),
        ),
        b.person(  # satisfied: career-path and annual reviews held the same day, two reports
            "E002",
            interviews=[*b.series(-2, 5), held(-2, ANNUAL), held(-14, ANNUAL), held(-75, REVIEW)],
            trainings=train((EXCEL, -20), (PAYROLL, -8)),
            progressions=(
                up(-60, "professional", "Promue responsable administrative et financière"),
                up(-14, "salary", "Augmentation individuelle de 2,5 %"),
            ),
        ),
        b.person(  # on maternity leave since 10 weeks (ongoing)
            "E003",
            leaves=(Leave(LeaveKind.MATERNITY, at(-2, -10)),),
            interviews=[*b.series(-15, 3), held(-9, ANNUAL)],
            trainings=train((PAYROLL, -20)),
        ),
        b.person(  # due soon: annual review (company policy) in about 3 weeks
            "E004",
            interviews=[held(-40), held(-20), held(-12, ANNUAL, days=20)],
            trainings=train((EXCEL, -30)),
        ),
        b.person(  # satisfied: mid-career interview held a month after the visit
            "E005",
            born=date(mid_visit_done.year - 45, mid_visit_done.month, 7),
            interviews=[*b.series(-10, 5), held(-3, MID), held(-10, ANNUAL), held(-37, REVIEW)],
            trainings=train((CAD, -24)),
            certifications=(Certification("Certificat TopSolid'Wood", at(-23), "training"),),
            progressions=(up(-60, "professional", "Nommé responsable du bureau d'études"),),
            visits=(mid_visit_done,),
        ),
        b.person(  # due soon: mid-career visit 5 weeks ago, interview due 2 months after it
            "E006",
            born=date(mid_visit_recent.year - 45, mid_visit_recent.month, 7),
            interviews=[*b.series(-8, 4), held(-8, ANNUAL), held(-17, REVIEW)],
            trainings=train((PLANS, -70), (CAD, -40)),
            progressions=(up(-30, "salary", "Passage au coefficient 250"),),
            visits=(mid_visit_recent,),
        ),
        b.person("E007", interviews=[held(-4)], trainings=train((CAD, -8))),  # apprentice, done
        b.person(  # 60 in 16 months: end-of-career interview held last month
            "E008",
            born=at(-720 + 16),
            interviews=[*b.series(-6, 6), held(-1, END), held(-6, ANNUAL), held(-37, REVIEW)],
            trainings=train((MANAGE, -70), (SST, -50), (MAC_SST, -26), (HABELEC, -12)),
            progressions=(
                up(-96, "professional", "Promu chef d'atelier"),
                up(-12, "salary", "Augmentation individuelle de 3 %"),
            ),
        ),
        b.person(  # overdue: never interviewed in 9 years, only mandatory trainings: €3,000
            "E009",
            trainings=train(
                (SST, -90), (MAC_SST, -66), (CACES, -40), (MAC_SST, -42), (MAC_SST, -18)
            ),
        ),
        b.person(  # overdue: last interview 5 years ago, the last invitation cancelled; invited
            "E010",  # to the workshop's annual review, its form prepared
            interviews=[
                *(held(-84), held(-60), b.other(PRO, CANCELLED, at(-4), at(-5))),
                b.other(ANNUAL, INVITED, at(0, 10), at(0, -12)),
            ],
            trainings=train((CN, -70), (PLANS, -36), (SST, -20)),
            progressions=(up(-48, "salary", "Prime d'ancienneté"),),
        ),
        b.person(  # due soon: back from a sabbatical 3 weeks ago, return interview planned
            "E011",
            leaves=(Leave(LeaveKind.SABBATICAL, at(-7, -21), at(0, -22)),),
            interviews=[*b.series(-20, 4), b.other(RETURN, PLANNED, at(0, 7))],
            trainings=train((FINISH, -30)),
        ),
        b.person(  # satisfied: back from a long sickness 3 months ago, return interview held;
            "E012",  # annual review held (and signed) in the workshop's campaign
            leaves=(
                Leave(LeaveKind.SICKNESS, at(-30), at(-30, 12)),
                Leave(LeaveKind.LONG_SICKNESS, at(-11), at(-3, -1)),
            ),
            interviews=[*b.series(-26, 2), held(-3, RETURN, days=12), held(0, ANNUAL, days=-20)],
            trainings=train((SST, -40), (PLANS, -20)),
        ),
        b.person(  # apprentice hired 5 months ago, his first annual review held in the campaign
            "E013", interviews=[held(0, ANNUAL, days=-8)], trainings=train((SST, -2))
        ),
        b.person("E014"),  # due soon: fixed-term hired 10.5 months ago, first interview in a year
        b.person("E015"),  # temp agency worker: employed by the agency, not covered
        b.person("E016"),  # intern: not an employee, not covered
        b.person(  # due soon: 60 in 50 days, end-of-career interview invited
            "E017",
            born=at(-720, 50),
            interviews=[
                *b.series(-9, 6),
                *(held(-9, ANNUAL), held(-77, REVIEW)),
                b.other(END, INVITED, at(0, 21), at(0, -7)),
            ],
            trainings=train((ALU, -50), (HEIGHT, -30), (HABELEC, -14)),
            certifications=(
                Certification("Titre professionnel Menuisier poseur installateur", at(-62), "vae"),
            ),
            progressions=(
                up(-61, "professional", "Chef d'équipe pose après la VAE"),
                up(-61, "salary", "Passage au coefficient 270"),
            ),
        ),
        b.person(  # due soon: hired 11 months ago, first interview invited
            "E018",
            interviews=[b.other(PRO, INVITED, at(0, 21), at(0, -5))],
            trainings=train((HEIGHT, -10)),
        ),
        b.person(  # satisfied: back from parental leave 5 months ago, interview refused in writing
            "E019",
            leaves=(Leave(LeaveKind.PARENTAL_EDUCATION, at(-11), at(-5, -1)),),
            interviews=[*b.series(-26, 2), b.other(RETURN, REFUSED, at(-5, 10), at(-5, -5))],
            trainings=train((HEIGHT, -40), (ALU, -30)),
        ),
        b.person(  # overdue: one interview, 4.5 years ago
            "E020",
            interviews=[held(-54)],
            trainings=train((ALU, -60), (SST, -44), (HABELEC, -20)),
        ),
        b.person("E021", trainings=(b.course(TP_FITTER, at(-7), at(5)),)),  # professionalisation
        b.person(  # left last year, with a missed interview in the history
            "E022",
            left=left_last_year,
            interviews=[b.held_on(add_months(left_last_year, -60))],
            trainings=(b.course(HEIGHT, add_months(left_last_year, -30)),),
        ),
        b.person(
            "E023",
            interviews=[held(-27), held(-14, ANNUAL), held(-2, ANNUAL)],
            trainings=train((SALES, -20), (EXCEL, -10)),
            progressions=(up(-12, "salary", "Part variable intégrée au salaire fixe"),),
        ),
        b.person(  # overdue annual review, a catch-up planned next month
            "E024",
            interviews=[
                *(held(-20), held(-13, ANNUAL), held(-5, CAREER)),  # a career conversation
                b.other(ANNUAL, PLANNED, at(1, 5)),
            ],
            trainings=train((EXCEL, -16)),
        ),
        b.person(  # a short sickness, which calls for no return interview
            "E025",
            leaves=(Leave(LeaveKind.SICKNESS, at(-2, -10), at(-1, -20)),),
            interviews=[*b.series(-9, 4), held(-9, ANNUAL), held(-13, REVIEW)],
            trainings=train((HEIGHT, -60), (HABELEC, -33), (ALU, -15)),
        ),
    )
    campaign = demo_campaign(today)
    return Company(
        name=DEMO_COMPANY_NAME,
        country="FR",
        headcount=DEMO_HEADCOUNT,
        headcount_date=date(today.year, 1, 1),
        interview_agreement=None,
        policies=(Policy(PolicyKind.ANNUAL_REVIEW, 12),),
        settings=Settings(),
        employees=tuple(_fingerprinted(e) for e in with_forms(employees, today, campaign)),
        campaigns=(campaign,),
    )


def _fingerprinted(employee: Employee) -> Employee:
    """Signed interviews carry the fingerprint of what was signed, as real ones do."""
    return replace(
        employee,
        interviews=tuple(
            replace(i, fingerprint=fingerprint(employee, i)) if i.signed_on is not None else i
            for i in employee.interviews
        ),
    )


__all__ = ["DEMO_COMPANY_NAME", "build_demo_company"]
