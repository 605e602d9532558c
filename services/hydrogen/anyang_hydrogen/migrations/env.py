from anyang_hydrogen.models import Base
from govkit.migrations import run_env

run_env(Base.metadata)
