"""The composition root: configuration, wiring, the server, the worker and the CLI."""
