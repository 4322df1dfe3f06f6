"""community-svc."""
