"""A template from elsewhere, called in-process: its values, errors, record, result and code."""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from test_foreign import CONFIG, HOOK, SLUG, _foreign, write_template

from scaffold import __version__
from scaffold.errors import GenerationError, TargetExistsError, UnknownOptionError, UsageError
from scaffold.generate.foreign import (
    Prepared,
    build_values,
    generate_foreign,
    load,
    prepare,
    record,
    render_pristine,
)
from scaffold.generate.pipeline import Result
from scaffold.gitrepo import TEMPLATE_REF
from scaffold.names import validate_name
from scaffold.sources import Source

#: 2001-02-03T04:05:06Z, as SOURCE_DATE_EPOCH: a moment no test run happens at.
EPOCH = "981173106"
MOMENT = datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)
SMALL = {"project_name": "Demo", "project_slug": "{{ cookiecutter.project_name|lower }}"}


def _values(tmp_path: Path, options: dict[str, str], **config: object) -> dict[str, object]:
    foreign = _foreign(write_template(tmp_path / "tpl", config={**CONFIG, **config}))
    return build_values(foreign, validate_name("My App"), options, trusted=False, ask=None)


def _refused(tmp_path: Path, option: str, given: str) -> UnknownOptionError:
    with pytest.raises(UnknownOptionError) as refused:
        _values(tmp_path, {option: given})
    return refused.value


def test_a_value_outside_the_choices_names_the_option_the_value_and_the_choices(
    tmp_path: Path,
) -> None:
    error = _refused(tmp_path, "license", "GPL")
    assert str(error) == 'Option license does not accept "GPL": choose MIT, BSD-3-Clause.'
    assert (error.option, error.value, error.choices) == ("license", "GPL", ("MIT", "BSD-3-Clause"))


def test_a_text_value_with_a_line_break_is_refused_naming_the_option(tmp_path: Path) -> None:
    error = _refused(tmp_path, "description", "one\ntwo")
    assert str(error) == (
        'Option description: "one\\ntwo" contains a line break or control character (\\n).'
    )
    assert (error.option, error.value) == ("description", "one\ntwo")


@pytest.mark.parametrize("given", ["{not json", '["a", "list"]', "3"])
def test_a_dictionary_variable_takes_only_a_json_object(tmp_path: Path, given: str) -> None:
    error = _refused(tmp_path, "settings", given)
    assert str(error) == "Option settings takes a JSON object."
    assert (error.option, error.value) == ("settings", given)


def test_a_yes_no_variable_takes_yes_or_no_words_only(tmp_path: Path) -> None:
    error = _refused(tmp_path, "use_docker", "maybe")
    assert str(error) == 'Option use_docker takes yes or no, not "maybe".'
    assert (error.option, error.value, error.choices) == ("use_docker", "maybe", ("yes", "no"))
    assert _values(tmp_path / "on", {"use_docker": " On "})["use_docker"] is True
    assert _values(tmp_path / "off", {"use_docker": "F"})["use_docker"] is False


def test_a_dictionary_given_as_json_is_kept_as_it_is(tmp_path: Path) -> None:
    given = '{"colour": "{{ 7*7 }}", "size": 9}'
    values = _values(tmp_path, {"settings": given})
    assert values["settings"] == {"colour": "{{ 7*7 }}", "size": 9}


def test_choices_and_dictionary_keys_are_rendered_with_the_values_before_them(
    tmp_path: Path,
) -> None:
    values = _values(
        tmp_path,
        {},
        flavour=["{{ cookiecutter.project_slug }}-lite", "full"],
        ports={"{{ cookiecutter.project_slug }}_web": "80{{ 4 * 2 }}"},
    )
    assert values["flavour"] == "my-app-lite"
    assert values["ports"] == {"my-app_web": "808"}


def test_a_private_dictionary_is_rendered_and_never_asked(tmp_path: Path) -> None:
    config = {**CONFIG, "__urls": {"home": "https://{{ cookiecutter.project_slug }}.example"}}
    foreign = _foreign(write_template(tmp_path / "tpl", config=config))
    asked: list[str] = []

    def ask(key: str, label: str, kind: str, default: object, choices: tuple[str, ...]) -> object:
        asked.append(key)
        return default

    values = build_values(foreign, validate_name("My App"), {}, trusted=False, ask=ask)
    assert values["__urls"] == {"home": "https://my-app.example"}
    assert asked == [
        "project_slug",
        "license",
        "use_docker",
        "year",
        "description",
        "settings",
    ]


def test_a_prompt_that_is_not_text_asks_with_the_variables_name(tmp_path: Path) -> None:
    prompts = {"license": {"__prompt__": "Which?", "MIT": "MIT License"}, "year": "Year?"}
    config = {**CONFIG, "__prompts__": prompts}
    foreign = _foreign(write_template(tmp_path / "tpl", config=config))
    labels: dict[str, object] = {}

    def ask(key: str, label: str, kind: str, default: object, choices: tuple[str, ...]) -> object:
        labels[key] = label
        return default

    build_values(foreign, validate_name("My App"), {}, trusted=False, ask=ask)
    assert (labels["license"], labels["year"], labels["description"]) == (
        "license",
        "Year?",
        "description",
    )


def _generate(template: Path, out: Path, name: str = "My App", **kwargs: Any) -> Result:
    """Generate from ``template`` into ``out`` through the API, with generate_foreign's defaults."""
    options = kwargs.pop("options", {})
    return generate_foreign(
        _foreign(template), validate_name(name), options=options, output_dir=out, **kwargs
    )


def test_a_template_with_code_is_refused_by_default_naming_all_its_code(tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl", config={**CONFIG, "_extensions": ["ext.Shout"]})
    (template / "hooks").mkdir()
    (template / "hooks" / "pre_gen_project.py").write_text("print('pre')\n")
    (template / "hooks" / "post_gen_project.py").write_text(HOOK)
    out = tmp_path / "out"

    with pytest.raises(UsageError) as refused:
        _generate(template, out)

    assert str(refused.value) == (
        "The template runs code: hooks/post_gen_project.py, hooks/pre_gen_project.py, "
        "extension ext.Shout. Pass --trust to run it (only for a template whose author you "
        "trust), or --no-hooks to generate without it (the result may then differ from what "
        "the author intended)."
    )
    assert not out.exists()


def test_an_existing_project_is_never_merged_into_by_default(tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl")
    (tmp_path / "out" / "my-app").mkdir(parents=True)
    (tmp_path / "out" / "my-app" / "mine.txt").write_text("mine\n")

    with pytest.raises(TargetExistsError):
        _generate(template, tmp_path / "out")

    assert [p.name for p in (tmp_path / "out" / "my-app").iterdir()] == ["mine.txt"]


def test_the_result_names_the_template_and_its_public_values_as_text(tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl")
    out = tmp_path / "out"

    result = _generate(template, out)

    assert result.path == out / "my-app"
    assert (result.framework, result.commands, result.dry_run) == ("tpl", {}, False)
    assert result.options == {
        "project_name": "My App",
        "project_slug": "my-app",
        "license": "MIT",
        "use_docker": "False",
        "settings": "{'colour': 'MIT-blue', 'size': '3'}",
        "year": "2026",
        "description": "A project.",
    }
    assert (out / "my-app" / "about.txt").read_text() == "A project.\n", "written, not a dry run"
    assert result.to_dict()["commands"] == {}


def test_the_record_is_exactly_the_scaffold_json_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = {**SMALL, "project_slug": "{{ cookiecutter.project_name|lower|replace(' ', '-') }}"}
    config |= {"description": "A project.", "_private": "kept out"}
    readme = "# {{ cookiecutter.project_name }}\n{{ cookiecutter.description }}\n"
    template = write_template(tmp_path / "tpl", config=config, files={f"{SLUG}/README.md": readme})
    out = tmp_path / "out"

    _generate(template, out, options={"description": "Café ☕"})

    expected = {
        "scaffold_version": __version__,
        "template": {
            "name": "tpl",
            "source": str(template),
            "checkout": None,
            "directory": None,
            "commit": None,
        },
        "created": "2001-02-03T04:05:06+00:00",
        "project": {"name": "My App", "folder": "my-app"},
        "options": {"project_name": "My App", "project_slug": "my-app", "description": "Café ☕"},
        "trusted": False,
        "hooks_ran": False,
        "template_ref": TEMPLATE_REF,
        "commands": {},
        "files": {"README.md": hashlib.sha256("# My App\nCafé ☕\n".encode()).hexdigest()},
    }
    text = (out / "my-app" / ".scaffold.json").read_text(encoding="utf-8")
    assert text == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    assert '\n  "scaffold_version": ' in text and '"description": "Café ☕"' in text


def test_the_record_writes_a_value_json_cannot_hold_as_its_text(tmp_path: Path) -> None:
    foreign = _foreign(write_template(tmp_path / "tpl"))
    values = {"project_name": "My App", "released": date(2026, 1, 2), "home": Path("/srv")}
    prepared = Prepared(values, {"cookiecutter": values}, "my-app", MOMENT, trust=False)

    data = record(
        foreign, validate_name("My App"), prepared, rendered=tmp_path, written=(), hooks_ran=False
    )

    options = json.loads(data)["options"]
    assert options == {"project_name": "My App", "released": "2026-01-02", "home": "/srv"}


@pytest.mark.parametrize(
    ("trust", "hooks"), [(False, True), (True, False)], ids=["hooks-skipped", "no-hooks"]
)
def test_hooks_ran_is_recorded_only_when_hooks_ran(
    tmp_path: Path, *, trust: bool, hooks: bool
) -> None:
    template = write_template(tmp_path / "tpl")
    if hooks:
        (template / "hooks").mkdir()
        (template / "hooks" / "post_gen_project.py").write_text(HOOK)
    out = tmp_path / "out"

    _generate(template, out, trust=trust, no_hooks=not trust)

    assert not (out / "my-app" / "made-by-hook.txt").exists()
    saved = json.loads((out / "my-app" / ".scaffold.json").read_text())
    assert (saved["trusted"], saved["hooks_ran"]) == (trust, False)


def test_a_template_sees_where_it_came_from_where_it_goes_and_its_raw_config(
    tmp_path: Path,
) -> None:
    seen = (
        "{{ cookiecutter._template }}|{{ cookiecutter._repo_dir }}|{{ cookiecutter._checkout }}|"
        "{{ cookiecutter._output_dir }}|{{ _cookiecutter.project_slug }}\n"
    )
    template = write_template(tmp_path / "tpl", config=SMALL, files={f"{SLUG}/seen.txt": seen})
    source = Source(given="gh:someone/tpl", path=template, checkout="v1")
    out = tmp_path / "out"

    generate_foreign(load(source, options={}), validate_name("Demo"), options={}, output_dir=out)

    assert (out / "demo" / "seen.txt").read_text() == (
        f"gh:someone/tpl|{template}|v1|{out}|{{{{ cookiecutter.project_name|lower }}}}\n"
    )


def test_dates_are_the_creation_moment_in_defaults_names_and_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = {**SMALL, "year": "{% now 'utc', '%Y' %}"}
    files = {
        f"{SLUG}/{{% now 'utc', '%m' %}}.txt": "{{ cookiecutter.year }}-{% now 'utc', '%d' %}\n"
    }
    template = write_template(tmp_path / "tpl", config=config, files=files)
    out = tmp_path / "out"

    result = _generate(template, out, "Demo")

    assert result.options["year"] == "2001"
    assert (out / "demo" / "02.txt").read_text() == "2001-03\n"
    saved = json.loads((out / "demo" / ".scaffold.json").read_text())
    assert saved["created"] == "2001-02-03T04:05:06+00:00"


def test_the_project_folder_is_the_folder_named_with_cookiecutter_not_any_braced_name(
    tmp_path: Path,
) -> None:
    files = {"README-{lang}.md": "About the template.\n", f"{SLUG}/app.txt": "app\n"}
    template = write_template(tmp_path / "tpl", config=SMALL, files=files)
    out = tmp_path / "out"

    result = _generate(template, out, "Demo")

    assert result.path == out / "demo"
    assert (out / "demo" / "app.txt").read_text() == "app\n"


def test_a_template_without_a_project_folder_says_what_it_lacks(tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl", config=SMALL, files={"docs/index.md": "x\n"})

    with pytest.raises(UsageError) as refused:
        prepare(
            _foreign(template),
            validate_name("Demo"),
            {},
            output_dir=tmp_path / "out",
            trust=False,
            moment=MOMENT,
        )

    assert str(refused.value) == (
        "The template has no project folder (a folder named {{cookiecutter.…}})."
    )


PRE_PROMPT = (
    "from pathlib import Path\n"
    "Path('{{cookiecutter.project_slug}}', 'copy.txt').write_text(str(Path.cwd()))\n"
)


def _pre_prompted(tmp_path: Path, *, post_gen: str | None = None) -> tuple[Path, Path]:
    """Generate, trusted, from a template whose pre_prompt hook names the copy it runs in."""
    template = write_template(tmp_path / "tpl", config=SMALL, files={f"{SLUG}/app.txt": "app\n"})
    (template / "hooks").mkdir()
    (template / "hooks" / "pre_prompt.py").write_text(PRE_PROMPT)
    if post_gen is not None:
        (template / "hooks" / "post_gen_project.py").write_text(post_gen)
    out = tmp_path / "out"
    _generate(template, out, "Demo", trust=True)
    return template, Path((out / "demo" / "copy.txt").read_text())


def test_a_pre_prompt_hook_runs_in_a_copy_of_the_template_removed_afterwards(
    tmp_path: Path,
) -> None:
    template, copy = _pre_prompted(tmp_path)

    assert copy.resolve() != template.resolve()
    assert not (template / SLUG / "copy.txt").exists(), "the template itself is untouched"
    assert not copy.exists(), "the copy is removed"


def test_a_hook_that_removed_the_templates_copy_does_not_fail_the_generation(
    tmp_path: Path,
) -> None:
    remove = "import shutil\nshutil.rmtree(open('copy.txt').read())\n"

    _, copy = _pre_prompted(tmp_path, post_gen=remove)

    assert not copy.exists()


REWRITE_CONFIG = (
    "import json\n"
    "config = json.load(open('cookiecutter.json'))\n"
    "config['colour'] = ['green', 'red']\n"
    "json.dump(config, open('cookiecutter.json', 'w'))\n"
)


def test_what_pre_prompt_writes_into_cookiecutter_json_is_what_is_asked_and_rendered(
    tmp_path: Path,
) -> None:
    config = {**SMALL, "colour": ["red"]}
    files = {f"{SLUG}/colour.txt": "{{ cookiecutter.colour }}\n"}
    template = write_template(tmp_path / "tpl", config=config, files=files)
    (template / "hooks").mkdir()
    (template / "hooks" / "pre_prompt.py").write_text(REWRITE_CONFIG)
    asked: list[tuple[str, ...]] = []

    def ask(key: str, label: str, kind: str, default: Any, choices: tuple[str, ...]) -> Any:
        asked.append(choices)
        return default

    result = _generate(template, tmp_path / "out", "Demo", trust=True, ask=ask)

    assert (result.path / "colour.txt").read_text() == "green\n"
    assert ("green", "red") in asked
    assert json.loads((template / "cookiecutter.json").read_text())["colour"] == ["red"]


def test_a_failing_pre_prompt_hook_leaves_no_copy_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = write_template(tmp_path / "tpl", config=SMALL, files={f"{SLUG}/a.txt": "a\n"})
    (template / "hooks").mkdir()
    (template / "hooks" / "pre_prompt.py").write_text("raise SystemExit(1)\n")
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out = tmp_path / "out"
    out.mkdir()

    with pytest.raises(GenerationError) as failed:
        _generate(template, out, "Demo", trust=True)

    assert str(failed.value).startswith("A hook of the tpl template failed: ")
    assert str(failed.value).endswith("Nothing was written.")
    assert list(temp.iterdir()) == [], "the template's copy is removed"
    assert list(out.iterdir()) == []


@pytest.fixture
def tag() -> Iterator[str]:
    """A fresh module-name suffix; the template modules imported under it are forgotten after."""
    tag = uuid.uuid4().hex[:12]
    yield tag
    for name in [name for name in sys.modules if name.endswith(tag)]:
        del sys.modules[name]


VIA = (
    "import importlib\n"
    "from jinja2.ext import Extension\n"
    "class Via(Extension):\n"
    "    def __init__(self, environment):\n"
    "        super().__init__(environment)\n"
    "        environment.filters['via'] = (\n"
    "            lambda value, module: importlib.import_module(module).apply(value)\n"
    "        )\n"
)


def test_a_trusted_template_imports_its_own_modules_while_each_stage_renders(
    tmp_path: Path, tag: str
) -> None:
    config = {
        **SMALL,
        "greeting": f"{{{{ cookiecutter.project_name|via('defaults_{tag}') }}}}",
        "_extensions": [f"via_{tag}.Via"],
    }
    name = f"{SLUG}/{{{{ cookiecutter.project_slug|via('names_{tag}') }}}}.txt"
    text = (
        f"{{{{ cookiecutter.greeting }}}} {{{{ cookiecutter.project_name|via('files_{tag}') }}}}\n"
    )
    template = write_template(tmp_path / "tpl", config=config, files={name: text})
    (template / f"via_{tag}.py").write_text(VIA)
    for stage, joined in (("defaults", ":"), ("names", "-"), ("files", ":")):
        helper = f"def apply(value):\n    return '{stage}{joined}' + value\n"
        (template / f"{stage}_{tag}.py").write_text(helper)
    out = tmp_path / "out"

    generate_foreign(
        _foreign(template), validate_name("Demo"), options={}, output_dir=out, trust=True
    )

    assert (out / "demo" / "names-demo.txt").read_text() == "defaults:Demo files:Demo\n"
    assert str(template) not in sys.path


SHADOW = "from pathlib import Path\nPath(__file__).with_name('SHADOW-RAN').touch()\n"
TOMORROW = "{% now 'utc' + 'days=1', '%Y-%m-%d' %}"


@pytest.mark.parametrize("stage", ["default", "name", "file"])
def test_an_untrusted_template_cannot_shadow_a_module_its_rendering_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    # arrow, which {% now %} needs for an offset, is imported on first use: from the
    # template's folder, were that folder importable.
    monkeypatch.delitem(sys.modules, "arrow", raising=False)
    config, files = dict(SMALL), {f"{SLUG}/when.txt": "when\n"}
    if stage == "default":
        config["when"] = TOMORROW
        files = {f"{SLUG}/when.txt": "{{ cookiecutter.when }}\n"}
    elif stage == "name":
        files = {f"{SLUG}/{TOMORROW}.txt": "when\n"}
    else:
        files = {f"{SLUG}/when.txt": TOMORROW + "\n"}
    template = write_template(tmp_path / "tpl", config=config, files=files)
    (template / "arrow.py").write_text(SHADOW)

    project = render_pristine(
        _foreign(template),
        validate_name("Demo"),
        {},
        tmp_path / "into",
        output_dir=tmp_path / "out",
        trust=False,
        moment=MOMENT,
    )

    assert not (template / "SHADOW-RAN").exists()
    if stage == "name":
        assert (project / "2001-02-04.txt").read_text() == "when\n"
    else:
        assert (project / "when.txt").read_text() == "2001-02-04\n"


def test_without_trust_a_local_extension_is_never_imported(tmp_path: Path, tag: str) -> None:
    config = {**SMALL, "_extensions": [f"loud_{tag}.Loud"]}
    template = write_template(tmp_path / "tpl", config=config, files={f"{SLUG}/a.txt": "a\n"})
    (template / f"loud_{tag}.py").write_text(SHADOW)
    out = tmp_path / "out"

    _generate(template, out, "Demo", no_hooks=True)

    assert (out / "demo" / "a.txt").read_text() == "a\n"
    assert not (template / "SHADOW-RAN").exists()
    assert f"loud_{tag}" not in sys.modules


def _load(root: Path, options: dict[str, str] | None = None) -> Any:
    return load(Source(given=str(root), path=root), options=options or {})


def test_a_cookiecutter_json_that_is_not_json_says_why(tmp_path: Path) -> None:
    (tmp_path / "cookiecutter.json").write_text("{oops")
    with pytest.raises(UsageError) as refused:
        _load(tmp_path)
    assert str(refused.value) == (
        "The template's cookiecutter.json cannot be read: "
        "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)."
    )


def test_a_cookiecutter_json_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cookiecutter.json").write_text('["a", "b"]')
    with pytest.raises(UsageError) as refused:
        _load(tmp_path)
    assert str(refused.value) == "The template's cookiecutter.json is not a JSON object."


def _nested(tmp_path: Path, templates: dict[str, Any]) -> Path:
    root = tmp_path / "tpl"
    write_template(root / "web", config={"project_name": "Web"})
    write_template(root / "cli", config={"project_name": "Cli"})
    (root / "cookiecutter.json").write_text(json.dumps({"templates": templates}))
    return root


def test_without_an_option_the_first_nested_template_is_chosen(tmp_path: Path) -> None:
    root = _nested(tmp_path, {"web": {"path": "./web"}, "cli": {"path": "./cli"}})
    foreign = _load(root)
    assert (foreign.path, foreign.config) == (root.resolve() / "web", {"project_name": "Web"})
    assert _load(root, {"template": "cli"}).path == root.resolve() / "cli"


def test_an_only_nested_template_is_chosen_without_an_option(tmp_path: Path) -> None:
    root = _nested(tmp_path, {"cli": {"path": "./cli"}})
    assert _load(root).path == root.resolve() / "cli"


def test_an_unknown_nested_template_names_the_choices(tmp_path: Path) -> None:
    root = _nested(tmp_path, {"web": {"path": "./web"}, "cli": {"path": "./cli"}})
    with pytest.raises(UnknownOptionError) as refused:
        _load(root, {"template": "api"})
    error = refused.value
    assert str(error) == 'Option template does not accept "api": choose web, cli.'
    assert (error.option, error.value, error.choices) == ("template", "api", ("web", "cli"))


@pytest.mark.parametrize("entry", [{}, {"path": ".."}, {"path": "."}])
def test_a_nested_template_not_inside_the_template_is_refused(
    tmp_path: Path, entry: dict[str, str]
) -> None:
    root = _nested(tmp_path, {"web": entry})
    with pytest.raises(UsageError) as refused:
        _load(root)
    assert str(refused.value) == "The nested template web points outside the template."


def test_templates_that_is_not_a_table_of_templates_is_no_variable(tmp_path: Path) -> None:
    config = {"project_name": "Demo", "templates": ["web", "cli"]}
    foreign = _load(write_template(tmp_path / "tpl", config=config))
    assert foreign.path == tmp_path / "tpl"
    values = build_values(foreign, validate_name("My App"), {}, trusted=False, ask=None)
    assert values == {"project_name": "My App"}


def test_only_hook_files_are_hooks_not_backups_helpers_or_folders(tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl")
    hooks = template / "hooks"
    (hooks / "post_gen_project").mkdir(parents=True)
    for name in ("pre_gen_project.py", "pre_gen_project.py~", "helper.py", "README.md"):
        (hooks / name).write_text("")
    assert _load(template).hooks == ("hooks/pre_gen_project.py",)


def test_a_template_without_project_name_takes_the_name_as_no_variable(tmp_path: Path) -> None:
    foreign = _load(write_template(tmp_path / "tpl", config={"slug": "x"}))
    values = build_values(foreign, validate_name("My App"), {}, trusted=False, ask=None)
    assert values == {"slug": "x"}
    assert build_values(foreign, None, {}, trusted=False, ask=None) == {"slug": "x"}


def test_an_unknown_variable_names_the_visible_variables_only(tmp_path: Path) -> None:
    with pytest.raises(UnknownOptionError) as refused:
        _values(tmp_path, {"_private": "x"})
    error = refused.value
    visible = ("description", "license", "project_name", "project_slug", "settings")
    visible += ("use_docker", "year")
    assert str(error) == (
        f'The template has no variable "_private". Its variables: {", ".join(visible)}.'
    )
    assert (error.option, error.choices) == ("_private", visible)


def test_a_template_without_variables_says_it_has_none(tmp_path: Path) -> None:
    foreign = _load(write_template(tmp_path / "tpl", config={"_hidden": "x"}))
    with pytest.raises(UnknownOptionError) as refused:
        build_values(foreign, None, {"colour": "red"}, trusted=False, ask=None)
    assert str(refused.value) == 'The template has no variable "colour". Its variables: none.'
    assert refused.value.choices == ()


def test_a_private_dictionary_is_kept_as_written(tmp_path: Path) -> None:
    raw = {"a": "{{ not rendered }}"}
    assert _values(tmp_path, {}, _raw=raw)["_raw"] == raw


def test_a_double_underscore_dictionary_is_seen_by_the_variables_after_it(tmp_path: Path) -> None:
    values = _values(tmp_path, {}, __meta={"a": "x"}, later="{{ cookiecutter.__meta.a }}")
    assert values["later"] == "x"


def test_a_double_underscore_dictionary_is_rendered_again_with_every_value(
    tmp_path: Path,
) -> None:
    meta = {"a": "{{ cookiecutter.get('later', 'early') }}"}
    values = _values(tmp_path, {}, __meta=meta, later="late")
    assert values["__meta"] == {"a": "late"}


def test_an_escape_in_a_default_is_refused_naming_the_default(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as refused:
        _values(tmp_path, {}, evil="{{ cycler.__init__.__globals__ }}")
    assert str(refused.value).startswith(
        "The template tried to leave Jinja's sandbox (a default in cookiecutter.json: "
    )


def test_a_default_that_does_not_render_says_why(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as refused:
        _values(tmp_path, {}, broken="{{ cookiecutter.nothing }}")
    assert str(refused.value) == (
        "The template's cookiecutter.json does not render: "
        "'dict object' has no attribute 'nothing'."
    )


def test_a_file_name_that_does_not_render_says_why_and_writes_nothing(tmp_path: Path) -> None:
    files = {f"{SLUG}/{{{{ cookiecutter.nothing }}}}.txt": "x"}
    template = write_template(tmp_path / "tpl", config=SMALL, files=files)
    out = tmp_path / "out"
    with pytest.raises(UsageError) as refused:
        _generate(template, out, "Demo")
    assert str(refused.value) == (
        "A file or folder name of the template does not render "
        "('dict object' has no attribute 'nothing'). Nothing was written."
    )
    assert not out.exists()


def test_with_no_hooks_even_the_pre_prompt_hook_does_not_run(tmp_path: Path) -> None:
    template = write_template(tmp_path / "tpl", config=SMALL, files={f"{SLUG}/app.txt": "app\n"})
    (template / "hooks").mkdir()
    (template / "hooks" / "pre_prompt.py").write_text(PRE_PROMPT)
    out = tmp_path / "out"
    _generate(template, out, "Demo", no_hooks=True)
    assert (out / "demo" / "app.txt").read_text() == "app\n"
    assert not (out / "demo" / "copy.txt").exists()
