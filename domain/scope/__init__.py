"""Scope over time: drift against a project's baseline, product-constraint breaches and the
scope report that shows both."""
