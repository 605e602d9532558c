"""Who may do what on the event bus: one NKEY user per service, least privilege (issue 9; spec: Events).

A service may publish only its own events (`<prefix>.<service>.>`) and manage only its own stream; it may
create, read from and acknowledge only the durable consumers of the event types it consumes, each bound to
exactly that type's subject; replies reach it on its own inbox prefix `_INBOX_<service>` only. Anything else
— another service's event, an anonymous connection — is refused by the server, so a forged
`hydrogen.penalty.decided` never reaches a stream.

`python -m govkit.events.access OUT_DIR [--prefix anyang] anyang_credit anyang_hydrogen …` writes one seed
file per service (`OUT_DIR/<service>.nk`, mode 0600: give each service only its own, as
<SERVICE>_NATS_NKEY_SEED_FILE) and the server's authorisation (`OUT_DIR/auth.conf`, for `nats-server -c`;
include it from a larger configuration). The permissions follow the services' code: what each consumes is
read from its ServiceSpec's handlers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import nkeys

from govkit.events.envelope import durable_name, nats_subject, stream_name


def new_user_seed() -> str:
    """A fresh NKEY user seed (SU…); its public key (U…) is what the server knows."""
    return nkeys.encode_seed(os.urandom(32), nkeys.PREFIX_BYTE_USER).decode()


def public_key(seed: str) -> str:
    return nkeys.from_seed(seed.encode()).public_key.decode()


def permissions(prefix: str, service: str, consumes: Iterable[str]) -> dict:
    """The subjects one service's user may publish to and subscribe to."""
    own = stream_name(prefix, service)
    publish = [f"{prefix}.{service}.>",
               *(f"$JS.API.STREAM.{op}.{own}" for op in ("CREATE", "UPDATE", "INFO"))]
    for event_type in sorted(consumes):
        stream, durable = stream_name(prefix, event_type.split(".", 1)[0]), durable_name(prefix, service, event_type)
        publish += [f"$JS.API.CONSUMER.CREATE.{stream}.{durable}.{nats_subject(prefix, event_type)}",
                    f"$JS.API.CONSUMER.DURABLE.CREATE.{stream}.{durable}",
                    f"$JS.API.CONSUMER.INFO.{stream}.{durable}",
                    f"$JS.API.CONSUMER.MSG.NEXT.{stream}.{durable}",
                    f"$JS.ACK.{stream}.{durable}.>"]
    return {"publish": {"allow": publish}, "subscribe": {"allow": [f"_INBOX_{service}.>"]}}


def server_authorization(prefix: str, seeds: Mapping[str, str], consumes: Mapping[str, Iterable[str]]) -> dict:
    """The `authorization` block of nats-server's configuration: the services' users and nobody else."""
    return {"authorization": {"users": [
        {"nkey": public_key(seed), "permissions": permissions(prefix, service, consumes.get(service, ()))}
        for service, seed in sorted(seeds.items())]}}


def consumed_types(packages: Iterable[str]) -> dict[str, list[str]]:
    """What each service consumes, read from its ServiceSpec (`<package>.app:spec`)."""
    import importlib

    specs = [importlib.import_module(f"{package}.app").spec for package in packages]
    return {spec.name: sorted(spec.handlers) for spec in specs}


def generate(out_dir: Path, prefix: str, consumes: Mapping[str, Iterable[str]]) -> dict[str, Path]:
    """Write a new seed per service and the server's authorisation; returns each service's seed file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds = {service: new_user_seed() for service in consumes}
    files = {}
    for service, seed in seeds.items():
        path = out_dir / f"{service}.nk"
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(seed + "\n")
        files[service] = path
    # JSON is valid nats-server configuration syntax
    (out_dir / "auth.conf").write_text(json.dumps(server_authorization(prefix, seeds, consumes), indent=2))
    return files


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="NKEY users and nats-server authorisation for the services")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--prefix", default=os.environ.get("EVENT_PREFIX", "anyang"))
    parser.add_argument("packages", nargs="+", help="the services' packages, e.g. anyang_credit")
    args = parser.parse_args()
    files = generate(args.out_dir, args.prefix, consumed_types(args.packages))
    for service, path in files.items():
        print(f"{service.upper()}_NATS_NKEY_SEED_FILE={path}")
    print(f"nats-server -c {args.out_dir / 'auth.conf'}")


if __name__ == "__main__":
    main()
