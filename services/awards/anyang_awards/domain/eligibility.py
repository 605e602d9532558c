"""Eligibility of an application (安政办〔2023〕4号 第一条–第九条, 第十一条, 第二十三条, 第二十四条).

Every rule returns a ``Check`` with the article it rests on and the facts used. ``passed`` is True
(met), False (not met: the entry is out) or None (under review: a fact is still open).
Thresholds come from the dated ParameterSet (rules/parameters.yaml), read on the round's
application deadline. 以上 / 不低于 are inclusive (≥).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from govkit.rules.periods import completed_years

from .categories import ONE_NOMINEE_GROUP, CategoryCode, Who, category
from .errors import art
from .figures import Figure, as_figure, figure_value
from .indicators import MAIN_REVENUE_CAGR3, Kind, indicators_for

# ---------------------------------------------------------------- vocabulary


class Sector(StrEnum):
    """第一条: the listed industry directions."""

    FINE_STEEL = "fine_steel"
    NEV_AND_PARTS = "nev_and_parts"
    HIGH_END_EQUIPMENT = "high_end_equipment"
    FINE_CHEMICALS = "fine_chemicals"
    FOOD = "food"
    TEXTILES_APPAREL = "textiles_apparel"
    GREEN_BUILDING_MATERIALS = "green_building_materials"
    ELECTRONIC_INFORMATION = "electronic_information"
    BIOMEDICINE = "biomedicine"
    NEW_MATERIALS = "new_materials"
    NEW_ENERGY = "new_energy"
    BIG_DATA = "big_data"
    ARTIFICIAL_INTELLIGENCE = "artificial_intelligence"
    FUTURE_NETWORKS = "future_networks"
    HYDROGEN_AND_STORAGE = "hydrogen_and_storage"
    FRONTIER_MATERIALS = "frontier_materials"
    LIFE_HEALTH_SCIENCE = "life_health_science"


SECTOR_ZH: dict[Sector, tuple[str, str]] = {  # code -> (name, group)
    Sector.FINE_STEEL: ("精品钢及深加工", "三大主导产业"),
    Sector.NEV_AND_PARTS: ("新能源汽车及零部件", "三大主导产业"),
    Sector.HIGH_END_EQUIPMENT: ("高端装备制造", "三大主导产业"),
    Sector.FINE_CHEMICALS: ("精细化工", "四大传统优势产业"),
    Sector.FOOD: ("食品制造", "四大传统优势产业"),
    Sector.TEXTILES_APPAREL: ("纺织服装", "四大传统优势产业"),
    Sector.GREEN_BUILDING_MATERIALS: ("绿色建材", "四大传统优势产业"),
    Sector.ELECTRONIC_INFORMATION: ("电子信息", "四大战略新兴产业"),
    Sector.BIOMEDICINE: ("生物医药", "四大战略新兴产业"),
    Sector.NEW_MATERIALS: ("新材料", "四大战略新兴产业"),
    Sector.NEW_ENERGY: ("新能源", "四大战略新兴产业"),
    Sector.BIG_DATA: ("大数据融合创新", "未来产业"),
    Sector.ARTIFICIAL_INTELLIGENCE: ("人工智能", "未来产业"),
    Sector.FUTURE_NETWORKS: ("未来网络", "未来产业"),
    Sector.HYDROGEN_AND_STORAGE: ("氢能和储能", "未来产业"),
    Sector.FRONTIER_MATERIALS: ("前沿新材料", "未来产业"),
    Sector.LIFE_HEALTH_SCIENCE: ("生命健康科学", "未来产业"),
}


class Contribution(StrEnum):
    """第一条: 为安阳市科技创新和进出口贸易作出积极贡献的企业家."""

    INNOVATION = "innovation"
    TRADE = "trade"


CONTRIBUTION_ADMITS = {
    CategoryCode.INNOVATOR10: Contribution.INNOVATION,
    CategoryCode.TRADE10: Contribution.TRADE,
}


class CreditList(StrEnum):
    """第二条: the three lists (codes as the credit service's ListCode)."""

    DISHONEST_JUDGMENT_DEBTOR = "dishonest_judgment_debtor"  # 失信被执行人（信用中国）
    MAJOR_TAX_VIOLATION = "major_tax_violation"  # 重大税收违法案件当事人名单（信用中国）
    SERIOUS_ILLEGAL_DISHONEST = (
        "serious_illegal_dishonest"  # 严重违法失信企业名单（国家企业信用信息公示系统）
    )


CREDIT_LIST_ZH = {
    CreditList.DISHONEST_JUDGMENT_DEBTOR: "失信被执行人",
    CreditList.MAJOR_TAX_VIOLATION: "重大税收违法案件当事人名单",
    CreditList.SERIOUS_ILLEGAL_DISHONEST: "严重违法失信企业名单",
}


@dataclass(frozen=True, slots=True)
class CreditListStatus:
    """What the credit service answered for one list; listed None = not (yet) known."""

    listed: bool | None
    entry_ref: str | None = None


class Role(StrEnum):
    ACTUAL_CONTROLLER = "actual_controller"  # 实际控制人
    CHAIRMAN = "chairman"  # 董事长
    GENERAL_MANAGER = "general_manager"  # 总经理
    SENIOR_EXECUTIVE = "senior_executive"  # 当年作出突出贡献的高管人员
    LEGAL_REPRESENTATIVE = "legal_representative"  # 法定代表人
    EXECUTIVE_PRESIDENT = "executive_president"  # 执行总裁


ROLE_ZH = {
    Role.ACTUAL_CONTROLLER: "实际控制人",
    Role.CHAIRMAN: "董事长",
    Role.GENERAL_MANAGER: "总经理",
    Role.SENIOR_EXECUTIVE: "当年作出突出贡献的高管人员",
    Role.LEGAL_REPRESENTATIVE: "法定代表人",
    Role.EXECUTIVE_PRESIDENT: "执行总裁",
}

# 第十一条: recommendation order
NOMINATION_ORDER = (Role.ACTUAL_CONTROLLER, Role.CHAIRMAN, Role.GENERAL_MANAGER, Role.SENIOR_EXECUTIVE)

# Posts that count for years in post (第五条, 第六条: 法定代表人或执行总裁; 第八条: …或者总经理等)
QUALIFYING_POSTS: dict[CategoryCode, frozenset[Role]] = {
    CategoryCode.TOP50: frozenset({Role.LEGAL_REPRESENTATIVE, Role.EXECUTIVE_PRESIDENT}),
    CategoryCode.FAST50: frozenset({Role.LEGAL_REPRESENTATIVE, Role.EXECUTIVE_PRESIDENT}),
    CategoryCode.INNOVATOR10: frozenset(
        {Role.LEGAL_REPRESENTATIVE, Role.EXECUTIVE_PRESIDENT, Role.GENERAL_MANAGER}
    ),
}


@dataclass(frozen=True, slots=True)
class Post:
    """A post the nominee holds or held in the enterprise; both dates counted, end None = still in post."""

    role: Role
    start: date
    end: date | None = None


class Severity(StrEnum):
    GENERAL = "general"  # 一般
    LARGER = "larger"  # 较大
    MAJOR = "major"  # 重大
    ESPECIALLY_MAJOR = "especially_major"  # 特别重大


_SEVERITY_RANK = {Severity.GENERAL: 0, Severity.LARGER: 1, Severity.MAJOR: 2, Severity.ESPECIALLY_MAJOR: 3}
SEVERITY_ZH = {
    Severity.GENERAL: "一般",
    Severity.LARGER: "较大",
    Severity.MAJOR: "重大",
    Severity.ESPECIALLY_MAJOR: "特别重大",
}


class Finding(StrEnum):
    OPEN = "open"  # investigation open
    RESPONSIBLE = "responsible"  # 责任事故 / case confirmed
    NOT_RESPONSIBLE = "not_responsible"  # no responsibility / case cleared


@dataclass(frozen=True, slots=True)
class Accident:
    """An environmental or safety accident of the enterprise (hydrogen events or a department's record)."""

    ref: str
    kind: str  # "environment" | "safety"
    severity: Severity
    occurred_on: date
    finding: Finding = Finding.OPEN
    source: str = ""


@dataclass(frozen=True, slots=True)
class PersonCase:
    """A case of violation of law or discipline against the nominee (本人)."""

    ref: str
    occurred_on: date
    major: bool
    finding: Finding = Finding.OPEN


@dataclass(frozen=True, slots=True)
class Nomination:
    """Another application of the round year in 50强/50快 (第十一条), as the service holds it."""

    application_id: str
    enterprise_uscc: str
    person_name: str
    category: CategoryCode


@dataclass(frozen=True)
class ApplicationFacts:
    application_id: str
    category: CategoryCode
    enterprise_uscc: str
    person_name: str | None = None
    sector: Sector | str | None = None
    contribution: Contribution | str | None = None
    contribution_evidence: str | None = None
    figures: Mapping[str, Figure] = field(default_factory=dict)
    credit: Mapping[str, CreditListStatus] = field(default_factory=dict)
    reports_on_time: bool | None = None
    reports_evidence: str | None = None
    accidents: tuple[Accident, ...] = ()
    person_cases: tuple[PersonCase, ...] = ()
    posts: tuple[Post, ...] = ()  # the nominee's posts in the enterprise
    roles_filled: frozenset[Role] = frozenset()  # 第十一条 roles held by anyone in the enterprise
    passed_over_reason: str | None = None  # why the first-order role holder is not nominated


@dataclass(frozen=True)
class RoundFacts:
    year: int  # 评选当年: figures, bonus items, accidents and cases of this year
    application_deadline: date
    nominations: tuple[Nomination, ...] = ()  # earlier 50强/50快 applications of the same year


@dataclass(frozen=True, slots=True)
class Check:
    rule: str
    passed: bool | None
    basis: str
    facts: dict[str, Any]
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class EligibilityResult:
    eligible: bool
    under_review: bool
    checks: tuple[Check, ...]

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.passed is False)

    @property
    def pending(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.passed is None)

    def check(self, rule: str) -> Check:
        return next(c for c in self.checks if c.rule == rule)


# ---------------------------------------------------------------- helpers


def _dec(v: Any) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(str(v))


def _param(params, name: str, on: date) -> tuple[Decimal, str]:
    p = params.at(name, on)
    return _dec(p.value), p.reference


def _fmt(v: Decimal) -> str:
    return f"{v:,f}".rstrip("0").rstrip(".") if "." in f"{v:f}" else f"{v:,f}"


def _at_least(
    rule: str,
    figures: Mapping[str, Any],
    fig: str,
    label_zh: str,
    label_en: str,
    params,
    pname: str,
    on: date,
) -> Check:
    """figure ≥ threshold (以上: inclusive)."""
    minimum, basis = _param(params, pname, on)
    raw = figure_value(figures, fig)
    facts = {fig: raw, "minimum": minimum}
    if raw is None:
        return Check(rule, False, basis, facts, f"未提供{label_zh}", f"{label_en} not provided")
    ok = _dec(raw) >= minimum
    rel = "≥" if ok else "<"
    return Check(
        rule,
        ok,
        basis,
        facts,
        f"{label_zh}{_fmt(_dec(raw))}元 {rel} {_fmt(minimum)}元（以上含本数）",
        f"{label_en} {_fmt(_dec(raw))} CNY {rel} {_fmt(minimum)} CNY (inclusive)",
    )


# ---------------------------------------------------------------- rules


def check_sector(app: ApplicationFacts) -> Check:
    """第一条: a listed industry direction; innovator10/trade10 also admit a contribution."""
    basis = art("第一条")
    facts: dict[str, Any] = {"sector": app.sector, "contribution": app.contribution}
    if app.sector in set(Sector):
        name, group = SECTOR_ZH[Sector(app.sector)]
        return Check(
            "sector",
            True,
            basis,
            facts,
            f"所属产业方向：{name}（{group}）",
            f"listed industry direction: {app.sector}",
        )
    admits = CONTRIBUTION_ADMITS.get(app.category)
    if admits is not None and app.contribution == admits:
        facts["contribution_evidence"] = app.contribution_evidence
        if app.contribution_evidence:
            return Check(
                "sector",
                True,
                basis,
                facts,
                "为安阳市科技创新/进出口贸易作出积极贡献的企业家",
                "entrepreneur with a contribution to innovation/foreign trade in Anyang",
            )
        return Check(
            "sector",
            False,
            basis,
            facts,
            "申报的贡献缺少佐证材料",
            "the declared contribution has no supporting evidence",
        )
    return Check(
        "sector",
        False,
        basis,
        facts,
        "企业不属于第一条所列产业发展方向",
        "the enterprise is not in an industry direction listed in Art. 1",
    )


def check_credit(app: ApplicationFacts) -> Check:
    """第二条: not on 失信被执行人, 重大税收违法案件当事人名单, 严重违法失信企业名单."""
    basis = art("第二条")
    statuses = {lst: app.credit.get(lst.value) for lst in CreditList}
    facts = {
        lst.value: (None if s is None else {"listed": s.listed, "entry_ref": s.entry_ref})
        for lst, s in statuses.items()
    }
    listed = [lst for lst, s in statuses.items() if s is not None and s.listed]
    if listed:
        names = "、".join(CREDIT_LIST_ZH[lst] for lst in listed)
        refs = ", ".join(f"{lst.value}={statuses[lst].entry_ref}" for lst in listed)  # type: ignore[union-attr]
        return Check("credit", False, basis, facts, f"企业被列入{names}", f"the enterprise is listed: {refs}")
    unknown = [lst for lst, s in statuses.items() if s is None or s.listed is None]
    if unknown:
        names = "、".join(CREDIT_LIST_ZH[lst] for lst in unknown)
        return Check(
            "credit",
            None,
            basis,
            facts,
            f"待核实名单状态：{names}",
            f"list status not yet confirmed: {', '.join(u.value for u in unknown)}",
        )
    return Check("credit", True, basis, facts, "未被列入第二条所列名单", "not on any list named in Art. 2")


def check_reporting(app: ApplicationFacts) -> Check:
    """第二条: 能按时向政府部门报送包括财务情况在内的各类有关信息报表 (declared with evidence)."""
    basis = art("第二条")
    facts = {"reports_on_time": app.reports_on_time, "evidence": app.reports_evidence}
    if app.reports_on_time and app.reports_evidence:
        return Check("reporting", True, basis, facts, "按时报送各类信息报表", "reports filed on time")
    if app.reports_on_time:
        return Check(
            "reporting",
            False,
            basis,
            facts,
            "按时报送情况缺少佐证材料",
            "on-time reporting has no supporting evidence",
        )
    return Check(
        "reporting",
        False,
        basis,
        facts,
        "未能按时向政府部门报送信息报表",
        "reports not filed on time (or not declared)",
    )


THRESHOLD_FIGURES: dict[CategoryCode, tuple[str, ...]] = {
    CategoryCode.TOP10: ("revenue", "tax"),
    CategoryCode.FAST10: ("revenue", "main_revenue", "main_revenue_y1", "main_revenue_y2", "main_revenue_y3"),
    CategoryCode.TOP50: ("revenue", "tax"),
    CategoryCode.FAST50: (
        "above_designated_size",
        "main_revenue",
        "main_revenue_y1",
        "main_revenue_y2",
        "main_revenue_y3",
    ),
    CategoryCode.INNOVATOR10: (
        "rd_expense",
        "rd_expense_y1",
        "rd_expense_y2",
        "main_revenue",
        "main_revenue_y1",
        "main_revenue_y2",
    ),
    CategoryCode.TRADE10: ("import_export", "import_export_y1"),
}


def required_evidence(code: CategoryCode, figures: Mapping[str, Any]) -> tuple[str, ...]:
    """Figures needing material (第二十三条): threshold and indicator inputs, expert materials, and
    bonus items / recognitions that are claimed."""
    names: list[str] = list(THRESHOLD_FIGURES.get(code, ()))
    for ind in indicators_for(code):
        if ind.kind in (Kind.BONUS_CAPPED, Kind.RECOGNITION):
            names += [n for n in ind.evidence_figures if figure_value(figures, n)]
        else:
            names += list(ind.evidence_figures)
    return tuple(dict.fromkeys(names))


def check_evidence(app: ApplicationFacts) -> Check:
    """第二十三条: 必须提供按年度评选指标相对应的相关有效佐证材料，否则不予参评."""
    basis = art("第二十三条")
    required = required_evidence(app.category, app.figures)
    missing = [n for n in required if n not in app.figures]
    no_evidence = [n for n in required if n in app.figures and not as_figure(app.figures[n]).evidence]
    facts = {"required": list(required), "missing": missing, "without_evidence": no_evidence}
    if missing or no_evidence:
        bad = ", ".join(missing + no_evidence)
        return Check(
            "evidence",
            False,
            basis,
            facts,
            f"缺少指标数据或佐证材料：{bad}",
            f"indicator data or supporting evidence missing: {bad}",
        )
    return Check("evidence", True, basis, facts, "各项指标均有佐证材料", "every indicator value has evidence")


def check_accidents(app: ApplicationFacts, rnd: RoundFacts) -> Check:
    """第二十四条: 较大 or worse 责任事故 in the year → out; open investigation → under review."""
    basis = art("第二十四条")
    relevant = [
        a
        for a in app.accidents
        if a.occurred_on.year == rnd.year
        and _SEVERITY_RANK[Severity(a.severity)] >= _SEVERITY_RANK[Severity.LARGER]
    ]
    facts = {
        "year": rnd.year,
        "accidents": [
            {
                "ref": a.ref,
                "kind": a.kind,
                "severity": a.severity,
                "occurred_on": a.occurred_on.isoformat(),
                "finding": a.finding,
                "source": a.source,
            }
            for a in relevant
        ],
    }
    responsible = [a.ref for a in relevant if a.finding == Finding.RESPONSIBLE]
    if responsible:
        return Check(
            "accidents",
            False,
            basis,
            facts,
            f"所在企业发生较大以上责任事故：{', '.join(responsible)}",
            f"the enterprise is responsible for a serious (较大 or worse) accident: {', '.join(responsible)}",
        )
    open_ = [a.ref for a in relevant if a.finding == Finding.OPEN]
    if open_:
        return Check(
            "accidents",
            None,
            basis,
            facts,
            f"较大以上事故调查中，待认定责任：{', '.join(open_)}",
            f"serious accident under investigation: {', '.join(open_)}",
        )
    return Check(
        "accidents",
        True,
        basis,
        facts,
        "评选当年无较大以上责任事故",
        "no serious responsible accident in the evaluation year",
    )


def check_person_cases(app: ApplicationFacts, rnd: RoundFacts) -> Check:
    """第二十四条: 本人发生重大违法违纪案件 in the year → out; an open major case → under review."""
    basis = art("第二十四条")
    relevant = [c for c in app.person_cases if c.major and c.occurred_on.year == rnd.year]
    facts = {
        "year": rnd.year,
        "cases": [
            {"ref": c.ref, "occurred_on": c.occurred_on.isoformat(), "finding": c.finding} for c in relevant
        ],
    }
    confirmed = [c.ref for c in relevant if c.finding == Finding.RESPONSIBLE]
    if confirmed:
        return Check(
            "person_cases",
            False,
            basis,
            facts,
            f"本人发生重大违法违纪案件：{', '.join(confirmed)}",
            f"major violation of law or discipline by the nominee: {', '.join(confirmed)}",
        )
    open_ = [c.ref for c in relevant if c.finding == Finding.OPEN]
    if open_:
        return Check(
            "person_cases",
            None,
            basis,
            facts,
            f"重大违法违纪案件查处中：{', '.join(open_)}",
            f"major case against the nominee still open: {', '.join(open_)}",
        )
    return Check(
        "person_cases", True, basis, facts, "本人无重大违法违纪案件", "no major case against the nominee"
    )


def _tenure(posts: tuple[Post, ...], roles: frozenset[Role], as_of: date) -> tuple[date | None, list[dict]]:
    """Start of the uninterrupted run of qualifying posts still held on as_of (adjacent posts join)."""
    spans = sorted((p.start, p.end) for p in posts if p.role in roles and p.start <= as_of)
    run_start: date | None = None
    run_end: date | None = None  # None: open-ended
    for start, end in spans:
        if run_start is not None and (run_end is None or (start - run_end).days <= 1):  # no overflow at 9999-12-31
            run_end = None if run_end is None or end is None else max(run_end, end)
        else:
            run_start, run_end = start, end
    if run_start is None or (run_end is not None and run_end < as_of):
        return None, []
    used = [
        {"role": p.role.value, "start": p.start.isoformat(), "end": p.end.isoformat() if p.end else None}
        for p in posts
        if p.role in roles and run_start <= p.start <= as_of
    ]
    return run_start, used


def check_years_in_post(app: ApplicationFacts, rnd: RoundFacts, params) -> Check:
    """第五条/第六条/第八条: years in a qualifying post, counted to the application deadline."""
    code = CategoryCode(app.category)
    minimum, basis = _param(params, f"awards.{code.value}.min_years_in_post", rnd.application_deadline)
    roles = QUALIFYING_POSTS[code]
    start, used = _tenure(app.posts, roles, rnd.application_deadline)
    # spec awards.md (Interpretation): the first day in post and the deadline both count — a term from
    # 2019-07-01 to 2024-06-30 is exactly 5 years — so the count runs from the day before the first day
    years = completed_years(start - timedelta(days=1), rnd.application_deadline) if start else 0
    facts = {
        "qualifying_roles": sorted(r.value for r in roles),
        "tenure_start": start.isoformat() if start else None,
        "counted_to": rnd.application_deadline.isoformat(),
        "completed_years": years,
        "minimum_years": int(minimum),
        "posts": used,
    }
    roles_zh = "、".join(ROLE_ZH[r] for r in sorted(roles))
    ok = years >= minimum
    return Check(
        "years_in_post",
        ok,
        basis,
        facts,
        f"任{roles_zh}满{years}年（截至申报截止日{rnd.application_deadline.isoformat()}），"
        f"{'达到' if ok else '不足'}{int(minimum)}年以上",
        f"{years} completed year(s) in post by the application deadline; "
        f"{'meets' if ok else 'below'} the minimum of {int(minimum)}",
    )


def check_growth_3y(app: ApplicationFacts, rnd: RoundFacts, params) -> Check:
    """第四条/第六条: 近3年主营业务收入年均增长幅度 ≥ X% (compound; R_{y-3} ≤ 0 → unmet)."""
    code = CategoryCode(app.category)
    minimum, basis = _param(
        params, f"awards.{code.value}.min_main_revenue_growth_3y", rnd.application_deadline
    )
    computed = MAIN_REVENUE_CAGR3.compute(app.figures)
    facts = {
        "formula": computed.formula,
        "inputs": computed.inputs,
        "growth": computed.value,
        "minimum": minimum,
    }
    if computed.value is None:
        return Check(
            "growth_3y",
            False,
            basis,
            facts,
            f"无法计算近3年年均增长率：{computed.reason_zh}",
            f"3-year average growth not computable: {computed.reason_en}",
        )
    cur, base = _dec(computed.inputs["main_revenue"]), _dec(computed.inputs["main_revenue_y3"])
    # exact: (cur/base)^(1/3) − 1 ≥ minimum, without rounding at the boundary
    ok = cur >= base * (1 + minimum) ** 3
    pct = f"{computed.value * 100:.4f}%"
    return Check(
        "growth_3y",
        ok,
        basis,
        facts,
        f"近3年主营业务收入年均增长{pct}，{'达到' if ok else '低于'}{minimum * 100:g}%",
        f"3-year average main-business revenue growth {pct}, {'meets' if ok else 'below'} {minimum * 100:g}%",
    )


def check_above_designated_size(app: ApplicationFacts) -> Check:
    """第六条: 所在企业为规模以上企业 (on the statistics bureau's list; declared with evidence)."""
    basis = art("第六条")
    f = app.figures.get("above_designated_size")
    fig = as_figure(f) if f is not None else None
    facts = {
        "above_designated_size": fig.value if fig else None,
        "evidence": fig.evidence if fig else None,
        "source": fig.source if fig else None,
    }
    if fig and fig.value:
        return Check(
            "above_designated_size",
            True,
            basis,
            facts,
            "所在企业为规模以上企业",
            "the enterprise is above designated size",
        )
    return Check(
        "above_designated_size",
        False,
        basis,
        facts,
        "所在企业不是规模以上企业（或未申报）",
        "the enterprise is not above designated size (or not declared)",
    )


def check_rd_ratio_3y(app: ApplicationFacts, rnd: RoundFacts, params) -> Check:
    """第八条: 近3年研发投入占当年主营业务收入的比例不低于3% — in each of the 3 years."""
    minimum, basis = _param(params, "awards.innovator10.min_rd_ratio", rnd.application_deadline)
    years = []
    ok = True
    for n, suffix in enumerate(("", "_y1", "_y2")):
        rd, rev = (
            figure_value(app.figures, "rd_expense" + suffix),
            figure_value(app.figures, "main_revenue" + suffix),
        )
        entry: dict[str, Any] = {"year": rnd.year - n, "rd_expense": rd, "main_revenue": rev}
        if rd is None or rev is None or _dec(rev) <= 0:
            entry["ratio"], entry["met"] = None, False
        else:
            entry["ratio"] = float(_dec(rd) / _dec(rev))
            entry["met"] = _dec(rd) >= minimum * _dec(rev)  # exact ≥ (不低于)
        ok = ok and entry["met"]
        years.append(entry)
    facts = {"formula": "rd_expense / main_revenue", "years": years, "minimum": minimum}
    short = [str(y["year"]) for y in years if not y["met"]]
    if ok:
        return Check(
            "rd_ratio_3y",
            True,
            basis,
            facts,
            f"近3年研发投入占主营业务收入比例均不低于{minimum * 100:g}%",
            f"R&D at least {minimum * 100:g}% of main-business revenue in each of the last 3 years",
        )
    return Check(
        "rd_ratio_3y",
        False,
        basis,
        facts,
        f"以下年度研发投入占比低于{minimum * 100:g}%或无数据：{', '.join(short)}",
        f"R&D below {minimum * 100:g}% of main-business revenue (or no data) in: {', '.join(short)}",
    )


def check_trade_growing(app: ApplicationFacts) -> Check:
    """第九条: 进出口额…且增幅较大 (Interpretation: this year's value above last year's)."""
    basis = art("第九条")
    cur, prev = figure_value(app.figures, "import_export"), figure_value(app.figures, "import_export_y1")
    facts = {"import_export": cur, "import_export_y1": prev}
    if cur is None or prev is None:
        return Check(
            "trade_growing",
            False,
            basis,
            facts,
            "缺少当年或上年进出口额",
            "this or last year's import-export value missing",
        )
    ok = _dec(cur) > _dec(prev)
    return Check(
        "trade_growing",
        ok,
        basis,
        facts,
        "进出口额较上年增长" if ok else "进出口额未较上年增长",
        "import-export value grew on last year" if ok else "import-export value did not grow",
    )


def _current_roles(posts: tuple[Post, ...], as_of: date) -> set[Role]:
    return {p.role for p in posts if p.start <= as_of and (p.end is None or p.end >= as_of)}


def check_nomination_order(app: ApplicationFacts, rnd: RoundFacts) -> Check:
    """第十一条: 实际控制人 → 董事长 → 总经理 → 突出贡献高管; passing over needs a recorded reason."""
    basis = art("第十一条")
    nominee_roles = _current_roles(app.posts, rnd.application_deadline) & set(NOMINATION_ORDER)
    filled = set(app.roles_filled) | nominee_roles
    expected = next((r for r in NOMINATION_ORDER if r in filled), None)
    nominee_best = next((r for r in NOMINATION_ORDER if r in nominee_roles), None)
    facts = {
        "nominee_roles": sorted(r.value for r in nominee_roles),
        "roles_filled": sorted(r.value for r in filled),
        "first_in_order": expected.value if expected else None,
        "passed_over_reason": app.passed_over_reason,
    }
    if nominee_best is None:
        return Check(
            "nomination_order",
            False,
            basis,
            facts,
            "被推荐人不是实际控制人、董事长、总经理或突出贡献高管",
            "the nominee holds none of the roles of Art. 11",
        )
    if nominee_best == expected:
        return Check(
            "nomination_order",
            True,
            basis,
            facts,
            f"按顺序推荐{ROLE_ZH[nominee_best]}",
            f"nominated in order as {nominee_best.value}",
        )
    if app.passed_over_reason and app.passed_over_reason.strip():
        return Check(
            "nomination_order",
            True,
            basis,
            facts,
            f"未推荐{ROLE_ZH[expected]}（已记录理由：{app.passed_over_reason}）",  # type: ignore[index]
            f"{expected.value} passed over with a recorded reason",
        )  # type: ignore[union-attr]
    return Check(
        "nomination_order",
        False,
        basis,
        facts,
        f"应首先推荐{ROLE_ZH[expected]}，未记录不推荐的理由",  # type: ignore[index]
        f"the {expected.value} comes first in Art. 11's order and no reason is recorded",
    )  # type: ignore[union-attr]


def check_one_per_enterprise(app: ApplicationFacts, rnd: RoundFacts) -> Check:
    """第十一条: 每家企业限推荐1位 (Interpretation: one across 50强 and 50快 together)."""
    basis = art("第十一条")
    others = [
        n
        for n in rnd.nominations
        if n.enterprise_uscc == app.enterprise_uscc
        and CategoryCode(n.category) in ONE_NOMINEE_GROUP
        and n.application_id != app.application_id
    ]
    facts = {
        "enterprise_uscc": app.enterprise_uscc,
        "year": rnd.year,
        "existing": [
            {
                "application_id": n.application_id,
                "person_name": n.person_name,
                "category": CategoryCode(n.category).value,
            }
            for n in others
        ],
    }
    if others:
        first = others[0]
        return Check(
            "one_per_enterprise",
            False,
            basis,
            facts,
            f"每家企业限推荐1位，本企业已推荐{first.person_name}（{category(first.category).name_zh}，"
            f"申报编号{first.application_id}）",
            f"one nominee per enterprise: {first.person_name} is already nominated "
            f"({CategoryCode(first.category).value}, application {first.application_id})",
        )
    return Check(
        "one_per_enterprise",
        True,
        basis,
        facts,
        "本企业本年度唯一被推荐人",
        "the enterprise's only nominee this year",
    )


# ---------------------------------------------------------------- evaluate


def evaluate(application_facts: ApplicationFacts, round_facts: RoundFacts, params) -> EligibilityResult:
    """Run every rule of the application's category; eligible only when every check passed."""
    app, rnd = application_facts, round_facts
    code = CategoryCode(app.category)
    if code is CategoryCode.MERIT10:
        raise ValueError(
            "merit10 has no application: nominees are chosen from the year's top50 winners (第七条)"
        )
    cat = category(code)
    on = rnd.application_deadline
    f = app.figures
    checks: list[Check] = [
        check_sector(app),
        check_credit(app),
        check_reporting(app),
        check_evidence(app),
        check_accidents(app, rnd),
    ]
    if cat.who is Who.ENTREPRENEUR:
        checks.append(check_person_cases(app, rnd))
    if code is CategoryCode.TOP10:
        checks += [
            _at_least(
                "min_revenue", f, "revenue", "当年营业收入", "revenue", params, "awards.top10.min_revenue", on
            ),
            _at_least("min_tax", f, "tax", "纳税总额", "tax paid", params, "awards.top10.min_tax", on),
        ]
    elif code is CategoryCode.FAST10:
        checks += [
            _at_least(
                "min_revenue",
                f,
                "revenue",
                "当年营业收入",
                "revenue",
                params,
                "awards.fast10.min_revenue",
                on,
            ),
            check_growth_3y(app, rnd, params),
        ]
    elif code is CategoryCode.TOP50:
        checks += [
            check_years_in_post(app, rnd, params),
            _at_least(
                "min_revenue",
                f,
                "revenue",
                "所在企业当年营业收入",
                "enterprise revenue",
                params,
                "awards.top50.min_revenue",
                on,
            ),
            _at_least("min_tax", f, "tax", "纳税总额", "tax paid", params, "awards.top50.min_tax", on),
        ]
    elif code is CategoryCode.FAST50:
        checks += [
            check_years_in_post(app, rnd, params),
            check_above_designated_size(app),
            check_growth_3y(app, rnd, params),
        ]
    elif code is CategoryCode.INNOVATOR10:
        checks += [check_years_in_post(app, rnd, params), check_rd_ratio_3y(app, rnd, params)]
    elif code is CategoryCode.TRADE10:
        checks += [
            _at_least(
                "min_import_export",
                f,
                "import_export",
                "当年进出口额",
                "import-export value",
                params,
                "awards.trade10.min_import_export",
                on,
            ),
            check_trade_growing(app),
        ]
    if code in ONE_NOMINEE_GROUP:
        checks += [check_nomination_order(app, rnd), check_one_per_enterprise(app, rnd)]
    any_failed = any(c.passed is False for c in checks)
    any_pending = any(c.passed is None for c in checks)
    return EligibilityResult(
        eligible=not any_failed and not any_pending,
        under_review=any_pending and not any_failed,
        checks=tuple(checks),
    )
