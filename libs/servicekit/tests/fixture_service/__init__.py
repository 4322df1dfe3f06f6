"""A tiny service that exists only to test servicekit: one workspace-owned table (``thing``),
an outbox, and probe routes that exercise each piece of the library through a real app."""
