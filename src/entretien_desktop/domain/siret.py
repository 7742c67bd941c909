"""The SIRET, the French establishment number: 14 digits whose Luhn checksum is right
(the SIREN of the company, 9 digits, then the establishment's 5); La Poste's, whose
establishments outnumber the Luhn key, have a sum of digits that is a multiple of 5.

``siret_problem`` says why a typed value is not one, in the user's language; spaces, as
people print it (``123 456 789 00012``), are allowed and dropped by ``normal_siret``.
"""

from __future__ import annotations

from entretien_desktop.i18n import _

SIRET_LENGTH = 14
LA_POSTE_SIREN = "356000000"
"""La Poste's establishments are too many for the Luhn key: INSEE checks theirs by the sum
of their digits, a multiple of 5."""


def normal_siret(text: str) -> str:
    """``text`` without its spaces (the way it is kept)."""
    return "".join(text.split())


def siret_text(siret: str) -> str:
    """A SIRET as it is printed: ``732 829 320 00074`` (anything else as it is)."""
    if len(siret) != SIRET_LENGTH:
        return siret
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siret_problem(text: str) -> str | None:
    """Why ``text`` is not a SIRET, or ``None`` when it is one (or is empty: optional)."""
    value = normal_siret(text)
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        return _("A SIRET has digits only: 14 digits, such as 732 829 320 00074.")
    if len(value) != SIRET_LENGTH:
        return _("A SIRET has 14 digits; this one has {count}.").format(count=len(value))
    if luhn_valid(value):
        return None
    if value.startswith(LA_POSTE_SIREN) and sum(int(d) for d in value) % 5 == 0:
        return None
    return _(
        "This is not a valid SIRET: its check digit does not match (a digit is probably "
        "mistyped or two are swapped)."
    )
