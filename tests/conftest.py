"""Fixtures shared by the unit tests: a small template and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold import template as template_module
from scaffold.template import Template, load_template

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
COMMON = REPO / "template-shared"


@pytest.fixture(scope="session")
def fixture_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A templates folder holding ``mini``, completed with the files every template shares."""
    root = tmp_path_factory.mktemp("templates")
    mini = shutil.copytree(FIXTURES / "templates" / "mini", root / "mini")
    shutil.copy(COMMON / "local_extensions.py", mini)
    shutil.copytree(COMMON / "hooks", mini / "hooks")
    return root


@pytest.fixture
def mini(fixture_templates: Path) -> Template:
    """A small template exercising every mechanism: choices, optional files, escaping."""
    return load_template(fixture_templates / "mini")


@pytest.fixture
def mini_root(fixture_templates: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the fixture templates the ones scaffold discovers."""
    monkeypatch.setattr(template_module, "templates_root", lambda: fixture_templates)
    return fixture_templates


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner with stdout and stderr kept apart."""
    return CliRunner()
