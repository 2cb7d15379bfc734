{%- set db = cookiecutter.database != 'none' -%}
{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""Fixtures: the application{% if db %} on a throwaway database{% endif %}, and Falcon's test client."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
{%- if db %}
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete
{%- endif %}

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Settings
{%- if db %}
from {{ cookiecutter.package_name }}.config import (
    database_url as to_sqlalchemy_url,
)
from {{ cookiecutter.package_name }}.database import Item
{%- endif %}

from .client import Client

PROJECT_ROOT = Path(__file__).resolve().parents[1]
{%- if db %}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return a migrated database: DATABASE_URL if the environment sets it, else a new SQLite file.

    The tests empty it: never point them at a database whose data you want to keep.
    """
    url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('database') / 'tests.sqlite3'}"
    )
    config = Config(toml_file=PROJECT_ROOT / "pyproject.toml")
    config.attributes["url"] = url
    command.upgrade(config, "head")
    return url


@pytest.fixture
def empty_database(database_url: str) -> Iterator[str]:
    """Yield the test database's URL, and delete every item after the test."""
    yield database_url
    engine = create_engine(to_sqlalchemy_url(database_url, asynchronous=False))
    try:
        with engine.begin() as connection:
            connection.execute(delete(Item))
    finally:
        engine.dispose()
{%- endif %}


@pytest.fixture
def settings({% if db %}empty_database: str{% endif %}) -> Settings:
    """Return production settings (no debug) for the tests{% if db %}, on the test database{% endif %}."""
    return Settings(secret_key="test-secret-" + "x" * 52{% if db %}, database_url=empty_database{% endif %})


@pytest.fixture
def client(settings: Settings) -> Iterator[Client]:
    """Yield Falcon's test client on a new application."""
{%- if asgi %}
    with Client(create_app(settings)) as client:
        yield client
{%- else %}
    yield Client(create_app(settings))
{%- endif %}


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Run in an empty folder (no ``.env``) with none of the project's variables set.

    Whatever the test or a ``.env`` it writes puts in ``os.environ`` is undone afterwards.
    """
    saved = dict(os.environ)
    names = ("SECRET_KEY", "DEBUG", "ALLOW_HTTP", "HSTS_SECONDS", "DATABASE_URL", "HOST", "PORT")
    for name in names:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.environ.clear()
        os.environ.update(saved)
