"""views stage of beleidsmonitor."""
