"""Run the application in-process with WebTest, in production mode, on a throwaway root.

gluon writes next to its root (sessions, tickets, logs) and reads its settings once, at
import: so before anything imports it, this points web2py_path at a temporary copy of the
project and DATABASE_URL, unless the real environment sets it, at a temporary SQLite file.
"""

import os
import secrets
import shutil
import tempfile
from pathlib import Path

import pytest
import webtest

ROOT = Path(__file__).resolve().parents[1]
SANDBOX = Path(tempfile.mkdtemp(prefix="web2py-tests-"))
RUNTIME_FOLDERS = ("databases", "sessions", "errors", "cache", "uploads", "private")

shutil.copy(ROOT / "VERSION", SANDBOX)
shutil.copy(ROOT / "routes.py", SANDBOX)
shutil.copytree(
    ROOT / "applications",
    SANDBOX / "applications",
    ignore=shutil.ignore_patterns(*RUNTIME_FOLDERS, "__pycache__"),
)
os.environ["web2py_path"] = str(SANDBOX)  # noqa: SIM112 (gluon reads it in lower case)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SANDBOX / 'tests.sqlite'}")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
os.environ["DEBUG"] = "false"  # the tests check the production behaviour

from pydal import DAL  # noqa: E402

from {{ cookiecutter.package_name }} import wsgi  # noqa: E402

wsgi.migrate()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the throwaway root."""
    shutil.rmtree(SANDBOX, ignore_errors=True)


@pytest.fixture
def no_items() -> None:
    """Empty the item table: the tests' database is a throwaway, but may hold earlier runs."""
    connection = wsgi.SETTINGS.dal
    db = DAL(
        connection.uri,
        driver_args=connection.driver_args,
        decode_credentials=connection.decode_credentials,
        migrate_enabled=False,
    )
    db.executesql("DELETE FROM item")
    db.commit()
    db.close()


@pytest.fixture
def client() -> webtest.TestApp:
    """Return a client speaking HTTPS, as behind the production TLS proxy."""
    return webtest.TestApp(wsgi.application, extra_environ={"wsgi.url_scheme": "https"})


@pytest.fixture
def plain_client() -> webtest.TestApp:
    """Return a client speaking plain HTTP."""
    return webtest.TestApp(wsgi.application)
