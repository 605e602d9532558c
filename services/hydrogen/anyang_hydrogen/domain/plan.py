"""The development plan of approved sites per area (安政办〔2023〕2号 第四条（一）、第五条、第二十七条).

第四条（一）、第五条: the city gas authority plans for the city districts (市区), each county (市) gas
authority for its own county. **Interpretation**: the functional zones (高新区、示范区、经开区) are not
counties (市) in the sense of 第五条 and fall under the city plan (市区). 第二十七条: new sites may be
added with the city government's approval, which the site records.
"""

from __future__ import annotations

from anyang_hydrogen.domain.decision import Decision
from govkit import refdata

DOC = "安政办〔2023〕2号"
PLAN_BASIS = f"{DOC} 第四条（一）、第五条"
ADDITION_BASIS = f"{DOC} 第二十七条"
CITY_PLAN = refdata.CITY_CODE
# 第五条: 市、县（市） plans — the counties and the county-level city each have their own.
COUNTY_PLAN_KINDS = ("county", "county_city")


def plan_area(region: str) -> str:
    """The plan a site in ``region`` belongs to: the county's own, else the city's (市区)."""
    try:
        unit = refdata.unit(region)
    except refdata.UnknownUnit:
        return CITY_PLAN
    return unit.code if unit.kind in COUNTY_PLAN_KINDS else CITY_PLAN


def area_name(area: str) -> str:
    return "市区（含功能区）" if area == CITY_PLAN else refdata.unit(area).name


def check_in_plan(station_region: str, site_area: str | None) -> Decision:
    """第十二条（一）: a station must be on an approved site of its own area's plan."""
    area = plan_area(station_region)
    facts = {"region": station_region, "plan_area": area, "site_plan_area": site_area}
    basis = f"{PLAN_BASIS}、第十二条（一）"
    if site_area is None:
        return Decision(False, "no_plan_site", basis, facts,
                        f"该站未对应{area_name(area)}汽车加氢站发展规划中的点位（{basis}）",
                        f"The station is on no site of the {area} development plan ({basis})")
    if site_area != area:
        return Decision(False, "outside_area_plan", basis, facts,
                        f"该站点位属于{area_name(site_area)}规划，不在所在区域（{area_name(area)}）的发展规划内（{basis}）",
                        f"The station's site belongs to plan {site_area}, not its own area's plan {area} ({basis})")
    return Decision(True, "in_plan", basis, facts)
