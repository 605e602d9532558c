"""Operating filing (报备) and its verification deadline (安政办〔2023〕2号 第十三条、第十四条).

The rules are dated parameters (rules/parameters.yaml) so that the provincial regime 第十三条 waits for
can replace them without a code change.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from anyang_hydrogen.domain.decision import Decision
from govkit.rules.calendar import WorkingCalendar
from govkit.rules.params import ParameterSet
from govkit.rules.periods import Deadline, add_working_days

PARAMETERS = Path(__file__).resolve().parent.parent / "rules" / "parameters.yaml"

# 第十四条 (一)…(九)
MATERIALS: dict[str, str] = {
    "application_form": "（一）经营备案申请表",
    "acceptance_filing": "（二）汽车加氢站竣工验收备案书",
    "safety_acceptance_report": "（三）安全验收评价报告",
    "equipment_certificates": (
        "（四）设施设备清单及检测合格证明或相关质检资料、气瓶充装许可证、消防设计审核报告及消防验收报告"
    ),
    "supply_contract": "（五）与氢气供应企业签订的供气合同",
    "safety_rules": "（六）安全管理制度、安全操作规程、安全生产责任制度、风险管理体系和事故应急预案材料",
    "staff_certificates": "（七）从业人员培训考核合格证书、劳动合同、社会保险材料",
    "premises_proof": "（八）经营场所产权证明或租赁合同（附产权证明）",
    "other": "（九）法律、法规和规章规定的其他材料",
}


@lru_cache(maxsize=1)
def parameters() -> ParameterSet:
    return ParameterSet.load(PARAMETERS)


def check_materials(submitted: list[str], on: date) -> Decision:
    """第十四条: a filing missing any required material is refused at submission, listing what is missing."""
    required = parameters().at("hydrogen.filing.required_materials", on)
    missing = [m for m in required.value if m not in set(submitted)]
    facts = {"submitted": sorted(set(submitted)), "missing": missing}
    if missing:
        names = "；".join(MATERIALS[m] for m in missing)
        return Decision(
            False,
            "materials_missing",
            required.reference,
            facts,
            f"报备材料不全（{required.reference}），缺少：{names}",
            f"Filing incomplete ({required.reference}); missing: {', '.join(missing)}",
        )
    return Decision(True, "materials_complete", required.reference, facts)


def verification_due(received_on: date, calendar: WorkingCalendar | None = None) -> Deadline:
    """第十三条: verification within N working days of receiving the filing (the receipt day not counted)."""
    n = parameters().at("hydrogen.filing.verification_working_days", received_on)
    return add_working_days(received_on, int(n.value), calendar)


def verification_reference(on: date) -> str:
    return parameters().at("hydrogen.filing.verification_working_days", on).reference


def due_basis(received_on: date, due: Deadline) -> str:
    return f"{verification_reference(received_on)}；{due.basis}"
