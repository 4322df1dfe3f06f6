"""Module-level apps for granian, which (unlike uvicorn's ``--factory``) imports an attribute:
``bench/gateway_overhead.py --only servers`` serves content-svc with it to compare servers."""

from __future__ import annotations

from content_svc.main import create_app

content_app = create_app()
