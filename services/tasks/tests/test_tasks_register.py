"""The task register: units read from the bulletin's text and resolved through the reference data."""

import pytest

from anyang_tasks.app import spec
from anyang_tasks.domain.responsibility import resolve_units, split_units
from anyang_tasks.settings import TasksSettings
from govkit import refdata
from govkit.testing import service_client


def test_a_unit_marked_lead_leads_and_the_others_co_operate():
    pairs = split_units("（市商务局牵头，市发展改革委、市农业农村局按职责分工负责）")
    assert pairs == [("市商务局", "lead"), ("市发展改革委", "co_operate"), ("市农业农村局", "co_operate")]


def test_without_a_lead_every_unit_named_is_a_lead_and_groups_expand():
    units = resolve_units("（市发展改革委、市商务局，各县〔市、区〕政府按职责分工负责）")
    assert all(u.role == "lead" for u in units)
    codes = {u.code for u in units}
    assert {"fgw", "swj"} <= codes
    assert {u.code for u in refdata.group_members("各县（市、区）政府")} <= codes
    assert "410590" not in codes  # 各县（市、区） does not include the functional zones


def test_an_alias_resolves_to_the_one_unit_and_an_unknown_name_fails():
    assert [u.code for u in resolve_units("（市住房城乡建设局负责）")] == ["zjj"]
    with pytest.raises(refdata.UnknownUnit):
        resolve_units("（市不存在局负责）")


async def test_the_demo_loads_the_sample_tasks_once_and_they_are_public(databases):
    async with service_client(databases, spec, TasksSettings, demo_data=True) as c:
        await c.app.state.spec.demo_loader(c.app)  # a second start changes nothing
        body = (await c.get("/tasks")).json()
        assert [t["number"] for t in body["items"]] == [1, 2, 5, 7, 12, 22]
        task7 = (await c.get("/tasks/GWR2023-7")).json()
        assert task7["text"].startswith("完善县乡村电子商务和快递物流配送体系")
        assert task7["units"][0] == {
            "code": "swj",
            "name": "市商务局",
            "role": "lead",
            "role_label": "牵头/负责",
        }
        assert {u["role"] for u in task7["units"][1:]} == {"co_operate"}
        zjj = (await c.get("/tasks", params={"unit": "zjj"})).json()
        assert [t["number"] for t in zjj["items"]] == [5]
        assert (await c.get("/tasks/GWR2023-99")).status_code == 404
