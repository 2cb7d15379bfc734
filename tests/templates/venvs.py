"""Virtual environments for baked projects: cached by dependencies, cloned per project."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bakery import Baked, failure, run
from http_checks import Server, serving
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

#: Every project's lock of exact versions, pip constraints (``-c``), beside its pyproject.toml.
LOCK = "requirements.txt"
#: Shared by every clone and run on this machine: a venv is keyed on its Python, template and
#: exact dependency specs and lock, never modified after it is built; projects install into copies.
CACHE_DIR = (
    Path(
        os.environ.get("SCAFFOLD_HARNESS_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "scaffold-harness"
    )
    / "venvs"
)
#: Prints the top-level import names installed in the running environment, as JSON.
MODULE_LISTING = (
    "import importlib.metadata as m, json; "
    "print(json.dumps(sorted(n for n in m.packages_distributions() "
    "if n.isidentifier() and not n.startswith('_'))))"
)
#: Prints every installed distribution and its version, as JSON.
DISTRIBUTIONS = (
    "import importlib.metadata as m, json; "
    "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
)
#: Run by a project's Python from a folder outside the project, with the project root, its
#: distribution name and top-level names as arguments: prints, as JSON, those of the names
#: that import from inside the root, and the import names ``packages_distributions()`` maps
#: to the distribution (``_editable_impl_*``, the loader of an exact editable install, too).
IMPORT_PROBE = """
import importlib.metadata, importlib.util, json, os, re, sys
root, distribution, names = os.path.realpath(sys.argv[1]), sys.argv[2], sys.argv[3:]

def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()

def inside(place):
    place = os.path.realpath(place)
    return place == root or place.startswith(root + os.sep)

def from_root(name):
    spec = importlib.util.find_spec(name)
    places = [] if spec is None else [spec.origin, *(spec.submodule_search_locations or [])]
    return any(inside(place) for place in places if place and os.path.isabs(place))

mapped = importlib.metadata.packages_distributions().items()
print(json.dumps({
    "from_root": [name for name in names if from_root(name)],
    "mapped": sorted(n for n, ds in mapped if canonical(distribution) in map(canonical, ds)),
}))
"""
#: Inherited variables that would leak the harness's own environment into a project.
_LEAKY = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DATABASE_URL", "HOST", "PORT"}


@dataclass(frozen=True)
class Interpreter:
    """A Python interpreter found on this machine."""

    path: Path
    version: str


@dataclass(frozen=True)
class Workspace:
    """A copy of a baked project with the project installed in its own venv."""

    baked: Baked
    project: Path
    venv: Path
    env: Mapping[str, str]

    def run(self, command: str | Sequence[str | Path]) -> subprocess.CompletedProcess[str]:
        """Run a shell command line (or a program) from the project's root, in its environment."""
        return run(command, cwd=self.project, env=self.env)

    def serve(self, log_name: str, **extra_env: str) -> AbstractContextManager[Server]:
        """Run the production server, ``extra_env`` over the project's, for a with block."""
        env = {**self.env, **extra_env}
        log = self.project.parent / log_name
        return serving(self.baked.commands.serve, cwd=self.project, env=env, log=log)

    def install(self) -> subprocess.CompletedProcess[str]:
        """Install the project alone, editable, with uv: its dependencies are in the venv."""
        uv = [sys.executable, "-m", "uv", "pip", "install", "--quiet", "--no-deps"]
        return self.run([*uv, "--python", self.venv / "bin" / "python", "--editable", "."])


@cache
def find_python(version: str) -> Interpreter | None:
    """Return an interpreter for ``version`` ("3.12") from PATH or pyenv, or None."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python"), reverse=True)
    for candidate in filter(None, candidates):
        probe = run([candidate, "-c", "import sys; print(sys.version.split()[0], sys.executable)"])
        found, _, executable = probe.stdout.strip().partition(" ")
        if probe.returncode == 0 and found.startswith(f"{version}."):
            return Interpreter(Path(executable), found)
    return None


def requirements(pyproject: Path) -> list[str]:
    """Return the project's dependencies plus its ``dev`` extra, self-references expanded."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    own = canonicalize_name(project["name"])
    extras = project.get("optional-dependencies", {})

    def expand(specs: list[str]) -> Iterator[str]:
        for spec in specs:
            requirement = Requirement(spec)
            if canonicalize_name(requirement.name) == own:
                for extra in sorted(requirement.extras):
                    yield from expand(extras.get(extra, []))
            else:
                yield spec

    return sorted(set(expand([*project.get("dependencies", []), *extras.get("dev", [])])))


def cache_key(pyproject: Path, *, python: Interpreter, template: str) -> str:
    """Return a name for the venv of this Python, template and dependency set.

    The project's own name is normalised away, so that projects differing only by name
    (or by options that change no dependency) share one venv.
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    own = canonicalize_name(project["name"])

    def anonymous(specs: list[str]) -> list[str]:
        return sorted(_renamed(Requirement(spec), own) for spec in specs)

    lock = pyproject.with_name(LOCK)
    payload = {
        "python": python.version,
        "bytecode": "compiled",  # venvs built before --compile-bytecode are not reused
        "template": template,
        "lock": lock.read_text(encoding="utf-8") if lock.is_file() else None,
        "dependencies": anonymous(project.get("dependencies", [])),
        "optional-dependencies": {
            extra: anonymous(specs)
            for extra, specs in project.get("optional-dependencies", {}).items()
        },
    }
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]
    return f"{template}-py{python.version}-{digest}"


def _renamed(requirement: Requirement, own: str) -> str:
    if canonicalize_name(requirement.name) == own:
        requirement.name = "{project}"
    return str(requirement)


def cached_venv(pyproject: Path, *, python: Interpreter, template: str) -> Path:
    """Return the cached venv holding the project's dependencies, creating it once.

    A lock serialises creation across pytest-xdist workers; the venv is built in a
    temporary folder and renamed into place, so a failure never leaves a partial venv.
    Nothing modifies it afterwards: projects are installed into clones (``clone_venv``).
    """
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    venv = CACHE_DIR / cache_key(pyproject, python=python, template=template)
    with _locked(CACHE_DIR / f"{venv.name}.lock"):
        if venv.is_dir():
            return venv
        staging = Path(tempfile.mkdtemp(prefix=f".{venv.name}-", dir=CACHE_DIR))
        try:
            _uv("venv", "--quiet", "--seed", "--relocatable", "--python", python.path, staging)
            install_requirements(staging, pyproject)
            staging.rename(venv)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return venv


def install_requirements(venv: Path, pyproject: Path) -> None:
    """Install a project's dependencies and ``dev`` extra into ``venv``, at its lock's versions.

    Compiled to bytecode once here: every process of the project's tests and servers would
    otherwise compile what it imports again (``PYTHONDONTWRITEBYTECODE`` is often set in CI),
    which made each run of Dash or CubicWeb tests about 40% slower.
    """
    python = venv / "bin" / "python"
    _uv(
        "pip",
        "install",
        "--quiet",
        "--compile-bytecode",
        "--python",
        python,
        *constraints(pyproject),
        *requirements(pyproject),
    )


def constraints(pyproject: Path) -> list[str]:
    """Return uv's arguments that install the versions of the project's lock, if it has one."""
    lock = pyproject.with_name(LOCK)
    return ["--constraint", str(lock)] if lock.is_file() else []


def locked_versions(lock: Path, python_version: str) -> dict[str, str]:
    """Return the version the lock pins for each package on Linux CPython ``python_version``.

    ``python_version`` is "3.11.7", or "3.11" for its first release, "3.11.0".
    """
    full = python_version if python_version.count(".") == 2 else f"{python_version}.0"
    environment = {
        **default_environment(),
        "python_version": ".".join(full.split(".")[:2]),
        "python_full_version": full,
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
    }
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(environment):
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"not a pin: {line}"
            name = canonicalize_name(requirement.name)
            assert name not in pins, f"{name} pinned twice for Python {python_version}"
            pins[name] = specifier.version
    return pins


def clone_venv(venv: Path, destination: Path) -> Path:
    """Copy a cached (relocatable) venv to ``destination`` for one project to install into."""
    shutil.copytree(venv, destination, symlinks=True)
    return destination


def project_env(
    venv: Path, project: Path, *, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Return the environment a project's commands run in: its venv first on PATH, as if active.

    Variables the project documents in ``.env.example`` are removed so that its own ``.env``
    (or ``extra``) decides them, not whatever the test run happened to inherit.
    """
    documented = {
        line.split("=", 1)[0].strip()
        for line in (project / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in documented and key not in _LEAKY and not key.startswith("PYTEST_")
    }
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', os.defpath)}"
    env.update(extra or {})
    return env


def _uv(*args: str | Path) -> None:
    result = run([sys.executable, "-m", "uv", *args])
    if result.returncode != 0:
        raise RuntimeError(failure(result))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
