{%- if cookiecutter.database != 'none' -%}
"""Fixtures: the application under test, in production settings.

The database is DATABASE_URL when it is set (CI points it at PostgreSQL), else a
throwaway SQLite file. Each test deletes the rows it added, and only those.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
{%- else -%}
"""Fixtures: the application under test, in production settings."""

from collections.abc import Callable
from pathlib import Path
{%- endif %}

import pytest
{%- if cookiecutter.database != 'none' %}
import sqlalchemy as sa
{%- endif %}
import webtest

from {{ cookiecutter.package_name }}.app import make_app
from {{ cookiecutter.package_name }}.config import Settings
{%- if cookiecutter.database != 'none' %}
from {{ cookiecutter.package_name }}.store import (
    ItemStore,
    engine_url,
    items,
    upgrade_schema,
)
{%- endif %}

HTTPS = {"wsgi.url_scheme": "https", "HTTP_HOST": "localhost", "SERVER_PORT": "443"}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Production settings (debug off) with a test secret and a throwaway session folder."""
{%- if cookiecutter.database != 'none' %}
    return Settings(
        secret_key="test-secret-key",
        database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}",
        session_dir=str(tmp_path / "sessions"),
    )
{%- else %}
    return Settings(secret_key="test-secret-key", session_dir=str(tmp_path / "sessions"))
{%- endif %}
{%- if cookiecutter.database != 'none' %}


@pytest.fixture
def store(settings: Settings) -> Iterator[ItemStore]:
    upgrade_schema(settings.database_url)  # as the server does before it starts
    store = ItemStore(settings.database_url)
    engine = sa.create_engine(engine_url(settings.database_url))
    with engine.connect() as connection:
        last_id = connection.execute(sa.select(sa.func.max(items.c.id))).scalar() or 0
    yield store
    store.close()
    with engine.begin() as connection:
        connection.execute(sa.delete(items).where(items.c.id > last_id))
    engine.dispose()
{%- endif %}


@pytest.fixture
def make_client({% if cookiecutter.database != 'none' %}store: ItemStore{% endif %}) -> Callable[[Settings], webtest.TestApp]:
    """Return a factory of test browsers for the app under given settings.

    The browser speaks HTTPS, as behind the production TLS proxy, so that it sends
    back the session cookie, which is Secure outside debug mode.
    """

    def make(settings: Settings) -> webtest.TestApp:
        app = make_app(settings{% if cookiecutter.database != 'none' %}, store=store{% endif %})
        return webtest.TestApp(app, extra_environ=HTTPS)

    return make


@pytest.fixture
def client(
    make_client: Callable[[Settings], webtest.TestApp], settings: Settings
) -> webtest.TestApp:
    return make_client(settings)
