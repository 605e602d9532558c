"""Tables of the credit service (its own database)."""

from govkit.db import make_base
from govkit.tables import define_kit_tables

Base = make_base()
kit = define_kit_tables(Base.metadata)

from anyang_credit.models import records, subjects  # noqa: E402,F401,I001  (register the tables)
from anyang_credit.models import catalogue, commitments, government, objections  # noqa: E402,F401  (part A)
from anyang_credit.models import draws, finance, grades, lists, repairs, reports  # noqa: E402,F401  (part B)
