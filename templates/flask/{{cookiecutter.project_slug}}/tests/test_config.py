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
{%- if uses_db %}
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'app.sqlite3'}"
{%- endif %}


def test_debug_configuration_allows_plain_http_cookies(
    environment: MutableMapping[str, str],
) -> None:
    environment.update(SECRET_KEY="s" * 64, FLASK_DEBUG="1")
    app = create_app()
    assert app.debug
    assert not app.config["SESSION_COOKIE_SECURE"]


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
        ("sqlite:///app.sqlite3", "sqlite:///app.sqlite3"),
    ],
)
def test_database_url_uses_psycopg_for_postgresql(url: str, expected: str) -> None:
    assert database_uri(url) == expected
{%- endif %}
