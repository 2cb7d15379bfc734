{%- set auth = cookiecutter.auth == 'yes' -%}
"""The base handlers: security headers, JSON or HTML errors, and the pages every project has."""

from __future__ import annotations

import http
from typing import TYPE_CHECKING, Any

import tornado.escape
import tornado.web

from .config import PROJECT_NAME
{%- if auth %}
from .db import User
{%- endif %}

if TYPE_CHECKING:
    from .app import Application

#: Sent with every response, errors, static files and WebSocket handshakes included.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self'; img-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
}
{%- if auth %}
#: The signed cookie holding the logged-in user's id, and how long a login lasts.
USER_COOKIE = "user"
SESSION_DAYS = 14
{%- endif %}


class ApiError(tornado.web.HTTPError):
    """An error answered as ``{"error": message}``: the message goes in the body."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(status_code)
        self.message = message


class SecurityHeadersMixin(tornado.web.RequestHandler):
    """Set the security headers (Tornado calls this again when it clears a response)."""

    def set_default_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)
        # HSTS over HTTPS only, from HSTS_SECONDS; none at all with ALLOW_HTTP.
        hsts = self.settings.get("hsts")
        if hsts and self.request.protocol == "https":
            self.set_header("Strict-Transport-Security", hsts)


class BaseHandler(SecurityHeadersMixin, tornado.web.RequestHandler):
    """The base of every handler: errors as HTML pages, or as JSON where ``json_errors``."""

    #: Whether errors are answered as JSON ``{"error": ...}`` rather than an HTML page.
    json_errors = False
    application: Application
{%- if auth %}
    current_user: User | None

    async def prepare(self) -> None:
        """Load the logged-in user from the signed cookie (async: it reads the database)."""
        self.current_user = await self.load_user()

    async def load_user(self) -> User | None:
        """Return the user the session cookie names, if it is valid and the user exists."""
        user_id = self.get_signed_cookie(USER_COOKIE, max_age_days=SESSION_DAYS)
        if not user_id or not user_id.isdigit():
            return None
        async with self.application.db.sessions() as session:
            return await session.get(User, int(user_id))
{%- endif %}

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Answer an error without a traceback: the reason, or an ``ApiError``'s message."""
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, ApiError):
            message = error.message
        elif isinstance(error, tornado.web.HTTPError) and error.reason:
            message = error.reason
        else:
            message = self._reason
        if self.json_errors:
            self.finish({"error": message})
            return
        try:
            title = http.HTTPStatus(status_code).phrase
        except ValueError:
            title = "Error"
        self.render("error.html", status_code=status_code, title=title, message=message)

    def get_template_namespace(self) -> dict[str, Any]:
        """Give every template the project's name (escaped like any value)."""
        namespace = super().get_template_namespace()
        namespace["project_name"] = PROJECT_NAME
        return namespace


class ApiHandler(BaseHandler):
    """A JSON API handler: JSON errors, and no XSRF cookie to check.

    The API reads JSON bodies only (``Content-Type: application/json``), which a
    cross-site form cannot send, so a forged request from another site is refused anyway.
    """

    json_errors = True

    def check_xsrf_cookie(self) -> None:
        """The API authenticates no browser session: nothing for a forged request to use."""
{%- if auth %}

    async def prepare(self) -> None:
        """The API reads no session: skip loading the user."""
        self.current_user = None
{%- endif %}

    def write_json(self, data: Any, status_code: int = 200) -> None:
        """Answer ``data`` (a list too, which ``write`` refuses) as JSON."""
        self.set_status(status_code)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(tornado.escape.json_encode(data))


class IndexHandler(BaseHandler):
    """``GET /``: the home page, rendered by Tornado's template engine (auto-escaping)."""

    def get(self) -> None:
        self.render("index.html", live={{ 'True' if cookiecutter.database != 'none' else 'False' }})


class HealthHandler(ApiHandler):
    """``GET /health``: for load balancers and container health checks."""

    def get(self) -> None:
        self.write_json({"status": "ok"})


class NotFoundHandler(BaseHandler):
    """Any unknown route: 404, as JSON under ``/api/``, as a page elsewhere."""

    async def prepare(self) -> None:
        self.json_errors = self.request.path.startswith("/api/")
        raise tornado.web.HTTPError(404)


class StaticFileHandler(SecurityHeadersMixin, tornado.web.StaticFileHandler):
    """Tornado's static files, with the security headers; /favicon.ico answers the SVG icon."""

    def parse_url_path(self, url_path: str) -> str:
        # Tornado serves /favicon.ico from the static folder, which holds favicon.svg.
        return "favicon.svg" if url_path == "favicon.ico" else super().parse_url_path(url_path)
