"""track stage of beleidsmonitor."""
