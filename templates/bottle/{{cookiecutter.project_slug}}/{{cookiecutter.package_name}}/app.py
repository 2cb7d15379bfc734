"""The application: ``create_app`` builds it from a configuration, with its pages and health check.

Production runs ``create_app()`` in gunicorn (the serve command in the README); the
development server runs it with ``python -m`` on this package (``__main__.py``).
"""

import functools
import json
from pathlib import Path

from bottle import Bottle, HTTPError, HTTPResponse, request, response, static_file, view

from . import PROJECT_NAME
from .config import Config, load_dotenv
{%- if cookiecutter.database != 'none' %}
from .items import add_item_routes
{%- endif %}
from .plugins import CSRFPlugin, SecurityHeadersPlugin, csrf_token
{%- if cookiecutter.database != 'none' %}
from .storage import open_items
{%- endif %}

HERE = Path(__file__).resolve().parent
# Absolute paths: Bottle's defaults are relative to the working directory.
VIEWS = [str(HERE / "views")]
STATIC = str(HERE / "static")

#: Paths answered over plain HTTP even in production: health checks come from inside.
PLAIN_HTTP_PATHS = frozenset({"/health"})


def create_app(config: Config | None = None) -> Bottle:
    """Build the application from ``config``, by default read from the environment and .env."""
    if config is None:
        load_dotenv()
        config = Config.from_env()
    app = Bottle()
    security = SecurityHeadersPlugin(hsts_seconds=config.hsts_seconds if config.https_only else 0)
    app.install(security)
    app.install(CSRFPlugin(config.secret_key, secure_cookie=config.https_only))
    # Bottle renders every error (unknown route, abort, crash) with this handler, outside
    # the plugins: answer JSON with the security headers, and never a traceback.
    app.default_error_handler = functools.partial(_render_error, security)
    if config.https_only:
        app.add_hook("before_request", functools.partial(_redirect_to_https, security))

    app.get("/", callback=home)
    app.post("/", callback=greet)
    app.get("/health", callback=health)
    app.get("/favicon.ico", callback=favicon)
    app.get("/static/<filename:path>", callback=static)
{%- if cookiecutter.database != 'none' %}
    # The migrations run here, once per process (gunicorn: once, before forking workers).
    add_item_routes(app, open_items(config.database_url))
{%- endif %}
    return app


@view("index", template_lookup=VIEWS)
def home() -> dict[str, str | None]:
    """Show the project's name and a form."""
    return {"project_name": PROJECT_NAME, "csrf_token": csrf_token(), "greeting": None}


@view("index", template_lookup=VIEWS)
def greet() -> dict[str, str | None]:
    """Greet whoever submitted the form (the CSRF plugin has checked its token)."""
    name = (request.forms.getunicode("name") or "").strip() or "stranger"
    return {
        "project_name": PROJECT_NAME,
        "csrf_token": csrf_token(),
        "greeting": f"Hello, {name}!",
    }


def health() -> dict[str, str]:
    """Answer 200 as long as the process serves requests."""
    return {"status": "ok"}


def favicon() -> HTTPResponse:
    """Serve the SVG icon where browsers look for one when a page names none."""
    return static_file("favicon.svg", root=STATIC, mimetype="image/svg+xml")


def static(filename: str) -> HTTPResponse:
    """Serve the stylesheet and the icon (Bottle refuses paths outside the folder)."""
    return static_file(filename, root=STATIC)


def _redirect_to_https(security: SecurityHeadersPlugin) -> None:
    """In production, send plain-HTTP requests to the same URL over HTTPS.

    The scheme is the server's (gunicorn believes X-Forwarded-Proto from
    FORWARDED_ALLOW_IPS only), not Bottle's ``request.urlparts``, which believes anyone.
    """
    if request.environ.get("wsgi.url_scheme") != "https" and request.path not in PLAIN_HTTP_PATHS:
        url = request.url.replace("http://", "https://", 1)
        redirect = HTTPResponse(status=308, Location=url)  # 308 keeps a POST a POST
        security.add_headers(redirect)
        raise redirect


def _render_error(security: SecurityHeadersPlugin, error: HTTPError) -> str:
    security.add_headers(response)
    response.content_type = "application/json"
    # A server error's details go to the log (Bottle writes the traceback to wsgi.errors).
    message = error.body if error.status_code < 500 else "Internal server error"
    return json.dumps({"error": message})
