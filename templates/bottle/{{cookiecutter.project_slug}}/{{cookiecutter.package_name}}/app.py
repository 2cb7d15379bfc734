"""The application factory: a configuration in, a ready Bottle application out."""

import functools
import json

from bottle import Bottle, HTTPError, response

from .config import Config, load_dotenv
from .plugins import CSRFPlugin, SecurityHeadersPlugin
{%- if cookiecutter.database != 'none' %}
from .routes import health, items, pages
from .storage import open_repository
{%- else %}
from .routes import health, pages
{%- endif %}


def create_app(config: Config | None = None) -> Bottle:
    """Build the application from ``config``, by default read from the environment and .env."""
    if config is None:
        load_dotenv()
        config = Config.from_env()
    app = Bottle()
    security = SecurityHeadersPlugin(hsts=not config.debug)
    app.install(security)
    app.install(CSRFPlugin(config.secret_key, secure_cookie=not config.debug))
    # Bottle renders every error (unknown route, abort, crash) with this handler, outside
    # the plugins: answer JSON with the security headers, and never a traceback.
    app.default_error_handler = functools.partial(_render_error, security)
    pages.register(app)
    health.register(app)
{%- if cookiecutter.database != 'none' %}
    items.register(app, open_repository(config.database_url))
{%- endif %}
    return app


def _render_error(security: SecurityHeadersPlugin, error: HTTPError) -> str:
    security.add_headers(response)
    response.content_type = "application/json"
    # A server error's details go to the log (Bottle writes the traceback to wsgi.errors).
    message = error.body if error.status_code < 500 else "Internal server error"
    return json.dumps({"error": message})
