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


class _Prefixed:
    """A name whose folder part is plain: that part, then the compiled rest rendered."""

    def __init__(self, head: str, rest: Any) -> None:
        self.head = head
        self.rest = rest

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.head + self.rest.render(*args, **kwargs)


def plain_names_environment(context: dict[str, Any]) -> Any:
    """Return cookiecutter's environment for ``context``, compiling each name once per cache.

    cookiecutter compiles every file's whole path as a template, on every run; a
    folder's path starts with the output folder (a new staging folder each run), so
    only the part from the folder holding the first tag on is compiled and cached.
    """
    from cookiecutter.environment import StrictEnvironment

    class PlainNames(StrictEnvironment):
        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            cache = self.bytecode_cache
            if not isinstance(source, str) or globals is not None or template_class is not None:
                return super().from_string(source, globals, template_class)
            if renders_as_is(self, source):
                return _Plain(source)
            head, rest = _plain_head(self, source)
            if cache is None:
                compiled = super().from_string(rest)
            else:
                bucket = cache.get_bucket(self, f"name:{rest}", None, rest)
                if bucket.code is None:
                    bucket.code = self.compile(rest)
                    cache.set_bucket(bucket)
                compiled = self.template_class.from_code(self, bucket.code, self.make_globals(None))
            return _Prefixed(head, compiled) if head else compiled

    env_vars = context.get("cookiecutter", {}).get("_jinja2_env_vars", {})
    return PlainNames(context=context, keep_trailing_newline=True, **env_vars)


def _markers(env: Any) -> tuple[str, str, str]:
    return (env.block_start_string, env.variable_start_string, env.comment_start_string)


def renders_as_is(env: Any, source: Any) -> bool:
    """Tell whether Jinja would render ``source`` as it is in ``env``.

    Not when it holds a tag's start, a newline (Jinja rewrites newlines), or when
    the environment has line statements or comments or an extension that rewrites
    the source.
    """
    from jinja2.ext import Extension

    if not isinstance(source, str) or env.line_statement_prefix or env.line_comment_prefix:
        return False
    if "\n" in source or "\r" in source:
        return False
    rewrites = any(
        type(ext).preprocess is not Extension.preprocess
        or type(ext).filter_stream is not Extension.filter_stream
        for ext in env.extensions.values()
    )
    return not rewrites and not any(marker in source for marker in _markers(env))


def _plain_head(env: Any, source: str) -> tuple[str, str]:
    """Split ``source`` into its plain path up to the first tag's folder, and the rest.

    The head is "" unless the split renders exactly as the whole: the head is plain,
    and the rest does not start with whitespace (``lstrip_blocks`` would strip it as
    a line's start) nor does any delimiter hold a separator.
    """
    found = [at for marker in _markers(env) if (at := source.find(marker)) >= 0]
    if not found:
        return "", source
    separators = {"/", os.sep}
    cut = max(source.rfind(separator, 0, min(found)) for separator in separators) + 1
    head, rest = source[:cut], source[cut:]
    if (
        not cut
        or rest[:1].isspace()
        or any(separator in marker for marker in _markers(env) for separator in separators)
        or not renders_as_is(env, head)
    ):
        return "", source
    return head, rest


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
