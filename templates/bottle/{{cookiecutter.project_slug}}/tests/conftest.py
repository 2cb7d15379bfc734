"""Fixtures: the application in production configuration, and a WebTest client for it."""
{%- if cookiecutter.database == 'postgresql' %}

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
{%- elif cookiecutter.database == 'sqlite' %}

from pathlib import Path
{%- endif %}

{% if cookiecutter.database == 'postgresql' %}import psycopg
{% endif %}import pytest
from bottle import Bottle
{%- if cookiecutter.database == 'postgresql' %}
from psycopg import sql
{%- endif %}
from webtest import TestApp

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Config
{%- if cookiecutter.database != 'none' %}
from {{ cookiecutter.package_name }}.storage import Items, open_items
{%- endif %}

#: What gunicorn puts in the WSGI environment for a request from the TLS proxy.
HTTPS = {"wsgi.url_scheme": "https"}
{%- if cookiecutter.database == 'postgresql' %}


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database: a schema of its own in $DATABASE_URL (PostgreSQL), else a SQLite file.

    The schema is dropped afterwards: the tests neither see nor change what the database
    already holds.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgresql://", "postgres://")):
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    schema = sql.Identifier(f"test_{uuid.uuid4().hex}")
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
    try:
        separator = "&" if "?" in url else "?"
        yield f"{url}{separator}options=-csearch_path%3D{schema.as_string()}"
    finally:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(schema))
{%- elif cookiecutter.database == 'sqlite' %}


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """An empty SQLite file: the tests never touch the database in $DATABASE_URL."""
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"
{%- endif %}
{%- if cookiecutter.database != 'none' %}


@pytest.fixture
def config(database_url: str) -> Config:
    """Production settings."""
    return Config(secret_key="test-secret-key", database_url=database_url)


@pytest.fixture
def items(database_url: str) -> Items:
    """The items store on the empty database, migrated."""
    return open_items(database_url)
{%- else %}


@pytest.fixture
def config() -> Config:
    """Production settings."""
    return Config(secret_key="test-secret-key")
{%- endif %}


@pytest.fixture
def app(config: Config) -> Bottle:
    return create_app(config)


@pytest.fixture
def client(app: Bottle) -> TestApp:
    """A client with a cookie jar, over HTTPS as behind the production proxy (Secure cookies)."""
    return TestApp(app, extra_environ=HTTPS)
