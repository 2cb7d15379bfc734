"""HTTPS only in production, and security headers on every response, error pages included.

Flask escapes its templates but sets no header of its own: these stop MIME sniffing,
framing, leaking full URLs to other sites, and content from anywhere but this site.
"""

from flask import Flask, Response, current_app, redirect, request
{%- if cookiecutter.auth == 'yes' %}
from werkzeug.exceptions import BadRequest
{%- endif %}
from werkzeug.wrappers import Response as BaseResponse

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # Styles, scripts, images and fonts from this site only: no inline code at all.
    "Content-Security-Policy": (
        "default-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
}

#: Paths answered over plain HTTP even in production: health checks come from inside.
PLAIN_HTTP_PATHS = frozenset({"/health"})
{%- if cookiecutter.auth == 'yes' %}

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
{%- endif %}


def redirect_to_https() -> BaseResponse | None:
    """In production, send plain-HTTP requests to the same URL over HTTPS."""
    if (
        current_app.config["HTTPS_ONLY"]
        and not request.is_secure
        and request.path not in PLAIN_HTTP_PATHS
    ):
        # 308 keeps the method and body of a POST.
        return redirect(request.url.replace("http://", "https://", 1), code=308)
    return None
{%- if cookiecutter.auth == 'yes' %}


def check_origin() -> None:
    """Over HTTPS, refuse a form posted from another site (the CSRF token's second guard).

    The browser's ``Origin`` (else ``Referer``) must be this site or one of
    CSRF_TRUSTED_ORIGINS. The JSON API is left out: it uses no cookies.
    """
    if request.method not in UNSAFE_METHODS or not request.is_secure:
        return
    if request.path == "/api" or request.path.startswith("/api/"):
        return
    origin = request.headers.get("Origin") or _origin_of(request.referrer)
    trusted = {request.host_url.rstrip("/"), *current_app.config["CSRF_TRUSTED_ORIGINS"]}
    if origin not in trusted:
        raise BadRequest("The form was sent from a site this one does not trust.")


def _origin_of(url: str | None) -> str | None:
    """Return ``scheme://host[:port]`` of ``url``."""
    if not url or "://" not in url:
        return None
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
{%- endif %}


def set_security_headers(response: Response) -> Response:
    """Add the headers a view did not set itself; HSTS over HTTPS in production."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    seconds = current_app.config["HSTS_SECONDS"]
    if request.is_secure and current_app.config["HTTPS_ONLY"] and seconds:
        response.headers.setdefault(
            "Strict-Transport-Security", f"max-age={seconds}; includeSubDomains"
        )
    return response


def init_app(app: Flask) -> None:
    """Register the redirect{% if cookiecutter.auth == 'yes' %}, the origin check{% endif %} and the headers on ``app``."""
    app.before_request(redirect_to_https)
{%- if cookiecutter.auth == 'yes' %}
    app.before_request(check_origin)
{%- endif %}
    app.after_request(set_security_headers)
