"""Tables of the credit service (its own database); importing the package registers every table."""

from anyang_credit.models import (  # noqa: F401  (register the tables)
    catalogue,
    commitments,
    draws,
    finance,
    government,
    grades,
    lists,
    objections,
    records,
    repairs,
    reports,
    subjects,
)
from anyang_credit.models.base import Base, kit

__all__ = ["Base", "kit"]
