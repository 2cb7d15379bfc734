{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' -%}
"""Settings from the environment (and .env): the only place the application reads them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
{%- if uses_db %}
from urllib.parse import unquote
{%- endif %}

from dotenv import load_dotenv
{%- if uses_db %}
from sqlalchemy.engine import URL, make_url
{%- endif %}

#: The project's name, shown by the home page (the template engine escapes it).
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
{%- if uses_db %}
#: Used when DATABASE_URL is unset: a SQLite file in the working directory.
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.package_name }}.sqlite3"
{%- endif %}

_TRUE = {"1", "true", "yes", "on"}
#: HSTS lifetime by default: one hour, short enough to undo a mistake (README, Production).
DEFAULT_HSTS_SECONDS = 3600


@dataclass(frozen=True)
class Settings:
    """What the application needs to start."""

    secret_key: str
    debug: bool = False
    #: Production over plain HTTP on your own machine: no HSTS, cookies without Secure.
    allow_http: bool = False
    hsts_seconds: int = DEFAULT_HSTS_SECONDS
{%- if uses_db %}
    database_url: str = DEFAULT_DATABASE_URL
{%- endif %}


def load_settings(environ: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
    """Return the settings from ``environ`` (``os.environ`` by default).

    With ``dotenv``, ``.env`` in the working directory fills in the variables the real
    environment leaves unset first. A missing ``SECRET_KEY`` stops the application.
    """
    if dotenv:
        load_dotenv(Path.cwd() / ".env", override=False)
    env = os.environ if environ is None else environ
    secret_key = env.get("SECRET_KEY", "").strip()
    if not secret_key:
        raise RuntimeError(
            "SECRET_KEY is not set: put one in .env or the environment "
            '(python -c "import secrets; print(secrets.token_urlsafe(48))").'
        )
    hsts_seconds = env.get("HSTS_SECONDS", "").strip() or str(DEFAULT_HSTS_SECONDS)
    if not hsts_seconds.isdigit():
        raise RuntimeError(f"HSTS_SECONDS must be a whole number of seconds, not {hsts_seconds!r}.")
    return Settings(
        secret_key=secret_key,
        debug=env.get("DEBUG", "0").strip().lower() in _TRUE,
        allow_http=env.get("ALLOW_HTTP", "0").strip().lower() in _TRUE,
        hsts_seconds=int(hsts_seconds),
{%- if uses_db %}
        database_url=sqlalchemy_url(env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL),
{%- endif %}
    )
{%- if uses_db %}


def sqlalchemy_url(database_url: str) -> str:
    """Translate a standard ``DATABASE_URL`` into the URL SQLAlchemy connects with.

    ``postgres://`` and ``postgresql://`` get the psycopg 3 driver; user, password, host
    (a Unix-socket directory too, percent-encoded or as ``?host=``), port, database and
    query parameters (``?sslmode=require``) are kept as they are. Other URLs pass through.
    """
    url: URL = make_url(database_url)
    if url.drivername in {"postgres", "postgresql"}:
        url = url.set(drivername="postgresql+psycopg")
    if url.host and url.host.startswith("%2"):
        # A socket folder as the host (``%2Fvar%2Frun%2Fpostgresql``): SQLAlchemy keeps
        # it encoded, so it goes to ``?host=``, where libpq takes a folder.
        query = {**url.query, "host": unquote(url.host)}
        url = URL.create(
            url.drivername, url.username, url.password, None, url.port, url.database, query
        )
    return url.render_as_string(hide_password=False)
{%- endif %}
