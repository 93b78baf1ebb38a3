"""extract stage of beleidsmonitor."""
