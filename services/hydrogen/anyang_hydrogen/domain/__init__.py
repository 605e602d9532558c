"""Pure rules of the hydrogen service (no I/O): every decision returns its basis and the facts used."""
