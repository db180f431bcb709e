"""Standups: the digest a channel gets and the query that gathers what it shows."""
