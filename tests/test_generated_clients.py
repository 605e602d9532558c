"""Clients generated from the merged OpenAPI document work: a Python client (openapi-python-client) runs the
README's cross-service walk-through against the running platform, and TypeScript types (openapi-typescript,
used through openapi-fetch) type-check the same calls with tsc (tests/clients/walk.ts).

Heavy: each test starts a demo platform of its own (the walk-through writes) and runs a generator."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from govkit.testing import eventually
from govkit.testing.documents import merged_document

pytestmark = pytest.mark.heavy
CLIENTS = Path(__file__).with_name("clients")
BLACKLISTED = "91410500MA44GT012H"       # the first-ranked demo candidate (README step 1)
PENALISED_OPERATOR = "91410502MA44QN0296"  # the demo station's operator (README step 2)


@pytest.fixture(scope="module")
def walk_platform(databases, nats_url, tmp_path_factory) -> Iterator:
    from govkit.testing.platform import run_platform

    with run_platform(databases, nats_url, tmp_path_factory.mktemp("walk"), demo_data=True) as platform:
        yield platform


@pytest.fixture(scope="module")
def document_file(walk_platform, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("document") / "openapi.json"
    path.write_text(json.dumps(merged_document(walk_platform.client), ensure_ascii=False), encoding="utf-8")
    return path


def generate_python_client(document: Path, where: Path) -> object:
    """Generate the package `anyang_api_client` under `where` and import it."""
    bin_dir = Path(sys.executable).parent
    env = os.environ | {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}  # ruff formats the output
    done = subprocess.run([str(bin_dir / "openapi-python-client"), "generate", "--path", str(document),
                           "--output-path", str(where / "anyang_api_client"), "--meta", "none", "--overwrite"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith(("WARNING", "Unable"))]
    # the one binary answer (the monthly report as PDF) has no JSON model to generate; nothing else may be lost
    assert all("application/pdf" in done.stdout.split(line, 1)[1][:400] for line in problems), done.stdout
    sys.path.insert(0, str(where))
    return importlib.import_module("anyang_api_client")


class Operations:
    """The generated client's operation modules by operationId (`credit-add_list_entry`)."""

    def __init__(self, package) -> None:
        import pkgutil

        self.package = package
        self.modules = {}
        api = importlib.import_module(f"{package.__name__}.api")
        for info in pkgutil.walk_packages(api.__path__, f"{api.__name__}."):
            if not info.ispkg:
                self.modules[info.name.rsplit(".", 1)[1]] = info.name

    def __call__(self, operation_id: str):
        return importlib.import_module(self.modules[operation_id.replace("-", "_")])

    def body(self, operation_id: str, data: dict):
        """The operation's body model, filled from plain data."""
        import inspect

        annotation = inspect.signature(self(operation_id).sync_detailed).parameters["body"].annotation
        return annotation.from_dict(data)


async def test_a_generated_python_client_runs_the_readme_walk_through(walk_platform, document_file, tmp_path):
    package = generate_python_client(document_file, tmp_path)
    op = Operations(package)
    url = walk_platform.url

    def client(who: str | None = None):
        if who is None:
            return package.Client(base_url=url, raise_on_unexpected_status=True)
        return package.AuthenticatedClient(base_url=url, token=walk_platform.token(who),
                                           raise_on_unexpected_status=True)

    def ok(response, status: int = 200):
        assert response.status_code == status, response.content
        assert response.parsed is not None and type(response.parsed).__name__ != "Problem"
        return json.loads(response.content)

    # 1. the court lists the first-ranked candidate; awards disqualifies it from the event alone
    rounds = ok(await op("awards-list_rounds").asyncio_detailed(client=client()))
    round_id = rounds["items"][0]["id"]

    async def notice_status() -> str:
        notice = ok(await op("awards-get_notice").asyncio_detailed(round_id, client=client()))
        return next(e["status"] for e in notice["entries"] if e["entity_code"] == BLACKLISTED)

    before = await notice_status()
    assert ok(await op("credit-check_subject").asyncio_detailed(BLACKLISTED, client=client()))
    entry = {"subject_code": BLACKLISTED, "subject_name": "安阳钢铁示范有限公司", "decision_number": "(2026)豫05执1号",
             "legal_basis": "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
             "effective_date": "2026-11-28"}
    ok(await op("credit-add_list_entry").asyncio_detailed(
        "dishonest_judgment_debtor", client=client("dept-zy"), body=op.body("credit-add_list_entry", entry)), 201)
    after = await eventually(lambda: _changed(notice_status, before), timeout=30)
    assert after == "disqualified"
    ok(await op("awards-list_ranking_changes").asyncio_detailed(round_id, client=client("dept-gxj")))

    # 2. a hydrogen penalty becomes a public credit record of the operator
    stations = ok(await op("hydrogen-list_stations").asyncio_detailed(client=client("dept-cgj")))
    penalty = {"station_id": stations["items"][0]["id"], "decision_number": "安城管罚〔2026〕1号",
               "decided_on": "2026-11-27", "severity": "general", "violated_articles": [15],
               "applied_provision": "《城镇燃气管理条例》第四十九条", "summary": "未按规定核验气瓶登记即充装",
               "amount_fen": 2000000}
    ok(await op("hydrogen-decide_penalty").asyncio_detailed(
        client=client("dept-cgj"), body=op.body("hydrogen-decide_penalty", penalty)), 201)

    async def penalty_published() -> bool:
        records = ok(await op("credit-search_public_records").asyncio_detailed(
            client=client(), subject_code=PENALISED_OPERATOR))
        return any("administrative_penalty" in json.dumps(r) for r in records["items"])

    await eventually(penalty_published, timeout=30)

    # 3. the overdue job raises a supervision item in tasks
    run = ok(await op("credit-run_job").asyncio_detailed("credit.publication.overdue", client=client("ops-admin")))
    assert run["name"] == "credit.publication.overdue"

    async def supervised() -> bool:
        items = ok(await op("tasks-list_supervision_items").asyncio_detailed(client=client("dept-dcs")))
        return items["total"] >= 1

    await eventually(supervised, timeout=30)


async def _changed(read, before: str) -> str | None:
    now = await read()
    return now if now != before else None


def test_typescript_types_generated_from_the_merged_document_type_check_the_walk_through(document_file, tmp_path):
    npm = shutil.which("npm")
    assert npm, "npm is needed (Debian packages nodejs and npm, listed in .ci/apt-packages)"
    for name in ("package.json", "package-lock.json", "tsconfig.json", "walk.ts"):
        shutil.copy(CLIENTS / name, tmp_path / name)

    def run(*args: str) -> None:
        done = subprocess.run(list(args), cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}\n{done.stderr}"

    run(npm, "ci", "--no-audit", "--no-fund")  # the versions pinned in tests/clients/package-lock.json
    run(str(tmp_path / "node_modules/.bin/openapi-typescript"), str(document_file), "-o", "schema.d.ts")
    run(str(tmp_path / "node_modules/.bin/tsc"), "-p", ".")
