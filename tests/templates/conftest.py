"""Fixtures: each variant baked once per session, installed, and its server run over HTTP."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from functools import cache
from typing import NoReturn

import pytest
from bakery import Baked, Variant, bake, failure
from browser import chromium, launched
from http_checks import Server
from playwright.sync_api import Browser
from postgres import PostgresServer, find_bin_dir, running_postgres
from venvs import Interpreter, Workspace, cached_venv, clone_venv, find_python, project_env


def unavailable(reason: str) -> NoReturn:
    """Skip for a missing tool on a workstation, but fail under CI, where it must exist."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def bakery(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Variant], Baked]:
    """Return a function baking each variant at most once per session."""

    @cache
    def baked(variant: Variant) -> Baked:
        return bake(variant, tmp_path_factory.mktemp(f"{variant.template}-{variant.label}"))

    return baked


@pytest.fixture(scope="session")
def baked(request: pytest.FixtureRequest, bakery: Callable[[Variant], Baked]) -> Baked:
    """Return the pristine bake of the variant the test is parametrized with."""
    return bakery(request.param)


@pytest.fixture(scope="session")
def python(baked: Baked) -> Interpreter:
    """Return an interpreter for the project's python_version."""
    version = baked.variant.chosen["python_version"]
    return find_python(version) or unavailable(f"no Python {version} on PATH or under pyenv")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """Run a PostgreSQL server for this test run (per xdist worker)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        unavailable("no PostgreSQL (initdb, pg_ctl, createdb) on PATH or in /usr/lib/postgresql")
    with running_postgres(bin_dir) as server:
        yield server


@pytest.fixture(scope="session")
def database_env(request: pytest.FixtureRequest, baked: Baked) -> dict[str, str]:
    """Return ``DATABASE_URL`` of a fresh PostgreSQL database for postgresql bakes, else nothing."""
    if baked.variant.chosen.get("database") != "postgresql":
        return {}
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"{baked.variant.template}_{baked.variant.label}_{secrets.token_hex(4)}"
    return {"DATABASE_URL": server.create_database(name)}


@pytest.fixture(scope="session")
def other_database_urls(
    request: pytest.FixtureRequest, database_env: dict[str, str]
) -> dict[str, str]:
    """Return the same database of a postgresql bake in the other standard URL forms."""
    if not database_env:
        return {}
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.other_forms(database_env["DATABASE_URL"].rsplit("/", 1)[1])


@pytest.fixture(scope="session")
def workspace(
    baked: Baked,
    python: Interpreter,
    database_env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Workspace]:
    """Copy the bake, clone its cached venv, and install the project into the clone."""
    variant = baked.variant
    _first_workspace_of_this_run(variant, tmp_path_factory)
    root = tmp_path_factory.mktemp(f"run-{variant.template}-{variant.label}")
    try:
        project = shutil.copytree(baked.path, root / baked.path.name)
        cached = cached_venv(project / "pyproject.toml", python=python, template=variant.template)
        venv = clone_venv(cached, root / "venv")
        space = Workspace(baked, project, venv, project_env(venv, project, extra=database_env))
        # The recorded install command is proven on each template's defaults; uv is quicker.
        installed = space.run(baked.commands.install) if variant.is_default else space.install()
        assert installed.returncode == 0, failure(installed)
        yield space
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _first_workspace_of_this_run(variant: Variant, factory: pytest.TempPathFactory) -> None:
    """Fail if another worker installed this bake already: its tests must share one worker.

    ``--dist loadgroup`` keeps them together; when it silently stops doing so (pytest 9.2 with
    pytest-xdist 3.8, pytest-xdist#1386), every worker would install and serve the bake again.
    One process may set a bake up again (pytest tears session fixtures of one parameter down
    when tests of another come between): that is not this failure.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    base = factory.getbasetemp()
    run_root = base.parent if worker != "main" else base
    marker = run_root / "workspaces" / f"{variant.template}-{variant.label}"
    marker.parent.mkdir(exist_ok=True)
    try:
        with marker.open("x", encoding="utf-8") as made:
            made.write(worker)
    except FileExistsError:
        first = marker.read_text(encoding="utf-8")
        if first != worker:
            pytest.fail(
                f"{variant.id} is installed a second time in this run, by {worker} after "
                f"{first}: its tests were spread over several workers (run with --dist "
                "loadgroup; see the pytest pin in pyproject.toml)"
            )


@pytest.fixture(scope="session")
def server(workspace: Workspace) -> Iterator[Server]:
    """Run the production server for the tests of one bake."""
    with workspace.serve("serve.log") as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Run one headless Chromium per test process (Debian's ``chromium``)."""
    executable = chromium() or unavailable("no chromium on PATH (apt-get install chromium)")
    with launched(executable) as running:
        yield running


@pytest.fixture(scope="session")
def plain_http_server(workspace: Workspace) -> Iterator[Server]:
    """Run the production server as a user tries it on a laptop: ALLOW_HTTP=true."""
    with workspace.serve("serve-http.log", ALLOW_HTTP="true") as running:
        yield running
