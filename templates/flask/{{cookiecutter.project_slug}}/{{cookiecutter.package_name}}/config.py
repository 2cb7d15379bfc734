"""Settings: defaults, then the environment, after ``.env`` fills in what it leaves unset."""

import os
from typing import Any

from flask.cli import load_dotenv
{%- if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}
from sqlalchemy.engine import make_url
{%- endif %}

#: The project's name, shown by the pages (Jinja escapes it there).
PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
{%- if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}

#: A relative SQLite path lands in Flask's instance folder (``instance/``).
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.package_name }}.sqlite3"
{%- endif %}

DEFAULTS: dict[str, Any] = {
    "PROJECT_NAME": PROJECT_NAME,
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "SESSION_COOKIE_SAMESITE": "Lax",
{%- if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
{%- endif %}
}

{%- if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}


def database_uri(url: str) -> str:
    """Return DATABASE_URL for SQLAlchemy, with PostgreSQL URLs on the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)
{%- endif %}


def from_environment() -> dict[str, Any]:
    """Return the settings from the environment and ``.env``; refuse to run without SECRET_KEY."""
    load_dotenv()  # .env and .flaskenv, as the flask command loads them: real variables win
    secret_key = os.environ.get("SECRET_KEY")
    if not secret_key:
        raise RuntimeError(
            "SECRET_KEY is not set: put a long random value in .env (see .env.example) "
            "or in the environment."
        )
    debug = os.environ.get("FLASK_DEBUG", "").lower() not in {"", "0", "false", "no"}
    return {
        "SECRET_KEY": secret_key,
        "DEBUG": debug,
{%- if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}
        "SQLALCHEMY_DATABASE_URI": database_uri(
            os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
        ),
{%- endif %}
        # Outside debug mode the session cookie only travels over HTTPS.
        "SESSION_COOKIE_SECURE": not debug,
    }
