"""The command line: parses flags, calls the library, renders; one error boundary."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from scaffold import __version__, quick, ui
from scaffold.errors import NoTerminalError, UnknownOptionError, UsageError
from scaffold.signals import terminate_as_interrupt

if TYPE_CHECKING:
    from scaffold.catalog import Catalog
    from scaffold.generate import Result
    from scaffold.recommend import Recommendation

app = typer.Typer(
    name="scaffold",
    help="Recommend a Python web framework from what your project needs, and start it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: Typer's rich help imports rich and doubles the time --help takes.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def handled(command: F) -> F:
    """Turn every error into one line on stderr and the documented exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        terminate_as_interrupt()
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except BaseException as error:
            code = quick.report(error)
            if code is None:
                raise
            raise typer.Exit(code) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        ui.out().print(f"scaffold {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Recommend a Python web framework from what your project needs, and start it."""


def _pairs(values: Sequence[str], flag: str) -> dict[str, str]:
    pairs = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UnknownOptionError(f'{flag} takes KEY=VALUE, got "{item}".')
        pairs[key.strip()] = value
    return pairs


def _catalog() -> Catalog:
    from scaffold.catalog import load_catalog

    return load_catalog()


JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]
AnswerFlag = Annotated[
    list[str] | None,
    typer.Option("--answer", "-a", metavar="KEY=VALUE", help="Answer a question (repeatable)."),
]
AnswersFile = Annotated[
    Path | None,
    typer.Option("--answers", metavar="FILE", help="Answers from a TOML or JSON file."),
]
NoInput = Annotated[
    bool, typer.Option("--no-input", help="Ask nothing; unanswered questions take defaults.")
]
AllQuestions = Annotated[
    bool,
    typer.Option(
        "--all-questions",
        help="Ask every question, not only those that can still change the recommendation.",
    ),
]


@app.command("list")
@handled
def list_templates(as_json: JsonFlag = False) -> None:
    """List the frameworks that have a template, with their options."""
    quick.list_templates(as_json=as_json)


@app.command()
@handled
def info(
    framework: Annotated[str, typer.Argument(help="A framework, e.g. django.")],
    as_json: JsonFlag = False,
) -> None:
    """Show the article's profile of a framework and its template's options."""
    quick.info(framework, as_json=as_json)


def _given_answers(
    catalog: Catalog, pairs: Sequence[str], answers_file: Path | None
) -> dict[str, str]:
    """Read the answers given: those of `answers_file`, then the -a pairs, which win."""
    from scaffold import questionnaire

    return questionnaire.merge(
        questionnaire.load_answers_file(answers_file, catalog) if answers_file else {},
        questionnaire.parse_pairs(pairs, catalog),
    )


def _gather_answers(
    catalog: Catalog,
    pairs: Sequence[str],
    answers_file: Path | None,
    *,
    ask: bool,
    to_stderr: bool,
    races: Sequence[Collection[str]],
    all_questions: bool,
) -> dict[str, str]:
    """Read the given answers; on a terminal, ask what can still change the top of `races`.

    With `all_questions`, every question not answered yet is asked, in order.
    """
    given = _given_answers(catalog, pairs, answers_file)
    if not ask:
        return given
    from scaffold import adaptive, questionnaire

    def next_step(answers: dict[str, str]) -> adaptive.Step:
        if all_questions:
            return adaptive.in_order(answers, catalog)
        return adaptive.next_step(answers, catalog, races=races)

    return ui.ask_questions(
        next_step,
        given,
        parse=questionnaire.normalize,
        total=len(catalog.questions),
        to_stderr=to_stderr,
    )


def _templates(catalog: Catalog) -> list[str]:
    """The frameworks of the catalog that have a template, found at run time."""
    from scaffold.template import discover

    found = {template.name for template in discover()}
    return [framework.name for framework in catalog.frameworks if framework.name in found]


def _recommend(catalog: Catalog, answers: dict[str, str]) -> Recommendation:
    from scaffold.recommend import recommend

    return recommend(answers, catalog, templates=_templates(catalog))


@app.command("recommend")
@handled
def recommend_command(
    answer: AnswerFlag = None,
    answers: AnswersFile = None,
    no_input: NoInput = False,
    all_questions: AllQuestions = False,
    as_json: JsonFlag = False,
) -> None:
    """Ask what the project needs and rank the frameworks, with the article's reasons."""
    catalog = _catalog()
    ask = not no_input and ui.is_interactive()
    # Settle both the top framework and the best one that can be generated today.
    races = [[framework.name for framework in catalog.frameworks], _templates(catalog)]
    given = _gather_answers(
        catalog,
        answer or [],
        answers,
        ask=ask,
        to_stderr=as_json,
        races=races,
        all_questions=all_questions,
    )
    recommendation = _recommend(catalog, given)
    if as_json:
        ui.emit_json(recommendation.to_dict())
    else:
        ui.show_ranking(recommendation)


Framework = Annotated[
    str | None,
    typer.Option(
        "--framework", "-f", metavar="FRAMEWORK", help="Generate this framework's starter."
    ),
]
Auto = Annotated[
    bool, typer.Option("--auto", help="Generate the top recommendation without asking.")
]
Options = Annotated[
    list[str] | None,
    typer.Option("--option", "-o", metavar="KEY=VALUE", help="Set a template option."),
]
OutputDir = Annotated[
    Path, typer.Option("--output-dir", metavar="DIR", help="Folder to create the project in.")
]
Force = Annotated[
    bool,
    typer.Option(
        "--force", help="Generate into a non-empty folder: add missing files, keep yours."
    ),
]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Show the files that would be written.")]
Git = Annotated[bool, typer.Option("--git/--no-git", help="Create a git repository.")]
Install = Annotated[
    bool, typer.Option("--install", help="Create .venv and install the project into it.")
]
TemplateSource = Annotated[
    str | None,
    typer.Option(
        "--template",
        metavar="SOURCE",
        help="Any cookiecutter template: a folder, git URL, zip, gh:/gl:/bb: name.",
    ),
]
Checkout = Annotated[
    str | None,
    typer.Option("--checkout", metavar="REF", help="Branch, tag or commit of --template."),
]
Directory = Annotated[
    str | None,
    typer.Option("--directory", metavar="DIR", help="Folder of --template holding the template."),
]
Trust = Annotated[
    bool, typer.Option("--trust", help="Run --template's hooks and extensions (its code).")
]
NoHooks = Annotated[
    bool, typer.Option("--no-hooks", help="Render --template without running its code.")
]


@app.command()
@handled
def new(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Project name, e.g. my-app.")],
    framework: Framework = None,
    auto: Auto = False,
    answer: AnswerFlag = None,
    answers: AnswersFile = None,
    option: Options = None,
    output_dir: OutputDir = Path("."),
    force: Force = False,
    dry_run: DryRun = False,
    no_input: NoInput = False,
    all_questions: AllQuestions = False,
    git: Git = True,
    install: Install = False,
    as_json: JsonFlag = False,
    template_source: TemplateSource = None,
    checkout: Checkout = None,
    directory: Directory = None,
    trust: Trust = False,
    no_hooks: NoHooks = False,
) -> None:
    """Generate a starter project, for a framework you name or the one recommended."""
    from scaffold import api
    from scaffold.names import validate_name

    validate_name(name)
    answered, code_flag, source_flag = answer or answers, trust or no_hooks, checkout or directory
    _check_new_flags(framework, auto, template_source, answered, code_flag, source_flag)
    options = _pairs(option or [], "-o")
    interactive = not no_input and ui.is_interactive()
    common = {"options": options, "output_dir": output_dir, "force": force, "dry_run": dry_run}
    if template_source is not None:
        ask = ui.ask_variable if interactive else None
        result = api.new_from_template(
            name,
            source=template_source,
            checkout=checkout,
            directory=directory,
            trust=trust,
            no_hooks=no_hooks,
            ask=ask,
            **common,
        )
        why = None
    else:
        framework, given, why = _choose(
            framework,
            answer or [],
            answers,
            interactive=interactive,
            auto=auto,
            json=as_json,
            all_questions=all_questions,
        )
        result = api.new(name, framework=framework, answers=given, recommendation=why, **common)
    _show_new(result, why, git=git, install=install, dry_run=dry_run, as_json=as_json)


def _check_new_flags(
    framework: str | None,
    auto: bool,
    template_source: str | None,
    answered: object,
    code_flag: bool,
    source_flag: object,
) -> None:
    """Refuse flags of `new` that exclude each other, before anything is asked or fetched."""
    if framework and auto:
        raise UsageError("Give either --framework or --auto, not both.")
    if template_source is not None and (framework or auto or answered):
        raise UsageError("--template takes no --framework, --auto or answers: choose one.")
    if template_source is None and (code_flag or source_flag):
        raise UsageError(
            "--checkout, --directory, --trust and --no-hooks go with --template "
            "(built-in templates run no code)."
        )


def _show_new(
    result: Result,
    recommendation: Mapping[str, Any] | None,
    *,
    git: bool,
    install: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Run git and the install after a generation, then say what was done."""
    git_note = None
    installed = install and not dry_run and bool(result.commands)
    if not dry_run:
        git_note = _after(result, git=git, install=installed)
        if install and not installed:
            ui.note("The template says nothing of how to install its project: nothing installed.")
    if as_json:
        why = dict(recommendation) if recommendation else None
        ui.emit_json(
            {**result.to_dict(), "recommendation": why, "git": git_note, "installed": installed}
        )
    elif dry_run:
        ui.show_tree(result)
    else:
        ui.show_created(result, git=git_note, installed=installed)


def _choose(
    framework: str | None,
    pairs: Sequence[str],
    answers_file: Path | None,
    *,
    interactive: bool,
    auto: bool,
    json: bool,
    all_questions: bool,
) -> tuple[str, dict[str, str], dict[str, Any] | None]:
    """Return the framework to generate, the answers given, and why it was chosen.

    With --framework, the answers given are only recorded. Otherwise the questionnaire
    is run (on a terminal) and the best framework with a template taken (--auto) or
    the person's choice.
    """
    if framework and not (pairs or answers_file):
        return framework, {}, None  # nothing to read: the catalog is not even loaded
    catalog = _catalog()
    if framework:
        return framework, _given_answers(catalog, pairs, answers_file), None
    if not auto and not interactive:
        raise NoTerminalError(
            "Choose a framework: pass --framework NAME, or --auto to take the "
            "recommendation (there is no terminal to ask on)."
        )
    templates = _templates(catalog)
    if not templates:
        raise UsageError("No framework of the article has a template yet (see scaffold list).")
    # Only what can change the framework generated is asked: the race among the templates.
    given = _gather_answers(
        catalog,
        pairs,
        answers_file,
        ask=interactive,
        to_stderr=json,
        races=[templates],
        all_questions=all_questions,
    )
    if auto and not interactive and not (pairs or answers_file):
        ui.note(
            "No question was asked (no terminal): every answer takes its default. "
            "Answer with -a KEY=VALUE or --answers FILE (see scaffold recommend)."
        )
    recommendation = _recommend(catalog, given)
    if auto:
        chosen = recommendation.best_with_template or recommendation.top
        passed_over = None if chosen is recommendation.top else recommendation.top
        if json:
            if passed_over:
                ui.note(f"{passed_over.title} ranks first but has no template yet.")
        else:
            ui.explain_choice(chosen, passed_over=passed_over)
    else:
        picked = ui.choose_framework(recommendation, to_stderr=json)
        chosen = next(r for r in recommendation.ranking if r.framework == picked.lower())
    return chosen.framework, dict(recommendation.answers), chosen.to_dict()


def _after(result: Result, *, git: bool, install: bool) -> str | None:
    from scaffold import api

    note = api.init_git(result.path) if git else None
    if install:
        with ui.status("Creating .venv and installing the project with its dev extra…") as shown:
            api.install(result, progress=shown)
    return note


def main() -> None:
    """Run the command line (``python -m scaffold``)."""
    app()


ProjectPath = Annotated[
    Path, typer.Argument(help="The generated project (its top folder).", show_default=False)
]


@app.command()
@handled
def update(
    path: ProjectPath = Path("."),
    option: Annotated[
        list[str] | None,
        typer.Option("--option", "-o", metavar="KEY=VALUE", help="Change a template option."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; change nothing.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Merge the template's improvements, or changed options, into a generated project."""
    from scaffold import api

    result = api.update(path, options=_pairs(option or [], "-o"), dry_run=dry_run)
    if as_json:
        ui.emit_json(result.to_dict())
    else:
        ui.show_update(result)
    if result.conflicts and not dry_run:
        raise typer.Exit(1)


@app.command()
@handled
def check(path: ProjectPath = Path("."), as_json: JsonFlag = False) -> None:
    """Exit 0 when the project is at its template's current version, 1 when an update waits."""
    from scaffold import api

    result = api.check(path)
    if as_json:
        ui.emit_json(result.to_dict())
    else:
        ui.show_update(result)
    if not result.up_to_date:
        raise typer.Exit(1)
