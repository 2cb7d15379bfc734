"""Bottle plugins for what Bottle leaves out: security headers and CSRF protection."""

import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Any

from bottle import BaseResponse, HTTPError, HTTPResponse, Route, request, response

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # Nothing but this site's stylesheet and icon: no script, no inline style.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
        " frame-ancestors 'none'; base-uri 'none'"
    ),
}

CSRF_COOKIE = "csrf_nonce"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_CSRF_ENVIRON_KEY = "csrf.plugin"


class SecurityHeadersPlugin:
    """Sets the security headers on every response of the routes it wraps.

    Error responses (unknown routes, aborts, crashes) are rendered by the application's
    error handler, which Bottle calls outside any plugin: it calls ``add_headers`` too.
    """

    name = "security_headers"
    api = 2

    def __init__(self, *, hsts_seconds: int) -> None:
        self.headers = dict(SECURITY_HEADERS)
        # Production over HTTPS only (0 otherwise): browsers then refuse plain HTTP.
        self.hsts = f"max-age={hsts_seconds}; includeSubDomains" if hsts_seconds else None

    def add_headers(self, target: BaseResponse) -> None:
        """Set the headers on ``target``, the current response or a returned one."""
        for name, value in self.headers.items():
            target.set_header(name, value)
        if self.hsts and request.environ.get("wsgi.url_scheme") == "https":
            target.set_header("Strict-Transport-Security", self.hsts)

    def apply(self, callback: Callable[..., Any], route: Route) -> Callable[..., Any]:
        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                result = callback(*args, **kwargs)
            except HTTPResponse as raised:  # abort() and redirect() raise their response
                self.add_headers(raised)
                raise
            # A returned HTTPResponse replaces the current response's headers: set them on it.
            self.add_headers(result if isinstance(result, HTTPResponse) else response)
            return result

        return wrapper


class CSRFPlugin:
    """Rejects unsafe requests whose form token does not match the visitor's nonce cookie.

    The token is an HMAC of a random per-visitor nonce (kept in an HttpOnly cookie) under
    SECRET_KEY: another site can neither read the token nor forge one. Routes that take no
    form, such as a JSON API, opt out with ``skip=[CSRFPlugin]``.
    """

    name = "csrf"
    api = 2

    def __init__(self, secret_key: str, *, secure_cookie: bool) -> None:
        self._key = secret_key.encode()
        self.secure_cookie = secure_cookie

    def apply(self, callback: Callable[..., Any], route: Route) -> Callable[..., Any]:
        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if request.method not in SAFE_METHODS and not self._is_valid(
                request.get_cookie(CSRF_COOKIE), request.forms.getunicode(CSRF_FIELD)
            ):
                raise HTTPError(403, "CSRF token missing or invalid: reload the form and retry")
            request.environ[_CSRF_ENVIRON_KEY] = self
            return callback(*args, **kwargs)

        return wrapper

    def token(self) -> str:
        """Return the token for the current visitor, setting their nonce cookie if needed."""
        nonce = request.get_cookie(CSRF_COOKIE)
        if not nonce:
            nonce = secrets.token_urlsafe(32)
            response.set_cookie(
                CSRF_COOKIE,
                nonce,
                path="/",
                httponly=True,
                samesite="strict",
                secure=self.secure_cookie,
            )
        return self._sign(nonce)

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._key, nonce.encode(), hashlib.sha256).hexdigest()

    def _is_valid(self, nonce: str | None, token: str | None) -> bool:
        if not nonce or not token:
            return False
        return hmac.compare_digest(self._sign(nonce).encode(), token.encode())


def csrf_token() -> str:
    """Return the CSRF token a form of the current request must send back."""
    plugin: CSRFPlugin = request.environ[_CSRF_ENVIRON_KEY]
    return plugin.token()
