"""an unforgeable record: the identity at signing kept with a signed interview; issued
reports and a signed interview's attachments under triggers like the interview's; the
chain of signed records, built from the signatures and reports of the file

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from entretien_desktop.domain import record_chain as chain
from entretien_desktop.storage.migrations import postgres

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# What the triggers say: storage/errors.py recognises the phrase of 0003 in every one.
MESSAGE = "a signed interview cannot be changed"
REPORT_KEPT = f"{MESSAGE}: an issued report is kept as it was recorded"
ATTACHMENT_KEPT = f"{MESSAGE}: its attachments are kept, and it takes no new signature"
CHAIN_KEPT = f"{MESSAGE}: the chain of signed records only grows at its end"

# The columns of 0003 a signature covers, and the identity at signing, set once.
SIGNED_COLUMNS = (
    "public_id",
    "employee_id",
    "kind",
    "status",
    "date",
    "invited_on",
    "answers",
    "signed_on",
    "fingerprint",
    "template",
    "details",
)
SIGNATURE_KINDS = ("signature_employee", "signature_interviewer")

# json_build_object is PostgreSQL's json_object.
IDENTITY = (
    "(SELECT {json_object}('ref', e.ref, 'first_name', e.first_name, 'last_name', e.last_name) "
    "FROM employee e WHERE e.id = interview.employee_id)"
)


def _signed(public_id: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM interview i "
        f"WHERE i.public_id = {public_id} AND i.signed_on IS NOT NULL)"
    )


def _abort(message: str) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


def _interview_triggers(*, with_identity: bool) -> None:
    if postgres.on_postgresql():
        _interview_refusals(with_identity=with_identity)
        return
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in SIGNED_COLUMNS)
    if with_identity:
        changed += (
            " OR (NEW.signed_identity IS NOT OLD.signed_identity "
            "AND OLD.signed_identity IS NOT NULL)"
        )
    op.execute(
        "CREATE TRIGGER signed_interview_unchanged BEFORE UPDATE ON interview "
        f"WHEN OLD.signed_on IS NOT NULL AND ({changed}) {_abort(MESSAGE)}"
    )
    op.execute(
        "CREATE TRIGGER signed_interview_kept BEFORE DELETE ON interview "
        f"WHEN OLD.signed_on IS NOT NULL {_abort(MESSAGE)}"
    )


def _interview_refusals(*, with_identity: bool) -> None:
    changed = postgres.changed(SIGNED_COLUMNS)
    if with_identity:
        changed += (
            " OR (NEW.signed_identity::text IS DISTINCT FROM OLD.signed_identity::text "
            "AND OLD.signed_identity IS NOT NULL)"
        )
    postgres.create_refusal(
        "signed_interview_unchanged",
        "interview",
        "UPDATE",
        MESSAGE,
        f"OLD.signed_on IS NOT NULL AND ({changed})",
    )
    postgres.create_refusal(
        "signed_interview_kept", "interview", "DELETE", MESSAGE, "OLD.signed_on IS NOT NULL"
    )


def _record_refusals() -> None:
    for event in ("UPDATE", "DELETE"):
        name = event.lower()
        postgres.create_refusal(
            f"issued_report_{name}_refused", "issued_report", event, REPORT_KEPT
        )
        postgres.create_refusal(f"record_chain_{name}_refused", "record_chain", event, CHAIN_KEPT)
    postgres.create_refusal(
        "signed_attachment_unchanged",
        "attachment",
        "UPDATE",
        ATTACHMENT_KEPT,
        f"{_signed('OLD.interview_public_id')} OR {_signed('NEW.interview_public_id')}",
    )
    postgres.create_refusal(
        "signed_attachment_kept",
        "attachment",
        "DELETE",
        ATTACHMENT_KEPT,
        _signed("OLD.interview_public_id"),
    )
    kinds = ", ".join(f"'{k}'" for k in SIGNATURE_KINDS)
    postgres.create_refusal(
        "signature_after_signing_refused",
        "attachment",
        "INSERT",
        ATTACHMENT_KEPT,
        f"NEW.kind IN ({kinds}) AND {_signed('NEW.interview_public_id')}",
    )
    last_link = "(SELECT link FROM record_chain ORDER BY seq DESC LIMIT 1)"
    postgres.create_refusal(
        "record_chain_follows",
        "record_chain",
        "INSERT",
        CHAIN_KEPT,
        "NEW.seq IS DISTINCT FROM (SELECT coalesce(max(seq), 0) + 1 FROM record_chain) "
        f"OR NEW.previous IS DISTINCT FROM coalesce({last_link}, '{chain.GENESIS}')",
    )


def _record_triggers() -> None:
    if postgres.on_postgresql():
        _record_refusals()
        return
    for event in ("UPDATE", "DELETE"):
        name = event.lower()
        op.execute(
            f"CREATE TRIGGER issued_report_{name}_refused BEFORE {event} ON issued_report "
            f"{_abort(REPORT_KEPT)}"
        )
        op.execute(
            f"CREATE TRIGGER record_chain_{name}_refused BEFORE {event} ON record_chain "
            f"{_abort(CHAIN_KEPT)}"
        )
    op.execute(
        "CREATE TRIGGER signed_attachment_unchanged BEFORE UPDATE ON attachment "
        f"WHEN {_signed('OLD.interview_public_id')} OR {_signed('NEW.interview_public_id')} "
        f"{_abort(ATTACHMENT_KEPT)}"
    )
    op.execute(
        "CREATE TRIGGER signed_attachment_kept BEFORE DELETE ON attachment "
        f"WHEN {_signed('OLD.interview_public_id')} {_abort(ATTACHMENT_KEPT)}"
    )
    kinds = ", ".join(f"'{k}'" for k in SIGNATURE_KINDS)
    op.execute(
        "CREATE TRIGGER signature_after_signing_refused BEFORE INSERT ON attachment "
        f"WHEN NEW.kind IN ({kinds}) AND {_signed('NEW.interview_public_id')} "
        f"{_abort(ATTACHMENT_KEPT)}"
    )
    last_link = "(SELECT link FROM record_chain ORDER BY seq DESC LIMIT 1)"
    op.execute(
        "CREATE TRIGGER record_chain_follows BEFORE INSERT ON record_chain "
        "WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM record_chain) "
        f"OR NEW.previous IS NOT coalesce({last_link}, '{chain.GENESIS}') "
        f"{_abort(CHAIN_KEPT)}"
    )


def _build_chain(connection: sa.Connection) -> None:
    """The chain of what the file holds already: every signed interview (by the day it was
    signed), then every report issued (in the order issued), then the seal if reports are
    sealed. Reports issued before this revision were recorded without their seal."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    drawn: dict[str, dict[str, bytes]] = {}
    for public_id, kind, data in connection.execute(
        sa.text(
            "SELECT interview_public_id, kind, data FROM attachment "
            "WHERE kind IN (:first, :second) ORDER BY id"
        ),
        dict(zip(("first", "second"), SIGNATURE_KINDS, strict=True)),
    ):
        drawn.setdefault(public_id, {})[kind] = bytes(data)
    entries: list[tuple[str, str, str, str]] = []
    for public_id, fingerprint, signed_on in connection.execute(
        sa.text(
            "SELECT public_id, fingerprint, signed_on FROM interview "
            "WHERE signed_on IS NOT NULL ORDER BY signed_on, id"
        )
    ):
        digest = chain.signature_digest(public_id, fingerprint or "", drawn.get(public_id, {}))
        entries.append((chain.SIGNATURE, public_id, digest, str(signed_on)))
    for sha256, public_id, kind, fingerprint, issued_on in connection.execute(
        sa.text(
            "SELECT sha256, interview_public_id, kind, fingerprint, issued_on "
            "FROM issued_report ORDER BY id"
        )
    ):
        digest = chain.issued_digest(sha256, kind, public_id, fingerprint, None)
        entries.append((chain.ISSUED_REPORT, sha256, digest, str(issued_on)))
    seal = connection.execute(
        sa.text("SELECT certificate_pem FROM company_seal WHERE enabled")
    ).first()
    if seal is not None:
        certificate = chain.certificate_sha256(str(seal[0]))
        entries.append((chain.SEAL, certificate, chain.seal_digest(certificate), now))
    last: chain.ChainEntry | None = None
    for kind, subject, digest, when in entries:
        last = chain.next_entry(last, kind, subject, digest)
        connection.execute(
            sa.text(
                "INSERT INTO record_chain "
                "(seq, kind, subject, digest, previous, link, recorded_on) "
                "VALUES (:seq, :kind, :subject, :digest, :previous, :link, :recorded_on)"
            ),
            {
                "seq": last.seq,
                "kind": kind,
                "subject": subject,
                "digest": digest,
                "previous": last.previous,
                "link": last.link,
                "recorded_on": when,
            },
        )


def upgrade() -> None:
    op.add_column("interview", sa.Column("signed_identity", sa.JSON(), nullable=True))
    # The identity the fingerprint of each signed interview covered: its employee as now.
    # (The triggers of 0003 do not cover this new column yet.)
    json_object = "json_build_object" if postgres.on_postgresql() else "json_object"
    identity = IDENTITY.format(json_object=json_object)
    op.execute(f"UPDATE interview SET signed_identity = {identity} WHERE signed_on IS NOT NULL")
    _drop_interview_triggers()
    _interview_triggers(with_identity=True)
    op.add_column("issued_report", sa.Column("sealed_with", sa.String(length=64), nullable=True))
    op.create_table(
        "record_chain",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("previous", sa.String(length=64), nullable=False),
        sa.Column("link", sa.String(length=64), nullable=False),
        sa.Column("recorded_on", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_record_chain")),
    )
    _record_triggers()
    _build_chain(op.get_bind())


def _drop_interview_triggers() -> None:
    for trigger in ("signed_interview_unchanged", "signed_interview_kept"):
        if postgres.on_postgresql():
            postgres.drop_refusal(trigger, "interview")
        else:
            op.execute(f"DROP TRIGGER {trigger}")


def downgrade() -> None:
    for trigger, table in (
        ("record_chain_follows", "record_chain"),
        ("signature_after_signing_refused", "attachment"),
        ("signed_attachment_kept", "attachment"),
        ("signed_attachment_unchanged", "attachment"),
        ("record_chain_delete_refused", "record_chain"),
        ("issued_report_delete_refused", "issued_report"),
        ("record_chain_update_refused", "record_chain"),
        ("issued_report_update_refused", "issued_report"),
    ):
        if postgres.on_postgresql():
            postgres.drop_refusal(trigger, table)
        else:
            op.execute(f"DROP TRIGGER {trigger}")
    _drop_interview_triggers()
    op.drop_table("record_chain")
    with op.batch_alter_table("issued_report") as batch:
        batch.drop_column("sealed_with")
    with op.batch_alter_table("interview") as batch:
        batch.drop_column("signed_identity")
    _interview_triggers(with_identity=False)
