"""community-svc: user groups (社群) run by a standard operating procedure — groups, members,
goals, SOP templates, SOP runs and tasks."""
