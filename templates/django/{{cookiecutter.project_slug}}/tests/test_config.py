"""The production configuration, checked in a fresh process, and the migrations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def manage_in_production(*args: str, secret_key: str) -> subprocess.CompletedProcess[str]:
    """Run ``manage.py ARGS`` in a new process with DJANGO_ENV=production."""
    env = {**os.environ, "DJANGO_ENV": "production", "SECRET_KEY": secret_key}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_passes_the_deployment_checks() -> None:
    result = manage_in_production(
        "check", "--deploy", "--fail-level", "WARNING", secret_key=get_random_secret_key()
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = manage_in_production("check", secret_key="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
