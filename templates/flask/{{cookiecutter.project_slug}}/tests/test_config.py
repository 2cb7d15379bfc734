"""Configuration from the environment and from ``.env``."""
{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}

from collections.abc import MutableMapping
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }} import create_app
{%- if uses_db %}
from {{ cookiecutter.package_name }}.config import database_uri
{%- endif %}


def test_refuses_to_start_without_a_secret_key(environment: MutableMapping[str, str]) -> None:
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_production_configuration(
    environment: MutableMapping[str, str]{% if uses_db %}, tmp_path: Path{% endif %}
) -> None:
    environment["SECRET_KEY"] = "s" * 64
    app = create_app()
    assert app.secret_key == "s" * 64
    assert not app.debug
    assert not app.testing
    assert app.config["SESSION_COOKIE_SECURE"]
    assert app.config["HTTPS_ONLY"]
    assert app.config["HSTS_SECONDS"] == 3600
{%- if cookiecutter.auth == 'yes' %}
    assert app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["CSRF_TRUSTED_ORIGINS"] == []
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
{%- endif %}
{%- if uses_db %}
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'app.sqlite3'}"
{%- endif %}


def test_allow_http_serves_production_over_plain_http(
    environment: MutableMapping[str, str],
) -> None:
    environment.update(SECRET_KEY="s" * 64, ALLOW_HTTP="true")
    app = create_app()
    assert not app.debug
    assert not app.config["HTTPS_ONLY"]
    assert app.config["HSTS_SECONDS"] == 0
    assert not app.config["SESSION_COOKIE_SECURE"]
    response = app.test_client().get("/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_seconds(environment: MutableMapping[str, str]) -> None:
    environment.update(SECRET_KEY="s" * 64, HSTS_SECONDS="31536000")
    response = create_app().test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize(
    ("name", "value"), [("HSTS_SECONDS", "a year"), ("ALLOW_HTTP", "maybe"), ("FLASK_DEBUG", "?")]
)
def test_malformed_settings_are_refused(
    environment: MutableMapping[str, str], name: str, value: str
) -> None:
    environment.update({"SECRET_KEY": "s" * 64, name: value})
    with pytest.raises(RuntimeError, match=name):
        create_app()
{%- if cookiecutter.auth == 'yes' %}


def test_csrf_trusted_origins(environment: MutableMapping[str, str]) -> None:
    environment.update(
        SECRET_KEY="s" * 64, CSRF_TRUSTED_ORIGINS="https://a.example, https://b.example/"
    )
    app = create_app()
    assert app.config["CSRF_TRUSTED_ORIGINS"] == ["https://a.example", "https://b.example"]
{%- endif %}


def test_debug_configuration_allows_plain_http_cookies(
    environment: MutableMapping[str, str],
) -> None:
    environment.update(SECRET_KEY="s" * 64, FLASK_DEBUG="1")
    app = create_app()
    assert app.debug
    assert not app.config["SESSION_COOKIE_SECURE"]
    assert not app.config["HTTPS_ONLY"]


def test_dotenv_fills_in_what_the_environment_leaves_unset(
    environment: MutableMapping[str, str], tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("SECRET_KEY=from-dotenv\nFLASK_DEBUG=1\n", encoding="utf-8")
    environment["FLASK_DEBUG"] = "0"
    app = create_app()
    assert app.secret_key == "from-dotenv"
    assert not app.debug
{%- if uses_db %}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://user:p%40ss@db:5432/app", "postgresql+psycopg://user:p%40ss@db:5432/app"),
        ("postgres://user@db/app", "postgresql+psycopg://user@db/app"),
        ("postgresql://db/app", "postgresql+psycopg://db/app"),
        (
            "postgresql://user@db/app?sslmode=disable",
            "postgresql+psycopg://user@db/app?sslmode=disable",
        ),
        (
            "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
            "postgresql+psycopg://user@/app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        (
            "postgresql://user@/app?host=/var/run/postgresql",
            "postgresql+psycopg://user@/app?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        ("postgresql+psycopg://user@db/app", "postgresql+psycopg://user@db/app"),
        ("sqlite:///app.sqlite3", "sqlite:///app.sqlite3"),
        ("sqlite:////srv/app.sqlite3", "sqlite:////srv/app.sqlite3"),
    ],
    ids=[
        "password and port",
        "postgres scheme",
        "no user",
        "query",
        "socket host",
        "socket query",
        "driver given",
        "sqlite relative",
        "sqlite absolute",
    ],
)
def test_database_url_uses_psycopg_for_postgresql(url: str, expected: str) -> None:
    assert database_uri(url) == expected
{%- endif %}
