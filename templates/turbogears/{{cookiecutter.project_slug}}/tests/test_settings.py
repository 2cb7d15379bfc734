{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' -%}
"""Settings from the environment{% if uses_db %}, and the translation of DATABASE_URL for SQLAlchemy{% endif %}."""

from __future__ import annotations

import pytest

from {{ cookiecutter.package_name }}.settings import (
{%- if uses_db %}
    DEFAULT_DATABASE_URL,
{%- endif %}
    load_settings,
{%- if uses_db %}
    sqlalchemy_url,
{%- endif %}
)


def test_secret_key_is_required() -> None:
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_settings({"SECRET_KEY": "  "}, dotenv=False)


@pytest.mark.parametrize(
    ("value", "debug"), [("1", True), ("true", True), ("0", False), ("", False)]
)
def test_debug_flag(value: str, debug: bool) -> None:
    assert load_settings({"SECRET_KEY": "s", "DEBUG": value}, dotenv=False).debug is debug


def test_production_is_the_default() -> None:
    settings = load_settings({"SECRET_KEY": "s"}, dotenv=False)
    assert (settings.debug, settings.allow_http, settings.hsts_seconds) == (False, False, 3600)


def test_allow_http_and_hsts_seconds() -> None:
    environ = {"SECRET_KEY": "s", "ALLOW_HTTP": "true", "HSTS_SECONDS": "31536000"}
    settings = load_settings(environ, dotenv=False)
    assert (settings.allow_http, settings.hsts_seconds) == (True, 31536000)


@pytest.mark.parametrize("value", ["-1", "1 year", "1.5"])
def test_bad_hsts_seconds_is_refused(value: str) -> None:
    with pytest.raises(RuntimeError, match="HSTS_SECONDS"):
        load_settings({"SECRET_KEY": "s", "HSTS_SECONDS": value}, dotenv=False)
{%- if uses_db %}


def test_database_url_defaults_to_sqlite() -> None:
    assert load_settings({"SECRET_KEY": "s"}, dotenv=False).database_url == DEFAULT_DATABASE_URL


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "postgresql://user:secret@db.example:5433/app",
            "postgresql+psycopg://user:secret@db.example:5433/app",
        ),
        ("postgres://user:secret@db/app", "postgresql+psycopg://user:secret@db/app"),
        ("postgresql://user@localhost/app", "postgresql+psycopg://user@localhost/app"),
        ("postgresql://localhost/app", "postgresql+psycopg://localhost/app"),
        (
            "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
            "postgresql+psycopg://user@/app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        (
            "postgresql://user@/app?host=/var/run/postgresql",
            "postgresql+psycopg://user@/app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        (
            "postgresql://user:p%40ss@db:5432/app?sslmode=disable",
            "postgresql+psycopg://user:p%40ss@db:5432/app?sslmode=disable",
        ),
        ("postgresql+psycopg://user@db/app", "postgresql+psycopg://user@db/app"),
        ("sqlite:///relative.sqlite3", "sqlite:///relative.sqlite3"),
        ("sqlite:////abs/path.sqlite3", "sqlite:////abs/path.sqlite3"),
    ],
)
def test_database_url_forms(given: str, expected: str) -> None:
    assert sqlalchemy_url(given) == expected
    settings = load_settings({"SECRET_KEY": "s", "DATABASE_URL": given}, dotenv=False)
    assert settings.database_url == expected
{%- endif %}
