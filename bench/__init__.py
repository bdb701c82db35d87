"""`make bench`: measurements against the issues' targets (never tests)."""
