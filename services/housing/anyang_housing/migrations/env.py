from govkit.migrations import run_env

from anyang_housing.models import Base

run_env(Base.metadata)
