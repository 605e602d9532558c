"""Request and response models of the tasks API (apart from the ORM models)."""
