"""Unit of work: one transaction that changes nothing unless ``commit()`` is called.

Services receive a unit of work and reach the data through its repositories; leaving the
``with`` block without committing rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from sqlalchemy.orm import Session

from entretien_desktop.storage.errors import classify, environment_errors
from entretien_desktop.storage.repositories import CompanyRepository


class UnitOfWork:
    def __init__(self, session_factory: Callable[[], Session], path: Path) -> None:
        self._session_factory = session_factory
        self._path = path
        self._session: Session | None = None
        self.company: CompanyRepository

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("A unit of work is used inside a 'with' block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._session_factory()
        self.company = CompanyRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        translated = None if exc is None else classify(self._path, exc)
        if translated is not None:
            raise translated from exc

    def commit(self) -> None:
        with environment_errors(self._path):
            self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
