"""API gateway of the Anyang e-government platform."""
