"""A site manager's sheet import, checked against their sites before anything is written
(issue 20; docs/server.md, "Users and roles").

On a server a site manager adds and changes the employees of their own sites only: the
server's row-level security refuses the rest, but only when the import is written, in
one message for the whole sheet. ``within_sites`` moves each row of the dry run
(services/sheet_import.py) that would add an employee of another site, or move one there,
to the plan's problems with its reason, so that the preview lists it, row by row, and
nothing is written while it is there. HR, a file's user and the owner are not concerned.
The accountant may not import at all: the window greys the action (ui/role_window.py), and
the command line's dry run says so for the whole sheet.

A site manager does not read the employees of the other sites: a row numbered as one of
them, given one of the manager's sites, reads as a new employee, and is refused when it is
written (the number is taken), as before.
"""

from __future__ import annotations

from dataclasses import replace

from entretien_desktop.i18n import _
from entretien_desktop.services.permissions import Access, Permission
from entretien_desktop.services.sheet_import import (
    Plan,
    Planned,
    Settings,
    Sheet,
    SheetProblem,
)

SITE_MANAGER = "site_manager"


def within_sites(plan: Plan, sheet: Sheet, settings: Settings, access: Access) -> Plan:
    """``plan``, with the rows a site manager may not write moved to its problems; for a
    role that may not change the register (the accountant), one problem for the whole
    sheet; the plan as it is for anyone else."""
    if not access.allows(Permission.REGISTER):
        whole = SheetProblem(
            sheet.name, sheet.header_row, None, access.refusal(Permission.REGISTER)
        )
        return replace(plan, problems=(whole, *plan.problems))
    if not access.on_server or access.role != SITE_MANAGER:
        return plan
    sites = set(access.sites)
    column = next(
        (sheet.headers[index] for index, name in enumerate(settings.columns) if name == "site"),
        None,
    )
    problems = list(plan.problems)
    kept: dict[str, list[Planned]] = {"added": [], "updated": []}
    for group, rows in (("added", plan.added), ("updated", plan.updated)):
        for planned in rows:
            if planned.employee.site in sites:
                kept[group].append(planned)
            else:
                message = refusal(planned.employee.site, access.sites)
                problems.append(SheetProblem(sheet.name, planned.row, column, message))
    if len(problems) == len(plan.problems):
        return plan
    problems.sort(key=lambda p: (p.row, p.column is not None))
    return Plan(
        plan.sheet, tuple(problems), tuple(kept["added"]), tuple(kept["updated"]), plan.unchanged
    )


def refusal(site: str, sites: tuple[str, ...]) -> str:
    """Why a site manager of ``sites`` may not write an employee of ``site``."""
    theirs = ", ".join(sites)
    if not site.strip():
        return _(
            "No site: as a site manager you import the employees of your sites only ({sites})."
        ).format(sites=theirs)
    return _(
        "The site {site} is not one of yours ({sites}): as a site manager you cannot add or "
        "change its employees."
    ).format(site=site, sites=theirs)


__all__ = ["refusal", "within_sites"]
