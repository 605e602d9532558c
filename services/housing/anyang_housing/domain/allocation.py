"""Allocation: the queue, offers and refusals (安政办〔2023〕7号 三（一）), targeted supply.

Queue order (spec housing.md): priority tier (1 first), then application time, then application id.
Refusal rule (Interpretation): an applicant who refuses an offer stays eligible but goes to the back of
their tier: their queue time becomes the time of the refusal.
Targeted supply (三（一）): housing built by an industrial park, an employer or a system (本园区、本单位、
本系统) goes first (``priority``) or only (``exclusive``) to eligible applicants whose park, employer or
system matches; talent apartments (人才公寓) are allocated by their managing authority, outside the queue.
"""

from __future__ import annotations

from anyang_housing.domain.decision import Decision

BASIS = "安政办〔2023〕7号 三（一）"
REFUSAL_RULE = ("拒绝配租后仍保留资格，排队时间改为拒绝之时，排在同一优先级的末尾（Interpretation）",
                "After refusing an offer the applicant stays eligible and goes to the back of their tier "
                "(queue time = time of refusal; Interpretation)")

# project.target -> which applicant field must match project.target_code
TARGET_FIELDS = {"park": "park_code", "employer": "employer_code", "system": "system_code"}


def matches_target(target: str, target_code: str | None, applicant: dict[str, str | None]) -> bool:
    field = TARGET_FIELDS.get(target)
    return field is not None and bool(target_code) and applicant.get(field) == target_code


def may_receive(*, target: str, target_mode: str, target_code: str | None,
                applicant: dict[str, str | None]) -> Decision:
    """Whether an eligible applicant may be offered a unit of this project, and whether first."""
    facts = {"target": target, "target_mode": target_mode, "target_code": target_code}
    if target == "none":
        return Decision(True, "open_supply", BASIS, facts | {"first": False})
    if target == "talent":
        return Decision(True, "talent_apartment", BASIS, facts | {"first": False},
                        "人才公寓由原主管单位按有关规定实施配租", "Talent apartments: allocated by their authority")
    if matches_target(target, target_code, applicant):
        return Decision(True, "targeted_employee", BASIS, facts | {"first": True},
                        "本园区、本单位、本系统符合条件的职工，优先或定向供应", "An eligible employee: first")
    if target_mode == "exclusive":
        return Decision(False, "targeted_only", BASIS, facts | {"first": False},
                        "该项目定向供应本园区、本单位、本系统符合条件的职工", "Only for the target's employees")
    return Decision(True, "after_targeted", BASIS, facts | {"first": False})
