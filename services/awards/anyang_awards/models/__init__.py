"""Tables of the awards service (its own database); importing the package registers every table."""

from anyang_awards.models import applications, results, rounds  # noqa: F401  (register the tables)
from anyang_awards.models.base import Base, kit

__all__ = ["Base", "kit"]
