"""Configuration from the environment, and the cookie hardening around every response."""

import pytest

from {{ cookiecutter.package_name }}.settings import ROOT, ConfigurationError, Settings, dal_uri
from {{ cookiecutter.package_name }}.wsgi import harden_cookie

SECRET = {"SECRET_KEY": "s" * 48}


def test_defaults():
    settings = Settings.from_environ(SECRET)
    assert (settings.host, settings.port, settings.debug) == ("127.0.0.1", 8000, False)
    assert settings.dal_uri.startswith(f"sqlite://{ROOT}/applications/")


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        Settings.from_environ({})


@pytest.mark.parametrize("value", ["1", "true", "Yes", "ON"])
def test_debug_runs_without_a_secret_key(value):
    settings = Settings.from_environ({"DEBUG": value})
    assert settings.debug
    assert len(settings.secret_key) >= 32


def test_host_and_port():
    settings = Settings.from_environ({**SECRET, "HOST": "0.0.0.0", "PORT": "9000"})
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)


@pytest.mark.parametrize("port", ["http", "0", "70000", "-1"])
def test_a_bad_port_is_refused(port):
    with pytest.raises(ConfigurationError, match="PORT"):
        Settings.from_environ({**SECRET, "PORT": port})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///data/app.sqlite", f"sqlite://{ROOT}/data/app.sqlite"),
        ("sqlite:////var/lib/app.sqlite", "sqlite:///var/lib/app.sqlite"),
        (
            "postgresql://user:p%40ss@db.example:5433/app",
            "postgres:psycopg2://user:p%40ss@db.example:5433/app",
        ),
        ("postgres://user@localhost/app?sslmode=require", "postgres:psycopg2://user@localhost/app?sslmode=require"),
    ],
)
def test_database_urls_become_dal_uris(url, expected):
    assert dal_uri(url) == expected


@pytest.mark.parametrize(
    "url", ["mysql://user@host/db", "sqlite:relative.db", "postgresql://host-only", "nonsense"]
)
def test_an_unsupported_database_url_is_refused(url):
    with pytest.raises(ConfigurationError, match="DATABASE_URL"):
        Settings.from_environ({**SECRET, "DATABASE_URL": url})


def test_cookies_are_hardened():
    cookie = harden_cookie("sid=abc; Path=/", secure=True)
    assert cookie == "sid=abc; Path=/; HttpOnly; SameSite=Lax; Secure"


def test_cookie_flags_already_present_are_kept():
    cookie = "sid=abc; HttpOnly; SameSite=Strict; Path=/"
    assert harden_cookie(cookie, secure=False) == cookie
