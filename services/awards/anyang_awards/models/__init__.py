"""Tables of the awards service (its own database)."""

from govkit.db import make_base
from govkit.tables import define_kit_tables

Base = make_base()
kit = define_kit_tables(Base.metadata)

from anyang_awards.models import applications, results, rounds  # noqa: E402,F401  (complete the metadata)
