"""create_app() as the servers call it: settings from the environment and .env."""

import runpy
from pathlib import Path

import pytest
from webtest import TestApp

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import ConfigError

PROJECT = Path(__file__).resolve().parents[1]

SETTINGS = (
    "SECRET_KEY",
    "DATABASE_URL",
    "DEBUG",
    "ALLOW_HTTP",
    "HSTS_SECONDS",
    "HOST",
    "PORT",
)
DOTENV = "SECRET_KEY=from-dotenv\n{% if cookiecutter.database != 'none' %}DATABASE_URL=sqlite:///from-dotenv.sqlite3\n{% endif %}"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, and none of the settings in the environment.

    Setting then deleting each variable makes monkeypatch restore it after the test,
    even when load_dotenv() set it in between.
    """
    monkeypatch.chdir(tmp_path)
    for name in SETTINGS:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    return tmp_path


def test_settings_come_from_dotenv(workdir: Path) -> None:
    (workdir / ".env").write_text(DOTENV, encoding="utf-8")
    assert TestApp(create_app()).get("/health").json == {"status": "ok"}
{%- if cookiecutter.database != 'none' %}
    assert (workdir / "from-dotenv.sqlite3").is_file()
{%- endif %}


def test_environment_wins_over_dotenv(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / ".env").write_text("DEBUG=not-a-flag\n", encoding="utf-8")
    monkeypatch.setenv("SECRET_KEY", "from-environment")
    monkeypatch.setenv("DEBUG", "false")
    assert TestApp(create_app()).get("/health").status_code == 200


def test_production_refuses_to_start_without_secret_key(workdir: Path) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_gunicorn_settings(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    settings = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    assert settings["bind"] == ["127.0.0.1:9000"]
    assert settings["workers"] == 3
    assert settings["raw_env"] == ["DEBUG=false"]
    assert settings["preload_app"]


def test_gunicorn_runs_two_workers_by_default(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert runpy.run_path(str(PROJECT / "gunicorn.conf.py"))["workers"] == 2
