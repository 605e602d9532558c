"""Service layer of the tasks service: one transaction per write, with its audit row."""
