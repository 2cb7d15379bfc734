"""Settings: defaults, then the environment, after ``.env`` fills in what it leaves unset."""

import os
from dataclasses import dataclass
{%- if cookiecutter.database != 'none' %}
from urllib.parse import unquote
{%- endif %}

from dotenv import find_dotenv, load_dotenv
{%- if cookiecutter.database != 'none' %}
from sqlalchemy.engine import URL, make_url
{%- endif %}

#: The project's name. It reaches the page title through configuration (escaped there) and
#: the page body through Dash components, which React renders as text.
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
DESCRIPTION = {{ cookiecutter.description|one_line|quoted }}
{%- if cookiecutter.database != 'none' %}

#: A relative SQLite path is relative to the working directory: the project's root.
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.package_name }}.sqlite3"
{%- endif %}

_FALSE = {"", "0", "false", "no", "off"}
#: HSTS lifetime by default: one hour, short enough to undo a mistake (README, Production).
DEFAULT_HSTS_SECONDS = 3600


@dataclass(frozen=True)
class Settings:
    """What the application needs to know about its environment."""

    secret_key: str
    debug: bool = False
    testing: bool = False
    #: Production over plain HTTP on your own machine: no HSTS, cookies without Secure.
    allow_http: bool = False
    hsts_seconds: int = DEFAULT_HSTS_SECONDS
    #: Other origins (``https://example.com``) allowed to send writes (CSRF_TRUSTED_ORIGINS).
    trusted_origins: tuple[str, ...] = ()
{%- if cookiecutter.database != 'none' %}
    database_url: str = DEFAULT_DATABASE_URL
{%- endif %}
{%- if cookiecutter.database != 'none' %}


def database_url(url: str) -> URL:
    """Return DATABASE_URL as a SQLAlchemy URL, PostgreSQL on the psycopg 3 driver.

    Every standard form works: with or without a password or port, a Unix-socket host
    (``%2Fvar%2Frun%2Fpostgresql`` or ``?host=/path``) and query parameters (``?sslmode=``).
    """
    parsed = make_url(url)
    if parsed.drivername in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("postgresql") and parsed.host and "%" in parsed.host:
        # A percent-encoded socket directory as the host: the driver takes it as ?host=.
        parsed = URL.create(
            parsed.drivername,
            username=parsed.username,
            password=parsed.password,
            port=parsed.port,
            database=parsed.database,
            query={**parsed.query, "host": unquote(parsed.host)},
        )
    return parsed


def database_url_from_environment() -> str:
    """Return DATABASE_URL from the environment or ``.env``, else the default SQLite file."""
    load_dotenv(find_dotenv(usecwd=True))  # real environment variables win over .env
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
{%- endif %}


def is_debug() -> bool:
    """Tell whether DASH_DEBUG turns debug mode on."""
    return os.environ.get("DASH_DEBUG", "").strip().lower() not in _FALSE


def from_environment() -> Settings:
    """Return the settings from the environment and ``.env``; refuse to run without SECRET_KEY."""
    load_dotenv(find_dotenv(usecwd=True))  # real environment variables win over .env
    secret_key = os.environ.get("SECRET_KEY")
    if not secret_key:
        raise RuntimeError(
            "SECRET_KEY is not set: put a long random value in .env (see .env.example) "
            "or in the environment."
        )
    hsts_seconds = os.environ.get("HSTS_SECONDS", "").strip() or str(DEFAULT_HSTS_SECONDS)
    if not hsts_seconds.isdigit():
        raise RuntimeError(f"HSTS_SECONDS must be a whole number of seconds, not {hsts_seconds!r}.")
    origins = os.environ.get("CSRF_TRUSTED_ORIGINS", "")
    return Settings(
        secret_key=secret_key,
        debug=is_debug(),
        allow_http=os.environ.get("ALLOW_HTTP", "").strip().lower() not in _FALSE,
        hsts_seconds=int(hsts_seconds),
        trusted_origins=tuple(o.strip().rstrip("/") for o in origins.split(",") if o.strip()),
{%- if cookiecutter.database != 'none' %}
        database_url=database_url_from_environment(),
{%- endif %}
    )
