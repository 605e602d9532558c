"""Which county government reviews an application (安政办〔2023〕4号 第十六条: 经各县（市、区）政府审核).

Not the applicant's choice: the region where the enterprise is registered — its credit subject's region;
else the registration authority's code in its USCC (characters 3–8, GB 32100-2015); where neither is a
county, district or functional zone of the reference data, the city (410500), where the office reviews.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from .errors import art

CITY = "410500"


@dataclass(frozen=True)
class ReviewingCounty:
    region: str
    source: str  # credit_subject | uscc | city
    basis: str
    facts: dict[str, Any]
    message_zh: str
    message_en: str


def reviewing_county(*, uscc: str, credit_region: str | None, counties: Collection[str],
                     declared: str | None = None) -> ReviewingCounty:
    """The county that reviews; a `declared` region that differs is ignored (and said to be)."""
    registration = uscc[2:8]
    if credit_region in counties:
        region, source = credit_region, "credit_subject"
        zh, en = "信用主体登记的所在地", "the credit subject's region"
    elif registration in counties:
        region, source = registration, "uscc"
        zh, en = "统一社会信用代码中的登记管理机关行政区划码", "the registration authority's code in the USCC"
    else:
        region, source = CITY, "city"
        zh, en = "市本级登记，由评选领导小组办公室审核", "registered with the city: the office reviews"
    facts = {"credit_region": credit_region, "uscc_registration_code": registration, "declared": declared,
             "declared_ignored": declared is not None and declared != region}
    if facts["declared_ignored"]:
        zh += f"（申报所填{declared}与之不符，不予采用）"
        en += f" (the declared {declared} differs and is ignored)"
    return ReviewingCounty(region, source, art("第十六条"), facts, f"审核地：{region}，依据{zh}",
                           f"reviewed by {region}: {en}")
