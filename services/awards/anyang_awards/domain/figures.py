"""Raw figures an application declares, each with its evidence (第二十三条) and data source (第十二条).

Names are for the evaluation year (评选当年); a suffix ``_y1``/``_y2``/``_y3`` means 1/2/3 years before
it (``revenue_y1`` is last year's 营业收入). Amounts are CNY (Decimal or int); counts are ints;
yes/no items (bonus items, recognitions, 规模以上) are bools.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from govkit.rules.decision import Decision

Number = int | float | Decimal


@dataclass(frozen=True, slots=True)
class Figure:
    """One declared figure.

    ``source`` is ``"declared"`` or the code of the department that confirmed or corrected it during
    department review (第十二条, 第十七条); ``declared`` keeps the applicant's value when corrected, and
    ``value`` is what scoring uses.
    """

    value: Any
    evidence: str | None = None  # document reference of the supporting material (第二十三条)
    source: str = "declared"
    declared: Any = None

    @property
    def corrected(self) -> bool:
        return self.source != "declared" and self.declared is not None and self.declared != self.value


def as_figure(v: Any) -> Figure:
    """Accept a Figure or a bare value (a bare value has no evidence)."""
    return v if isinstance(v, Figure) else Figure(v)


def figure_value(figures: Mapping[str, Any], name: str) -> Any:
    """The value scoring uses, or None when the figure is absent."""
    f = figures.get(name)
    if f is None:
        return None
    return f.value if isinstance(f, Figure) else f


# name -> (zh, en, unit)
FIGURE_NAMES: dict[str, tuple[str, str, str]] = {
    "revenue": ("营业收入", "operating revenue", "CNY"),
    "main_revenue": ("主营业务收入", "main-business revenue", "CNY"),
    "value_added": ("增加值总量", "value added", "CNY"),
    "industrial_value_added": ("工业增加值（现价）", "industrial value added (current prices)", "CNY"),
    "gross_output": ("工业总产出（现价）", "gross industrial output (current prices)", "CNY"),
    "output_vat": ("应交销项税额", "output VAT payable", "CNY"),
    "tax": ("实缴税金总额", "tax paid", "CNY"),
    "rd_expense": ("研发费用支出", "R&D expense", "CNY"),
    "avg_employees": ("平均从业人员数", "average number of employees", "persons"),
    "rd_personnel": ("研发人员数", "R&D personnel", "persons"),
    "total_profit": ("利润总额", "total profit", "CNY"),
    "total_cost": ("成本费用总额", "total cost and expenses", "CNY"),
    "net_profit": ("净利润", "net profit", "CNY"),
    "total_assets": ("资产总额", "total assets", "CNY"),
    "industrial_investment": ("工业投资总额（纳入统计的实际工业投资额）", "industrial investment", "CNY"),
    "smart_upgrade_expense": ("智能化改造支出", "intelligent-upgrade expense", "CNY"),
    "energy_use": ("能源消耗总量", "total energy use", "tce"),
    "invention_patents": ("有效发明专利授权数", "valid granted invention patents", "patents"),
    "core_ip_product_revenue": ("拥有核心知识产权的主要产品收入", "revenue of core-IP products", "CNY"),
    "import_export": ("进出口额", "import-export value", "CNY"),
    "above_designated_size": (
        "规模以上工业企业（统计部门名录）",
        "above designated size (statistics list)",
        "yes/no",
    ),
}
for _base in ("revenue", "main_revenue", "rd_expense", "import_export"):
    for _n in (1, 2, 3):
        _zh, _en, _u = FIGURE_NAMES[_base]
        FIGURE_NAMES[f"{_base}_y{_n}"] = (f"{_zh}（前{_n}年）", f"{_en} ({_n} year(s) before)", _u)



def holder_of(name: str, holders: Mapping[str, Any]) -> str | None:
    """The department holding a figure (第十二条) in a dated table ``{department: [figure, ...]}``; a yearly
    figure (``revenue_y1``) is held where the figure is."""
    base = re.sub(r"_y[1-3]$", "", name)
    return next((dept for dept, names in holders.items() if base in names), None)


def may_change_figure(name: str, department: str, reviewers: Collection[str], holders: Mapping[str, Any],
                      basis: str) -> Decision:
    """第十二条, 第十七条: a declared figure is confirmed or corrected only by the department that holds it, and
    only where that department reviews the round (按照职能分别对申报材料进行审核)."""
    holder = holder_of(name, holders)
    facts = {"figure": name, "holder": holder, "department": department, "reviewers": sorted(reviewers)}
    if holder is None:
        return Decision(False, "no_holder", basis, facts, f"指标数据{name}没有持有部门，只能按申报值审核",
                        f"no department holds figure {name}: it stands as declared")
    if department != holder:
        return Decision(False, "not_holder", basis, facts, f"指标数据{name}由{holder}持有，只有该部门可以核实或更正",
                        f"figure {name} is held by {holder}: only that department confirms or corrects it")
    if department not in reviewers:
        return Decision(False, "not_reviewer", basis, facts, f"{department}不是本轮部门审核的成员单位",
                        f"{department} does not review this round")
    return Decision(True, "holder", basis, facts, f"{department}持有指标数据{name}并参加本轮部门审核",
                    f"{department} holds figure {name} and reviews this round")
