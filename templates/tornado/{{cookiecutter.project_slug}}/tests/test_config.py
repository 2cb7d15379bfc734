{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' -%}
"""Settings from the environment and .env{% if uses_db %}, and DATABASE_URL in every standard form{% endif %}."""

from __future__ import annotations

from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.config import (
    ConfigError,
    Settings,
{%- if uses_db %}
    async_database_url,
{%- endif %}
    load_settings,
{%- if uses_db %}
    sync_database_url,
{%- endif %}
)


def test_settings_from_the_environment() -> None:
    environ = {"SECRET_KEY": "s3cret", "DEBUG": "1", "HOST": "0.0.0.0", "PORT": "9000"}
    settings = load_settings({**environ, "WEB_CONCURRENCY": "4"})
    assert settings.secret_key == "s3cret"
    assert settings.debug is True
    assert (settings.host, settings.port, settings.workers) == ("0.0.0.0", 9000, 4)


def test_defaults() -> None:
    settings = load_settings({"SECRET_KEY": "s3cret"})
    assert settings.debug is False
    assert (settings.allow_http, settings.hsts_seconds) == (False, 3600)
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert load_settings({"SECRET_KEY": "s3cret"}, debug_default=True).debug is True


def test_allow_http_and_hsts_seconds() -> None:
    settings = load_settings({"SECRET_KEY": "s", "ALLOW_HTTP": "true", "HSTS_SECONDS": "31536000"})
    assert (settings.allow_http, settings.hsts_seconds) == (True, 31536000)


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"SECRET_KEY": "  "},
        {"SECRET_KEY": "s", "PORT": "http"},
        {"SECRET_KEY": "s", "PORT": "70000"},
        {"SECRET_KEY": "s", "DEBUG": "maybe"},
        {"SECRET_KEY": "s", "WEB_CONCURRENCY": "0"},
        {"SECRET_KEY": "s", "WEB_CONCURRENCY": "two"},
        {"SECRET_KEY": "s", "ALLOW_HTTP": "sometimes"},
        {"SECRET_KEY": "s", "HSTS_SECONDS": "-1"},
        {"SECRET_KEY": "s", "HSTS_SECONDS": "1 year"},
    ],
)
def test_bad_settings_are_refused_with_a_message(environ: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        load_settings(environ)


def test_dotenv_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("SECRET_KEY=from-file\nPORT=8111\nHOST=10.0.0.1\n", encoding="utf-8")
    for name in (
        "SECRET_KEY", "PORT", "HOST", "DEBUG", "ALLOW_HTTP", "HSTS_SECONDS", "WEB_CONCURRENCY",
        "DATABASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "8222")
    settings = load_settings(env_file=env_file)
    assert (settings.secret_key, settings.port, settings.host) == ("from-file", 8222, "10.0.0.1")


def test_worker_count_default() -> None:
{%- if uses_db %}
    sqlite = Settings(secret_key="s", database_url="sqlite:///x.sqlite3")
    postgresql = Settings(secret_key="s", database_url="postgresql://u@h/db")
    assert (sqlite.workers, postgresql.workers) == (1, 2)
{%- else %}
    assert Settings(secret_key="s").workers == 2
{%- endif %}
{%- if uses_db %}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql://user:secret@db.example:5433/app",
            "postgresql+psycopg://user:secret@db.example:5433/app",
        ),
        ("postgres://user:secret@db/app", "postgresql+psycopg://user:secret@db/app"),
        ("postgresql://user@db:5432/app", "postgresql+psycopg://user@db:5432/app"),
        ("postgresql://user@db/app", "postgresql+psycopg://user@db/app"),
        ("postgresql://db/app", "postgresql+psycopg://db/app"),
        (
            "postgresql://user@/app?host=/var/run/postgresql",
            "postgresql+psycopg://user@/app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        (
            "postgresql://user:secret@db/app?sslmode=disable",
            "postgresql+psycopg://user:secret@db/app?sslmode=disable",
        ),
        ("postgresql+psycopg2://user@db/app", "postgresql+psycopg://user@db/app"),
        ("sqlite:///relative.sqlite3", "sqlite+aiosqlite:///relative.sqlite3"),
        ("sqlite:////abs/path.sqlite3", "sqlite+aiosqlite:////abs/path.sqlite3"),
    ],
)
def test_database_url_forms(url: str, expected: str) -> None:
    assert async_database_url(url).render_as_string(hide_password=False) == expected


def test_unix_socket_host_reaches_the_driver() -> None:
    for url in (
        "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
        "postgresql://user@/app?host=/var/run/postgresql",
    ):
        parsed = async_database_url(url)
        host = parsed.host or parsed.query.get("host")
        assert host == "/var/run/postgresql", url
        assert (parsed.username, parsed.database) == ("user", "app")


def test_migrations_use_blocking_drivers() -> None:
    assert sync_database_url("sqlite:///x.sqlite3").drivername == "sqlite"
    assert sync_database_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


def test_other_databases_are_refused() -> None:
    with pytest.raises(ConfigError):
        async_database_url("mysql://user@db/app")
{%- endif %}
