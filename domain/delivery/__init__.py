"""Getting notices to people: the scheduler pass and its scans, the deadline ladder, quiet
hours, missing-manager notices and the dispatcher that sends the outbox."""
