"""Settings: the .env loader, Settings.from_env, and DATABASE_URL -> CubicWeb's source options."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from pyramid.response import Response

from cubicweb_{{ cookiecutter.__cube }}.security import (
    ALLOW_HTTP_SETTING,
    DEBUG_SETTING,
    HSTS_SECONDS_SETTING,
    security_headers_tween_factory,
)
from cubicweb_{{ cookiecutter.__cube }}.settings import (
    CUBE,
    ConfigError,
    Settings,
    cubicweb_environment,
    database_source,
    load_dotenv,
)


def write_dotenv(directory: Path, text: str) -> Path:
    path = directory / ".env"
    path.write_text(text, encoding="utf-8")
    return path


def test_dotenv_values_comments_and_quotes(tmp_path: Path) -> None:
    path = write_dotenv(
        tmp_path,
        "# a comment\n"
        "\n"
        "export PLAIN=1\n"
        "  SPACED = two words  # a trailing comment\n"
        "HASH=a#b\n"
        'DOUBLE="a # b \\"quoted\\" \\\\ \\n" # comment\n'
        "SINGLE='$literal \\n # kept'\n"
        "EMPTY=\n",
    )
    environ: dict[str, str] = {}
    load_dotenv(path, environ)
    assert environ == {
        "PLAIN": "1",
        "SPACED": "two words",
        "HASH": "a#b",
        "DOUBLE": 'a # b "quoted" \\ \n',
        "SINGLE": "$literal \\n # kept",
        "EMPTY": "",
    }


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    environ = {"SECRET_KEY": "from-environment"}
    load_dotenv(write_dotenv(tmp_path, "SECRET_KEY=from-file\nPORT=9000\n"), environ)
    assert environ == {"SECRET_KEY": "from-environment", "PORT": "9000"}


def test_malformed_dotenv_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = write_dotenv(tmp_path, "PORT=9000\nnot a setting\n")
    with pytest.raises(ConfigError, match=r"\.env:2"):
        load_dotenv(path, {})


def test_production_refuses_to_start_without_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Settings.from_env({})


def test_commands_that_serve_nothing_need_no_secret_key() -> None:
    assert Settings.from_env({}, require_secret=False).secret_key


def test_debug_runs_with_a_temporary_secret_key() -> None:
    settings = Settings.from_env({"DEBUG": "true"})
    assert settings.debug
    assert len(settings.secret_key) >= 32


def test_defaults() -> None:
    settings = Settings.from_env({"SECRET_KEY": "s3cret"})
    assert (settings.debug, settings.host, settings.port) == (False, "127.0.0.1", 8000)
    assert settings.database_url == "sqlite:///var/db.sqlite3"
    assert settings.instance == CUBE
    assert settings.instance_dir == Path("var", "instances", CUBE).absolute()
    assert "s3cret" not in repr(settings)


def test_https_settings() -> None:
    settings = Settings.from_env({"SECRET_KEY": "s"})
    assert (settings.allow_http, settings.hsts_seconds, settings.csrf_trusted_origins) == (
        False,
        3600,
        (),
    )
    environ = {
        "SECRET_KEY": "s",
        "ALLOW_HTTP": "true",
        "HSTS_SECONDS": "31536000",
        "CSRF_TRUSTED_ORIGINS": "https://www.example.com/, https://example.org:8443",
    }
    settings = Settings.from_env(environ)
    assert (settings.allow_http, settings.hsts_seconds) == (True, 31536000)
    assert settings.csrf_trusted_origins == ("https://www.example.com", "https://example.org:8443")


def test_hsts_follows_the_settings() -> None:
    def hsts(**settings: str) -> str | None:
        registry = SimpleNamespace(settings=settings)
        tween = security_headers_tween_factory(lambda request: Response(), registry)
        return tween(None).headers.get("Strict-Transport-Security")

    assert hsts() == "max-age=3600; includeSubDomains"
    assert hsts(**{HSTS_SECONDS_SETTING: "31536000"}) == "max-age=31536000; includeSubDomains"
    assert hsts(**{ALLOW_HTTP_SETTING: "true"}) is None
    assert hsts(**{DEBUG_SETTING: "true"}) is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("ALLOW_HTTP", "maybe"),
        ("HSTS_SECONDS", "-1"),
        ("HSTS_SECONDS", "1 year"),
        ("PORT", "http"),
        ("PORT", "0"),
        ("PORT", "65536"),
    ],
)
def test_malformed_setting_is_refused(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({"SECRET_KEY": "s", name: value})


def source(**options: str) -> dict[str, str]:
    empty = ("driver", "name", "host", "port", "user", "password", "extra-arguments")
    return {f"db-{key}": "" for key in empty} | {
        f"db-{key.replace('_', '-')}": value for key, value in options.items()
    }


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///var/db.sqlite3", source(driver="sqlite", name="/project/var/db.sqlite3")),
        ("sqlite:////srv/items.db", source(driver="sqlite", name="/srv/items.db")),
        (
            "postgresql://user:secret@db.example:5433/items",
            source(
                driver="postgres", name="items", host="db.example", port="5433",
                user="user", password="secret",
            ),
        ),
        ("postgres://user@localhost/items", source(driver="postgres", name="items", host="localhost", user="user")),
        ("postgresql:///items", source(driver="postgres", name="items")),
        (
            "postgresql://user@%2Fvar%2Frun%2Fpostgresql/items",
            source(driver="postgres", name="items", host="/var/run/postgresql", user="user"),
        ),
        (
            "postgresql:///items?host=/var/run/postgresql&port=5433",
            source(driver="postgres", name="items", host="/var/run/postgresql", port="5433"),
        ),
        (
            "postgresql://u:p%40ss%20word@[::1]:5432/items?sslmode=require&connect_timeout=5",
            source(
                driver="postgres", name="items", host="::1", port="5432", user="u",
                password="'p@ss word'", extra_arguments="sslmode=require connect_timeout=5",
            ),
        ),
        (
            "postgresql://u:it's@host/items",
            source(driver="postgres", name="items", host="host", user="u", password="'it\\'s'"),
        ),
    ],
)  # fmt: skip
def test_database_url_forms(url: str, expected: dict[str, str]) -> None:
    assert database_source(url, base=Path("/project")) == expected


@pytest.mark.parametrize(
    "url",
    ["db.sqlite3", "mysql://localhost/items", "sqlite://", "postgresql://host:port/items",
     "postgresql://host/"],
)  # fmt: skip
def test_unusable_database_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        database_source(url)


def test_cubicweb_environment_keeps_everything_in_the_project() -> None:
    settings = Settings(
        secret_key="s", database_url="postgresql://u:p@h:1/d", var_dir=Path("/p/var")
    )
    environ = cubicweb_environment(settings)
    assert environ["CW_MODE"] == "user"
    assert environ["CW_INSTANCES_DIR"] == "/p/var/instances"
    assert environ["CW_INSTANCES_DATA_DIR"] == "/p/var/data"
    assert environ["CW_INSTANCE"] == CUBE
    assert all(environ[key].startswith("/p/var/") for key in ("CW_PID_FILE", "CW_LOG_FILE"))
    assert (environ["CW_DB_DRIVER"], environ["CW_DB_HOST"], environ["CW_DB_PASSWORD"]) == (
        "postgres",
        "h",
        "p",
    )
