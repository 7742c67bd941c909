"""Reading a JSON document field by field, collecting every problem with its JSON path.

``parse_document`` turns bytes into JSON values and refuses, with the path of each, what no
company may hold anywhere in a document (domain/limits.py): nesting too deep, a number that
is not a number of standard JSON (``NaN``, ``Infinity``) or too large, a lone surrogate, an
endless text. ``FieldReader`` then checks types, dates, enumerated values and the bounds of
each field and records a ``Problem`` for each place it refuses, so a caller can report all
of them at once.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from entretien_desktop.domain.errors import UserError
from entretien_desktop.domain.limits import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_ANY_TEXT,
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    MAX_NAME,
    MAX_NUMBER,
    Bounds,
)
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
    notices: list[Problem] = field(default_factory=list)
    """What the reader assumed where the document is silent (an added field an older file
    lacks): said to the user, never a reason to refuse."""

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def notice(self, path: str, message: str) -> None:
        self.notices.append(Problem(path, message))

    # -- fields -------------------------------------------------------------------------
    def value(self, obj: dict[str, Any], key: str, path: str, *, required: bool) -> Any:
        if key not in obj:
            if required:
                self.problem(join_path(path, key), _("required field is missing"))
            return MISSING
        return obj[key]

    def text(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
        default: str = "",
        limit: int = MAX_NAME,
    ) -> str:
        """A text of at most ``limit`` characters (a name unless told)."""
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
        if not self._short_enough(raw, join_path(path, key), limit):
            return default
        return raw

    def optional_text(
        self, obj: dict[str, Any], key: str, path: str, *, limit: int = MAX_NAME
    ) -> str | None:
        raw = self.value(obj, key, path, required=False)
        if raw is MISSING or raw is None:
            return None
        if not isinstance(raw, str):
            self.problem(
                join_path(path, key), _("expected text, found {found}").format(found=describe(raw))
            )
            return None
        if not self._short_enough(raw, join_path(path, key), limit):
            return None
        return raw or None

    def _short_enough(self, raw: str, path: str, limit: int) -> bool:
        if len(raw) <= limit:
            return True
        self.problem(
            path,
            _("too long: {length} characters, at most {limit}").format(
                length=len(raw), limit=limit
            ),
        )
        return False

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
            day = dt.date.fromisoformat(raw)
        except ValueError:
            self.problem(join_path(path, key), _("impossible date {value}").format(value=show(raw)))
            return None
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            self.problem(
                join_path(path, key),
                _("date {value} out of range: expected a year from {first} to {last}").format(
                    value=show(raw), first=EARLIEST_DATE.year, last=LATEST_DATE.year
                ),
            )
            return None
        return day

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
        self, obj: dict[str, Any], key: str, path: str, bounds: Bounds, *, required: bool
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
        return raw if self._within(raw, bounds, join_path(path, key)) else None

    def number(self, obj: dict[str, Any], key: str, path: str, bounds: Bounds) -> float:
        raw = self.value(obj, key, path, required=False)
        if raw is MISSING or raw is None:
            return 0
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.problem(
                join_path(path, key), _("expected a number, found {found}").format(found=show(raw))
            )
            return 0
        return raw if self._within(raw, bounds, join_path(path, key)) else 0

    def _within(self, raw: float, bounds: Bounds, path: str) -> bool:
        if raw in bounds:
            return True
        self.problem(path, out_of_bounds(raw, bounds))
        return False

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


def out_of_bounds(value: float, bounds: Bounds) -> str:
    return _("must be from {low} to {high}, found {value}").format(
        low=bounds.low, high=bounds.high, value=value
    )


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


# -- the document as a whole -------------------------------------------------------------


class _Unusable:
    """A number the parser met that no company may hold (``NaN``, too large), left in its
    place so that the walk names its path."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _non_standard(token: str) -> _Unusable:
    return _Unusable(_("{token} is not a number of standard JSON").format(token=token))


def _too_large() -> _Unusable:
    return _Unusable(
        _("whole number out of range: at most {limit} either side of zero").format(limit=MAX_NUMBER)
    )


def _parse_int(text: str) -> int | _Unusable:
    # Python refuses to read an integer of more than 4,300 digits (and takes quadratic
    # time below that): count the digits first.
    if len(text) > len(str(MAX_NUMBER)) + 1:
        return _too_large()
    value = int(text)
    return value if -MAX_NUMBER <= value <= MAX_NUMBER else _too_large()


def _parse_float(text: str) -> float | _Unusable:
    """A decimal, finite (1e400 reads as infinity); its range is its field's."""
    value = float(text)
    return value if math.isfinite(value) else _non_standard(text)


def parse_document(data: bytes) -> Any:
    """The JSON values of ``data``; raises ``DocumentRefused`` naming every place of the
    document that no company may hold, whatever the field (even one this version ignores)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        message = _("the file is too large: {size} MiB, at most {limit} MiB")
        raise DocumentRefused(
            [
                Problem(
                    ROOT,
                    message.format(size=len(data) // 2**20, limit=MAX_DOCUMENT_BYTES // 2**20),
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = _("the file is not UTF-8 text (invalid byte at position {position})")
        raise DocumentRefused([Problem(ROOT, message.format(position=error.start))]) from error
    try:
        document = json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_non_standard
        )
    except json.JSONDecodeError as error:
        message = _("the file is not valid JSON: {reason} at line {line}, column {column}")
        reason = message.format(reason=error.msg, line=error.lineno, column=error.colno)
        raise DocumentRefused([Problem(ROOT, reason)]) from error
    except RecursionError as error:
        raise DocumentRefused([Problem(ROOT, _too_deep())]) from error
    problems = _unusable_places(document)
    if problems:
        raise DocumentRefused(problems)
    return document


def _too_deep() -> str:
    return _("lists and objects nested more than {limit} deep").format(limit=MAX_DEPTH)


_LOOKED_INTO = frozenset({dict, list, _Unusable})
"""What a container may hold that needs a look beyond its type (texts are looked at apart;
numbers, true, false and null are fine as the parser made them)."""


def _unusable_places(document: Any) -> list[Problem]:
    """Every place of ``document`` past the bounds of any JSON value, in document order."""
    problems: list[Problem] = []
    if isinstance(document, dict | list):
        _check_container(document, ROOT, 1, problems)
    else:
        _check_value(document, ROOT, 1, problems)
    return problems


def _check_container(
    value: dict[str, Any] | list[Any], path: str, depth: int, problems: list[Problem]
) -> None:
    """Recursive, but never deeper than ``MAX_DEPTH``: the depth is what it checks first.
    Texts are the most common values: they are looked at here, their path made only
    when one is refused (a company of 10,000 employees holds millions of them)."""
    if depth > MAX_DEPTH:
        problems.append(Problem(path, _too_deep()))
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if (len(key) > MAX_ANY_TEXT or not key.isascii() or "\x00" in key) and _check_text(
                key, path, problems
            ):
                continue  # a path through this key could not be printed
            if type(item) is str:
                if len(item) > MAX_ANY_TEXT or not item.isascii() or "\x00" in item:
                    _check_text(item, join_path(path, key), problems)
            elif type(item) in _LOOKED_INTO:
                _check_value(item, join_path(path, key), depth + 1, problems)
    else:
        for index, item in enumerate(value):
            if type(item) is str:
                if len(item) > MAX_ANY_TEXT or not item.isascii() or "\x00" in item:
                    _check_text(item, f"{path}[{index}]", problems)
            elif type(item) in _LOOKED_INTO:
                _check_value(item, f"{path}[{index}]", depth + 1, problems)


def _check_value(value: Any, path: str, depth: int, problems: list[Problem]) -> None:
    if isinstance(value, dict | list):
        _check_container(value, path, depth, problems)
    elif isinstance(value, str):
        _check_text(value, path, problems)
    elif isinstance(value, _Unusable):
        problems.append(Problem(path, value.message))


def _check_text(text: str, path: str, problems: list[Problem]) -> bool:
    """Whether ``text`` is refused (too long, or not Unicode characters)."""
    found = len(problems)
    if len(text) > MAX_ANY_TEXT:
        message = _("too long: {length} characters, at most {limit}")
        problems.append(Problem(path, message.format(length=len(text), limit=MAX_ANY_TEXT)))
    if "\x00" in text:  # no character of a text; a server cannot store it (docs/server.md)
        problems.append(Problem(path, _("a NUL character (\\u0000) is not allowed in a text")))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        # Named by its code: the surrogate itself could not be printed.
        code = f"\\u{ord(text[error.start]):04x}"
        message = _("a lone surrogate {code} is not a character (in a text or a key)")
        problems.append(Problem(path, message.format(code=code)))
    return len(problems) > found


TOP_LEVEL_ORDER = {ROOT: 0, "format": 1, "company": 2, "employees": 3}


def document_order(problem: Problem) -> list[tuple[int, str]]:
    """Sort key in document order: ``$``, ``format``, ``company``, then ``employees[2]``
    before ``employees[10]``."""
    parts = [part for part in re.split(r"[.\[\]]+", problem.path) if part]
    key = [(TOP_LEVEL_ORDER.get(parts[0], 4), parts[0])] if parts else []
    key.extend((int(part), "") if part.isdigit() else (-1, part) for part in parts[1:])
    return key
