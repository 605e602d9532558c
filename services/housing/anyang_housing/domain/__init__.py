"""Pure rules of the housing service (no I/O): every decision returns its basis and the facts used."""
