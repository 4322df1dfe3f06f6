"""metrics-svc."""
