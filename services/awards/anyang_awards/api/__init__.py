"""HTTP routers of the awards service (thin: parse, authorise, call the service layer)."""

from anyang_awards.api import applications, results, rounds

routers = [rounds.router, applications.router, results.router]
