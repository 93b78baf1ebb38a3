"""normalise stage of beleidsmonitor."""
