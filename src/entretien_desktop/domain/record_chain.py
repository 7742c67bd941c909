"""The chain of signed records: how its entries are digested and linked.

Each signature, each report issued and each change to the company's seal is an entry of an
append-only chain kept in the data file. An entry says what it is about (``kind``,
``subject``) and carries the ``digest`` of what it vouches for; its ``link`` is the SHA-256
of the previous entry's link followed by the entry's canonical text, so that changing,
removing or reordering any entry breaks every link after it.

Pure functions, shared by the services (which append and verify) and by the migration that
built the chain of files made before it existed. The texts hashed here are a file format:
they never change (a new way would be a new kind of entry, the old one still read).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
"""The link before the first entry."""

SIGNATURE = "signature"
"""A signed interview: subject its id, digest over its fingerprint and drawn signatures."""
ISSUED_REPORT = "issued_report"
"""A PDF the program handed out: subject the SHA-256 of its bytes."""
SEAL = "seal"
"""The company's seal made, replaced, switched on or off: subject the certificate's SHA-256
while reports are sealed, empty while they are not."""


@dataclass(frozen=True, slots=True)
class ChainEntry:
    seq: int
    kind: str
    subject: str
    digest: str
    previous: str
    link: str


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def certificate_sha256(certificate_pem: str) -> str:
    """The SHA-256 of a certificate's DER bytes (its usual fingerprint), from its PEM."""
    lines = certificate_pem.strip().splitlines()
    body = "".join(line for line in lines if not line.startswith("-----"))
    return sha256_hex(base64.b64decode(body))


def link_of(previous: str, seq: int, kind: str, subject: str, digest: str) -> str:
    """The link of an entry: the previous link, then the entry's canonical text, hashed."""
    entry = _canonical({"seq": seq, "kind": kind, "subject": subject, "digest": digest})
    return sha256_hex(previous.encode("ascii") + entry)


def next_entry(last: ChainEntry | None, kind: str, subject: str, digest: str) -> ChainEntry:
    """The entry that follows ``last`` (the first one when ``last`` is ``None``)."""
    seq = 1 if last is None else last.seq + 1
    previous = GENESIS if last is None else last.link
    return ChainEntry(
        seq, kind, subject, digest, previous, link_of(previous, seq, kind, subject, digest)
    )


def first_broken(entries: Iterable[ChainEntry]) -> int | None:
    """The number of the first entry that does not follow from the one before it (a link
    rewritten, an entry removed, changed or moved), ``None`` when the chain holds."""
    previous, expected_seq = GENESIS, 1
    for entry in entries:
        if (
            entry.seq != expected_seq
            or entry.previous != previous
            or entry.link != link_of(previous, entry.seq, entry.kind, entry.subject, entry.digest)
        ):
            return entry.seq
        previous, expected_seq = entry.link, entry.seq + 1
    return None


def signature_digest(interview_id: str, fingerprint: str, drawn: Mapping[str, bytes]) -> str:
    """What a signature entry vouches for: the interview's fingerprint (its signed content)
    and the SHA-256 of each signature drawn on screen, by kind."""
    return sha256_hex(
        _canonical(
            {
                "interview": interview_id,
                "fingerprint": fingerprint,
                "signatures": {kind: sha256_hex(data) for kind, data in drawn.items()},
            }
        )
    )


def issued_digest(
    sha256: str,
    kind: str,
    interview_id: str | None,
    fingerprint: str | None,
    sealed_with: str | None,
) -> str:
    """What an issued report's entry vouches for: its bytes, what it is, the fingerprint
    printed on it, and the certificate it was sealed with (its SHA-256, or ``None``)."""
    return sha256_hex(
        _canonical(
            {
                "sha256": sha256,
                "kind": kind,
                "interview": interview_id,
                "fingerprint": fingerprint,
                "sealed_with": sealed_with,
            }
        )
    )


def seal_digest(certificate_sha256: str | None) -> str:
    """What a seal entry vouches for: from here on, reports are sealed with this
    certificate (``None``: they are not sealed)."""
    return sha256_hex(_canonical({"sealed_with": certificate_sha256}))


def short_link(link: str) -> str:
    """The first 16 hexadecimal digits of a link in groups of four, to be printed and
    compared by eye."""
    return " ".join(link[i : i + 4] for i in range(0, 16, 4))
