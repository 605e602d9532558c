from govkit.migrations import run_kit_env

run_kit_env()
