"""The bundle's ICU data, cut to the program's languages (packaging/icu_data.py): Qt sorts
and capitalises French, Dutch, Norwegian and Danish words exactly as with ICU's whole data,
from a library less than half its size. Linux only (where PySide6 carries ICU), with a C
compiler and readelf, as ``make bundle`` needs them."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("fr", "en", "nl", "nb", "nn", "no", "da", "root")

SORT = """
import sys
from PySide6.QtCore import QCollator, QLocale
words = ["été", "Étienne", "eta", "Zoé", "zèbre", "Ødegaard", "Aasen", "œuvre", "oeuvre",
         "Ärger", "Azur", "Ève", "evé", "Åse", "Über"]
for name in ("fr_FR", "fr_BE", "nb_NO", "nl_NL", "da_DK", "en_GB", "sv_SE"):
    collator = QCollator(QLocale(name))
    print(name, sorted(words, key=collator.sortKey))
print(QLocale("fr_FR").toUpper("cœur straße"))
icu = {line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line}
print("loaded", *sorted(icu), file=sys.stderr)
"""


def _icu_library() -> Path | None:
    import PySide6  # noqa: PLC0415

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or _icu_library() is None
    or shutil.which("cc") is None
    or shutil.which("readelf") is None,
    reason="ICU's data library is cut on Linux only, with cc and readelf",
)


def _icu_data() -> ModuleType:
    found = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
    assert found is not None and found.loader is not None
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    return module


def _sorted_with(library_folder: Path | None) -> tuple[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if library_folder is not None:
        env["LD_LIBRARY_PATH"] = str(library_folder)  # before Qt's RUNPATH
    done = subprocess.run(
        [sys.executable, "-c", SORT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout, done.stderr


def test_the_cut_library_sorts_the_programs_languages_as_the_whole_one(tmp_path: Path) -> None:
    whole = _icu_library()
    assert whole is not None
    cut = _icu_data().rebuild(whole, tmp_path, LANGUAGES)
    assert cut.parent == tmp_path and cut.name == whole.name
    assert cut.stat().st_size < whole.stat().st_size / 2

    before, _loaded = _sorted_with(None)
    after, loaded = _sorted_with(tmp_path)
    assert str(cut) in loaded  # the cut library was the one used
    kept = [line for line in before.splitlines() if not line.startswith("sv_SE")]
    assert kept == [line for line in after.splitlines() if not line.startswith("sv_SE")]
    assert "fr_FR ['Aasen', 'Ärger', 'Åse', 'Azur', 'eta', 'été'" in after
    assert "da_DK" in after and after != before  # Swedish falls back to ICU's root order
    assert "CŒUR STRASSE" in after


def test_only_the_locale_data_of_other_languages_is_left_out() -> None:
    wanted = _icu_data().wanted
    for name in (
        "icudt73l/coll/fr.res",
        "icudt73l/fr_CA.res",
        "icudt73l/zone/nb.res",
        "icudt73l/root.res",
        "icudt73l/res_index.res",
        "icudt73l/coll/res_index.res",
        "icudt73l/pool.res",
        "icudt73l/zoneinfo64.res",
        "icudt73l/ibm-943_P15A-2003.cnv",
        "icudt73l/brkitr/word.brk",
        "icudt73l/nfkc.nrm",
    ):
        assert wanted(name, LANGUAGES), name
    for name in ("icudt73l/coll/zh.res", "icudt73l/de_AT.res", "icudt73l/curr/ja.res"):
        assert not wanted(name, LANGUAGES), name
