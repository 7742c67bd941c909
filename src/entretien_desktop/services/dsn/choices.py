"""The user's table of DSN leave codes, as a JSON text: the window keeps it in its
settings, the command line reads it from ``--codes FILE`` (docs/import.md, "Codes the
program does not know").

    {"S21.G00.60.001": {"12": "sickness"}, "S21.G00.65.001": {"642": "skip"}}

Each code names the kind of leave its records become (the values of the company file's
leave ``kind``) or ``skip``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from entretien_desktop.domain import LeaveKind
from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _
from entretien_desktop.services.dsn.codes import STOPPAGE, SUSPENSION, Choices

SKIP = "skip"
_CODE = re.compile(r"^[0-9]{2,3}$")


class DsnRefused(UserError):
    """The DSN files cannot be imported: every problem, with its file and line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    @property
    def user_message(self) -> str:
        return "\n".join(self.problems)


class CodesRefused(DsnRefused):
    """A table of codes that cannot be used: every problem, with its place."""


def choices_from_json(text: str, place: str) -> dict[tuple[str, str], LeaveKind | None]:
    """The choices ``text`` holds; ``CodesRefused`` naming every problem at ``place``."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise CodesRefused(
            [_("{place}: not a JSON text ({reason})").format(place=place, reason=error)]
        ) from error
    if not isinstance(data, dict):
        raise CodesRefused([_("{place}: expected an object of rubriques").format(place=place)])
    kinds = ", ".join([*(kind.value for kind in LeaveKind), SKIP])
    problems: list[str] = []
    choices: dict[tuple[str, str], LeaveKind | None] = {}
    for rubrique, codes in data.items():
        at = f"{place}: {rubrique}"
        if rubrique not in (STOPPAGE, SUSPENSION):
            problems.append(
                _("{place}: only {stoppage} and {suspension} can be chosen").format(
                    place=at, stoppage=STOPPAGE, suspension=SUSPENSION
                )
            )
            continue
        if not isinstance(codes, dict):
            problems.append(_("{place}: expected an object of codes").format(place=at))
            continue
        for code, value in codes.items():
            where = f"{at} › {code}"
            if not _CODE.match(str(code)):
                problems.append(_("{place}: a code is two or three digits").format(place=where))
            elif value == SKIP:
                choices[(rubrique, code)] = None
            elif isinstance(value, str) and value in LeaveKind.__members__.values():
                choices[(rubrique, code)] = LeaveKind(value)
            else:
                problems.append(
                    _("{place}: {value} is not a kind of leave ({kinds})").format(
                        place=where, value=json.dumps(value, ensure_ascii=False), kinds=kinds
                    )
                )
    if problems:
        raise CodesRefused(problems)
    return choices


def read_choices_file(path: Path) -> dict[tuple[str, str], LeaveKind | None]:
    """``choices_from_json`` of the file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CodesRefused(
            [_("{place}: cannot be read ({reason})").format(place=path.name, reason=error)]
        ) from error
    return choices_from_json(text, path.name)


def choices_to_json(choices: Choices) -> str:
    """The text ``choices_from_json`` reads back."""
    data: dict[str, dict[str, str]] = {}
    for (rubrique, code), kind in sorted(choices.items()):
        data.setdefault(rubrique, {})[code] = SKIP if kind is None else kind.value
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
