"""scaffold update and check: a real three-way merge with real git, against a changing template."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffold import postgen
from scaffold import template as template_module
from scaffold.cli import app
from scaffold.errors import Interrupted, ScaffoldError, UsageError
from scaffold.generate import Provenance, generate
from scaffold.gitrepo import TEMPLATE_REF, GitError, Repo
from scaffold.names import validate_name
from scaffold.update import Changes, DirtyTreeError, _files, check, update

SLUG = "{{cookiecutter.project_slug}}"


def git(project: Path, *args: str) -> str:
    """Run git in ``project`` and return what it prints."""
    done = subprocess.run(
        ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def templates(fixture_templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture templates that the test may change, as scaffold's templates."""
    root = shutil.copytree(fixture_templates, tmp_path / "templates")
    (root / "mini" / SLUG / "notes.txt").write_text("one\ntwo\nthree\nfour\nfive\nsix\nseven\n")
    (root / "mini" / SLUG / "old.txt").write_text("to be removed\n")
    (root / "mini" / SLUG / "moving.txt").write_text("a file the template renames\n" * 5)
    monkeypatch.setattr(template_module, "templates_root", lambda: root)
    template_module._discover.cache_clear()
    yield root
    template_module._discover.cache_clear()


def _invoke(runner: CliRunner, *args: str) -> object:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def project(runner: CliRunner, templates: Path, tmp_path: Path) -> Path:
    """A mini project generated with git, its first commit the pristine render."""
    out = tmp_path / "out"
    result = _invoke(runner, "new", "demo", "--framework", "mini", "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    return out / "demo"


def _change_template(templates: Path, change: Callable[[Path], None]) -> None:
    change(templates / "mini" / SLUG)
    template_module._discover.cache_clear()


def _improve(folder: Path) -> None:
    """What a template maintainer does: add, remove, rename and edit files."""
    (folder / "added.txt").write_text("new in the template\n")
    (folder / "old.txt").unlink()
    (folder / "moving.txt").rename(folder / "moved.txt")
    notes = (folder / "notes.txt").read_text().replace("seven", "SEVEN (template)")
    (folder / "notes.txt").write_text(notes.replace("two", "TWO (template)"))


def test_new_keeps_the_pristine_render_on_the_template_ref(project: Path) -> None:
    assert git(project, "rev-parse", TEMPLATE_REF) == git(project, "rev-parse", "HEAD")
    record = json.loads((project / ".scaffold.json").read_text())
    assert record["template_ref"] == TEMPLATE_REF


def test_check_is_0_when_up_to_date_and_1_when_the_template_changed(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    assert _invoke(runner, "check", str(project)).exit_code == 0
    _change_template(templates, _improve)
    checked = _invoke(runner, "check", str(project), "--json")
    assert checked.exit_code == 1
    data = json.loads(checked.stdout)
    assert data["up_to_date"] is False
    assert data["changes"]["added"] == ["added.txt"]
    assert data["changes"]["removed"] == ["old.txt"]
    assert data["changes"]["renamed"] == [["moving.txt", "moved.txt"]]


def test_update_merges_the_template_and_keeps_every_user_edit(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    notes = (project / "notes.txt").read_text().replace("four", "FOUR (mine)")
    (project / "notes.txt").write_text(notes)
    (project / "mine.txt").write_text("my own file\n")
    env_before = (project / ".env").read_bytes()
    git(project, "add", "-A")
    git(project, "commit", "-qm", "my work")
    _change_template(templates, _improve)

    result = _invoke(runner, "update", str(project))

    assert result.exit_code == 0, result.output
    assert (project / "notes.txt").read_text() == (
        "one\nTWO (template)\nthree\nFOUR (mine)\nfive\nsix\nSEVEN (template)\n"
    )
    assert (project / "added.txt").is_file()
    assert not (project / "old.txt").exists(), "removed by the template, unchanged by the user"
    assert not (project / "moving.txt").exists() and (project / "moved.txt").is_file()
    assert (project / "mine.txt").read_text() == "my own file\n"
    assert (project / ".env").read_bytes() == env_before, ".env is never touched"
    assert git(project, "status", "--porcelain") == ""
    parents = git(project, "log", "-1", "--format=%P").split()
    assert len(parents) == 2, "the update is one merge commit"
    assert _invoke(runner, "check", str(project)).exit_code == 0


def test_a_line_both_sides_changed_is_an_ordinary_git_conflict(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    (project / "notes.txt").write_text("one\nTWO (mine)\nthree\nfour\nfive\nsix\nseven\n")
    git(project, "commit", "-qam", "mine")
    _change_template(templates, _improve)

    result = _invoke(runner, "update", str(project))

    assert result.exit_code == 1
    assert "notes.txt" in result.stdout
    text = (project / "notes.txt").read_text()
    assert "<<<<<<<" in text and "TWO (mine)" in text and "TWO (template)" in text
    assert "UU notes.txt" in git(project, "status", "--porcelain")
    assert not list(project.rglob("*.rej")) and not list(project.rglob("*.orig"))
    assert _invoke(runner, "check", str(project)).exit_code == 1, "not up to date until merged"


def test_a_secret_file_the_user_committed_is_never_touched(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    git(project, "add", "--force", ".env")
    git(project, "commit", "-qm", "committed my .env after all")
    committed = (project / ".env").read_bytes()
    _change_template(templates, _improve)
    assert _invoke(runner, "update", str(project)).exit_code == 0
    assert (project / ".env").read_bytes() == committed
    assert ".env" in git(project, "ls-files")


def test_a_file_the_user_deleted_stays_deleted(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    git(project, "rm", "-q", "README.md")
    git(project, "commit", "-qm", "no readme")
    _change_template(templates, _improve)
    assert _invoke(runner, "update", str(project)).exit_code == 0
    assert not (project / "README.md").exists()


def test_a_dirty_tree_is_refused_with_exit_3_and_nothing_changed(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    (project / "README.md").write_text("uncommitted\n")
    _change_template(templates, _improve)
    refs_before = git(project, "show-ref")
    result = _invoke(runner, "update", str(project))
    assert result.exit_code == 3
    assert "commit or stash" in result.stderr
    assert git(project, "show-ref") == refs_before
    assert (project / "README.md").read_text() == "uncommitted\n"


def test_a_dry_run_writes_nothing_not_even_git_objects(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    _change_template(templates, _improve)
    objects = sorted(p.name for p in (project / ".git" / "objects").rglob("*"))
    refs = git(project, "show-ref")
    result = _invoke(runner, "update", str(project), "--dry-run", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["changes"]["added"] == ["added.txt"]
    assert sorted(p.name for p in (project / ".git" / "objects").rglob("*")) == objects
    assert git(project, "show-ref") == refs
    assert not (project / "added.txt").exists()


def test_an_option_changed_later_adds_and_removes_its_files(
    runner: CliRunner, project: Path
) -> None:
    (project / "README.md").write_text((project / "README.md").read_text() + "mine\n")
    git(project, "commit", "-qam", "mine")
    result = _invoke(runner, "update", str(project), "-o", "docker=yes")
    assert result.exit_code == 0, result.output
    assert (project / "Dockerfile").is_file()
    assert (project / "README.md").read_text().endswith("mine\n")
    assert json.loads((project / ".scaffold.json").read_text())["options"]["docker"] == "yes"


def test_a_bad_option_is_refused_like_new_does(runner: CliRunner, project: Path) -> None:
    result = _invoke(runner, "update", str(project), "-o", "database=mysql")
    assert result.exit_code == 2
    assert "choose sqlite, postgresql or none" in result.stderr


def test_an_aborted_merge_can_be_updated_again(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    (project / "notes.txt").write_text("one\nTWO (mine)\nthree\nfour\nfive\nsix\nseven\n")
    git(project, "commit", "-qam", "mine")
    _change_template(templates, _improve)
    assert _invoke(runner, "update", str(project)).exit_code == 1
    git(project, "merge", "--abort")
    again = _invoke(runner, "update", str(project), "--dry-run", "--json")
    assert json.loads(again.stdout)["changes"]["added"] == ["added.txt"]


def test_a_project_from_before_the_ref_is_found_in_its_history(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    git(project, "update-ref", "-d", TEMPLATE_REF)
    (project / "mine.txt").write_text("mine\n")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "mine")
    result = _invoke(runner, "update", str(project), "-o", "docker=yes")
    assert result.exit_code == 0, result.output
    assert (project / "Dockerfile").is_file() and (project / "mine.txt").is_file()


@pytest.mark.parametrize(
    ("prepare", "says"),
    [
        (lambda p: shutil.rmtree(p / ".git"), "not the top folder of a git repository"),
        (lambda p: (p / ".scaffold.json").unlink(), "no readable .scaffold.json"),
    ],
    ids=["no-git", "no-record"],
)
def test_what_cannot_be_updated_is_said_clearly(
    runner: CliRunner, project: Path, prepare: Callable[[Path], None], says: str
) -> None:
    prepare(project)
    result = _invoke(runner, "update", str(project))
    assert result.exit_code == 2
    assert says in result.stderr


def test_an_update_runs_no_template_code_but_rendering(
    runner: CliRunner, project: Path, templates: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "hook-ran"
    hook = templates / "mini" / "hooks" / "post_gen_project.py"
    hook.write_text(f"open({str(marker)!r}, 'w').close()\n")
    _change_template(templates, _improve)
    assert _invoke(runner, "update", str(project)).exit_code == 0
    assert (project / "added.txt").is_file()
    assert not marker.exists()


# --- What an update reports, writes and refuses, in detail -------------------------------


def _head(project: Path) -> str:
    return git(project, "rev-parse", "HEAD").strip()


def _edit_record(project: Path, change: Callable[[dict], None]) -> None:
    """Change the project's ``.scaffold.json`` and commit it."""
    path = project / ".scaffold.json"
    record = json.loads(path.read_text())
    change(record)
    path.write_text(json.dumps(record, indent=2) + "\n")
    git(project, "commit", "-qam", "record edited")


def test_the_json_of_an_update_says_everything_it_did(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    _change_template(templates, _improve)
    result = _invoke(runner, "update", str(project), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    options = data.pop("options")
    assert (options["database"], options["docker"]) == ("sqlite", "no")
    assert data == {
        "project": str(project),
        "template": "mini",
        "up_to_date": False,
        "changes": {
            "added": ["added.txt"],
            "removed": ["old.txt"],
            "modified": ["notes.txt"],
            "renamed": [["moving.txt", "moved.txt"]],
        },
        "conflicts": [],
        "merged": True,
        "dry_run": False,
        "notes": [],
    }


def test_a_conflicted_update_lists_it_and_moves_the_template_ref_to_the_new_render(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    (project / "notes.txt").write_text("one\nTWO (mine)\nthree\nfour\nfive\nsix\nseven\n")
    git(project, "commit", "-qam", "mine")
    _change_template(templates, _improve)
    result = _invoke(runner, "update", str(project), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["conflicts"], data["merged"]) == (["notes.txt"], False)
    assert git(project, "rev-parse", TEMPLATE_REF) == git(project, "rev-parse", "MERGE_HEAD")


def test_a_dirty_tree_is_named_file_by_file(project: Path, templates: Path) -> None:
    (project / "README.md").write_text("uncommitted\n")
    (project / "notes.txt").write_text("uncommitted\n")
    git(project, "add", "README.md", "notes.txt")
    _change_template(templates, _improve)
    head = _head(project)
    with pytest.raises(DirtyTreeError) as refused:
        update(project)
    assert str(refused.value) == (
        f"{project} has uncommitted changes (README.md, notes.txt): commit or stash them "
        "first (git stash), then run scaffold update again."
    )
    assert refused.value.exit_code == 3
    assert _head(project) == head


def _refused_merge(project: Path, templates: Path) -> ScaffoldError:
    """Leave an untracked file where the template adds one: git merge refuses to start."""
    (project / "added.txt").write_text("mine, untracked\n")
    _change_template(templates, _improve)
    head = _head(project)
    with pytest.raises(ScaffoldError) as refused:
        update(project)
    assert _head(project) == head
    assert (project / "added.txt").read_text() == "mine, untracked\n"
    return refused.value


def test_a_merge_git_refuses_changes_nothing_and_says_why(project: Path, templates: Path) -> None:
    tip = git(project, "rev-parse", TEMPLATE_REF)
    error = _refused_merge(project, templates)
    assert str(error) == (
        "git merge refused to run (error: The following untracked working tree files would "
        "be overwritten by merge:); nothing was changed."
    )
    assert git(project, "rev-parse", TEMPLATE_REF) == tip, "the template ref is put back"


def test_a_merge_git_refuses_leaves_no_template_ref_where_there_was_none(project: Path) -> None:
    """Without the ref only an option can change (the template must be as it was)."""
    git(project, "update-ref", "-d", TEMPLATE_REF)
    (project / "Dockerfile").write_text("mine, untracked\n")
    head = _head(project)
    with pytest.raises(ScaffoldError) as refused:
        update(project, options={"docker": "yes"})
    assert str(refused.value) == (
        "git merge refused to run (error: The following untracked working tree files would "
        "be overwritten by merge:); nothing was changed."
    )
    assert TEMPLATE_REF not in git(project, "for-each-ref")
    assert _head(project) == head
    assert (project / "Dockerfile").read_text() == "mine, untracked\n"


def test_a_template_ref_moved_meanwhile_is_not_overwritten(
    project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another update moving the ref between the render and the merge wins; this one stops."""
    _change_template(templates, _improve)
    (project / "mine.txt").write_text("mine\n")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "mine")
    elsewhere = _head(project)
    real = Repo.is_dirty

    def racing(repo: Repo) -> list[str]:
        git(project, "update-ref", TEMPLATE_REF, elsewhere)
        return real(repo)

    monkeypatch.setattr(Repo, "is_dirty", racing)
    with pytest.raises(GitError, match="git update-ref failed"):
        update(project)
    assert git(project, "rev-parse", TEMPLATE_REF).strip() == elsewhere
    assert _head(project) == elsewhere, "no merge"


def _without_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("EMAIL", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL", "GIT_AUTHOR_NAME"):
        monkeypatch.delenv(name, raising=False)


def test_without_a_git_identity_the_merge_is_authored_by_scaffold(
    project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _without_identity(monkeypatch, tmp_path)
    _change_template(templates, _improve)
    assert update(project).merged
    assert (
        git(project, "log", "-1", "--format=%an <%ae>").strip() == "scaffold <scaffold@localhost>"
    )


def test_the_merge_is_authored_by_the_users_git_identity(
    project: Path, templates: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _without_identity(monkeypatch, tmp_path)
    git(project, "config", "user.email", "grace@example.com")
    git(project, "config", "user.name", "Grace")
    _change_template(templates, _improve)
    assert update(project).merged
    assert git(project, "log", "-1", "--format=%an <%ae>").strip() == "Grace <grace@example.com>"


def _post_merge_hook(project: Path, script: str) -> None:
    hook = project / ".git" / "hooks" / "post-merge"
    hook.write_text(f"#!/bin/sh\n{script}\n")
    hook.chmod(0o755)


def test_the_merge_runs_in_its_own_session_out_of_reach_of_a_terminals_ctrl_c(
    project: Path, templates: Path, tmp_path: Path
) -> None:
    seen = tmp_path / "session"
    code = "import os; print(os.getsid(0))"
    _post_merge_hook(project, f"{sys.executable} -c '{code}' > {seen}")
    _change_template(templates, _improve)
    assert update(project).merged
    assert int(seen.read_text()) != os.getsid(0)


def test_an_interruption_during_the_merge_lets_it_finish_then_says_so(
    project: Path, templates: Path
) -> None:
    _post_merge_hook(project, f"kill -INT {os.getpid()}")
    _change_template(templates, _improve)
    with pytest.raises(Interrupted) as stopped:
        update(project)
    assert str(stopped.value) == (
        "Interrupted after the merge finished: see git status for where it stands."
    )
    assert len(git(project, "log", "-1", "--format=%P").split()) == 2, "the merge is made"
    assert (project / "added.txt").is_file()


def test_a_project_without_the_ref_merges_from_its_pristine_commit_and_says_which(
    project: Path,
) -> None:
    """Same files, other contents, is not the render: the matching commit is named."""
    git(project, "update-ref", "-d", TEMPLATE_REF)
    first = _head(project)
    (project / "README.md").write_text("mine\n")
    git(project, "commit", "-qam", "mine")
    result = update(project, options={"docker": "yes"})
    assert result.notes == (f"Found the project's pristine render in its history ({first[:10]}).",)
    assert result.merged and (project / "Dockerfile").is_file()
    assert (project / "README.md").read_text() == "mine\n"


def test_the_record_is_left_out_when_matching_the_history(project: Path) -> None:
    git(project, "update-ref", "-d", TEMPLATE_REF)
    _edit_record(project, lambda record: record.update(scaffold_version="0.0.1"))
    newest = _head(project)
    result = check(project)
    assert result.notes == (f"Found the project's pristine render in its history ({newest[:10]}).",)


def test_a_record_without_the_projects_names_is_incomplete(project: Path) -> None:
    _edit_record(project, lambda record: record.pop("project"))
    with pytest.raises(UsageError) as refused:
        check(project)
    assert str(refused.value) == (
        f"{project / '.scaffold.json'} is incomplete ('project'); restore it from git to update."
    )


@pytest.mark.parametrize(
    "names",
    [
        {"name": "demo", "slug": "other", "package": "other"},
        {"name": "demo", "slug": "demo", "package": "other"},
    ],
    ids=["slug", "package"],
)
def test_a_record_whose_names_disagree_is_refused(project: Path, names: dict[str, str]) -> None:
    _edit_record(project, lambda record: record.update(project=names))
    with pytest.raises(UsageError) as refused:
        check(project)
    assert str(refused.value) == (
        f"{project / '.scaffold.json'}: the project's names do not match."
    )


def test_a_project_with_a_dash_in_its_name_is_checked(
    runner: CliRunner, templates: Path, tmp_path: Path
) -> None:
    made = _invoke(runner, "new", "my-demo", "--framework", "mini", "--output-dir", str(tmp_path))
    assert made.exit_code == 0, made.output
    assert check(tmp_path / "my-demo").up_to_date


def test_an_option_the_template_dropped_is_noted_and_left_out(project: Path) -> None:
    _edit_record(project, lambda record: record["options"].update(legacy="x"))
    result = check(project)
    assert result.notes == ("Option legacy is no longer in the template; dropped.",)
    assert "legacy" not in result.options
    assert result.options["docker"] == "no"


def test_the_recorded_options_are_kept_by_an_update(
    runner: CliRunner, templates: Path, tmp_path: Path
) -> None:
    options = ("-o", "docker=yes", "-o", "database=postgresql")
    made = _invoke(
        runner, "new", "demo", "--framework", "mini", *options, "--output-dir", str(tmp_path)
    )
    assert made.exit_code == 0, made.output
    project = tmp_path / "demo"
    _change_template(templates, _improve)
    result = update(project)
    assert result.merged and result.notes == ()
    assert (result.options["docker"], result.options["database"]) == ("yes", "postgresql")
    assert (project / "Dockerfile").is_file() and (project / "added.txt").is_file()


def _generated(templates: Path, tmp_path: Path, provenance: Provenance | None = None) -> Path:
    """A mini project made through the API (its questionnaire's provenance given), with git."""
    from scaffold.template import find_template

    made = generate(
        find_template("mini"),
        validate_name("demo"),
        options={},
        output_dir=tmp_path / "api",
        provenance=provenance,
    )
    postgen.init_git(made.path)
    return made.path


def test_the_answers_and_recommendation_stay_in_the_record_after_an_update(
    templates: Path, tmp_path: Path
) -> None:
    why = {"framework": "mini", "score": 3}
    project = _generated(templates, tmp_path, Provenance({"team": "small"}, why))
    _change_template(templates, _improve)
    assert update(project).merged
    record = json.loads((project / ".scaffold.json").read_text())
    assert (record["answers"], record["recommendation"]) == ({"team": "small"}, why)
    assert record["options"]["docker"] == "no"


def test_a_recommendation_recorded_as_text_does_not_stop_a_check(project: Path) -> None:
    _edit_record(project, lambda record: record.update(recommendation="mini"))
    assert check(project).up_to_date


def test_an_update_renders_the_dates_of_the_projects_creation(
    templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (templates / "mini" / SLUG / "year.txt").write_text("{% now 'utc', '%Y' %}\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "978307200")  # 2001-01-01
    project = _generated(templates, tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    _change_template(templates, _improve)
    result = update(project)
    assert result.merged and "year.txt" not in result.changes.modified
    assert (project / "year.txt").read_text() == "2001\n"


@pytest.mark.parametrize(("docker", "has_dockerfile"), [("yes", True), ("no", False)])
def test_a_yes_no_variable_of_a_third_party_template_keeps_its_value(
    runner: CliRunner, tmp_path: Path, docker: str, has_dockerfile: bool
) -> None:
    source = tmp_path / "cookie"
    folder = source / "{{cookiecutter.project_slug}}"
    folder.mkdir(parents=True)
    config = {"project_name": "Demo", "project_slug": "demo", "use_docker": False}
    (source / "cookiecutter.json").write_text(json.dumps(config))
    (folder / "README.md").write_text("# {{ cookiecutter.project_name }}\n")
    (folder / "{% if cookiecutter.use_docker %}Dockerfile{% endif %}").write_text("FROM x\n")
    out = tmp_path / "out"
    made = _invoke(
        runner, "new", "demo", "--template", str(source), "--no-input",
        "-o", f"use_docker={docker}", "--output-dir", str(out),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert (out / "demo" / "Dockerfile").is_file() is has_dockerfile
    result = check(out / "demo")
    assert result.up_to_date, result.changes
    assert result.options["use_docker"] == docker, "as -o would give it"


def test_a_history_rewritten_past_the_template_ref_is_searched_instead(project: Path) -> None:
    """The ref's render shares no history with HEAD (squashed to a new root): no base there."""
    git(project, "checkout", "-q", "--orphan", "squashed")
    git(project, "commit", "-qm", "squashed")
    result = check(project)
    assert result.notes == (
        f"Found the project's pristine render in its history ({_head(project)[:10]}).",
    )


def test_without_the_ref_a_changed_template_cannot_be_rebuilt(
    project: Path, templates: Path
) -> None:
    git(project, "update-ref", "-d", TEMPLATE_REF)
    _change_template(templates, _improve)
    with pytest.raises(UsageError) as refused:
        update(project)
    assert str(refused.value) == (
        f"This project has no {TEMPLATE_REF} (it was generated before scaffold kept one, or "
        "without git) and its mini template may have changed since, so the render it was "
        "made from cannot be rebuilt. Upgrade by hand, or regenerate it beside this one and "
        "compare."
    )


def test_a_template_that_only_edits_a_file_is_an_update(project: Path, templates: Path) -> None:
    _change_template(templates, lambda folder: (folder / "notes.txt").write_text("new\n"))
    result = check(project)
    assert not result.up_to_date
    assert result.changes.modified == ("notes.txt",)


def test_a_dry_run_predicts_the_conflicts_and_changes_nothing(
    runner: CliRunner, project: Path, templates: Path
) -> None:
    mine = "one\nTWO (mine)\nthree\nfour\nfive\nsix\nseven\n"
    (project / "notes.txt").write_text(mine)
    git(project, "commit", "-qam", "mine")
    _change_template(templates, _improve)
    head = _head(project)
    result = _invoke(runner, "update", str(project), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["conflicts"], data["merged"], data["dry_run"]) == (["notes.txt"], False, True)
    assert _head(project) == head and (project / "notes.txt").read_text() == mine


def test_a_repository_without_a_commit_cannot_be_updated(
    runner: CliRunner, templates: Path, tmp_path: Path
) -> None:
    made = _invoke(
        runner, "new", "demo", "--framework", "mini", "--no-git", "--output-dir", str(tmp_path)
    )
    assert made.exit_code == 0, made.output
    project = tmp_path / "demo"
    git(project, "init", "-q")
    with pytest.raises(UsageError) as refused:
        update(project)
    assert str(refused.value) == f"{project} has no commit yet: commit the project first."


def test_an_update_leaves_no_scratch_folder_behind(
    project: Path, templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    _change_template(templates, _improve)
    assert update(project, dry_run=True).changes
    assert update(project).merged
    assert list(scratch.iterdir()) == []


def _conflicted_then_aborted(project: Path, templates: Path) -> str:
    """Update into a conflict, abort the merge; return the render the template ref holds."""
    (project / "notes.txt").write_text("one\nTWO (mine)\nthree\nfour\nfive\nsix\nseven\n")
    git(project, "commit", "-qam", "mine")
    _change_template(templates, _improve)
    assert update(project).conflicts == ("notes.txt",)
    git(project, "merge", "--abort")
    return git(project, "rev-parse", TEMPLATE_REF).strip()


def test_an_aborted_update_run_again_merges_the_same_render(project: Path, templates: Path) -> None:
    render = _conflicted_then_aborted(project, templates)
    assert update(project).conflicts == ("notes.txt",)
    assert git(project, "rev-parse", TEMPLATE_REF).strip() == render
    assert git(project, "rev-parse", "MERGE_HEAD").strip() == render


def test_the_template_ref_keeps_every_render_one_after_the_other(
    project: Path, templates: Path
) -> None:
    first = git(project, "rev-parse", TEMPLATE_REF).strip()
    render = _conflicted_then_aborted(project, templates)
    git(project, "checkout", "-q", "HEAD~1", "--", "notes.txt")
    git(project, "commit", "-qm", "mine undone")
    _change_template(templates, lambda folder: (folder / "later.txt").write_text("later\n"))
    assert update(project).merged
    renders = git(project, "rev-list", TEMPLATE_REF).split()
    assert renders[1:] == [render, first]


def test_renames_are_reported_whatever_the_users_diff_config(
    project: Path, templates: Path
) -> None:
    git(project, "config", "diff.renames", "false")
    _change_template(templates, _improve)
    changes = check(project).changes
    assert changes.renamed == (("moving.txt", "moved.txt"),)
    assert "moving.txt" not in changes.removed


def test_a_merge_a_hook_refuses_after_staging_it_is_undone(project: Path, templates: Path) -> None:
    """A pre-merge-commit hook stops git after the merge is staged: scaffold aborts it."""
    hook = project / ".git" / "hooks" / "pre-merge-commit"
    hook.write_text("#!/bin/sh\necho 'merges are reviewed first' >&2\nexit 1\n")
    hook.chmod(0o755)
    tip = git(project, "rev-parse", TEMPLATE_REF)
    _change_template(templates, _improve)
    head = _head(project)
    with pytest.raises(ScaffoldError, match=r"nothing was changed\.$"):
        update(project)
    assert _head(project) == head
    assert git(project, "status", "--porcelain") == ""
    assert not (project / ".git" / "MERGE_HEAD").exists()
    assert git(project, "rev-parse", TEMPLATE_REF) == tip


# --- File lists, change lists and merges git finishes badly -------------------------------


def _first_render_noted(project: Path) -> str:
    return f"Found the project's pristine render in its history ({_head(project)[:10]})."


def test_a_template_that_only_made_a_file_in_a_folder_executable_still_finds_the_render(
    project: Path, templates: Path
) -> None:
    """A file's mode is in neither the template's hash nor the history's match: contents are."""
    git(project, "update-ref", "-d", TEMPLATE_REF)
    found = _first_render_noted(project)
    _change_template(
        templates,
        lambda folder: (folder / "{{cookiecutter.package_name}}/__init__.py").chmod(0o755),
    )
    result = update(project)
    assert result.notes == (found,)
    assert result.changes == Changes(modified=("demo/__init__.py",))
    assert result.merged
    assert os.access(project / "demo" / "__init__.py", os.X_OK)


def test_the_files_of_a_commit_are_all_listed_whatever_folder_git_runs_in(
    project: Path,
) -> None:
    top = Repo.at(project)
    files = _files(top, "HEAD")
    assert {"README.md", "demo/__init__.py", "notes.txt"} <= set(files)
    assert ".scaffold.json" not in files
    assert _files(replace(top, root=project / "demo"), "HEAD") == files


def test_a_file_whose_name_holds_a_tab_is_a_file_of_its_own(project: Path) -> None:
    """A copy named ``copy<TAB>README.md`` is not README.md: that commit is not the render."""
    git(project, "update-ref", "-d", TEMPLATE_REF)
    found = _first_render_noted(project)
    shutil.copy(project / "README.md", project / "copy\tREADME.md")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "a copy")
    result = update(project, options={"docker": "yes"})
    assert result.notes == (found,)
    assert result.merged and (project / "Dockerfile").is_file()
    assert (project / "copy\tREADME.md").read_text() == (project / "README.md").read_text()


def test_a_file_named_like_the_records_exclusion_does_not_confuse_the_changes(
    project: Path, templates: Path
) -> None:
    """A tracked ``!.scaffold.json`` would make ``:!.scaffold.json`` a revision, without --."""
    (project / "!.scaffold.json").write_text("mine\n")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "an odd name")
    _change_template(templates, _improve)
    assert check(project).changes == Changes(
        added=("added.txt",),
        removed=("old.txt",),
        modified=("notes.txt",),
        renamed=(("moving.txt", "moved.txt"),),
    )


@pytest.mark.parametrize("renames", ["false", "true", "copies"])
def test_a_file_the_template_copies_is_added_whatever_the_users_diff_config(
    project: Path, templates: Path, renames: str
) -> None:
    git(project, "config", "diff.renames", renames)

    def copy(folder: Path) -> None:
        _improve(folder)
        shutil.copy(folder / "notes.txt", folder / "notes copy.txt")

    _change_template(templates, copy)
    assert check(project).changes == Changes(
        added=("added.txt", "notes copy.txt"),
        removed=("old.txt",),
        modified=("notes.txt",),
        renamed=(("moving.txt", "moved.txt"),),
    )


def test_a_file_the_user_deleted_and_the_template_changed_is_a_conflict(
    project: Path, templates: Path
) -> None:
    git(project, "rm", "-q", "notes.txt")
    git(project, "commit", "-qm", "no notes")
    _change_template(templates, _improve)
    result = update(project)
    assert (result.conflicts, result.merged) == (("notes.txt",), False)
    assert "DU notes.txt" in git(project, "status", "--porcelain").splitlines()
    assert "TWO (template)" in (project / "notes.txt").read_text(), "the template's version"
    assert git(project, "rev-parse", TEMPLATE_REF) == git(project, "rev-parse", "MERGE_HEAD")


def test_a_merge_git_cannot_undo_still_puts_the_template_ref_back_and_says_why(
    project: Path, templates: Path
) -> None:
    """The hook edits a file the merge staged: ``git merge --abort`` fails too."""
    hook = project / ".git" / "hooks" / "pre-merge-commit"
    hook.write_text(
        "#!/bin/sh\necho 'merges are reviewed first' >&2\necho edited >> added.txt\nexit 1\n"
    )
    hook.chmod(0o755)
    tip = git(project, "rev-parse", TEMPLATE_REF)
    _change_template(templates, _improve)
    with pytest.raises(ScaffoldError) as refused:
        update(project)
    assert type(refused.value) is ScaffoldError
    assert str(refused.value) == (
        "git merge refused to run (merges are reviewed first); git could not undo the staged "
        "merge either: the merge is still in progress; see git status, then git merge --abort."
    )
    assert git(project, "rev-parse", TEMPLATE_REF) == tip
    assert (project / ".git" / "MERGE_HEAD").exists(), "as the message says: still in progress"


def test_a_merge_git_refuses_without_a_word_says_so(
    project: Path, templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shutil.which("git")
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(
        f'#!/bin/sh\n[ "$1" = merge ] && [ "$2" = --no-ff ] && exit 1\nexec {real} "$@"\n'
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    tip = git(project, "rev-parse", TEMPLATE_REF)
    _change_template(templates, _improve)
    head = _head(project)
    with pytest.raises(ScaffoldError) as refused:
        update(project)
    assert str(refused.value) == "git merge refused to run (no output); nothing was changed."
    assert git(project, "rev-parse", TEMPLATE_REF) == tip
    assert _head(project) == head and git(project, "status", "--porcelain") == ""


def test_a_history_without_the_render_it_came_from_is_refused_saying_what_to_do(
    project: Path,
) -> None:
    git(project, "update-ref", "-d", TEMPLATE_REF)
    (project / "notes.txt").write_text("rewritten from the start\n")
    git(project, "commit", "-qa", "--amend", "-m", "no longer the render")
    head = _head(project)
    with pytest.raises(UsageError) as refused:
        update(project)
    assert str(refused.value) == (
        "No commit of this project's history holds the render it was generated from, so "
        "there is no base to merge from. Commit the project as scaffold generated it, or "
        "upgrade by hand."
    )
    assert _head(project) == head
