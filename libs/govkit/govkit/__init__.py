"""Shared plumbing for the Anyang e-government services (no domain rules live here)."""
