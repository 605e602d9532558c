"""Service layer of the hydrogen service: one transaction per write, with its event and audit row."""
