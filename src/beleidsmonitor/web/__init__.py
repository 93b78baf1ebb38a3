"""web stage of beleidsmonitor."""
