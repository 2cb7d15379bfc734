"""The only module that prints or prompts: rich output on a terminal, plain JSON for tools."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from scaffold.adaptive import Step
    from scaffold.catalog import Framework, Question
    from scaffold.generate import Result
    from scaffold.recommend import CloseCall, Ranked, Recommendation
    from scaffold.template import Option, Template
    from scaffold.update import UpdateResult


@cache
def out() -> Console:
    """Return the console for results (stdout)."""
    from rich.console import Console

    return Console(highlight=False)


@cache
def err() -> Console:
    """Return the console for errors, progress and prompts in JSON mode (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def is_interactive() -> bool:
    """Tell whether a person can answer prompts: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def error(message: str) -> None:
    """Print one red line on stderr."""
    err().print(f"[bold red]Error:[/] {_escape(message)}", soft_wrap=True)


def note(message: str) -> None:
    """Print a dim informational line on stderr."""
    err().print(f"[dim]{_escape(message)}[/]", soft_wrap=True)


def emit_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout, and nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _choices(option: Option) -> str:
    """Return ``name: default, other, ...`` for a choice option."""
    return f"{option.name}: {', '.join(option.choices)}"


def _wrapped(text: str, width: int, *, first: str = "", rest: str = "") -> str:
    """Return ``text`` wrapped to ``width`` columns, markup escaped, after the prefixes."""
    import textwrap

    return _escape(textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=rest))


def show_templates(rows: Sequence[tuple[Template, Framework | None]]) -> None:
    """Print each template with its kind, title and summary, then the options only it has.

    The options that every template has, with the same choices, are said once at the end.
    """
    options = [[_choices(o) for o in template.options if o.choices] for template, _ in rows]
    common = set.intersection(*map(set, options)) if len(options) > 1 else set()
    name_width = max((len(template.name) for template, _ in rows), default=0) + 2
    kind_width = len("full-stack") + 2
    indent = " " * (name_width + kind_width)
    console = out()
    width = max(console.width, 60) - 1
    console.print("[bold]Templates[/] (the first choice of an option is its default)")
    for (template, framework), own in zip(rows, options, strict=True):
        kind = framework.kind if framework else ""
        summary = f"{framework.title}: {framework.summary}" if framework else template.name
        head = f"{template.name:<{name_width}}{kind:<{kind_width}}"
        console.print(_wrapped(summary, width, first=head, rest=indent))
        for line in own:
            if line not in common:
                console.print(_wrapped(line, width, first=indent, rest=indent + "  "))
    if common:
        shared = [line for line in options[0] if line in common]
        console.print(_wrapped(f"Every template: {'; '.join(shared)}.", width))
    console.print(
        "[dim]Free-text options (description, author_name, ...) and more: scaffold info NAME. "
        "Start: scaffold new NAME --framework NAME.[/]"
    )


def show_info(framework: Framework, template: Template | None) -> None:
    """Print the article's whole profile of a framework and its template's options."""
    console = out()
    console.print(f"[bold]{_escape(framework.title)}[/] ({framework.kind})")
    console.print(_escape(framework.summary))
    if framework.description:
        console.print()
        console.print(_escape(framework.description))
    sections: list[tuple[str, Sequence[str]]] = [
        ("Pros", [f"{p.title}: {p.text}" for p in framework.pros]),
        ("Cons", [f"{c.title}: {c.text}" for c in framework.cons]),
        ("When to use", framework.when_to_use),
        ("Examples of applications", framework.examples),
        ("Features", framework.features),
    ]
    for heading, items in sections:
        if items:
            console.print(f"\n[bold]{heading}[/]")
            for item in items:
                console.print(f"  • {_escape(item)}")
    console.print("\n[bold]Template[/]")
    if template is None:
        console.print("  No template yet: scaffold can describe it but not generate it.")
        return
    for option in template.options:
        values = " | ".join(option.choices) if option.choices else f'"{option.default}"'
        label = f" [dim]{_escape(option.prompt)}[/]" if option.prompt else ""
        console.print(f"  -o {option.name}={_escape(values)}{label}")


def show_ranking(recommendation: Recommendation, *, console: Console | None = None) -> None:
    """Print every framework with its score, the article's reasons and its concerns.

    A framework without a template is marked; a close call names the answers that flip it.
    """
    console = console or out()
    for place, ranked in enumerate(recommendation.ranking, start=1):
        mark = "" if ranked.has_template else "  [yellow]no template yet[/]"
        console.print(f"\n[bold]{place}. {_escape(ranked.title)}[/]  score {ranked.score:+d}{mark}")
        _print_reasons(console, ranked)
    if recommendation.close_call:
        text = _close_call(recommendation.close_call, recommendation)
        console.print(f"\n[bold]Close call:[/] {_escape(text)}", soft_wrap=True)
    best = recommendation.best_with_template
    if best and not recommendation.top.has_template:
        console.print(
            f"\n[dim]{_escape(recommendation.top.title)} has no template yet; the best you can "
            f"generate: {_escape(best.title)} (scaffold new NAME --framework {best.framework}).[/]",
            soft_wrap=True,
        )


def _close_call(close: CloseCall, recommendation: Recommendation) -> str:
    """Say how close the top two are and which single answers would swap them."""
    titles = {ranked.framework: ranked.title for ranked in recommendation.ranking}
    first, second = titles[close.first], titles[close.second]
    lead = (
        f"{first} leads {second} by {close.margin}"
        if close.margin
        else f"{first} and {second} have the same score"
    )
    if not close.flips:
        return f"{lead}; no single answer puts {second} first."
    flips = " or ".join(f"{key}={value}" for key, value in close.flips)
    return f"{lead}: answer {flips} and {second} comes first."


def explain_choice(
    ranked: Ranked, *, passed_over: Ranked | None = None, console: Console | None = None
) -> None:
    """Say which framework was chosen and why, in the article's words.

    `passed_over` is a better ranked framework that has no template yet.
    """
    console = console or out()
    if passed_over:
        console.print(
            f"{_escape(passed_over.title)} ranks first (score {passed_over.score:+d}) but has "
            f"no template yet: generating {_escape(ranked.title)}, the best that has one.",
            soft_wrap=True,
        )
    console.print(f"[bold]Recommended: {_escape(ranked.title)}[/] (score {ranked.score:+d})")
    _print_reasons(console, ranked)


def _print_reasons(console: Console, ranked: Ranked) -> None:
    marks = [("[green]+[/]", r) for r in ranked.reasons]
    marks += [("[red]-[/]", c) for c in ranked.concerns]
    for mark, reason in marks:
        console.print(f"   {mark} {_escape(reason.text)}: [italic]“{_escape(reason.quote)}”[/]")
    if not marks:
        console.print("   [dim]no criterion of the article matched your answers[/]")


def ask_questions(
    next_step: Callable[[dict[str, str]], Step],
    preset: dict[str, str],
    *,
    parse: Callable[[Question, str], str],
    total: int,
    to_stderr: bool = False,
) -> dict[str, str]:
    """Ask the questions ``next_step`` picks until it has none; Enter keeps the default.

    ``next_step`` gets the answers so far (``preset`` included, never asked again) and
    says which question comes next and how many may follow. ``parse`` normalises an
    answer or raises a ScaffoldError, whose message is shown before the question is asked
    again. ``total`` is the number of questions of the questionnaire.
    """
    from rich.prompt import Prompt

    from scaffold.errors import ScaffoldError

    console = err() if to_stderr else out()
    answers = dict(preset)
    step = next_step(answers)
    if step.question is None:
        return answers
    console.print("[bold]About your project[/] [dim](Enter keeps the default)[/]")
    asked = 0
    while (question := step.question) is not None:
        asked += 1
        more = step.at_most - 1
        progress = f"at most {more} more" if more else "the last"
        console.print(f"\n[dim]Question {asked}, {progress}. {_escape(question.help)}[/]")
        label = f"{_escape(question.prompt)} [dim]({'/'.join(question.choices)})[/]"
        while question.key not in answers:
            raw = Prompt.ask(label, console=console, default=question.default)
            try:
                answers[question.key] = parse(question, raw)
            except ScaffoldError as problem:
                console.print(f"[red]{_escape(str(problem))}[/]")
        step = next_step(answers)
    left = total - len(answers)
    if left:
        console.print(
            f"\n[dim]That settles it: no answer to the {left} other question"
            f"{'s' if left > 1 else ''} can change the recommendation.[/]"
        )
    return answers


def choose_framework(recommendation: Recommendation, *, to_stderr: bool = False) -> str:
    """Show the ranking and let the person pick a framework that has a template.

    The best one with a template is preselected.
    """
    from rich.prompt import Prompt

    console = err() if to_stderr else out()
    show_ranking(recommendation, console=console)
    names = [r.framework for r in recommendation.ranking if r.has_template]
    return Prompt.ask(
        "\nGenerate which framework",
        console=console,
        choices=names,
        default=names[0],
        case_sensitive=False,
    )


@contextmanager
def status(message: str) -> Iterator[Callable[[str], None]]:
    """Show a spinner on stderr while a long step runs; yield a function showing its progress.

    Each text given to that function replaces the line under the message.
    """
    with err().status(_escape(message)) as shown_status:

        def progress(text: str) -> None:
            shown_status.update(f"{_escape(message)}\n  [dim]{_escape(text)}[/]")

        yield progress


_MARKS = {"add": "", "replace": " [dim](refresh)[/]", "keep": " [yellow](kept: yours)[/]"}


def show_tree(result: Result) -> None:
    """Print the plan of a dry run as a tree: what would be added, refreshed or kept."""
    from rich.tree import Tree

    plan = result.plan
    tree = Tree(f"[bold]{_escape(str(result.path))}[/]")
    nodes: dict[str, Tree] = {"": tree}
    for rel in sorted((*plan.written, *plan.keep)):
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            key = "/".join(parts[:depth])
            if key not in nodes:
                parent = nodes["/".join(parts[: depth - 1])]
                nodes[key] = parent.add(f"{_escape(parts[depth - 1])}/")
        nodes["/".join(parts[:-1])].add(_escape(parts[-1]) + _MARKS[plan.action(rel)])
    out().print(tree)
    out().print(f"[dim]Dry run: {_summary(result)}; nothing was written.[/]")


def _summary(result: Result) -> str:
    plan = result.plan
    if plan.fresh:
        return f"{len(result.files)} files would be written"
    return (
        f"{len(plan.add)} files would be added, {len(plan.replace)} refreshed, "
        f"{len(plan.keep)} of yours kept"
    )


def show_created(result: Result, *, git: str | None, installed: bool) -> None:
    """Say what was generated (or merged) and print the next steps, taken from the template."""
    console = out()
    plan = result.plan
    where = _escape(str(result.path))
    if plan.fresh:
        console.print(
            f"[green]✔[/] Created [bold]{where}[/] ({result.framework}, {len(result.files)} files)"
        )
    else:
        console.print(
            f"[green]✔[/] Merged the {result.framework} starter into [bold]{where}[/]: "
            f"{len(plan.add)} files added, {len(plan.replace)} refreshed, "
            f"{len(plan.keep)} of yours kept"
        )
    if plan.keep:
        console.print(f"[yellow]Kept as they were:[/] {_escape(', '.join(plan.keep))}")
    if git:
        console.print(f"[dim]{_escape(git)}[/]")
    commands = result.commands
    lines = [f"cd {shlex.quote(str(result.path))}"]
    if commands:
        if installed:
            lines.append(". .venv/bin/activate")
        else:
            lines += ["python -m venv .venv && . .venv/bin/activate", commands["install"]]
        lines += [f"{commands['dev']}   # development server"]
        lines += [f"{commands['test']}   # tests", f"{commands['serve']}   # production server"]
        if result.serve_note:
            lines.append(f"# the production server {result.serve_note}")
    console.print("\n[bold]Next steps[/]")
    for line in lines:
        # A shell command is never wrapped, so that it can be copied as it is.
        console.print(f"  {_escape(line)}", soft_wrap=True)


def show_update(result: UpdateResult) -> None:
    """Say what an update found, did, or (dry run, check) would do."""
    console = out()
    for note_text in result.notes:
        note(note_text)
    where = _escape(str(result.project))
    if result.up_to_date:
        console.print(f"[green]✔[/] {where} is up to date with the {result.template} template.")
        return
    changes = result.changes
    rows = [("added", changes.added), ("removed", changes.removed)]
    rows += [("changed", changes.modified)]
    rows += [("renamed", tuple(f"{old} -> {new}" for old, new in changes.renamed))]
    heading = "The template would change" if result.dry_run else "The template changed"
    console.print(f"{heading} (against what {where} was made from):")
    for label, paths in rows:
        for path in paths:
            console.print(f"  {label:8} {_escape(path)}", soft_wrap=True)
    if result.dry_run:
        if result.conflicts:
            clashing = _escape(", ".join(result.conflicts))
            console.print(f"[yellow]Would conflict with your changes:[/] {clashing}")
        console.print("[dim]Dry run: nothing was changed. Run scaffold update to merge.[/]")
    elif result.conflicts:
        console.print(
            f"[yellow]Merged with conflicts in:[/] {_escape(', '.join(result.conflicts))}\n"
            "Resolve them (git status lists them), then git commit; or git merge --abort."
        )
    else:
        console.print("[green]✔[/] Merged: one merge commit on your branch (see git log).")


def ask_variable(key: str, label: str, kind: str, default: Any, choices: tuple[str, ...]) -> Any:
    """Ask for one variable of a third-party template, as cookiecutter would; Enter keeps it."""
    from rich.prompt import Confirm, Prompt

    console = out()
    text = _escape(label)
    if kind == "yes/no":
        return Confirm.ask(text, console=console, default=bool(default))
    if kind == "choice":
        for number, choice in enumerate(choices, 1):
            console.print(f"  {number} - {_escape(choice)}")
        numbers = [str(n) for n in range(1, len(choices) + 1)]
        picked = Prompt.ask(text, console=console, choices=numbers, default="1")
        return choices[int(picked) - 1]
    if kind == "dict":
        while True:
            raw = Prompt.ask(f"{text} [dim](JSON)[/]", console=console, default=json.dumps(default))
            with suppress(ValueError):
                value = json.loads(raw)
                if isinstance(value, dict):
                    return value
            console.print('[red]Give a JSON object, e.g. {"key": "value"}.[/]')
    return Prompt.ask(text, console=console, default=str(default))
