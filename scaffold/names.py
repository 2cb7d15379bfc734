"""Validate a project name and derive its directory and Python package names."""

from __future__ import annotations

import importlib.machinery
import keyword
import os
import sys
from collections.abc import Collection
from dataclasses import dataclass

from scaffold.errors import InvalidNameError, shown
from scaffold.text import line_problem

MAX_LENGTH = 64


@dataclass(frozen=True)
class ProjectName:
    """A validated project name: as typed, as a directory, and as a Python package."""

    name: str
    slug: str
    package: str


def slugify(name: str) -> str:
    """Return the directory and distribution form of a name: ``My App`` -> ``my-app``."""
    from slugify import slugify as _slugify

    return _slugify(name)  # its defaults: "-" between words, lower case


def _installed(package: str) -> bool:
    """Tell whether ``package`` is importable here, not counting the current directory."""
    here = {"", os.getcwd()}
    path = [entry for entry in sys.path if entry not in here]
    return importlib.machinery.PathFinder.find_spec(package, path) is not None


def validate_name(name: str, *, reserved: Collection[str] = ()) -> ProjectName:
    """Return the ProjectName for ``name`` or raise InvalidNameError saying how to fix it.

    ``reserved`` holds the module names the chosen template itself depends on
    (the framework and its libraries), which a project package must not shadow.
    """
    text = name.strip()
    if not text:
        raise InvalidNameError("The project name is empty. Give a name such as my-app.")
    problem = line_problem(text)
    if problem:
        raise InvalidNameError(f'The project name "{shown(text)}" {problem}.')
    if "/" in text or "\\" in text:  # os.sep and os.altsep are one of these everywhere
        raise InvalidNameError(
            f'"{shown(text)}" contains a path separator. Give a plain name and choose the '
            "parent folder with --output-dir."
        )
    if text.startswith("."):
        raise InvalidNameError(f'"{shown(text)}" starts with a dot. Give a name such as my-app.')
    if len(text) > MAX_LENGTH:
        raise InvalidNameError(
            f"The project name is {len(text)} characters long; use at most {MAX_LENGTH}."
        )
    slug = slugify(text)
    package = slug.replace("-", "_")
    if not package or not package.isidentifier():
        raise InvalidNameError(
            f'"{shown(text)}" does not make a Python package name (it becomes "{package}"). '
            "Start with a letter and use letters, digits, spaces, - or _, e.g. my-app."
        )
    if keyword.iskeyword(package) or keyword.issoftkeyword(package):
        raise InvalidNameError(
            f'"{package}" is a Python keyword. Choose another name, e.g. {package}-app.'
        )
    if package in sys.stdlib_module_names:
        raise InvalidNameError(
            f'"{package}" would shadow the standard library module {package}. '
            f"Choose another name, e.g. my-{slug}."
        )
    if package in reserved:
        raise InvalidNameError(
            f'"{package}" is a module the starter itself uses or depends on. '
            f"Choose another name, e.g. my-{slug}."
        )
    if _installed(package):
        raise InvalidNameError(
            f'"{package}" would shadow the installed module {package}. '
            f"Choose another name, e.g. my-{slug}."
        )
    return ProjectName(name=text, slug=slug, package=package)
