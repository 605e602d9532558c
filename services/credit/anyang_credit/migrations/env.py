from govkit.migrations import run_env

from anyang_credit.models import Base

run_env(Base.metadata)
