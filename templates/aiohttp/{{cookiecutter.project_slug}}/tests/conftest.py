"""Fixtures: the app in test configuration{% if cookiecutter.database != 'none' %}, on a migrated throwaway database{% endif %}, and its client."""

from __future__ import annotations
{%- if cookiecutter.database != 'none' %}

import os
from collections.abc import Iterator
from pathlib import Path
{%- endif %}

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
{%- if cookiecutter.database != 'none' %}
from alembic import command
from alembic.config import Config
{%- endif %}
from pytest_aiohttp import AiohttpClient
{%- if cookiecutter.database != 'none' %}
from sqlalchemy import create_engine, delete
{%- endif %}

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Settings
{%- if cookiecutter.database != 'none' %}
from {{ cookiecutter.package_name }}.config import (
    database_url as sqlalchemy_url,
)
from {{ cookiecutter.package_name }}.db import items
{%- endif %}

#: aiohttp's test client, for the application's requests.
Client = TestClient[web.Request, web.Application]
{%- if cookiecutter.database != 'none' %}

ROOT = Path(__file__).resolve().parents[1]


def alembic_config(url: str) -> Config:
    """Return Alembic's configuration for migrating the database at ``url``."""
    config = Config(ROOT / "alembic.ini")
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    return config


def empty_items(url: str) -> None:
    """Delete every item."""
    engine = create_engine(sqlalchemy_url(url, asynchronous=False))
    with engine.begin() as connection:
        connection.execute(delete(items))
    engine.dispose()


def prepared_database(folder: Path) -> str:
    """Return DATABASE_URL when set (**its items are deleted**), else a new SQLite database
    in ``folder``; either way migrated to the latest revision and without items.
    """
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'test.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    empty_items(url)
    return url


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """Yield a migrated database without items (see prepared_database); empty it after."""
    url = prepared_database(tmp_path)
    yield url
    empty_items(url)


@pytest.fixture(scope="module")
def module_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return a migrated database without items for the tests of one module to share."""
    return prepared_database(tmp_path_factory.mktemp("database"))
{%- endif %}


@pytest.fixture
def settings({% if cookiecutter.database != 'none' %}database_url: str{% endif %}) -> Settings:
    """Return the settings of a test run (production mode: debug off)."""
    return Settings(secret_key="test-secret"{% if cookiecutter.database != 'none' %}, database_url=database_url{% endif %})


@pytest.fixture
def app(settings: Settings) -> web.Application:
    """Return a new application."""
    return create_app(settings)


@pytest.fixture
async def client(aiohttp_client: AiohttpClient, app: web.Application) -> Client:
    """Return aiohttp's test client, talking to ``app`` served on a loopback port."""
    return await aiohttp_client(app)
