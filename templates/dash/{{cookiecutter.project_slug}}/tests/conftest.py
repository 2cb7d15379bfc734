"""Fixtures: the app in test configuration{% if cookiecutter.database != 'none' %} on a throwaway, migrated database{% endif %}, and a browser."""

import os
import shutil
from collections.abc import {% if cookiecutter.database != 'none' %}Callable, {% endif %}Iterator, MutableMapping
from pathlib import Path
from unittest import mock

import pytest
{%- if cookiecutter.database != 'none' %}
from alembic import command
from alembic.config import Config
{%- endif %}
from flask.testing import FlaskClient
{%- if cookiecutter.database != 'none' %}
from sqlalchemy import Engine, create_engine
{%- endif %}

from {{ cookiecutter.package_name }} import App, create_app
from {{ cookiecutter.package_name }}.config import (
    Settings,
{%- if cookiecutter.database != 'none' %}
    database_url,
{%- endif %}
)
{%- if cookiecutter.database != 'none' %}
from {{ cookiecutter.package_name }}.models import Base

ROOT = Path(__file__).resolve().parents[1]
#: DATABASE_URL of the real environment, read before any test loads ``.env``: the tests use
#: that database (CI points it at PostgreSQL), never the development one ``.env`` names.
TEST_DATABASE_URL = os.environ.get("DATABASE_URL")


def run_migrations(engine: Engine, revision: str) -> None:
    """Run the project's migrations on ``engine``'s database up (``head``) or down (``base``)."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "base":
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)


def delete_all_rows(engine: Engine) -> None:
    """Empty every table of the models, the dependent ones first."""
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="session")
def migrate() -> Callable[[Engine, str], None]:
    """Return the function that migrates a database up (``head``) or down (``base``)."""
    return run_migrations


@pytest.fixture(scope="session")
def tests_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return DATABASE_URL when set (the run drops its tables!), else a new SQLite file."""
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('database') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def migrated_database(tests_database_url: str) -> Iterator[Engine]:
    """Migrate the tests' database up once per run, and down to nothing at the end of it."""
    engine = create_engine(database_url(tests_database_url))
    run_migrations(engine, "head")
    delete_all_rows(engine)  # rows an interrupted earlier run may have left
    yield engine
    run_migrations(engine, "base")
    engine.dispose()


@pytest.fixture
def database(tests_database_url: str, migrated_database: Engine) -> Iterator[str]:
    """Yield the URL of the migrated database; its tables are emptied after each test."""
    yield tests_database_url
    delete_all_rows(migrated_database)
{%- endif %}


def configured_app({% if cookiecutter.database != 'none' %}database_url: str{% endif %}) -> App:
    """Return a new app in test configuration."""
    return create_app(Settings(secret_key="test", testing=True{% if cookiecutter.database != 'none' %}, database_url=database_url{% endif %}))


@pytest.fixture(scope="session")
def shared_app({% if cookiecutter.database != 'none' %}tests_database_url: str{% endif %}) -> App:
    """Return the app the tests share, made once per run.

    Building a Dash app takes about 10 ms (Flask compiles each of its routes): a second
    of the run when every test built its own. A test that changes the app takes
    ``fresh_app``{% if cookiecutter.database != 'none' %}; the tables are emptied after each
    test (``database``){% endif %}.
    """
    return configured_app({% if cookiecutter.database != 'none' %}tests_database_url{% endif %})


@pytest.fixture
def app(shared_app: App{% if cookiecutter.database != 'none' %}, database: str{% endif %}) -> Iterator[App]:
    """Yield the app in test configuration, in an app context."""
    with shared_app.server.app_context():
        yield shared_app


@pytest.fixture
def fresh_app({% if cookiecutter.database != 'none' %}database: str{% endif %}) -> Iterator[App]:
    """Yield a new app in test configuration, for a test that changes it (``dash_duo`` does)."""
    app = configured_app({% if cookiecutter.database != 'none' %}database{% endif %})
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
