"""Configuration from the environment and from ``.env``{% if cookiecutter.database != 'none' %}; DATABASE_URL in every form{% endif %}."""

from collections.abc import MutableMapping
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.config import (
{%- if cookiecutter.database != 'none' %}
    DEFAULT_DATABASE_URL,
    database_url,
{%- endif %}
    from_environment,
)


def test_refuses_to_start_without_a_secret_key(environment: MutableMapping[str, str]) -> None:
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_production_configuration(environment: MutableMapping[str, str]) -> None:
    environment["SECRET_KEY"] = "s" * 64
    settings = from_environment()
    assert settings.secret_key == "s" * 64
    assert not settings.debug
{%- if cookiecutter.database != 'none' %}
    assert settings.database_url == DEFAULT_DATABASE_URL
{%- endif %}
    server = create_app(settings).server
    assert server.secret_key == "s" * 64
    assert not server.debug
    assert not server.testing
    assert server.config["SESSION_COOKIE_SECURE"]


def test_hsts_seconds(environment: MutableMapping[str, str]) -> None:
    environment.update(SECRET_KEY="s" * 64, HSTS_SECONDS="31536000")
    client = create_app().server.test_client()
    response = client.get("/health", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("value", ["-1", "1 year", "1.5"])
def test_bad_hsts_seconds_is_refused(environment: MutableMapping[str, str], value: str) -> None:
    environment.update(SECRET_KEY="s" * 64, HSTS_SECONDS=value)
    with pytest.raises(RuntimeError, match="HSTS_SECONDS"):
        from_environment()


def test_allow_http_drops_hsts_and_secure_cookies(environment: MutableMapping[str, str]) -> None:
    environment.update(SECRET_KEY="s" * 64, ALLOW_HTTP="true")
    server = create_app().server
    assert not server.config["SESSION_COOKIE_SECURE"]
    response = server.test_client().get("/health", base_url="https://localhost")
    assert "Strict-Transport-Security" not in response.headers


def test_trusted_origins_may_write(environment: MutableMapping[str, str]) -> None:
    environment.update(SECRET_KEY="s" * 64, CSRF_TRUSTED_ORIGINS="https://www.example.com/, x")
    assert from_environment().trusted_origins == ("https://www.example.com", "x")
    client = create_app().server.test_client()
    for origin, refused in [("https://www.example.com", False), ("https://evil.example", True)]:
        response = client.post("/_dash-update-component", json={}, headers={"Origin": origin})
        assert (response.status_code == 403) is refused, origin


def test_debug_configuration_allows_plain_http_cookies(
    environment: MutableMapping[str, str],
) -> None:
    environment.update(SECRET_KEY="s" * 64, DASH_DEBUG="1")
    server = create_app().server
    assert server.debug
    assert not server.config["SESSION_COOKIE_SECURE"]


def test_dotenv_fills_in_what_the_environment_leaves_unset(
    environment: MutableMapping[str, str], tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("SECRET_KEY=from-dotenv\nDASH_DEBUG=1\n", encoding="utf-8")
    environment["DASH_DEBUG"] = "0"
    settings = from_environment()
    assert settings.secret_key == "from-dotenv"
    assert not settings.debug
{%- if cookiecutter.database != 'none' %}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://user:p%40ss@db:5432/app", "postgresql+psycopg://user:p%40ss@db:5432/app"),
        ("postgres://user@db/app", "postgresql+psycopg://user@db/app"),
        ("postgresql://user@db:5433/app", "postgresql+psycopg://user@db:5433/app"),
        (
            "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
            "postgresql+psycopg://user@/app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        (
            "postgresql:///app?host=/var/run/postgresql",
            "postgresql+psycopg:///app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        (
            "postgresql://user:pw@db/app?sslmode=disable",
            "postgresql+psycopg://user:pw@db/app?sslmode=disable",
        ),
        ("sqlite:///app.sqlite3", "sqlite:///app.sqlite3"),
        ("sqlite:////tmp/app.sqlite3", "sqlite:////tmp/app.sqlite3"),
    ],
)
def test_database_url_in_every_standard_form(url: str, expected: str) -> None:
    assert database_url(url).render_as_string(hide_password=False) == expected


def test_unix_socket_host_reaches_the_driver() -> None:
    for url in (
        "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
        "postgresql://user@/app?host=/var/run/postgresql",
    ):
        parsed = database_url(url)
        assert (parsed.drivername, parsed.query["host"], parsed.database) == (
            "postgresql+psycopg",
            "/var/run/postgresql",
            "app",
        )
{%- endif %}
