"""Give every message of the English catalog its own text: the code's messages are written
in English, so English translates each to itself (run by `make update-catalogs`)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(path: Path) -> int:
    with path.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            message.string = (message.id[0], message.id[1])
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as stream:
        write_po(stream, catalog, width=76)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
