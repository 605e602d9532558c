"""Demo data shown on `make run` (idempotent)."""

from anyang_credit.demo import records, supervision


async def load_demo(app) -> None:
    await records.load(app)
    await supervision.load(app)
