"""HTTP routers of the tasks service (thin: parse, authorise, call the service layer)."""

routers = []
