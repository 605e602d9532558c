"""Generates deployment secrets (deploy/README.md, "Keys"):

    python -m govkit.keys compose-env [--host postgres]   # a .env for deploy/docker-compose.yml
    python -m govkit.keys client CLIENT_ID                # a new client secret and its sha256 for clients.yaml
    python -m govkit.keys signing-key                     # a new Ed25519 token signing key (PEM) for the gateway

Database passwords are random and URL-encoded where they go into a URL; ID keys are 32 random bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import secrets
from urllib.parse import quote

from govkit.auth import SigningKey
from govkit.crypto import generate_key

SERVICES = ("credit", "hydrogen", "awards", "tasks", "housing")


def compose_env(host: str) -> list[str]:
    lines = [f"ID_ENCRYPTION_KEYS={generate_key()}", f"ID_HASH_KEYS={generate_key()}",
             f"PERSON_REF_KEYS={generate_key()}",
             f"CREDIT_REPORT_SECRET={secrets.token_urlsafe(48)}", f"POSTGRES_PASSWORD={secrets.token_urlsafe(24)}"]
    for service in SERVICES:
        password = secrets.token_urlsafe(24) + "/@:%"  # characters a URL must encode, encoded below
        lines.append(f"{service.upper()}_DB_PASSWORD='{password}'")
        lines.append(f"{service.upper()}_DATABASE_URL=postgresql+asyncpg://{service}:{quote(password, safe='')}"
                     f"@{host}:5432/{service}")
    return lines


def client(client_id: str) -> list[str]:
    secret = secrets.token_urlsafe(32)
    return ["# give the secret to the client once; keep only the digest in clients.yaml",
            f"# client_secret: {secret}",
            f"- client_id: {client_id}", f"  secret_sha256: {hashlib.sha256(secret.encode()).hexdigest()}"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m govkit.keys")
    sub = parser.add_subparsers(dest="command", required=True)
    env = sub.add_parser("compose-env")
    env.add_argument("--host", default="postgres")
    cl = sub.add_parser("client")
    cl.add_argument("client_id")
    sub.add_parser("signing-key")
    args = parser.parse_args(argv)
    if args.command == "signing-key":
        print(SigningKey.generate().private_pem().rstrip())
        return
    print("\n".join(compose_env(args.host) if args.command == "compose-env" else client(args.client_id)))


if __name__ == "__main__":
    main()
