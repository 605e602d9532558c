"""The development clients and the settings' refusal of unsafe defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from anyang_gateway.clients import ClientRegistry, main, markdown_table
from anyang_gateway.settings import DEV_CLIENTS_FILE, GatewaySettings
from govkit.ids import validate_resident_id, validate_uscc

DEV = ClientRegistry.load(DEV_CLIENTS_FILE)
README = Path(__file__).resolve().parent.parent / "README.md"


def principal(client_id: str):
    client = DEV.get(client_id)
    assert client is not None, client_id
    return client.principal


def test_every_dev_client_has_a_description_and_the_documented_secret():
    assert len(DEV) >= 21
    for client in DEV:
        assert client.description
        assert client.verify(f"{client.client_id}-secret")
        assert not client.verify(f"{client.client_id}-secreT")


def test_enterprise_and_bank_codes_are_valid_usccs_and_the_person_a_valid_resident_id():
    for client_id in ("ent-demo1", "ent-demo2", "ent-demo3", "core-demo", "bank-demo"):
        assert validate_uscc(principal(client_id).org) == principal(client_id).org
    person = principal("person-demo")
    assert person.kind == "person"
    assert validate_resident_id(person.org) == person.org
    assert person.org[:6] == "410502" and person.org[6:10] == "1985"


@pytest.mark.parametrize(("client_id", "org", "scopes"), [
    ("dept-fgw", "fgw", {"credit.admin", "credit.report", "credit.list", "credit.review", "credit.draw",
                         "audit.read"}),
    ("dept-scjg", "scjg", {"credit.report", "credit.list", "credit.review", "credit.draw", "hydrogen.cylinders",
                           "hydrogen.inspect"}),
    ("dept-sw", "sw", {"credit.report", "credit.list", "credit.review", "credit.draw",
                       "awards.department_review"}),
    ("dept-zy", "zy", {"credit.report", "credit.list", "credit.review", "credit.draw"}),
    ("dept-rsj", "rsj", {"credit.report", "credit.list", "credit.review", "credit.draw"}),
    ("dept-tjj", "tjj", {"awards.department_review"}),
    ("dept-kjj", "kjj", {"awards.department_review"}),
    ("dept-swj", "swj", {"awards.department_review"}),
    ("dept-gxj", "gxj", {"awards.office", "audit.read"}),
    ("dept-cgj", "cgj", {"hydrogen.regulator", "hydrogen.penalty", "audit.read"}),
    ("dept-zjj", "zjj", {"housing.admin", "audit.read"}),
    ("dept-dcs", "dcs", {"tasks.supervisor", "audit.read"}),
    ("dept-yjj", "yjj", {"hydrogen.inspect"}),
    ("dept-xfzd", "xfzd", {"hydrogen.inspect"}),
    ("county-linzhou", "410581", {"awards.county_review", "hydrogen.county", "housing.region"}),
    ("county-wenfeng", "410502", {"awards.county_review", "hydrogen.county", "housing.region"}),
    ("bank-demo", "91410500MA44BC043U", {"credit.finance_query"}),
    ("core-demo", "91410500MA44HX0510", {"credit.finance_query"}),
])
def test_each_role_has_its_organisation_and_scopes(client_id, org, scopes):
    p = principal(client_id)
    assert (p.org, set(p.scopes)) == (org, scopes)


def test_kinds_and_regions_of_the_demo_principals():
    assert principal("county-linzhou").kind == "department" and principal("county-linzhou").region == "410581"
    assert principal("bank-demo").kind == "financial_institution"
    assert principal("core-demo").kind == "enterprise"
    assert principal("ent-demo3").region == "410581"
    assert principal("ent-demo2").name == "安阳氢能示范有限公司"


def test_the_markdown_table_lists_every_client_and_the_readme_carries_it(capsys):
    assert main(["--markdown"]) == 0
    printed = capsys.readouterr().out
    assert printed == markdown_table(DEV)
    assert all(f"`{c.client_id}`" in printed for c in DEV)
    block = re.search(r"<!-- DEMO_CLIENTS:BEGIN -->\n(.*)<!-- DEMO_CLIENTS:END -->",
                      README.read_text("utf-8"), re.S)
    assert block and block.group(1) == printed, "run python -m anyang_gateway.clients --markdown"


def test_duplicate_client_ids_are_refused(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("clients:\n"
                    "  - {client_id: a, secret: x, principal: {kind: public}}\n"
                    "  - {client_id: a, secret: y, principal: {kind: public}}\n")
    with pytest.raises(ValueError, match="duplicate"):
        ClientRegistry.load(path)


def test_production_refuses_to_run_without_signing_keys_or_with_the_dev_clients_file(tmp_path):
    clients = tmp_path / "clients.yaml"
    clients.write_text("clients: []\n")
    key = tmp_path / "key.pem"
    key.write_text("unused")
    with pytest.raises(ValidationError, match="SIGNING_KEY_FILES"):
        GatewaySettings(env="production", clients_file=clients)
    with pytest.raises(ValidationError, match="CLIENTS_FILE"):
        GatewaySettings(env="production", signing_key_files=[key])
    assert GatewaySettings(env="production", signing_key_files=[key], clients_file=clients).is_production


def test_services_and_the_signing_keys_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GATEWAY_SERVICES", '{"credit": "http://credit:8000/"}')
    monkeypatch.setenv("GATEWAY_SIGNING_KEY_FILES", '["/run/secrets/new.pem", "/run/secrets/old.pem"]')
    monkeypatch.setenv("GATEWAY_RATE_LIMIT_PER_MINUTE", "5")
    settings = GatewaySettings()
    assert settings.services == {"credit": "http://credit:8000"}
    assert [str(p) for p in settings.signing_key_files] == ["/run/secrets/new.pem", "/run/secrets/old.pem"]
    assert settings.rate_limit_per_minute == 5
    assert settings.connect_timeout_seconds == 2.0 and settings.read_timeout_seconds == 30.0
    assert settings.max_body_bytes == 10 * 1024 * 1024
    assert settings.cors_origins == ["*"]
