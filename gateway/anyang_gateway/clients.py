"""Registry of OAuth2 clients (machine clients and app backends) and the principal each acts as.

File format (YAML):
    clients:
      - client_id: dept-fgw
        secret: dept-fgw-secret            # or secret_sha256: <hex of sha256(secret)>
        description: 市发展改革委 — credit lead
        principal: {kind: department, org: fgw, region: "410500", scopes: [credit.admin], name: 市发展改革委}
        rate_limit_per_minute: 6000        # optional: this client's own limit (else the gateway's)

`python -m anyang_gateway.clients --markdown [FILE]` prints the clients as a README table.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from anyang_gateway.settings import DEV_CLIENTS_FILE
from govkit.auth import Principal

# Compared against when the client id is unknown, so a wrong id costs as much time as a wrong secret.
_DUMMY_DIGEST = hashlib.sha256(b"no such client").hexdigest()


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Client:
    client_id: str
    principal: Principal
    secret_sha256: str
    description: str = ""
    plain_secret: str | None = None  # only kept to print the development table
    rate_limit_per_minute: int | None = None  # this client's own limit, else the gateway's

    def verify(self, secret: str) -> bool:
        return hmac.compare_digest(_sha256(secret), self.secret_sha256)


class ClientRegistry:
    def __init__(self, clients: list[Client]) -> None:
        self._clients: dict[str, Client] = {}
        for c in clients:
            if c.client_id in self._clients:
                raise ValueError(f"duplicate client_id {c.client_id!r}")
            self._clients[c.client_id] = c

    @classmethod
    def load(cls, path: Path | str, *, allow_plain_secrets: bool = True) -> ClientRegistry:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        clients = []
        for i, raw in enumerate(data.get("clients") or []):
            client_id = str(raw.get("client_id") or "")
            if not client_id:
                raise ValueError(f"{path}: client #{i} has no client_id")
            plain, digest = raw.get("secret"), raw.get("secret_sha256")
            if (plain is None) == (digest is None):
                raise ValueError(f"{path}: client {client_id} needs exactly one of secret / secret_sha256")
            if plain is not None and not allow_plain_secrets:
                raise ValueError(f"{path}: client {client_id} has a plain-text secret; use secret_sha256")
            principal = Principal.model_validate({"sub": client_id, **(raw.get("principal") or {})})
            limit = raw.get("rate_limit_per_minute")
            if limit is not None and (not isinstance(limit, int) or limit <= 0):
                raise ValueError(f"{path}: client {client_id}: rate_limit_per_minute must be a positive integer")
            clients.append(Client(
                client_id=client_id, principal=principal,
                secret_sha256=str(digest).lower() if digest is not None else _sha256(str(plain)),
                description=str(raw.get("description") or ""),
                plain_secret=str(plain) if plain is not None else None, rate_limit_per_minute=limit))
        return cls(clients)

    def __iter__(self):
        return iter(self._clients.values())

    def __len__(self) -> int:
        return len(self._clients)

    def get(self, client_id: str) -> Client | None:
        return self._clients.get(client_id)

    def authenticate(self, client_id: str, secret: str) -> Client | None:
        """The client if the secret matches (constant-time comparison), else None."""
        client = self._clients.get(client_id)
        if client is None:
            hmac.compare_digest(_sha256(secret), _DUMMY_DIGEST)
            return None
        return client if client.verify(secret) else None

    def rate_limits(self) -> dict[str, int]:
        """Per-client limits, keyed as the rate limiter keys a verified caller (`client:<sub>`)."""
        return {f"client:{c.principal.sub}": c.rate_limit_per_minute for c in self if c.rate_limit_per_minute}

    def all_scopes(self) -> list[str]:
        return sorted({s for c in self for s in c.principal.scopes})


def markdown_table(registry: ClientRegistry) -> str:
    """The clients as a README-friendly markdown table (DEMO_CLIENTS)."""
    rows = ["| client_id | secret | kind | org | region | scopes | description |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for c in registry:
        p = c.principal
        secret = f"`{c.plain_secret}`" if c.plain_secret else "(sha256)"
        scopes = " ".join(f"`{s}`" for s in p.scopes) or "—"
        desc = c.description.replace("|", "\\|")
        rows.append(f"| `{c.client_id}` | {secret} | {p.kind.value} | `{p.org}` | {p.region} | {scopes} "
                    f"| {desc} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anyang_gateway.clients",
                                     description="Show the gateway's OAuth2 clients.")
    parser.add_argument("file", nargs="?", default=str(DEV_CLIENTS_FILE))
    parser.add_argument("--markdown", action="store_true", help="print the DEMO_CLIENTS markdown table")
    args = parser.parse_args(argv)
    registry = ClientRegistry.load(args.file)
    if args.markdown:
        sys.stdout.write(markdown_table(registry))
    else:
        for c in registry:
            sys.stdout.write(f"{c.client_id}\t{c.principal.kind.value}\t{c.principal.org}\t"
                             f"{' '.join(c.principal.scopes)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
