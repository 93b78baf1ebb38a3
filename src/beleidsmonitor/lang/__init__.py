"""lang stage of beleidsmonitor."""
