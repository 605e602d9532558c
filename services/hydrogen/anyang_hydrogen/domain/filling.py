"""Fill authorisation (安政办〔2023〕2号 第七条、第十三条、第十五条、第二十一条).

Every fill is decided and an authorised one recorded (第十五条: 车用储氢瓶质量安全追溯系统). A fill is refused,
naming the rule, when:
- the station is not operating (第十三条: 核验通过后，方可投入运营);
- the target is not a vehicle hydrogen cylinder (第十五条);
- the cylinder has no use registration (使用登记证) or does not match it (第十五条、第二十一条);
- its accessories are missing or its high-pressure line leaks (第二十一条, the station's own check);
- **Interpretation**: its periodic inspection date has passed (第七条 requires TSG 23-2021, which forbids
  filling a cylinder past its inspection date), and likewise a registration past its validity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from anyang_hydrogen.domain.decision import Decision

DOC = "安政办〔2023〕2号"


class Target(StrEnum):
    vehicle_cylinder = "vehicle_cylinder"
    other_container = "other_container"


TARGET_LABELS = {"vehicle_cylinder": "车用储氢瓶（罐）", "other_container": "其他气瓶或装置"}


@dataclass(frozen=True)
class Registration:
    serial: str
    vin: str
    certificate_number: str
    valid_until: date | None
    next_inspection_on: date


@dataclass(frozen=True)
class FillRequest:
    station_status: str
    target: str
    serial: str
    vin: str
    accessories_complete: bool
    high_pressure_leak: bool
    today: date


RULES: dict[str, tuple[str, str, str]] = {
    # outcome: (basis, 中文, English)
    "station_not_operating": (f"{DOC} 第十三条", "加氢站未处于运营状态（未经核验通过、停业整改或已关闭），不得加气",
                              "The station is not operating (not verified, suspended or closed)"),
    "not_vehicle_cylinder": (f"{DOC} 第十五条", "不得向车用储氢瓶（罐）以外的其他气瓶或者装置加气",
                             "Only vehicle hydrogen cylinders may be filled"),
    "unregistered_cylinder": (f"{DOC} 第十五条、第二十一条", "该储氢瓶未取得市场监管部门核发的特种设备使用登记证",
                              "The cylinder has no special-equipment use registration"),
    "registration_mismatch": (f"{DOC} 第十五条", "储氢瓶与使用登记证不一致（登记在另一辆车上）",
                              "The cylinder does not match its registration (registered to another vehicle)"),
    "registration_expired": (f"{DOC} 第十五条", "储氢瓶使用登记已过有效期", "The cylinder's registration has expired"),
    "accessories_missing": (f"{DOC} 第二十一条", "钢瓶附件缺失，不得充装", "Cylinder accessories are missing"),
    "high_pressure_leak": (f"{DOC} 第二十一条", "存在高压管线漏气现象，不得充装", "The high-pressure line leaks"),
    "inspection_overdue": (f"{DOC} 第七条；《气瓶安全技术规程》（TSG 23-2021）", "储氢瓶已超过定期检验日期，不得充装",
                           "The cylinder is past its periodic inspection date (Art. 7, TSG 23-2021)"),
}


def _refuse(outcome: str, facts: dict) -> Decision:
    basis, zh, en = RULES[outcome]
    return Decision(False, outcome, basis, facts, f"{zh}（{basis}）", f"{en} ({basis})")


def authorise(req: FillRequest, reg: Registration | None) -> Decision:
    """The station's answer to one fill: authorised, or refused with the first rule it breaks."""
    facts: dict = {"serial": req.serial, "vin": req.vin, "station_status": req.station_status,
                   "target": req.target, "today": req.today.isoformat()}
    if req.station_status != "operating":
        return _refuse("station_not_operating", facts)
    if req.target != Target.vehicle_cylinder:
        return _refuse("not_vehicle_cylinder", facts)
    if reg is None:
        return _refuse("unregistered_cylinder", facts)
    facts |= {"registered_vin": reg.vin, "certificate_number": reg.certificate_number,
              "next_inspection_on": reg.next_inspection_on.isoformat(),
              "valid_until": reg.valid_until.isoformat() if reg.valid_until else None}
    if reg.vin != req.vin:
        return _refuse("registration_mismatch", facts)
    if reg.valid_until is not None and reg.valid_until < req.today:
        return _refuse("registration_expired", facts)
    if not req.accessories_complete:
        return _refuse("accessories_missing", facts)
    if req.high_pressure_leak:
        return _refuse("high_pressure_leak", facts)
    if reg.next_inspection_on < req.today:
        return _refuse("inspection_overdue", facts)
    return Decision(True, "authorised", f"{DOC} 第十五条、第二十一条", facts)
