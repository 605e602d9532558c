"""The deployment manifests as an operator would render them, with every secret stubbed (deploy tests)."""

from __future__ import annotations

import base64
import importlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from govkit.auth import SigningKey
from govkit.events.access import consumed_types, generate
from govkit.keys import compose_env
from govkit.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SERVICES = ("credit", "hydrogen", "awards", "tasks", "housing")


def stub_env() -> dict[str, str]:
    """What `python -m govkit.keys compose-env` writes, parsed as compose reads a .env file."""
    env = {}
    for line in compose_env("postgres"):
        key, _, value = line.partition("=")
        env[key] = value.strip("'")
    return env | {"CLIENTS_FILE": "/etc/anyang/clients.yaml", "SIGNING_KEY_FILE": "/etc/anyang/signing-key.pem",
                  "NATS_AUTH_DIR": "/etc/anyang/nats"}


def compose() -> dict:
    """deploy/docker-compose.yml with anchors merged and ${VAR:?} interpolated from the stub env."""
    env = stub_env()

    def interpolate(match: re.Match) -> str:
        name, default = match.group(1), match.group(3)
        return env.get(name, default or "")

    text = re.sub(r"\$\{(\w+)(:?[?-]([^}]*))?\}", interpolate, (DEPLOY / "docker-compose.yml").read_text())
    return yaml.safe_load(text)


def kustomize(tmp: Path, overlay: str = "overlays/production") -> list[dict]:
    """`kubectl kustomize` of a copy of deploy/k8s whose secrets/*.env are filled from the stub env."""
    tree = tmp / "k8s"
    shutil.copytree(DEPLOY / "k8s", tree)
    env = stub_env()
    secrets = tree / "overlays" / "production" / "secrets"
    for example in secrets.glob("*.env.example"):
        service = example.name.split(".")[0]
        keys = [line.partition("=")[0] for line in example.read_text().splitlines() if "=" in line
                and not line.startswith("#")]
        (secrets / f"{service}.env").write_text("".join(
            f"{key}={env[f'{service.upper()}_DATABASE_URL'] if key == 'DATABASE_URL' else env[key]}\n"
            for key in keys))
    shutil.copyfile(secrets / "clients.yaml.example", secrets / "clients.yaml")
    (secrets / "signing-key.pem").write_text(SigningKey.generate().private_pem())
    generate(secrets / "nats", "anyang", consumed_types(f"anyang_{s}" for s in SERVICES))
    out = subprocess.run(["kubectl", "kustomize", str(tree / overlay)], capture_output=True, text=True, check=True)
    return [d for d in yaml.safe_load_all(out.stdout) if d]


def workload_env(docs: list[dict], workload: dict) -> dict[str, str]:
    """The environment a Deployment's or Job's first container gets from its envFrom and env."""
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    container = workload["spec"]["template"]["spec"]["containers"][0]
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            env |= by_name[("ConfigMap", source["configMapRef"]["name"])].get("data", {})
        else:
            secret = by_name[("Secret", source["secretRef"]["name"])]
            env |= {k: base64.b64decode(v).decode() for k, v in secret.get("data", {}).items()}
    env |= {e["name"]: e["value"] for e in container.get("env", []) if "value" in e}
    return env


def settings_class(service: str) -> type[ServiceSettings]:
    module = importlib.import_module(f"anyang_{service}.settings")
    return next(v for v in vars(module).values()
                if isinstance(v, type) and issubclass(v, ServiceSettings) and v is not ServiceSettings)


def settings_from(service: str, env: dict[str, str], monkeypatch) -> ServiceSettings:
    for key in list(os.environ):
        if key.startswith((f"{service.upper()}_", "DATABASE_URL", "ENV", "NATS_URL")):
            monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return settings_class(service).from_env(service)
