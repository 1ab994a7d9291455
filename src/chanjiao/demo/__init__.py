"""Deterministic demo-region generator: same seed, same region."""
