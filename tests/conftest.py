"""Fixtures shared by the unit tests: a small template and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold import template as template_module
from scaffold.template import Template, load_template

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture
def mini() -> Template:
    """A small template exercising every mechanism: choices, optional files, escaping."""
    return load_template(FIXTURES / "templates" / "mini")


@pytest.fixture
def mini_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the fixture templates the ones scaffold discovers."""
    root = FIXTURES / "templates"
    monkeypatch.setattr(template_module, "templates_root", lambda: root)
    return root


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner with stdout and stderr kept apart."""
    return CliRunner()
