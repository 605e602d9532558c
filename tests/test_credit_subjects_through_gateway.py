"""Issue #10 item 6: subjects are changed only by those entitled — probed through the gateway. A reporting
department renamed an enterprise, made it a government body and moved it to another county through
POST /subjects; now only the registration authority of the kind does, against the reference data, with history,
and a name sent with a record is kept on the record without renaming anyone."""

from __future__ import annotations

import uuid

from govkit.ids import make_uscc


def test_only_the_registration_authority_changes_a_subject(platform):
    gw = platform.client
    sw, scjg, fgw = platform.auth("dept-sw"), platform.auth("dept-scjg"), platform.auth("dept-fgw")
    code = make_uscc("91410502MA" + uuid.uuid4().hex[:7].upper())
    registered = {"code": code, "name": "安阳登记示范有限公司", "region": "410502", "industry": "制造业"}
    # a reporting department cannot register an enterprise; its registrar (市场监管) can
    assert gw.post("/credit/subjects", headers=sw, json=registered).status_code == 403
    r = gw.post("/credit/subjects", headers=scjg, json=registered)
    assert r.status_code == 200 and r.json()["kind"] == "enterprise", r.text

    # the probe: a reporting department renames it, makes it a government body, moves it to another county
    probe = {"code": code, "name": "改名机关", "kind": "government_body", "region": "410581"}
    refused = gw.post("/credit/subjects", headers=sw, json=probe)
    assert refused.status_code == 403 and refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["type"].endswith("not-registrar")
    # nor the credit lead: the kind it had is registered by 市场监管
    assert gw.post("/credit/subjects", headers=fgw, json=probe).status_code == 403
    # nor 市场监管 itself (it does not register government bodies); it cannot make a 911… code an individual
    # business (GB 32100-2015), nor use a region outside the reference data
    assert gw.post("/credit/subjects", headers=scjg, json=probe).status_code == 403
    bad = gw.post("/credit/subjects", headers=scjg, json=registered | {"kind": "individual_business"})
    assert bad.status_code == 422 and {e["code"] for e in bad.json()["errors"]} == {"kind_not_of_code"}
    nowhere = gw.post("/credit/subjects", headers=scjg, json=registered | {"region": "419999"})
    assert nowhere.status_code == 422 and nowhere.json()["errors"][0]["field"] == "region"

    # a record with another subject_name is accepted, keeps that name, and renames nobody
    record = {"subject_code": code, "subject_name": "随便写的名字", "category": "administrative_license",
              "decision_number": f"安税许〔2023〕{uuid.uuid4().hex[:8]}号", "decision_date": "2023-03-06",
              "title": "许可决定", "legal_basis": "《中华人民共和国行政许可法》第三十八条"}
    r = gw.post("/credit/records/batch", headers=sw, json={"records": [record], "publish": True})
    assert r.json()["results"][0]["status"] == "created", r.text
    kept = gw.get(f"/credit/records/{r.json()['results'][0]['record_id']}/history", headers=sw).json()["record"]
    assert kept["reported_subject_name"] == "随便写的名字" and kept["subject_name"] == "安阳登记示范有限公司"

    # the registrar moves it (history kept); everyone reads the registration, the public report follows it
    moved = gw.post("/credit/subjects", headers=scjg, json=registered | {"region": "410581"})
    assert moved.status_code == 200 and moved.json()["region"] == "410581"
    subject = gw.get(f"/credit/subjects/{code}")
    assert subject.status_code == 200
    assert (subject.json()["name"], subject.json()["kind"], subject.json()["region"]) == (
        "安阳登记示范有限公司", "enterprise", "410581")
    history = gw.get(f"/credit/subjects/{code}/history").json()["changes"]
    assert [c["changed_by"] for c in history] == ["scjg", "scjg"]
    assert history[1]["before"] == {"region": "410502"} and history[1]["after"] == {"region": "410581"}
    report = gw.post("/credit/reports", json={"subject_code": code, "version": "public"})
    assert report.status_code == 201, report.text
    identity = report.json()["subject"]
    assert (identity["name"], identity["kind"], identity["region"]) == ("安阳登记示范有限公司", "enterprise", "410581")
