"""Extraction of the task register from the bulletin's text (run: `python -m anyang_tasks.extraction`)."""
