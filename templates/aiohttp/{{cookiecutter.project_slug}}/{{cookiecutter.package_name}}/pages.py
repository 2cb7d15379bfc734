"""``GET /``, the home page, ``GET /health`` and ``GET /favicon.ico``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from .keys import SETTINGS

routes = web.RouteTableDef()

#: Read once per process.
FAVICON = (Path(__file__).resolve().parent / "static" / "favicon.svg").read_bytes()


@routes.get("/")
@aiohttp_jinja2.template("index.html")
async def index(request: web.Request) -> dict[str, Any]:
    """The home page, rendered by Jinja (which escapes every value)."""
    return {"settings": request.app[SETTINGS]}


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    """Answer load balancers and container health checks."""
    return web.json_response({"status": "ok"})


@routes.get("/favicon.ico")
async def favicon(request: web.Request) -> web.Response:
    """Browsers ask for /favicon.ico whatever the page says: answer the SVG icon."""
    return web.Response(
        body=FAVICON,
        content_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )
