"""One generation: options -> context -> render into staging -> plan -> apply -> provenance."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scaffold.errors import GenerationError, Interrupted, TargetExistsError
from scaffold.generate.apply import apply
from scaffold.generate.context import build_context
from scaffold.generate.options import resolve_options
from scaffold.generate.plan import PROVENANCE_FILE, Clash, Plan, plan
from scaffold.generate.provenance import Provenance, build_record, read_record, record_commands
from scaffold.generate.render import describe, frozen_clock, render, staging, sweep_stale
from scaffold.names import ProjectName
from scaffold.signals import held
from scaffold.template import Template


@dataclass(frozen=True)
class Result:
    """What a generation wrote (or, for a dry run, would write)."""

    path: Path
    framework: str
    options: Mapping[str, str]
    commands: Mapping[str, str]
    plan: Plan
    dry_run: bool = False
    #: What a person should know before running the production server (the template's note).
    serve_note: str | None = None

    @property
    def files(self) -> tuple[str, ...]:
        """Return every file the render put in place, the provenance record included."""
        return tuple(sorted((*self.plan.written, PROVENANCE_FILE)))

    @property
    def skipped(self) -> tuple[str, ...]:
        """Return the existing files kept as they were."""
        return self.plan.keep

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain data for JSON output."""
        return {
            "path": str(self.path),
            "framework": self.framework,
            "options": dict(self.options),
            "commands": dict(self.commands),
            "files": list(self.files),
            "skipped": list(self.skipped),
            "plan": self.plan.to_dict(),
            "dry_run": self.dry_run,
        }


def _check_target(target: Path, *, force: bool) -> None:
    if target.is_symlink():
        raise TargetExistsError(
            f"{target} is a symbolic link; scaffold never writes through links. "
            "Choose another name or --output-dir.",
            path=target,
        )
    if target.exists() and not target.is_dir():
        raise TargetExistsError(
            f"{target} exists and is not a directory. Choose another name.", path=target
        )
    if not force and target.is_dir() and any(target.iterdir()):
        raise TargetExistsError(
            f"{target} already exists and is not empty. Choose another name or "
            "--output-dir, or pass --force to add the missing files (your files are kept).",
            path=target,
        )


def generate(
    template: Template,
    name: ProjectName,
    *,
    options: Mapping[str, str],
    output_dir: Path,
    force: bool = False,
    dry_run: bool = False,
    provenance: Provenance | None = None,
) -> Result:
    """Generate ``name`` from built-in ``template`` into ``output_dir``/slug, all or nothing.

    The whole plan is made before the first write. The project is rendered into a
    staging folder beside the target and moved into place at the end; a failure or
    an interruption (SIGINT, SIGTERM) before that leaves nothing behind, and the
    move itself is never cut in two.
    """
    resolved = resolve_options(template, options)
    moment = creation_moment()
    with frozen_clock(moment):
        context = build_context(template, name, resolved)

    def render_into(folder: Path) -> Path:
        with frozen_clock(moment):
            return render(template, context, folder)

    def record_for(rendered: Path, written: tuple[str, ...]) -> bytes:
        return build_record(
            template,
            name,
            context,
            resolved,
            rendered=rendered,
            written=written,
            provenance=provenance,
            moment=moment,
        )

    target = output_dir.expanduser().absolute() / name.slug
    the_plan = produce(target, render_into, record_for, force=force, dry_run=dry_run)
    commands = record_commands(context)
    note = str(context["cookiecutter"].get("__serve_note") or "") or None
    return Result(
        target, template.name, resolved, commands, the_plan, dry_run=dry_run, serve_note=note
    )


def produce(
    target: Path,
    render_into: Callable[[Path], Path],
    record_for: Callable[[Path, tuple[str, ...]], bytes],
    *,
    force: bool,
    dry_run: bool,
) -> Plan:
    """Render into staging beside ``target``, plan, and apply: the stages every source shares.

    ``render_into(folder)`` renders the project into ``folder`` and returns it;
    ``record_for(rendered, written)`` returns the provenance record's bytes.
    """
    _check_target(target, force=force)
    output_dir = target.parent
    created = _missing_parents(output_dir)
    applied = False
    try:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise GenerationError(f"Cannot create {output_dir}: {describe(error)}.") from error
        sweep_stale(output_dir)
        with staging(output_dir, target.name) as stage:
            rendered = render_into(stage / "render")
            try:
                the_plan = plan(rendered, target, recorded=read_record(target))
            except Clash as clash:
                raise TargetExistsError(
                    f"Cannot merge into {target}: {clash.rel}: {clash.reason}. "
                    "Nothing was written; move that path aside and run again.",
                    path=target / clash.rel,
                ) from None
            record = record_for(rendered, the_plan.written)
            if not dry_run:
                with held():
                    apply(the_plan, rendered, record, backup=stage / "backup")
                    applied = True
    except KeyboardInterrupt:
        if applied:
            raise Interrupted(
                f"Interrupted: {target} was written in full, but nothing after that was done "
                "(no git repository, no install)."
            ) from None
        raise Interrupted(f"Interrupted: nothing was written ({target} is as it was).") from None
    finally:
        if dry_run or not applied:
            _remove_created(created)
    return the_plan


def creation_moment() -> datetime:
    """Return the project's creation time: now, or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _missing_parents(path: Path) -> list[Path]:
    """Return the folders of ``path`` that do not exist yet, deepest first."""
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    return missing


def _remove_created(folders: list[Path]) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()
