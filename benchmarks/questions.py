"""Count the questions the adaptive questionnaire asks over the test suite's scenario set."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from scenarios import ALL, CATALOG, SCENARIOS, questions_asked

from scaffold.template import discover


def main() -> None:
    """Print, for each command and set of templates, how many questions are asked."""
    templates = [name for name in ALL if name in {t.name for t in discover()}]
    cases = [
        ("recommend, a template for every framework", [ALL]),
        (f"recommend, today's {len(templates)} templates", [ALL, templates]),
        (f"new, today's {len(templates)} templates", [templates]),
    ]
    total = len(CATALOG.questions)
    print(f"{len(SCENARIOS)} scenarios, {total} questions")
    print("| case | mean | median | fewest | most |")
    print("|---|---|---|---|---|")
    for label, races in cases:
        counts = questions_asked(races)
        print(
            f"| {label} | {statistics.mean(counts):.1f} | {statistics.median(counts):g} "
            f"| {min(counts)} | {max(counts)} |"
        )


if __name__ == "__main__":
    main()
