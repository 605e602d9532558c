"""HTTP routers of the hydrogen service (thin: parse, authorise, call the service layer)."""

from anyang_hydrogen.api import accidents, penalties, stations

routers = [stations.router, accidents.router, penalties.router]
