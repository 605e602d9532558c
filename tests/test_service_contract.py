"""What every service promises the platform: migrations match the models, health, readiness,
stable operationIds, problem+json on bad input."""

from __future__ import annotations

import importlib
import re

import pytest

from govkit.migrations import check
from govkit.testing import service_client

SERVICES = ["credit", "hydrogen", "awards", "tasks", "housing"]


def _load(name: str):
    app_module = importlib.import_module(f"anyang_{name}.app")
    settings_cls = type(app_module.create.__annotations__.get("settings", None)) and getattr(
        importlib.import_module(f"anyang_{name}.settings"), f"{name.capitalize()}Settings")
    return app_module.spec, settings_cls


@pytest.mark.parametrize("name", SERVICES)
def test_migrations_match_the_models(name, databases):
    spec, _ = _load(name)
    check(spec.migrations_dir, databases.fresh(name, spec.migrations_dir))  # alembic check: clean


@pytest.mark.parametrize("name", SERVICES)
async def test_service_is_healthy_ready_and_documents_stable_operation_ids(name, databases):
    spec, settings_cls = _load(name)
    async with service_client(databases, spec, settings_cls) as client:
        assert (await client.get("/health")).json() == {"status": "ok", "service": name}
        assert (await client.get("/ready")).json()["database"] == "ok"
        doc = (await client.get("/openapi.json")).json()
        op_ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()
                  if isinstance(op, dict) and "operationId" in op]
        assert op_ids and len(op_ids) == len(set(op_ids))
        assert all(op.startswith(f"{name}-") for op in op_ids)


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@pytest.mark.parametrize("name", SERVICES)
async def test_every_operation_has_a_bilingual_summary(name, databases):
    """Every operation is summarised "中文 / English" (FastAPI's default English-only title is not enough)."""
    spec, settings_cls = _load(name)
    async with service_client(databases, spec, settings_cls) as client:
        doc = (await client.get("/openapi.json")).json()
    ops = {(method.upper(), path): op for path, item in doc["paths"].items() for method, op in item.items()
           if isinstance(op, dict) and "operationId" in op}
    assert ops
    missing = sorted(f"{m} {p}: {op.get('summary')!r}" for (m, p), op in ops.items()
                     if not (_CJK.search(op.get("summary") or "") and " / " in op["summary"]))
    assert not missing, "operations without a bilingual summary:\n" + "\n".join(missing)
