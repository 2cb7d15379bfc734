"""Print the mutation score of each module of scaffold/ from mutmut's results, as a Markdown table.

Run after ``.venv/bin/mutmut run`` (README, "Mutation testing"); reads ``mutants/**/*.py.meta``.
Killed counts mutmut's "killed", "timeout" and "caught by type check"; checked adds "survived"
and "no tests"; mutants not run yet are counted apart.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

#: mutmut 3's exit codes of a mutant's test run that mean the tests noticed it.
KILLED = {1, 3, 24, -24, 36, 37, 152, 255, -9, -11}
#: Exit codes that mean the tests did not notice it: passed, or no test reached it.
MISSED = {0, 5, 33}


def tally(root: Path) -> dict[str, Counter[str]]:
    """Return killed, missed and unchecked counts per module."""
    rows: dict[str, Counter[str]] = {}
    for meta in sorted(root.rglob("*.py.meta")):
        module = str(meta.relative_to(root))[: -len(".py.meta")].replace("/", ".")
        counts = rows.setdefault(module, Counter())
        for code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values():
            counts["unchecked" if code is None else "killed" if code in KILLED else "missed"] += 1
    return rows


def table(rows: dict[str, Counter[str]]) -> str:
    """Return the Markdown table, a total row last."""
    lines = ["| module | killed / checked | score | not run yet |", "|---|---|---|---|"]
    total: Counter[str] = Counter()
    for module, counts in rows.items():
        total.update(counts)
        lines.append(_row(f"`{module}`", counts))
    lines.append(_row("**all of scaffold/**", total))
    return "\n".join(lines)


def _row(name: str, counts: Counter[str]) -> str:
    checked = counts["killed"] + counts["missed"]
    score = f"{100 * counts['killed'] / checked:.1f}%" if checked else "-"
    return f"| {name} | {counts['killed']} / {checked} | {score} | {counts['unchecked']} |"


if __name__ == "__main__":
    found = tally(Path(sys.argv[1] if len(sys.argv) > 1 else "mutants"))
    if not found:
        sys.exit("no mutmut results: run .venv/bin/mutmut run first")
    print(table(found))
