"""Settings.from_env: defaults, parsing, and the production guard on SECRET_KEY."""

import pytest

from {{ cookiecutter.package_name }}.config import ConfigError, Settings


def test_defaults() -> None:
    settings = Settings.from_env({"SECRET_KEY": "s3cret"})
    assert settings == Settings(secret_key="s3cret")
    assert (settings.host, settings.port, settings.debug) == ("127.0.0.1", 8000, False)
{%- if cookiecutter.database != 'none' %}
    assert settings.database_url == "sqlite:///db.sqlite3"
{%- endif %}


def test_values_from_the_environment() -> None:
    environ = {
        "SECRET_KEY": "s3cret",
{%- if cookiecutter.database != 'none' %}
        "DATABASE_URL": "postgresql://app:pw@db.example:5432/app",
{%- endif %}
        "DEBUG": "yes",
        "HOST": "0.0.0.0",
        "PORT": "9000",
        "THREADS": "4",
        "BEHIND_PROXY": "true",
    }
    assert Settings.from_env(environ) == Settings(
        secret_key="s3cret",
{%- if cookiecutter.database != 'none' %}
        database_url="postgresql://app:pw@db.example:5432/app",
{%- endif %}
        debug=True,
        host="0.0.0.0",
        port=9000,
        threads=4,
        behind_proxy=True,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Settings.from_env({"SECRET_KEY": ""})


def test_debug_without_a_secret_key_gets_a_random_one() -> None:
    first = Settings.from_env({}, debug=True)
    second = Settings.from_env({"DEBUG": "1"})
    assert len(first.secret_key) >= 32
    assert first.secret_key != second.secret_key


def test_debug_argument_overrides_the_environment() -> None:
    assert not Settings.from_env({"SECRET_KEY": "s", "DEBUG": "true"}, debug=False).debug


@pytest.mark.parametrize(
    ("name", "value"),
    [("PORT", "http"), ("PORT", "0"), ("PORT", "70000"), ("THREADS", "-1"), ("DEBUG", "maybe")],
)
def test_malformed_values_are_refused(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({"SECRET_KEY": "s3cret", name: value})
