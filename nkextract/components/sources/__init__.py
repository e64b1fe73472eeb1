"""nk_sources: who a figure is attributed to and who relayed it."""
