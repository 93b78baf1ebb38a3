"""structure stage of beleidsmonitor."""
