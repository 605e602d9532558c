"""HTTP routers of the tasks service (thin: parse, authorise, call the service layer)."""

from anyang_tasks.api import monthly, reports, supervision, tasks

routers = [tasks.router, reports.router, monthly.router, supervision.router]
