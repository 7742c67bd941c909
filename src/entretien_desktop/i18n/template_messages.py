"""Babel extractor for interview templates (``resources/templates/*.json``).

Every text a template shows (its title and notice, section titles and help, field labels
and help, choice and column labels) is an English message translated at display time, so
``pybabel extract`` must find them as it finds the ``_()`` calls of the code. Registered in
``babel.cfg``::

    [extractors]
    json_templates = entretien_desktop.i18n.template_messages:extract

    [json_templates: **/templates/*.json]
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

Extracted = tuple[int, None, str, list[str]]


def template_texts(document: Any) -> Iterator[str]:
    """The translatable texts of a template document, in reading order."""
    if not isinstance(document, dict):
        return
    yield from _texts(document, ("title", "notice"))
    for section in _objects(document.get("sections")):
        yield from _texts(section, ("title", "help"))
        for field in _objects(section.get("fields")):
            yield from _texts(field, ("label", "help"))
            yield from _choice_labels(field)
            for column in _objects(field.get("columns")):
                yield from _texts(column, ("label",))
                yield from _choice_labels(column)


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Babel's extraction method: ``(line, None, message, [])`` for every template text.

    ``keywords`` and ``comment_tags`` do not apply to JSON. The line is the first one
    holding the text as JSON writes it, else 1.
    """
    del keywords, comment_tags
    encoding = str(options.get("encoding", "utf-8"))
    source = fileobj.read().decode(encoding)
    lines = source.splitlines()
    for text in template_texts(json.loads(source)):
        yield _line_of(text, lines), None, text, []


def _line_of(text: str, lines: list[str]) -> int:
    for written in (json.dumps(text, ensure_ascii=False), json.dumps(text)):
        for number, line in enumerate(lines, start=1):
            if written in line:
                return number
    return 1


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _texts(data: dict[str, Any], keys: tuple[str, ...]) -> Iterator[str]:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            yield value


def _choice_labels(data: dict[str, Any]) -> Iterator[str]:
    for choice in _objects(data.get("choices")):
        yield from _texts(choice, ("label",))
