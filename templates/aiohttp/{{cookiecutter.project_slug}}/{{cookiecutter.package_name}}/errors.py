"""The error middleware: JSON ``{"error": ...}`` under ``/api``, an HTML page elsewhere.

Whatever goes wrong, a client gets a short message with the right status, never a traceback.
"""

from __future__ import annotations

import logging

import aiohttp_jinja2
from aiohttp import web
from aiohttp.typedefs import Handler

from .keys import SETTINGS

log = logging.getLogger(__name__)

#: Headers of an HTTP error worth keeping on the page that replaces it (405 names the methods).
_KEPT_HEADERS = ("Allow", "Retry-After")


def wants_json(request: web.Request) -> bool:
    """Tell whether the request is for the JSON API."""
    return request.path == "/api" or request.path.startswith("/api/")


def json_error(status: int, message: str) -> web.Response:
    """Return the API's error answer."""
    return web.json_response({"error": message}, status=status)


def error_response(request: web.Request, status: int, message: str) -> web.Response:
    """Answer ``status`` as JSON for the API, as a page for a browser."""
    if wants_json(request):
        return json_error(status, message)
    context = {"status": status, "message": message, "settings": request.app[SETTINGS]}
    return aiohttp_jinja2.render_template("error.html", request, context, status=status)


@web.middleware
async def errors_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn HTTP errors (404, 405, 413, ...) and unexpected exceptions into error answers."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise  # redirects and the like are answers, not errors
        response = error_response(request, exc.status, exc.reason)
        for name in _KEPT_HEADERS:
            if name in exc.headers:
                response.headers[name] = exc.headers[name]
        return response
    except Exception:
        log.exception("Unhandled error in %s %s", request.method, request.path)
        return error_response(request, 500, "Internal Server Error")
