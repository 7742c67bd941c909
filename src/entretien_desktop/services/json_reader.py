"""Reading a JSON document field by field, collecting every problem with its JSON path.

``FieldReader`` checks types, dates, enumerated values and numbers and records a
``Problem`` for each place it refuses, so a caller can report all of them at once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _

ROOT = "$"
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
MISSING = object()


@dataclass(frozen=True, slots=True)
class Problem:
    """One refused place of a document: ``path`` such as ``employees[3].hire_date``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DocumentRefused(UserError):
    """The document cannot be imported; ``problems`` lists every reason, in document order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class FieldReader:
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- fields -------------------------------------------------------------------------
    def value(self, obj: dict[str, Any], key: str, path: str, *, required: bool) -> Any:
        if key not in obj:
            if required:
                self.problem(join_path(path, key), _("required field is missing"))
            return MISSING
        return obj[key]

    def text(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool = False, default: str = ""
    ) -> str:
        raw = self.value(obj, key, path, required=required)
        if raw is MISSING or (raw is None and not required):
            return default
        if not isinstance(raw, str):
            self.problem(
                join_path(path, key), _("expected text, found {found}").format(found=describe(raw))
            )
            return default
        if required and not raw.strip():
            self.problem(join_path(path, key), _("must not be empty"))
        return raw

    def optional_text(self, obj: dict[str, Any], key: str, path: str) -> str | None:
        raw = self.value(obj, key, path, required=False)
        if raw is MISSING or raw is None:
            return None
        if not isinstance(raw, str):
            self.problem(
                join_path(path, key), _("expected text, found {found}").format(found=describe(raw))
            )
            return None
        return raw or None

    def date(self, obj: dict[str, Any], key: str, path: str, *, required: bool) -> dt.date | None:
        raw = self.value(obj, key, path, required=required)
        if raw is MISSING:
            return None
        if raw is None:
            if required:
                self.problem(join_path(path, key), _("a date is required here"))
            return None
        if not isinstance(raw, str) or not _DATE_SHAPE.match(raw):
            self.problem(
                join_path(path, key),
                _("invalid date {value}: expected YYYY-MM-DD").format(value=show(raw)),
            )
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.problem(join_path(path, key), _("impossible date {value}").format(value=show(raw)))
            return None

    def choice(
        self, obj: dict[str, Any], key: str, path: str, enum: type[E], *, default: E | None = None
    ) -> E | None:
        raw = self.value(obj, key, path, required=default is None)
        if raw is MISSING:
            return default
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.problem(
                join_path(path, key),
                _("unknown value {value}; expected one of: {allowed}").format(
                    value=show(raw), allowed=allowed
                ),
            )
            return None

    def integer(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool, minimum: int = 0
    ) -> int | None:
        raw = self.value(obj, key, path, required=required)
        if raw is MISSING or (raw is None and not required):
            return None
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.problem(
                join_path(path, key),
                _("expected a whole number, found {found}").format(found=show(raw)),
            )
            return None
        if raw < minimum:
            self.problem(
                join_path(path, key),
                _("must be at least {minimum}, found {value}").format(minimum=minimum, value=raw),
            )
            return None
        return raw

    def number(self, obj: dict[str, Any], key: str, path: str) -> float:
        raw = self.value(obj, key, path, required=False)
        if raw is MISSING or raw is None:
            return 0
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.problem(
                join_path(path, key), _("expected a number, found {found}").format(found=show(raw))
            )
            return 0
        if raw < 0:
            self.problem(
                join_path(path, key), _("must not be negative, found {value}").format(value=raw)
            )
            return 0
        return raw

    def flag(self, obj: dict[str, Any], key: str, path: str) -> bool:
        raw = self.value(obj, key, path, required=False)
        if raw is MISSING or raw is None:
            return False
        if not isinstance(raw, bool):
            self.problem(
                join_path(path, key),
                _("expected true or false, found {found}").format(found=show(raw)),
            )
            return False
        return raw

    def obj(self, raw: Any, path: str) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.problem(path, _("expected an object, found {found}").format(found=describe(raw)))
            return None
        return raw

    def items(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        read_one: Callable[[dict[str, Any], str], T | None],
    ) -> tuple[T, ...]:
        raw = self.value(obj, key, path, required=False)
        if raw is MISSING or raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(
                join_path(path, key),
                _("expected a list, found {found}").format(found=describe(raw)),
            )
            return ()
        result = []
        for index, item in enumerate(raw):
            item_path = f"{join_path(path, key)}[{index}]"
            item_obj = self.obj(item, item_path)
            if item_obj is not None:
                read = read_one(item_obj, item_path)
                if read is not None:
                    result.append(read)
        return tuple(result)

    def ordered(self, first: dt.date | None, last: dt.date | None, path: str, message: str) -> bool:
        if first is not None and last is not None and last < first:
            self.problem(path, message.format(first=first.isoformat(), last=last.isoformat()))
            return False
        return True


def join_path(path: str, key: str) -> str:
    return key if path == ROOT else f"{path}.{key}"


def describe(raw: Any) -> str:
    names = {
        dict: _("an object"),
        list: _("a list"),
        str: _("text"),
        bool: _("true/false"),
        int: _("a number"),
        float: _("a number"),
        type(None): _("null"),
    }
    return names.get(type(raw), type(raw).__name__)


def show(raw: Any) -> str:
    return json.dumps(raw, ensure_ascii=False)


TOP_LEVEL_ORDER = {ROOT: 0, "format": 1, "company": 2, "employees": 3}


def document_order(problem: Problem) -> list[tuple[int, str]]:
    """Sort key in document order: ``$``, ``format``, ``company``, then ``employees[2]``
    before ``employees[10]``."""
    parts = [part for part in re.split(r"[.\[\]]+", problem.path) if part]
    key = [(TOP_LEVEL_ORDER.get(parts[0], 4), parts[0])] if parts else []
    key.extend((int(part), "") if part.isdigit() else (-1, part) for part in parts[1:])
    return key
