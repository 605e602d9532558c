"""HTTP routers of the housing service (thin: parse, authorise, call the service layer)."""

from anyang_housing.api import allocation, applications, fraud, plans, projects

routers = [applications.router, projects.router, allocation.router, plans.router, fraud.router]
