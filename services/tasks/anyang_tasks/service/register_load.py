"""Loading the shipped register into the database, idempotently (run by a data migration, every mode).

A row is found by its identity (document, part, number) and updated in place, so a corrected extraction
keeps the task's id and with it every plan, report and supervision item filed against it. The units read
from the text, the open groups and the targets are replaced by the data's; members the bureau named for
a group stay while the group does.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from anyang_tasks.data import register_entries
from anyang_tasks.models.tasks import Task, TaskGroup, TaskTarget, TaskUnit

tasks, units, groups, targets = Task.__table__, TaskUnit.__table__, TaskGroup.__table__, TaskTarget.__table__


def upsert_register(conn: Connection, entries: list[dict] | None = None) -> int:
    """Insert or update every entry; returns how many entries were new."""
    added = 0
    for e in entries if entries is not None else register_entries():
        values = {"section": e["section"], "text": e["text"], "responsibility": e["responsibility"],
                  "ref": e["ref"], "due_basis": e["due_basis"],
                  "due_on": date.fromisoformat(e["due_on"]) if e["due_on"] else None}
        key = and_(tasks.c.document == e["document"], tasks.c.part == e["part"], tasks.c.number == e["number"])
        task_id = conn.execute(select(tasks.c.id).where(key)).scalar()
        if task_id is None:
            task_id = e["id"]
            conn.execute(insert(tasks).values(id=task_id, document=e["document"], part=e["part"],
                                              number=e["number"], origin="bulletin", **values))
            added += 1
        else:
            conn.execute(update(tasks).where(tasks.c.id == task_id).values(**values))
        _replace_units(conn, task_id, e["units"])
        _replace_groups(conn, task_id, e["groups"])
        _replace_targets(conn, task_id, e["targets"])
    return added


def _replace_units(conn: Connection, task_id: str, rows: list[dict]) -> None:
    codes = [u["code"] for u in rows]
    conn.execute(delete(units).where(units.c.task_id == task_id,
                                     (units.c.source == "text") | units.c.unit_code.in_(codes)))
    if rows:
        conn.execute(insert(units), [{"task_id": task_id, "unit_code": u["code"], "unit_name": u["name"],
                                      "role": u["role"], "written": u["written"], "source": "text"} for u in rows])


def _replace_groups(conn: Connection, task_id: str, rows: list[dict]) -> None:
    names = [g["name"] for g in rows]
    gone = [g for g in conn.execute(select(groups.c.name).where(groups.c.task_id == task_id)).scalars()
            if g not in names]
    if gone:
        conn.execute(delete(units).where(units.c.task_id == task_id, units.c.source == "assigned",
                                         units.c.written.in_(gone)))
        conn.execute(delete(groups).where(groups.c.task_id == task_id, groups.c.name.in_(gone)))
    for g in rows:
        found = conn.execute(update(groups).where(groups.c.task_id == task_id, groups.c.name == g["name"])
                             .values(role=g["role"], written=g["written"])).rowcount
        if not found:
            conn.execute(insert(groups).values(task_id=task_id, name=g["name"], role=g["role"],
                                               written=g["written"]))


def _replace_targets(conn: Connection, task_id: str, rows: list[dict]) -> None:
    conn.execute(delete(targets).where(targets.c.task_id == task_id, targets.c.seq > len(rows)))
    for seq, t in enumerate(rows, start=1):
        values = {"metric": t["metric"], "comparison": t["comparison"], "value": Decimal(t["value"]),
                  "unit": t["unit"], "text": t["text"]}
        found = conn.execute(update(targets).where(targets.c.task_id == task_id, targets.c.seq == seq)
                             .values(**values)).rowcount
        if not found:
            conn.execute(insert(targets).values(task_id=task_id, seq=seq, **values))
