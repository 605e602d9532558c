"""Asks the credit service whether an entity is on a list (第二条) at application time: GET /lists/check/{code}?as_of=,
and where its credit subject is registered (第十六条: the county that reviews): GET /subjects/{code}.

Injectable: tests put a client with an httpx transport (e.g. ASGITransport over the credit app) on
``app.state.credit_client``. Unreachable or unexpected answers give ``listed=None`` (under review), never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from anyang_awards.domain.eligibility import CreditList, CreditListStatus


@dataclass(frozen=True)
class CreditAnswer:
    statuses: dict[str, CreditListStatus]
    message_zh: str
    message_en: str
    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def reachable(self) -> bool:
        return all(s.listed is not None for s in self.statuses.values())

    def with_person(self, person: CreditAnswer) -> CreditAnswer:
        """The enterprise's answer and its entrepreneur's together (第二条 applies to both): listed on a list
        when either is; unknown where neither is listed and one is unknown."""
        statuses = {}
        for code, mine in self.statuses.items():
            theirs = person.statuses.get(code, CreditListStatus(False))
            if mine.listed or theirs.listed:
                statuses[code] = mine if mine.listed else theirs
            else:
                statuses[code] = mine if mine.listed is None else theirs
        return CreditAnswer(statuses, f"{self.message_zh}；企业家：{person.message_zh}",
                            f"{self.message_en}; entrepreneur: {person.message_en}", self.entries + person.entries)


def _unknown(zh: str, en: str) -> CreditAnswer:
    return CreditAnswer({lst.value: CreditListStatus(None) for lst in CreditList}, zh, en)


class CreditClient:
    def __init__(self, base_url: str, *, timeout: float = 5.0, transport: httpx.AsyncBaseTransport | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.transport = transport

    async def check(self, code: str, as_of: date) -> CreditAnswer:
        return await self._check(f"/lists/check/{code}", as_of)

    async def check_person(self, person_ref: str, as_of: date) -> CreditAnswer:
        """A natural person by the platform-wide PersonRef (govkit.crypto), never the ID number."""
        return await self._check(f"/lists/check/persons/{person_ref}", as_of)

    async def _check(self, path: str, as_of: date) -> CreditAnswer:
        try:
            async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout,
                                         transport=self.transport) as client:
                r = await client.get(path, params={"as_of": as_of.isoformat()})
        except httpx.HTTPError as e:
            return _unknown(f"信用服务暂不可用（{type(e).__name__}），名单状态待核实",
                            f"credit service unreachable ({type(e).__name__}): list status under review")
        if r.status_code != 200:
            return _unknown(f"信用服务返回{r.status_code}，名单状态待核实",
                            f"credit service answered {r.status_code}: list status under review")
        try:
            body = r.json()
            raw = body.get("hits", body.get("entries", []))  # credit answers "hits" ({"list": code, ...})
            entries = [{**e, "list_code": e.get("list_code") or e.get("list")} for e in raw if isinstance(e, dict)]
            listed_flag = bool(body["listed"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return _unknown("信用服务应答格式无法识别，名单状态待核实",
                            "credit service answer not understood: list status under review")
        statuses: dict[str, CreditListStatus] = {}
        for lst in CreditList:
            hit = next((e for e in entries if e.get("list_code") == lst.value), None)
            statuses[lst.value] = CreditListStatus(hit is not None, hit.get("entry_id") if hit else None)
        relevant = [e for e in entries if e.get("list_code") in {lst.value for lst in CreditList}]
        if listed_flag and relevant:
            return CreditAnswer(statuses, "信用服务：被列入第二条所列名单", "credit service: listed", relevant)
        return CreditAnswer(statuses, f"信用服务：截至{as_of.isoformat()}未列入第二条所列名单",
                            f"credit service: not on an Art. 2 list on {as_of.isoformat()}", relevant)


    async def subject_region(self, code: str) -> str | None:
        """The region of the legal entity's credit subject (GET /subjects/{code}); None when credit does not
        know it or cannot answer (the USCC's registration code decides then)."""
        try:
            async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout,
                                         transport=self.transport) as client:
                r = await client.get(f"/subjects/{code}")
            region = r.json().get("region") if r.status_code == 200 else None
        except (httpx.HTTPError, ValueError, AttributeError):
            return None
        return region if isinstance(region, str) else None


def credit_client_of(app) -> CreditClient:
    client = getattr(app.state, "credit_client", None)
    if client is None:
        s = app.state.settings
        client = CreditClient(s.credit_base_url, timeout=s.credit_timeout_seconds)
        app.state.credit_client = client
    return client
