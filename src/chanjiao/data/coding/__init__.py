"""Curated data for the occupation coder (see chanjiao.core.coding and NOTICE)."""
