"""Serve the application on CherryPy's own production-ready server, cheroot.

Run this module with `python -m`: in production configuration, or with `--dev` for
development (tracebacks, autoreload).

Reads `.env` from the working directory (or a parent) first; real environment
variables win.{% if cookiecutter.database != 'none' %} Runs the database migrations (`alembic upgrade head`, a no-op when
the schema is up to date) before it serves.{% endif %} Stops cleanly on SIGTERM and Ctrl-C.
"""

import argparse
import os
import sys
from typing import Any

import cherrypy
{%- if cookiecutter.database != 'none' %}
import sqlalchemy as sa
{%- endif %}
from dotenv import find_dotenv, load_dotenv

from .app import make_app
from .config import ConfigError, Settings
{%- if cookiecutter.database != 'none' %}
from .store import ItemStore, upgrade_schema
{%- endif %}


def server_config(settings: Settings) -> dict[str, Any]:
    """CherryPy's global configuration: the listening socket, threads and environment."""
    config: dict[str, Any] = {
        "server.socket_host": settings.host,
        "server.socket_port": settings.port,
        "server.thread_pool": settings.threads,
        "log.screen": True,  # access and error logs on stdout/stderr, also in production
    }
    if not settings.debug:
        # No tracebacks, no autoreload, no config checker.
        config["environment"] = "production"
    return config


def main(argv: list[str] | None = None) -> None:
    """Read the settings, {% if cookiecutter.database != 'none' %}migrate the database, {% endif %}then serve until SIGTERM or Ctrl-C."""
    parser = argparse.ArgumentParser(
        prog="python -m {{ cookiecutter.package_name }}.server",
        description="Serve the application on CherryPy's server.",
    )
    parser.add_argument(
        "--dev", action="store_true", help="development mode: tracebacks and autoreload"
    )
    args = parser.parse_args(argv)
    load_dotenv(find_dotenv(usecwd=True))
    try:
        settings = Settings.from_env(os.environ, debug=True if args.dev else None)
    except ConfigError as error:
        sys.exit(f"error: {error}")
{%- if cookiecutter.database != 'none' %}
    try:
        upgrade_schema(settings.database_url)
        store = ItemStore(settings.database_url)
    except sa.exc.SQLAlchemyError as error:
        sys.exit(f"error: cannot use the database at DATABASE_URL: {error}")
    cherrypy.engine.subscribe("stop", store.close)
{%- endif %}

    cherrypy.config.update(server_config(settings))
    cherrypy.tree.mount(make_app(settings{% if cookiecutter.database != 'none' %}, store=store{% endif %}))
    cherrypy.engine.signals.subscribe()
    cherrypy.engine.start()
    cherrypy.engine.block()


if __name__ == "__main__":
    main()
