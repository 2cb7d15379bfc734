{%- set db = cookiecutter.database != 'none' -%}
{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""Middleware components: the security headers{% if db %} and a database session per request{% endif %}."""

from typing import Any
{% if asgi %}
from falcon.asgi import Request, Response
{%- else %}
from falcon import Request, Response
{%- endif %}
{%- if db %}
{%- if asgi %}
from sqlalchemy.ext.asyncio import AsyncEngine
{%- else %}
from sqlalchemy import Engine
{%- endif %}
{%- endif %}

from .config import Settings
{%- if db %}
from .database import make_sessions
{%- endif %}

#: Sent with every response, errors and 404s included.
SECURITY_HEADERS = {
    # No MIME sniffing: a response is what its Content-Type says.
    "X-Content-Type-Options": "nosniff",
    # Never inside a frame (clickjacking).
    "X-Frame-Options": "DENY",
    # Other sites learn the origin at most, never full URLs.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # Content from this site only, no inline script or style, no plugins.
    "Content-Security-Policy": (
        "default-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
}


def hsts(seconds: int) -> str:
    """Return the Strict-Transport-Security value: browsers then refuse plain HTTP that long."""
    return f"max-age={seconds}; includeSubDomains"


class SecurityHeaders:
    """Add the security headers a responder did not set itself; HSTS over HTTPS only.

    With ``allow_http`` (ALLOW_HTTP=true, production tried on your own machine) no
    HSTS at all, so that a browser does not learn to refuse plain HTTP to this host.
    """

    def __init__(self, settings: Settings) -> None:
        self.hsts = None if settings.allow_http else hsts(settings.hsts_seconds)

    {% if asgi %}async {% endif %}def process_response(
        self, req: Request, resp: Response, resource: Any, req_succeeded: bool
    ) -> None:
        """Run after every request, whether a responder ran, failed or was never found."""
        for name, value in SECURITY_HEADERS.items():
            if resp.get_header(name) is None:
                resp.set_header(name, value)
        if self.hsts and req.scheme == "https":
            resp.set_header("Strict-Transport-Security", self.hsts)
{%- if db %}


class DatabaseSessions:
    """Open a session for each request to a resource that uses the database; close it after.

    A resource says it needs one with ``uses_database = True`` and finds it in
    ``req.context.db``; the health check and the pages pay nothing for it. Closing
    the session rolls back whatever the responder did not commit.
    """

    def __init__(self, engine: {{ 'AsyncEngine' if asgi else 'Engine' }}) -> None:
        self.engine = engine
        self.sessions = make_sessions(engine)

    {% if asgi %}async {% endif %}def process_resource(
        self, req: Request, resp: Response, resource: Any, params: dict[str, Any]
    ) -> None:
        """Open the session, once the router has found the resource."""
        if getattr(resource, "uses_database", False):
            req.context.db = self.sessions()

    {% if asgi %}async {% endif %}def process_response(
        self, req: Request, resp: Response, resource: Any, req_succeeded: bool
    ) -> None:
        """Close the session, returning its connection to the pool."""
        session = req.context.get("db")
        if session is not None:
            {% if asgi %}await {% endif %}session.close()
{%- if asgi %}

    async def process_shutdown(self, scope: dict[str, Any], event: dict[str, Any]) -> None:
        """Close the pooled connections when the server stops (ASGI lifespan)."""
        await self.engine.dispose()
{%- endif %}
{%- endif %}
