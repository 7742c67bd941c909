"""Every error the interface may show the user, from one place: the interface talks to
services, never to storage.

``UserError`` is the base: a refused change (``ChangeRefused``, field by field), a refused
document (``DocumentRefused``, place by place), a problem with the data file
(``StorageError``: locked, read-only, disk full, newer version; on a server, ``ServerError``:
unreachable, refused login, connection lost, another user first). Anything else is a bug.
"""

from __future__ import annotations

from entretien_desktop.domain.errors import UserError
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem, refusal
from entretien_desktop.services.json_reader import DocumentRefused
from entretien_desktop.storage.errors import (
    DiskFullError,
    FileLockedError,
    NewerFileError,
    NotADatabaseError,
    ReadOnlyFileError,
    SignedRecordError,
    StaleRecordError,
    StorageError,
)
from entretien_desktop.storage.server_errors import (
    RemovedReferenceError,
    ServerAuthenticationError,
    ServerConflictError,
    ServerConnectionLostError,
    ServerDatabaseMissingError,
    ServerError,
    ServerTlsError,
    ServerUnreachableError,
    TakenNumberError,
    TooLongForServerError,
)

__all__ = [
    "ChangeRefused",
    "DiskFullError",
    "DocumentRefused",
    "FieldProblem",
    "FileLockedError",
    "NewerFileError",
    "NotADatabaseError",
    "ReadOnlyFileError",
    "RemovedReferenceError",
    "ServerAuthenticationError",
    "ServerConflictError",
    "ServerConnectionLostError",
    "ServerDatabaseMissingError",
    "ServerError",
    "ServerTlsError",
    "ServerUnreachableError",
    "SignedRecordError",
    "StaleRecordError",
    "StorageError",
    "TakenNumberError",
    "TooLongForServerError",
    "UserError",
    "refusal",
]
