{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' -%}
"""Fixtures: one application per session; a WebTest client{% if uses_db %} and empty tables{% endif %} per test.

TurboGears keeps its configuration in the process (``tg.config``): a second application
made in the same process would be half-configured. So the session makes exactly one, and
tests never depend on one another's order{% if uses_db %}: each starts with empty tables{% endif %}.
"""

from __future__ import annotations

{% if uses_db -%}
import os
from collections.abc import Iterator
from pathlib import Path
{% endif -%}
from typing import Any

import pytest
{%- if uses_db %}
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine
{%- endif %}
from webtest import TestApp

from {{ cookiecutter.package_name }}.{% if cookiecutter.mode == 'minimal' %}app{% else %}config.middleware{% endif %} import make_app
{%- if uses_db %}
from {{ cookiecutter.package_name }}.model import DBSession, metadata
{%- endif %}
from {{ cookiecutter.package_name }}.settings import (
    Settings,
{%- if uses_db %}
    sqlalchemy_url,
{%- endif %}
)

SECRET_KEY = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
{%- if uses_db %}
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return DATABASE_URL when set (CI's PostgreSQL: the tests EMPTY it), else a fresh SQLite."""
    given = os.environ.get("DATABASE_URL", "").strip()
    if given:
        return sqlalchemy_url(given)
    return f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def migrated(database_url: str) -> str:
    """Bring the test database up to date with the migrations, once."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["url"] = database_url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    return database_url
{%- endif %}


@pytest.fixture(scope="session")
def wsgi_app({% if uses_db %}migrated: str{% endif %}) -> Any:
    """Return the one application of the session, in production configuration."""
    return make_app(Settings(secret_key=SECRET_KEY, debug=False{% if uses_db %}, database_url=migrated{% endif %}))
{%- if uses_db %}


@pytest.fixture(autouse=True)
def empty_tables(migrated: str) -> Iterator[None]:
    """Delete every row after each test, so that no test sees another's data."""
    yield
    DBSession.remove()
    engine = create_engine(migrated)
    try:
        with engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())
    finally:
        engine.dispose()
{%- endif %}


@pytest.fixture
def app(wsgi_app: Any) -> TestApp:
    """Return a WebTest client speaking HTTPS (the production cookies are Secure)."""
    return TestApp(wsgi_app, extra_environ={"wsgi.url_scheme": "https"})
