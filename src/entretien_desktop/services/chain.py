"""Entries of the chain of signed records (domain/record_chain.py), appended in the same
transaction as what they vouch for: a signature, a report issued, a change to the seal.

Functions of a ``CompanyRepository`` open in a change or a recording (the callers hold the
gate), so that the entry and its record are committed together or not at all.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from entretien_desktop.domain import record_chain
from entretien_desktop.domain.record_chain import ChainEntry

if TYPE_CHECKING:
    from entretien_desktop.domain import Company
    from entretien_desktop.storage.repositories import CompanyRepository

SIGNATURE_KINDS = ("signature_employee", "signature_interviewer")
"""The attachments a signature entry covers: the signatures drawn on screen."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def drawn_signatures(store: CompanyRepository, interview_id: str) -> dict[str, bytes]:
    """The signatures drawn on screen for the interview, as stored, by kind."""
    return {
        kind: data
        for kind, (_media, data) in store.attachments(interview_id).items()
        if kind in SIGNATURE_KINDS
    }


def chain_signature(store: CompanyRepository, interview_id: str, fingerprint: str) -> ChainEntry:
    """The entry of a signature: the interview's fingerprint and its drawn signatures."""
    digest = record_chain.signature_digest(
        interview_id, fingerprint, drawn_signatures(store, interview_id)
    )
    return store.append_to_chain(record_chain.SIGNATURE, interview_id, digest, _now())


def chain_imported_signatures(store: CompanyRepository, company: Company) -> None:
    """Keep the identity of every signed interview of ``company``, just written by an
    import, and chain their signatures, by the day signed (an import brings no drawn
    signature)."""
    store.keep_signed_identities()
    chained = {e.subject for e in store.chain() if e.kind == record_chain.SIGNATURE}
    signed = sorted(
        (i.signed_on, i.id, i.fingerprint or "")
        for e in company.employees
        for i in e.interviews
        if i.signed_on is not None and i.id not in chained
    )
    items = [
        (record_chain.SIGNATURE, interview_id, record_chain.signature_digest(interview_id, fp, {}))
        for _day, interview_id, fp in signed
    ]
    store.extend_chain(items, _now())


def sealing_certificate(store: CompanyRepository) -> str | None:
    """The certificate (PEM) reports are sealed with now, ``None`` when they are not."""
    stored = store.seal() if store.sealing_enabled() else None
    return None if stored is None else stored[0]


def chain_seal_state(store: CompanyRepository) -> None:
    """After the seal was made, replaced, switched on or off: an entry saying with which
    certificate reports are sealed from now on, unless the chain says so already."""
    certificate = sealing_certificate(store)
    subject = "" if certificate is None else record_chain.certificate_sha256(certificate)
    last = next((e for e in reversed(store.chain()) if e.kind == record_chain.SEAL), None)
    if (last.subject if last is not None else "") == subject:
        return
    digest = record_chain.seal_digest(subject or None)
    store.append_to_chain(record_chain.SEAL, subject, digest, _now())


def chain_issued(
    store: CompanyRepository,
    sha256: str,
    *,
    kind: str,
    interview_id: str | None,
    fingerprint: str | None,
    sealed_with: str | None,
) -> None:
    """Record a report issued and chain it (nothing when these bytes are on record)."""
    when = _now()
    if store.record_issued_report(
        sha256, interview_id, kind, fingerprint, when, sealed_with=sealed_with
    ):
        digest = record_chain.issued_digest(sha256, kind, interview_id, fingerprint, sealed_with)
        store.append_to_chain(record_chain.ISSUED_REPORT, sha256, digest, when)
