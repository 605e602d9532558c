"""Across hosts the bus runs over TLS (issue 9): with `nats_tls_ca_file` a service verifies the NATS server and
talks to it encrypted; a client that does not trust the server's CA gets no connection."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from pathlib import Path

import nats
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from govkit.events.bus import Bus, Credentials
from govkit.testing import NatsServer


def _pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _certificate(subject: str, key, issuer_name: x509.Name, issuer_key, *, ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
               .issuer_name(issuer_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _tls_files(root: Path) -> dict[str, Path]:
    """A throw-away CA and a server certificate for 127.0.0.1 signed by it."""
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test CA")])
    ca = _certificate("test CA", ca_key, ca_name, ca_key, ca=True)
    server = _certificate("nats", server_key, ca_name, ca_key, ca=False)
    files = {"ca": root / "ca.pem", "cert": root / "server.pem", "key": root / "server-key.pem"}
    files["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files["cert"].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    files["key"].write_bytes(_pem(server_key))
    return files


@pytest.fixture
def tls_nats(tmp_path):
    files = _tls_files(tmp_path)
    config = tmp_path / "tls.conf"
    config.write_text(f'tls {{ cert_file: "{files["cert"]}", key_file: "{files["key"]}" }}\n')
    server = NatsServer(tmp_path / "nats", config=config)
    server.start()
    yield server, files
    server.stop()


async def test_a_service_verifies_the_nats_server_by_its_ca_and_publishes_over_tls(tls_nats, event_prefix):
    server, files = tls_nats
    url = f"tls://127.0.0.1:{server.port}"
    bus = Bus(url, event_prefix, name="tls-test", service="ping", credentials=Credentials(tls_ca_file=str(files["ca"])))
    bus.start()
    try:
        await bus.wait_ready(10)
        await bus.ensure_stream("ping")
        ack = await bus.js.publish(f"{event_prefix}.ping.ping.created", b"{}")
        assert ack.seq == 1 and bus.nc.connected_url.scheme == "tls"
    finally:
        await bus.close()

    with pytest.raises((ssl.SSLError, OSError, nats.errors.NoServersError)):  # the system CAs do not vouch for it
        await nats.connect(url, tls=ssl.create_default_context(), allow_reconnect=False, connect_timeout=2)
