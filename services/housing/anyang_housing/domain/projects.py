"""Project rules: unit sizes (安政办〔2023〕7号 三（二）), rents (三（三）, 四（一）5) and the industrial-park
land share (四（一）3).

三（二）: 以不超过70平方米的小户型为主（原则上70平方米以下的户型不低于70%）; 以下 and 不低于 include the
number (README: Number words). Interpretation: the share counts units, not floor area. 已经开工建设或通过存量
房屋改造的，可适当放宽: such projects (and other documented exceptions, 原则上) may be granted a relaxation,
recorded with its reason and approver; the shortfall is stated either way.
三（三）: 租金应低于同地段同品质市场租赁住房租金 — 低于 excludes equality. Rents are in fen per m² of floor
area per month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from anyang_housing.domain.decision import Decision
from anyang_housing.domain.params import decimal_param

ISSUED = date(2023, 2, 16)  # 安政办〔2023〕7号
UNIT_BASIS = "安政办〔2023〕7号 三（二）"
RENT_BASIS = "安政办〔2023〕7号 三（三）"
CONTRACT_RENT_BASIS = "安政办〔2023〕7号 四（一）5"
PARK_LAND_BASIS = "安政办〔2023〕7号 四（一）3"
SMALL_UNIT_M2 = Decimal("70")
MIN_SMALL_SHARE = Decimal("0.70")

RELAXATION_GROUNDS = {
    "under_construction": "已经开工建设",
    "stock_conversion": "通过存量房屋改造",
    "other_documented": "其他有据可查的特殊情况（原则上）",
}


@dataclass(frozen=True)
class Relaxation:
    grounds: str  # a RELAXATION_GROUNDS key
    reason: str
    approver: str


def unit_mix(unit_areas_m2: list[Decimal], *, on: date = ISSUED, relaxation: Relaxation | None = None) -> Decision:
    """At least 70% of units of 70 ㎡ or less; a failing mix says how many more small units it needs, and
    passes only with a recorded relaxation."""
    if not unit_areas_m2:
        raise ValueError("a project has at least one unit")
    small_max = decimal_param("units.small_unit_max_m2", on)
    min_share = decimal_param("units.min_small_share", on)
    total = len(unit_areas_m2)
    small = sum(1 for a in unit_areas_m2 if a <= small_max)
    share = Decimal(small) / Decimal(total)
    facts = {"units": total, "small_units": small, "small_share": str(share.quantize(Decimal("0.0001"))),
             "small_unit_max_m2": str(small_max), "min_small_share": str(min_share)}
    if share >= min_share:
        return Decision(True, "unit_mix_met", UNIT_BASIS, facts,
                        f"70平方米以下户型{small}套，占{total}套的{share:.2%}，不低于70%",
                        f"{small} of {total} units are 70 m² or less ({share:.2%}): at least 70%")
    # the fewest of the large units that would have to become small ones: small + k >= 0.7 * total
    needed = math.ceil(min_share * total) - small
    facts |= {"short_by_units": needed}
    short_zh = f"70平方米以下户型{small}套，占{total}套的{share:.2%}，低于70%；还差{needed}套"
    short_en = f"{small} of {total} units are 70 m² or less ({share:.2%}), below 70%; {needed} short"
    if relaxation is not None:
        facts |= {"relaxation": {"grounds": relaxation.grounds, "reason": relaxation.reason,
                                 "approver": relaxation.approver}}
        return Decision(True, "unit_mix_relaxed", UNIT_BASIS, facts,
                        f"{short_zh}；已按“{RELAXATION_GROUNDS[relaxation.grounds]}”适当放宽"
                        f"（理由：{relaxation.reason}；批准：{relaxation.approver}）",
                        f"{short_en}; relaxed ({relaxation.grounds}: {relaxation.reason}; "
                        f"approved by {relaxation.approver})")
    return Decision(False, "unit_mix_short", UNIT_BASIS, facts, short_zh, short_en)


def _yuan(fen: int) -> str:
    return f"{fen / 100:.2f}"


def rent_below_market(filed_fen: int, market_fen: int) -> Decision:
    """The filed rent must be below the recorded market rent of comparable housing (equal is refused)."""
    facts = {"filed_rent_fen": filed_fen, "market_rent_fen": market_fen}
    if filed_fen < market_fen:
        return Decision(True, "rent_below_market", RENT_BASIS, facts,
                        f"备案租金{_yuan(filed_fen)}元/平方米·月低于市场租金{_yuan(market_fen)}元/平方米·月",
                        f"Filed rent {_yuan(filed_fen)} is below the market rent {_yuan(market_fen)} per m²·month")
    return Decision(
        False,
        "rent_not_below_market",
        RENT_BASIS,
        facts,
        f"备案租金{_yuan(filed_fen)}元/平方米·月不低于同地段同品质市场租金{_yuan(market_fen)}元/平方米·月",
        f"Filed rent {_yuan(filed_fen)} per m²·month is not below the market rent {_yuan(market_fen)}",
    )


def rent_within_contract(filed_fen: int, contract_max_fen: int | None, adjustment: str = "") -> Decision:
    """Where the land was supplied with the rent and its adjustment method as a condition (四（一）5), the
    filed rent may not exceed the rent the contract allows (Interpretation: its current ceiling)."""
    facts = {"filed_rent_fen": filed_fen, "contract_max_rent_fen": contract_max_fen,
             "contract_adjustment": adjustment or None}
    if contract_max_fen is None:
        return Decision(True, "no_contract_terms", CONTRACT_RENT_BASIS, facts, "土地合同未约定租金",
                        "No contract terms")
    if filed_fen <= contract_max_fen:
        return Decision(True, "within_contract", CONTRACT_RENT_BASIS, facts,
                        f"备案租金不高于土地出让（租赁）合同约定的{_yuan(contract_max_fen)}元/平方米·月",
                        f"Within the land contract's {_yuan(contract_max_fen)} per m²·month")
    return Decision(False, "above_contract_rent", CONTRACT_RENT_BASIS, facts,
                    f"备案租金{_yuan(filed_fen)}元/平方米·月高于土地出让（租赁）合同约定的"
                    f"{_yuan(contract_max_fen)}元/平方米·月（调整方式：{adjustment or '未载明'}）",
                    f"Filed rent {_yuan(filed_fen)} is above the land contract's {_yuan(contract_max_fen)} "
                    f"per m²·month (adjustment: {adjustment or 'not stated'})")


def park_land_share(share_pct: Decimal, *, city_consent: str | None, extra_mainly_dormitory: bool,
                    whole_apartment_commercial: bool, on: date = ISSUED) -> Decision:
    """Industrial-park supporting land: up to 7% of the project's land as before; above 7% only with the
    city government's consent (经市政府同意), never above 15% (上限), the extra mainly (主要用于) for
    dormitory-type rental housing; whole-apartment commercial housing is forbidden (严禁建设成套商品住宅)."""
    base = decimal_param("land.park_share_base_pct", on)
    cap = decimal_param("land.park_share_max_pct", on)
    facts = {"support_land_share_pct": str(share_pct), "base_cap_pct": str(base), "max_cap_pct": str(cap),
             "city_consent": city_consent, "extra_mainly_dormitory": extra_mainly_dormitory,
             "whole_apartment_commercial": whole_apartment_commercial}
    if whole_apartment_commercial:
        return Decision(False, "commercial_housing_forbidden", PARK_LAND_BASIS, facts,
                        "产业园区配套用地严禁建设成套商品住宅", "Whole-apartment commercial housing is forbidden")
    if share_pct <= base:
        return Decision(True, "within_base_share", PARK_LAND_BASIS, facts,
                        f"配套用地占比{share_pct}%，不超过{base}%", f"{share_pct}% is within {base}%")
    if share_pct > cap:
        return Decision(False, "above_max_share", PARK_LAND_BASIS, facts,
                        f"配套用地占比{share_pct}%，超过上限{cap}%（超出{share_pct - cap}个百分点）",
                        f"{share_pct}% is above the {cap}% ceiling by {share_pct - cap} points")
    if not city_consent:
        return Decision(False, "city_consent_missing", PARK_LAND_BASIS, facts,
                        f"配套用地占比{share_pct}%，超过{base}%，须经市政府同意（未载明同意文件）",
                        f"{share_pct}% is above {base}%: needs the city government's consent (none recorded)")
    if not extra_mainly_dormitory:
        return Decision(False, "extra_not_dormitory", PARK_LAND_BASIS, facts,
                        f"提高部分（{share_pct - base}个百分点）应主要用于建设宿舍型保障性租赁住房",
                        "The extra share must mainly be dormitory-type rental housing")
    return Decision(True, "raised_share_with_consent", PARK_LAND_BASIS, facts,
                    f"配套用地占比{share_pct}%，经市政府同意（{city_consent}）提高，不超过{cap}%",
                    f"{share_pct}% raised with the city's consent ({city_consent}), within {cap}%")

