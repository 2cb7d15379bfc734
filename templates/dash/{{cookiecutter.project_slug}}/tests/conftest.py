"""Fixtures: the app in test configuration{% if cookiecutter.database != 'none' %} on a throwaway, migrated database{% endif %}, and a browser."""

import os
import shutil
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from unittest import mock

import pytest
{%- if cookiecutter.database != 'none' %}
from alembic import command
from alembic.config import Config
{%- endif %}
from flask.testing import FlaskClient
{%- if cookiecutter.database != 'none' %}
from sqlalchemy import create_engine
{%- endif %}

from {{ cookiecutter.package_name }} import App, create_app
from {{ cookiecutter.package_name }}.config import (
    Settings,
{%- if cookiecutter.database != 'none' %}
    database_url,
{%- endif %}
)
{%- if cookiecutter.database != 'none' %}

ROOT = Path(__file__).resolve().parents[1]
#: DATABASE_URL of the real environment, read before any test loads ``.env``: the tests use
#: that database (CI points it at PostgreSQL), never the development one ``.env`` names.
TEST_DATABASE_URL = os.environ.get("DATABASE_URL")


def migrate(url: str, revision: str) -> None:
    """Run the project's migrations on ``url`` up (``head``) or down (``base``)."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "base":
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)
    engine.dispose()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    """Yield DATABASE_URL when set (its tables are dropped after!), else a new SQLite file."""
    url = TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    migrate(url, "head")
    yield url
    migrate(url, "base")
{%- endif %}


@pytest.fixture
def app({% if cookiecutter.database != 'none' %}database: str{% endif %}) -> Iterator[App]:
    """Yield the app in test configuration."""
    app = create_app(Settings(secret_key="test", testing=True{% if cookiecutter.database != 'none' %}, database_url=database{% endif %}))
    with app.server.app_context():
        yield app


@pytest.fixture
def client(app: App) -> FlaskClient:
    """Return a test client of the app's Flask server."""
    client: FlaskClient = app.server.test_client()
    return client


@pytest.fixture
def environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MutableMapping[str, str]]:
    """Yield ``os.environ`` without SECRET_KEY or DASH_DEBUG, in a directory with no .env.

    Set variables on what it yields: the whole environment is restored afterwards.
    """
    monkeypatch.chdir(tmp_path)
    with mock.patch.dict(os.environ):
        for name in (
            "SECRET_KEY",
            "DASH_DEBUG",
            "ALLOW_HTTP",
            "HSTS_SECONDS",
            "CSRF_TRUSTED_ORIGINS",
            "DATABASE_URL",
        ):
            os.environ.pop(name, None)
        yield os.environ


@pytest.fixture
def browser_available() -> None:
    """Skip the test, saying why, where Chromium or its driver is not installed."""
    missing = [name for name in ("chromium", "chromedriver") if not _find_browser_part(name)]
    if missing:
        pytest.skip(
            f"{' and '.join(missing)} not found on PATH: install Chromium and chromedriver "
            "(Debian: apt install chromium chromium-driver) to run the browser tests"
        )


def _find_browser_part(name: str) -> bool:
    """Tell whether ``name`` (or Chrome, for chromium) is installed."""
    if name == "chromium":
        names = ["chromium", "chromium-browser", "google-chrome", "chrome"]
        return any(shutil.which(candidate) for candidate in names)
    return shutil.which(name) is not None
