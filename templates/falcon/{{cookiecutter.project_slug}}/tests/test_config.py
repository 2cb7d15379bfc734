{%- set db = cookiecutter.database != 'none' -%}
{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""Settings from the environment and ``.env``{% if db %}, and DATABASE_URL in every standard form{% endif %}."""

import os
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.config import (
{%- if db %}
    DEFAULT_DATABASE_URL,
    database_url,
{%- endif %}
    load_settings,
)


def test_refuses_to_start_without_a_secret_key(environment: Path) -> None:
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_settings()


def test_production_by_default(environment: Path) -> None:
    os.environ["SECRET_KEY"] = "s" * 64
    settings = load_settings()
    assert settings.secret_key == "s" * 64
    assert not settings.debug
{%- if db %}
    assert settings.database_url == DEFAULT_DATABASE_URL
{%- endif %}


@pytest.mark.parametrize(
    ("value", "debug"),
    [("1", True), ("true", True), ("yes", True), ("0", False), ("false", False), ("", False)],
)
def test_debug_flag(environment: Path, value: str, debug: bool) -> None:
    os.environ.update(SECRET_KEY="s" * 64, DEBUG=value)
    assert load_settings().debug is debug


def test_allow_http_and_hsts_seconds(environment: Path) -> None:
    os.environ.update(SECRET_KEY="s" * 64)
    settings = load_settings()
    assert not settings.allow_http
    assert settings.hsts_seconds == 3600
    os.environ.update(ALLOW_HTTP="true", HSTS_SECONDS="31536000")
    settings = load_settings()
    assert settings.allow_http
    assert settings.hsts_seconds == 31536000


@pytest.mark.parametrize("value", ["-1", "1 year", "1.5"])
def test_bad_hsts_seconds(environment: Path, value: str) -> None:
    os.environ.update(SECRET_KEY="s" * 64, HSTS_SECONDS=value)
    with pytest.raises(RuntimeError, match="HSTS_SECONDS"):
        load_settings()


def test_dotenv_fills_in_what_the_environment_leaves_unset(environment: Path) -> None:
    (environment / ".env").write_text(
        "SECRET_KEY=from-dotenv\nDEBUG=1\n{% if db %}DATABASE_URL=sqlite:///from-dotenv.sqlite3\n{% endif %}",
        encoding="utf-8",
    )
    os.environ["DEBUG"] = "0"
    settings = load_settings()
    assert settings.secret_key == "from-dotenv"
    assert not settings.debug
{%- if db %}
    assert settings.database_url == "sqlite:///from-dotenv.sqlite3"


POSTGRESQL = "postgresql+psycopg"


@pytest.mark.parametrize(
    ("url", "drivername", "expected"),
    [
        # user, password, host, port, database
        (
            "postgresql://user:p%40ss@db.example:5433/app",
            POSTGRESQL,
            {"username": "user", "password": "p@ss", "host": "db.example", "port": 5433},
        ),
        # the old scheme name, no password, no port
        (
            "postgres://user@db/app",
            POSTGRESQL,
            {"username": "user", "password": None, "port": None},
        ),
        # a Unix-socket directory as the host, URL-encoded
        (
            "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
            POSTGRESQL,
            {"host": "/var/run/postgresql", "database": "app"},
        ),
        # a Unix-socket directory as a query parameter, no host
        (
            "postgresql://user@/app?host=/var/run/postgresql",
            POSTGRESQL,
            {"host": None, "query": {"host": "/var/run/postgresql"}},
        ),
        # query parameters are kept
        (
            "postgresql://user:secret@localhost/app?sslmode=disable&connect_timeout=5",
            POSTGRESQL,
            {"query": {"sslmode": "disable", "connect_timeout": "5"}},
        ),
        # a driver named in the URL is replaced by psycopg 3
        ("postgresql+psycopg2://user@localhost/app", POSTGRESQL, {"database": "app"}),
        # SQLite: relative, absolute, in memory
        ("sqlite:///app.sqlite3", "sqlite", {"database": "app.sqlite3"}),
        ("sqlite:////var/lib/app/app.sqlite3", "sqlite", {"database": "/var/lib/app/app.sqlite3"}),
        ("sqlite://", "sqlite", {"database": None}),
    ],
)
def test_database_url_forms(url: str, drivername: str, expected: dict[str, object]) -> None:
    parsed = database_url(url, asynchronous=False)
    assert parsed.drivername == drivername
    assert {name: getattr(parsed, name) for name in expected} == expected


def test_database_url_drivers_for_the_{{ 'asynchronous' if asgi else 'synchronous' }}_engine() -> None:
    assert database_url("postgresql://user@db/app").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///app.sqlite3").drivername == "{{ 'sqlite+aiosqlite' if asgi else 'sqlite' }}"
{%- if cookiecutter.database == 'postgresql' %}


def test_psycopg_connects_to_a_unix_socket_with_the_right_arguments() -> None:
    from sqlalchemy import create_engine

    for url in (
        "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
        "postgresql://user@/app?host=/var/run/postgresql",
    ):
        engine = create_engine(database_url(url, asynchronous=False))
        _, arguments = engine.dialect.create_connect_args(engine.url)
        assert arguments["host"] == "/var/run/postgresql"
        assert arguments["dbname"] == "app"
        assert arguments["user"] == "user"
{%- endif %}
{%- endif %}
