"""Request and response models of the housing API (apart from the ORM models)."""
