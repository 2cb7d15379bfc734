{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' -%}
"""Settings from the environment, after loading ``.env`` (real environment variables win)."""

from __future__ import annotations

import os
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

#: Where the package lives: its templates and static files are found from here.
PACKAGE_DIR = Path(__file__).resolve().parent
{%- if uses_db %}

#: The database used when DATABASE_URL is unset, relative to the working directory.
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.package_name }}.sqlite3"
{%- endif %}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


def parse_bool(name: str, value: str) -> bool:
    """Read a yes/no setting (1/0, true/false, yes/no, on/off)."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name} must be 1 or 0 (true/false, yes/no, on/off), not {value!r}")


def parse_port(value: str) -> int:
    """Read a TCP port number."""
    try:
        port = int(value)
    except ValueError:
        raise ConfigError(f"PORT must be a number, not {value!r}") from None
    if not 0 <= port <= 65535:
        raise ConfigError(f"PORT must be between 0 and 65535, not {port}")
    return port
{%- if uses_db %}


def async_database_url(url: str) -> URL:
    """Translate a standard ``DATABASE_URL`` into SQLAlchemy's URL with an async driver.

    ``postgresql://`` (or ``postgres://``) gets psycopg 3 and ``sqlite://`` gets aiosqlite.
    Everything else in the URL is kept as it is: no password, no port, a Unix-socket host
    (``%2Fvar%2Frun%2Fpostgresql`` or ``?host=/path``) and parameters such as ``sslmode``.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if parsed.host and "%" in parsed.host:  # a percent-encoded socket folder: %2Fvar%2Frun
            parsed = parsed.set(host=unquote(parsed.host))
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite")
    raise ConfigError(f"DATABASE_URL must start with postgresql:// or sqlite://, not {url!r}")


def sync_database_url(url: str) -> URL:
    """Return the same database with a blocking driver, for the migrations (Alembic)."""
    parsed = async_database_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.set(drivername="sqlite")
    return parsed
{%- endif %}


@dataclass(frozen=True)
class Settings:
    """Everything the application reads from its environment."""

    secret_key: str
    debug: bool = False
    #: Production over plain HTTP on your own machine: no HSTS, cookies without Secure.
    allow_http: bool = False
    #: Strict-Transport-Security max-age, sent over HTTPS (one hour: see the README).
    hsts_seconds: int = 3600
    host: str = "127.0.0.1"
    port: int = 8000
{%- if uses_db %}
    database_url: str = DEFAULT_DATABASE_URL
{%- endif %}
    #: Worker processes of the production server; None: the default for the database.
    web_concurrency: int | None = None

    @property
    def workers(self) -> int:
        """Return how many worker processes the production server runs."""
        if self.web_concurrency is not None:
            return self.web_concurrency
{%- if uses_db %}
        # SQLite writes one at a time: one Tornado process, which holds thousands of
        # connections, is the right size for it. PostgreSQL takes more.
        return 1 if make_url(self.database_url).get_backend_name() == "sqlite" else 2
{%- else %}
        return 2
{%- endif %}


def load_settings(
    environ: dict[str, str] | None = None,
    *,
    env_file: Path | None = None,
    debug_default: bool = False,
) -> Settings:
    """Read the settings from ``environ`` (default: the process's), after loading ``.env``.

    ``.env`` is read from the working directory (or ``env_file``); a variable set in the
    real environment wins over the file. ``DEBUG`` defaults to ``debug_default``.
    """
    if environ is None:
        load_dotenv(env_file or Path.cwd() / ".env", override=False)
        environ = dict(os.environ)
    secret_key = environ.get("SECRET_KEY", "").strip()
    if not secret_key:
        raise ConfigError(
            "SECRET_KEY is not set: put one in .env, e.g. the output of "
            "python -c \"import secrets; print(secrets.token_urlsafe(48))\""
        )
    concurrency = environ.get("WEB_CONCURRENCY", "").strip()
    workers: int | None = None
    if concurrency:
        if not concurrency.isdigit() or int(concurrency) < 1:
            raise ConfigError(f"WEB_CONCURRENCY must be a whole number >= 1, not {concurrency!r}")
        workers = int(concurrency)
    hsts_seconds = environ.get("HSTS_SECONDS", "").strip() or "3600"
    if not hsts_seconds.isdigit():
        raise ConfigError(f"HSTS_SECONDS must be a whole number of seconds, not {hsts_seconds!r}")
    return Settings(
        secret_key=secret_key,
        debug=parse_bool("DEBUG", environ.get("DEBUG", "1" if debug_default else "0")),
        allow_http=parse_bool("ALLOW_HTTP", environ.get("ALLOW_HTTP", "0")),
        hsts_seconds=int(hsts_seconds),
        host=environ.get("HOST", "").strip() or "127.0.0.1",
        port=parse_port(environ.get("PORT", "").strip() or "8000"),
{%- if uses_db %}
        database_url=environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
{%- endif %}
        web_concurrency=workers,
    )
