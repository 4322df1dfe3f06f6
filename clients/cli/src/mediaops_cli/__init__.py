"""``mediaops``: the MediaOps API from a terminal, for operators and scripts (Typer + Rich), on
the generated SDK ``mediaops_client``. The commands are in ``main``; ``README.md`` of the
repository has a tour."""

__version__ = "0.1.0"
