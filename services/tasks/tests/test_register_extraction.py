"""The register extracted from the bulletin: what the shipped data holds, checked against the text."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from anyang_tasks.data import DATA_FILE, register_entries
from anyang_tasks.domain.responsibility import split_units
from anyang_tasks.extraction.gazette import BE, CP, GWR, SOURCE, extract
from anyang_tasks.extraction.quantities import due_dates, targets
from govkit import refdata

COUNTIES = {u.code for u in refdata.group_members("各县（市、区）政府")}


@pytest.fixture(scope="module")
def entries() -> dict[tuple[str, str, int], dict]:
    return {(e["document"], e["part"], e["number"]): e for e in register_entries()}


def gwr(entries, n: int) -> dict:
    return entries[(GWR, "body", n)]


def test_the_shipped_data_is_what_the_extraction_reads_from_the_bulletin():
    shipped = json.loads(DATA_FILE.read_text(encoding="utf-8"))["entries"]
    assert shipped == extract(SOURCE.read_text(encoding="utf-8"))


def test_99_gwr_tasks_numbered_1_to_99_without_gaps_each_with_a_unit_or_group(entries):
    numbers = sorted(n for (doc, part, n) in entries if doc == GWR)
    assert numbers == list(range(1, 100))
    assert all(e["units"] or e["groups"] for e in entries.values())
    assert len({(e["document"], e["part"], e["number"]) for e in register_entries()}) == len(entries)


def test_the_annex_keeps_its_12_numbers_with_lead_units_and_dates(entries):
    annex = {n: e for (doc, part, n), e in entries.items() if doc == BE and part == "annex"}
    assert sorted(annex) == list(range(1, 13))
    assert all(u["role"] == "lead" for e in annex.values() for u in e["units"])
    assert annex[2]["due_on"] == "2023-01-31" and {u["code"] for u in annex[2]["units"]} == {"fgw", "ggzy"}
    assert [u["code"] for u in annex[1]["units"]] == ["zwfw"]  # "市政务服务和大数 据管理局" joined
    assert {u["code"] for u in annex[5]["units"]} == {"zjj", "gdgs"}  # "国网 安阳供电公司" joined
    assert {u["code"] for u in annex[8]["units"]} == COUNTIES and annex[8]["groups"][0]["name"] == "市有关部门"
    assert annex[9]["units"] == [] and annex[9]["groups"][0]["name"] == "各监管部门"


def test_the_body_deadlines_the_annex_does_not_repeat(entries):
    body = {n: e for (doc, part, n), e in entries.items() if doc == BE and part == "body"}
    assert {n: e["due_on"] for n, e in body.items()} == {5: "2023-01-31", 6: "2023-02-28", 11: "2023-02-28"}
    assert body[5]["text"].endswith("1月底前基本实现资质异地共认。")
    assert body[6]["text"].startswith("2月底前完成我市涉企违规收费专项整治")
    assert body[11]["text"] == "2月底前实现全市道路运输电子证照区域、种类全覆盖。"
    assert {u["code"] for u in body[5]["units"]} == {"sw", "rsj", "scjg", "daj"}  # "…市档案局等按职责分工负责"


def test_credit_plan_lines_are_read_as_roles_not_names(entries):
    cp = {e["ref"]: e for (doc, part, n), e in entries.items() if doc == CP}
    assert len(cp) == 45
    line = cp["二（一）2"]  # "（责任单位：市政府办公室、市纪委监委、市委组织部牵头，市发展改革委、…等配合）"
    assert {u["code"]: u["role"] for u in line["units"]} == {
        "zfb": "lead", "jwjw": "lead", "zzb": "lead", "fgw": "co_operate", "zy": "co_operate", "gxj": "co_operate",
        "swj": "co_operate", "czj": "co_operate", "tjj": "co_operate"}
    neither = cp["二（一）3"]  # "（责任单位：市委组织部、市纪委监委、市发展改革委）": every unit leads
    assert {u["role"] for u in neither["units"]} == {"lead"} and len(neither["units"]) == 3
    assert cp["三（四）"]["groups"] == [{"name": "各行业主管部门", "role": "co_operate", "written": "各行业主管部门"}]


def test_every_open_group_entry_is_listed(entries):
    listed = Counter(g["name"] for e in entries.values() for g in e["groups"])
    assert set(listed) == {"相关县（市、区）政府", "各相关部门", "各监管部门", "市政府各部门",
                           "市有关部门", "市相关部门和单位", "各行业主管部门"}
    # every collective written in a parenthesis is either expanded (closed) or kept as a group (open)
    for e in entries.values():
        for written, _ in split_units(e["responsibility"]) if e["part"] != "annex" else []:
            if refdata.open_group(written):
                assert refdata.open_group(written) in {g["name"] for g in e["groups"]}, (e["id"], written)


def test_task_1_field_by_field(entries):
    t = gwr(entries, 1)
    assert t["section"] == "一、全力稳定经济运行 / （一）积极扩大有效投资"
    assert t["text"] == "滚动开展“三个一批”，全年签约项目、开工项目、投产项目均在 100 个以上。"
    assert t["responsibility"] == "（市发展改革委、市商务局，各县〔市、区〕政府按职责分工负责）"
    assert {u["code"] for u in t["units"]} == {"fgw", "swj"} | COUNTIES
    assert all(u["role"] == "lead" for u in t["units"])
    assert {u["written"] for u in t["units"] if u["code"] in COUNTIES} == {"各县〔市、区〕政府"}
    assert [(g["metric"], g["comparison"], g["value"], g["unit"]) for g in t["targets"]] == [
        ("签约项目", "ge", "100", "个"), ("开工项目", "ge", "100", "个"), ("投产项目", "ge", "100", "个")]
    assert t["due_on"] is None


def test_task_3_joins_a_unit_name_broken_by_a_page_break_and_reads_its_date(entries):
    t = gwr(entries, 3)
    assert t["text"].endswith("加快完善安阳红旗渠机场周边基础设施，确保 2023 年 6 月底前正式通航。")
    assert t["responsibility"].startswith("（市发展改革委、市交通运输局")  # "市发展\n\n改革委" joined
    assert [u["code"] for u in t["units"]] == ["fgw", "jtys", "zjj", "thzx"]
    assert t["groups"] == [{"name": "相关县（市、区）政府", "role": "lead", "written": "相关县〔市、区〕政府"}]
    assert t["due_on"] == "2023-06-30" and t["due_basis"] == "2023 年 6 月底前"


def test_task_4_shares_the_lead_among_five_units(entries):
    t = gwr(entries, 4)
    assert [u["code"] for u in t["units"]] == ["swj", "czj", "fgw", "zjj", "gxj"]
    assert {u["role"] for u in t["units"]} == {"lead"}


def test_task_7_lead_and_co_operating_units(entries):
    t = gwr(entries, 7)
    assert t["section"] == "一、全力稳定经济运行 / （二）促进消费持续恢复"
    roles = {u["code"]: u["role"] for u in t["units"]}
    assert roles.pop("swj") == "lead" and len(roles) == 9 and set(roles.values()) == {"co_operate"}


def test_task_8_text_broken_by_a_page_break_is_joined(entries):
    assert "全力疏堵点、解难点、治痛点" in gwr(entries, 8)["text"]


def test_task_12_and_16_targets(entries):
    assert [(g["metric"], g["comparison"], g["value"], g["unit"]) for g in gwr(entries, 12)["targets"]] == [
        ("新增规模以上工业企业", "ge", "100", "家")]
    t16 = {g["metric"]: (g["comparison"], g["value"], g["unit"]) for g in gwr(entries, 16)["targets"]}
    assert t16["高新技术企业"] == ("ge", "330", "家") and t16["技术合同登记额"] == ("gt", "15", "亿元")


def test_task_37_counties_and_functional_zones_co_operate_under_the_lead(entries):
    t = gwr(entries, 37)
    roles = {u["code"]: u["role"] for u in t["units"]}
    assert roles["fgw"] == "lead"
    assert all(roles[c] == "co_operate" for c in COUNTIES | {"410590", "410591", "410592"})


def test_tasks_88_and_90_split_groups_joined_by_ji(entries):
    assert [g["name"] for g in gwr(entries, 88)["groups"]] == ["各相关部门", "相关县（市、区）政府"]
    t90 = gwr(entries, 90)
    assert [g["name"] for g in t90["groups"]] == ["市政府各部门"]
    assert {u["code"] for u in t90["units"]} == {"yjj"} | COUNTIES


def test_quantities_and_dates_read_from_text():
    assert [(t.metric, t.comparison, t.value, t.unit) for t in targets("蔬菜播种面积稳定在 130 万亩左右")] == [
        ("蔬菜播种面积", "about", "130", "万亩")]
    assert targets("严格落实安全生产“十五条”硬措施、50条具体措施") == []
    assert [d.isoformat() for d, _ in due_dates("1月底前制定，2月底前实现", 2023)] == ["2023-01-31", "2023-02-28"]
