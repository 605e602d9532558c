"""The conditions to operate (安政办〔2023〕2号 第十二条), checked at verification (第十三条).

Every condition is recorded with pass/fail and its evidence; the two staff numbers are checked against
their dated minimums (rules/parameters.yaml: 不少于 includes the number). A verification can pass only
when every condition passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from anyang_hydrogen.domain.decision import Decision
from anyang_hydrogen.domain.filing import parameters

DOC = "安政办〔2023〕2号"

# code → (label, article clause, parameter of a minimum number or None)
CONDITIONS: dict[str, tuple[str, str, str | None]] = {
    "in_plan": ("符合汽车加氢站发展规划", "第十二条（一）", None),
    "hydrogen_source": ("有稳定的并符合国家标准的氢气气源，并出具检测报告", "第十二条（二）", None),
    "licences": ("有市场监管部门颁发的营业执照和气瓶充装许可证", "第十二条（三）", None),
    "premises": ("有固定的、符合消防等安全条件的经营场所和办公场所", "第十二条（三）", None),
    "facilities": ("氢气输配、储存、充装、供应等设施符合国家相关标准和消防安全要求", "第十二条（四）", None),
    "principals_examined": ("企业主要负责人经专业培训并经城镇燃气主管部门考核合格", "第十二条（五）1", None),
    "safety_managers_examined": ("安全生产管理人员经专业培训并经城镇燃气主管部门考核合格", "第十二条（五）2", None),
    "operation_staff_examined": ("运行、维护和抢修人员经专业培训并经城镇燃气主管部门考核合格，人数与经营规模相适应",
                                 "第十二条（五）", None),
    "filling_operators": ("考核合格的汽车加氢站操作工不少于6人", "第十二条（五）3",
                          "hydrogen.conditions.min_filling_operators"),
    "intermediate_technicians": ("具有相关专业中级以上职称的技术人员不少于1人", "第十二条（五）4",
                                 "hydrogen.conditions.min_intermediate_technicians"),
    "safety_rules": ("符合GB/Z34541要求的安全管理制度、安全操作规程、安全生产责任制度", "第十二条（六）", None),
    "emergency_plan": ("健全的安全事故应急预案及与加氢规模相适应的抢险组织、人员和装备", "第十二条（六）", None),
}


@dataclass(frozen=True)
class ConditionFact:
    code: str
    passed: bool
    evidence: str
    number: int | None = None


@dataclass(frozen=True)
class ConditionResult:
    code: str
    label: str
    basis: str
    passed: bool
    evidence: str
    number: int | None
    minimum: int | None
    reason: str


def evaluate(facts: list[ConditionFact], on: date) -> list[ConditionResult]:
    """Each recorded condition with its result: a counted condition passes only when the number reaches
    the minimum (and the reviewer passed it)."""
    out = []
    for f in facts:
        label, clause, param = CONDITIONS[f.code]
        basis, minimum, reason, passed = f"{DOC} {clause}", None, "", f.passed
        if param:
            p = parameters().at(param, on)
            minimum = int(p.value)
            if f.number is None or f.number < minimum:
                passed = False
                reason = f"人数{f.number if f.number is not None else '未填写'}，少于{minimum}人（{p.reference}）"
        if not f.passed and not reason:
            reason = "核验未通过"
        out.append(ConditionResult(f.code, label, basis, passed, f.evidence, f.number, minimum, reason))
    return out


def check_complete(codes: list[str]) -> Decision:
    """A passing verification records every condition of 第十二条."""
    missing = [c for c in CONDITIONS if c not in set(codes)]
    basis = f"{DOC} 第十二条、第十三条"
    if missing:
        return Decision(False, "conditions_missing", basis, {"missing": missing},
                        f"核验通过须逐项记录第十二条的经营条件，缺少：{'；'.join(CONDITIONS[m][0] for m in missing)}",
                        f"A passing verification records every condition of Art. 12; missing: {', '.join(missing)}")
    return Decision(True, "conditions_complete", basis, {"missing": []})


def check_pass(results: list[ConditionResult]) -> Decision:
    """第十三条: only a station meeting every condition may be verified as passed."""
    failed = [r for r in results if not r.passed]
    basis = f"{DOC} 第十二条、第十三条"
    facts = {"failed": [r.code for r in failed]}
    if failed:
        listed = "；".join(f"{r.label}（{r.basis}）：{r.reason}" for r in failed)
        return Decision(False, "condition_failed", basis, facts,
                        f"有未满足的经营条件，不能核验通过：{listed}",
                        f"Conditions not met, the filing cannot pass: {', '.join(r.code for r in failed)}")
    return Decision(True, "all_conditions_met", basis, facts)
