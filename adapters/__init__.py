"""Adapters: persistence and chat platforms, around the domain."""
