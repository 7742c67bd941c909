"""What the company tells an employee about the processing of their data (GDPR articles 13
and 15): the controller, the contact, the purposes, the legal bases, the recipients, the
retention, the source, the rights and the complaint to the supervisory authority.

The company may write its own purposes, legal bases, recipients and retention in the
settings; a part it left alone reads the default wording below, in the reader's language
(the data file keeps only what someone chose, ``domain.Privacy``). The rights and the
complaint are the law's and are not edited.
"""

from __future__ import annotations

from collections.abc import Callable

from entretien_desktop.domain import Company
from entretien_desktop.domain.enums import FRANCE
from entretien_desktop.domain.model import Privacy
from entretien_desktop.i18n import _

DEFAULT_RETENTION_YEARS = 5
"""Years after the employee leaves: the limitation period of an action for discrimination
(art. L1134-5 of the Labour Code), the longest a career record may be needed as proof."""


def default_purposes() -> str:
    return _(
        "Holding and recording the professional (career-path) interviews and the summary "
        "reviews the law requires, and the interviews of the company's own policies (annual "
        "reviews, career conversations); planning trainings and following the decisions on "
        "training requests; proving that the company met its obligations."
    )


def default_legal_bases() -> str:
    return _(
        "Professional interviews, summary reviews, return, mid-career and end-of-career "
        "interviews: legal obligation (article 6.1.c GDPR; article L6315-1 of the Labour "
        "Code). Annual reviews and career conversations: the company's legitimate interest in "
        "managing skills and careers (article 6.1.f GDPR). Training requests: performance of "
        "the employment contract (article 6.1.b GDPR) and the employer's duty to train "
        "(article L6321-1 of the Labour Code)."
    )


def default_recipients() -> str:
    return _(
        "Within the company: the human resources staff, your line manager and the person "
        "who holds the interview, each for what concerns them. Outside it, when needed: the "
        "skills operator (OPCO) for the funding of trainings, the Caisse des dépôts et "
        "consignations for a top-up of your personal training account (CPF), and the labour "
        "inspectorate at its request."
    )


def default_retention(years: int) -> str:
    return _(
        "Interview reports, summary reviews, invitations and training records: for the "
        "duration of your employment, then {years} years after you leave, as proof. Drafts "
        "and preparation notes that were not kept in a report: deleted once the report is "
        "signed."
    ).format(years=years)


DEFAULT_TEXTS: dict[str, Callable[[Privacy], str]] = {
    "purposes": lambda _p: default_purposes(),
    "legal_bases": lambda _p: default_legal_bases(),
    "recipients": lambda _p: default_recipients(),
    "retention": lambda p: default_retention(retention_years(p)),
}
"""The default wording of each editable part, in the current language."""


def retention_years(privacy: Privacy) -> int:
    return DEFAULT_RETENTION_YEARS if privacy.retention_years is None else privacy.retention_years


def text_of(privacy: Privacy, name: str) -> str:
    """The part ``name`` as the company wrote it, else the default wording."""
    chosen = getattr(privacy, name)
    return chosen if chosen is not None else DEFAULT_TEXTS[name](privacy)


def controller(company: Company) -> str:
    """Who is responsible for the processing: the company's name and postal address."""
    lines = [company.name, *(line.strip() for line in company.address.splitlines())]
    return ", ".join(line for line in lines if line)


def rights_text(company: Company) -> str:
    contact = company.privacy.contact.strip() or controller(company)
    return _(
        "You may access your data and receive a copy of it (article 15 GDPR), have it "
        "rectified (article 16), erased when it no longer needs to be kept (article 17), "
        "have its processing restricted (article 18), object to a processing based on the "
        "company's legitimate interest (article 21), and receive the data you provided in a "
        "structured, machine-readable format where the processing rests on your contract "
        "(article 20). To exercise these rights, contact: {contact}."
    ).format(contact=contact)


def complaint_text(company: Company) -> str:
    if company.country == FRANCE:
        return _(
            "You may lodge a complaint with the French data protection authority, the "
            "Commission nationale de l'informatique et des libertés (CNIL): www.cnil.fr."
        )
    return _(
        "You may lodge a complaint with the data protection supervisory authority of the "
        "country where you work or live."
    )


def information(company: Company) -> list[tuple[str, str]]:
    """Every part of the information owed under article 15 GDPR, as (heading, text), in
    the current language."""
    privacy = company.privacy
    parts = [(_("Controller"), controller(company))]
    if privacy.contact.strip():
        parts.append((_("Data protection contact"), privacy.contact.strip()))
    parts += [
        (_("Purposes"), text_of(privacy, "purposes")),
        (_("Legal bases"), text_of(privacy, "legal_bases")),
        (_("Recipients"), text_of(privacy, "recipients")),
        (_("Retention"), text_of(privacy, "retention")),
        (
            _("Source"),
            _(
                "Your employment record and the interviews you took part in: what you, your "
                "manager and the human resources staff recorded."
            ),
        ),
        (
            _("Automated decisions"),
            _(
                "None. The deadlines the program computes are reminders for the company; "
                "every decision is taken by a person."
            ),
        ),
        (
            _("Transfers outside the European Union"),
            _("None: the records are kept in the company's own data file."),
        ),
        (_("Your rights"), rights_text(company)),
        (_("Complaint"), complaint_text(company)),
    ]
    return parts
