"""clean stage of beleidsmonitor."""
