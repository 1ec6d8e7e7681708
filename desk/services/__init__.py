"""Use cases: one door per action, each running in one unit of work."""
