"""register stage of beleidsmonitor."""
