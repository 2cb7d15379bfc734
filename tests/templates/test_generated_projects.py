"""Bake every template variant and prove the generated project works, down to real HTTP."""

from __future__ import annotations

import fnmatch
import html
import json
import os
import re
import shutil
import sys
import tomllib
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import astuple
from pathlib import Path

import pytest
from bakery import (
    Baked,
    Variant,
    bake,
    bake_with_cookiecutter,
    discover_templates,
    failure,
    project_files,
    run,
    variants,
)
from browser import sign_up_and_log_in, visiting
from http_checks import Server, accepts_connections, fetch, serving
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from playwright.sync_api import Browser
from venvs import (
    DISTRIBUTIONS,
    IMPORT_PROBE,
    LOCK,
    MODULE_LISTING,
    Interpreter,
    Workspace,
    cached_venv,
    clone_venv,
    find_python,
    install_requirements,
    locked_versions,
    project_env,
    requirements,
)
from websockets.sync.client import ClientConnection, connect

pytestmark = pytest.mark.slow

TEMPLATES = discover_templates()
WEBSOCKET_TEMPLATES = {template.name for template in TEMPLATES if template.websocket}
VARIANTS = [variant for template in TEMPLATES for variant in variants(template)]
LEFTOVERS = (b"{{ cookiecutter", b"cookiecutter.", b"{% raw", b"{% endraw")


def _marks(variant: Variant) -> list[pytest.MarkDecorator]:
    """Keep each bake's tests on one worker under ``--dist loadgroup``; tag PostgreSQL bakes.

    The group is named without brackets: xdist takes a test id ending in "]" after its "@"
    for a parametrized id, not a group, and would spread the bake's tests over every worker
    (each then installing the project and starting its servers again).
    """
    marks = [pytest.mark.xdist_group(f"{variant.template}-{variant.label}")]
    if variant.chosen.get("database") == "postgresql":
        marks.append(pytest.mark.postgres)
    return marks


def _bakes(keep: Callable[[Variant], bool] = lambda variant: True) -> pytest.MarkDecorator:
    """Parametrize the ``baked`` fixture over the variants ``keep`` selects."""
    params = [pytest.param(v, id=v.id, marks=_marks(v)) for v in VARIANTS if keep(v)]
    return pytest.mark.parametrize("baked", params, indirect=True)


every_bake = _bakes()
default_bakes = _bakes(lambda variant: variant.is_default)
bakes_with_database = _bakes(lambda variant: variant.chosen.get("database", "none") != "none")
bakes_without_database = _bakes(lambda variant: variant.chosen.get("database") == "none")
bakes_with_websocket = _bakes(
    lambda variant: (
        variant.template in WEBSOCKET_TEMPLATES and variant.chosen.get("database", "none") != "none"
    )
)
every_template = pytest.mark.parametrize(
    "default",
    [pytest.param(v, id=v.template, marks=_marks(v)) for v in VARIANTS if v.is_default],
)


def _secret(project: Path) -> str:
    for line in (project / ".env").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "SECRET_KEY":
            return value.strip().strip("'\"")
    raise AssertionError(".env has no SECRET_KEY")


# The files generated.


def _holds_template_syntax(path: Path) -> bool:
    if "{{" in path.name or "{%" in path.name:
        return True
    content = path.read_bytes() if path.is_file() else b""
    return any(marker in content for marker in LEFTOVERS)


@every_bake
def test_no_template_syntax_left(baked: Baked) -> None:
    leftovers = [
        p.relative_to(baked.path) for p in baked.path.rglob("*") if _holds_template_syntax(p)
    ]
    assert not leftovers


@every_bake
def test_only_files_for_chosen_options(baked: Baked) -> None:
    chosen, files = baked.variant.chosen, sorted(project_files(baked.path))
    expected = {
        "Dockerfile": chosen.get("docker") == "yes",
        ".dockerignore": chosen.get("docker") == "yes",
        ".github/workflows/*.yml": chosen.get("ci") == "github",
        ".gitlab-ci.yml": chosen.get("ci") == "gitlab",
    }
    assert {pattern: bool(fnmatch.filter(files, pattern)) for pattern in expected} == expected


@every_bake
def test_no_empty_directories(baked: Baked) -> None:
    empty = [d for d in baked.path.rglob("*") if d.is_dir() and not any(d.iterdir())]
    assert not empty


@every_bake
def test_secret_lives_in_a_git_ignored_env_file(baked: Baked, tmp_path: Path) -> None:
    secret = _secret(baked.path)
    assert len(secret) >= 32
    example = (baked.path / ".env.example").read_text(encoding="utf-8")
    assert "SECRET_KEY" in example
    assert secret not in example
    shutil.copy(baked.path / ".gitignore", tmp_path)
    run(["git", "init", "--quiet"], cwd=tmp_path)
    ignored = run(["git", "check-ignore", ".env", ".env.example"], cwd=tmp_path)
    assert ignored.stdout.split() == [".env"]


@every_template
def test_every_bake_gets_a_fresh_secret(
    default: Variant, bakery: Callable[[Variant], Baked], tmp_path: Path
) -> None:
    assert _secret(bakery(default).path) != _secret(bake(default, tmp_path).path)


@every_bake
def test_scaffold_records_what_it_baked(baked: Baked) -> None:
    assert baked.record["template"]["name"] == baked.variant.template
    assert baked.variant.chosen.items() <= dict(baked.record["options"]).items()
    assert all(command.strip() for command in astuple(baked.commands))


@every_bake
def test_ruff_clean(baked: Baked) -> None:
    result = run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=baked.path)
    assert result.returncode == 0, failure(result)


@every_bake
def test_compiles(baked: Baked, python: Interpreter, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path)}
    result = run([python.path, "-m", "compileall", "-q", "."], cwd=baked.path, env=env)
    assert result.returncode == 0, failure(result)


@every_bake
def test_ci_and_compose_files_match_their_schemas(baked: Baked) -> None:
    schemas = {
        ".github/workflows/*.yml": ["--builtin-schema", "vendor.github-workflows"],
        ".gitlab-ci.yml": ["--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci"],
        "*compose.y*ml": ["--builtin-schema", "vendor.compose-spec"],
        ".github/dependabot.yml": ["--builtin-schema", "vendor.dependabot"],
        "renovate.json": ["--builtin-schema", "vendor.renovate"],
    }
    for pattern, schema in schemas.items():
        files = [str(path) for path in sorted(baked.path.glob(pattern))]
        if files:
            command = [sys.executable, "-m", "check_jsonschema", *schema, *files]
            result = run(command, cwd=baked.path)
            assert result.returncode == 0, failure(result)


@every_bake
def test_dockerfile_is_hadolint_clean(baked: Baked) -> None:
    dockerfile = baked.path / "Dockerfile"
    if not dockerfile.is_file():
        assert baked.variant.chosen.get("docker") != "yes", "docker=yes bakes no Dockerfile"
        return
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or "hadolint"
    result = run([hadolint, "--no-color", "Dockerfile"], cwd=baked.path)
    assert (result.returncode, result.stdout + result.stderr) == (0, ""), failure(result)


@every_template
def test_plain_cookiecutter_bakes_with_its_defaults(default: Variant, tmp_path: Path) -> None:
    project = bake_with_cookiecutter(default, tmp_path, name=None)
    assert (project / "pyproject.toml").is_file()


@every_bake
def test_plain_cookiecutter_bakes_the_same_files(baked: Baked, tmp_path: Path) -> None:
    project = bake_with_cookiecutter(baked.variant, tmp_path, name=baked.variant.project_name)
    assert project_files(project) == project_files(baked.path) - {".scaffold.json"}


def _pythons(baked: Baked) -> list[str]:
    """Return every Python version the project supports: its minimum and the newer choices."""
    minimum = baked.variant.chosen.get("python_version", "3.11")
    choices = next(
        o.choices
        for t in TEMPLATES
        if t.name == baked.variant.template
        for o in t.options
        if o.name == "python_version"
    )
    return [version for version in choices if version >= minimum]


@every_bake
def test_lock_pins_every_dependency_within_its_range(baked: Baked) -> None:
    """Each runtime and dev dependency has one exact version, allowed by pyproject.toml."""
    lock = baked.path / LOCK
    assert lock.is_file(), f"{baked.variant.template} ships no {LOCK}"
    for version in [f"{minor}.{patch}" for minor in _pythons(baked) for patch in (0, 99)]:
        pins = locked_versions(lock, version)
        for spec in requirements(baked.path / "pyproject.toml"):
            wanted = Requirement(spec)
            where = {"python_version": version.rsplit(".", 1)[0], "python_full_version": version}
            if wanted.marker and not wanted.marker.evaluate(where):
                continue
            name = canonicalize_name(wanted.name)
            assert name in pins, f"{name} is not locked for Python {version}"
            assert wanted.specifier.contains(pins[name], prereleases=True), (
                f"{name}=={pins[name]} is outside {spec!r} (Python {version})"
            )


@every_bake
def test_install_command_dockerfile_and_ci_install_from_the_lock(baked: Baked) -> None:
    uses_lock = re.compile(rf"(-c|--constraint|-r|--requirement)[ =]{re.escape(LOCK)}")
    assert uses_lock.search(baked.commands.install), baked.commands.install
    dockerfile = baked.path / "Dockerfile"
    if dockerfile.is_file():
        text = dockerfile.read_text(encoding="utf-8")
        assert re.search(rf"^COPY [^\n]*{re.escape(LOCK)}", text, re.MULTILINE), "not copied"
        assert uses_lock.search(text), "the image does not install from the lock"
    for ci in [*baked.path.glob(".github/workflows/*.yml"), *baked.path.glob(".gitlab-ci.yml")]:
        assert uses_lock.search(ci.read_text(encoding="utf-8")), f"{ci.name} ignores the lock"


# The project at work.


@every_bake
def test_installs_exactly_the_locked_versions(workspace: Workspace, python: Interpreter) -> None:
    """The project installs its lock, no more and no less (itself and pip's tools apart)."""
    listed = workspace.run(["python", "-c", DISTRIBUTIONS])
    assert listed.returncode == 0, failure(listed)
    installed = {canonicalize_name(k): v for k, v in json.loads(listed.stdout).items()}
    own = canonicalize_name(
        tomllib.loads((workspace.project / "pyproject.toml").read_text())["project"]["name"]
    )
    for tool in (own, "pip", "setuptools", "wheel"):
        installed.pop(tool, None)
    pins = locked_versions(workspace.project / LOCK, python.version)
    for tool in ("pip", "setuptools", "wheel"):
        pins.pop(tool, None)
    assert installed == pins


@every_bake
def test_reserved_names_cover_every_module_the_project_installs(workspace: Workspace) -> None:
    """A project named like any module of its environment would shadow it: scaffold refuses it."""
    from scaffold.template import find_template

    listed = workspace.run(["python", "-c", MODULE_LISTING])
    assert listed.returncode == 0, failure(listed)
    installed = set(json.loads(listed.stdout)) - {workspace.baked.record["import_package"]}
    template = workspace.baked.variant.template
    missing = sorted(installed - find_template(template).reserved_names)
    assert not missing, (
        f"{template} does not reserve {missing}: run "
        f".venv/bin/python scripts/refresh_reserved_names.py {template}"
    )


def _root_names(project: Path) -> list[str]:
    """Return the names the top of ``project`` would import as: ``*.py`` stems and folders."""
    names = (
        entry.name if entry.is_dir() else entry.name.removesuffix(".py")
        for entry in project.iterdir()
        if entry.is_dir() or entry.suffix == ".py"
    )
    return sorted(name for name in names if name.isidentifier())


def _distribution(project: Path) -> str:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["project"]["name"]


@every_bake
def test_only_the_package_is_importable_from_the_project(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Installed projects share one namespace: only each one's package may come from its root.

    Probed in the project's environment from a folder outside it: every module and folder at
    the top of the project (tests, manage.py, settings.py...) stays out of ``sys.path``, and
    the distribution maps no other import name (an exact editable install adds only its
    private ``_editable_impl_`` loader). Together, any two projects can share one venv.
    """
    package = workspace.baked.record["import_package"]
    project = workspace.project
    probe = ["python", "-c", IMPORT_PROBE, project, _distribution(project), *_root_names(project)]
    probed = run(probe, cwd=tmp_path, env=workspace.env)
    assert probed.returncode == 0, failure(probed)
    found = json.loads(probed.stdout)
    assert found["from_root"] == [package]
    mapped = {name for name in found["mapped"] if not name.startswith("_editable_impl_")}
    assert mapped <= {package}


@every_bake
def test_the_wheel_holds_only_the_package(workspace: Workspace, tmp_path: Path) -> None:
    uv_build = [sys.executable, "-m", "uv", "build", "--wheel", "--quiet", "--out-dir", tmp_path]
    python = ["--python", workspace.venv / "bin" / "python"]  # the project's, never a download
    built = run([*uv_build, *python, workspace.project], cwd=tmp_path)
    assert built.returncode == 0, failure(built)
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        top = {name.split("/")[0] for name in archive.namelist()}
    modules = {name.removesuffix(".py") for name in top if not name.endswith(".dist-info")}
    assert modules == {workspace.baked.record["import_package"]}


@every_bake
def test_own_test_suite_passes(workspace: Workspace) -> None:
    result = workspace.run(workspace.baked.commands.test)
    assert result.returncode == 0, failure(result)


@every_bake
def test_home_page_shows_the_project_name(workspace: Workspace, server: Server) -> None:
    page = fetch(f"{server.url}/")
    assert page.status == 200
    assert page.content_type == "text/html"
    assert html.escape(workspace.baked.variant.project_name, quote=False) in page.body.decode()


@every_bake
def test_health_answers_behind_a_proxy_and_in_plain_http(server: Server) -> None:
    for behind_tls_proxy in (True, False):
        health = fetch(f"{server.url}/health", behind_tls_proxy=behind_tls_proxy)
        assert (health.status, health.json()) == (200, {"status": "ok"})


@every_bake
def test_hsts_starts_short_behind_a_tls_proxy(server: Server) -> None:
    """One hour by default (HSTS_SECONDS raises it): an HTTPS mistake does not last a year."""
    header = fetch(f"{server.url}/health", behind_tls_proxy=True).headers.get(
        "Strict-Transport-Security", ""
    )
    age = re.search(r"max-age=(\d+)", header)
    assert age, f"no HSTS behind a TLS proxy: {header!r}"
    assert 0 < int(age.group(1)) <= 86400, header


@every_bake
def test_production_over_plain_http_with_allow_http(plain_http_server: Server) -> None:
    home = fetch(f"{plain_http_server.url}/", behind_tls_proxy=False)
    assert home.status == 200, f"ALLOW_HTTP=true: / answered {home.status}"
    assert "Strict-Transport-Security" not in home.headers


@every_bake
def test_pages_are_clean_in_a_real_browser(
    baked: Baked, plain_http_server: Server, browser: Browser
) -> None:
    """No console error, no CSP violation, no failed load, an icon; with auth, sign up and in."""
    with visiting(browser, plain_http_server.url) as visit:
        visit.open("/")
        assert visit.icon_status() == 200, "the page has no icon (a 404 in every console)"
        problems = visit.problems
    if baked.variant.chosen.get("auth") == "yes":
        problems += sign_up_and_log_in(browser, plain_http_server.url)
    assert not problems, "\n".join(problems)


@every_bake
def test_unknown_route_is_404(server: Server) -> None:
    assert fetch(f"{server.url}/no/such/page").status == 404


@every_bake
def test_security_headers_on_every_kind_of_response(baked: Baked, server: Server) -> None:
    paths = ["/", "/health", "/no/such/page"]
    if baked.variant.chosen.get("database", "none") != "none":
        paths.append("/api/items")
    missing = {path: fetch(server.url + path).missing_security_headers() for path in paths}
    assert not {path: names for path, names in missing.items() if names}


@bakes_with_database
def test_items_api_round_trip(server: Server) -> None:
    items = f"{server.url}/api/items"
    created = fetch(items, method="POST", body={"name": "first"})
    assert created.status == 201, created.body
    item = created.json()
    assert item["name"] == "first" and "id" in item
    one = f"{items}/{item['id']}"

    listing = fetch(items)
    assert listing.status == 200 and isinstance(listing.json(), list)
    assert item in _every_item(items)
    assert (fetch(one).status, fetch(one).json()) == (200, item)
    renamed = fetch(one, method="PUT", body={"name": "renamed"})
    assert (renamed.status, renamed.json()) == (200, {**item, "name": "renamed"})
    deleted = fetch(one, method="DELETE")
    assert (deleted.status, deleted.body) == (204, b"")

    gone = fetch(one)
    assert gone.status == 404 and "error" in gone.json()
    assert fetch(one, method="PUT", body={"name": "again"}).status == 404
    assert fetch(one, method="DELETE").status == 404


def _every_item(items: str, *, size: int = 100) -> list[dict[str, object]]:
    """Return every item, page by page with ``?limit=&offset=``."""
    found: list[dict[str, object]] = []
    while True:
        page = fetch(f"{items}?limit={size}&offset={len(found)}")
        assert page.status == 200 and isinstance(page.json(), list), page.body
        found += page.json()
        if len(page.json()) < size:
            return found


@bakes_with_database
def test_items_api_paginates(server: Server) -> None:
    """``?limit=&offset=`` pages through the items; a bad page is a 400 JSON error."""
    items = f"{server.url}/api/items"
    for name in ("a", "b", "c"):
        assert fetch(items, method="POST", body={"name": name}).status == 201
    assert len(fetch(f"{items}?limit=2").json()) == 2
    assert _every_item(items, size=1) == _every_item(items)
    for bad in ("limit=abc", "limit=-1", "offset=-1", "offset=x"):
        answer = fetch(f"{items}?{bad}")
        assert answer.status == 400 and "error" in answer.json(), (bad, answer.status)


@bakes_with_database
def test_every_database_url_form_reaches_postgresql(
    workspace: Workspace, other_database_urls: dict[str, str]
) -> None:
    """Over the Unix socket, without a password, with ``?host=`` and ``sslmode``: it serves."""
    for form, url in other_database_urls.items():
        with workspace.serve("serve-url.log", DATABASE_URL=url) as running:
            created = fetch(f"{running.url}/api/items", method="POST", body={"name": form})
            assert created.status == 201, (form, created.status, running.output())
            listed = _every_item(f"{running.url}/api/items")
            assert form in {item["name"] for item in listed}, form


@bakes_with_database
def test_items_api_rejects_bad_input(server: Server) -> None:
    items = f"{server.url}/api/items"
    for attempt in (
        fetch(items, method="POST", raw=b'{"name": '),
        fetch(items, method="POST", body={}),
        fetch(items, method="POST", body={"name": ""}),
    ):
        assert attempt.status == 400, attempt.body
        assert "error" in attempt.json()


@bakes_without_database
def test_no_items_api_without_a_database(server: Server) -> None:
    assert fetch(f"{server.url}/api/items").status == 404


def _next_event(socket: ClientConnection) -> dict[str, object]:
    """Return the next JSON message the WebSocket pushes (10 s at most)."""
    message = socket.recv(timeout=10)
    event = json.loads(message)
    assert isinstance(event, dict), f"not a JSON object: {message!r}"
    return event


@bakes_with_websocket
def test_websocket_pushes_every_change_to_the_items(baked: Baked, server: Server) -> None:
    """Against the production server as configured: whichever worker serves the socket."""
    path = baked.record["websocket"]
    assert path and path.startswith("/"), f".scaffold.json names no WebSocket path: {path!r}"
    items = f"{server.url}/api/items"
    with connect(f"ws://127.0.0.1:{server.port}{path}", open_timeout=10) as socket:
        created = fetch(items, method="POST", body={"name": "pushed"})
        assert created.status == 201, created.body
        item = created.json()
        assert _next_event(socket) == {"type": "created", "item": item}
        renamed = fetch(f"{items}/{item['id']}", method="PUT", body={"name": "repushed"})
        assert _next_event(socket) == {"type": "updated", "item": renamed.json()}
        assert fetch(f"{items}/{item['id']}", method="DELETE").status == 204
        deleted = _next_event(socket)
        assert deleted["type"] == "deleted" and deleted["item"]["id"] == item["id"], deleted


def _assert_stops_on_sigterm(server: Server) -> None:
    assert server.stop(), f"the server ignored SIGTERM for 15 s:\n{server.output()}"
    assert not accepts_connections(server.port), f"port {server.port} still open after stop"


@every_bake
def test_server_stops_on_sigterm_and_frees_its_port(workspace: Workspace) -> None:
    log = workspace.project.parent / "serve-and-stop.log"
    command = workspace.baked.commands.serve
    with serving(command, cwd=workspace.project, env=workspace.env, log=log) as server:
        _assert_stops_on_sigterm(server)


@default_bakes
def test_dev_server_answers_health(workspace: Workspace) -> None:
    log = workspace.project.parent / "dev.log"
    command = workspace.baked.commands.dev
    with serving(command, cwd=workspace.project, env=workspace.env, log=log) as server:
        health = fetch(f"{server.url}/health", behind_tls_proxy=False)
        assert (health.status, health.json()) == (200, {"status": "ok"})
        _assert_stops_on_sigterm(server)


def test_every_default_project_serves_itself_beside_the_others_in_one_venv(
    tmp_path: Path,
) -> None:
    """The proof behind the per-bake import check: each template's defaults, under its own
    name, installed editable into one venv; each production server, started from its own
    root, answers with its own project.
    """
    defaults = [variant for variant in VARIANTS if variant.is_default]
    versions = {variant.chosen.get("python_version", "3.11") for variant in defaults}
    if len(versions) != 1:
        pytest.skip(f"the defaults ask for different Pythons: {sorted(versions)}")
    (version,) = versions
    python = find_python(version)
    if python is None:
        pytest.skip(f"no Python {version} on PATH or under pyenv")
    for variant in defaults:
        (tmp_path / variant.template).mkdir()
    projects = {
        f"coexist-{v.template}": bake(v, tmp_path / v.template, name=f"coexist-{v.template}")
        for v in defaults
    }
    first, *others = projects.values()
    template = first.variant.template
    cached = cached_venv(first.path / "pyproject.toml", python=python, template=template)
    venv = clone_venv(cached, tmp_path / "venv")
    for baked in others:
        install_requirements(venv, baked.path / "pyproject.toml")
    uv = [sys.executable, "-m", "uv", "pip", "install", "--quiet", "--no-deps"]
    for baked in projects.values():
        installed = run([*uv, "--python", venv / "bin" / "python", "--editable", baked.path])
        assert installed.returncode == 0, failure(installed)
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(
                serving(
                    baked.commands.serve,
                    cwd=baked.path,
                    env=project_env(venv, baked.path),
                    log=tmp_path / f"{name}.log",
                )
            )
            for name, baked in projects.items()
        }
        for name, server in servers.items():
            page = fetch(f"{server.url}/")
            assert page.status == 200, (name, page.status)
            shown = {other for other in projects if other in page.body.decode()}
            assert shown == {name}, f"{name} serves the home page of {shown}"
            health = fetch(f"{server.url}/health", behind_tls_proxy=False)
            assert (health.status, health.json()) == (200, {"status": "ok"}), name
