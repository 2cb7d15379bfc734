"""CherryPy tools for what CherryPy leaves to the developer: security headers, CSRF, SameSite."""

import hashlib
import hmac
import secrets

import cherrypy
from cherrypy.lib import cptools

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
        "object-src 'none'"
    ),
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
CSRF_NONCE = "_csrf_nonce"  # the session key of the token's random part


def trust_proxy(trusted: frozenset[str] = frozenset()) -> None:
    """Apply CherryPy's proxy tool (X-Forwarded-Proto, -Host, -For) to trusted peers only.

    Like gunicorn's `forwarded_allow_ips`: a client talking to the server directly cannot
    claim HTTPS or another address; `*` trusts every peer.
    """
    if "*" in trusted or cherrypy.serving.request.remote.ip in trusted:
        cptools.proxy(local="X-Forwarded-Host", remote="X-Forwarded-For")


def set_security_headers(hsts_seconds: int | None = None) -> None:
    """Add SECURITY_HEADERS to the response, and HSTS to HTTPS responses if `hsts_seconds`.

    Runs at `on_start_resource`, before the handler: error responses (404, 405, 500)
    keep these headers, and a handler can still override one for its own page.
    """
    headers = cherrypy.serving.response.headers
    headers.update(SECURITY_HEADERS)
    # The scheme the client used: the proxy tool rewrites `base`, not `scheme`.
    if hsts_seconds is not None and cherrypy.serving.request.base.startswith("https:"):
        headers["Strict-Transport-Security"] = f"max-age={hsts_seconds}; includeSubDomains"


def check_csrf(secret_key: str) -> None:
    """Reject an unsafe request whose CSRF token does not match the session's.

    The token is an HMAC under `secret_key` of a random value kept in the session: it
    lasts as long as the session (file sessions survive a restart of the server), does
    not depend on the session id, is worthless with another session, and cannot be
    read from the session files alone. It is left on `cherrypy.request.csrf_token` for
    forms. Needs `tools.sessions`.
    """
    request = cherrypy.serving.request
    session = cherrypy.session
    nonce = session.get(CSRF_NONCE)
    if not isinstance(nonce, str):
        nonce = session[CSRF_NONCE] = secrets.token_urlsafe(32)
    expected = hmac.new(secret_key.encode(), nonce.encode(), hashlib.sha256).hexdigest()
    request.csrf_token = expected
    if request.method in SAFE_METHODS:
        return
    supplied = request.params.pop(CSRF_FIELD, None) or request.headers.get(CSRF_HEADER, "")
    valid = isinstance(supplied, str) and supplied.isascii()
    if not valid or not hmac.compare_digest(supplied, expected):
        raise cherrypy.HTTPError(403, "The CSRF token is missing or invalid: reload the page.")


def set_samesite(value: str = "Lax") -> None:
    """Mark the response's cookies SameSite (CherryPy's session tool has no option for it)."""
    for morsel in cherrypy.serving.response.cookie.values():
        morsel["samesite"] = value


# The proxy first (priority 10), so that the headers see the scheme the client used.
cherrypy.tools.trusted_proxy = cherrypy.Tool("on_start_resource", trust_proxy, priority=10)
cherrypy.tools.security_headers = cherrypy.Tool("on_start_resource", set_security_headers)
cherrypy.tools.samesite = cherrypy.Tool("before_finalize", set_samesite)
# After tools.sessions (before_request_body) and the request body, before the handler.
cherrypy.tools.csrf = cherrypy.Tool("before_handler", check_csrf)
