"""Who reads and changes what (spec tasks: Access): the supervision bureau everything; city leaders
(tasks.read_all) read everything; a responsible unit (a department, or a county government acting as a
unit: its org is its region code) its own tasks and reports, and, where it leads, its co-units' reports."""

from __future__ import annotations

from govkit.auth import Principal, PrincipalKind
from govkit.errors import Forbidden

SUPERVISOR = "tasks.supervisor"
READ_ALL = "tasks.read_all"


def is_supervisor(p: Principal) -> bool:
    return p.kind == PrincipalKind.department and p.has(SUPERVISOR)


def reads_all(p: Principal) -> bool:
    return is_supervisor(p) or (p.kind == PrincipalKind.department and p.has(READ_ALL))


def unit_of(p: Principal) -> str:
    """The unit a department principal acts for; 403 for anyone else."""
    if p.kind != PrincipalKind.department or not p.org:
        raise Forbidden("仅责任单位、督查局和市领导可用", "Only responsible units, the bureau and city leaders")
    return p.org


def require_supervisor(p: Principal) -> None:
    if not is_supervisor(p):
        raise Forbidden("仅市委市政府督查局可操作（tasks.supervisor）",
                        "Only the supervision bureau (tasks.supervisor)")
