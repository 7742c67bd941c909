"""The users of a company kept on a PostgreSQL server (``server-user add|list|remove``):
each is a login role of the server, member of the group role of their role
(``entretien_hr``, ``entretien_site_manager``, ``entretien_accountant``), and a row of
``company_user``, which the row-level security policies read (revision 0013;
docs/server.md, "Users and roles").

Run by the tables' owner (who ran ``server-init``) or a role allowed to create roles: one
transaction each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, text

from entretien_desktop.storage.server_roles import ROLES

GROUPS = {role: f"entretien_{role}" for role in ROLES}
"""The group role that carries each role's privileges on the tables."""


class ServerUser(NamedTuple):
    login: str
    name: str
    role: str
    sites: tuple[str, ...]


class UserRefused(ValueError):
    """A user the server cannot take as asked (the reason is the message)."""


def add_user(
    connection: Connection,
    login: str,
    role: str,
    *,
    name: str = "",
    sites: Sequence[str] = (),
    password: str | None = None,
) -> bool:
    """Make ``login`` a user of this company with ``role`` (and ``sites`` for a site
    manager): its login role created when missing (with ``password``, if given), the group
    role of ``role`` granted, the others revoked, its row written. ``True`` when the login
    role was created."""
    if role not in ROLES:
        raise UserRefused(role)
    created = not login_exists(connection, login)
    if created:
        statement = "CREATE ROLE %I LOGIN" + ("" if password is None else " PASSWORD %L")
        _execute_formatted(connection, statement, login, *(() if password is None else (password,)))
    elif _owns_or_bypasses(connection, login):
        raise UserRefused(login)
    connection.execute(text("SELECT entretien_grant_roles()"))
    for other in ROLES:
        if other != role:
            _revoke(connection, GROUPS[other], login)
    _execute_formatted(connection, "GRANT %I TO %I", GROUPS[role], login)
    values: dict[str, Any] = {
        "login": login,
        "name": name,
        "role": role,
        "sites": _json_list(sites) if role == "site_manager" else None,
    }
    connection.execute(
        text(
            "INSERT INTO company_user (login, name, role, sites) "
            "VALUES (:login, :name, :role, CAST(:sites AS json)) "
            "ON CONFLICT (login) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, "
            "sites = EXCLUDED.sites"
        ),
        values,
    )
    return created


def list_users(connection: Connection) -> list[ServerUser]:
    """The company's users, by login."""
    rows = connection.execute(
        text("SELECT login, name, role, sites FROM company_user ORDER BY login")
    )
    return [
        ServerUser(str(login), str(name), str(role), tuple(str(s) for s in sites or ()))
        for login, name, role, sites in rows
    ]


def connected_name(connection: Connection) -> str:
    """The connected user's name as the company's users list gives it, else their login:
    who the journal and the versions say changed a record (the server knows who is
    connected; a name typed in one computer's settings could be anyone's)."""
    name = connection.execute(
        text(
            "SELECT coalesce((SELECT name FROM company_user WHERE login = current_user), "
            "current_user::text)"
        )
    ).scalar()
    return str(name)


def remove_user(connection: Connection, login: str) -> bool:
    """Take ``login`` off the company's users and out of the group roles: the server then
    shows it nothing of this company. Its login role stays (it may be a user of another
    company's database on the same server). ``False`` when it was not a user."""
    removed = connection.execute(
        text("DELETE FROM company_user WHERE login = :login"), {"login": login}
    ).rowcount
    if login_exists(connection, login):
        for group in GROUPS.values():
            _revoke(connection, group, login)
    return bool(removed)


def login_exists(connection: Connection, name: str) -> bool:
    """Whether the server has a role named ``name``."""
    return bool(
        connection.execute(
            text("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :name)"), {"name": name}
        ).scalar()
    )


def _owns_or_bypasses(connection: Connection, login: str) -> bool:
    """Whether ``login`` would see everything whatever its role: a superuser, a role
    that bypasses row-level security, or the tables' owner (a member of it)."""
    return bool(
        connection.execute(
            text(
                "SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(r.oid, c.relowner, "
                "'MEMBER') FROM pg_roles r, pg_class c "
                "WHERE r.rolname = :login AND c.oid = 'company_user'::regclass"
            ),
            {"login": login},
        ).scalar()
    )


def _revoke(connection: Connection, group: str, login: str) -> None:
    member = connection.execute(
        text(
            "SELECT EXISTS (SELECT FROM pg_roles g WHERE g.rolname = :group) "
            "AND pg_has_role(:login, :group, 'MEMBER')"
        ),
        {"group": group, "login": login},
    ).scalar()
    if member:
        _execute_formatted(connection, "REVOKE %I FROM %I", group, login)


def _execute_formatted(connection: Connection, statement: str, *values: str) -> None:
    """Run ``statement`` with its ``%I`` identifiers and ``%L`` literals quoted by the
    server's own ``format`` (role names and passwords cannot be bound parameters)."""
    names = [f"CAST(:v{index} AS text)" for index in range(len(values))]
    formatted = connection.execute(
        text(f"SELECT format(CAST(:statement AS text), {', '.join(names)})"),
        {"statement": statement, **{f"v{i}": v for i, v in enumerate(values)}},
    ).scalar_one()
    connection.exec_driver_sql(str(formatted).replace("%", "%%"))


def _json_list(values: Sequence[str]) -> str:
    import json  # noqa: PLC0415

    return json.dumps(list(values), ensure_ascii=False)
