"""Key tasks in the API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class TaskUnitOut(BaseModel):
    code: str
    name: str
    role: str
    role_label: str


class TaskOut(BaseModel):
    id: str
    document: str
    number: int
    section: str
    text: str
    responsibility: str
    due_on: date | None
    units: list[TaskUnitOut]
