"""Security headers on every response, error pages included.

Flask escapes its templates but sets no header of its own: these stop MIME sniffing,
framing, leaking full URLs to other sites, and content from anywhere but this site.
"""

from flask import Flask, Response, request

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": (
        "default-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
}

#: Sent over HTTPS only: browsers then refuse plain HTTP to this host for a year.
HSTS = "max-age=31536000; includeSubDomains"


def set_security_headers(response: Response) -> Response:
    """Add the headers a view did not set itself."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    """Register the headers on ``app``."""
    app.after_request(set_security_headers)
