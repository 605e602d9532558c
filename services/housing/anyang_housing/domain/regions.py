"""Where a home or project lies: the city area (市区) or a county (安政办〔2023〕7号 三（一）, 四（五）).

市区 = the four city districts (文峰区 410502, 北关区 410503, 殷都区 410505, 龙安区 410506) and the three
functional zones run by 管委会 (reference data kind ``functional_zone``; they sit on the leading group
with the districts, 附件). Counties and 林州市 recognise their own projects (四（五）: 各县（市）项目自行认定).
"""

from __future__ import annotations

from govkit import refdata

CITY_AREA_KINDS = ("district", "functional_zone")
COUNTY_KINDS = ("county", "county_city")


class UnknownRegion(ValueError):
    """Not a district, county or functional-zone code of the city."""


def region_unit(code: str) -> refdata.Unit:
    try:
        u = refdata.unit(code)
    except refdata.UnknownUnit:
        raise UnknownRegion(code) from None
    if u.kind not in refdata.REGION_KINDS:
        raise UnknownRegion(code)
    return u


def in_city_area(code: str) -> bool:
    """True for a home or project in 市区; UnknownRegion for a code that is no region of the city."""
    return region_unit(code).kind in CITY_AREA_KINDS


def region_name(code: str) -> str:
    return region_unit(code).name


def city_area_codes() -> list[str]:
    return [u.code for u in refdata.regions() if u.kind in CITY_AREA_KINDS]
