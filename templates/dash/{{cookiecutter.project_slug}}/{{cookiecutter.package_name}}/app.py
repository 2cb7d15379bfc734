"""The application factory: ``create_app()`` builds the Dash app around its Flask server."""

import html
from pathlib import Path
from typing import Any

import dash
from flask import Flask, abort, request, url_for

from . import config, errors, health, {% if cookiecutter.database != 'none' %}items, {% endif %}security
{%- if cookiecutter.database != 'none' %}
from .database import init_app as init_database
{%- endif %}
from .pages import analytics, home, shell

HERE = Path(__file__).resolve().parent


class App(dash.Dash):
    """Dash, answering 404 for paths that are no page and escaping the title it writes."""

    def index(self, *args: Any, **kwargs: Any) -> str:
        """Serve Dash's page for a registered page's path only; anything else is a 404."""
        path = request.path.rstrip("/") or "/"
        if path not in {page["path"] for page in dash.page_registry.values()}:
            abort(404)
        page: str = super().index(*args, **kwargs)
        return page

    def interpolate_index(self, **kwargs: Any) -> str:  # type: ignore[override]
        """Write the page with its title escaped (Dash copies it as is) and the nonce script.

        ``static/csp-nonce.js`` runs before Dash's bundles: see ``security``.
        """
        kwargs["title"] = html.escape(kwargs.get("title", ""))
        nonce_script = (
            f'<script src="{url_for("static", filename="csp-nonce.js")}" '
            f'nonce="{security.csp_nonce()}"></script>'
        )
        kwargs["scripts"] = nonce_script + kwargs.get("scripts", "")
        page: str = super().interpolate_index(**kwargs)
        return page


def create_app(settings: config.Settings | None = None) -> App:
    """Create the Dash app, configured from the environment or from ``settings``.

    Its Flask server (``app.server``) is what gunicorn serves, as ``server`` in main.py.
    """
    settings = settings or config.from_environment()
    app = App(
        __name__,
        title=config.PROJECT_NAME,
        update_title="",
        use_pages=True,
        pages_folder="",
        include_pages_meta=False,
        assets_folder=str(HERE / "assets"),
        meta_tags=[{"name": "description", "content": config.DESCRIPTION}],
    )
    server: Flask = app.server
    server.config.update(
        SECRET_KEY=settings.secret_key,
        DEBUG=settings.debug,
        TESTING=settings.testing,
        MAX_CONTENT_LENGTH=1024 * 1024,
        # Outside debug mode (and ALLOW_HTTP) the session cookie, if the project adds one,
        # travels over HTTPS only.
        SESSION_COOKIE_SECURE=not (settings.debug or settings.allow_http),
        # Read by security.py: HSTS over HTTPS (None: none, ALLOW_HTTP), trusted origins.
        HSTS=None if settings.allow_http else f"max-age={settings.hsts_seconds}; includeSubDomains",
        CSRF_TRUSTED_ORIGINS=settings.trusted_origins,
        SESSION_COOKIE_SAMESITE="Lax",
    )
{%- if cookiecutter.database != 'none' %}
    init_database(server, config.database_url(settings.database_url))
{%- endif %}
    server.register_blueprint(health.bp)
{%- if cookiecutter.database != 'none' %}
    server.register_blueprint(items.bp)
{%- endif %}
    errors.init_app(server)
    dash.register_page(
        "home", path="/", name="Home", title=config.PROJECT_NAME, layout=home.layout, order=0
    )
    dash.register_page(
        "analytics",
        path="/analytics",
        name="Analytics",
        title=f"Analytics - {config.PROJECT_NAME}",
        layout=analytics.layout,
        order=1,
    )
    app.layout = shell
    analytics.register_callbacks(app)
    security.init_app(server, app)
    return app
