{%- set db = cookiecutter.database != 'none' -%}
{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""Settings: the environment, after ``.env`` fills in what it leaves unset."""

import os
from dataclasses import dataclass
{%- if db %}
from urllib.parse import unquote
{%- endif %}

from dotenv import find_dotenv, load_dotenv
{%- if db %}
from sqlalchemy.engine import URL, make_url
{%- endif %}

#: The project's name, shown by the home page (Jinja escapes it there).
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
{%- if db %}

#: A relative SQLite path is relative to the working directory (the project's root).
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
    #: Production over plain HTTP on your own machine: no HSTS, cookies without Secure.
    allow_http: bool = False
    hsts_seconds: int = DEFAULT_HSTS_SECONDS
{%- if db %}
    database_url: str = DEFAULT_DATABASE_URL
{%- endif %}
    project_name: str = PROJECT_NAME


def load_dotenv_file() -> None:
    """Load ``.env`` from the working directory (or a parent): real variables win."""
    load_dotenv(find_dotenv(usecwd=True))


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in _FALSE


def _hsts_seconds() -> int:
    value = os.environ.get("HSTS_SECONDS", "").strip() or str(DEFAULT_HSTS_SECONDS)
    if not value.isdigit():
        raise RuntimeError(f"HSTS_SECONDS must be a whole number of seconds, not {value!r}.")
    return int(value)


def load_settings() -> Settings:
    """Return the settings from the environment and ``.env``; refuse to run without SECRET_KEY."""
    load_dotenv_file()
    secret_key = os.environ.get("SECRET_KEY", "")
    if not secret_key:
        raise RuntimeError(
            "SECRET_KEY is not set: put a long random value in .env (see .env.example) "
            "or in the environment."
        )
    return Settings(
        secret_key=secret_key,
        debug=_flag("DEBUG"),
        allow_http=_flag("ALLOW_HTTP"),
        hsts_seconds=_hsts_seconds(),
{%- if db %}
        database_url=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
{%- endif %}
    )
{%- if db %}


def database_url(url: str, *, asynchronous: bool = {{ 'True' if asgi else 'False' }}) -> URL:
    """Return ``DATABASE_URL`` as SQLAlchemy's URL, with this project's drivers.

    PostgreSQL URLs (``postgresql://`` or ``postgres://``) get psycopg 3, which serves
    both the synchronous and the asynchronous engine; SQLite URLs get the standard
    library's ``sqlite3`` driver, or aiosqlite for the asynchronous engine. Everything
    else in the URL (user, password, host, a Unix-socket directory, port, query
    parameters such as ``sslmode``) is kept as it is.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend in {"postgres", "postgresql"}:
        # A Unix-socket directory given as the host arrives URL-encoded (%2Fvar%2Frun...).
        host = unquote(parsed.host) if parsed.host else parsed.host
        return parsed.set(drivername="postgresql+psycopg", host=host)
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite" if asynchronous else "sqlite")
    return parsed
{%- endif %}
