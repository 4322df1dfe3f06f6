"""Per-route body limits: the member imports take big bodies, every other route the usual limit.

servicekit's ``BodyLimitMiddleware`` applies one limit to a whole app; community's app puts this
dispatcher in its place (``main.create_app``): the same middleware, with the same problem+json
413, holding the import route to its own limit and every other path to the usual one.
"""

import re

from starlette.types import ASGIApp, Receive, Scope, Send

from servicekit.limits import BodyLimitMiddleware

# The synchronous import and the import job.
IMPORT_PATH = re.compile(r"^/v1/groups/[^/]+/(members/import|member-imports)/?$")


class RouteBodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, import_max_bytes: int) -> None:
        self.limited = BodyLimitMiddleware(app, max_bytes=max_bytes)
        self.import_limited = BodyLimitMiddleware(app, max_bytes=import_max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and IMPORT_PATH.match(scope["path"]):
            await self.import_limited(scope, receive, send)
        else:
            await self.limited(scope, receive, send)
