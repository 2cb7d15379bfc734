"""Packaging information CubicWeb reads from every cube (its version and dependencies)."""

import re

modname = "cubicweb_{{ cookiecutter.__cube }}"
distname = "{{ cookiecutter.__distribution }}"

version = {{ cookiecutter.version|quoted }}
# CubicWeb compares cube versions as three numbers (for migrations).
numversion = tuple(int(part) for part in ([*re.findall(r"\d+", version), "0", "0", "0"])[:3])

description = {{ cookiecutter.description|quoted }}

# Other cubes this one builds on ({"cubicweb-<name>": "<version range>"}) and CubicWeb.
__depends__ = {"cubicweb": ">= 5.0.1, < 6.0.0"}
__recommends__: dict[str, str] = {}
