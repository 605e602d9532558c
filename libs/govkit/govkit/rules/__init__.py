"""Rules kit: working-day calendar, counting of periods, dated cited parameters.

Import the submodules you need (``govkit.rules.calendar``, ``govkit.rules.periods``,
``govkit.rules.params``); nothing is loaded here.
"""
