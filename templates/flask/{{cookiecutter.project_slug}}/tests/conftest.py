"""Fixtures: the application in test configuration{% if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}, on a throwaway database{% endif %}."""
{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}

import os
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from unittest import mock

import pytest
from flask import Flask
from flask.testing import FlaskClient
{%- if uses_db %}
from flask_migrate import downgrade, upgrade
{%- endif %}

from {{ cookiecutter.package_name }} import create_app
{%- if uses_db %}
from {{ cookiecutter.package_name }}.config import database_uri
from {{ cookiecutter.package_name }}.extensions import db

MIGRATIONS = str(Path(__file__).resolve().parents[1] / "migrations")
{%- endif %}

#: The variables the application reads, cleared by the ``environment`` fixture.
SETTINGS = (
    "SECRET_KEY",
    "FLASK_DEBUG",
    "ALLOW_HTTP",
    "HSTS_SECONDS",
{%- if cookiecutter.auth == 'yes' %}
    "CSRF_TRUSTED_ORIGINS",
    "RATELIMIT_STORAGE_URI",
{%- endif %}
)


@pytest.fixture
def app({% if uses_db %}tmp_path: Path{% endif %}) -> Iterator[Flask]:
{%- if uses_db %}
    """Yield an app on DATABASE_URL when set (its tables are dropped after!), else on new SQLite."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": database_uri(url)}
    )
    with app.app_context():
        upgrade(directory=MIGRATIONS)
    yield app
    with app.app_context():
        db.session.remove()
        downgrade(directory=MIGRATIONS, revision="base")
        db.engine.dispose()
{%- else %}
    """Yield an app in test configuration."""
    yield create_app({"TESTING": True, "SECRET_KEY": "test"})
{%- endif %}


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client, which keeps cookies between requests."""
    return app.test_client()


@pytest.fixture
def environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MutableMapping[str, str]]:
    """Yield ``os.environ`` without the app's settings, in a directory with no .env.

    Set variables on what it yields: the whole environment is restored afterwards.
    """
    monkeypatch.chdir(tmp_path)
    with mock.patch.dict(os.environ):
        for name in SETTINGS:
            os.environ.pop(name, None)
{%- if uses_db %}
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path / 'app.sqlite3'}"
{%- endif %}
        yield os.environ
