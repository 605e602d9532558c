"""Request and response models of the hydrogen API (apart from the ORM models)."""
