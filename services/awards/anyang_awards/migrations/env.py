from govkit.migrations import run_env

from anyang_awards.models import Base

run_env(Base.metadata)
