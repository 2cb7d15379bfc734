"""Generate a project: options -> context -> render into staging -> plan -> apply -> provenance."""

from scaffold.generate.options import resolve_options
from scaffold.generate.pipeline import Result, generate
from scaffold.generate.plan import PROVENANCE_FILE, SECRET_FILES, Plan
from scaffold.generate.provenance import Provenance

__all__ = [
    "PROVENANCE_FILE",
    "SECRET_FILES",
    "Plan",
    "Provenance",
    "Result",
    "generate",
    "resolve_options",
]
