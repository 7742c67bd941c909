"""A server whose certificate is verified (``sslmode=verify-full``), connected to through the
program's own connection code (services/server_login.py → storage/connecting.py): with
the site's CA it connects, encrypted; without it, with another CA, or under a name the
certificate does not carry, it is refused with the program's TLS message (issue 20;
docs/server.md, "Connecting the desktop").

A throwaway server of this module's own listens on 127.0.0.1 with ``ssl=on`` and a
certificate for ``localhost`` signed by a CA made here (the ``cryptography`` package)."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from entretien_desktop.services.server_login import ServerAddress, connect
from entretien_desktop.storage.connecting import ServerRefusedError
from tests.postgres_server import SUPERUSER, find_binaries, start_server, stop_server

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")
x509 = pytest.importorskip("cryptography.x509")

from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

TLS_REFUSED = "The encrypted connection (TLS) to {place} was refused"


@dataclass(frozen=True)
class TlsServer:
    port: int
    ca: Path
    """The CA that signed the server's certificate (what the IT provider hands out)."""
    other_ca: Path
    """A CA that signed nothing of this server."""


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _ca(common: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(_name(common))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def _server_certificate(
    ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A certificate for the name ``localhost`` only (not the address 127.0.0.1)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    bindir = find_binaries()
    if bindir is None:
        pytest.skip("PostgreSQL's binaries are not installed")
    ours = tmp_path_factory.mktemp("tls")
    ca_key, ca = _ca("Garage Lefevre IT CA")
    _other_key, other = _ca("Someone else's CA")
    (ours / "ca.crt").write_bytes(_pem(ca))
    (ours / "other-ca.crt").write_bytes(_pem(other))
    server = start_server()
    try:
        key, certificate = _server_certificate(ca_key, ca)
        crt, pem_key = server.folder / "server.crt", server.folder / "server.key"
        crt.write_bytes(_pem(certificate))
        pem_key.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        pem_key.chmod(0o600)  # the server refuses a key others may read
        if server.as_postgres:
            for path in (crt, pem_key):
                shutil.chown(path, SUPERUSER)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        server.run(
            str(bindir / "pg_ctl"), "-D", str(server.data_dir), "-m", "immediate", "stop"
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} "
            f"-c unix_socket_directories='{server.socket_dir}' -c fsync=off "
            f"-c ssl=on -c ssl_cert_file='{crt}' -c ssl_key_file='{pem_key}'"
        )
        server.run(
            str(bindir / "pg_ctl"), "-D", str(server.data_dir), "-o", options,
            "-l", str(server.folder / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        with psycopg.connect(
            host=str(server.socket_dir), port=port, user=SUPERUSER, dbname="postgres",
            autocommit=True,
        ) as admin:  # fmt: skip
            admin.execute('CREATE DATABASE "acme" TEMPLATE template0 ENCODING UTF8')
        yield TlsServer(port, ours / "ca.crt", ours / "other-ca.crt")
    finally:
        stop_server(server)


def _address(server: TlsServer, host: str, ca: Path | None) -> ServerAddress:
    options = () if ca is None else (("sslrootcert", str(ca)),)
    return ServerAddress(host, "acme", SUPERUSER, server.port, "verify-full", options)


def test_verify_full_with_the_sites_ca_connects_encrypted(tls_server: TlsServer) -> None:
    database = connect(_address(tls_server, "localhost", tls_server.ca), None)
    try:
        with database.engine.connect() as connection:
            ssl = connection.exec_driver_sql(
                "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            ).one()
        assert ssl[0] is True and str(ssl[1]).startswith("TLS")
        assert database.read_company() is None  # the schema made, no company yet
    finally:
        database.close()


@pytest.mark.parametrize(
    ("host", "which", "libpq_says"),
    [
        ("localhost", "other", "certificate verify failed"),  # signed by someone else
        ("localhost", "none", "root certificate file"),  # no CA given, none in ~/.postgresql
        ("127.0.0.1", "ours", "does not match host name"),  # a name the certificate lacks
    ],
)
def test_verify_full_refuses_what_it_cannot_verify_with_the_tls_message(
    tls_server: TlsServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    host: str,
    which: str,
    libpq_says: str,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.postgresql/root.crt of this machine
    monkeypatch.delenv("PGSSLROOTCERT", raising=False)
    ca = {"ours": tls_server.ca, "other": tls_server.other_ca, "none": None}[which]
    address = _address(tls_server, host, ca)
    with pytest.raises(ServerRefusedError) as refused:
        connect(address, None)
    assert refused.value.kind == "tls"
    assert libpq_says in refused.value.detail
    message = str(refused.value)
    assert message.startswith(TLS_REFUSED.format(place=f"acme @ {host}"))
    assert "its certificate could not be verified" in message


def test_require_encrypts_without_verifying(tls_server: TlsServer) -> None:
    """The default (``require``): encrypted, the certificate not checked (the dialog's
    choice of verify-full is what checks it)."""
    address = ServerAddress("127.0.0.1", "acme", SUPERUSER, tls_server.port)
    assert address.sslmode == "require"
    database = connect(address, None)
    try:
        with database.engine.connect() as connection:
            ssl = connection.exec_driver_sql(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            ).scalar()
        assert ssl is True
    finally:
        database.close()


def test_the_ca_reaches_libpq_through_a_db_url(tls_server: TlsServer) -> None:
    """``--db postgresql://…?sslmode=verify-full&sslrootcert=…`` keeps the CA."""
    from entretien_desktop.services.server_login import parse_address  # noqa: PLC0415

    url = (
        f"postgresql://{SUPERUSER}@localhost:{tls_server.port}/acme"
        f"?sslmode=verify-full&sslrootcert={tls_server.ca}"
    )
    address, _password = parse_address(url)
    assert dict(address.options)["sslrootcert"] == str(tls_server.ca)
    database = connect(address, None)
    database.close()
