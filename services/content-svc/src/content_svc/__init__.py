"""content-svc: what a new-media team writes and where it goes out — channels first."""
