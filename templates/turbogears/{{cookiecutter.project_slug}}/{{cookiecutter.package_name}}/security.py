"""Security headers on every response, and CSRF protection for HTML forms."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import tg
from tg.appwrappers.base import ApplicationWrapper
from webob import Response

log = logging.getLogger(__name__)

#: Sent with every response, error pages and 404s included.
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
)

#: Browsers ask for /favicon.ico whatever the page says: answered with the SVG icon.
FAVICON = (Path(__file__).resolve().parent / "public" / "favicon.svg").read_bytes()

CSRF_COOKIE = "csrf_token"
CSRF_FIELD = "_csrf_token"
#: What another site can make a browser send without a CORS preflight: a POST with one of
#: these bodies. PUT, DELETE or a JSON body cannot be sent cross-site without a preflight,
#: which this application never grants, so the JSON API needs no token.
FORM_TYPES = frozenset(
    {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain", ""}
)

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class SecurityHeadersMiddleware:
    """The outermost WSGI layer: adds the security headers to whatever answers.

    It also turns an exception that escaped everything else into a plain 500, so that no
    traceback ever reaches a client, and answers ``/favicon.ico`` with the SVG icon.
    """

    def __init__(self, app: WSGIApp, *, hsts_seconds: int | None = 3600) -> None:
        """``hsts_seconds``: HSTS's max-age, sent over HTTPS; None: no HSTS (ALLOW_HTTP)."""
        self.app = app
        self.hsts = (
            [("Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains")]
            if hsts_seconds is not None
            else []
        )

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        https = environ.get("wsgi.url_scheme") == "https"

        def with_headers(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            present = {name.lower() for name, _ in headers}
            extra = [*SECURITY_HEADERS, *self.hsts] if https else list(SECURITY_HEADERS)
            headers.extend(h for h in extra if h[0].lower() not in present)
            return start_response(status, headers, exc_info)

        if environ.get("PATH_INFO") == "/favicon.ico" and environ["REQUEST_METHOD"] == "GET":
            icon = Response(FAVICON, content_type="image/svg+xml", cache_control="max-age=86400")
            return icon(environ, with_headers)
        try:
            return self.app(environ, with_headers)
        except Exception:
            log.exception("unhandled error on %s", environ.get("PATH_INFO"))
            error = Response(
                json.dumps({"error": "internal server error"}),
                status=500,
                content_type="application/json",
            )
            return error(environ, with_headers)


def csrf_token() -> str:
    """Return the CSRF token for this visitor's forms, setting its cookie when needed.

    The cookie holds a random nonce; a form carries an HMAC of it under the secret key,
    so a cookie planted by a sibling domain cannot forge a matching token.
    """
    request, response = tg.request, tg.response
    nonce = request.environ.get("csrf.nonce") or request.cookies.get(CSRF_COOKIE)
    if not nonce:
        nonce = secrets.token_urlsafe(32)
        response.set_cookie(
            CSRF_COOKIE,
            nonce,
            httponly=True,
            samesite="Strict",
            secure=tg.config.get("secure_cookies", True),
            path="/",
        )
    request.environ["csrf.nonce"] = nonce
    return _sign(nonce)


def _sign(nonce: str) -> str:
    key = str(tg.config["secret_key"]).encode()
    return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()


def csrf_valid(request: Any) -> bool:
    """Return whether the form in ``request`` carries the token matching its cookie."""
    nonce = request.cookies.get(CSRF_COOKIE, "")
    sent = request.POST.get(CSRF_FIELD, "") if hasattr(request.POST, "get") else ""
    return bool(nonce and sent) and hmac.compare_digest(_sign(nonce), str(sent))


class CSRFProtection(ApplicationWrapper):
    """A TurboGears application wrapper refusing form submissions without a valid token.

    Every POST with a form body (what a cross-site page can send) must carry
    ``_csrf_token``; a failure answers 403 before any controller runs.
    """

    def __call__(self, controller: Any, environ: dict[str, Any], context: Any) -> Any:
        request = context.request
        is_form = request.method == "POST" and request.content_type in FORM_TYPES
        if is_form and not csrf_valid(request):
            response = context.response
            response.status_code = 403
            response.content_type = "text/html"
            response.text = "<!doctype html><title>403</title><p>Invalid or missing CSRF token."
            return response
        return self.next_handler(controller, environ, context)
