"""Indicators and weights per category (安政办〔2023〕4号 第三条–第九条) and the formulas of derived ratios.

Every computed value carries the formula text and the inputs used, so a score can be explained.
Values are floats (scoring); the raw amounts stay as declared (Decimal/int) in the inputs shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .categories import CategoryCode
from .errors import art
from .figures import Figure, figure_value


class Kind(StrEnum):
    QUANTITATIVE = "quantitative"  # 极值法 (第十条)
    BONUS_CAPPED = "bonus_capped"  # 加分项, capped (第三条 6.)
    EXPERT = "expert"  # 专家评审 (第八条, 第九条)
    RECOGNITION = "recognition"  # yes/no recognition: full or zero weight


class Direction(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"  # lower is better: energy use per revenue


@dataclass(frozen=True, slots=True)
class Computed:
    value: float | None  # None: not computable (reason says why)
    formula: str
    inputs: dict[str, Any]
    reason_zh: str | None = None
    reason_en: str | None = None


@dataclass(slots=True)
class Column:
    """An indicator over many applicants, in their order, as scoring reads it: one pass per indicator, no
    object per applicant beyond the inputs it shows (a Computed per applicant and indicator, and the figures
    looked up again for corrections, were the largest part of scoring 10,000 applicants)."""

    formula: str
    outcomes: list[tuple[float | None, str | None, str | None]]  # (value, why not computable zh, en)
    inputs: list[dict[str, Any]]
    reviewed: list[list[tuple[str, Figure]] | None]  # inputs a department reviewed (source not "declared")


@dataclass(frozen=True, slots=True)
class Formula:
    text: str  # e.g. "rd_expense / revenue"
    text_zh: str
    inputs: tuple[str, ...]
    fn: Callable[..., tuple[float | None, str | None, str | None]]

    def compute(self, figures: Mapping[str, Any]) -> Computed:
        col = self.column((figures,))
        value, zh, en = col.outcomes[0]
        return Computed(value, self.text, col.inputs[0], zh, en)

    def column(self, figure_sets: Iterable[Mapping[str, Any]]) -> Column:
        """The formula over many applicants' figures in one pass (scoring's hot path: kept flat)."""
        names, fn = self.inputs, self.fn
        outcomes: list[tuple[float | None, str | None, str | None]] = []
        inputs: list[dict[str, Any]] = []
        reviewed: list[list[tuple[str, Figure]] | None] = []
        for figures in figure_sets:
            raw: dict[str, Any] = {}
            args: list[float] = []
            missing: list[str] | None = None
            checked: list[tuple[str, Figure]] | None = None
            for name in names:
                v = figures.get(name)
                if isinstance(v, Figure):
                    if v.source != "declared":
                        checked = [(name, v)] if checked is None else [*checked, (name, v)]
                    v = v.value
                raw[name] = v
                if v is None:
                    missing = [name] if missing is None else [*missing, name]
                else:
                    args.append(float(v))
            if missing:
                outcomes.append((None, f"缺少数据：{', '.join(missing)}", f"missing: {', '.join(missing)}"))
            else:
                outcomes.append(fn(*args))
            inputs.append(raw)
            reviewed.append(checked)
        return Column(self.text, outcomes, inputs, reviewed)


def _ok(v: float) -> tuple[float, None, None]:
    return v, None, None


_ZERO_DEN = (None, "分母为0，无法计算", "denominator is zero: not computable")
_NON_POSITIVE_BASE = (None, "基期值不大于0，无法计算增长率", "base value ≤ 0: growth not computable")


def identity(name: str, zh: str) -> Formula:
    return Formula(name, zh, (name,), _ok)


def ratio(num: str, den: str, zh: str) -> Formula:
    def fn(a: float, b: float):
        return _ZERO_DEN if b == 0 else _ok(a / b)

    return Formula(f"{num} / {den}", zh, (num, den), fn)


def growth(cur: str, prev: str, zh: str) -> Formula:
    """(this year − last year) / last year = this / last − 1 (第四条 1.、4.)."""

    def fn(a: float, b: float):
        return _NON_POSITIVE_BASE if b <= 0 else _ok(a / b - 1.0)

    return Formula(f"{cur} / {prev} - 1", zh, (cur, prev), fn)


def cagr3(cur: str, base: str, zh: str) -> Formula:
    """Average annual growth over 3 years, compound: (R_y / R_{y-3})^(1/3) − 1 (Interpretation)."""

    def fn(a: float, b: float):
        if b <= 0:
            return _NON_POSITIVE_BASE
        if a < 0:
            return None, "当年值为负，无法计算年均增长率", "negative current value: not computable"
        return _ok((a / b) ** (1.0 / 3.0) - 1.0)

    return Formula(f"({cur} / {base}) ^ (1/3) - 1", zh, (cur, base), fn)


def _value_added_rate(iva: float, go: float, vat: float):
    den = go + vat
    return _ZERO_DEN if den == 0 else _ok(iva / den)


def _per_yi(patents: float, revenue: float):
    return _ZERO_DEN if revenue == 0 else _ok(patents / (revenue / 1e8))


VALUE_ADDED_RATE = Formula(
    "industrial_value_added / (gross_output + output_vat)",
    "工业增加值（现价）/（工业总产出（现价）+ 应交销项税额）",
    ("industrial_value_added", "gross_output", "output_vat"),
    _value_added_rate,
)
PATENTS_PER_YI = Formula(
    "invention_patents / (revenue / 1e8)",
    "有效发明专利授权数 / 营业收入（亿元）",
    ("invention_patents", "revenue"),
    _per_yi,
)
RD_RATIO = ratio("rd_expense", "revenue", "研发费用支出 / 营业收入")
TAX_RATE = ratio("tax", "revenue", "当年实缴税金总额 / 当年营业收入")
COST_PROFIT = ratio("total_profit", "total_cost", "利润总额 / 成本费用总额")
CAPITAL_RETURN = ratio("net_profit", "total_assets", "净利润 / 资产总额")
ENERGY_PER_REVENUE = ratio("energy_use", "revenue", "当年能源消耗总量 / 当年营业收入")
REVENUE_GROWTH = growth("revenue", "revenue_y1", "（当年营业收入 − 上年营业收入）/ 上年营业收入")
RD_GROWTH = growth("rd_expense", "rd_expense_y1", "（当年研发费用投入 − 上年研发费用投入）/ 上年研发费用投入")
MAIN_REVENUE_CAGR3 = cagr3(
    "main_revenue", "main_revenue_y3", "（当年主营业务收入 / 3年前主营业务收入）^(1/3) − 1"
)
IMPORT_EXPORT_GROWTH = growth(
    "import_export", "import_export_y1", "（当年进出口额 − 上年进出口额）/ 上年进出口额"
)


@dataclass(frozen=True, slots=True)
class BonusItem:
    code: str
    name_zh: str
    points: float


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    weight: float
    article: str
    kind: Kind
    direction: Direction = Direction.POSITIVE
    formula: Formula | None = None  # QUANTITATIVE
    bonus_items: tuple[BonusItem, ...] = ()  # BONUS_CAPPED
    cap: float | None = None  # BONUS_CAPPED
    group_zh: str | None = None  # dimension, e.g. 创新驱动

    @property
    def evidence_figures(self) -> tuple[str, ...]:
        """Figures that need supporting material (第二十三条)."""
        if self.kind is Kind.QUANTITATIVE:
            return self.formula.inputs  # type: ignore[union-attr]
        if self.kind is Kind.BONUS_CAPPED:
            return tuple(b.code for b in self.bonus_items)
        return (self.code,)  # expert material / recognition document


# 第三条 6. 核心竞争力: 评选当年 bonus points, 最高不超过10分
CORE_COMPETITIVENESS_ITEMS = (
    BonusItem("listed_company", "上市企业", 6),
    BonusItem("henan_leading_goose", "河南省头雁企业", 5),
    BonusItem("national_mfg_innovation_center", "国家级制造业创新中心", 5),
    BonusItem("single_champion", "单项冠军企业（产品）", 5),
    BonusItem("national_little_giant", "国家级专精特新“小巨人”", 5),
    BonusItem("provincial_specialised_sme", "省级专精特新中小企业", 3),
)


def _q(code, zh, en, w, article, formula, direction=Direction.POSITIVE, group=None) -> Indicator:
    return Indicator(code, zh, en, w, article, Kind.QUANTITATIVE, direction, formula, group_zh=group)


def _e(code, zh, en, w, article, group=None) -> Indicator:
    return Indicator(code, zh, en, w, article, Kind.EXPERT, group_zh=group)


A3, A4, A5, A6, A8, A9 = (art(f"第{n}条") for n in ("三", "四", "五", "六", "八", "九"))

INDICATORS: dict[CategoryCode, tuple[Indicator, ...]] = {
    CategoryCode.TOP10: (
        _q("revenue", "营业收入", "operating revenue", 20, A3, identity("revenue", "营业收入")),
        _q("value_added", "增加值总量", "value added", 20, A3, identity("value_added", "增加值总量")),
        _q("tax", "实缴税金总额", "tax paid", 20, A3, identity("tax", "实缴税金总额")),
        _q("rd_ratio", "研发费用支出占营业收入比重", "R&D share of revenue", 20, A3, RD_RATIO),
        _q(
            "labour_productivity",
            "企业全员劳动生产率",
            "labour productivity",
            10,
            A3,
            ratio("value_added", "avg_employees", "当年增加值总量 / 当年平均从业人员数"),
        ),
        Indicator(
            "core_competitiveness",
            "核心竞争力",
            "core competitiveness",
            10,
            A3,
            Kind.BONUS_CAPPED,
            bonus_items=CORE_COMPETITIVENESS_ITEMS,
            cap=10,
        ),
    ),
    CategoryCode.FAST10: (
        _q("revenue_growth", "营业收入增长率", "revenue growth", 30, A4, REVENUE_GROWTH),
        _q("value_added_rate", "增加值率", "value-added rate", 20, A4, VALUE_ADDED_RATE),
        _q("tax_rate", "营业收入实缴税金率", "tax paid per revenue", 20, A4, TAX_RATE),
        _q("rd_growth", "研发费用支出增长率", "R&D expense growth", 10, A4, RD_GROWTH),
        _q("cost_profit_margin", "成本费用利润率", "profit on cost", 10, A4, COST_PROFIT),
        _q(
            "industrial_investment",
            "工业投资总额",
            "industrial investment",
            10,
            A4,
            identity("industrial_investment", "纳入统计的实际工业投资额"),
        ),
    ),
    CategoryCode.TOP50: (
        _q(
            "revenue",
            "营业收入",
            "operating revenue",
            20,
            A5,
            identity("revenue", "营业收入"),
            group="发展规模",
        ),
        _q(
            "value_added",
            "增加值总量",
            "value added",
            20,
            A5,
            identity("value_added", "增加值总量"),
            group="发展规模",
        ),
        _q("tax", "实缴税金总额", "tax paid", 20, A5, identity("tax", "实缴税金总额"), group="发展规模"),
        _q(
            "rd_ratio",
            "研发费用支出占营业收入比重",
            "R&D share of revenue",
            10,
            A5,
            RD_RATIO,
            group="创新驱动",
        ),
        _q(
            "smart_upgrade_ratio",
            "智能化改造占营业收入的比重",
            "intelligent-upgrade share of revenue",
            10,
            A5,
            ratio("smart_upgrade_expense", "revenue", "企业智能化改造支出总和 / 企业营业收入总和"),
            group="智能制造",
        ),
        _q(
            "energy_per_revenue",
            "单位营业收入能耗",
            "energy use per revenue",
            10,
            A5,
            ENERGY_PER_REVENUE,
            Direction.NEGATIVE,
            group="绿色制造",
        ),
        _q("cost_profit_margin", "成本费用利润率", "profit on cost", 10, A5, COST_PROFIT, group="管理水平"),
    ),
    CategoryCode.FAST50: (
        _q("revenue_growth", "营业收入增长率", "revenue growth", 20, A6, REVENUE_GROWTH, group="发展质量"),
        _q("value_added_rate", "增加值率", "value-added rate", 20, A6, VALUE_ADDED_RATE, group="发展质量"),
        _q("tax_rate", "营业收入实缴税金率", "tax paid per revenue", 20, A6, TAX_RATE, group="发展质量"),
        _q(
            "patents_per_yi_revenue",
            "每亿元营业收入有效发明专利数",
            "invention patents per 100m CNY revenue",
            10,
            A6,
            PATENTS_PER_YI,
            group="创新驱动",
        ),
        _q("capital_return", "资本回报率", "return on assets", 10, A6, CAPITAL_RETURN, group="发展潜力"),
        _q("rd_growth", "研发费用增长率", "R&D expense growth", 10, A6, RD_GROWTH, group="发展潜力"),
        _q("cost_profit_margin", "成本费用利润率", "profit on cost", 10, A6, COST_PROFIT, group="管理水平"),
    ),
    CategoryCode.INNOVATOR10: (
        _e(
            "management_structure",
            "现代化企业管理架构及企业管理制度化情况",
            "modern management structure",
            5,
            A8,
            "管理水平",
        ),
        _e(
            "education_title",
            "企业家文化水平专业职称",
            "entrepreneur's education and title",
            5,
            A8,
            "管理水平",
        ),
        _q("cost_profit_margin", "成本费用利润率", "profit on cost", 5, A8, COST_PROFIT, group="管理水平"),
        _q(
            "rd_expense",
            "研发费用总额",
            "R&D expense",
            10,
            A8,
            identity("rd_expense", "研发费用总额"),
            group="创新驱动",
        ),
        _q(
            "rd_ratio",
            "研发费用占企业营业收入比例",
            "R&D share of revenue",
            10,
            A8,
            RD_RATIO,
            group="创新驱动",
        ),
        _e(
            "research_results",
            "科研成果（奖励、知识产权、标准等）情况",
            "research results",
            10,
            A8,
            "创新驱动",
        ),
        _e("industry_academia", "开展产学研合作等情况", "industry-academia cooperation", 5, A8, "创新驱动"),
        _q(
            "rd_personnel_ratio",
            "研发人员占比",
            "R&D personnel share",
            10,
            A8,
            ratio("rd_personnel", "avg_employees", "研发人员数 / 平均从业人员数"),
            group="创新驱动",
        ),
        _e("rd_platform", "研发平台情况", "R&D platforms", 5, A8, "创新驱动"),
        # Interpretation: 收入及占比 scored by the share; the revenue is shown among the inputs.
        _q(
            "core_ip_revenue_share",
            "主要产品（拥有核心知识产权）收入及占比",
            "core-IP product revenue share",
            10,
            A8,
            ratio("core_ip_product_revenue", "main_revenue", "核心知识产权产品收入 / 主营业务收入"),
            group="发展质量",
        ),
        _q("rd_growth", "研发费用投入增长率", "R&D expense growth", 10, A8, RD_GROWTH, group="发展质量"),
        _q("capital_return", "资本回报率", "return on assets", 5, A8, CAPITAL_RETURN, group="发展质量"),
        # Interpretation: 营业收入能耗比 = energy use / revenue, lower is better (as 第五条 4.).
        _q(
            "energy_per_revenue",
            "营业收入能耗比",
            "energy use per revenue",
            5,
            A8,
            ENERGY_PER_REVENUE,
            Direction.NEGATIVE,
            group="发展质量",
        ),
        _q("tax_rate", "营业收入实缴税金率", "tax paid per revenue", 5, A8, TAX_RATE, group="发展质量"),
    ),
    CategoryCode.TRADE10: (
        _q(
            "import_export",
            "进出口规模",
            "import-export value",
            20,
            A9,
            identity("import_export", "当年进出口额"),
        ),
        _q("import_export_growth", "进出口额增长率", "import-export growth", 30, A9, IMPORT_EXPORT_GROWTH),
        _e("trade_potential", "进出口成长潜力", "import-export growth potential", 10, A9),
        _e(
            "intl_management_trademarks",
            "国际通行的管理体系及境外商标注册",
            "international management systems and foreign trademarks",
            10,
            A9,
        ),
        _e(
            "overseas_marketing_service",
            "海外营销机构和售后服务体系建设",
            "overseas marketing and after-sales network",
            10,
            A9,
        ),
        Indicator(
            "provincial_trade_recognition",
            "获得外贸方面省级以上示范或认定企业",
            "provincial-or-higher foreign-trade demonstration/recognition",
            10,
            A9,
            Kind.RECOGNITION,
        ),
        Indicator(
            "trade_base_major_enterprise",
            "获得外贸方面省级以上外贸转型、跨境电商基地内主要企业",
            "major enterprise of a provincial-or-higher trade transformation / cross-border e-commerce base",
            10,
            A9,
            Kind.RECOGNITION,
        ),
    ),
}


def indicators_for(code: str | CategoryCode) -> tuple[Indicator, ...]:
    """The indicators of a scored category; KeyError for merit10 (差额评选 by vote, 第七条)."""
    return INDICATORS[CategoryCode(code)]


def indicator_column(ind: Indicator, figure_sets: Sequence[Mapping[str, Any]]) -> Column:
    """The raw values of a QUANTITATIVE or BONUS_CAPPED/RECOGNITION indicator over many applicants' figures."""
    if ind.kind is Kind.QUANTITATIVE:
        return ind.formula.column(figure_sets)  # type: ignore[union-attr]
    outcomes: list[tuple[float | None, str | None, str | None]] = []
    inputs: list[dict[str, Any]] = []
    if ind.kind is Kind.BONUS_CAPPED:
        items, cap = [(b.code, b.points) for b in ind.bonus_items], ind.cap
        for figures in figure_sets:
            held = {code: points for code, points in items if figure_value(figures, code)}
            total = float(sum(held.values()))
            outcomes.append((min(total, cap or total), None, None))
            inputs.append(held)
        return Column(f"min(sum(bonus points), {cap:g})", outcomes, inputs, [None] * len(inputs))
    if ind.kind is Kind.RECOGNITION:
        code = ind.code
        for figures in figure_sets:
            held = bool(figure_value(figures, code))
            outcomes.append((1.0 if held else 0.0, None, None))
            inputs.append({code: held})
        return Column(f"{code} ? 1 : 0", outcomes, inputs, [None] * len(inputs))
    raise ValueError(f"expert indicator {ind.code} has no formula")
