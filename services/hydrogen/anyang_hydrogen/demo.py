"""Demo data for `make run` (idempotent): a station of 安阳氢能示范有限公司 (ent-demo2) in 文峰区 and a
reported 较大 accident there, so the hydrogen → awards flow can be seen at once."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from anyang_hydrogen.domain.severity import Severity
from anyang_hydrogen.models.stations import Station
from anyang_hydrogen.schemas.accidents import AccidentIn
from anyang_hydrogen.schemas.stations import StationIn
from anyang_hydrogen.service.accidents import report_accident
from anyang_hydrogen.service.stations import register_station
from govkit import context
from govkit.auth import Principal, PrincipalKind

OPERATOR = Principal(
    sub="ent-demo2",
    kind=PrincipalKind.enterprise,
    org="91410502MA44QN0296",
    region="410502",
    name="安阳氢能示范有限公司",
)
STATION_NAME = "文峰示范加氢站"


async def load_demo(app) -> None:
    async with app.state.sessionmaker() as session:
        if (await session.execute(select(Station.id).where(Station.name == STATION_NAME))).first():
            return
    token = context.bind(context.RequestContext(request_id="demo", principal=OPERATOR))
    try:
        async with app.state.sessionmaker() as session:
            station = await register_station(
                session=session,
                principal=OPERATOR,
                outbox=app.state.outbox,
                data=StationIn(
                    name=STATION_NAME, region="410502", address="安阳市文峰区中华路示范路口东100米"
                ),
            )
        async with app.state.sessionmaker() as session:
            await report_accident(
                session=session,
                principal=OPERATOR,
                outbox=app.state.outbox,
                data=AccidentIn(
                    station_id=station.id,
                    occurred_on=date(2023, 3, 6),
                    severity=Severity.larger,
                    summary="卸车作业时高压软管接头泄漏引发火灾，无人员伤亡，直接经济损失约1200万元",
                    direct_loss_yuan=12_000_000,
                ),
            )
    finally:
        context.reset(token)
