"""HTTP routers of the credit service (thin: parse, authorise, call the service layer)."""

routers = []
