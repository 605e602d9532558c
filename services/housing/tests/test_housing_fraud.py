"""Fraud cases: the housing authority confirms 骗取保障性住房 → housing.fraud.confirmed for credit."""

from govkit.crypto import PersonRef
from govkit.settings import DEV_PERSON_REF_KEY

PERSON_ID = "410502198506150026"


async def _application(housing, tokens) -> dict:
    r = await housing.post(
        "/applications",
        headers=tokens["person"],
        json={
            "applicant_name": "示范市民",
            "id_number": PERSON_ID,
            "household_members": 1,
            "applied_on": "2023-03-01",
        },
    )
    assert r.status_code == 201, r.text
    return r.json()


async def test_a_confirmed_fraud_emits_the_event_and_revokes_the_application(housing, tokens, outbox_events):
    app = await _application(housing, tokens)
    r = await housing.post(
        "/fraud-cases",
        headers=tokens["admin"],
        json={"application_id": app["id"], "facts": "隐瞒在市区自有住房一套"},
    )
    assert r.status_code == 201, r.text
    case = r.json()
    assert case["person_name"] == "示范市民" and case["person_id_masked"] == "410502********0026"
    assert await outbox_events() == []  # opening a case announces nothing
    r = await housing.post(
        f"/fraud-cases/{case['id']}/confirmation",
        headers=tokens["admin"],
        json={"decision_number": "安住建保〔2023〕8号", "decided_on": "2023-04-10"},
    )
    assert r.status_code == 200 and r.json()["status"] == "confirmed" and PERSON_ID not in r.text
    [event] = await outbox_events("housing.fraud.confirmed")
    assert PERSON_ID not in str(event)  # the person is named by the platform-wide PersonRef only
    assert event["subject"] == case["id"]
    assert event["data"] == {
        "case_id": case["id"],
        "person_ref": PersonRef([DEV_PERSON_REF_KEY]).ref(PERSON_ID),
        "person_id_masked": "410502********0026",
        "leases_ended": 0,
        "offers_withdrawn": 0,
        "person_name": "示范市民",
        "decision_number": "安住建保〔2023〕8号",
        "decided_on": "2023-04-10",
        "department": "zjj",
        "facts": "隐瞒在市区自有住房一套",
    }
    revoked = (await housing.get(f"/applications/{app['id']}", headers=tokens["person"])).json()
    assert revoked["status"] == "revoked"
    again = await housing.post(
        f"/fraud-cases/{case['id']}/confirmation",
        headers=tokens["admin"],
        json={"decision_number": "安住建保〔2023〕9号", "decided_on": "2023-04-10"},
    )
    assert again.status_code == 409
    assert len(await outbox_events("housing.fraud.confirmed")) == 1


async def test_a_case_by_id_number_alone_and_its_dismissal(housing, tokens, outbox_events):
    r = await housing.post(
        "/fraud-cases",
        headers=tokens["admin"],
        json={"id_number": "11010519491231002X", "person_name": "某某", "facts": "伪造证明"},
    )
    assert r.status_code == 201
    case = r.json()
    r = await housing.post(
        f"/fraud-cases/{case['id']}/dismissal", headers=tokens["admin"], json={"reason": "查无实据"}
    )
    assert r.status_code == 200 and r.json()["status"] == "dismissed"
    r = await housing.post(
        f"/fraud-cases/{case['id']}/confirmation",
        headers=tokens["admin"],
        json={"decision_number": "x", "decided_on": "2023-04-10"},
    )
    assert r.status_code == 409
    assert await outbox_events() == []


async def test_only_the_housing_authority_opens_and_confirms(housing, tokens, outbox_events):
    app = await _application(housing, tokens)
    body = {"application_id": app["id"], "facts": "x"}
    for who in ("fgw", "person"):
        assert (await housing.post("/fraud-cases", json=body, headers=tokens[who])).status_code == 403
    case = (await housing.post("/fraud-cases", json=body, headers=tokens["admin"])).json()
    r = await housing.post(
        f"/fraud-cases/{case['id']}/confirmation",
        headers=tokens["fgw"],
        json={"decision_number": "x", "decided_on": "2023-04-10"},
    )
    assert r.status_code == 403
    assert (await housing.get("/fraud-cases", headers=tokens["person"])).status_code == 403
    assert (await housing.get(f"/fraud-cases/{case['id']}", headers=tokens["person"])).status_code == 200
    assert (
        await housing.get(f"/fraud-cases/{case['id']}", headers=tokens["other_person"])
    ).status_code == 403
    assert await outbox_events() == []


async def test_a_case_needs_a_subject_and_a_valid_decision_date(housing, tokens):
    r = await housing.post("/fraud-cases", headers=tokens["admin"], json={"facts": "x"})
    assert r.status_code == 422 and "application_id" in r.json()["errors"][0]["message"]
    case = (
        await housing.post(
            "/fraud-cases",
            headers=tokens["admin"],
            json={"id_number": PERSON_ID, "person_name": "示范市民", "facts": "x"},
        )
    ).json()
    r = await housing.post(
        f"/fraud-cases/{case['id']}/confirmation",
        headers=tokens["admin"],
        json={"decision_number": "y", "decided_on": "2999-01-01"},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "decided_on"


async def test_a_confirmed_fraud_ends_the_lease_and_withdraws_open_offers_each_audited(housing, tokens, flow):
    p = await flow.recognised()
    app = await flow.apply()
    [u1, u2, *_] = await flow.units(p["id"])
    offer = await flow.offer(p["id"], u1["id"])
    flow.ok(await housing.post(f"/offers/{offer['id']}/acceptance", headers=tokens["person"]))
    lease = flow.ok(await housing.post(f"/offers/{offer['id']}/lease", headers=tokens["operator"],
                                       json={"start_on": "2023-03-01", "end_on": "2024-02-29"}), 201)
    # a second application of the same person, with an open offer
    await flow.apply()
    open_offer = await flow.offer(p["id"], u2["id"])
    case = flow.ok(await housing.post("/fraud-cases", headers=tokens["admin"],
                                      json={"application_id": app["id"], "facts": "隐瞒市区住房"}), 201)
    flow.ok(await housing.post(f"/fraud-cases/{case['id']}/confirmation", headers=tokens["admin"],
                               json={"decision_number": "安住建保〔2023〕12号", "decided_on": "2023-04-10"}))
    ended = flow.ok(await housing.get(f"/leases/{lease['id']}", headers=tokens["admin"]))
    assert ended["status"] == "ended" and "骗取" in ended["end_reason"]
    offers = {o["id"]: o for o in flow.ok(await housing.get("/offers", headers=tokens["admin"]))["items"]}
    assert offers[open_offer["id"]]["status"] == "withdrawn"
    public = flow.ok(await housing.get(f"/public/projects/{p['id']}"))
    assert public["units_available"] == 4  # both units are free again
    for kind, oid, action in (("lease", lease["id"], "lease.end"), ("offer", open_offer["id"], "offer.withdraw")):
        history = (await housing.get(f"/audit/{kind}/{oid}", headers=tokens["admin"])).json()
        rows = history["items"] if isinstance(history, dict) else history
        assert any(r["action"] == action and r["detail"]["case_id"] == case["id"] for r in rows)
    proof = flow.ok(await housing.get(f"/leases/{lease['id']}/residence-permit-proof", headers=tokens["admin"]))
    assert proof["qualifies"] is False
