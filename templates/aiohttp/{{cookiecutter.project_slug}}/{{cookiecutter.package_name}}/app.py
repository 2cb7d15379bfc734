"""The application factory: ``create_app()`` builds the aiohttp application.

``app_factory`` is what the production server (gunicorn's aiohttp worker) loads; tests call
``create_app(settings)`` with settings of their own.
"""

from __future__ import annotations

import logging
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from . import {% if cookiecutter.database != 'none' %}db, items, live, {% endif %}pages, security
from .config import MAX_BODY_BYTES, Settings, load_settings
from .errors import errors_middleware
from .keys import SETTINGS

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None) -> web.Application:
    """Return the application, configured by ``settings`` or else by the environment."""
    settings = settings or load_settings()
    app = web.Application(middlewares=[errors_middleware], client_max_size=MAX_BODY_BYTES)
    app[SETTINGS] = settings
    # One template environment for the life of the process; autoescaping on.
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        auto_reload=settings.debug,
    )
    security.setup(app)
{%- if cookiecutter.database != 'none' %}
    app.cleanup_ctx.append(db.database)
{%- endif %}
    app.add_routes(pages.routes)
{%- if cookiecutter.database != 'none' %}
    app.add_routes(items.routes)
    live.setup(app)
{%- endif %}
    app.router.add_static("/static", HERE / "static", name="static")
    return app


async def app_factory() -> web.Application:
    """Build the application from the environment: the factory gunicorn serves."""
    settings = load_settings()
    logging.basicConfig(level=logging.DEBUG if settings.debug else logging.INFO)
    return create_app(settings)
