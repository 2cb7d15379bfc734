"""Security headers on every response: pages, JSON, errors, static files, the WebSocket handshake.

They are set by the ``on_response_prepare`` signal rather than by a middleware: the signal
runs just before any response sends its headers, including responses a handler prepares
itself (the WebSocket's), which a middleware only sees once they are already sent.
"""

from __future__ import annotations

from aiohttp import web

from .keys import SETTINGS

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # Scripts, styles, images and connections (fetch and the WebSocket: 'self' covers ws:
    # and wss: to this host in CSP Level 3 browsers) from this site only; nothing inline.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
}



def hsts(seconds: int) -> str:
    """Return the Strict-Transport-Security value: browsers keep to HTTPS that long.

    Browsers ignore it over plain HTTP, so it is safe to send behind a TLS-terminating proxy.
    """
    return f"max-age={seconds}; includeSubDomains"


async def set_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Add the headers the handler did not set itself; HSTS unless DEBUG or ALLOW_HTTP."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    settings = request.app[SETTINGS]
    if not (settings.debug or settings.allow_http):
        response.headers.setdefault("Strict-Transport-Security", hsts(settings.hsts_seconds))


def setup(app: web.Application) -> None:
    """Register the headers on ``app``."""
    app.on_response_prepare.append(set_security_headers)
