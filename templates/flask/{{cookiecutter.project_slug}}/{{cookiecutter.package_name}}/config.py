"""Settings: defaults, then the environment, after ``.env`` fills in what it leaves unset."""
{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}

import os
from collections.abc import Mapping
from typing import Any
{%- if uses_db %}
from urllib.parse import unquote
{%- endif %}

from flask.cli import load_dotenv
{%- if uses_db %}
from sqlalchemy.engine import make_url
{%- endif %}

#: The project's name, shown by the pages (Jinja escapes it there).
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
{%- if uses_db %}

#: A relative SQLite path lands in Flask's instance folder (``instance/``).
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.package_name }}.sqlite3"
{%- endif %}

#: One hour until you have seen HTTPS work everywhere; then raise it (see the README).
DEFAULT_HSTS_SECONDS = 3600

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}

DEFAULTS: dict[str, Any] = {
    "PROJECT_NAME": PROJECT_NAME,
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Production answers HTTPS only: plain HTTP is redirected (see security.py).
    "HTTPS_ONLY": False,
    "HSTS_SECONDS": DEFAULT_HSTS_SECONDS,
{%- if uses_db %}
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
{%- endif %}
{%- if cookiecutter.auth == 'yes' %}
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    # Other sites whose forms may post here, besides this one (security.py checks Origin).
    "CSRF_TRUSTED_ORIGINS": [],
    # Flask-WTF's own Referer check knows no trusted origins: security.py does it instead.
    "WTF_CSRF_SSL_STRICT": False,
    # Flask-Limiter's counters: in each process's memory unless RATELIMIT_STORAGE_URI says.
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
{%- endif %}
}


def flag(environ: Mapping[str, str], name: str) -> bool:
    """Return the boolean variable ``name`` (true/false, 1/0, yes/no, on/off; unset is false)."""
    value = environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise RuntimeError(f"{name} must be true or false, not {value!r}.")


def _non_negative_int(environ: Mapping[str, str], name: str, default: int) -> int:
    value = environ.get(name, "").strip() or str(default)
    if not value.isdigit():
        raise RuntimeError(f"{name} must be a whole number of seconds, not {value!r}.")
    return int(value)
{%- if uses_db %}


def database_uri(url: str) -> str:
    """Return DATABASE_URL for SQLAlchemy, with PostgreSQL URLs on the psycopg 3 driver.

    Every standard form passes through: no password, no port, query parameters
    (``?sslmode=require``), a Unix socket as ``?host=/run/postgresql`` or as a
    URL-encoded host (``postgresql://user@%2Frun%2Fpostgresql/db``), which psycopg
    needs as ``?host=``.
    """
    parsed = make_url(url)
    if parsed.drivername in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
        host = unquote(parsed.host or "")
        if host.startswith("/"):
            # URL.set() ignores None: _replace is the namedtuple's own way to drop the host.
            parsed = parsed._replace(host=None).update_query_dict({"host": host})
    return parsed.render_as_string(hide_password=False)
{%- endif %}


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return the settings from the environment and ``.env``; refuse to run without SECRET_KEY."""
    if environ is None:
        load_dotenv()  # .env and .flaskenv, as the flask command loads them: real variables win
        environ = os.environ
    secret_key = environ.get("SECRET_KEY")
    if not secret_key:
        raise RuntimeError(
            "SECRET_KEY is not set: put a long random value in .env (see .env.example) "
            "or in the environment."
        )
    debug = flag(environ, "FLASK_DEBUG")
    # Production on a laptop: plain HTTP, no redirect, no HSTS, cookies without Secure.
    allow_http = flag(environ, "ALLOW_HTTP")
    secure = not debug and not allow_http
{%- if cookiecutter.auth == 'yes' %}
    origins = environ.get("CSRF_TRUSTED_ORIGINS", "")
{%- endif %}
    return {
        "SECRET_KEY": secret_key,
        "DEBUG": debug,
{%- if uses_db %}
        "SQLALCHEMY_DATABASE_URI": database_uri(
            environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        ),
{%- endif %}
        "HTTPS_ONLY": secure,
        "HSTS_SECONDS": (
            _non_negative_int(environ, "HSTS_SECONDS", DEFAULT_HSTS_SECONDS) if secure else 0
        ),
        # In production the cookies only travel over HTTPS.
        "SESSION_COOKIE_SECURE": secure,
{%- if cookiecutter.auth == 'yes' %}
        "CSRF_TRUSTED_ORIGINS": [o.strip().rstrip("/") for o in origins.split(",") if o.strip()],
        "REMEMBER_COOKIE_SECURE": secure,
        "RATELIMIT_STORAGE_URI": environ.get("RATELIMIT_STORAGE_URI") or "memory://",
{%- endif %}
    }
