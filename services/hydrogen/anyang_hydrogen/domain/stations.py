"""Station facts and the lifecycle (安政办〔2023〕2号 第三条、第八条、第九条、第十一条、第十三条).

Lifecycle (spec): planned → under_construction → accepted (竣工验收) → filed (报备) → verified / rejected →
operating ⇄ suspended → closed. Every change goes through ``check_transition`` so that a step cannot be
skipped; each step's own facts are checked where it is taken.
"""

from __future__ import annotations

from enum import StrEnum

from anyang_hydrogen.domain.decision import Decision

DOC = "安政办〔2023〕2号"


class StationKind(StrEnum):
    fixed = "fixed"
    skid_mounted = "skid_mounted"


KIND_LABELS = {"fixed": "固定式加氢站", "skid_mounted": "撬装式加氢站"}


class Medium(StrEnum):
    gaseous = "gaseous"
    liquid = "liquid"


MEDIUM_LABELS = {"gaseous": "气态氢", "liquid": "液态氢"}  # 第三条第三款


class StationUse(StrEnum):
    public = "public"
    self_use = "self_use"


USE_LABELS = {"public": "对外经营", "self_use": "企业自用"}


class LandUse(StrEnum):
    fuel_station = "fuel_station"
    industrial = "industrial"
    warehouse = "warehouse"
    bus_depot = "bus_depot"
    other = "other"


LAND_USE_LABELS = {
    "fuel_station": "加油加气加氢站用地",
    "industrial": "工业用地",
    "warehouse": "仓储用地",
    "bus_depot": "公交场站建设用地",
    "other": "其他用地",
}


class SiteSetting(StrEnum):
    core_industrial_area = "core_industrial_area"
    logistics_park = "logistics_park"
    bus_depot = "bus_depot"
    other = "other"


SITE_SETTING_LABELS = {
    "core_industrial_area": "核心产业功能区",
    "logistics_park": "物流园区",
    "bus_depot": "公交场站",
    "other": "其他场地",
}


class CombinedWith(StrEnum):
    petrol = "petrol"
    gas = "gas"
    charging = "charging"


COMBINED_LABELS = {"petrol": "加油站", "gas": "加气站", "charging": "充电站"}
# 第八条: a station combined with charging also meets the charging-station standards.
CHARGING_STANDARDS = ("《电动汽车充电站设计规范》（GB50966）", "《电动汽车充电站通用要求》（GB/T29781）")


def standards_for(combined_with: list[str]) -> list[str]:
    """第八条: the extra standards a combined station (合建站) must meet."""
    return list(CHARGING_STANDARDS) if CombinedWith.charging in combined_with else []


def check_land_use(use: str, land_use: str, setting: str | None) -> Decision:
    """第九条: a public station stands on 加油加气加氢站用地; an enterprise's self-use facility may use
    industrial, warehouse or bus-depot land in core industrial areas, logistics parks and bus depots."""
    basis = f"{DOC} 第九条"
    facts = {"use": use, "land_use": land_use, "site_setting": setting}
    if use == StationUse.public:
        if land_use == LandUse.fuel_station:
            return Decision(True, "land_use_fits", basis, facts)
        return Decision(False, "public_station_land_use", basis, facts,
                        f"对外经营的汽车加氢站用地性质应为加油加气加氢站用地（{basis}），"
                        f"申报为“{LAND_USE_LABELS[land_use]}”",
                        f"A public station must stand on fuel-station land ({basis}); got {land_use}")
    if land_use == LandUse.fuel_station:
        return Decision(True, "land_use_fits", basis, facts)
    if land_use in (LandUse.industrial, LandUse.warehouse, LandUse.bus_depot) and setting in (
        SiteSetting.core_industrial_area, SiteSetting.logistics_park, SiteSetting.bus_depot
    ):
        return Decision(True, "self_use_land_fits", basis, facts)
    return Decision(False, "self_use_land_use", basis, facts,
                    f"企业自用加氢设施可在核心产业功能区、物流园区、公交场站等场地使用工业、仓储用地或公交场站建设用地"
                    f"（{basis}）；申报为{SITE_SETTING_LABELS.get(setting or 'other')}的“{LAND_USE_LABELS[land_use]}”",
                    f"A self-use facility may use industrial, warehouse or bus-depot land in core industrial "
                    f"areas, logistics parks or bus depots ({basis}); got {land_use} in {setting}")


class Status(StrEnum):
    planned = "planned"
    under_construction = "under_construction"
    accepted = "accepted"
    filed = "filed"
    verified = "verified"
    rejected = "rejected"
    operating = "operating"
    suspended = "suspended"
    closed = "closed"


STATUS_LABELS = {
    "planned": "规划（已登记）",
    "under_construction": "在建",
    "accepted": "已竣工验收",
    "filed": "已报备待核验",
    "verified": "核验通过待开业",
    "rejected": "核验未通过",
    "operating": "运营中",
    "suspended": "停业整改",
    "closed": "已关闭",
}

# (from, to) → the article that allows the step
TRANSITIONS: dict[tuple[str, str], str] = {
    ("planned", "under_construction"): "第十条",
    ("under_construction", "accepted"): "第十一条",
    ("accepted", "filed"): "第十三条、第十四条",
    ("rejected", "filed"): "第十三条、第十四条",
    ("filed", "verified"): "第十三条",
    ("filed", "rejected"): "第十三条",
    ("verified", "operating"): "第十三条",
    ("operating", "suspended"): "第二十六条",
    ("suspended", "operating"): "第二十六条",
}
CLOSABLE = ("planned", "under_construction", "accepted", "rejected", "verified", "operating", "suspended")


def check_transition(current: str, target: str) -> Decision:
    """Whether a station may go from ``current`` to ``target`` (no step skipped)."""
    facts = {"from": current, "to": target}
    if target == Status.closed and current in CLOSABLE:
        return Decision(True, "closable", f"{DOC} 第二条", facts)
    article = TRANSITIONS.get((current, target))
    if article:
        return Decision(True, "allowed", f"{DOC} {article}", facts)
    allowed = [to for (fr, to) in TRANSITIONS if fr == current] + (["closed"] if current in CLOSABLE else [])
    return Decision(False, "transition_not_allowed", DOC, facts | {"allowed": allowed},
                    f"加氢站当前为“{STATUS_LABELS.get(current, current)}”，不能转为“{STATUS_LABELS[target]}”"
                    f"（可转为：{'、'.join(STATUS_LABELS[a] for a in allowed) or '无'}）",
                    f"A station that is {current} cannot become {target} (allowed: {allowed or 'none'})")
