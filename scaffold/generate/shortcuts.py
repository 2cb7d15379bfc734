"""What a built-in render can skip: compiling names again, a Python for the known hook.

Each shortcut gives the very files cookiecutter's own way gives, and is taken only
when that is certain: a name is rendered as it is only when it holds none of the
environment's delimiters, other names' compiled code comes from Jinja's bytecode
cache (keyed on the name's whole text), and the hook runs in-process only when it
is, byte for byte, the empty-folder hook every built-in template carries
(template-shared/).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import sys
import types
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: sha256 of template-shared/hooks/post_gen_project.py (a test keeps the two in step).
EMPTY_FOLDER_HOOK = "e61addd9563631758f57037e73abce6f0926661396c0a88b1636112d5ba854c6"
HOOK_NAME = "post_gen_project.py"


def only_the_empty_folder_hook(template: Path) -> bool:
    """Tell whether ``template``'s only hook is the shared one that removes empty folders."""
    hooks = template / "hooks"
    try:
        names = [entry.name for entry in hooks.iterdir() if entry.name != "__pycache__"]
        if names != [HOOK_NAME]:
            return False
        return hashlib.sha256((hooks / HOOK_NAME).read_bytes()).hexdigest() == EMPTY_FOLDER_HOOK
    except OSError:
        return False


def remove_empty_folders(project: Path) -> None:
    """Do what the shared hook does: remove every folder below ``project`` left empty."""
    for root, _dirs, _files in os.walk(project, topdown=False):
        if root != str(project) and not os.listdir(root):
            os.rmdir(root)


class _Plain:
    """A name without template syntax: it renders to itself."""

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.text


def plain_names_environment(context: dict[str, Any]) -> Any:
    """Return cookiecutter's environment for ``context``, compiling each name once per cache.

    cookiecutter compiles every file's whole relative path as a template, on every run.
    """
    from cookiecutter.environment import StrictEnvironment

    class PlainNames(StrictEnvironment):
        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            cache = self.bytecode_cache
            if not isinstance(source, str) or globals is not None or template_class is not None:
                return super().from_string(source, globals, template_class)
            if _is_plain(self, source):
                return _Plain(source)
            if cache is None:
                return super().from_string(source)
            bucket = cache.get_bucket(self, f"name:{source}", None, source)
            if bucket.code is None:
                bucket.code = self.compile(source)
                cache.set_bucket(bucket)
            return self.template_class.from_code(self, bucket.code, self.make_globals(None))

    env_vars = context.get("cookiecutter", {}).get("_jinja2_env_vars", {})
    return PlainNames(context=context, keep_trailing_newline=True, **env_vars)


def _is_plain(env: Any, source: Any) -> bool:
    if not isinstance(source, str) or env.line_statement_prefix or env.line_comment_prefix:
        return False
    markers = (env.block_start_string, env.variable_start_string, env.comment_start_string)
    return not any(marker in source for marker in markers)


def defer_import(name: str) -> None:
    """Let ``import name`` bind a stand-in that imports the module on its first use.

    importlib's LazyLoader does not serve: on Python 3.11 the import statement itself
    reads the module's ``__spec__``, which loads it.
    """
    if name not in sys.modules and importlib.util.find_spec(name) is not None:
        sys.modules[name] = _Deferred(name)


class _Deferred(types.ModuleType):
    """A module not imported yet: any attribute read imports it and is read from it."""

    def __getattr__(self, attribute: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attribute)


class Moment:
    """What ``{% now %}`` formats: a fixed moment in a zone, with arrow only when needed.

    ``utc`` is formatted by the standard library, as arrow does it (arrow's strftime
    is datetime's); any other zone, and an offset, go to arrow.
    """

    def __init__(self, moment: datetime, timezone: str) -> None:
        self.moment = moment
        self.timezone = timezone

    def _arrow(self) -> Any:
        import arrow

        return arrow.get(self.moment).to(self.timezone)

    def strftime(self, datetime_format: str) -> str:
        """Format the moment in its zone."""
        if self.timezone.lower() == "utc":
            return self.moment.astimezone(UTC).strftime(datetime_format)
        return str(self._arrow().strftime(datetime_format))

    def shift(self, **offsets: float) -> Any:
        """Return arrow's moment moved by ``offsets`` (the tag's ``+ days=1`` form)."""
        return self._arrow().shift(**offsets)


#: sha256 of the cookiecutter/__init__.py that only reads cookiecutter's version (2.7).
COOKIECUTTER_INIT = "852ed9c1d3056d74819c71c1306f760059b121b57b73918185042dd7541a35cd"


def import_without_init(name: str, init: str = COOKIECUTTER_INIT) -> None:
    """Make package ``name`` importable without its ``__init__``, when that is known to do
    nothing but look its version up in the installed metadata (importlib.metadata, slow).

    The version is still there: read on first use. Any other ``__init__`` runs as usual.
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None or spec.submodule_search_locations is None:
        return
    try:
        known = hashlib.sha256(Path(spec.origin).read_bytes()).hexdigest() == init
    except OSError:
        known = False
    if known:
        package = _VersionOnRead(name)
        package.__spec__ = spec
        package.__path__ = list(spec.submodule_search_locations)
        package.__file__ = spec.origin
        package.__loader__ = spec.loader
        package.__package__ = name
        sys.modules[name] = package


class _VersionOnRead(types.ModuleType):
    """A package whose ``__version__`` is read from its metadata when first asked for."""

    def __getattr__(self, attribute: str) -> Any:
        if attribute != "__version__":
            raise AttributeError(attribute)
        from importlib.metadata import version

        self.__version__ = version(self.__name__)
        return self.__version__
