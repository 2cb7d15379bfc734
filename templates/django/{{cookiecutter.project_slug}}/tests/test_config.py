"""The production configuration, checked in a fresh process, DATABASE_URL and the migrations."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key

from {{ cookiecutter.package_name }}.accounts.models import User
from {{ cookiecutter.package_name }}.database import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent

SHOW_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
    "'redirect': s.SECURE_SSL_REDIRECT, 'secure_cookies': s.SESSION_COOKIE_SECURE,"
    "'csrf_secure': s.CSRF_COOKIE_SECURE, 'trusted': s.CSRF_TRUSTED_ORIGINS}))"
)


def manage_in_production(
    *args: str, secret_key: str, **variables: str
) -> subprocess.CompletedProcess[str]:
    """Run ``manage.py ARGS`` in a new process with DJANGO_ENV=production."""
    env = {**os.environ, "DJANGO_ENV": "production", "SECRET_KEY": secret_key, **variables}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def production_settings(**variables: str) -> dict[str, object]:
    """The security settings production ends up with, given these environment variables."""
    secret = get_random_secret_key()
    show = ("shell", "--verbosity", "0", "--command", SHOW_SETTINGS)
    result = manage_in_production(*show, secret_key=secret, **variables)
    assert result.returncode == 0, result.stderr
    shown: dict[str, object] = json.loads(result.stdout)
    return shown


def test_production_passes_the_deployment_checks() -> None:
    result = manage_in_production(
        "check", "--deploy", "--fail-level", "WARNING", secret_key=get_random_secret_key()
    )
    assert result.returncode == 0, result.stderr


def test_a_secret_key_is_taken_literally() -> None:
    """Not as a reference to another variable, even when it starts with $."""
    secret = "$" + get_random_secret_key()
    command = "from django.conf import settings; print(settings.SECRET_KEY)"
    show = ("shell", "--verbosity", "0", "--command", command)
    result = manage_in_production(*show, secret_key=secret)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == secret


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = manage_in_production("check", secret_key="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_is_https_only_with_one_hour_of_hsts_by_default() -> None:
    assert production_settings(ALLOW_HTTP="false") == {
        "hsts": 3600,
        "subdomains": True,
        "redirect": True,
        "secure_cookies": True,
        "csrf_secure": True,
        "trusted": [],
    }


def test_hsts_seconds_and_trusted_origins_come_from_the_environment() -> None:
    shown = production_settings(
        HSTS_SECONDS="31536000",
        CSRF_TRUSTED_ORIGINS="https://example.com,https://www.example.com",
    )
    assert shown["hsts"] == 31536000
    assert shown["trusted"] == ["https://example.com", "https://www.example.com"]


def test_allow_http_serves_production_over_plain_http() -> None:
    assert production_settings(ALLOW_HTTP="true") == {
        "hsts": 0,
        "subdomains": False,
        "redirect": False,
        "secure_cookies": False,
        "csrf_secure": False,
        "trusted": [],
    }


DATABASE_URLS = {
    "full": (
        "postgresql://user:secret@db.example.com:5433/app",
        {"HOST": "db.example.com", "PORT": 5433, "USER": "user", "PASSWORD": "secret"},
    ),
    "no password": (
        "postgresql://user@db.example.com:5432/app",
        {"HOST": "db.example.com", "PORT": 5432, "USER": "user", "PASSWORD": ""},
    ),
    "no port": ("postgres://user:secret@localhost/app", {"HOST": "localhost", "PORT": ""}),
    "encoded password": (
        "postgresql://user:p%40ss%2Fword@localhost/app",
        {"PASSWORD": "p@ss/word"},
    ),
    "socket host": (
        "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
        {"HOST": "/var/run/postgresql", "USER": "user"},
    ),
    "socket in query": (
        "postgresql:///app?host=/var/run/postgresql",
        {"HOST": "", "OPTIONS": {"host": "/var/run/postgresql"}},
    ),
    "query options": (
        "postgresql://user@localhost/app?sslmode=disable&connect_timeout=5",
        {"OPTIONS": {"sslmode": "disable", "connect_timeout": 5}},
    ),
}


@pytest.mark.parametrize(("url", "expected"), DATABASE_URLS.values(), ids=DATABASE_URLS.keys())
def test_postgresql_urls(url: str, expected: dict[str, object]) -> None:
    config = database_settings(url, base_dir=BASE_DIR)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "app"
    assert {key: config.get(key, "") for key in expected} == expected
    assert config["CONN_MAX_AGE"] == 600
    assert config["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("sqlite:///db.sqlite3", BASE_DIR / "db.sqlite3"),
        ("sqlite:///data/app.sqlite3", BASE_DIR / "data" / "app.sqlite3"),
        ("sqlite:////srv/app/db.sqlite3", Path("/srv/app/db.sqlite3")),
    ],
    ids=["relative", "subfolder", "absolute"],
)
def test_sqlite_urls(url: str, name: Path) -> None:
    config = database_settings(url, base_dir=BASE_DIR)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(name)
    # Persistent connections are for PostgreSQL only.
    assert config["CONN_MAX_AGE"] == 0


def test_the_project_has_its_own_user_model() -> None:
    assert get_user_model() is User


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
