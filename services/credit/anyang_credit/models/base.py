"""The declarative base and govkit's kit tables (outbox, inbox, audit, ...) of the credit service's database."""

from govkit.db import make_base
from govkit.tables import define_kit_tables

Base = make_base()
kit = define_kit_tables(Base.metadata)
