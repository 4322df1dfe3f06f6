"""Per-route body limits: the member import takes big bodies, every other route the usual limit.

servicekit's ``BodyLimitMiddleware`` applies one limit to a whole app; this dispatcher reuses it
(same problem+json 413) with the normal limit for every path except the import route's.
"""

import re

from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.limits import BodyLimitMiddleware

IMPORT_PATH = re.compile(r"^/v1/groups/[^/]+/members/import/?$")


class RouteBodyLimitMiddleware:
    def __init__(self, app: ASGIApp, default_max_bytes: int) -> None:
        self.app = app
        self.limited = BodyLimitMiddleware(app, max_bytes=default_max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and IMPORT_PATH.match(scope["path"]):
            await self.app(scope, receive, send)  # the app-wide (import-sized) limit applies
        else:
            await self.limited(scope, receive, send)
