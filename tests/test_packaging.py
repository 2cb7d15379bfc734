"""The built wheel carries the templates and works from any directory."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scaffold.template import discover

REPO = Path(__file__).resolve().parent.parent
UV = [sys.executable, "-m", "uv"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once for this module."""
    out = tmp_path_factory.mktemp("dist")
    _run([*UV, "build", "--wheel", "--out-dir", str(out), str(REPO)], cwd=REPO)
    (built,) = out.glob("scaffold-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_every_template(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for template in discover():
        assert f"scaffold/templates/{template.name}/cookiecutter.json" in names
        assert f"scaffold/templates/{template.name}/local_extensions.py" in names
    assert "scaffold/data/frameworks.toml" in names
    assert "scaffold/py.typed" in names
    assert not any("__pycache__" in name for name in names)


@pytest.mark.slow
def test_the_installed_wheel_lists_and_generates(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([*UV, "venv", "-q", "--python", sys.executable, str(venv)], cwd=tmp_path)
    python = str(venv / "bin" / "python")
    # Byte-compile like pip does: the templates' .py files get __pycache__ folders too.
    _run(
        [*UV, "pip", "install", "-q", "--compile-bytecode", "--python", python, str(wheel)],
        cwd=tmp_path,
    )
    scaffold = str(venv / "bin" / "scaffold")
    listed = json.loads(_run([scaffold, "list", "--json"], cwd=tmp_path).stdout)
    assert [t["name"] for t in listed] == [t.name for t in discover()]
    first = listed[0]["name"]
    _run([scaffold, "new", "demo", "--framework", first, "--no-git", "--no-input"], cwd=tmp_path)
    record = json.loads((tmp_path / "demo" / ".scaffold.json").read_text())
    assert record["template"]["name"] == first
    assert not list((tmp_path / "demo").rglob("__pycache__")), "no installer bytecode copied"
    assert not any("__pycache__" in path for path in record["files"])
