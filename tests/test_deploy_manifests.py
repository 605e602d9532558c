"""The production path, checked without a container engine: kustomize output, schema validators, hadolint,
and the meaning of what they describe (settings accepted in production, names that resolve, NATS URLs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import kubernetes_validate
import pytest

from anyang_gateway.settings import GatewaySettings
from govkit.settings import nats_servers
from tests.deploy_render import DEPLOY, SERVICES, compose, kustomize, settings_from, workload_env

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> list[dict]:
    return kustomize(tmp_path_factory.mktemp("kustomize"))


def _named(docs, kind):
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def test_the_production_overlay_renders_with_the_namespace_first_and_everything_in_it(rendered):
    assert rendered[0]["kind"] == "Namespace" and rendered[0]["metadata"]["name"] == "anyang"
    assert all(d["metadata"].get("namespace") == "anyang" for d in rendered[1:])
    deployments = _named(rendered, "Deployment")
    assert set(deployments) == {f"{s}-api" for s in SERVICES} | {"gateway"}
    assert set(_named(rendered, "Job")) == {f"{s}-migrate" for s in SERVICES}
    for name, d in deployments.items():
        c = d["spec"]["template"]["spec"]["containers"][0]
        assert {"startupProbe", "readinessProbe", "livenessProbe", "resources", "securityContext"} <= set(c), name
        assert c["image"].startswith("registry.example.gov.cn/anyang/platform:") and not c["image"].endswith(":latest")
        assert d["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    assert {f"{s}-api" for s in SERVICES} | {"gateway", "nats"} == set(_named(rendered, "PodDisruptionBudget"))
    assert {f"{s}-api" for s in SERVICES} | {"gateway"} == set(_named(rendered, "HorizontalPodAutoscaler"))
    assert _named(rendered, "Ingress")["gateway"]["spec"]["tls"]


def test_every_rendered_object_passes_the_kubernetes_schema(rendered):
    for doc in rendered:
        kubernetes_validate.validate(doc, "1.32.0", strict=True)


def test_nats_forms_its_cluster_in_parallel_with_a_jetstream_aware_probe(rendered):
    nats = _named(rendered, "StatefulSet")["nats"]
    assert nats["spec"]["podManagementPolicy"] == "Parallel" and nats["spec"]["replicas"] == 3
    headless = _named(rendered, "Service")[nats["spec"]["serviceName"]]
    assert headless["spec"]["publishNotReadyAddresses"] is True and headless["spec"]["clusterIP"] == "None"
    probe = nats["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["path"]
    assert "js-enabled-only=true" in probe


def test_only_the_gateway_reaches_services_except_awards_calling_credit(rendered):
    policies = _named(rendered, "NetworkPolicy")
    for service in SERVICES:
        sources = [peer["podSelector"]["matchLabels"]["anyang.gov.cn/peer"]
                   for rule in policies[service]["spec"]["ingress"] for peer in rule["from"]]
        assert sources == (["gateway", "awards"] if service == "credit" else ["gateway"])


def test_every_service_in_kubernetes_starts_in_production_with_names_that_resolve(rendered, monkeypatch):
    services = _named(rendered, "Service")
    nats = _named(rendered, "StatefulSet")["nats"]
    nats_hosts = {f"nats-{i}.{nats['spec']['serviceName']}" for i in range(nats["spec"]["replicas"])}
    workloads = list(_named(rendered, "Deployment").values()) + list(_named(rendered, "Job").values())
    for workload in workloads:
        env = workload_env(rendered, workload)
        if workload["metadata"]["name"] == "gateway":
            gateway = _gateway_settings(env, monkeypatch, Path(__file__))
            assert {urlsplit(u).hostname for u in gateway.services.values()} <= set(services)
            continue
        service = env["SERVICE"]
        settings = settings_from(service, env, monkeypatch)
        assert settings.env == "production" and settings.database_url.endswith(f"/{service}")
        assert {urlsplit(u).hostname for u in nats_servers(settings.nats_url)} <= nats_hosts
        assert urlsplit(settings.jwks_url).hostname in services
        if service == "awards":
            assert urlsplit(settings.credit_base_url).hostname in services


def test_every_service_in_compose_starts_in_production_with_names_that_resolve(monkeypatch, tmp_path):
    doc = compose()
    names = set(doc["services"])
    for name, svc in doc["services"].items():
        assert set(svc.get("depends_on", {})) <= names, name
        env = {k: str(v) for k, v in (svc.get("environment") or {}).items()}
        if name == "gateway":
            clients = tmp_path / "clients.yaml"
            clients.write_text("clients: []\n")
            env["GATEWAY_CLIENTS_FILE"] = str(clients)
            gateway = _gateway_settings(env, monkeypatch, clients)
            assert {urlsplit(u).hostname for u in gateway.services.values()} <= names
        elif name in SERVICES:
            settings = settings_from(name, env, monkeypatch)
            assert settings.env == "production" and not settings.migrate_on_startup
            assert {urlsplit(u).hostname for u in nats_servers(settings.nats_url)} <= names
            assert urlsplit(settings.jwks_url).hostname in names
            assert svc["depends_on"][f"{name}-migrate"] == {"condition": "service_completed_successfully"}


def _gateway_settings(env, monkeypatch, clients_file: Path) -> GatewaySettings:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GATEWAY_CLIENTS_FILE", str(clients_file))
    settings = GatewaySettings()
    assert settings.is_production
    json.dumps(settings.services)
    return settings


def test_the_compose_file_passes_the_compose_specification():
    subprocess.run([BIN / "check-jsonschema", "--builtin-schema", "vendor.compose-spec",
                    str(DEPLOY / "docker-compose.yml")], check=True, capture_output=True)


def test_the_dockerfile_is_hadolint_clean():
    result = subprocess.run([BIN / "hadolint", str(DEPLOY / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
