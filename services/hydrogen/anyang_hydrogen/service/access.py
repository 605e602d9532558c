"""Who may act on a station (安政办〔2023〕2号 第四条、第十三条、第二十条; spec: Access).

The city gas authority (scope hydrogen.regulator) sees every station, keeps the city plan and the overdue
views; a county gas authority or a functional zone's 管委会 (scope hydrogen.county, region = its area) acts
only on the stations in its area and alone verifies their filings (第十三条); an operator only on its own
stations; other departments (fire, market regulation, emergency: scope hydrogen.inspect) only in their field.
"""

from __future__ import annotations

from govkit import refdata
from govkit.auth import CITY_REGION, Principal, PrincipalKind
from govkit.errors import Forbidden

REGULATOR = "hydrogen.regulator"
COUNTY = "hydrogen.county"
AREA_BASIS = "安政办〔2023〕2号 第四条"
VERIFY_BASIS = "安政办〔2023〕2号 第十三条"


def is_regulator(p: Principal) -> bool:
    return p.kind == PrincipalKind.department and p.has(REGULATOR)


def is_county(p: Principal) -> bool:
    return p.kind == PrincipalKind.department and p.has(COUNTY) and p.region != CITY_REGION


def is_area_authority(p: Principal, region: str) -> bool:
    return is_county(p) and p.region == region


def is_operator(p: Principal, operator_code: str) -> bool:
    return p.kind == PrincipalKind.enterprise and p.org == operator_code


def region_name(code: str) -> str:
    try:
        return refdata.unit(code).name
    except refdata.UnknownUnit:
        return code


def check_station_access(
    p: Principal, *, region: str, operator_code: str, operator_allowed: bool = True
) -> None:
    """Refuse (403) unless the principal may act on a station of this region and operator."""
    if is_regulator(p):
        return
    if is_county(p):
        if region == p.region:
            return
        raise Forbidden(
            f"{region_name(p.region)}燃气主管部门只能办理本行政区域内的加氢站（{AREA_BASIS}），"
            f"该站位于{region_name(region)}",
            f"A county gas authority acts only for stations in its own area ({AREA_BASIS}); "
            f"this station is in {region}",
        )
    if operator_allowed and is_operator(p, operator_code):
        return
    if p.kind == PrincipalKind.enterprise:
        raise Forbidden("经营企业只能办理本企业的加氢站", "An operator acts only for its own stations")
    raise Forbidden(
        "需要城镇燃气主管部门（hydrogen.regulator / hydrogen.county）或该站经营企业",
        "Requires the gas authority (hydrogen.regulator / hydrogen.county) or the station's operator",
    )


def check_area_authority(p: Principal, region: str, what_zh: str, what_en: str, basis: str = AREA_BASIS) -> None:
    """Only the gas authority of the station's own county/district (or the zone's 管委会) acts."""
    if is_area_authority(p, region):
        return
    raise Forbidden(
        f"{what_zh}由加氢站所在县（市、区）城镇燃气主管部门（功能区管委会）办理（{basis}），该站位于{region_name(region)}",
        f"{what_en} is for the gas authority of the station's own area ({basis}); the station is in {region}",
        extra={"basis": basis},
    )


def check_operator(p: Principal, operator_code: str, what_zh: str, what_en: str) -> None:
    if is_operator(p, operator_code):
        return
    raise Forbidden(f"{what_zh}由该站经营企业办理", f"{what_en} is for the station's operator")
