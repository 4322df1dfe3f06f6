"""metrics-svc: every other service's events arrive here and leave as numbers — ingestion,
metrics, funnels, retention, targets and insights."""
