"""HTTP routers of the housing service (thin: parse, authorise, call the service layer)."""

routers = []
