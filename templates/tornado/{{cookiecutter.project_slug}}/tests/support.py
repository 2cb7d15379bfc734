{%- set items = cookiecutter.database != 'none' -%}
{%- set uses_db = items or cookiecutter.auth == 'yes' -%}
"""What the tests share: the application under ``tornado.testing``, on a migrated database."""

from __future__ import annotations

{% if uses_db -%}
import atexit
{% endif -%}
import json
{% if uses_db -%}
import os
import shutil
import tempfile
from functools import cache
{% endif -%}
from typing import Any

{% if uses_db -%}
from sqlalchemy import create_engine, delete, inspect
{% endif -%}
from tornado.httpclient import HTTPResponse
from tornado.testing import AsyncHTTPTestCase

from {{ cookiecutter.package_name }}.app import Application
from {{ cookiecutter.package_name }}.config import (
    Settings,
{%- if uses_db %}
    sync_database_url,
{%- endif %}
)
{%- if uses_db %}
from {{ cookiecutter.package_name }}.db import Base
from {{ cookiecutter.package_name }}.migrations import upgrade
{%- endif %}

#: A secret for the tests only.
SECRET_KEY = "test-secret-key-for-the-test-suite-only-0123456789abcdef"
{%- if uses_db %}


@cache
def database_url() -> str:
    """Return the tests' database, emptied and migrated once per test run.

    ``DATABASE_URL`` when the environment sets it (CI points it at PostgreSQL): **the tests
    empty that database**. Otherwise a throwaway SQLite file.
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        folder = tempfile.mkdtemp(
            prefix="{{ cookiecutter.package_name }}-tests-",
        )
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        url = f"sqlite:///{folder}/test.sqlite3"
    engine = create_engine(sync_database_url(url))
    try:
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            if inspect(connection).has_table("alembic_version"):
                connection.exec_driver_sql("DROP TABLE alembic_version")
    finally:
        engine.dispose()
    upgrade(url)
    return url
{%- endif %}


def settings(**overrides: Any) -> Settings:
    """Return the settings of the application under test: production ones (debug off)."""
    values: dict[str, Any] = {"secret_key": SECRET_KEY{% if uses_db %}, "database_url": database_url(){% endif %}}
    return Settings(**{**values, **overrides})


class AppTestCase(AsyncHTTPTestCase):
    """The application served on a loopback port{% if uses_db %}, its tables emptied before each test{% endif %}."""

    app: Application

    def get_app(self) -> Application:
        self.app = Application(settings())
        return self.app

    def get_httpserver_options(self) -> dict[str, Any]:
        # As in production: the proxy's X-Forwarded-Proto tells HTTPS requests.
        return {"xheaders": True}

    def setUp(self) -> None:
        super().setUp()
        self.io_loop.run_sync(self._start)

    async def _start(self) -> None:
{%- if uses_db %}
        async with self.app.db.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                await connection.execute(delete(table))
{%- endif %}
        await self.app.start()

    def tearDown(self) -> None:
        self.io_loop.run_sync(self.app.stop)
        super().tearDown()

    def json_fetch(
        self, path: str, method: str = "GET", body: Any = None, **kwargs: Any
    ) -> HTTPResponse:
        """Send ``body`` as JSON; return the response, whatever its status."""
        if body is not None:
            kwargs.setdefault("headers", {})["Content-Type"] = "application/json"
            kwargs["body"] = json.dumps(body)
        elif method in ("POST", "PUT"):
            kwargs.setdefault("body", "")
        return self.fetch(path, method=method, raise_error=False, **kwargs)


def parsed(response: HTTPResponse) -> Any:
    """Return the JSON body of ``response``, asserting that it is JSON."""
    assert response.headers["Content-Type"].startswith("application/json"), response.headers
    return json.loads(response.body)
