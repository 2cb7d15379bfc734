"""The project's ``.scaffold.json``: what made it, with what, and the hashes of what it wrote."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from scaffold import __version__
from scaffold.generate.plan import PROVENANCE_FILE, SECRET_FILES, sha256
from scaffold.gitrepo import TEMPLATE_REF
from scaffold.names import ProjectName
from scaffold.template import COMMAND_KEYS, Template

#: A record larger than this is not scaffold's: it is ignored rather than parsed.
_MAX_RECORD = 4 * 1024 * 1024


@dataclass(frozen=True)
class Provenance:
    """Why this project was generated: the questionnaire's answers and the recommendation."""

    answers: Mapping[str, str] = field(default_factory=dict)
    recommendation: Mapping[str, Any] | None = None


def seal_pristine(folder: Path, record: bytes) -> Path:
    """Finish a render made again as a merge base: its record written, its secret files gone.

    ``update`` and third-party templates render a project's pristine state this way; no
    hook has run, and secrets (``.env``) are the project's own, never merged.
    """
    (folder / PROVENANCE_FILE).write_bytes(record)
    for secret in SECRET_FILES:
        (folder / secret).unlink(missing_ok=True)
    return folder


def created_at(record: object) -> datetime | None:
    """Return the creation time a project's record holds, or None."""
    if isinstance(record, dict) and isinstance(record.get("created"), str):
        try:
            return datetime.fromisoformat(record["created"])
        except ValueError:
            return None
    return None


def read_record(project: Path) -> object:
    """Return the data of ``project``'s ``.scaffold.json``, or None when absent or unreadable.

    The file is the user's to edit: what it holds is checked where it is used.
    """
    path = project / PROVENANCE_FILE
    try:
        if path.is_symlink() or path.stat().st_size > _MAX_RECORD:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def record_commands(context: Mapping[str, Any]) -> dict[str, str]:
    """Return the project's shell commands as the template rendered them."""
    values = context["cookiecutter"]
    return {key: str(values[f"__{key}_command"]) for key in COMMAND_KEYS}


def build_record(
    template: Template,
    name: ProjectName,
    context: Mapping[str, Any],
    options: Mapping[str, str],
    *,
    rendered: Path,
    written: tuple[str, ...],
    provenance: Provenance | None,
    moment: datetime,
) -> bytes:
    """Return the ``.scaffold.json`` bytes for a render whose ``written`` files are placed."""
    values = context["cookiecutter"]
    record = {
        "scaffold_version": __version__,
        "template": {"name": template.name, "sha256": template.content_hash()},
        "created": moment.isoformat(),
        "project": {"name": name.name, "slug": name.slug, "package": name.package},
        "options": dict(options),
        "answers": dict(provenance.answers) if provenance else {},
        "recommendation": dict(provenance.recommendation)
        if provenance and provenance.recommendation
        else None,
        "commands": record_commands(context),
        "websocket": values.get("__websocket_path") or None,
        "serve_note": values.get("__serve_note") or None,
        # The package the project installs, where the framework names it (cubicweb_NAME).
        "import_package": values.get("__import_package") or name.package,
        "template_ref": TEMPLATE_REF,
        "files": {rel: sha256(rendered / rel) for rel in written if rel not in SECRET_FILES},
    }
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
