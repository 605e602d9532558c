"""Tables of the tasks service (its own database)."""

from govkit.db import make_base
from govkit.tables import define_kit_tables

Base = make_base()
kit = define_kit_tables(Base.metadata)

from anyang_tasks.models import reports, supervision, tasks  # noqa: E402,F401  (register the tables)
