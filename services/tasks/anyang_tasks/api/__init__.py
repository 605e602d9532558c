"""HTTP routers of the tasks service (thin: parse, authorise, call the service layer)."""

from anyang_tasks.api import supervision, tasks

routers = [tasks.router, supervision.router]
