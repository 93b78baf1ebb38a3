"""outputs stage of beleidsmonitor."""
