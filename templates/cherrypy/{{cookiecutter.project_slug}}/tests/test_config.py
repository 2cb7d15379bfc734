"""Settings.from_env: defaults, parsing, and the production guard on SECRET_KEY."""

import pytest
{%- if cookiecutter.database != 'none' %}
import sqlalchemy as sa
{%- endif %}

from {{ cookiecutter.package_name }}.config import (
    ConfigError,
    Settings,
)
{%- if cookiecutter.database != 'none' %}
from {{ cookiecutter.package_name }}.store import engine_url
{%- endif %}


def test_defaults() -> None:
    settings = Settings.from_env({"SECRET_KEY": "s3cret"})
    assert settings == Settings(secret_key="s3cret")
    assert (settings.host, settings.port, settings.debug) == ("127.0.0.1", 8000, False)
{%- if cookiecutter.database != 'none' %}
    assert settings.database_url == "sqlite:///db.sqlite3"
{%- endif %}


def test_values_from_the_environment() -> None:
    environ = {
        "SECRET_KEY": "s3cret",
{%- if cookiecutter.database != 'none' %}
        "DATABASE_URL": "postgresql://app:pw@db.example:5432/app",
{%- endif %}
        "DEBUG": "yes",
        "HOST": "0.0.0.0",
        "PORT": "9000",
        "THREADS": "4",
        "FORWARDED_ALLOW_IPS": "10.0.0.1,10.0.0.2",
        "ALLOW_HTTP": "true",
        "HSTS_SECONDS": "31536000",
        "SESSION_DIR": "/var/lib/app/sessions",
    }
    assert Settings.from_env(environ) == Settings(
        secret_key="s3cret",
{%- if cookiecutter.database != 'none' %}
        database_url="postgresql://app:pw@db.example:5432/app",
{%- endif %}
        debug=True,
        host="0.0.0.0",
        port=9000,
        threads=4,
        forwarded_allow_ips=frozenset({"10.0.0.1", "10.0.0.2"}),
        allow_http=True,
        hsts_seconds=31536000,
        session_dir="/var/lib/app/sessions",
    )


def test_production_is_https_only_unless_allow_http() -> None:
    assert Settings.from_env({"SECRET_KEY": "s"}).https_only
    assert not Settings.from_env({"SECRET_KEY": "s", "ALLOW_HTTP": "true"}).https_only
    assert not Settings.from_env({}, debug=True).https_only


def test_production_refuses_to_start_without_a_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Settings.from_env({"SECRET_KEY": ""})


def test_debug_without_a_secret_key_gets_a_random_one() -> None:
    first = Settings.from_env({}, debug=True)
    second = Settings.from_env({"DEBUG": "1"})
    assert len(first.secret_key) >= 32
    assert first.secret_key != second.secret_key


def test_debug_argument_overrides_the_environment() -> None:
    assert not Settings.from_env({"SECRET_KEY": "s", "DEBUG": "true"}, debug=False).debug


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "http"),
        ("PORT", "0"),
        ("PORT", "70000"),
        ("THREADS", "-1"),
        ("DEBUG", "maybe"),
        ("ALLOW_HTTP", "maybe"),
        ("HSTS_SECONDS", "a year"),
    ],
)
def test_malformed_values_are_refused(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({"SECRET_KEY": "s3cret", name: value})
{%- if cookiecutter.database != 'none' %}


@pytest.mark.parametrize(
    ("database_url", "expected"),
    [
        ("sqlite:///db.sqlite3", "sqlite:///db.sqlite3"),
        ("sqlite:////var/lib/app/db.sqlite3", "sqlite:////var/lib/app/db.sqlite3"),
        (
            "postgresql://app:p%40ss@db.example:5433/app",
            "postgresql+psycopg://app:p%40ss@db.example:5433/app",
        ),
        ("postgres://app@db.example/app", "postgresql+psycopg://app@db.example/app"),
        ("postgresql://db.example/app", "postgresql+psycopg://db.example/app"),
        (
            "postgresql://app@db.example/app?sslmode=disable",
            "postgresql+psycopg://app@db.example/app?sslmode=disable",
        ),
        (  # a Unix-socket folder, percent-encoded as the host: libpq's host parameter
            "postgresql://app@%2Fvar%2Frun%2Fpostgresql/app",
            "postgresql+psycopg://app@/app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        (
            "postgresql://app@%2FTmp%2FPG:5433/app",
            "postgresql+psycopg://app@:5433/app?host=%2FTmp%2FPG",
        ),
        (
            "postgresql://app@/app?host=/var/run/postgresql",
            "postgresql+psycopg://app@/app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
    ],
)
def test_database_urls_work_in_every_standard_form(database_url: str, expected: str) -> None:
    url = engine_url(database_url)
    assert url.render_as_string(hide_password=False) == expected
    assert url == sa.make_url(expected)


def test_a_socket_folder_reaches_the_driver_as_its_host() -> None:
    url = engine_url("postgresql://app@%2Fvar%2Frun%2Fpostgresql:5433/app")
    assert url.query["host"] == "/var/run/postgresql"
    assert url.port == 5433


@pytest.mark.parametrize("database_url", ["nonsense", "://nothing"])
def test_a_malformed_database_url_is_refused(database_url: str) -> None:
    with pytest.raises(sa.exc.ArgumentError):
        engine_url(database_url)
{%- endif %}
