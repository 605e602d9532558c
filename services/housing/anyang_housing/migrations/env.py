from anyang_housing.models import Base
from govkit.migrations import run_env

run_env(Base.metadata)
