"""The structure the migrations build at ``HEAD_REVISION``: tables and their columns,
triggers and indexes. An up-to-date file must have exactly this, or it was tampered with.

Kept as data so that opening a file needs neither SQLAlchemy nor Alembic; a test builds a new
file and checks that it has exactly this (its failure prints the text to put here).
"""

HEAD_TABLES: dict[str, tuple[str, ...]] = {
    "alembic_version": ("version_num",),
    "attachment": ("id", "interview_public_id", "kind", "media_type", "data", "added_on"),
    "certification": ("id", "employee_id", "title", "date", "via"),
    "company": (
        "id",
        "name",
        "country",
        "headcount",
        "headcount_date",
        "agreement_periodicity_months",
        "agreement_since",
        "agreement_until",
        "settings",
        "templates",
        "campaigns",
        "currency",
    ),
    "company_seal": (
        "id",
        "certificate_pem",
        "private_key_pem",
        "subject",
        "created_on",
        "enabled",
    ),
    "employee": (
        "id",
        "ref",
        "first_name",
        "last_name",
        "birth_date",
        "hire_date",
        "exit_date",
        "contract",
        "working_time",
        "job_title",
        "department",
        "site",
        "manager_id",
        "language",
    ),
    "interview": (
        "id",
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
        "follow_up",
    ),
    "issued_report": ("id", "sha256", "interview_public_id", "kind", "fingerprint", "issued_on"),
    "leave": ("id", "employee_id", "kind", "start", "end"),
    "medical_visit": ("id", "employee_id", "kind", "date"),
    "policy": ("id", "kind", "every_months"),
    "progression": ("id", "employee_id", "date", "kind", "note"),
    "training": (
        "id",
        "employee_id",
        "title",
        "start",
        "end",
        "hours",
        "mandatory",
        "certification",
    ),
}

HEAD_TRIGGERS: tuple[str, ...] = ("signed_interview_kept", "signed_interview_unchanged")

HEAD_INDEXES: tuple[str, ...] = (
    "ix_attachment_interview_public_id",
    "ix_certification_employee_id",
    "ix_employee_manager_id",
    "ix_interview_employee_id",
    "ix_leave_employee_id",
    "ix_medical_visit_employee_id",
    "ix_progression_employee_id",
    "ix_training_employee_id",
)
