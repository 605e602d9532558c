"""HTTP routers of the hydrogen service (thin: parse, authorise, call the service layer)."""

from anyang_hydrogen.api import accidents, construction, filling, penalties, plan, stations

routers = [stations.router, plan.router, construction.router, filling.router, accidents.router, penalties.router]
