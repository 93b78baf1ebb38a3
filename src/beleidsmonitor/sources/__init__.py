"""sources stage of beleidsmonitor."""
