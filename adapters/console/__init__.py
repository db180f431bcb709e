"""The terminal chat: the whole bot with no network."""
