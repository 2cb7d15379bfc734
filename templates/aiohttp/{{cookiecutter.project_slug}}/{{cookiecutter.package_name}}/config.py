"""Settings, read once at start from the environment (``.env`` fills in what it leaves unset)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
{%- if cookiecutter.database != 'none' %}
from urllib.parse import unquote
{%- endif %}

from dotenv import load_dotenv
{%- if cookiecutter.database != 'none' %}
from sqlalchemy.engine import URL, make_url
{%- endif %}

#: The project's name, shown by the pages (Jinja escapes it there).
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
{%- if cookiecutter.database != 'none' %}
#: A relative SQLite path is relative to the working directory (the project's root).
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.package_name }}.sqlite3"
{%- endif %}
#: Request bodies larger than this answer 413.
MAX_BODY_BYTES = 1024 * 1024

_FALSE = {"", "0", "false", "no", "off"}
#: HSTS lifetime by default: one hour, short enough to undo a mistake (README, Production).
DEFAULT_HSTS_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class Settings:
    """What the application needs to know about its environment."""

    secret_key: str
    debug: bool = False
    #: Production over plain HTTP on your own machine: no HSTS.
    allow_http: bool = False
    hsts_seconds: int = DEFAULT_HSTS_SECONDS
{%- if cookiecutter.database != 'none' %}
    database_url: str = DEFAULT_DATABASE_URL
{%- endif %}
    project_name: str = PROJECT_NAME


def load_settings(
    environ: Mapping[str, str] | None = None, *, env_file: Path | None = None
) -> Settings:
    """Return the settings from ``environ`` (the process environment and ``.env`` by default).

    Refuses to run without ``SECRET_KEY``: no secret ever ships with the code.
    """
    if environ is None:
        load_dotenv(env_file or Path.cwd() / ".env")  # real environment variables win
        environ = os.environ
    secret_key = environ.get("SECRET_KEY", "")
    if not secret_key:
        raise RuntimeError(
            "SECRET_KEY is not set: put a long random value in .env (see .env.example) "
            "or in the environment."
        )
    hsts_seconds = environ.get("HSTS_SECONDS", "").strip() or str(DEFAULT_HSTS_SECONDS)
    if not hsts_seconds.isdigit():
        raise RuntimeError(f"HSTS_SECONDS must be a whole number of seconds, not {hsts_seconds!r}.")
    return Settings(
        secret_key=secret_key,
        debug=environ.get("DEBUG", "").strip().lower() not in _FALSE,
        allow_http=environ.get("ALLOW_HTTP", "").strip().lower() not in _FALSE,
        hsts_seconds=int(hsts_seconds),
{%- if cookiecutter.database != 'none' %}
        database_url=environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
{%- endif %}
    )
{%- if cookiecutter.database != 'none' %}


def database_url(url: str, *, asynchronous: bool = True) -> URL:
    """Translate a standard ``DATABASE_URL`` into SQLAlchemy's URL with the driver to use.

    ``sqlite:///PATH`` runs on aiosqlite (the standard ``sqlite3`` module for migrations);
    ``postgresql://`` (or ``postgres://``) on psycopg 3, asynchronous or not. A Unix-socket
    directory given as the host (``%2Fvar%2Frun%2Fpostgresql``) becomes ``?host=/path``;
    passwords, ports and query parameters (``?sslmode=require``) pass through unchanged.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite" if asynchronous else "sqlite")
    if backend in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
        host = unquote(parsed.host) if parsed.host else None
        if host and host.startswith("/"):
            parsed = URL.create(
                parsed.drivername,
                username=parsed.username,
                password=parsed.password,
                port=parsed.port,
                database=parsed.database,
                query={**parsed.query, "host": host},
            )
        return parsed
    raise ValueError(f"DATABASE_URL: unsupported database {backend!r} (sqlite or postgresql)")
{%- endif %}
