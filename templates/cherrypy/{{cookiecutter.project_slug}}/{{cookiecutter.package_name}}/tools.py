"""CherryPy tools for what CherryPy leaves to the developer: security headers and CSRF."""

import hashlib
import hmac

import cherrypy

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def set_security_headers() -> None:
    """Add SECURITY_HEADERS to the response.

    Runs at `on_start_resource`, before the handler: error responses (404, 405, 500)
    keep these headers, and a handler can still override one for its own page.
    """
    cherrypy.serving.response.headers.update(SECURITY_HEADERS)


def check_csrf(secret_key: str) -> None:
    """Reject an unsafe request whose CSRF token does not match the session's.

    The token is an HMAC of the session id under `secret_key`: nothing is stored, and
    a token is worthless with another session. The expected token is left on
    `cherrypy.request.csrf_token` for forms. Needs `tools.sessions`.
    """
    request = cherrypy.serving.request
    session = cherrypy.session
    if not session.loaded:
        session.load()  # a loaded session is saved, so its id (and the token) last
    expected = hmac.new(secret_key.encode(), session.id.encode(), hashlib.sha256).hexdigest()
    request.csrf_token = expected
    if request.method in SAFE_METHODS:
        return
    supplied = request.params.pop(CSRF_FIELD, None) or request.headers.get(CSRF_HEADER, "")
    valid = isinstance(supplied, str) and supplied.isascii()
    if not valid or not hmac.compare_digest(supplied, expected):
        raise cherrypy.HTTPError(403, "The CSRF token is missing or invalid: reload the page.")


cherrypy.tools.security_headers = cherrypy.Tool("on_start_resource", set_security_headers)
# After tools.sessions (before_request_body) and the request body, before the handler.
cherrypy.tools.csrf = cherrypy.Tool("before_handler", check_csrf)
