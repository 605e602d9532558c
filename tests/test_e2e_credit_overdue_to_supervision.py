"""End to end through the gateway on the real platform (one NATS): a department reports a credit record after
its 7-working-day publication deadline, credit's overdue job emits `credit.publication.overdue`, and the
tasks service raises a supervision item against that department (安政〔2023〕2号 二（一）1)."""

from __future__ import annotations

import httpx

from govkit.ids import make_uscc
from govkit.testing import eventually


async def test_credits_overdue_job_raises_a_supervision_item_over_nats(platform):
    decision = "安市监许〔2023〕e2e号"
    record = {"subject_code": make_uscc("91410500MA44E2E01"), "subject_name": "安阳端到端示范有限公司",
              "category": "administrative_license", "decision_number": decision, "decision_date": "2023-01-19",
              "title": "端到端许可", "legal_basis": "《中华人民共和国行政许可法》第三十八条"}
    async with platform.async_client() as gw:
        r = await gw.post("/credit/records/batch", headers=platform.auth("dept-scjg"),
                          json={"records": [record], "publish": False})
        assert r.status_code == 200, r.text
        assert r.json()["results"][0]["status"] == "created"
        run = await gw.post("/credit/ops/jobs/credit.publication.overdue/run", headers=platform.auth("ops-admin"))
        assert run.status_code == 200, run.text

        async def item() -> dict | None:
            r: httpx.Response = await gw.get("/tasks/supervision-items", headers=platform.auth("dept-dcs"),
                                             params={"department": "scjg", "limit": 500})
            return next((i for i in r.json()["items"] if decision in i["reason"]), None)

        raised = await eventually(item, timeout=30, interval=0.2)
        assert raised["source"] == "credit.publication.overdue" and raised["task_id"] is None
        assert raised["basis"] == "安政〔2023〕2号 二（一）1 信用信息归集通报制度"
        assert raised["answer_due_set_by"] == "default"
        own = await gw.get(f"/tasks/supervision-items/{raised['id']}", headers=platform.auth("dept-scjg"))
        assert own.status_code == 200
        answered = await gw.post(f"/tasks/supervision-items/{raised['id']}/answer", headers=platform.auth("dept-scjg"),
                                 json={"answer": "已补充公开并约谈经办人"})
        assert answered.status_code == 200 and answered.json()["status"] == "answered"
