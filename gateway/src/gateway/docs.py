"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) over the merged ``/openapi.json``, with every
asset served by the gateway itself under ``/docs/assets/``: the pages work offline and load
nothing from another origin.

The assets are the files the ``fastapi-offline`` package ships (Swagger UI 5.32.6, ReDoc 2.5.3;
both MIT), read from the installed package, so upgrading that dependency upgrades them; only the
small Swagger UI initializer is the gateway's own (``static/swagger-init.js``). Pages, assets and
the document need no token: they describe the API, every call they make still needs one.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

from servicekit.problems import problem_response

ASSETS_PREFIX = "/docs/assets"
_VENDOR = files("fastapi_offline") / "static"
_OWN = files("gateway") / "static"
_JS = "text/javascript; charset=utf-8"
# name under /docs/assets/ → (file, media type); nothing else is served from there.
ASSETS: dict[str, tuple[Path, str]] = {
    "swagger-ui-bundle.js": (Path(str(_VENDOR / "swagger-ui-bundle.js")), _JS),
    "swagger-ui.css": (Path(str(_VENDOR / "swagger-ui.css")), "text/css; charset=utf-8"),
    "redoc.standalone.js": (Path(str(_VENDOR / "redoc.standalone.js")), _JS),
    "favicon.png": (Path(str(_VENDOR / "favicon.png")), "image/png"),
    "swagger-init.js": (Path(str(_OWN / "swagger-init.js")), _JS),
}
_CACHE = "public, max-age=3600"
TITLE = "MediaOps API"

SWAGGER_HTML = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE} — Swagger UI</title>
<link rel="icon" type="image/png" href="{ASSETS_PREFIX}/favicon.png">
<link rel="stylesheet" href="{ASSETS_PREFIX}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_PREFIX}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_PREFIX}/swagger-init.js"></script>
</body>
</html>
"""

REDOC_HTML = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE} — ReDoc</title>
<link rel="icon" type="image/png" href="{ASSETS_PREFIX}/favicon.png">
<style>body {{ margin: 0; padding: 0; }}</style>
</head>
<body>
<redoc spec-url="/openapi.json"></redoc>
<script src="{ASSETS_PREFIX}/redoc.standalone.js"></script>
</body>
</html>
"""


async def swagger_ui(_: Request) -> HTMLResponse:
    return HTMLResponse(SWAGGER_HTML)


async def redoc(_: Request) -> HTMLResponse:
    return HTMLResponse(REDOC_HTML)


async def asset(request: Request) -> Response:
    found = ASSETS.get(request.path_params["name"])
    if found is None:
        response: JSONResponse = problem_response(404, "Not Found", "No such documentation asset.")
        return response
    path, media_type = found
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": _CACHE})
