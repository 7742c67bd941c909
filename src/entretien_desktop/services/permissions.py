"""What the connected user's role may change, in one place (docs/server.md, "Users and
roles"): the window greys what the role may not change, with the reason, rather than
telling of a refusal after the fact. The server enforces the same rules by its grants
and row-level security; this module only lets the window follow them.

Two permissions: changing the **register** (employees and their history, interviews,
imports, records past retention) and changing the **company** (its profile, rules,
privacy settings, templates, campaigns, seal and users). A file has one user, who may
do everything; on a server HR may do everything, a site manager the register of their
sites, an accountant nothing (printing and exporting stay: they change nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from entretien_desktop.i18n import _
from entretien_desktop.storage.errors import role_name

if TYPE_CHECKING:
    from entretien_desktop.storage import Database


class Permission(StrEnum):
    REGISTER = "register"
    """Employees, their history and interviews, imports, records past retention."""
    COMPANY = "company"
    """The company's profile, rules, privacy, templates, campaigns, seal and users."""


EVERYTHING = frozenset(Permission)

PERMISSIONS: dict[str | None, frozenset[Permission]] = {
    "hr": EVERYTHING,
    "site_manager": frozenset({Permission.REGISTER}),
    "accountant": frozenset(),
    None: frozenset(),  # a login the company does not list: the server refuses it all
}
"""Each role's permissions on a server (a file: ``EVERYTHING``)."""


@dataclass(frozen=True, slots=True)
class Access:
    """The connected user's role and what it allows."""

    on_server: bool = False
    role: str | None = None
    """``hr``, ``site_manager`` or ``accountant`` on a server; ``None`` for a file or a
    login the company does not list."""
    sites: tuple[str, ...] = ()
    """A site manager's sites (empty otherwise)."""

    @property
    def permissions(self) -> frozenset[Permission]:
        return PERMISSIONS.get(self.role, frozenset()) if self.on_server else EVERYTHING

    def allows(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def read_only(self) -> bool:
        return not self.permissions

    @property
    def role_label(self) -> str | None:
        """The role as the interface names it (human resources, site manager,
        accountant); ``None`` for a file or a login the company does not list."""
        return None if self.role is None else role_name(self.role)

    def refusal(self, permission: Permission) -> str:
        """Why ``permission`` is not allowed (empty when it is): the tooltip of what is
        greyed out."""
        if self.allows(permission):
            return ""
        if self.role is None:
            return _("Your account is not one of the company's users: it cannot change anything")
        role = self.role_label
        if Permission.REGISTER not in self.permissions:
            return _("Your role ({role}) cannot change the register").format(role=role)
        return _(
            "Your role ({role}) cannot change the company's profile, rules, templates, "
            "campaigns, seal or users"
        ).format(role=role)


FILE_ACCESS = Access()


def read_access(database: Database) -> Access:
    """The connected user's access to ``database``: asked of the server once (a window
    keeps its user for its life), everything for a file."""
    found = database.user_access()
    if found is None:
        return FILE_ACCESS
    role, sites = found
    return Access(on_server=True, role=role, sites=sites if role == "site_manager" else ())
