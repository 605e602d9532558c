from govkit.migrations import run_env

from anyang_hydrogen.models import Base

run_env(Base.metadata)
