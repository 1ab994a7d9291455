"""Every write of the tracking app: verb-named, keyword-only, atomic, recording the actor."""
