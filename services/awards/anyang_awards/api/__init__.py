"""HTTP routers of the awards service (thin: parse, authorise, call the service layer)."""

routers = []
