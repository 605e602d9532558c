"""Pure rules of the manufacturing awards (安政办〔2023〕4号): no I/O, no framework."""
