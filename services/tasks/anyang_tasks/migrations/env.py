from govkit.migrations import run_env

from anyang_tasks.models import Base

run_env(Base.metadata)
