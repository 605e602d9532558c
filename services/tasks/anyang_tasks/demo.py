"""Demo data for `make run` (idempotent): a sample of the 2023 key tasks with their responsible units."""

from __future__ import annotations

from anyang_tasks.service.tasks import seed_tasks


async def load_demo(app) -> None:
    async with app.state.sessionmaker() as session, session.begin():
        await seed_tasks(session)
