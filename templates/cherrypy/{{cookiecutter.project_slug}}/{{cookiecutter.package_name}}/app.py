"""The CherryPy application: page handlers, their per-path configuration and `make_app`."""

import functools
import html
from pathlib import Path

import cherrypy
from cherrypy.lib import sessions, static
from jinja2 import Environment, PackageLoader

from . import tools  # noqa: F401  (registers tools.security_headers, .csrf, .samesite)
{%- if cookiecutter.database != 'none' %}
from .api import Api, ResourceDispatcher, json_error
{%- endif %}
from .config import PROJECT_NAME, Settings
{%- if cookiecutter.database != 'none' %}
from .store import ItemStore
{%- endif %}

STATIC_DIR = Path(__file__).parent / "static"
MAX_VISITOR_LENGTH = 100


class Root:
    """The HTML pages and the health check: each exposed method answers its own path."""

    def __init__(self, templates: Environment{% if cookiecutter.database != 'none' %}, store: ItemStore{% endif %}) -> None:
        self._templates = templates
{%- if cookiecutter.database != 'none' %}
        self.api = Api(store)
{%- endif %}

    @cherrypy.expose
    @cherrypy.tools.allow(methods=["GET", "HEAD"])
    def index(self) -> str:
        """The home page, with a small form that remembers the visitor's name."""
        return self._templates.get_template("index.html").render(
            project_name=PROJECT_NAME,
            visitor=cherrypy.session.get("visitor"),
            csrf_token=cherrypy.request.csrf_token,
            max_length=MAX_VISITOR_LENGTH,
        )

    @cherrypy.expose
    @cherrypy.tools.allow(methods=["POST"])
    def greet(self, name: object = "") -> None:
        """Keep the visitor's name in the session, then show the home page again."""
        if not isinstance(name, str) or not 0 < len(name.strip()) <= MAX_VISITOR_LENGTH:
            raise cherrypy.HTTPError(400, f"Enter a name of 1 to {MAX_VISITOR_LENGTH} characters.")
        cherrypy.session["visitor"] = name.strip()
        raise cherrypy.HTTPRedirect(cherrypy.url("/"), 303)

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self) -> dict[str, str]:
        """Liveness check for load balancers and the Docker HEALTHCHECK."""
        return {"status": "ok"}

    @cherrypy.expose
    @cherrypy.tools.allow(methods=["GET", "HEAD"])
    def favicon_ico(self) -> object:
        """/favicon.ico, which browsers ask for whatever the page says: the SVG icon."""
        return static.serve_file(
            str(STATIC_DIR / "favicon.svg"), content_type="image/svg+xml"
        )


def make_app(settings: Settings{% if cookiecutter.database != 'none' %}, *, store: ItemStore{% endif %}) -> cherrypy.Application:
    """Build the application, ready for `cherrypy.tree.mount` or any WSGI server."""
    templates = Environment(
        loader=PackageLoader(__package__), autoescape=True, auto_reload=settings.debug
    )
    # Links are built with cherrypy.url(), so the application works mounted under a prefix:
    # url("/health") is "/health", or "/prefix/health" under /prefix.
    templates.globals["url"] = functools.partial(cherrypy.url, relative="server")
    Path(settings.session_dir).mkdir(parents=True, exist_ok=True)

    def html_error(status: str, message: str, traceback: str | None, version: str) -> str:
        # CherryPy's own messages arrive HTML-escaped; Jinja2 escapes them once, here.
        return templates.get_template("error.html").render(
            status=status, message=html.unescape(message), traceback=traceback
        )

    no_session = {"tools.sessions.on": False, "tools.csrf.on": False}
    config = {
        "/": {
            "request.show_tracebacks": settings.debug,
            "request.show_mismatched_params": settings.debug,
            "error_page.default": html_error,
            "tools.trusted_proxy.on": True,
            "tools.trusted_proxy.trusted": settings.forwarded_allow_ips,
            "tools.security_headers.on": True,
            "tools.security_headers.hsts_seconds": (
                settings.hsts_seconds if settings.https_only else None
            ),
            # Sessions in files, so that they survive a restart of the server.
            "tools.sessions.on": True,
            "tools.sessions.storage_class": sessions.FileSession,
            "tools.sessions.storage_path": str(Path(settings.session_dir).resolve()),
            "tools.sessions.httponly": True,
            "tools.sessions.secure": settings.https_only,
            "tools.samesite.on": True,
            "tools.csrf.on": True,
            "tools.csrf.secret_key": settings.secret_key,
        },
        "/favicon.ico": no_session,
        "/health": no_session,
        "/static": {
            **no_session,
            "tools.staticdir.on": True,
            "tools.staticdir.dir": str(STATIC_DIR),
            "tools.expires.on": True,
            "tools.expires.secs": 3600,
        },
{%- if cookiecutter.database != 'none' %}
        "/api": {
            **no_session,
            "request.dispatch": ResourceDispatcher(),
            "error_page.default": json_error,
        },
{%- endif %}
    }
    root = Root(templates{% if cookiecutter.database != 'none' %}, store{% endif %})
    return cherrypy.Application(root, script_name="", config=config)
