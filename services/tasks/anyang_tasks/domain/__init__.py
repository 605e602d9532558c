"""Pure rules of the tasks service (no I/O)."""
