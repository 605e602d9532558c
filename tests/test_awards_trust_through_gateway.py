"""Issue #10 (awards): the trust holes probed through the gateway on the real platform, now answered right.

The platform is this module's own: every service's clock starts at T0 (CLOCK_OVERRIDE), and days pass for
awards by starting it again at a later instant (`Platform.restart`); eleven extra demo enterprises
(gateway clients `ent-t01`…`ent-t11`) let a round have more applicants than places.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml

from govkit.ids import make_uscc, resident_check_char
from govkit.testing.platform import Platform, run_platform

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2024, 3, 12, 10, tzinfo=SH)  # a Tuesday
CLIENTS_FILE = __import__("pathlib").Path(__file__).parents[1] / "gateway" / "clients.dev.yaml"
YI, WAN = 100_000_000, 10_000
EXTRA = {f"ent-t{n:02d}": make_uscc(f"91410502MA44T{n:04d}") for n in range(1, 12)}  # 文峰区 by their USCC


def _clients_file(directory) -> str:
    clients = yaml.safe_load(CLIENTS_FILE.read_text())
    for client_id, code in EXTRA.items():
        clients["clients"].append({"client_id": client_id, "secret": f"{client_id}-secret",
                                   "description": "test enterprise", "principal": {
                                       "kind": "enterprise", "org": code, "region": "410502",
                                       "name": f"测试企业{client_id[-2:]}", "scopes": []}})
    path = directory / "clients.yaml"
    path.write_text(yaml.safe_dump(clients, allow_unicode=True))
    return str(path)


@pytest.fixture(scope="module")
def platform(databases, nats_url, tmp_path_factory):
    directory = tmp_path_factory.mktemp("awards-trust")
    env = {"CLOCK_OVERRIDE": T0.isoformat(), "GATEWAY_CLIENTS_FILE": _clients_file(directory)}
    with run_platform(databases, nats_url, directory, env=env) as running:
        running.awards_clock = T0
        yield running


def days_pass(p: Platform, days: int) -> date:
    """Days pass for awards: it starts again with its clock `days` later (10:00); returns its new date."""
    p.awards_clock += timedelta(days=days)
    p.restart("awards", {"CLOCK_OVERRIDE": p.awards_clock.isoformat()})
    return p.awards_clock.date()


def ok(r, status: int = 201) -> dict:
    assert r.status_code == status, r.text
    return r.json()


def eventually_sync(check, timeout: float = 30.0) -> bool:
    """Poll a check until it holds (an event crossing NATS), False when it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)  # poll interval
    return False


def items(body) -> list:
    """A collection's items (the page envelope, or a bare list)."""
    return body["items"] if isinstance(body, dict) else body


def new_round(p: Platform, year: int, category: str, **kw) -> str:
    """A round open for applications until today (awards' clock)."""
    today = p.awards_clock.date()
    body = {"year": year, "category": category, "announced_on": (today - timedelta(days=10)).isoformat(),
            "application_deadline": today.isoformat()} | kw
    rid = ok(p.client.post("/awards/rounds", headers=p.auth("dept-gxj"), json=body))["id"]
    step(p, rid, "applications_open")
    return rid


def step(p: Platform, rid: str, to: str, **kw) -> dict:
    return ok(p.client.post(f"/awards/rounds/{rid}/transitions", headers=p.auth("dept-gxj"), json={"to": to} | kw))


def figures(**values) -> dict:
    return {k: {"value": v, "evidence": f"审计报告-{k}"} for k, v in values.items()}


def apply(p: Platform, rid: str, client_id: str, **body) -> dict:
    base = {"enterprise_name": f"企业{client_id}", "sector": "fine_steel", "reports_on_time": True,
            "reports_evidence": "统计联网直报回执"}
    return ok(p.client.post(f"/awards/rounds/{rid}/applications", headers=p.auth(client_id), json=base | body))


def through_county_review(p: Platform, rid: str, applications: list[dict]) -> None:
    """The next day: county review (by the county the application names), then department review."""
    days_pass(p, 1)
    step(p, rid, "county_review")
    for a in applications:
        reviewer = {"410502": "county-wenfeng", "410581": "county-linzhou"}.get(a["region"], "dept-gxj")
        ok(p.client.post(f"/awards/applications/{a['id']}/county-review", headers=p.auth(reviewer),
                         json={"decision": "approved", "opinion": "同意推荐"}), 200)
    step(p, rid, "department_review")


def test_a_figure_is_changed_only_by_its_holder_reviewing_the_round(platform):
    """Item 3: 科技局 changed a tax figure, a non-reviewer changed revenue, a correction `1` answered 500."""
    p = platform
    rid = new_round(p, 2023, "fast10", review_departments=["sw", "kjj", "swj"])  # 统计 does not review it
    a = apply(p, rid, "ent-demo2", figures=figures(revenue=3 * YI, tax=1200 * WAN))
    through_county_review(p, rid, [a])
    url = f"/awards/applications/{a['id']}/figures"

    r = p.client.post(f"{url}/tax/review", headers=p.auth("dept-kjj"), json={"action": "correct", "value": 1})
    assert r.status_code == 403 and r.json()["facts"]["holder"] == "sw", r.text  # 第十二条: 税务 holds tax
    r = p.client.post(f"{url}/revenue/review", headers=p.auth("dept-tjj"), json={"action": "correct", "value": 1})
    assert r.status_code == 403 and r.json()["facts"]["reviewers"] == ["kjj", "sw", "swj"], r.text
    assert "basis" in r.json() and "第十二条" in r.json()["basis"]

    fig = ok(p.client.post(f"{url}/tax/review", headers=p.auth("dept-sw"), json={"action": "correct", "value": 1}),
             200)
    assert (fig["value"], fig["source"], fig["corrected"]) == ("1", "sw", True)  # the number one, not true
    r = p.client.post(f"{url}/tax/review", headers=p.auth("dept-sw"), json={"action": "correct", "value": True})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "value", r.text
    fig = ok(p.client.post(f"{url}/tax/review", headers=p.auth("dept-sw"),
                           json={"action": "correct", "value": "11500000.00", "note": "金税系统数据"}), 200)
    assert fig["value"] == "11500000.00" and fig["declared"] == "12000000"
    detail = ok(p.client.get(f"/awards/applications/{a['id']}", headers=p.auth("ent-demo2")), 200)
    assert next(f for f in detail["figures"] if f["name"] == "tax")["value"] == "11500000.00"


def test_expert_scores_come_only_from_experts_the_office_registered(platform):
    """Item 3: a member department cannot enter expert scores of experts it names itself (第十三条)."""
    p = platform
    rid = new_round(p, 2023, "innovator10")
    a = apply(p, rid, "ent-demo3", person_name="林示范", contribution="innovation",
              posts=[{"role": "general_manager", "start": "2015-01-01"}],
              figures=figures(main_revenue=5 * YI, rd_expense=3000 * WAN))
    through_county_review(p, rid, [a])
    scores = f"/awards/applications/{a['id']}/expert-scores"
    score = {"indicator": "research_results", "score": 9}

    r = p.client.post(scores, headers=p.auth("dept-kjj"), json=score | {"expert_id": "张三"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "expert_id", r.text
    r = p.client.post(f"/awards/rounds/{rid}/experts", headers=p.auth("dept-kjj"),
                      json={"name": "张三", "department": "kjj"})
    assert r.status_code == 403, r.text  # only the office registers experts
    r = p.client.post(f"/awards/rounds/{rid}/experts", headers=p.auth("dept-gxj"),
                      json={"name": "李四", "department": "zy"})
    assert r.status_code == 422, r.text  # not a member department reviewing the round
    expert = ok(p.client.post(f"/awards/rounds/{rid}/experts", headers=p.auth("dept-gxj"),
                              json={"name": "王教授", "department": "kjj"}))
    listed = ok(p.client.get(f"/awards/rounds/{rid}/experts", headers=p.auth("dept-kjj")), 200)
    assert [e["id"] for e in listed["items"]] == [expert["id"]]

    r = p.client.post(scores, headers=p.auth("dept-swj"), json=score | {"expert_id": expert["id"]})
    assert r.status_code == 403, r.text  # entered by the department the office registered the expert with
    row = ok(p.client.post(scores, headers=p.auth("dept-kjj"), json=score | {"expert_id": expert["id"]}))
    assert (row["expert_id"], row["department"], row["score"]) == (expert["id"], "kjj", 9)


def test_the_reviewing_county_is_where_the_enterprise_is_registered_not_what_it_declares(platform):
    """Item 7: an applicant declared the region of its choice and so chose its reviewer (第十六条)."""
    p = platform
    moved = EXTRA["ent-t01"]  # USCC of 文峰区, credit subject registered in 林州市
    ok(p.client.post("/credit/subjects", headers=p.auth("dept-scjg"), json={
        "code": moved, "name": "测试企业01", "region": "410581", "industry": "制造业"}), 200)
    rid = new_round(p, 2022, "top10")
    by_credit = apply(p, rid, "ent-t01", region="410502", figures=figures(revenue=6 * YI, tax=3000 * WAN))
    by_uscc = apply(p, rid, "ent-demo2", region="410581", figures=figures(revenue=6 * YI, tax=3000 * WAN))
    by_city = apply(p, rid, "ent-demo1", figures=figures(revenue=6 * YI, tax=3000 * WAN))
    assert (by_credit["region"], by_credit["region_source"]) == ("410581", "credit_subject")
    assert (by_uscc["region"], by_uscc["region_source"]) == ("410502", "uscc")  # the declared 410581 is ignored
    assert (by_city["region"], by_city["region_source"]) == ("410500", "city")

    days_pass(p, 1)
    step(p, rid, "county_review")
    review = {"decision": "approved", "opinion": "同意推荐"}
    r = p.client.post(f"/awards/applications/{by_credit['id']}/county-review", headers=p.auth("county-wenfeng"),
                      json=review)
    assert r.status_code == 403, r.text  # the region it declared does not review it
    for a, county in ((by_credit, "county-linzhou"), (by_uscc, "county-wenfeng"), (by_city, "dept-gxj")):
        assert ok(p.client.post(f"/awards/applications/{a['id']}/county-review", headers=p.auth(county),
                                json=review), 200)["county_decision"] == "approved"
    seen = ok(p.client.get("/awards/applications", params={"round_id": rid}, headers=p.auth("county-linzhou")), 200)
    assert [a["id"] for a in seen["items"]] == [by_credit["id"]]


def top10_figures(n: int) -> dict:
    """Enterprise n of 11: every figure grows with n, so the ranking is 11, 10, …, 1."""
    return figures(revenue=(5 + n) * YI, value_added=(1 + n) * YI, tax=(2000 + 100 * n) * WAN,
                   rd_expense=(100 + 10 * n) * WAN, avg_employees=1000)


def through_to_public_notice(p: Platform, rid: str, applications: list[dict]) -> dict:
    """County and department review, preliminary opinion, the meetings (today), public notice."""
    through_county_review(p, rid, applications)
    for dept in ("dept-tjj", "dept-sw", "dept-kjj", "dept-swj"):
        ok(p.client.post(f"/awards/rounds/{rid}/department-opinions", headers=p.auth(dept), json={"opinion": "已核"}))
    step(p, rid, "preliminary_opinion")
    for kind in ("leading_group", "executive", "standing_committee"):  # held today
        ok(p.client.post(f"/awards/rounds/{rid}/meetings", headers=p.auth("dept-gxj"),
                         json={"kind": kind, "held_on": p.awards_clock.date().isoformat(), "ref": "会议纪要"}))
        if kind == "leading_group":
            step(p, rid, "city_examination")
    step(p, rid, "public_notice")
    return ok(p.client.get(f"/awards/rounds/{rid}/notice"), 200)


def test_one_who_enters_the_winners_is_on_the_notice_and_the_notice_ends_by_itself(platform):
    """Items 10 and 1: a candidate entering the winners after another's disqualification was on neither the
    notice nor the honours; nothing ended the notice but a caller's transition."""
    p = platform
    rid = new_round(p, 2024, "top10")
    apps = {n: apply(p, rid, f"ent-t{n:02d}", figures=top10_figures(n)) for n in range(1, 12)}
    notice = through_to_public_notice(p, rid, list(apps.values()))
    listed = {e["entity_code"]: e for e in notice["entries"]}
    assert len(listed) == 10 and EXTRA["ent-t01"] not in listed  # 11th of 11

    # 第二十五条: an objection found true (fraud) disqualifies the first; the eleventh enters the winners
    first = listed[EXTRA["ent-t11"]]
    objection = ok(p.client.post(f"/awards/rounds/{rid}/objections", json={
        "entry_id": first["id"], "objector_name": "张某", "content": "申报营业收入虚报"}))
    ok(p.client.post(f"/awards/objections/{objection['id']}/handling", headers=p.auth("dept-gxj"),
                     json={"opinion": "经会同统计部门核查，虚报属实", "proposed_finding": "fraud"}), 200)
    ok(p.client.post(f"/awards/objections/{objection['id']}/decision", headers=p.auth("dept-gxj"), json={
        "finding": "fraud", "decided_on": p.awards_clock.date().isoformat(), "meeting_ref": "领导小组决定"}), 200)
    notice = ok(p.client.get(f"/awards/rounds/{rid}/notice"), 200)
    entries = {e["entity_code"]: e for e in notice["entries"]}
    assert entries[EXTRA["ent-t11"]]["status"] == "disqualified"
    newcomer = entries[EXTRA["ent-t01"]]
    assert (newcomer["status"], newcomer["rank"], newcomer["within_places"]) == ("active", 10, True)
    assert sum(e["status"] == "active" and e["within_places"] for e in entries.values()) == 10

    # 第二十条: before its 7 working days have run the job leaves the notice alone
    job = "/awards/ops/jobs/awards.notice.end/run"
    ran = ok(p.client.post(job, headers=p.auth("ops-admin")), 200)["last_result"]
    assert ran.startswith("公示期满结束并公布结果0轮")  # what the run did, in the caller's language
    assert ok(p.client.get(f"/awards/rounds/{rid}"), 200)["state"] == "public_notice"
    # … and the day after its last day it ends it by itself (the job runs as the service starts)
    end = date.fromisoformat(notice["notice_end"])
    published_on = days_pass(p, (end - p.awards_clock.date()).days + 1)
    assert eventually_sync(lambda: ok(p.client.get(f"/awards/rounds/{rid}"), 200)["state"] == "published")
    honours = {h["entity_code"]: h for h in items(ok(p.client.get(f"/awards/rounds/{rid}/results"), 200))}
    assert EXTRA["ent-t01"] in honours and EXTRA["ent-t11"] not in honours and len(honours) == 10
    assert {h["granted_on"] for h in honours.values()} == {published_on.isoformat()}  # the day they were granted
    steps = items(ok(p.client.get(f"/awards/rounds/{rid}/transitions"), 200))
    assert steps[-1]["to_state"] == "published" and steps[-1]["by"].startswith("system")


def person_id(n: int) -> str:
    body = f"41050219800101{n:03d}"
    return body + resident_check_char(body)


def list_person_or_enterprise(p: Platform, code: str, name: str, case: int) -> str:
    """The court (失信被执行人 authority) lists a person or an enterprise, in force on credit's today."""
    return ok(p.client.post("/credit/lists/dishonest_judgment_debtor/entries", headers=p.auth("dept-zy"), json={
        "subject_code": code, "subject_name": name, "decision_number": f"(2024)豫05执{case}号",
        "legal_basis": "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
        "effective_date": "2024-03-01"}))["id"]


def top50_body(n: int, **kw) -> dict:
    return {"person_name": f"企业家{n:02d}", "roles_filled": ["actual_controller"],
            "posts": [{"role": "actual_controller", "start": "2010-01-01"},
                      {"role": "legal_representative", "start": "2015-01-01"}],
            "figures": figures(revenue=(2 + n) * YI, value_added=(1 + n) * 10**7, tax=(600 + n) * WAN,
                               rd_expense=(300 + n) * WAN, smart_upgrade_expense=(100 + n) * WAN,
                               energy_use=10_000 - n, total_profit=(2 + n) * 10**7, total_cost=(10 + n) * 10**7)} | kw


def test_an_entrepreneur_is_checked_by_person_ref_and_merit10_nominees_follow_list_events(platform):
    """Item 10: an entrepreneur's ID number was never checked against the lists, and 十大功勋企业家 nominees
    ignored list events."""
    p = platform
    listed_person = person_id(1)
    list_person_or_enterprise(p, listed_person, "企业家02", 101)
    rid = new_round(p, 2024, "top50")
    # 第二条 at application: credit answers for the entrepreneur by its PersonRef (the ID number never travels)
    refused = apply(p, rid, "ent-t02", **top50_body(2, person_id=listed_person))
    assert refused["credit"]["status"]["dishonest_judgment_debtor"]["listed"] is True
    assert refused["eligible"] is False and refused["person_id_masked"].endswith(listed_person[-4:])
    clients = ["ent-t01", *(f"ent-t{n:02d}" for n in range(3, 12)), "ent-demo1", "ent-demo3"]
    apps = {c: apply(p, rid, c, **top50_body(i, person_id=person_id(10 + i))) for i, c in enumerate(clients, 3)}
    assert all(a["eligible"] for a in apps.values()), [c for c, a in apps.items() if not a["eligible"]]
    # … and afterwards: a listing of the entrepreneur (credit's event names it by PersonRef) disqualifies
    later = apps["ent-t03"]
    list_person_or_enterprise(p, person_id(10 + clients.index("ent-t03") + 3), "企业家04", 102)
    assert eventually_sync(lambda: ok(p.client.get(f"/awards/applications/{later['id']}", headers=p.auth(
        "dept-gxj")), 200)["status"] == "disqualified")

    # 第七条: the year's 50强 (11 winners) are the 十大功勋企业家 nominees
    notice = through_to_public_notice(p, rid, [refused, *apps.values()])
    end = date.fromisoformat(notice["notice_end"])
    days_pass(p, (end - p.awards_clock.date()).days + 1)
    assert eventually_sync(lambda: ok(p.client.get(f"/awards/rounds/{rid}"), 200)["state"] == "published")
    honours = items(ok(p.client.get(f"/awards/rounds/{rid}/results"), 200))
    assert len(honours) == 11
    merit = new_round(p, 2024, "merit10")
    nominees = ok(p.client.post(f"/awards/rounds/{merit}/merit10/nominees", headers=p.auth("dept-gxj"),
                                json={"top50_honour_ids": [h["id"] for h in honours]}))
    target = next(n for n in items(nominees) if n["entity_code"] == EXTRA["ent-t04"])

    def nominee() -> dict:
        body = ok(p.client.get(f"/awards/rounds/{merit}/merit10/nominees"), 200)
        return next(n for n in items(body) if n["id"] == target["id"])

    entry = list_person_or_enterprise(p, EXTRA["ent-t04"], "测试企业04", 103)  # 第二条: its enterprise is listed
    assert eventually_sync(lambda: nominee()["status"] == "disqualified")
    assert nominee()["disqualification"]["reasons"][0]["ref"] == entry
    ok(p.client.post(f"/credit/lists/dishonest_judgment_debtor/entries/{entry}/removal", headers=p.auth("dept-zy"),
                     json={"reason": "revocation", "note": "错误列入，撤销"}), 200)
    assert eventually_sync(lambda: nominee()["status"] == "active")  # wrongly made: restored (Interpretation)
