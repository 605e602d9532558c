"""The one public projection (README: Privacy; CP 四（四）: 不得侵犯…个人隐私): what every public answer —
published records, public reports, grades, list checks, government disclosures — shows of a subject and of
free text. ID numbers keep their first 6 and last 4 characters, mobile numbers their first 3 and last 4, a
natural person's name its first character, and an address its administrative part (province, city, county or
district); the street, building and room are hidden."""

from __future__ import annotations

import re

_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_NUMBER = r"[0-9０-９一二三四五六七八九十百零A-Za-z#＃\-－]{1,8}(?:号院|号楼|号|栋|幢|座|单元|层|楼|室|户|组)"
# a street-level place (road, lane, village, compound, building) followed by house, building or room numbers
_ADDRESS = re.compile(r"(?P<street>[\u4e00-\u9fa5A-Za-z0-9]{1,24}?"
                      r"(?:大道|大街|路|街|巷|弄|胡同|村|社区|小区|花园|家园|公寓|苑|大厦|广场))"
                      r"(?:[东西南北中]段|[东西南北]侧)?"
                      rf"(?:{_NUMBER})+")
_AREA_END = re.compile(r"^.*(?:省|自治区|市|区|县|镇|乡)")
HIDDEN = "****"


def _address(m: re.Match) -> str:
    street = m.group("street")
    area = _AREA_END.match(street[:-1])  # the administrative part before the street, if any
    return (area.group(0) if area else "") + HIDDEN


def public_text(text: str | None) -> str:
    """Free text as the public sees it: ID numbers, mobile numbers and addresses masked."""
    text = _ID_LIKE.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text or "")
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
    return _ADDRESS.sub(_address, text)


def public_name(name: str | None, person: bool) -> str:
    """Interpretation (README: Privacy): a natural person's name keeps its first character only (张三 → 张*);
    legal entities' names are shown in full."""
    name = (name or "").strip()
    if not person:
        return name
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def public_check(result: dict) -> dict:
    """A list check as the public sees it: the entries' texts with ID and mobile numbers and addresses masked."""
    hits = [h | {k: public_text(h.get(k)) for k in ("authority", "legal_basis", "decision_number")}
            for h in result.get("hits", [])]
    return result | {"hits": hits}
