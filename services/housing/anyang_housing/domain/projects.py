"""Project rules: unit sizes (安政办〔2023〕7号 三（二）) and rents (三（三）).

三（二）: 以不超过70平方米的小户型为主（原则上70平方米以下的户型不低于70%）; 以下 and 不低于 include the
number (README: Number words). Interpretation: the share counts units, not floor area. Projects already
under construction or converted from existing buildings may be granted a relaxation (recorded elsewhere).
三（三）: 租金应低于同地段同品质市场租赁住房租金 — 低于 excludes equality.
"""

from __future__ import annotations

import math
from decimal import Decimal

from anyang_housing.domain.decision import Decision

UNIT_BASIS = "安政办〔2023〕7号 三（二）"
RENT_BASIS = "安政办〔2023〕7号 三（三）"
SMALL_UNIT_M2 = Decimal("70")
MIN_SMALL_SHARE = Decimal("0.70")


def unit_mix(unit_areas_m2: list[Decimal]) -> Decision:
    """At least 70% of units of 70 ㎡ or less; a failing mix says how many more small units it needs."""
    if not unit_areas_m2:
        raise ValueError("a project has at least one unit")
    total = len(unit_areas_m2)
    small = sum(1 for a in unit_areas_m2 if a <= SMALL_UNIT_M2)
    share = Decimal(small) / Decimal(total)
    facts = {"units": total, "small_units": small, "small_share": str(share.quantize(Decimal("0.0001")))}
    if share >= MIN_SMALL_SHARE:
        return Decision(True, "unit_mix_met", UNIT_BASIS, facts)
    # the fewest of the large units that would have to become small ones: small + k >= 0.7 * total
    needed = math.ceil(MIN_SMALL_SHARE * total) - small
    return Decision(
        False,
        "unit_mix_short",
        UNIT_BASIS,
        facts | {"short_by_units": needed},
        f"70平方米以下户型{small}套，占{total}套的{share:.2%}，低于70%；还差{needed}套",
        f"{small} of {total} units are 70 m² or less ({share:.2%}), below 70%; {needed} short",
    )


def rent_below_market(filed_fen: int, market_fen: int) -> Decision:
    """The filed rent must be below the recorded market rent of comparable housing (equal is refused)."""
    facts = {"filed_rent_fen": filed_fen, "market_rent_fen": market_fen}
    if filed_fen < market_fen:
        return Decision(True, "rent_below_market", RENT_BASIS, facts)
    return Decision(
        False,
        "rent_not_below_market",
        RENT_BASIS,
        facts,
        f"备案租金{filed_fen / 100:.2f}元不低于同地段同品质市场租金{market_fen / 100:.2f}元",
        f"Filed rent {filed_fen / 100:.2f} is not below the market rent {market_fen / 100:.2f}",
    )
