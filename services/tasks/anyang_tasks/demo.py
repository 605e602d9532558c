"""Demo data for `make run` (idempotent). The register itself is loaded in every mode by a migration;
the demo adds March 2023 reports on the first tasks so the monthly report has something to show."""

from __future__ import annotations

from anyang_tasks.service.demo_reports import load_demo_reports


async def load_demo(app) -> None:
    async with app.state.sessionmaker() as session, session.begin():
        await load_demo_reports(session)
