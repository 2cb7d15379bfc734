"""Time `scaffold new` against cookiecutter on the same template and `django-admin startproject`.

Goal: scaffold at most 0.8x cookiecutter's time on the same template. Django for
`django-admin` is installed once into .cache/bench-django with uv.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import BIN, REPO, Pair, compare


def _django_admin() -> Path:
    venv = REPO / ".cache" / "bench-django"
    admin = venv / "bin" / "django-admin"
    if not admin.exists():
        uv = [sys.executable, "-m", "uv"]
        subprocess.run([*uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
        python = str(venv / "bin" / "python")
        install = [*uv, "pip", "install", "-q", "--python", python, "django>=5.2,<6"]
        subprocess.run(install, check=True)
    return admin


def main() -> None:
    """Parse --runs and print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp(prefix="scaffold-bench-"))
    out = work / "out"

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()

    scaffold = str(BIN / "scaffold")
    cookiecutter = str(BIN / "cookiecutter")
    common = ["--no-input", "--no-git", "--output-dir", str(out)]
    pairs = [
        Pair(
            f"new --framework {name} vs cookiecutter --no-input",
            [scaffold, "new", "bench", "--framework", name, *common],
            [cookiecutter, "--no-input", str(REPO / "templates" / name), "-o", str(out)],
            before=fresh,
        )
        for name in ("flask", "django")
    ]
    pairs.append(
        Pair(
            "new --framework django vs django-admin startproject",
            [scaffold, "new", "bench", "--framework", "django", *common],
            [str(_django_admin()), "startproject", "bench", str(out)],
            before=fresh,
        )
    )
    try:
        compare(pairs, runs=runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
