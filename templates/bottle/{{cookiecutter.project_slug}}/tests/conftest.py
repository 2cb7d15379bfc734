"""Fixtures: the application in production configuration, and a WebTest client for it."""
{%- if cookiecutter.database != 'none' %}

import os
from pathlib import Path
{%- endif %}

import pytest
from bottle import Bottle
from webtest import TestApp

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Config
{%- if cookiecutter.database != 'none' %}
from {{ cookiecutter.package_name }}.storage import ItemRepository, open_repository


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Production settings on $DATABASE_URL when set (CI), else on a throwaway SQLite file."""
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return Config(secret_key="test-secret-key", database_url=database_url)


@pytest.fixture
def repository(config: Config) -> ItemRepository:
    """The items store, emptied: a shared database may hold items from an earlier test."""
    repository = open_repository(config.database_url)
    for item in repository.list_items():
        repository.delete(item.id)
    return repository


@pytest.fixture
def app(config: Config, repository: ItemRepository) -> Bottle:
    return create_app(config)
{%- else %}


@pytest.fixture
def config() -> Config:
    """Production settings."""
    return Config(secret_key="test-secret-key")


@pytest.fixture
def app(config: Config) -> Bottle:
    return create_app(config)
{%- endif %}


@pytest.fixture
def client(app: Bottle) -> TestApp:
    """A client with a cookie jar, over HTTPS as behind the production proxy (Secure cookies)."""
    return TestApp(app, extra_environ={"wsgi.url_scheme": "https"})
