"""nl stage of beleidsmonitor."""
