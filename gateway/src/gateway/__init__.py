"""MediaOps gateway."""
