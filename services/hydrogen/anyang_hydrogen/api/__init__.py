"""HTTP routers of the hydrogen service (thin: parse, authorise, call the service layer)."""

routers = []
