"""Any cookiecutter template, run safely: the same project as cookiecutter, without its risks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold.cli import app
from scaffold.generate.foreign import Foreign, build_values, load, render_pristine
from scaffold.names import validate_name
from scaffold.sources import Source

SLUG = "{{cookiecutter.project_slug}}"
CONFIG = {
    "project_name": "Demo Project",
    "project_slug": "{{ cookiecutter.project_name|lower|replace(' ', '-') }}",
    "license": ["MIT", "BSD-3-Clause"],
    "use_docker": False,
    "settings": {"colour": "{{ cookiecutter.license }}-blue", "size": 3},
    "year": 2026,
    "description": "A project.",
    "_private": "{{ not rendered }}",
    "__module": "{{ cookiecutter.project_slug|replace('-', '_') }}",
    "_copy_without_render": ["raw/*"],
    "_new_lines": "\r\n",
    "__prompts__": {"license": "Which license?", "use_docker": "Docker?"},
}
FILES = {
    f"{SLUG}/README.md": "# {{ cookiecutter.project_name }}\n{{ cookiecutter.settings.colour }}\n",
    f"{SLUG}/about.txt": "{{ cookiecutter.description }}\n",
    f"{SLUG}/{{{{ cookiecutter.__module }}}}/__init__.py": '"""{{ cookiecutter.year }}."""\n',
    f"{SLUG}/raw/keep.txt": "{{ left as it is }}\n",
    f"{SLUG}/{{% if cookiecutter.use_docker %}}Dockerfile{{% endif %}}": "FROM python\n",
    f"{SLUG}/private.txt": "{{ cookiecutter._private }}\n",
}
HOOK = (
    "from pathlib import Path\n"
    "Path('made-by-hook.txt').write_text('{{ cookiecutter.project_slug }}\\n')\n"
)


def write_template(root: Path, *, config: dict | None = None, files: dict | None = None) -> Path:
    """Write a cookiecutter template into ``root`` and return it."""
    root.mkdir(parents=True)
    (root / "cookiecutter.json").write_text(json.dumps(config or CONFIG))
    for rel, text in (files or FILES).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".scaffold.json"
    }


def _scaffold(runner: CliRunner, *args: str) -> object:
    return runner.invoke(app, ["new", *args, "--no-input", "--no-git"], catch_exceptions=False)


def _cookiecutter(template: str, out: Path, *extra: str) -> Path:
    command = [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(out), template]
    done = subprocess.run([*command, *extra], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (project,) = out.iterdir()
    return project


def _as_git(template: Path, tmp_path: Path) -> str:
    bare = tmp_path / "template.git"
    work = tmp_path / "work"
    shutil.copytree(template, work)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com"]
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "template"]):
        subprocess.run([*git, *step], cwd=work, check=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return f"file://{bare}"


def _as_zip(template: Path, tmp_path: Path) -> str:
    archive = tmp_path / "template.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(template, "template")
        for path in template.rglob("*"):
            zipped.write(path, Path("template") / path.relative_to(template))
    return str(archive)


@pytest.mark.parametrize("served", ["folder", "git", "zip"])
def test_the_same_project_as_cookiecutter_from_a_folder_a_git_url_and_a_zip(
    runner: CliRunner, tmp_path: Path, served: str
) -> None:
    template = write_template(tmp_path / "tpl")
    source = {"folder": str(template), "git": "", "zip": ""}[served]
    if served == "git":
        source = _as_git(template, tmp_path)
    elif served == "zip":
        source = _as_zip(template, tmp_path)
    options = ["-o", "license=BSD-3-Clause", "-o", "use_docker=yes"]
    ours = _scaffold(
        runner, "My App", "--template", source, "--output-dir", str(tmp_path / "a"), *options
    )
    assert ours.exit_code == 0, ours.output
    theirs = _cookiecutter(
        str(template),
        tmp_path / "b",
        "project_name=My App",
        "license=BSD-3-Clause",
        "use_docker=yes",
    )
    project = tmp_path / "a" / "my-app"
    assert _tree(project) == _tree(theirs)
    assert (project / "raw" / "keep.txt").read_text() == "{{ left as it is }}\n"
    assert (project / "README.md").read_bytes() == b"# My App\r\nBSD-3-Clause-blue\r\n"
    record = json.loads((project / ".scaffold.json").read_text())
    assert record["template"]["source"] == source
    assert (record["template"]["commit"] is not None) == (served == "git")
    assert record["hooks_ran"] is False


def test_values_are_data_never_template_code(runner: CliRunner, tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl")
    payload = "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }} {{ 7*7 }}"
    out = tmp_path / "out"
    result = _scaffold(
        runner,
        "demo",
        "--template",
        str(template),
        "--output-dir",
        str(out),
        "-o",
        f"description={payload}",
    )
    assert result.exit_code == 0, result.output
    assert (out / "demo" / "about.txt").read_text() == f"{payload}\n"
    assert not list(tmp_path.rglob("PWNED"))


def test_a_name_cookiecutter_would_render_again_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    template = write_template(tmp_path / "tpl")
    out = tmp_path / "out"
    result = _scaffold(
        runner, "Shop {{ 7*7 }}", "--template", str(template), "--output-dir", str(out)
    )
    assert result.exit_code == 2
    assert "renders that path again" in " ".join(result.stderr.split())
    assert not out.exists()


@pytest.mark.parametrize(
    ("where", "files", "config"),
    [
        ("file", {f"{SLUG}/x.txt": "{{ cycler.__init__.__globals__.os.getcwd() }}"}, None),
        ("default", None, {**CONFIG, "evil": "{{ ''.__class__.__mro__[1].__subclasses__() }}"}),
        ("name", {f"{SLUG}/{{{{ cycler.__init__.__globals__ }}}}.txt": "x"}, None),
        (
            "path",
            {f"{SLUG}/{{{{cookiecutter.evil}}}}.txt": "x"},
            {**CONFIG, "evil": "../../outside"},
        ),
    ],
    ids=["in-a-file", "in-a-default", "in-a-file-name", "outside-the-project"],
)
def test_a_template_that_tries_to_escape_is_refused_with_nothing_written(
    runner: CliRunner, tmp_path: Path, where: str, files: dict | None, config: dict | None
) -> None:
    template = write_template(tmp_path / "tpl", config=config, files={**FILES, **(files or {})})
    out = tmp_path / "out"
    result = _scaffold(runner, "demo", "--template", str(template), "--output-dir", str(out))
    assert result.exit_code == 2, result.output
    assert "Nothing was written" in result.stderr or "sandbox" in result.stderr
    if where == "file":
        assert "x.txt" in result.stderr, "the file is named"
    if where == "default":
        assert "cookiecutter.json" in result.stderr
    assert not out.exists() or not any(out.iterdir())
    assert not (tmp_path / "outside.txt").exists()


def test_hooks_are_code_refused_until_trusted(runner: CliRunner, tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl")
    (template / "hooks").mkdir()
    (template / "hooks" / "post_gen_project.py").write_text(HOOK)
    out = tmp_path / "out"
    refused = _scaffold(runner, "demo", "--template", str(template), "--output-dir", str(out))
    assert refused.exit_code == 2
    assert "hooks/post_gen_project.py" in refused.stderr and "--trust" in refused.stderr
    assert not out.exists()

    skipped = _scaffold(
        runner, "demo", "--template", str(template), "--output-dir", str(out), "--no-hooks"
    )
    assert skipped.exit_code == 0
    assert not (out / "demo" / "made-by-hook.txt").exists()

    trusted = _scaffold(
        runner, "other", "--template", str(template), "--output-dir", str(out), "--trust"
    )
    assert trusted.exit_code == 0, trusted.output
    assert (out / "other" / "made-by-hook.txt").read_text() == "other\n"
    theirs = _cookiecutter(str(template), tmp_path / "cc", "project_name=other")
    assert _tree(out / "other") == _tree(theirs)
    assert json.loads((out / "other" / ".scaffold.json").read_text())["hooks_ran"] is True


def test_a_failing_hook_leaves_nothing(runner: CliRunner, tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl")
    (template / "hooks").mkdir()
    (template / "hooks" / "pre_gen_project.py").write_text("raise SystemExit(1)\n")
    out = tmp_path / "out"
    result = _scaffold(
        runner, "demo", "--template", str(template), "--output-dir", str(out), "--trust"
    )
    assert result.exit_code == 1
    assert "A hook of the tpl template failed" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_local_extension_is_code_too(runner: CliRunner, tmp_path: Path) -> None:
    config = {**CONFIG, "_extensions": ["shout.Shout"]}
    files = {**FILES, f"{SLUG}/shout.txt": "{{ cookiecutter.project_name|shout }}\n"}
    template = write_template(tmp_path / "tpl", config=config, files=files)
    (template / "shout.py").write_text(
        "from jinja2.ext import Extension\n"
        "class Shout(Extension):\n"
        "    def __init__(self, environment):\n"
        "        super().__init__(environment)\n"
        "        environment.filters['shout'] = str.upper\n"
    )
    out = tmp_path / "out"
    refused = _scaffold(runner, "demo", "--template", str(template), "--output-dir", str(out))
    assert refused.exit_code == 2 and "extension shout.Shout" in refused.stderr
    trusted = _scaffold(
        runner, "demo", "--template", str(template), "--output-dir", str(out), "--trust"
    )
    assert trusted.exit_code == 0, trusted.output
    assert (out / "demo" / "shout.txt").read_text() == "DEMO\n"


def test_a_nested_template_is_chosen_with_an_option(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "tpl"
    write_template(root / "web")
    write_template(root / "cli", files={f"{SLUG}/cli.txt": "{{ cookiecutter.project_name }}\n"})
    nested = {"templates": {"web": {"path": "./web"}, "cli": {"path": "./cli"}}}
    (root / "cookiecutter.json").write_text(json.dumps(nested))
    out = tmp_path / "out"
    result = _scaffold(
        runner, "demo", "--template", str(root), "--output-dir", str(out), "-o", "template=cli"
    )
    assert result.exit_code == 0, result.output
    assert (out / "demo" / "cli.txt").read_text() == "demo\n"


@pytest.mark.parametrize(
    ("option", "says"),
    [
        ("colour=red", 'no variable "colour"'),
        ("license=GPL", "choose MIT, BSD-3-Clause"),
        ("use_docker=perhaps", "yes or no"),
    ],
)
def test_a_bad_option_is_exit_2_naming_what_is_accepted(
    runner: CliRunner, tmp_path: Path, option: str, says: str
) -> None:
    template = write_template(tmp_path / "tpl")
    result = _scaffold(
        runner,
        "demo",
        "--template",
        str(template),
        "-o",
        option,
        "--output-dir",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 2
    assert says in result.stderr


def test_an_existing_target_is_exit_3_and_untouched(runner: CliRunner, tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl")
    (tmp_path / "out" / "demo").mkdir(parents=True)
    (tmp_path / "out" / "demo" / "mine.txt").write_text("mine\n")
    result = _scaffold(
        runner, "demo", "--template", str(template), "--output-dir", str(tmp_path / "out")
    )
    assert result.exit_code == 3
    assert [p.name for p in (tmp_path / "out" / "demo").iterdir()] == ["mine.txt"]


def test_a_missing_source_is_one_clear_line(runner: CliRunner, tmp_path: Path) -> None:
    result = _scaffold(runner, "demo", "--template", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "Cannot get the template" in result.stderr


def test_template_and_framework_are_exclusive(runner: CliRunner, tmp_path: Path) -> None:
    result = _scaffold(runner, "demo", "--template", str(tmp_path), "--framework", "flask")
    assert result.exit_code == 2


def test_a_project_from_a_git_template_follows_its_newer_commits(
    runner: CliRunner, tmp_path: Path
) -> None:
    template = write_template(tmp_path / "tpl")
    source = _as_git(template, tmp_path)
    out = tmp_path / "out"
    made = runner.invoke(
        app,
        [
            "new",
            "demo",
            "--template",
            source,
            "--output-dir",
            str(out),
            "--no-input",
            "-o",
            "description=Mine",
        ],
    )
    assert made.exit_code == 0, made.output
    project = out / "demo"
    (project / "notes.md").write_text("my notes\n")
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "mine"], cwd=project, check=True)
    work = tmp_path / "work"
    (work / SLUG / "CHANGELOG.md").write_text("new in the template\n")
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "changelog"], cwd=work, check=True)
    subprocess.run(
        ["git", "push", "-q", str(tmp_path / "template.git"), "HEAD"], cwd=work, check=True
    )

    assert runner.invoke(app, ["check", str(project)]).exit_code == 1
    updated = runner.invoke(app, ["update", str(project)])

    assert updated.exit_code == 0, updated.output
    assert (project / "CHANGELOG.md").read_text() == "new in the template\n"
    assert (project / "notes.md").read_text() == "my notes\n"
    assert (project / "about.txt").read_text() == "Mine\n", "the recorded values are kept"
    assert runner.invoke(app, ["check", str(project)]).exit_code == 0


def test_on_a_terminal_the_templates_variables_are_asked_as_cookiecutter_asks_them(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold import ui

    monkeypatch.setattr(ui, "is_interactive", lambda: True)
    template = write_template(tmp_path / "tpl")
    out = tmp_path / "out"
    # project_slug (Enter keeps it), license (2nd choice), use_docker, year, description,
    # then the dict variable (Enter keeps it); project_name comes from NAME.
    typed = "\n2\ny\n\nTyped {{ here }}\n\n"
    result = runner.invoke(
        app,
        ["new", "demo", "--template", str(template), "--output-dir", str(out), "--no-git"],
        input=typed,
    )
    assert result.exit_code == 0, result.output
    assert "Which license?" in result.output, "the template's own prompt text"
    project = out / "demo"
    assert (project / "about.txt").read_text() == "Typed {{ here }}\n"
    assert (project / "README.md").read_bytes().endswith(b"BSD-3-Clause-blue\r\n")
    assert (project / "Dockerfile").is_file()


def test_checkout_takes_the_templates_tag_and_records_its_commit(
    runner: CliRunner, tmp_path: Path
) -> None:
    template = write_template(tmp_path / "tpl")
    source = _as_git(template, tmp_path)
    work = tmp_path / "work"
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "tag", "v1"], cwd=work, check=True)
    tagged = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=work, capture_output=True, text=True, check=True
    ).stdout.strip()
    (work / SLUG / "later.txt").write_text("after v1\n")
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "later"], cwd=work, check=True)
    bare = str(tmp_path / "template.git")
    subprocess.run(["git", "push", "-q", "--tags", bare, "HEAD"], cwd=work, check=True)
    out = tmp_path / "out"
    result = _scaffold(
        runner, "demo", "--template", source, "--checkout", "v1", "--output-dir", str(out)
    )
    assert result.exit_code == 0, result.output
    assert not (out / "demo" / "later.txt").exists()
    record = json.loads((out / "demo" / ".scaffold.json").read_text())
    assert (record["template"]["checkout"], record["template"]["commit"]) == ("v1", tagged)


def _foreign(template: Path) -> Foreign:
    return load(Source(given=str(template), path=template), options={})


def test_each_variable_is_asked_as_its_kind_with_its_default_and_choices(tmp_path: Path) -> None:
    foreign = _foreign(write_template(tmp_path / "tpl"))
    asked = []

    def ask(key: str, label: str, kind: str, default: object, choices: tuple[str, ...]) -> object:
        asked.append((key, label, kind, default, choices))
        return default

    build_values(foreign, validate_name("My App"), {}, trusted=False, ask=ask)
    assert asked == [
        ("project_slug", "project_slug", "text", "my-app", ()),
        ("license", "Which license?", "choice", "MIT", ("MIT", "BSD-3-Clause")),
        ("use_docker", "Docker?", "yes/no", False, ()),
        ("year", "year", "text", "2026", ()),
        ("description", "description", "text", "A project.", ()),
        ("settings", "settings", "dict", {"colour": "MIT-blue", "size": "3"}, ()),
    ]


def test_a_pristine_render_runs_no_hook_and_records_what_made_it(tmp_path: Path) -> None:
    where = {f"{SLUG}/where.txt": "{{ cookiecutter._output_dir }}\n", f"{SLUG}/.env": "S=1"}
    files = {**FILES, **where}
    template = write_template(tmp_path / "tpl", files=files)
    (template / "hooks").mkdir()
    (template / "hooks" / "post_gen_project.py").write_text(HOOK)
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    out = tmp_path / "out"

    project = render_pristine(
        _foreign(template),
        validate_name("My App"),
        {"license": "BSD-3-Clause"},
        tmp_path / "into",
        output_dir=out,
        trust=True,
        moment=moment,
    )

    assert project == tmp_path / "into" / "my-app"
    assert (project / "where.txt").read_text() == f"{out}\n"
    assert not (project / "made-by-hook.txt").exists(), "no hook runs"
    assert not (project / ".env").exists(), "no secret file is kept"
    record = json.loads((project / ".scaffold.json").read_text())
    assert (record["trusted"], record["hooks_ran"]) == (True, False)
    assert record["created"] == moment.isoformat()
    assert record["project"] == {"name": "My App", "folder": "my-app"}
    assert record["options"]["license"] == "BSD-3-Clause"
    assert "where.txt" in record["files"] and ".env" not in record["files"]
