"""Who sees what on a PostgreSQL server, enforced by the server itself (issue 20 part 4,
docs/server.md "Users and roles"): the demo company (17 employees in Lyon, 9 in
Villeurbanne) on a throwaway server, with an HR user, a site manager per site, a second
manager in Lyon and an accountant, each connecting as their own login role."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import Company, InterviewKind
from entretien_desktop.rules.engine import evaluate_company
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_database, open_server
from entretien_desktop.storage.errors import OlderSchemaError, RoleRefusedError
from entretien_desktop.storage.server_users import add_user, remove_user
from entretien_desktop.storage.transfer import ORDER
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401

pytestmark = pytest.mark.postgres

TODAY = date(2026, 11, 22)
MARC = "Marc Girard"  # the demo's workshop head: interviewer of annual reviews in Lyon
HISTORY = ("leaves", "interviews", "trainings", "certifications", "progressions", "medical_visits")
USERS = {
    "rh_claire": ("hr", (), "Claire Fabre"),
    "lyon_marc": ("site_manager", ("Lyon",), MARC),
    "lyon_sophie": ("site_manager", ("Lyon",), "Sophie Martin"),
    "villeurbanne_paul": ("site_manager", ("Villeurbanne",), "Paul Henry"),
    "compta_anne": ("accountant", (), "Anne Roy"),
}


def _as(url: str, login: str) -> str:
    """``url`` (the superuser's) connecting as ``login`` instead."""
    return url.replace("postgres@", f"{login}@", 1)


@pytest.fixture
def company_url(postgres_url: str) -> Iterator[str]:  # noqa: F811
    """The demo company on a server, its users added by the owner."""
    company = build_demo_company(TODAY)
    with open_server(postgres_url) as database:
        with database.unit_of_work() as uow:
            uow.company.add(company)
            uow.commit()
        with database.engine.begin() as connection:
            for login, (role, sites, name) in USERS.items():
                add_user(connection, login, role, name=name, sites=sites)
    yield postgres_url


def _rows(url: str, login: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(_as(url, login))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def _load(url: str, login: str) -> Company:
    with open_server(_as(url, login)) as database:
        company = database.read_company()
    assert company is not None
    return company


def test_a_site_manager_cannot_read_another_sites_rows_even_in_raw_sql(company_url: str) -> None:
    everyone = build_demo_company(TODAY)
    villeurbanne = {e.ref for e in everyone.employees if e.site == "Villeurbanne"}
    assert _rows(company_url, "lyon_marc", "SELECT DISTINCT site FROM employee") == [("Lyon",)]
    assert _rows(company_url, "villeurbanne_paul", "SELECT DISTINCT site FROM employee") == [
        ("Villeurbanne",)
    ]
    # Their interviews, leaves, trainings… are not there either, even asked by number.
    seen = _rows(
        company_url,
        "lyon_marc",
        "SELECT e.ref FROM interview i JOIN employee e ON e.id = i.employee_id "
        "UNION SELECT CAST(employee_id AS text) FROM leave "
        "WHERE employee_id NOT IN (SELECT id FROM employee)",
    )
    assert seen and not {ref for (ref,) in seen} & villeurbanne
    all_ids = _rows(company_url, "rh_claire", "SELECT id FROM employee WHERE site = 'Villeurbanne'")
    hidden = ", ".join(str(i) for (i,) in all_ids)
    for table in ("interview", "leave", "training", "medical_visit", "progression"):
        assert _rows(
            company_url,
            "lyon_marc",
            f"SELECT count(*) FROM {table} WHERE employee_id IN ({hidden})",
        ) == [(0,)]
    # Nor can it change them: an update of every row reaches only its own site's.
    engine = create_engine(_as(company_url, "lyon_marc"))
    with engine.begin() as connection:
        changed = connection.execute(text("UPDATE employee SET department = department"))
        assert changed.rowcount == 17
    engine.dispose()


def test_an_accountant_reads_the_register_but_no_interview_content(company_url: str) -> None:
    for column in ("answers", "details", "follow_up", "signed_identity"):
        with pytest.raises(ProgrammingError, match="permission denied"):
            _rows(company_url, "compta_anne", f"SELECT {column} FROM interview")
    with pytest.raises(ProgrammingError, match="permission denied"):
        _rows(company_url, "compta_anne", "SELECT * FROM interview")
    with pytest.raises(ProgrammingError, match="permission denied"):
        _rows(company_url, "compta_anne", "SELECT data FROM attachment")
    dates = _rows(company_url, "compta_anne", "SELECT kind, date, signed_on FROM interview")
    assert len(dates) == len(_rows(company_url, "rh_claire", "SELECT id FROM interview")) > 80

    accountant, hr = _load(company_url, "compta_anne"), _load(company_url, "rh_claire")
    assert len(accountant.employees) == len(hr.employees) == 26
    interviews = [i for e in accountant.employees for i in e.interviews]
    assert all(i.answers is None and i.interviewer == "" for i in interviews)
    assert any(i.answers for e in hr.employees for i in e.interviews)
    assert evaluate_company(accountant, TODAY) == evaluate_company(hr, TODAY)


def test_an_accountant_changes_nothing_and_is_told_why(company_url: str) -> None:
    with open_server(_as(company_url, "compta_anne")) as database:
        workspace = Workspace(database, today=lambda: TODAY)
        ref = workspace.require_company().employees[0].ref
        with pytest.raises(RoleRefusedError) as refused:
            workspace.update_employee(ref, lambda: "x", department="Comptabilité")
    assert (
        str(refused.value)
        == "Your role (accountant) cannot change the register: nothing was saved."
    )
    hr = _load(company_url, "rh_claire")
    assert all(e.department != "Comptabilité" for e in hr.employees)


def test_an_annual_review_is_seen_by_its_interviewer_and_hr_only(company_url: str) -> None:
    def annual_reviews(company: Company, interviewer: str) -> list[str]:
        return [
            i.id
            for e in company.employees
            for i in e.interviews
            if i.kind is InterviewKind.ANNUAL_REVIEW and i.interviewer.startswith(interviewer)
        ]

    hr = _load(company_url, "rh_claire")
    marcs = annual_reviews(hr, MARC)
    assert len(marcs) == 3
    assert annual_reviews(_load(company_url, "lyon_marc"), MARC) == marcs
    sophie = _load(company_url, "lyon_sophie")
    assert annual_reviews(sophie, MARC) == []
    # She sees those of her site that have no interviewer yet (to plan them), no other.
    unassigned = [
        i.id
        for e in hr.employees
        if e.site == "Lyon"
        for i in e.interviews
        if i.kind is InterviewKind.ANNUAL_REVIEW and not i.interviewer
    ]
    assert unassigned and annual_reviews(sophie, "") == unassigned
    assert {e.ref for e in sophie.employees} == {e.ref for e in hr.employees if e.site == "Lyon"}
    listed = ", ".join(f"'{i}'" for i in marcs)
    assert _rows(
        company_url, "lyon_sophie", f"SELECT count(*) FROM interview WHERE public_id IN ({listed})"
    ) == [(0,)]


def test_the_program_loads_and_changes_as_each_role(company_url: str) -> None:
    with open_server(company_url) as owner:
        everything = owner.read_company()
    assert everything is not None
    assert _load(company_url, "rh_claire") == everything
    lyon = _load(company_url, "lyon_marc")
    assert {e.site for e in lyon.employees} == {"Lyon"}
    assert [e for e in everything.employees if e.site == "Lyon"] != []
    # A site manager changes an employee of their site; the change is there for HR.
    with open_server(_as(company_url, "lyon_marc")) as database:
        workspace = Workspace(database, today=lambda: TODAY)
        ref = workspace.require_company().employees[0].ref
        workspace.update_employee(ref, lambda: "department", department="Atelier 2")
        # …and cannot move them to a site they do not manage.
        with pytest.raises(RoleRefusedError, match="site manager"):
            workspace.update_employee(ref, lambda: "site", site="Villeurbanne")
    after = {e.ref: e for e in _load(company_url, "rh_claire").employees}
    assert after[ref].department == "Atelier 2" and after[ref].site == "Lyon"
    # HR adds an employee (the rows go through INSERT: the server refuses COPY to it).
    with open_server(_as(company_url, "rh_claire")) as database:
        workspace = Workspace(database, today=lambda: TODAY)
        newcomer = replace(
            everything.employees[0],
            ref="N-1",
            site="Villeurbanne",
            manager_ref=None,
            **dict.fromkeys(HISTORY, ()),
        )
        workspace.save_employee(newcomer)
    assert "N-1" in {e.ref for e in _load(company_url, "villeurbanne_paul").employees}
    assert "N-1" not in {e.ref for e in _load(company_url, "lyon_marc").employees}


def test_a_login_that_is_no_user_of_the_company_sees_nothing(company_url: str) -> None:
    with open_server(company_url) as database, database.engine.begin() as connection:
        assert remove_user(connection, "lyon_sophie")
        connection.exec_driver_sql("GRANT entretien_hr TO lyon_sophie")  # a group role alone
    assert _rows(company_url, "lyon_sophie", "SELECT count(*) FROM employee") == [(0,)]
    assert _rows(company_url, "lyon_sophie", "SELECT count(*) FROM company") == [(0,)]


def test_server_user_add_list_remove(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["server-init", "--db", postgres_url]) == EXIT_OK
    capsys.readouterr()
    secret = tmp_path / "password"
    secret.write_text("s3cret: 100%\n", encoding="utf-8")
    assert (
        main(
            [
                "server-user",
                "--db",
                postgres_url,
                "add",
                "cli_lea",
                "--role",
                "site-manager",
                "--sites",
                "Lyon,Villeurbanne",
                "--name",
                "Léa Petit",
                "--password-file",
                str(secret),
            ]
        )
        == EXIT_OK
    )
    assert "cli_lea" in capsys.readouterr().out
    assert main(
        ["server-user", "--db", postgres_url, "add", "cli_max", "--role", "accountant"]
    ) == (EXIT_OK)
    capsys.readouterr()
    assert main(["server-user", "--db", postgres_url, "list"]) == EXIT_OK
    listed = capsys.readouterr().out.splitlines()
    assert listed == [
        "cli_lea\tsite_manager\tLéa Petit\tLyon, Villeurbanne",
        "cli_max\taccountant\t\t",
    ]
    refused = ["server-user", "--db", postgres_url, "add", "cli_x", "--role", "accountant"]
    assert main([*refused, "--sites", "Lyon"]) == EXIT_REFUSED
    assert "--sites" in capsys.readouterr().err
    assert main(
        ["server-user", "--db", postgres_url, "add", "cli_y", "--role", "site-manager"]
    ) == (EXIT_REFUSED)
    assert "--sites" in capsys.readouterr().err
    assert main(["server-user", "--db", postgres_url, "add", "postgres", "--role", "hr"]) == (
        EXIT_REFUSED
    )
    assert "sees everything" in capsys.readouterr().err
    assert main(["server-user", "--db", postgres_url, "remove", "cli_max"]) == EXIT_OK
    assert main(["server-user", "--db", postgres_url, "remove", "cli_max"]) == EXIT_REFUSED
    capsys.readouterr()
    assert main(["server-user", "--db", postgres_url, "list"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [listed[0]]
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        groups = connection.execute(
            text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :u"
            ),
            {"u": "cli_lea"},
        ).all()
        password = connection.execute(
            text("SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = 'cli_lea'")
        ).scalar()
    engine.dispose()
    assert groups == [("entretien_site_manager",)] and password


def test_server_user_needs_a_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server-user", "--db", str(tmp_path / "c.entretien"), "list"]) == EXIT_REFUSED
    assert "needs a server's database" in capsys.readouterr().err
    assert not (tmp_path / "c.entretien").exists()


def test_in_a_file_the_users_table_is_there_and_empty(tmp_path: Path) -> None:
    database: Database = open_database(tmp_path / "c.entretien")
    with database:
        with database.unit_of_work() as uow:
            uow.company.add(build_demo_company(TODAY))
            uow.commit()
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM company_user")).scalar() == 0
        assert database.read_company() == build_demo_company(TODAY)


def test_a_manager_on_another_site_is_kept_when_a_site_manager_saves(company_url: str) -> None:
    hr = {e.ref: e for e in _load(company_url, "rh_claire").employees}
    managed_from_lyon = [
        e
        for e in hr.values()
        if e.site == "Villeurbanne" and e.manager_ref and hr[e.manager_ref].site == "Lyon"
    ]
    assert managed_from_lyon
    employee = managed_from_lyon[0]
    with open_server(_as(company_url, "villeurbanne_paul")) as database:
        workspace = Workspace(database, today=lambda: TODAY)
        assert workspace.employee(employee.ref).manager_ref is None  # not theirs to see
        workspace.update_employee(employee.ref, lambda: "job", job_title="Poseur confirmé")
    after = {e.ref: e for e in _load(company_url, "rh_claire").employees}[employee.ref]
    assert after.job_title == "Poseur confirmé"
    assert after.manager_ref == employee.manager_ref


def test_the_accountants_check_is_hrs(company_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    checks = []
    for login in ("compta_anne", "rh_claire"):
        url = _as(company_url, login)
        assert main(["check", "--db", url, "--json", "--as-of", TODAY.isoformat()]) == EXIT_OK
        checks.append(capsys.readouterr().out)
    assert checks[0] == checks[1] and '"obligations"' in checks[0]


def test_the_accountant_prints_the_register(
    company_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _as(company_url, "compta_anne")
    out = tmp_path / "register.pdf"
    assert main(["register", "--db", url, "--out", str(out), "--as-of", "2026-11-22"]) == EXIT_OK
    assert out.read_bytes().startswith(b"%PDF")
    assert "Compliance register written" in capsys.readouterr().out
    recorded = "SELECT kind FROM issued_report"  # recorded as issued, as from a file
    assert _rows(company_url, "rh_claire", recorded) == [("register",)]


def test_only_the_owner_manages_the_users(
    company_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _as(company_url, "rh_claire")
    assert main(["server-user", "--db", url, "add", "cli_z", "--role", "accountant"]) == 1
    assert "Only the owner of the company's tables" in capsys.readouterr().err
    assert main(["server-user", "--db", url, "list"]) == EXIT_OK  # HR reads them
    assert "lyon_marc\tsite_manager\tMarc Girard\tLyon" in capsys.readouterr().out.splitlines()


def test_a_part_the_role_may_not_read_is_refused_in_words(company_url: str) -> None:
    with open_server(_as(company_url, "compta_anne")) as database:
        workspace = Workspace(database, today=lambda: TODAY)
        assert workspace.require_company().employees
        with pytest.raises(RoleRefusedError) as refused, workspace.reading() as store:
            store.attachments("any")
    assert str(refused.value) == (
        "Your role (accountant) cannot read this part of the register. Nothing was changed."
    )


def test_an_owner_that_is_no_superuser_sees_everything_and_the_it_provider_adds_users(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The usual set-up: the IT provider makes a database owned by an ordinary role,
    which runs server-init; users are added by a role allowed to create roles."""
    database_name = postgres_url.split("?", 1)[0].rsplit("/", 1)[1]
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'acme_owner') "
            "THEN CREATE ROLE acme_owner LOGIN; END IF; END $$"
        )
        connection.exec_driver_sql(f'ALTER DATABASE "{database_name}" OWNER TO acme_owner')
        connection.exec_driver_sql("ALTER SCHEMA public OWNER TO acme_owner")
    admin.dispose()
    owner_url = _as(postgres_url, "acme_owner")
    assert main(["import", "--db", owner_url, str(_demo_file(tmp_path, capsys))]) == EXIT_OK
    capsys.readouterr()
    assert main(["server-user", "--db", postgres_url, "add", "own_lyon", "--role",
                 "site-manager", "--sites", "Lyon"]) == EXIT_OK  # fmt: skip
    assert main(["server-user", "--db", postgres_url, "add", "acme_owner", "--role", "hr"]) == (
        EXIT_REFUSED
    )
    assert "sees everything" in capsys.readouterr().err
    assert len(_load(postgres_url, "acme_owner").employees) == 26
    assert {e.site for e in _load(postgres_url, "own_lyon").employees} == {"Lyon"}


def _demo_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo company as a company file (written by the export of a file)."""
    data, document = folder / "demo.entretien", folder / "demo.json"
    with open_database(data) as database:
        Workspace(database, today=lambda: TODAY).create_company(build_demo_company(TODAY))
    assert main(["export", "--db", str(data), "--out", str(document)]) == EXIT_OK
    capsys.readouterr()
    return document


def test_names_and_passwords_reach_the_server_as_typed(postgres_url: str) -> None:  # noqa: F811
    """Role names and passwords cannot be bound parameters: they are quoted by the
    server's format(); a quote, a percent sign or a colon in them is kept as it is."""
    from entretien_desktop.storage.server_users import _execute_formatted  # noqa: PLC0415

    typed = "l'été: 100% sûr"
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        _execute_formatted(connection, "CREATE ROLE %I", "Odd Name%")
        _execute_formatted(connection, "COMMENT ON ROLE %I IS %L", "Odd Name%", typed)
        stored = connection.execute(
            text(
                "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles "
                "WHERE rolname = 'Odd Name%'"
            )
        ).scalar()
        connection.exec_driver_sql('DROP ROLE "Odd Name%%"')
    engine.dispose()
    assert stored == typed


def test_a_temporary_users_table_of_ones_own_gives_no_role(company_url: str) -> None:
    """The policies' functions read the real company_user, not a temporary table of the
    same name that a user may create in their session."""
    engine = create_engine(_as(company_url, "lyon_marc"))
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TEMPORARY TABLE company_user (login text, name text, role text, sites json)"
        )
        connection.exec_driver_sql("INSERT INTO company_user VALUES (current_user, '', 'hr', NULL)")
        sites = connection.exec_driver_sql("SELECT DISTINCT site FROM employee").all()
    engine.dispose()
    assert sites == [("Lyon",)]


def test_an_older_schema_waits_for_its_owner_and_a_user_is_told_so(company_url: str) -> None:
    notices = importlib.import_module(
        "entretien_desktop.storage.migrations.versions.0014_change_notices"
    )
    journal = importlib.import_module(
        "entretien_desktop.storage.migrations.versions.0015_journal_by_role"
    )
    skills = importlib.import_module(
        "entretien_desktop.storage.migrations.versions.0016_skills_map"
    )
    engine = create_engine(company_url)
    try:
        with engine.begin() as connection:  # the database as the version before made it
            for statement in (*skills.UNDONE, *journal.UNDONE):
                connection.execute(text(statement))
            for table in notices.TABLES:
                connection.execute(text(f'DROP TRIGGER {notices.FUNCTION} ON "{table}"'))
            connection.execute(text(f"DROP FUNCTION {notices.FUNCTION}()"))
            connection.execute(text("UPDATE alembic_version SET version_num = '0013'"))
    finally:
        engine.dispose()
    with pytest.raises(OlderSchemaError, match=r"older version .*schema 0013.*server-init"):
        open_server(_as(company_url, "rh_claire"))
    assert _rows(company_url, "postgres", "SELECT version_num FROM alembic_version") == [("0013",)]
    with open_server(company_url):  # the owner brings it up to date
        pass
    assert len(_load(company_url, "rh_claire").employees) == 26


# -- the skills map (revision 0016) ------------------------------------------------------------


def _every_employee_has_skill_rows(url: str) -> None:
    """A level and a training requested for every employee, written by the owner."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO skill_level (employee_id, skill, level, date, source) "
            "SELECT id, 'sst', 2, DATE '2025-03-01', 'assessment' FROM employee"
        )
        connection.exec_driver_sql(
            "INSERT INTO skill_request (employee_id, public_id, skill, title, requested_on, "
            "reason, status) SELECT id, 'SR-' || ref, 'sst', 'SST', DATE '2026-10-01', '', "
            "'requested' FROM employee"
        )
    engine.dispose()


def test_a_site_manager_reads_only_their_sites_skill_levels_even_in_raw_sql(
    company_url: str,
) -> None:
    _every_employee_has_skill_rows(company_url)
    villeurbanne = [
        str(i)
        for (i,) in _rows(
            company_url, "rh_claire", "SELECT id FROM employee WHERE site = 'Villeurbanne'"
        )
    ]
    hidden = ", ".join(villeurbanne)

    def of_site(table: str, site: str) -> list[tuple[object, ...]]:
        return _rows(
            company_url,
            "rh_claire",
            f"SELECT count(*) FROM {table} x JOIN employee e ON e.id = x.employee_id "
            f"WHERE e.site = '{site}'",
        )

    for table in ("skill_level", "skill_request"):
        every = _rows(company_url, "rh_claire", f"SELECT count(*) FROM {table}")
        assert every[0][0] >= 26  # type: ignore[operator]
        assert _rows(
            company_url,
            "lyon_marc",
            f"SELECT count(*) FROM {table} WHERE employee_id IN ({hidden})",
        ) == [(0,)]
        assert _rows(company_url, "lyon_marc", f"SELECT count(*) FROM {table}") == of_site(
            table, "Lyon"
        )
        assert _rows(company_url, "villeurbanne_paul", f"SELECT count(*) FROM {table}") == (
            of_site(table, "Villeurbanne")
        )
    # Levels are register data: the accountant reads them all; the trainings requested
    # are the training plan's, as a form's requests: none.
    assert _rows(company_url, "compta_anne", "SELECT count(*) FROM skill_level") == _rows(
        company_url, "rh_claire", "SELECT count(*) FROM skill_level"
    )
    assert _rows(company_url, "compta_anne", "SELECT count(*) FROM skill_request") == [(0,)]
    # Nor can a site manager write a level for another site's employee.
    engine = create_engine(_as(company_url, "lyon_marc"))
    try:
        with pytest.raises(ProgrammingError, match="row-level security"), engine.begin() as c:
            c.exec_driver_sql(
                "INSERT INTO skill_level (employee_id, skill, level, date, source) "
                f"VALUES ({villeurbanne[0]}, 'sst', 3, DATE '2026-01-01', 'assessment')"
            )
        with engine.begin() as connection:
            changed = connection.exec_driver_sql("UPDATE skill_level SET level = 3")
            assert [(changed.rowcount,)] == of_site("skill_level", "Lyon")
    finally:
        engine.dispose()
    with pytest.raises(ProgrammingError, match="permission denied"):
        _rows(company_url, "compta_anne", "UPDATE skill_level SET level = 0")


def test_every_table_of_the_company_has_its_policy_and_its_change_notices(
    company_url: str,
) -> None:
    """A table a revision adds gets what the others have (0013's row-level security, 0014's
    statement trigger), or a site manager would read it whole and the others' windows
    would not hear of its changes."""
    secured = {
        str(name): bool(flag)
        for name, flag in _rows(
            company_url, "postgres", "SELECT relname, relrowsecurity FROM pg_class"
        )
    }
    notifying = {
        table
        for (table,) in _rows(
            company_url,
            "postgres",
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'entretien_notify_change'",
        )
    }
    for table in ORDER:
        assert secured[table], table
        assert table in notifying, table
