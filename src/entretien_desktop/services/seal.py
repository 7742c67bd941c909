"""The company's seal: its own certificate, and reports sealed with a PAdES signature.

The company creates a self-signed X.509 certificate in the application (EC P-256, subject
O=<company>, CN="<company> — Entretien Desktop seal", for digital signatures and
non-repudiation). With sealing switched on, every report gets an invisible PAdES B-B
signature (pyHanko) added as an incremental update: a PDF reader shows the report as signed
by the company and flags any later change. No authority vouches for a self-signed
certificate, so a reader calls the signer unknown until the company's certificate is
trusted there; the check that nothing changed since sealing holds either way.

Making, replacing, switching on or off the seal is an entry of the chain of signed records
(services/chain.py), so that ``verify`` knows which reports had to be sealed, and with which
certificate (``sealed_by``).

The certificate and its private key live in the data file (``company_seal``), the key
unencrypted: it is the company's own seal on its own computer, and whoever can copy the data
file can seal in the company's name, as whoever holds the office stamp can stamp. pyHanko
and cryptography are imported on first use: they take longer to load than the window.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from entretien_desktop.domain.record_chain import sha256_hex
from entretien_desktop.i18n import _, format_date
from entretien_desktop.services.chain import chain_seal_state
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from pyhanko.sign.validation.status import PdfSignatureStatus

SEAL_FIELD = "CompanySeal"
"""The name of the signature field a seal fills in a report."""

_SEAL_SUFFIX = " — Entretien Desktop seal"
_NAME_LIMIT = 64  # X.509's upper bound on an organisation or a common name (UTF-8 bytes)


@dataclass(frozen=True, slots=True)
class SealInfo:
    """What the settings page shows of the company's seal."""

    subject: str
    valid_from: date
    valid_until: date
    enabled: bool


def _fit(text: str, limit: int) -> str:
    """``text`` shortened with an ellipsis to at most ``limit`` UTF-8 bytes (the unit of
    X.509's bound)."""
    if len(text.encode("utf-8")) <= limit:
        return text
    while len((text + "…").encode("utf-8")) > limit:
        text = text[:-1]
    return text.rstrip() + "…"


def _anniversary(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February -> 28 February
        return day.replace(year=day.year + years, day=28)


def _certificate_and_key(company: str, years: int) -> tuple[x509.Certificate, str]:
    """A self-signed certificate for ``company`` valid ``years`` from today (UTC), and its
    private key as unencrypted PKCS#8 PEM."""
    from cryptography import x509  # noqa: PLC0415
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import ec  # noqa: PLC0415
    from cryptography.x509.oid import NameOID  # noqa: PLC0415

    key = ec.generate_private_key(ec.SECP256R1())
    organisation = _fit(company.strip(), _NAME_LIMIT)
    common = _fit(company.strip(), _NAME_LIMIT - len(_SEAL_SUFFIX.encode("utf-8"))) + _SEAL_SUFFIX
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )
    today = datetime.now(UTC).date()
    start = datetime.combine(today, time(), UTC)
    end = datetime.combine(_anniversary(today, years), time(), UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(usage, critical=True)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    return certificate, key_pem


def create_company_seal(workspace: Workspace, years: int = 5) -> SealInfo:
    """Create the company's seal (a new certificate and key, valid ``years`` from today),
    replacing any earlier one; whether reports are sealed stays as it was."""
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

    company = workspace.require_company()
    certificate, key_pem = _certificate_and_key(company.name, years)
    cert_pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    subject = certificate.subject.rfc4514_string()
    when = datetime.now(UTC).isoformat(timespec="seconds")
    with workspace.change(announce=False) as change:
        change.store.save_seal(cert_pem, key_pem, subject, when)
        chain_seal_state(change.store)
    info = seal_info(workspace)
    assert info is not None
    return info


def has_seal(workspace: Workspace) -> bool:
    with workspace.reading() as store:
        return store.seal() is not None


def seal_certificate(workspace: Workspace) -> str | None:
    """The company's certificate (PEM), to check a sealed report against; ``None`` without
    a seal."""
    with workspace.reading() as store:
        stored = store.seal()
    return None if stored is None else stored[0]


def seal_info(workspace: Workspace) -> SealInfo | None:
    """The seal's subject, validity and switch, or ``None`` without a seal."""
    from cryptography import x509  # noqa: PLC0415

    with workspace.reading() as store:
        stored = store.seal()
        enabled = store.sealing_enabled()
    if stored is None:
        return None
    certificate = x509.load_pem_x509_certificate(stored[0].encode("ascii"))
    return SealInfo(
        subject=certificate.subject.rfc4514_string(),
        valid_from=certificate.not_valid_before_utc.date(),
        valid_until=certificate.not_valid_after_utc.date(),
        enabled=enabled,
    )


def set_sealing(workspace: Workspace, on: bool) -> None:
    """Seal every report from now on (or stop). Refused without a seal."""
    with workspace.change(announce=False) as change:
        if change.store.seal() is None:
            raise ChangeRefused(
                [FieldProblem("seal", _("Create the company's seal before sealing reports."))]
            )
        change.store.set_sealing(on)
        chain_seal_state(change.store)


def sealing_enabled(workspace: Workspace) -> bool:
    with workspace.reading() as store:
        return store.sealing_enabled()


def _asn1_certificate(pem_text: str) -> asn1_x509.Certificate:
    from pyhanko.keys import load_certs_from_pemder_data  # noqa: PLC0415

    certificate: asn1_x509.Certificate
    (certificate,) = load_certs_from_pemder_data(pem_text.encode("ascii"))
    return certificate


def _seal(company: str, cert_pem: str, key_pem: str, data: bytes) -> bytes:
    from pyhanko.keys import load_private_key_from_pemder_data  # noqa: PLC0415
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import signers  # noqa: PLC0415
    from pyhanko.sign.fields import SigSeedSubFilter  # noqa: PLC0415
    from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: PLC0415

    certificate = _asn1_certificate(cert_pem)
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]  # untyped __init__
    registry.register(certificate)
    signer = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=load_private_key_from_pemder_data(key_pem.encode("ascii"), passphrase=None),
        cert_registry=registry,
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=_("Sealed by {company}").format(company=company),
        location=None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    output = signers.sign_pdf(writer, metadata, signer=signer)
    assert isinstance(output, io.BytesIO)
    return output.getvalue()


def seal_pdf(workspace: Workspace, data: bytes) -> bytes:
    """``data`` (a PDF) with the company's seal added as an incremental update: an invisible
    PAdES B-B signature. Raises ``LookupError`` when the company has no seal."""
    with workspace.reading() as store:
        stored = store.seal()
    if stored is None:
        raise LookupError("the file holds no seal")
    return _seal(workspace.require_company().name, *stored, data)


def maybe_seal(workspace: Workspace, data: bytes) -> bytes:
    """``data`` sealed when the company seals its reports, unchanged otherwise. Call it
    before recording the report as issued: the record is of the bytes handed out."""
    with workspace.reading() as store:
        stored = store.seal() if store.sealing_enabled() else None
    if stored is None:
        return data
    return _seal(workspace.require_company().name, *stored, data)


def seal_with(company: str, cert_pem: str, key_pem: str, data: bytes) -> bytes:
    """``data`` sealed with this certificate and key (the seal ``maybe_seal`` would use)."""
    return _seal(company, cert_pem, key_pem, data)


def _altered() -> str:
    return _("This PDF was altered after it was sealed: its seal no longer matches it.")


def _validated(data: bytes, certificate: asn1_x509.Certificate) -> PdfSignatureStatus | str:
    """pyHanko's verdict on the seal of ``data``, or why there is none to give."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415
    from pyhanko.sign.validation import validate_pdf_signature  # noqa: PLC0415
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # anything pyHanko cannot parse is no sealed PDF we can vouch for
        return _("This file cannot be read as a PDF.")
    if not signatures:
        return _("This PDF is not sealed.")
    signature = next((s for s in signatures if s.field_name == SEAL_FIELD), signatures[0])
    try:
        status: PdfSignatureStatus = validate_pdf_signature(
            signature, signer_validation_context=ValidationContext(trust_roots=[certificate])
        )
    except Exception:  # a damaged signature or file: it no longer is what was sealed
        return _altered()
    return status


def seal_status(data: bytes, certificate_pem: str) -> tuple[bool, str]:
    """Whether ``data`` is a PDF sealed with the company certificate ``certificate_pem``
    and unchanged since (``True``), with a sentence saying so or what is wrong."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel  # noqa: PLC0415

    certificate = _asn1_certificate(certificate_pem)
    status = _validated(data, certificate)
    if isinstance(status, str):
        return False, status
    if not (status.intact and status.valid):
        return False, _altered()
    if status.signing_cert.dump() != certificate.dump() or not status.trusted:
        return False, _("This PDF is sealed, but not with this company's seal.")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and not status.docmdp_ok:
        return False, _("This PDF was changed after it was sealed.")
    subject = status.signing_cert.subject
    signer = str(subject.native.get("common_name") or subject.human_friendly)
    when = status.signer_reported_dt
    if when is None:
        return True, _("Sealed by {signer}, unchanged since.").format(signer=signer)
    return True, _("Sealed by {signer} on {date}, unchanged since.").format(
        signer=signer, date=format_date(when.date())
    )


def sealed_by(data: bytes, certificate_sha256: str) -> tuple[bool, str]:
    """Whether ``data`` is sealed with the certificate whose SHA-256 (of its DER bytes) is
    ``certificate_sha256``, unchanged since: the certificate is the one the PDF carries,
    accepted only when it is that one (a replaced seal still vouches for its reports)."""
    from asn1crypto import pem  # noqa: PLC0415
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # anything pyHanko cannot parse is no sealed PDF we can vouch for
        return False, _("This file cannot be read as a PDF.")
    signature = next((s for s in signatures if s.field_name == SEAL_FIELD), None)
    if signature is None:
        return False, _("This PDF is not sealed.")
    try:
        certificate = signature.signer_cert
    except Exception:  # a damaged signature: it no longer is what was sealed
        return False, _altered()
    if sha256_hex(certificate.dump()) != certificate_sha256:
        return False, _("This PDF is sealed, but not with this company's seal.")
    armored = pem.armor("CERTIFICATE", certificate.dump()).decode("ascii")
    return seal_status(data, armored)
