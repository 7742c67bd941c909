"""Shared test setup: Qt runs offscreen, so GUI tests need no display; each test starts in
English, whatever language an earlier test or the machine chose."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    from entretien_desktop.i18n import set_language  # noqa: PLC0415

    set_language("en")
    yield
    set_language("en")
