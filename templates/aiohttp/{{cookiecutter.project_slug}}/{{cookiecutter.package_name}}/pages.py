"""``GET /``, the home page, and ``GET /health``."""

from __future__ import annotations

from typing import Any

import aiohttp_jinja2
from aiohttp import web

from .keys import SETTINGS

routes = web.RouteTableDef()


@routes.get("/")
@aiohttp_jinja2.template("index.html")
async def index(request: web.Request) -> dict[str, Any]:
    """The home page, rendered by Jinja (which escapes every value)."""
    return {"settings": request.app[SETTINGS]}


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    """Answer load balancers and container health checks."""
    return web.json_response({"status": "ok"})
