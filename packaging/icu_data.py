"""ICU's data for the bundle, cut to the languages the program speaks (Linux only).

PySide6's Qt on Linux carries ICU, whose data library ``libicudata.so.NN`` (32 MB, a sixth
of the bundle) holds the locale data of some 800 locales: collation, calendars, time-zone
and currency names, units. Qt asks ICU for little (collation, case mapping, text codecs)
and only in the user's language. This rebuilds the library with the same single symbol
(``icudtNN_dat``), the same soname, holding the same ICU common data minus the locale
files (``*.res``) of every other language: converters, normalization, break rules,
dictionaries, time zones and every tree's root and pool stay. A locale left out falls back
to root, as any locale ICU does not know.

The ICU common data ("CmnD") is a header, a table of contents (count, then for each item
the offsets of its name and of its data, sorted by name, ICU searches it by bisection),
the names, then the items, each self-contained and aligned on 16 bytes. Building needs a C
compiler (``cc``) for the assembler's ``.incbin``; without one the full library stays.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Iterable
from pathlib import Path

LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
"""An item's stem that names a locale (``fr``, ``fr_CA``, ``zh_Hant_HK``)."""

NOT_LOCALES = frozenset({"res_index"})
"""Stems that look like a locale but are each tree's list of locales."""

ALIGN = 16

SYMBOL = re.compile(
    r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+_dat)"
)
"""A line of ``readelf --dyn-syms``: the data symbol's address, size and name."""


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol of ``library``: its name, file offset and size."""
    symbols = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = SYMBOL.search(symbols)
    if found is None:
        raise ValueError(f"{library.name}: no icudtNN_dat symbol")
    address, size, name = int(found[1], 16), int(found[2], 0), found[3]
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            return name, address - section_address + section_offset, size
    raise ValueError(f"{library.name}: no .rodata section")


def _items(data: bytes) -> tuple[int, list[tuple[str, bytes]]]:
    """The header's size and the (name, bytes) of every item, in the table's order."""
    header = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not ICU common data")
    count = struct.unpack_from("<I", data, header)[0]
    entries = [struct.unpack_from("<II", data, header + 4 + 8 * i) for i in range(count)]
    ends = [offset for _name, offset in entries[1:]] + [len(data) - header]
    items = []
    for (name_at, data_at), end in zip(entries, ends, strict=True):
        start = header + name_at
        name = data[start : data.index(b"\0", start)].decode("ascii")
        items.append((name, data[header + data_at : header + end]))
    return header, items


def wanted(name: str, languages: Iterable[str]) -> bool:
    """Whether the item ``name`` (``icudt73l/coll/fr.res``) stays."""
    base = name.rsplit("/", 1)[-1]
    stem, _dot, extension = base.rpartition(".")
    if extension != "res" or stem in NOT_LOCALES or not LOCALE.match(stem):
        return True
    return stem.split("_")[0] in set(languages)


def filtered(data: bytes, languages: Iterable[str]) -> bytes:
    """The common data ``data`` without the locale items of other languages."""
    header, items = _items(data)
    kept = [(name, body) for name, body in items if wanted(name, languages)]
    names = b""
    name_offsets = []
    table = 4 + 8 * len(kept)
    for name, _body in kept:
        name_offsets.append(table + len(names))
        names += name.encode("ascii") + b"\0"
    first = table + len(names)
    first += -(header + first) % ALIGN
    body = bytearray()
    data_offsets = []
    for _name, item in kept:
        data_offsets.append(first + len(body))
        body += item + b"\0" * (-len(item) % ALIGN)
    toc = struct.pack("<I", len(kept)) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets, strict=True)
    )
    padding = b"\0" * (first - table - len(names))
    return data[:header] + toc + names + padding + bytes(body)


def rebuild(library: Path, out: Path, languages: Iterable[str]) -> Path:
    """``libicudata.so.NN`` with the locale data of ``languages`` only, made in ``out``;
    ``library`` itself when no C compiler is there to make it."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        print(f"icu_data: no C compiler, {library.name} kept whole")
        return library
    symbol, offset, size = _symbol(library)
    data = library.read_bytes()[offset : offset + size]
    out.mkdir(parents=True, exist_ok=True)
    (out / "icudata.dat").write_bytes(filtered(data, languages))
    (out / "icudata.S").write_text(
        "\t.section .rodata\n"
        f"\t.balign {ALIGN}\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        f"{symbol}:\n"
        '\t.incbin "icudata.dat"\n'
        f"\t.size {symbol}, .-{symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    target = out / library.name
    subprocess.run(
        [
            compiler,
            "-shared",
            "-nostdlib",
            "-Wl,-soname," + library.name,
            "-o",
            str(target),
            "icudata.S",
        ],
        cwd=out,
        check=True,
    )
    return target
