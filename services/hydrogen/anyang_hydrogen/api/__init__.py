"""HTTP routers of the hydrogen service (thin: parse, authorise, call the service layer)."""

from anyang_hydrogen.api import (
    accidents,
    construction,
    emergency,
    filling,
    operations,
    penalties,
    plan,
    stations,
    supervision,
)

routers = [
    stations.router,
    plan.router,
    construction.router,
    filling.router,
    operations.router,
    supervision.router,
    emergency.router,
    accidents.router,
    penalties.router,
]
