"""HTTP routers of the housing service (thin: parse, authorise, call the service layer)."""

from anyang_housing.api import applications, fraud

routers = [applications.router, fraud.router]
