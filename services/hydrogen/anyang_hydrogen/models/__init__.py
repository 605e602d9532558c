"""Tables of the hydrogen service (its own database)."""

from govkit.db import make_base
from govkit.tables import define_kit_tables

Base = make_base()
kit = define_kit_tables(Base.metadata)

from anyang_hydrogen.models import (  # noqa: E402,F401  (register the tables)
    accidents,
    construction,
    emergency,
    filling,
    operations,
    penalties,
    plan,
    stations,
    supervision,
)
