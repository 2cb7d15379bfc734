"""Render a template into a staging folder beside the target; sweep staging a crash left."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from scaffold.errors import GenerationError, shown
from scaffold.generate.context import importable
from scaffold.generate.shortcuts import Moment, defer_import, import_without_init
from scaffold.signals import held
from scaffold.template import Template

# cookiecutter logs a failed hook with its traceback; scaffold reports it in one line.
logging.getLogger("cookiecutter").addHandler(logging.NullHandler())
logging.getLogger("cookiecutter").propagate = False

#: Staging folders are hidden siblings of the target, named so a later run recognises them.
STAGING_PREFIX = ".scaffold-staging-"
_OWNER = "owner.pid"


def _alive(pid: int) -> bool:
    """Tell whether process ``pid`` may still run; a number no process can have is alive."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def sweep_stale(output_dir: Path) -> list[Path]:
    """Remove staging folders whose process is gone (a SIGKILL); return what was removed."""
    removed = []
    with contextlib.suppress(OSError):
        for folder in output_dir.glob(f"{STAGING_PREFIX}*"):
            if folder.is_symlink() or not folder.is_dir():
                continue
            try:
                pid = int((folder / _OWNER).read_bytes())
            except (OSError, ValueError):
                continue
            if pid != os.getpid() and not _alive(pid):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


@contextlib.contextmanager
def staging(output_dir: Path, slug: str) -> Iterator[Path]:
    """Yield a fresh staging folder in ``output_dir``, removed on exit whatever happens."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{slug}-", dir=output_dir))
    except OSError as error:
        raise GenerationError(f"Cannot write in {output_dir}: {describe(error)}.") from error
    try:
        (folder / _OWNER).write_text(str(os.getpid()), encoding="ascii")
        yield folder
    finally:
        with held():
            shutil.rmtree(folder, ignore_errors=True)


def describe(error: OSError) -> str:
    """Return a short, plain reason for an OS error ("permission denied", "disk full")."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return (error.strerror or type(error).__name__).lower()


#: Templates whose compiled files the Jinja cache keeps: the most recently rendered.
KEPT_TEMPLATES = 16


def _bytecode_cache(template: Template) -> Any:
    """Return a Jinja bytecode cache in the user's cache folder, or None if it cannot be made.

    Compiling the template files is most of the rendering time; Jinja checks each
    cached entry against its source's checksum and writes entries atomically.
    cookiecutter names the files relative to the template, so each template has a
    folder of its own, named by the template's folder and what shapes the compiled
    code besides the source: the template's Jinja settings and extensions. A render
    marks its folder used; a new folder makes room by removing all but the
    KEPT_TEMPLATES most recently used, so the cache does not grow without end.
    """
    import hashlib
    import json

    from jinja2 import FileSystemBytecodeCache

    from scaffold.cache import cache_dir

    settings = [template.config.get(key) for key in ("_jinja2_env_vars", "_extensions")]
    shape = json.dumps([str(template.path.resolve()), settings], sort_keys=True)
    root = cache_dir() / "jinja2"
    folder = root / hashlib.sha256(shape.encode()).hexdigest()[:16]
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            os.utime(folder)
        else:
            _make_room(root, keep=folder)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def _make_room(root: Path, *, keep: Path) -> None:
    """Remove from ``root`` all but the KEPT_TEMPLATES most recently used folders, and files.

    Files are the entries of an older layout, all in one folder.
    """
    used = []
    for entry in os.scandir(root):
        if entry.is_dir(follow_symlinks=False):
            with contextlib.suppress(OSError):
                used.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    used.sort(reverse=True)
    for _, path in used[KEPT_TEMPLATES:]:
        if path != str(keep):
            shutil.rmtree(path, ignore_errors=True)


class _FrozenArrow:
    """Stands in for ``arrow`` in cookiecutter's ``{% now %}`` tag: always the same moment."""

    def __init__(self, moment: datetime) -> None:
        self._moment = moment

    def now(self, timezone: str) -> Any:  # cookiecutter's tag always names the zone
        return Moment(self._moment, timezone)


@contextlib.contextmanager
def frozen_clock(moment: datetime) -> Iterator[None]:
    """Make ``{% now %}`` render ``moment``, so that a render can be repeated byte for byte.

    Generation renders the project's creation time, kept in its record, so that an
    update renders the same dates.
    """
    defer_import("arrow")  # only a {% now %} with an offset or a named zone needs it
    import_without_init("cookiecutter")
    from cookiecutter import extensions

    real = extensions.arrow
    extensions.arrow = _FrozenArrow(moment)  # type: ignore[assignment]
    try:
        yield
    finally:
        extensions.arrow = real


@contextlib.contextmanager
def failures_of(name: str) -> Iterator[None]:
    """Turn cookiecutter's and Jinja's failures while rendering ``name`` into GenerationError.

    Jinja's SecurityError passes through: the sandbox's caller says what it means.
    """
    from cookiecutter.exceptions import CookiecutterException, FailedHookException
    from jinja2 import TemplateError
    from jinja2.sandbox import SecurityError

    try:
        yield
    except SecurityError:
        raise
    except FailedHookException as error:
        raise GenerationError(
            f"A hook of the {name} template failed: {error}. Nothing was written."
        ) from None
    except OSError as error:
        raise GenerationError(
            f"Cannot write the project ({describe(error)}). Nothing was written."
        ) from error
    except (CookiecutterException, TemplateError) as error:
        detail = shown(" ".join(str(error).split()), limit=300)
        raise GenerationError(
            f"The {name} template failed to render ({type(error).__name__}: {detail}). "
            "Nothing was written."
        ) from error


def render(template: Template, context: dict[str, Any], into: Path, *, hooks: bool = True) -> Path:
    """Render ``template`` with ``context`` into folder ``into``; return the project folder.

    ``hooks=False`` runs none of the template's hooks (an update: git keeps no empty
    folder, which is all a built-in template's hook removes). That hook, when it is
    the template's only one, runs in-process rather than in a new Python.
    """
    from cookiecutter.generate import generate_files

    from scaffold.generate.sandbox import rendering_with
    from scaffold.generate.shortcuts import (
        only_the_empty_folder_hook,
        plain_names_environment,
        remove_empty_folders,
    )

    values = dict(context["cookiecutter"])
    cache = _bytecode_cache(template)
    if cache is not None:
        values["_jinja2_env_vars"] = {**values.get("_jinja2_env_vars", {}), "bytecode_cache": cache}
    in_process = hooks and only_the_empty_folder_hook(template.path)
    with (
        failures_of(template.name),
        importable(template.path),
        rendering_with(plain_names_environment),
    ):
        rendered = generate_files(
            template.path,
            {"cookiecutter": values},
            output_dir=into,
            accept_hooks=hooks and not in_process,
        )
        if in_process:
            remove_empty_folders(Path(rendered))
    _drop_bytecode(Path(rendered))
    return Path(rendered)


def _drop_bytecode(project: Path) -> None:
    """Remove the ``__pycache__`` folders an installer compiled into the installed template.

    pip byte-compiles every ``.py`` file of the wheel, the templates' included, and
    cookiecutter copies whatever the template folder holds.
    """
    for cache in list(project.rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)
        if not any(cache.parent.iterdir()):
            cache.parent.rmdir()
