"""What the demo company's interviews say: filled forms, signatures, training requests and
their decisions, action plans and what came of them, and a round of annual reviews.

``services.demo`` schedules the interviews (the story the obligations tell); this module
writes their content, in French, as a joinery's manager would: ``with_forms`` finds each
interview by its employee, kind and status, and returns the employees with their forms
filled. Every date is counted from the interview it belongs to, or from ``today``, so that
the forms never go stale either. The content is data, not interface text: it is not
translated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from entretien_desktop.domain import (
    Campaign,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
)
from entretien_desktop.rules.calendar import add_months

PRO = InterviewKind.PROFESSIONAL
ANNUAL = InterviewKind.ANNUAL_REVIEW
RETURN = InterviewKind.RETURN
MID = InterviewKind.MID_CAREER
END = InterviewKind.END_OF_CAREER
REVIEW = InterviewKind.SUMMARY_REVIEW
CAREER = InterviewKind.CAREER_CONVERSATION
_FAMILY = frozenset({PRO, RETURN, MID, END, REVIEW})
"""The interviews whose dates follow one another in a career-path form (its "previous")."""

GERANT = "Philippe Duval, gérant"
RAF = "Sylvie Marchand, responsable administrative et financière"
CHEF_ATELIER = "Marc Girard, chef d'atelier"
CHEF_POSE = "Thierry Roux, chef d'équipe pose"
RESP_COMMERCIALE = "Camille Lemaire, responsable commerciale"
BUREAU_LYON = "Bureau de la direction, 14 rue des Tanneurs, Lyon"
SALLE_ATELIER = "Salle de réunion de l'atelier, Lyon"
DEPOT = "Bureau du dépôt de Villeurbanne"
SHOWROOM = "Showroom de Villeurbanne, bureau commercial"

_LEAVES = {
    LeaveKind.LONG_SICKNESS: "un arrêt maladie de longue durée",
    LeaveKind.SABBATICAL: "un congé sabbatique",
    LeaveKind.PARENTAL_EDUCATION: "un congé parental d'éducation",
}
_INFORMATION_ALL = [
    "cpf_activation",
    "cpf_top_ups",
    "cep",
    "vae",
    "skills_assessment",
    "transition_project",
]
Answers = dict[str, Any]
Changes = dict[str, Any]


def demo_campaign(today: date) -> Campaign:
    """This year's annual reviews of the workshop, started two months ago."""
    start, end = add_months(today, -2), add_months(today, 1) + timedelta(days=15)
    years = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    return Campaign(
        id=f"C-{start.year}-1",
        name=f"Entretiens annuels {years} – atelier",
        kind=ANNUAL,
        start=start,
        end=end,
        template="annual_review@1",
        department="Atelier",
    )


# -- Small helpers -------------------------------------------------------------------------


def _fr(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def workday(day: date) -> date:
    """The next Monday for a Saturday or a Sunday: interviews are held on working days."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _on(interview: Interview) -> date:
    assert interview.date is not None
    return interview.date


def _held(employee: Employee, kind: InterviewKind) -> list[Interview]:
    """The employee's held interviews of ``kind``, oldest first."""
    return sorted(
        (i for i in employee.interviews if i.kind is kind and i.status is InterviewStatus.HELD),
        key=_on,
    )


def _open(employee: Employee, kind: InterviewKind, status: InterviewStatus) -> Interview:
    return next(i for i in employee.interviews if i.kind is kind and i.status is status)


def _year_to(interview: Interview) -> str:
    """The year an annual review looks back on."""
    return f"Du {_fr(add_months(_on(interview), -12))} au {_fr(_on(interview))}"


def _previous(employee: Employee, interview: Interview) -> Interview | None:
    """The last career-path interview held before ``interview``."""
    before = [
        i
        for i in employee.interviews
        if i.kind in _FAMILY and i.status is InterviewStatus.HELD and _on(i) < _on(interview)
    ]
    return max(before, key=_on, default=None)


def _leave(employee: Employee, kind: LeaveKind) -> Leave:
    return next(leave for leave in employee.leaves if leave.kind is kind)


def _leave_text(leave: Leave) -> str:
    assert leave.end is not None
    return f"Retour après {_LEAVES[leave.kind]} (du {_fr(leave.start)} au {_fr(leave.end)})"


def _table(columns: str, *rows: Iterable[str]) -> list[dict[str, str]]:
    """Rows of a table, every column present as the interview form writes them."""
    names = columns.split()
    return [dict(zip(names, row, strict=True)) for row in rows]


_PLAN = "what who by_when indicator"
_PLAN_REVIEW = "what who by_when indicator outcome"
_NEXT = "objective indicator condition deadline"
_EVALUATED = "objective indicator condition evaluation"


def _request(
    course: str,
    provider: str,
    hours: int,
    cost: int,
    start: date,
    *,
    end: date | None = None,
    working_hours: str = "inside",
    validation: str = "none",
    funding: str = "company_plan",
    priority: str = "medium",
) -> dict[str, str]:
    """A row of a training-requests table, over as many days as it has 7-hour days."""
    start = workday(start)
    end = end or start + timedelta(days=math.ceil(hours / 7) - 1)
    return {
        "course": course,
        "provider": provider,
        "hours": str(hours),
        "cost": str(cost),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "working_hours": working_hours,
        "validation": validation,
        "funding": funding,
        "priority": priority,
    }


def _lines(items: list[str], none: str) -> str:
    return "\n".join(f"• {item}" for item in items) if items else none


class _Writer:
    """The forms of the demo's interviews, as of ``today``."""

    def __init__(self, today: date, campaign: Campaign) -> None:
        self.today = today
        self.campaign = campaign

    def signed(self, interview: Interview, days: int) -> date:
        """Signed ``days`` after the interview, and not later than today."""
        return min(_on(interview) + timedelta(days=days), self.today)

    def later(self, interview: Interview, months: int) -> date:
        """A training session ``months`` after the interview, and not already gone by."""
        return max(add_months(_on(interview), months), self.today + timedelta(days=21))

    def record(
        self,
        interview: Interview,
        answers: Answers,
        *,
        interviewer: str,
        place: str,
        signed_after: int | None = None,
        **changes: Any,
    ) -> Changes:
        """The changes that make ``interview`` a filled (and perhaps signed) form."""
        signed = None if signed_after is None else self.signed(interview, signed_after)
        if signed is not None and interview.kind is not CAREER:
            answers = {**answers, "signed_on": signed.isoformat()}
            if interview.kind is not ANNUAL:
                answers["copy_handed_over"] = signed.isoformat()
        return {
            "answers": answers,
            "template": f"{interview.kind.value}@1",
            "signed_on": signed,
            "interviewer": interviewer,
            "place": place,
            **changes,
        }

    # -- What the history says, as a career-path form shows it ------------------------------

    @staticmethod
    def history(employee: Employee, since: date, until: date) -> Answers:
        """Trainings, certifications and progressions from ``since`` to ``until``."""
        trainings = []
        for t in employee.trainings:
            if since <= t.start < until:
                period = f"le {_fr(t.start)}"
                if t.end is not None and t.end != t.start:
                    period = f"du {_fr(t.start)} au {_fr(t.end)}"
                kind = "obligatoire" if t.mandatory else "non obligatoire"
                trainings.append(f"{t.title}, {period}, {t.hours:g} h, {kind}")
        certifications = [
            f"{c.title}, le {_fr(c.date)}" + (" (VAE)" if c.via == "vae" else " (formation)")
            for c in employee.certifications
            if since <= c.date < until
        ]
        progressions = [
            f"{_fr(p.date)} : {p.note}" for p in employee.progressions if since <= p.date < until
        ]
        return {
            "trainings_followed": _lines(
                trainings, "Aucune formation depuis le dernier entretien."
            ),
            "certifications": _lines(certifications, "Aucune."),
            "progressions": _lines(progressions, "Aucune."),
        }

    def since_last(self, employee: Employee, interview: Interview) -> Answers:
        """The history since the previous career-path interview (since hire, for the first)."""
        previous = _previous(employee, interview)
        since = _on(previous) if previous is not None else employee.hire_date
        return self.history(employee, since, _on(interview))

    @staticmethod
    def heading(
        employee: Employee, interview: Interview, participants: str, place: str | None = None
    ) -> Answers:
        """The context section of a career-path form (a return form has no place)."""
        previous = _previous(employee, interview)
        answers: Answers = {
            "interview_date": _iso(interview.date),
            "participants": participants,
            "invitation_date": _iso(interview.invited_on),
            "job_title": employee.job_title,
        }
        if place is not None:
            answers["place"] = place
        if previous is not None:
            answers["previous_interview_date"] = _iso(previous.date)
        return answers

    # -- Bureau d'études ---------------------------------------------------------------------

    def lefevre(self, e: Employee) -> dict[str, Changes]:
        """E005: a professional interview with an action plan, and the mid-career interview
        seven months later that says what came of it."""
        pro, mid = _held(e, PRO)[-1], _held(e, MID)[-1]
        visit = e.medical_visits[-1].date
        session = workday(self.later(pro, 3))
        plan = _table(
            _PLAN,
            (
                "Rédiger la procédure de transmission des plans à l'atelier",
                "Julien Lefèvre",
                _iso(add_months(_on(pro), 3)),
                "Procédure validée par le chef d'atelier et affichée au poste de débit",
            ),
            (
                "Former Théo Bernard (alternant) au chiffrage des affaires simples",
                "Julien Lefèvre",
                _iso(add_months(_on(pro), 6)),
                "Théo chiffre seul les affaires de moins de 10 000 € HT",
            ),
            (
                "Inscrire Julien à la formation « Conduite de réunion et management transversal »",
                "Sylvie Marchand",
                _iso(add_months(_on(pro), 4)),
                "Inscription confirmée par l'organisme",
            ),
        )
        outcomes = (
            "Fait : procédure diffusée, plus aucune erreur de cote signalée par l'atelier.",
            "En partie : Théo chiffre les petites affaires, encore relues par Julien.",
            f"Fait : inscription confirmée, première session disponible le {_fr(session)}.",
        )
        review = [{**row, "outcome": outcome} for row, outcome in zip(plan, outcomes, strict=True)]
        participants = "Julien Lefèvre ; Philippe Duval, gérant"
        return {
            pro.id: self.record(
                pro,
                {
                    **self.heading(e, pro, participants, BUREAU_LYON),
                    "job_missions": (
                        "Encadre le bureau d'études (une dessinatrice-projeteuse et un "
                        "alternant). Réalise le chiffrage technique des affaires d'agencement "
                        "avec la responsable commerciale, les plans d'exécution et les fiches "
                        "de débit sous TopSolid'Wood, prépare les programmes du centre "
                        "d'usinage. Interlocuteur technique des architectes et des clients."
                    ),
                    "skills_used": (
                        "Maîtrise de TopSolid'Wood (certifié), connaissance des procédés de "
                        "l'atelier et des DTU menuiserie, chiffrage. Bon relais entre le "
                        "commercial et l'atelier."
                    ),
                    "skills_evolution": (
                        "La commande numérique demande de préparer les programmes plus tôt ; "
                        "le bureau d'études doit absorber la hausse des affaires d'agencement "
                        "de magasins."
                    ),
                    "path_summary": (
                        f"Entré le {_fr(e.hire_date)} comme dessinateur-projeteur, nommé "
                        "responsable du bureau d'études après avoir repris les plans "
                        "d'exécution de toutes les affaires."
                    ),
                    **self.since_last(e, pro),
                    "wishes": (
                        "Se former à l'animation d'équipe et à la conduite de projet ; suivre "
                        "les grosses affaires d'agencement de l'étude à la réception du "
                        "chantier."
                    ),
                    "mobility": "Pas de mobilité géographique souhaitée : attaché au site de Lyon.",
                    "reconversion": "Aucune.",
                    "obstacles": (
                        "La charge du bureau d'études : difficile de se libérer plusieurs "
                        "jours d'affilée."
                    ),
                    "company_strategy": (
                        "Développer l'agencement de commerces et de bureaux (40 % du chiffre "
                        "d'affaires visé dans trois ans) et réduire le délai entre la commande "
                        "et la pose grâce au centre d'usinage."
                    ),
                    "company_skills_needed": (
                        "Conduite de projets d'agencement, programmation CN, nouveaux "
                        "panneaux et finitions en phase aqueuse."
                    ),
                    "company_openings": (
                        "Un poste de chargé d'affaires agencement pourrait être créé ; un "
                        "second alternant est prévu au bureau d'études."
                    ),
                    "training_requests": [
                        _request(
                            "Conduite de réunion et management transversal",
                            "CCI Lyon Métropole – formation continue",
                            21,
                            1350,
                            session,
                            funding="opco",
                            priority="high",
                        )
                    ],
                    "information_given": ["cpf_activation", "cpf_top_ups", "cep", "vae"],
                    "action_plan": plan,
                    "development_plan": (
                        "Accompagner la montée en responsabilité vers le pilotage des affaires "
                        "d'agencement : management transversal, délégation progressive du "
                        "dessin à Céline Garnier."
                    ),
                    "employee_comments": (
                        "Entretien utile ; je souhaite refaire le point sur la charge du "
                        "bureau d'études dans six mois."
                    ),
                    "manager_comments": (
                        "Julien est un pilier de l'entreprise : il doit pouvoir déléguer pour "
                        "se concentrer sur les affaires complexes."
                    ),
                },
                interviewer=GERANT,
                place=BUREAU_LYON,
                signed_after=6,
                follow_up={"0": "approved"},
            ),
            mid.id: self.record(
                mid,
                {
                    **self.heading(e, mid, participants, BUREAU_LYON),
                    "medical_visit": (
                        f"Visite de mi-carrière du {_fr(visit)} au service de santé au "
                        "travail : apte, sans restriction."
                    ),
                    "job_missions": (
                        "Responsable du bureau d'études : chiffrage technique, plans "
                        "d'exécution, programmes du centre d'usinage, encadrement de Céline "
                        "Garnier et de l'alternant."
                    ),
                    "skills_used": "Conception sous TopSolid'Wood, chiffrage, encadrement.",
                    "skills_evolution": (
                        "Davantage de coordination avec les poseurs et les architectes."
                    ),
                    "path_summary": (
                        "Neuf ans dans l'entreprise, responsable du bureau d'études depuis "
                        "cinq ans."
                    ),
                    "agreements_review": review,
                    **self.since_last(e, mid),
                    "job_adaptation": (
                        "Travail sur écran toute la journée : un second écran et un siège "
                        "réglable sont demandés."
                    ),
                    "wear_prevention": (
                        "Pauses visuelles régulières, alternance avec les visites de chantier."
                    ),
                    "doctor_recommendations": (
                        "Le médecin conseille d'adapter l'éclairage du poste et de limiter le "
                        "travail sur écran sans pause."
                    ),
                    "wishes": (
                        "Évoluer d'ici deux à trois ans vers le pilotage complet des affaires "
                        "d'agencement (chargé d'affaires), en gardant le bureau d'études."
                    ),
                    "mobility": "Aucune.",
                    "reconversion": "Aucune.",
                    "obstacles": "Trouver du temps pour une formation longue.",
                    "company_strategy": (
                        "L'agencement de commerces progresse ; l'entreprise veut un chargé "
                        "d'affaires qui suive les chantiers de bout en bout."
                    ),
                    "company_skills_needed": "Gestion de projet, relation avec les architectes.",
                    "company_openings": "Poste de chargé d'affaires agencement à l'étude.",
                    "training_requests": [
                        _request(
                            "Chargé d'affaires en agencement (certificat de compétences)",
                            "CNAM Auvergne-Rhône-Alpes",
                            70,
                            2800,
                            self.later(mid, 6),
                            end=self.later(mid, 6) + timedelta(days=60),
                            working_hours="outside",
                            validation="certificate",
                            funding="cpf_co_funded",
                        )
                    ],
                    "information_given": _INFORMATION_ALL,
                    "action_plan": _table(
                        _PLAN,
                        (
                            "Commander un second écran et un siège ergonomique",
                            "Sylvie Marchand",
                            _iso(add_months(_on(mid), 1)),
                            "Matériel installé au poste",
                        ),
                        (
                            "Confier à Julien le suivi complet d'une affaire d'agencement pilote",
                            "Philippe Duval",
                            _iso(add_months(_on(mid), 6)),
                            "Affaire livrée dans les délais et le budget prévus",
                        ),
                    ),
                    "development_plan": "Vers le poste de chargé d'affaires agencement.",
                    "employee_comments": "D'accord avec le plan d'action.",
                    "manager_comments": (
                        "Demande de formation à étudier avec le budget de l'an prochain."
                    ),
                },
                interviewer=GERANT,
                place=BUREAU_LYON,
                signed_after=3,
                context=f"Visite médicale de mi-carrière du {_fr(visit)}",
                follow_up={"0": "requested"},
            ),
        }

    # -- Atelier -----------------------------------------------------------------------------

    def girard(self, e: Employee) -> dict[str, Changes]:
        """E008: the end-of-career interview, held last month, not signed yet."""
        end = _held(e, END)[-1]
        assert e.birth_date is not None
        sixty = add_months(e.birth_date, 720)
        context = f"60 ans le {_fr(sixty)} : entretien de fin de carrière"
        return {
            end.id: self.record(
                end,
                {
                    **self.heading(e, end, "Marc Girard ; Philippe Duval, gérant", BUREAU_LYON),
                    "medical_visit": (
                        f"{context}. Pas encore de visite de fin de carrière : à demander au "
                        "service de santé au travail."
                    ),
                    "job_missions": (
                        "Organise et planifie la production de l'atelier (débit, usinage, "
                        "montage, finition), contrôle la qualité avant livraison, maître "
                        "d'apprentissage de Mathis Perrin, sauveteur secouriste et référent "
                        "sécurité de l'atelier."
                    ),
                    "skills_used": (
                        "Réglage de toutes les machines, lecture de plans, planification, "
                        "encadrement d'une équipe de huit personnes."
                    ),
                    "skills_evolution": "Le centre d'usinage a changé l'organisation du débit.",
                    "path_summary": (
                        f"Entré le {_fr(e.hire_date)} comme menuisier d'atelier, promu chef "
                        "d'atelier il y a huit ans."
                    ),
                    **self.since_last(e, end),
                    "staying_in_job": (
                        "Souhaite rester chef d'atelier jusqu'à son départ, envisagé à 62 ans."
                    ),
                    "part_time": "Intéressé par un passage à 80 % (quatre jours) dans un an.",
                    "progressive_retirement": (
                        "Retraite progressive envisagée dès qu'il en remplira les conditions."
                    ),
                    "knowledge_transfer": (
                        "Transmettre à Sébastien Robin la planification de l'atelier et le "
                        "réglage des machines ; constituer un classeur des réglages et des "
                        "gabarits."
                    ),
                    "job_adaptation": (
                        "Moins de manutention : le cariste et la table élévatrice prennent les "
                        "panneaux lourds."
                    ),
                    "doctor_recommendations": "Aucune restriction à ce jour.",
                    "wishes": (
                        "Finir sa carrière à l'atelier en formant son successeur, et réduire "
                        "son temps de travail progressivement."
                    ),
                    "mobility": "Aucune.",
                    "reconversion": "Aucune.",
                    "obstacles": "Former un successeur à temps sans désorganiser l'atelier.",
                    "company_strategy": (
                        "Garder le savoir-faire de l'atelier en interne pendant la montée en "
                        "charge de l'agencement."
                    ),
                    "company_skills_needed": "Un adjoint au chef d'atelier, formé à la CN.",
                    "company_openings": "Poste d'adjoint au chef d'atelier proposé en interne.",
                    "training_requests": [
                        _request(
                            "Tuteur en entreprise : transmettre ses savoir-faire",
                            "AFPA Lyon",
                            14,
                            700,
                            self.later(end, 2),
                            funding="opco",
                            priority="high",
                        )
                    ],
                    "information_given": [
                        "cpf_activation",
                        "cpf_top_ups",
                        "cep",
                        "transition_project",
                    ],
                    "action_plan": _table(
                        _PLAN,
                        (
                            "Nommer Sébastien Robin adjoint au chef d'atelier",
                            "Philippe Duval",
                            _iso(add_months(_on(end), 2)),
                            "Avenant signé et annonce faite à l'équipe",
                        ),
                        (
                            "Rédiger le classeur des réglages machines et des gabarits",
                            "Marc Girard",
                            _iso(add_months(_on(end), 8)),
                            "Classeur complet, relu par Sébastien Robin",
                        ),
                        (
                            "Demander un relevé de carrière à la CARSAT",
                            "Marc Girard",
                            _iso(add_months(_on(end), 1)),
                            "Relevé reçu, simulation de retraite progressive faite",
                        ),
                    ),
                    "development_plan": "Transmission des savoir-faire sur dix-huit mois.",
                    "manager_comments": "Compte rendu à relire par Marc avant signature.",
                },
                interviewer=GERANT,
                place=BUREAU_LYON,
                context=context,
                follow_up={"0": "approved"},
            )
        }

    def fontaine(self, e: Employee) -> dict[str, Changes]:
        """E010: the campaign's annual review, invited, the form prepared (a draft)."""
        draft = _open(e, ANNUAL, InterviewStatus.INVITED)
        return {
            draft.id: {
                "answers": {
                    "interview_date": _iso(draft.date),
                    "period_reviewed": _year_to(draft),
                    "job_title": e.job_title,
                    "participants": "Ludovic Fontaine ; Marc Girard, chef d'atelier",
                    "results": (
                        "À compléter : mise en service du nouveau centre d'usinage, "
                        "programmes repris du bureau d'études."
                    ),
                    "skill_technical": "A",
                },
                "template": "annual_review@1",
                "interviewer": CHEF_ATELIER,
                "place": SALLE_ATELIER,
                "campaign": self.campaign.id,
            }
        }

    def chevalier(self, e: Employee) -> dict[str, Changes]:
        """E011: the return interview planned after her sabbatical."""
        planned = _open(e, RETURN, InterviewStatus.PLANNED)
        return {
            planned.id: {
                "interviewer": CHEF_ATELIER,
                "place": SALLE_ATELIER,
                "context": _leave_text(_leave(e, LeaveKind.SABBATICAL)),
            }
        }

    def robin(self, e: Employee) -> dict[str, Changes]:
        """E012: the return interview after a long sickness, then the campaign's annual
        review, both signed."""
        back, annual = _held(e, RETURN)[-1], _held(e, ANNUAL)[-1]
        context = _leave_text(_leave(e, LeaveKind.LONG_SICKNESS))
        participants = "Sébastien Robin ; Marc Girard, chef d'atelier"
        return {
            back.id: self.record(
                back,
                {
                    **self.heading(e, back, participants),
                    "leave": context,
                    "job_missions": (
                        "Fabrique et monte en atelier les meubles d'agencement (comptoirs, "
                        "banques d'accueil, rangements sur mesure) d'après les plans du bureau "
                        "d'études ; participe à certaines poses."
                    ),
                    "changes_during_absence": (
                        "Mise en service du centre d'usinage à commande numérique, nouvelle "
                        "organisation des postes de montage, arrivée d'un apprenti et d'un "
                        "menuisier en CDD."
                    ),
                    "adaptation_needed": (
                        "Éviter le port de charges lourdes pendant trois mois, selon l'avis "
                        "de la médecine du travail à la visite de reprise."
                    ),
                    "return_arrangements": (
                        "Reprise à temps plein au poste de montage, avec la table élévatrice ; "
                        "pas de pose sur chantier pendant trois mois."
                    ),
                    "wishes": (
                        "Reprendre progressivement et apprendre à utiliser le centre d'usinage "
                        "pour préparer ses pièces."
                    ),
                    "obstacles": "De la fatigue en fin de journée les premières semaines.",
                    "training_requests": [
                        _request(
                            "Prévention des troubles musculo-squelettiques : gestes et postures",
                            "OPPBTP Auvergne-Rhône-Alpes",
                            7,
                            290,
                            self.later(back, 1),
                            funding="opco",
                            priority="high",
                        ),
                        _request(
                            "Conduite du centre d'usinage – niveau 1",
                            "Formation du constructeur de la machine",
                            21,
                            1200,
                            self.later(back, 2),
                        ),
                    ],
                    "information_given": ["cpf_activation", "cep"],
                    "action_plan": _table(
                        _PLAN,
                        (
                            "Installer une table élévatrice au poste de montage",
                            "Marc Girard",
                            _iso(add_months(_on(back), 1)),
                            "Table en service",
                        ),
                        (
                            "Faire le point sur la reprise",
                            "Marc Girard et Sébastien Robin",
                            _iso(add_months(_on(back), 3)),
                            "Point tenu, restrictions levées ou prolongées par le médecin",
                        ),
                    ),
                    "development_plan": "Montée en compétence sur la commande numérique.",
                    "employee_comments": "Content de retrouver l'équipe.",
                    "manager_comments": "Reprise bien préparée avec la médecine du travail.",
                },
                interviewer=CHEF_ATELIER,
                place=SALLE_ATELIER,
                signed_after=2,
                context=context,
                follow_up={"0": "approved", "1": "approved"},
            ),
            annual.id: self.record(
                annual,
                {
                    "interview_date": _iso(annual.date),
                    "period_reviewed": _year_to(annual),
                    "job_title": e.job_title,
                    "participants": participants,
                    "results": (
                        "Année coupée par un long arrêt. Depuis la reprise, Sébastien a "
                        "retrouvé son rythme : deux banques d'accueil et l'agencement d'une "
                        "pharmacie livrés sans reprise."
                    ),
                    "difficulties": "Prise en main du centre d'usinage encore partielle.",
                    "successes": "Qualité de finition saluée par le client de la pharmacie.",
                    "skill_technical": "A",
                    "skill_quality": "A",
                    "skill_organisation": "B",
                    "skill_teamwork": "A",
                    "skill_customer": "B",
                    "skills_comments": "Menuisier confirmé, prêt à seconder le chef d'atelier.",
                    "what_works": "Entraide avec l'apprenti, qu'il accompagne volontiers.",
                    "tensions": "Aucune.",
                    "management_feedback": "Souhaite être prévenu plus tôt des urgences.",
                    "training_requests": [
                        _request(
                            "Planification de production en atelier de menuiserie",
                            "Centre de formation du bâtiment de Lyon",
                            14,
                            760,
                            self.later(annual, 3),
                            funding="opco",
                        )
                    ],
                    "objectives_next": _table(
                        _NEXT,
                        (
                            "Seconder le chef d'atelier sur la planification hebdomadaire",
                            "Planning de la semaine préparé chaque vendredi",
                            "Accompagnement par Marc Girard pendant trois mois",
                            _iso(add_months(_on(annual), 6)),
                        ),
                        (
                            "Programmer seul les pièces simples sur le centre d'usinage",
                            "Aucune reprise de programme par le bureau d'études",
                            "Formation constructeur suivie",
                            _iso(add_months(_on(annual), 9)),
                        ),
                    ),
                    "pay_note": "Revalorisation examinée aux négociations de janvier.",
                    "employee_comments": "D'accord pour prendre plus de responsabilités.",
                    "manager_comments": "Futur adjoint au chef d'atelier.",
                },
                interviewer=CHEF_ATELIER,
                place=SALLE_ATELIER,
                signed_after=5,
                campaign=self.campaign.id,
                follow_up={"0": "approved"},
            ),
        }

    def perrin(self, e: Employee) -> dict[str, Changes]:
        """E013: the apprentice's first annual review, in the campaign, held, not signed."""
        annual = _held(e, ANNUAL)[-1]
        return {
            annual.id: self.record(
                annual,
                {
                    "interview_date": _iso(annual.date),
                    "period_reviewed": f"Depuis son arrivée le {_fr(e.hire_date)}",
                    "job_title": e.job_title,
                    "participants": (
                        "Mathis Perrin ; Marc Girard, chef d'atelier et maître d'apprentissage"
                    ),
                    "results": (
                        "Bonne intégration. Débit et corroyage maîtrisés, premiers caissons "
                        "assemblés sous contrôle."
                    ),
                    "difficulties": "Lecture des plans cotés, rythme de l'alternance avec le CFA.",
                    "successes": "Très bonnes notes en atelier au CFA.",
                    "skill_technical": "C",
                    "skill_quality": "B",
                    "skill_organisation": "C",
                    "skill_teamwork": "A",
                    "skill_customer": "D",
                    "skills_comments": "Normal à ce stade de l'apprentissage.",
                    "what_works": "Curieux, pose des questions, respecte les règles de sécurité.",
                    "objectives_next": _table(
                        _NEXT,
                        (
                            "Fabriquer seul un caisson de meuble de A à Z",
                            "Caisson conforme au plan, contrôlé par le chef d'atelier",
                            "Binôme avec Sébastien Robin",
                            _iso(add_months(_on(annual), 4)),
                        ),
                        (
                            "Réussir les épreuves pratiques du CAP",
                            "Diplôme obtenu",
                            "Suivi du livret d'apprentissage avec le CFA",
                            _iso(add_months(e.hire_date, 23)),
                        ),
                    ),
                    "employee_comments": "Je veux apprendre la pose aussi.",
                },
                interviewer=CHEF_ATELIER,
                place=SALLE_ATELIER,
                campaign=self.campaign.id,
            )
        }

    # -- Pose ---------------------------------------------------------------------------------

    def roux(self, e: Employee) -> dict[str, Changes]:
        """E017: the end-of-career interview he is invited to."""
        invited = _open(e, END, InterviewStatus.INVITED)
        assert e.birth_date is not None
        sixty = add_months(e.birth_date, 720)
        return {
            invited.id: {
                "interviewer": GERANT,
                "place": DEPOT,
                "context": f"60 ans le {_fr(sixty)} : entretien de fin de carrière",
            }
        }

    def blanc(self, e: Employee) -> dict[str, Changes]:
        """E018: his first professional interview, invited."""
        invited = _open(e, PRO, InterviewStatus.INVITED)
        return {invited.id: {"interviewer": CHEF_POSE, "place": DEPOT}}

    def guerin(self, e: Employee) -> dict[str, Changes]:
        """E019: the return interview he declined in writing."""
        refused = _open(e, RETURN, InterviewStatus.REFUSED)
        return {
            refused.id: {
                "interviewer": CHEF_POSE,
                "place": DEPOT,
                "context": _leave_text(_leave(e, LeaveKind.PARENTAL_EDUCATION)),
                "refusal_reason": (
                    "Ne souhaite pas d'entretien : reprise sur le même poste et dans la même "
                    "équipe, point déjà fait avec son chef d'équipe. Refus confirmé par courriel."
                ),
            }
        }

    def muller(self, e: Employee) -> dict[str, Changes]:
        """E025: the six-year summary review, every criterion met, signed."""
        review = _held(e, REVIEW)[-1]
        period_end = add_months(e.hire_date, 72)
        before = [i for i in _held(e, PRO) if _on(i) < _on(review)]
        optional = [t for t in e.trainings if not t.mandatory and t.start < _on(review)]
        held = [f"Entretien professionnel du {_fr(_on(i))} : tenu" for i in before]
        return {
            review.id: self.record(
                review,
                {
                    "interview_date": _iso(review.date),
                    "period_start": _iso(e.hire_date),
                    "period_end": _iso(period_end),
                    "participants": (
                        "Olivier Muller ; Thierry Roux, chef d'équipe pose ; Sylvie Marchand, "
                        "responsable administrative et financière"
                    ),
                    "summary_criteria": (
                        f"Six ans de présence du {_fr(e.hire_date)} au {_fr(period_end)}, "
                        "entreprise de 50 salariés et plus : un entretien professionnel tous "
                        "les deux ans et au moins une formation non obligatoire, faute de quoi "
                        "un abondement de 3 000 € est dû sur le CPF. Formation non obligatoire "
                        f"suivie : {optional[0].title if optional else 'aucune'}."
                    ),
                    "interviews_due_and_held": (
                        f"{len(before)} entretiens dus, {len(before)} tenus :\n" + _lines(held, "")
                    ),
                    **self.history(e, e.hire_date, _on(review)),
                    "outcome": "no_top_up",
                    "employee_comments": "Satisfait des formations à la pose aluminium.",
                    "manager_comments": "Obligations remplies sur la période.",
                },
                interviewer=CHEF_POSE,
                place=DEPOT,
                signed_after=0,
            )
        }

    # -- Commercial ------------------------------------------------------------------------

    def lemaire(self, e: Employee) -> dict[str, Changes]:
        """E023: last year's annual review sets objectives; this year's evaluates them."""
        last, this = _held(e, ANNUAL)[-2:]
        excel = next(t for t in e.trainings if t.title == "Excel avancé")
        objectives = _table(
            _NEXT,
            (
                "Développer l'agencement de commerces",
                "Six nouvelles affaires d'agencement de commerces signées",
                "Chiffrages du bureau d'études rendus sous dix jours",
                _iso(add_months(_on(last), 12)),
            ),
            (
                "Fiabiliser les devis",
                "Écart entre devis et coût réel inférieur à 5 % sur les affaires livrées",
                "Tableau de suivi des coûts partagé avec la comptabilité",
                _iso(add_months(_on(last), 9)),
            ),
            (
                "Relancer les devis du showroom",
                "Taux de transformation des devis du showroom de 30 %",
                "Formation Excel pour suivre les relances",
                _iso(add_months(_on(last), 12)),
            ),
        )
        evaluations = ("A", "B", "C")
        evaluated = [
            {**{k: v for k, v in row.items() if k != "deadline"}, "evaluation": grade}
            for row, grade in zip(objectives, evaluations, strict=True)
        ]
        participants = "Camille Lemaire ; Philippe Duval, gérant"
        common = {"job_title": e.job_title, "participants": participants}
        skills = {"skill_technical": "B", "skill_organisation": "A", "skill_teamwork": "A"}
        return {
            last.id: self.record(
                last,
                {
                    "interview_date": _iso(last.date),
                    "period_reviewed": _year_to(last),
                    **common,
                    "results": (
                        "Chiffre d'affaires en hausse de 8 % ; quatorze affaires d'agencement "
                        "signées ; carnet de commandes à quatre mois."
                    ),
                    "difficulties": "Devis parfois sous-estimés sur les affaires complexes.",
                    "successes": "Signature de l'agencement d'une chaîne de boulangeries.",
                    **skills,
                    "skill_quality": "B",
                    "skill_customer": "A",
                    "skills_comments": "Excellente relation client, outils de suivi à renforcer.",
                    "what_works": "Bonne entente avec le bureau d'études.",
                    "tensions": "Délais de chiffrage parfois tendus.",
                    "training_requests": [
                        _request(
                            excel.title,
                            "CCI Lyon Métropole – formation continue",
                            int(excel.hours),
                            590,
                            excel.start,
                            end=excel.end,
                        )
                    ],
                    "objectives_next": objectives,
                    "pay_note": "Intégration de la part variable au salaire fixe proposée.",
                    "employee_comments": "Objectifs ambitieux mais atteignables.",
                    "manager_comments": "Très bonne année commerciale.",
                },
                interviewer=GERANT,
                place=SHOWROOM,
                signed_after=7,
                follow_up={"0": "done"},
            ),
            this.id: self.record(
                this,
                {
                    "interview_date": _iso(this.date),
                    "period_reviewed": f"Du {_fr(_on(last))} au {_fr(_on(this))}",
                    **common,
                    "objectives_review": evaluated,
                    "results": (
                        "Sept affaires d'agencement de commerces signées ; écart moyen entre "
                        "devis et coût réel ramené à 6 % ; relances du showroom encore "
                        "irrégulières."
                    ),
                    "difficulties": "Manque de temps pour les relances du showroom.",
                    "successes": "Objectif d'agencement de commerces dépassé.",
                    **skills,
                    "skill_quality": "A",
                    "skill_customer": "A",
                    "skills_comments": "Le tableau Excel de suivi des coûts est adopté.",
                    "what_works": "Réunion hebdomadaire avec le bureau d'études.",
                    "tensions": "Aucune.",
                    "management_feedback": "Souhaite un appui pour les grands comptes.",
                    "training_requests": [
                        _request(
                            "Négociation commerciale : les grands comptes",
                            "CCI Lyon Métropole – formation continue",
                            14,
                            980,
                            self.later(this, 2),
                            priority="high",
                        ),
                        _request(
                            "Anglais professionnel avec certification TOEIC",
                            "Centre de langues de Villeurbanne",
                            40,
                            2400,
                            add_months(_on(this), 3),
                            end=add_months(_on(this), 7),
                            working_hours="outside",
                            validation="certificate",
                            funding="cpf_co_funded",
                            priority="low",
                        ),
                    ],
                    "objectives_next": _table(
                        _NEXT,
                        (
                            "Confier les relances du showroom à l'assistante commerciale",
                            "Chaque devis de plus de 15 jours relancé",
                            "Manon Dupuis formée au suivi des devis",
                            _iso(add_months(_on(this), 3)),
                        ),
                        (
                            "Ouvrir deux comptes de promoteurs immobiliers",
                            "Deux contrats cadres signés",
                            "Formation à la négociation grands comptes",
                            _iso(add_months(_on(this), 12)),
                        ),
                    ),
                    "pay_note": "Pas de revalorisation cette année en dehors des négociations.",
                    "employee_comments": "Dommage pour l'anglais, à revoir l'an prochain.",
                    "manager_comments": (
                        "Anglais refusé : pas de clientèle étrangère à ce jour. Très bon "
                        "travail sur l'agencement."
                    ),
                },
                interviewer=GERANT,
                place=SHOWROOM,
                signed_after=4,
                follow_up={"0": "approved", "1": "refused"},
            ),
        }

    def dupuis(self, e: Employee) -> dict[str, Changes]:
        """E024: a career conversation at her request, signed; her next annual review planned."""
        talk = _held(e, CAREER)[-1]
        planned = _open(e, ANNUAL, InterviewStatus.PLANNED)
        return {
            talk.id: self.record(
                talk,
                {
                    "interview_date": _iso(talk.date),
                    "job_title": e.job_title,
                    "participants": "Manon Dupuis ; Camille Lemaire, responsable commerciale",
                    "prep_development_wishes": (
                        "Prendre en charge des clients particuliers de A à Z : accueil au "
                        "showroom, métré simple, devis et suivi jusqu'à la pose."
                    ),
                    "prep_room_to_grow": "Le showroom reçoit plus de visiteurs qu'avant.",
                    "prep_other_jobs": "Conseillère de vente au showroom, chargée d'affaires.",
                    "prep_strengths": "Relation client, rigueur dans le suivi des commandes.",
                    "prep_drivers": "Autonomie, contact client, voir les projets posés.",
                    "manager_employee_level": (
                        "Très fiable sur l'administration des ventes ; connaissances techniques "
                        "des produits à compléter."
                    ),
                    "manager_room_to_grow": "Les devis de fenêtres et de portes standard.",
                    "manager_training_need": "Métré et techniques de vente en showroom.",
                    "manager_team_picture": (
                        "Équipe commerciale de deux personnes, débordée au printemps."
                    ),
                    "opening": "Conversation demandée par Manon après deux ans et demi au poste.",
                    "employee_wishes": (
                        "Devenir conseillère commerciale au showroom d'ici deux ans, en "
                        "passant à temps plein si possible."
                    ),
                    "manager_view": "Projet réaliste, qui répond à un besoin du showroom.",
                    "options": (
                        "Prendre d'abord les devis standard, puis les projets des particuliers."
                    ),
                    "pros_and_cons": (
                        "Plus d'autonomie et de rémunération variable ; l'administration des "
                        "ventes devra être en partie reprise."
                    ),
                    "obstacles": "Temps partiel actuel ; connaissances techniques.",
                    "action_plan": _table(
                        _PLAN,
                        (
                            "Accompagner les poseurs sur trois chantiers de fenêtres",
                            "Thierry Roux",
                            _iso(add_months(_on(talk), 3)),
                            "Trois chantiers suivis, compte rendu à Camille Lemaire",
                        ),
                        (
                            "Réaliser seule les devis de menuiseries standard",
                            "Manon Dupuis",
                            _iso(add_months(_on(talk), 6)),
                            "Dix devis établis sans correction",
                        ),
                        (
                            "Étudier un passage à temps plein",
                            "Sylvie Marchand",
                            _iso(add_months(_on(talk), 4)),
                            "Réponse écrite donnée à Manon",
                        ),
                    ),
                    "employee_feedback": "Je me sens écoutée, le plan est clair.",
                    "development_plan": "Vers le poste de conseillère commerciale au showroom.",
                },
                interviewer=RESP_COMMERCIALE,
                place=SHOWROOM,
                signed_after=1,
            ),
            planned.id: {"interviewer": RESP_COMMERCIALE, "place": SHOWROOM},
        }


def with_forms(
    employees: tuple[Employee, ...], today: date, campaign: Campaign
) -> tuple[Employee, ...]:
    """The employees with their interviews' forms, signatures and decisions written in."""
    writer = _Writer(today, campaign)
    writers: dict[str, Callable[[Employee], dict[str, Changes]]] = {
        "E005": writer.lefevre,
        "E008": writer.girard,
        "E010": writer.fontaine,
        "E011": writer.chevalier,
        "E012": writer.robin,
        "E013": writer.perrin,
        "E017": writer.roux,
        "E018": writer.blanc,
        "E019": writer.guerin,
        "E023": writer.lemaire,
        "E024": writer.dupuis,
        "E025": writer.muller,
    }
    filled = []
    for employee in employees:
        write = writers.get(employee.ref)
        if write is None:
            filled.append(employee)
            continue
        changes = write(employee)
        interviews = tuple(
            replace(i, **changes[i.id]) if i.id in changes else i for i in employee.interviews
        )
        filled.append(replace(employee, interviews=interviews))
    return tuple(filled)


__all__ = ["demo_campaign", "with_forms"]
