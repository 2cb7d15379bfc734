"""What scaffold.ui prints and asks, line by line, from small hand-built values."""

from __future__ import annotations

import builtins
import io
import sys
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pytest
from rich.console import Console

from scaffold import ui
from scaffold.adaptive import Step
from scaffold.catalog import Framework, Point, Question
from scaffold.errors import ScaffoldError
from scaffold.generate import Plan, Result
from scaffold.recommend import CloseCall, Ranked, Recommendation
from scaffold.template import Option, Template
from scaffold.update import Changes, UpdateResult


def _console(width: int = 80) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None, highlight=False)


def _lines(console: Console) -> list[str]:
    """Return what ``console`` printed, one string per line, trailing spaces dropped."""
    file = console.file
    assert isinstance(file, io.StringIO)
    return [line.rstrip() for line in file.getvalue().splitlines()]


class Screens:
    """The two consoles of scaffold.ui, each writing to a string."""

    def __init__(self, width: int) -> None:
        self.out = _console(width)
        self.err = _console(width)

    @property
    def stdout_text(self) -> str:
        """Return what went to stdout as it is, trailing spaces included."""
        file = self.out.file
        assert isinstance(file, io.StringIO)
        return file.getvalue()

    @property
    def stdout(self) -> list[str]:
        return _lines(self.out)

    @property
    def stderr(self) -> list[str]:
        return _lines(self.err)


@pytest.fixture
def screens(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], Screens]:
    """Make ui.out() and ui.err() consoles of a chosen width that write to strings."""

    def make(width: int = 80) -> Screens:
        made = Screens(width)
        monkeypatch.setattr(ui, "out", lambda: made.out)
        monkeypatch.setattr(ui, "err", lambda: made.err)
        return made

    return make


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Give the answers a person types, one per prompt; a further prompt fails the test."""

    def give(*answers: str) -> None:
        left = list(answers)

        def fake_input(prompt: str = "") -> str:
            if not left:
                raise AssertionError("asked once more than expected")
            return left.pop(0)

        monkeypatch.setattr(builtins, "input", fake_input)

    return give


def _framework(name: str = "flask", *, kind: str = "micro", **fields: object) -> Framework:
    values: dict[str, object] = {
        "name": name,
        "title": name.title(),
        "kind": kind,
        "summary": f"{name.title()} in one line.",
        "description": "",
        "features": (),
        "pros": (),
        "cons": (),
        "when_to_use": (),
        "examples": (),
        "criteria": (),
    }
    values.update(fields)
    return Framework(**values)  # type: ignore[arg-type]


def _template(name: str, *options: Option) -> Template:
    return Template(name=name, path=Path(name), config=MappingProxyType({}), options=options)


def _ranked(framework: str, score: int, *, has_template: bool = True) -> Ranked:
    return Ranked(framework, framework.title(), score, (), (), has_template)


def _question(key: str) -> Question:
    return Question(key, f"{key.title()}?", f"About {key}.", "bool", ("yes", "no"), "no")


# --- small outputs -------------------------------------------------------------


def test_a_terminal_on_stdin_is_interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", type("Tty", (), {"isatty": lambda self: True})())
    assert ui.is_interactive() is True


def test_no_stdin_is_not_interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert ui.is_interactive() is False


def test_a_long_note_stays_on_one_line(screens: Callable[[int], Screens]) -> None:
    shown = screens(20)
    ui.note("a note that is much longer than twenty columns")
    assert shown.stderr == ["a note that is much longer than twenty columns"]


def test_json_is_indented_by_two_and_keeps_non_ascii(capsys: pytest.CaptureFixture[str]) -> None:
    ui.emit_json({"name": "café", "files": ["a"]})
    assert capsys.readouterr().out == '{\n  "name": "café",\n  "files": [\n    "a"\n  ]\n}\n'


# --- show_templates --------------------------------------------------------------


def test_no_templates_prints_only_the_heading_and_the_hint(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(200)
    ui.show_templates([])
    assert shown.stdout == [
        "Templates (the first choice of an option is its default)",
        "Free-text options (description, author_name, ...) and more: scaffold info NAME. Start: "
        "scaffold new NAME --framework NAME.",
    ]


def test_options_two_templates_share_are_said_once_in_the_first_ones_order(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(100)
    first = _template("aa", Option("db", "sqlite", ("sqlite", "pg")), Option("ci", "gh", ("gh",)))
    second = _template("bb", Option("ci", "gh", ("gh",)), Option("db", "sqlite", ("sqlite", "pg")))
    ui.show_templates([(first, _framework("aa")), (second, None)])
    assert shown.stdout[1:4] == [
        "aa  micro       Aa: Aa in one line.",
        "bb              bb",
        "Every template: db: sqlite, pg; ci: gh.",
    ]


def test_a_long_option_line_wraps_under_its_indent(screens: Callable[[int], Screens]) -> None:
    shown = screens(60)
    choices = tuple(f"choice{n}" for n in range(10))
    ui.show_templates([(_template("aa", Option("opt", "choice0", choices)), None)])
    assert shown.stdout[1:5] == [
        "aa              aa",
        "                opt: choice0, choice1, choice2, choice3,",
        "                  choice4, choice5, choice6, choice7,",
        "                  choice8, choice9",
    ]


def test_a_narrow_terminal_still_wraps_at_59_columns(screens: Callable[[int], Screens]) -> None:
    """A summary line of 60 columns is wrapped by scaffold, under its indent, not by rich."""
    shown = screens(50)
    summary = "x" * 20 + " " + "y" * 19
    ui.show_templates([(_template("aa"), _framework("aa", summary=summary))])
    assert shown.stdout[2:4] == ["aa  micro       Aa: " + "x" * 20, " " * 16 + "y" * 19]


# --- show_info -------------------------------------------------------------------


def test_info_without_a_template_says_so(screens: Callable[[int], Screens]) -> None:
    shown = screens(100)
    ui.show_info(_framework("flask", pros=(Point("Small", "little to learn"),)), None)
    assert shown.stdout == [
        "Flask (micro)",
        "Flask in one line.",
        "",
        "Pros",
        "  • Small: little to learn",
        "",
        "Template",
        "  No template yet: scaffold can describe it but not generate it.",
    ]


def test_info_lists_options_with_their_prompt_if_any(screens: Callable[[int], Screens]) -> None:
    shown = screens(100)
    template = _template(
        "flask", Option("db", "sqlite", ("sqlite", "pg"), "Which database"), Option("author", "me")
    )
    ui.show_info(_framework("flask"), template)
    assert shown.stdout_text.endswith('  -o db=sqlite | pg Which database\n  -o author="me"\n')


# --- ranking, close call, choice ------------------------------------------------


def test_a_top_without_template_points_to_the_best_one_on_one_line() -> None:
    console = _console(40)
    ranking = (_ranked("quart", 5, has_template=False), _ranked("flask", 3))
    ui.show_ranking(Recommendation({}, ranking), console=console)
    assert _lines(console)[-1] == (
        "Quart has no template yet; the best you can generate: Flask "
        "(scaffold new NAME --framework flask)."
    )


def test_a_passed_over_framework_is_explained_on_one_line() -> None:
    console = _console(60)
    ui.explain_choice(
        _ranked("flask", 3), passed_over=_ranked("quart", 5, has_template=False), console=console
    )
    assert _lines(console) == [
        "Quart ranks first (score +5) but has no template yet: generating Flask, "
        "the best that has one.",
        "Recommended: Flask (score +3)",
        "   no criterion of the article matched your answers",
    ]


# --- ask_questions -----------------------------------------------------------------


def _steps(*questions: Question) -> Callable[[dict[str, str]], Step]:
    """Ask ``questions`` in order, the first unanswered one next, with how many may follow."""

    def next_step(answers: dict[str, str]) -> Step:
        left = [q for q in questions if q.key not in answers]
        return Step(left[0] if left else None, len(left))

    return next_step


def _parse(question: Question, raw: str) -> str:
    if raw not in question.choices:
        raise ScaffoldError(f"{question.key} takes yes or no")
    return raw


def test_questions_are_numbered_and_say_how_many_may_follow(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(100)
    typed("maybe", "yes", "")
    questions = (_question("auth"), _question("rest"))
    answers = ui.ask_questions(_steps(*questions), {}, parse=_parse, total=4)
    assert answers == {"auth": "yes", "rest": "no"}
    assert shown.stderr == [] and shown.stdout == [
        "About your project (Enter keeps the default)",
        "",
        "Question 1, at most 1 more. About auth.",
        "Auth? (yes/no) (no): auth takes yes or no",
        "Auth? (yes/no) (no):",
        "Question 2, the last. About rest.",
        "Rest? (yes/no) (no):",
        "That settles it: no answer to the 2 other questions can change the recommendation.",
    ]


def test_one_question_left_unasked_is_said_in_the_singular(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(100)
    typed("yes")
    answers = ui.ask_questions(_steps(_question("auth")), {"size": "small"}, parse=_parse, total=3)
    assert answers == {"size": "small", "auth": "yes"}
    assert shown.stdout[-1] == (
        "That settles it: no answer to the 1 other question can change the recommendation."
    )


def test_questions_go_to_stderr_when_asked(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(100)
    typed("")
    ui.ask_questions(_steps(_question("auth")), {}, parse=_parse, total=1, to_stderr=True)
    assert shown.stdout == []
    assert shown.stderr[0] == "About your project (Enter keeps the default)"


def test_nothing_is_printed_when_no_question_is_left(screens: Callable[[int], Screens]) -> None:
    shown = screens(100)
    answers = ui.ask_questions(_steps(_question("auth")), {"auth": "no"}, parse=_parse, total=1)
    assert answers == {"auth": "no"}
    assert shown.stdout == [] and shown.stderr == []


# --- choose_framework ----------------------------------------------------------------


def _two_choices() -> Recommendation:
    ranking = (
        _ranked("quart", 9, has_template=False),
        _ranked("django", 5),
        _ranked("flask", 4),
    )
    return Recommendation({}, ranking, CloseCall("django", "flask", 1, ()))


def test_choosing_shows_the_ranking_and_takes_any_case(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(200)
    typed("quart", "Flask")
    assert ui.choose_framework(_two_choices()) == "flask"
    assert shown.stderr == [] and shown.stdout[-3:] == [
        "Generate which framework [django/flask] (django): Please select one of the "
        "available options",
        "",
        "Generate which framework [django/flask] (django):",
    ]
    assert "1. Quart  score +9  no template yet" in shown.stdout


def test_enter_picks_the_best_framework_with_a_template(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(200)
    typed("")
    assert ui.choose_framework(_two_choices(), to_stderr=True) == "django"
    assert shown.stdout == []
    assert "Close call: Django leads Flask by 1; no single answer puts Flask first." in (
        shown.stderr
    )


# --- show_tree ---------------------------------------------------------------------------


def test_the_dry_run_tree_marks_refreshed_and_kept_files(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(100)
    plan = Plan(Path("/p"), False, ("a/new.py",), ("a/b/old.py",), ("mine.txt",))
    ui.show_tree(Result(Path("/p"), "flask", {}, {}, plan, dry_run=True))
    assert shown.stdout == [
        "/p",
        "├── a/",
        "│   ├── b/",
        "│   │   └── old.py (refresh)",
        "│   └── new.py",
        "└── mine.txt (kept: yours)",
        "Dry run: 1 files would be added, 1 refreshed, 1 of yours kept; nothing was written.",
    ]


# --- ask_variable ----------------------------------------------------------------------------


def test_a_yes_no_variable_returns_a_bool_and_enter_keeps_the_default(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(100)
    typed("", "n")
    assert ui.ask_variable("docker", "Use docker", "yes/no", "yes", ()) is True
    assert ui.ask_variable("docker", "Use docker", "yes/no", "", ()) is False
    assert shown.stdout == ["Use docker [y/n] (y): Use docker [y/n] (n):"]


def test_a_choice_variable_is_picked_by_number(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(100)
    typed("0", "3", "")
    assert ui.ask_variable("db", "Database", "choice", "sqlite", ("sqlite", "pg", "mysql")) == (
        "mysql"
    )
    assert ui.ask_variable("db", "Database", "choice", "sqlite", ("sqlite", "pg")) == "sqlite"
    assert shown.stdout == [
        "  1 - sqlite",
        "  2 - pg",
        "  3 - mysql",
        "Database [1/2/3] (1): Please select one of the available options",
        "Database [1/2/3] (1):   1 - sqlite",
        "  2 - pg",
        "Database [1/2] (1):",
    ]


def test_a_dict_variable_is_asked_again_until_it_is_a_json_object(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(100)
    typed("{not json", "[1]", '{"b": 2}', "")
    assert ui.ask_variable("extra", "Extra", "dict", {"a": 1}, ()) == {"b": 2}
    assert ui.ask_variable("extra", "Extra", "dict", {"a": 1}, ()) == {"a": 1}
    again = 'Give a JSON object, e.g. {"key": "value"}.'
    prompt = 'Extra (JSON) ({"a": 1}): '
    assert shown.stdout == [prompt + again, prompt + again, (prompt + prompt).rstrip()]


def test_a_text_variable_shows_its_label_and_default(
    screens: Callable[[int], Screens], typed: Callable[..., None]
) -> None:
    shown = screens(100)
    typed("", "mine")
    assert ui.ask_variable("author", "Author", "string", "you", ()) == "you"
    assert ui.ask_variable("version", "Version", "string", 1, ()) == "mine"
    assert shown.stdout == ["Author (you): Version (1):"]


# --- show_update -------------------------------------------------------------------------------

CHANGES = Changes(
    added=("new.py",), removed=("old.py",), modified=("app.py",), renamed=(("a.py", "b.py"),)
)


def test_an_up_to_date_project_is_said_so_after_the_notes(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(100)
    ui.show_update(UpdateResult(Path("/p"), "flask", {}, Changes(), notes=("one note",)))
    assert shown.stderr == ["one note"]
    assert shown.stdout == ["✔ /p is up to date with the flask template."]


def test_a_dry_run_lists_each_change_and_the_conflicts_it_would_have(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(100)
    result = UpdateResult(Path("/p"), "flask", {}, CHANGES, ("app.py", "x.py"), dry_run=True)
    ui.show_update(result)
    assert shown.stdout == [
        "The template would change (against what /p was made from):",
        "  added    new.py",
        "  removed  old.py",
        "  changed  app.py",
        "  renamed  a.py -> b.py",
        "Would conflict with your changes: app.py, x.py",
        "Dry run: nothing was changed. Run scaffold update to merge.",
    ]


def test_a_clean_dry_run_says_only_that_nothing_changed(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(100)
    ui.show_update(UpdateResult(Path("/p"), "flask", {}, Changes(added=("n",)), dry_run=True))
    assert shown.stdout[-1] == "Dry run: nothing was changed. Run scaffold update to merge."
    assert len(shown.stdout) == 3


def test_a_merge_with_conflicts_says_how_to_resolve_them(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(100)
    ui.show_update(UpdateResult(Path("/p"), "flask", {}, CHANGES, ("app.py", "x.py"), True))
    assert shown.stdout == [
        "The template changed (against what /p was made from):",
        "  added    new.py",
        "  removed  old.py",
        "  changed  app.py",
        "  renamed  a.py -> b.py",
        "Merged with conflicts in: app.py, x.py",
        "Resolve them (git status lists them), then git commit; or git merge --abort.",
    ]


def test_a_clean_merge_says_it_made_one_commit(screens: Callable[[int], Screens]) -> None:
    shown = screens(100)
    ui.show_update(UpdateResult(Path("/p"), "flask", {}, Changes(removed=("gone.py",)), (), True))
    assert shown.stdout == [
        "The template changed (against what /p was made from):",
        "  removed  gone.py",
        "✔ Merged: one merge commit on your branch (see git log).",
    ]


def test_a_long_changed_path_is_not_wrapped(screens: Callable[[int], Screens]) -> None:
    shown = screens(30)
    path = "/".join(["folder"] * 8) + "/file.py"
    ui.show_update(UpdateResult(Path("/p"), "f", {}, Changes(modified=(path,)), dry_run=True))
    assert f"  changed  {path}" in shown.stdout


# --- show_created --------------------------------------------------------------------------------

COMMANDS = {
    "install": "pip install -e .",
    "dev": "flask run",
    "test": "pytest",
    "serve": "gunicorn",
}


def test_a_fresh_project_counts_its_files_and_lists_the_next_steps(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(100)
    plan = Plan(Path("/my app"), True, ("app.py", "README.md"))
    result = Result(Path("/my app"), "flask", {}, COMMANDS, plan, serve_note="needs a .env")
    ui.show_created(result, git="Made the first commit.", installed=False)
    assert shown.stdout == [
        "✔ Created /my app (flask, 3 files)",
        "Made the first commit.",
        "",
        "Next steps",
        "  cd '/my app'",
        "  python -m venv .venv && . .venv/bin/activate",
        "  pip install -e .",
        "  flask run   # development server",
        "  pytest   # tests",
        "  gunicorn   # production server",
        "  # the production server needs a .env",
    ]


def test_an_installed_project_only_needs_activating(screens: Callable[[int], Screens]) -> None:
    shown = screens(100)
    result = Result(Path("/p"), "flask", {}, COMMANDS, Plan(Path("/p"), True, ("a",)))
    ui.show_created(result, git=None, installed=True)
    assert shown.stdout[-5:] == [
        "  cd /p",
        "  . .venv/bin/activate",
        "  flask run   # development server",
        "  pytest   # tests",
        "  gunicorn   # production server",
    ]


def test_a_merge_says_what_it_added_refreshed_and_kept(
    screens: Callable[[int], Screens],
) -> None:
    shown = screens(100)
    plan = Plan(Path("/p"), False, ("new.py",), ("old.py",), ("mine.txt", "[b]x"))
    ui.show_created(Result(Path("/p"), "flask", {}, {}, plan), git=None, installed=False)
    assert shown.stdout == [
        "✔ Merged the flask starter into /p: 1 files added, 1 refreshed, 2 of yours kept",
        "Kept as they were: mine.txt, [b]x",
        "",
        "Next steps",
        "  cd /p",
    ]


def test_a_long_next_step_is_never_wrapped(screens: Callable[[int], Screens]) -> None:
    shown = screens(30)
    folder = Path("/" + "/".join(["folder"] * 6))
    result = Result(folder, "flask", {}, {}, Plan(folder, True, ("a",)))
    ui.show_created(result, git=None, installed=False)
    assert shown.stdout[-1] == f"  cd {folder}"
