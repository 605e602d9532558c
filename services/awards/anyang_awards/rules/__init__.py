"""Dated parameter files of the awards service (loaded by the service, not by the domain)."""

from __future__ import annotations

from pathlib import Path

PARAMETERS_FILE = Path(__file__).with_name("parameters.yaml")


def load_parameters():
    """The awards ParameterSet (govkit.rules.params) from parameters.yaml."""
    from govkit.rules.params import ParameterSet

    return ParameterSet.load(PARAMETERS_FILE)
