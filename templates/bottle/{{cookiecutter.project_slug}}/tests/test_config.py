"""Settings: the .env loader and Config.from_env."""

from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.config import (
    Config,
    ConfigError,
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
        "EMPTY=\n"
        "UNICODE=café 😀\n",
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
        "UNICODE": "café 😀",
    }


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    environ = {"SECRET_KEY": "from-environment"}
    load_dotenv(write_dotenv(tmp_path, "SECRET_KEY=from-file\nPORT=9000\n"), environ)
    assert environ == {"SECRET_KEY": "from-environment", "PORT": "9000"}


def test_missing_dotenv_changes_nothing(tmp_path: Path) -> None:
    environ: dict[str, str] = {}
    load_dotenv(tmp_path / ".env", environ)
    assert environ == {}


def test_malformed_dotenv_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = write_dotenv(tmp_path, "PORT=9000\nnot a setting\n")
    with pytest.raises(ConfigError, match=r"\.env:2"):
        load_dotenv(path, {})


def test_production_refuses_to_start_without_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Config.from_env({})


def test_debug_runs_with_a_temporary_secret_key() -> None:
    config = Config.from_env({"DEBUG": "true"})
    assert config.debug
    assert len(config.secret_key) >= 32


def test_defaults() -> None:
    config = Config.from_env({"SECRET_KEY": "s3cret"})
    assert config == Config(secret_key="s3cret")
    assert (config.debug, config.host, config.port) == (False, "127.0.0.1", 8000)
    assert (config.allow_http, config.hsts_seconds, config.https_only) == (False, 3600, True)
{%- if cookiecutter.database != 'none' %}
    assert config.database_url == "sqlite:///db.sqlite3"
{%- endif %}


def test_every_setting_is_read() -> None:
    environ = {
        "SECRET_KEY": "s3cret",
{%- if cookiecutter.database != 'none' %}
        "DATABASE_URL": "sqlite:////srv/items.sqlite3",
{%- endif %}
        "DEBUG": "true",
        "ALLOW_HTTP": "true",
        "HSTS_SECONDS": "31536000",
        "HOST": "0.0.0.0",
        "PORT": "9000",
    }
    assert Config.from_env(environ) == Config(
        secret_key="s3cret",
{%- if cookiecutter.database != 'none' %}
        database_url="sqlite:////srv/items.sqlite3",
{%- endif %}
        debug=True,
        allow_http=True,
        hsts_seconds=31536000,
        host="0.0.0.0",
        port=9000,
    )


def test_secret_key_stays_out_of_repr() -> None:
    assert "s3cret" not in repr(Config(secret_key="s3cret"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("ON", True)]
    + [("0", False), ("false", False), ("No", False), ("off", False), ("", False)],
)
def test_debug_flag_spellings(value: str, expected: bool) -> None:
    assert Config.from_env({"SECRET_KEY": "s", "DEBUG": value}).debug is expected


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("ALLOW_HTTP", "please"),
        ("HSTS_SECONDS", "a year"),
        ("HSTS_SECONDS", "-1"),
        ("PORT", "http"),
        ("PORT", "0"),
        ("PORT", "65536"),
        ("PORT", "-1"),
    ],
)
def test_malformed_setting_is_refused(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Config.from_env({"SECRET_KEY": "s", name: value})


def test_allow_http_lifts_https_only_in_production() -> None:
    assert not Config.from_env({"SECRET_KEY": "s", "ALLOW_HTTP": "true"}).https_only
    assert not Config.from_env({"DEBUG": "true"}).https_only
