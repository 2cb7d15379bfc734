"""Configuration from the environment, and the cookie hardening around every response."""

import getpass
import re
from urllib.parse import unquote, urlsplit

import pytest
import webtest

from {{ cookiecutter.package_name }}.settings import (
    ROOT,
    ConfigurationError,
    Settings,
    dal_connection,
)
from {{ cookiecutter.package_name }}.wsgi import harden_cookie, secured

SECRET = {"SECRET_KEY": "s" * 48}


def test_defaults():
    settings = Settings.from_environ(SECRET)
    assert (settings.host, settings.port, settings.debug) == ("127.0.0.1", 8000, False)
    assert settings.dal.uri.startswith(f"sqlite://{ROOT}/applications/")


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
    ("url", "uri", "driver_args"),
    [
        ("sqlite:///data/app.sqlite", f"sqlite://{ROOT}/data/app.sqlite", {}),
        ("sqlite:////var/lib/app.sqlite", "sqlite:///var/lib/app.sqlite", {}),
        (
            "postgresql://user:p%40ss@db.example:5433/app",
            "postgres:psycopg2://user:p%40ss@db.example:5433/app",
            {},
        ),
        (  # no password: pyDAL's own parser fails on it
            "postgresql://user@db.example:5433/app",
            "postgres:psycopg2://user@db.example:5433/app",
            {},
        ),
        (  # no port
            "postgres://user:secret@localhost/app?sslmode=require",
            "postgres:psycopg2://user:secret@localhost:5432/app",
            {"sslmode": "require"},
        ),
        (
            "postgresql://user@localhost/app?sslmode=disable&connect_timeout=5",
            "postgres:psycopg2://user@localhost:5432/app",
            {"sslmode": "disable", "connect_timeout": "5"},
        ),
        (  # a Unix-socket folder as the host
            "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
            "postgres:psycopg2://user@/app?unix_socket=/var/run/postgresql/.s.PGSQL.5432",
            {"port": "5432"},
        ),
        (  # the folder's case is kept
            "postgresql://user@%2FTmp%2FPG:5433/app",
            "postgres:psycopg2://user@/app?unix_socket=/Tmp/PG/.s.PGSQL.5433",
            {"port": "5433"},
        ),
        (  # ... or as ?host=, with a port: the socket file's name
            "postgresql://user:pw@/app?host=/tmp/pg&port=5433",
            "postgres:psycopg2://user:pw@/app?unix_socket=/tmp/pg/.s.PGSQL.5433",
            {"port": "5433"},
        ),
        (  # characters to encode in the user name and the password
            "postgresql://a%20b:p%3Aw%2Fd@host/app",
            "postgres:psycopg2://a%20b:p%3Aw%2Fd@host:5432/app",
            {},
        ),
    ],
)
def test_database_urls_become_dal_connections(url, uri, driver_args):
    connection = dal_connection(url)
    assert (connection.uri, connection.driver_args) == (uri, driver_args)
    assert connection.decode_credentials == (":" in uri.split("://")[1].split("@")[0])


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://user@db.example:5433/app",
        "postgresql://user@%2Fvar%2Frun%2Fpostgresql/app",
        "postgresql://us%3Aer:p%40ss@db.example/app",
        "postgresql://user:@db.example/app",
    ],
)
def test_the_dal_parses_what_it_is_given(url):
    """pyDAL's PostgreSQL adapter reads back the user, password, host and database."""
    from pydal.adapters.postgres import Postgre

    connection = dal_connection(url)
    ruri = connection.uri.split("://", 1)[1]
    match = re.match(Postgre.REGEX_URI, ruri)
    assert match
    decode = unquote if connection.decode_credentials else (lambda value: value)
    assert decode(match.group("user")) == unquote(urlsplit(url).username or "")
    password = match.group("password")
    assert (None if password is None else decode(password)) == (
        None if urlsplit(url).password is None else unquote(urlsplit(url).password or "")
    )
    assert match.group("db") == "app"


def test_a_url_without_a_user_name_takes_the_system_user():
    assert dal_connection("postgresql://host/app").uri == (
        f"postgres:psycopg2://{getpass.getuser()}@host:5432/app"
    )


@pytest.mark.parametrize(
    "url",
    [
        "mysql://user@host/db",
        "sqlite:relative.db",
        "postgresql://host-only",
        "postgresql://user@host/",
        "postgresql://user@host:port/db",
        "postgresql://us%3Aer@host/db",
        "nonsense",
    ],
)
def test_an_unsupported_database_url_is_refused(url):
    with pytest.raises(ConfigurationError, match="DATABASE_URL"):
        Settings.from_environ({**SECRET, "DATABASE_URL": url})


def test_production_is_https_only_unless_allow_http():
    assert Settings.from_environ(SECRET).https_only
    assert not Settings.from_environ({**SECRET, "ALLOW_HTTP": "true"}).https_only
    assert not Settings.from_environ({"DEBUG": "true"}).https_only


def test_hsts_seconds():
    assert Settings.from_environ(SECRET).hsts_seconds == 3600
    assert Settings.from_environ({**SECRET, "HSTS_SECONDS": "31536000"}).hsts_seconds == 31536000
    with pytest.raises(ConfigurationError, match="HSTS_SECONDS"):
        Settings.from_environ({**SECRET, "HSTS_SECONDS": "a year"})


def test_plain_http_is_allowed_with_allow_http():
    app = secured(_app_setting_a_cookie, https_only=False, hsts_seconds=60)
    response = webtest.TestApp(app, extra_environ={"wsgi.url_scheme": "https"}).get("/")
    assert "Secure" not in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_header_says_hsts_seconds():
    app = secured(_app_setting_a_cookie, https_only=True, hsts_seconds=60)
    response = webtest.TestApp(app, extra_environ={"wsgi.url_scheme": "https"}).get("/")
    assert response.headers["Strict-Transport-Security"] == "max-age=60; includeSubDomains"
    assert "Secure" in response.headers["Set-Cookie"]


def _app_setting_a_cookie(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Set-Cookie", "a=b; Path=/")])
    return [b"ok"]


def test_cookies_are_hardened():
    cookie = harden_cookie("sid=abc; Path=/", secure=True)
    assert cookie == "sid=abc; Path=/; HttpOnly; SameSite=Lax; Secure"


def test_cookie_flags_already_present_are_kept():
    cookie = "sid=abc; HttpOnly; SameSite=Strict; Path=/"
    assert harden_cookie(cookie, secure=False) == cookie
