"""Use cases: one short function per command, working inside a unit of work."""
