"""Service layer of the housing service: one transaction per write, with its event and audit row."""
