"""Settings from the environment and .env{% if cookiecutter.database != 'none' %}, and DATABASE_URL in every standard form{% endif %}."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest

from {{ cookiecutter.package_name }}.config import (
{%- if cookiecutter.database != 'none' %}
    DEFAULT_DATABASE_URL,
{%- endif %}
    Settings,
{%- if cookiecutter.database != 'none' %}
    database_url,
{%- endif %}
    load_settings,
)


def test_secret_key_is_required() -> None:
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_settings({})


def test_settings_from_a_mapping() -> None:
    settings = load_settings({"SECRET_KEY": "s", "DEBUG": "1"{% if cookiecutter.database != 'none' %}, "DATABASE_URL": "sqlite:///x.db"{% endif %}})
    assert settings == Settings(secret_key="s", debug=True{% if cookiecutter.database != 'none' %}, database_url="sqlite:///x.db"{% endif %})


def test_allow_http_and_hsts_seconds() -> None:
    settings = load_settings({"SECRET_KEY": "s"})
    assert (settings.allow_http, settings.hsts_seconds) == (False, 3600)
    settings = load_settings({"SECRET_KEY": "s", "ALLOW_HTTP": "true", "HSTS_SECONDS": "31536000"})
    assert (settings.allow_http, settings.hsts_seconds) == (True, 31536000)


@pytest.mark.parametrize("value", ["-1", "1 year", "1.5"])
def test_bad_hsts_seconds_is_refused(value: str) -> None:
    with pytest.raises(RuntimeError, match="HSTS_SECONDS"):
        load_settings({"SECRET_KEY": "s", "HSTS_SECONDS": value})


@pytest.mark.parametrize("value", ["", "0", "false", "No", "off"])
def test_debug_is_off_unless_asked(value: str) -> None:
    assert not load_settings({"SECRET_KEY": "s", "DEBUG": value}).debug
{%- if cookiecutter.database != 'none' %}


def test_default_database_is_sqlite() -> None:
    assert load_settings({"SECRET_KEY": "s"}).database_url == DEFAULT_DATABASE_URL
{%- endif %}


def test_env_file_fills_in_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("SECRET_KEY=from-file\nDEBUG=1\n", encoding="utf-8")
    with mock.patch.dict(os.environ, {"SECRET_KEY": "from-environment"}):
        os.environ.pop("DEBUG", None)
        settings = load_settings(env_file=env_file)
    assert settings.secret_key == "from-environment"
    assert settings.debug
{%- if cookiecutter.database != 'none' %}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///app.sqlite3", "sqlite+aiosqlite:///app.sqlite3"),
        ("sqlite:////var/data/app.sqlite3", "sqlite+aiosqlite:////var/data/app.sqlite3"),
        ("postgresql://user:secret@db.example:5432/app", "postgresql+psycopg://user:secret@db.example:5432/app"),
        ("postgres://user:secret@db.example/app", "postgresql+psycopg://user:secret@db.example/app"),
        ("postgresql://user@db.example/app", "postgresql+psycopg://user@db.example/app"),
        ("postgresql://user@db.example/app?sslmode=disable", "postgresql+psycopg://user@db.example/app?sslmode=disable"),
        ("postgresql://user@%2Fvar%2Frun%2Fpostgresql/app", "postgresql+psycopg://user@/app?host=%2Fvar%2Frun%2Fpostgresql"),
        ("postgresql://user@/app?host=/var/run/postgresql", "postgresql+psycopg://user@/app?host=%2Fvar%2Frun%2Fpostgresql"),
        ("postgresql:///app", "postgresql+psycopg:///app"),
    ],
)
def test_database_url_forms(given: str, expected: str) -> None:
    assert database_url(given).render_as_string(hide_password=False) == expected


def test_database_url_with_characters_to_quote() -> None:
    url = database_url("postgresql://user:p%40ss%2Fw@host:6543/app")
    assert (url.username, url.password, url.host, url.port) == ("user", "p@ss/w", "host", 6543)


def test_migrations_use_synchronous_drivers() -> None:
    assert database_url("sqlite:///a.db", asynchronous=False).drivername == "sqlite"
    postgresql = database_url("postgresql://u@h/db", asynchronous=False)
    assert postgresql.drivername == "postgresql+psycopg"


def test_other_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        database_url("mysql://user@host/db")
{%- endif %}
