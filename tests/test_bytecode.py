"""The bytecode cache: each new environment's modules get their pyc, never a wrong one."""

from __future__ import annotations

import base64
import errno
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from scaffold import bytecode
from scaffold.bytecode import Warmed

MODULES = {
    "pkg/__init__.py": "VALUE = 'first'\n",
    "pkg/fail.py": "def fail():\n    raise RuntimeError('from fail')\n",
}


def _environment(folder: Path, files: dict[str, str], *, record: dict[str, str] | None = None):
    """Make a venv at ``folder`` holding a distribution of ``files``; return (python, site).

    ``record`` gives the content the RECORD's hashes are taken from, where it differs.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    rows = []
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
        hashed = (record or {}).get(name, text).encode()
        rows.append(f"{name},sha256={_record_hash(hashed)},{len(hashed)}")
    info = site / "pkg-1.0.dist-info"
    info.mkdir()
    (info / "RECORD").write_text("\n".join([*rows, "pkg-1.0.dist-info/RECORD,,"]) + "\n")
    return python, site


def _record_hash(data: bytes) -> str:
    """Return ``data``'s SHA-256 as a RECORD writes it."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _pyc(site: Path, name: str) -> Path:
    source = site / name
    return source.parent / "__pycache__" / f"{source.stem}.{sys.implementation.cache_tag}.pyc"


def _python(python: Path, code: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, env=environment, check=False
    )


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


def test_the_first_environment_compiles_into_the_cache_and_imports_from_it(
    tmp_path: Path, store: Path
) -> None:
    python, site = _environment(tmp_path / "one", MODULES)
    seen: list[str] = []
    assert bytecode.warm(python, root=store, progress=seen.append) == Warmed(compiled=2)
    assert seen == ["Compiling 2 modules, once: later projects reuse them"]
    pyc = _pyc(site, "pkg/__init__.py")
    flags = int.from_bytes(pyc.read_bytes()[4:8], "little")
    assert flags == 0b11, "a checked hash-based pyc (PEP 552)"
    (entry,) = [path for path in store.rglob("*.pyc") if os.path.samefile(path, pyc)]
    assert _python(python, "import pkg; print(pkg.VALUE)").stdout == "first\n"
    assert os.path.samefile(entry, pyc), "Python used the pyc as it is"


def test_the_next_environment_links_the_cached_pycs_without_compiling(
    tmp_path: Path, store: Path
) -> None:
    _, first = _environment(tmp_path / "one", MODULES)
    bytecode.warm(tmp_path / "one" / "bin" / "python", root=store)
    python, site = _environment(tmp_path / "two", MODULES)
    seen: list[str] = []
    assert bytecode.warm(python, root=store, progress=seen.append) == Warmed(linked=2)
    assert seen == []
    assert os.path.samefile(_pyc(site, "pkg/fail.py"), _pyc(first, "pkg/fail.py"))
    failed = _python(python, "from pkg.fail import fail; fail()")
    assert f'File "{site / "pkg" / "fail.py"}"' in failed.stderr, "tracebacks name this copy"


def test_a_source_changed_after_install_never_runs_its_old_bytecode(
    tmp_path: Path, store: Path
) -> None:
    bytecode.warm(_environment(tmp_path / "one", MODULES)[0], root=store)
    changed = {**MODULES, "pkg/__init__.py": "VALUE = 'changed'\n"}
    python, site = _environment(tmp_path / "two", changed, record=MODULES)
    assert bytecode.warm(python, root=store) == Warmed(linked=2), "its RECORD says otherwise"
    entries = {path: path.read_bytes() for path in store.rglob("*.pyc")}
    assert _python(python, "import pkg; print(pkg.VALUE)").stdout == "changed\n"
    assert {path: path.read_bytes() for path in store.rglob("*.pyc")} == entries
    assert not any(os.path.samefile(entry, _pyc(site, "pkg/__init__.py")) for entry in entries)


def test_a_source_that_does_not_match_its_record_is_not_cached(tmp_path: Path, store: Path) -> None:
    changed = {**MODULES, "pkg/__init__.py": "VALUE = 'changed'\n"}
    python, site = _environment(tmp_path / "one", changed, record=MODULES)
    assert bytecode.warm(python, root=store) == Warmed(compiled=1)
    assert not _pyc(site, "pkg/__init__.py").exists()
    assert _python(python, "import pkg; print(pkg.VALUE)").stdout == "changed\n"


def test_a_module_that_does_not_compile_is_left_to_python(tmp_path: Path, store: Path) -> None:
    python, site = _environment(tmp_path / "one", {**MODULES, "pkg/py2.py": "print 'old'\n"})
    assert bytecode.warm(python, root=store) == Warmed(compiled=2)
    assert not _pyc(site, "pkg/py2.py").exists()


def test_record_paths_that_lead_out_of_the_environment_are_skipped(
    tmp_path: Path, store: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.py").write_text("X = 1\n")
    python, site = _environment(tmp_path / "one", MODULES)
    (site / "linked").symlink_to(outside)
    digest = _record_hash((outside / "evil.py").read_bytes())
    record = site / "pkg-1.0.dist-info" / "RECORD"
    escapes = [
        f"{path},sha256={digest},6"
        for path in ("../../../../outside/evil.py", str(outside / "evil.py"), "linked/evil.py")
    ]
    record.write_text(record.read_text() + "\n".join(escapes) + "\n")
    assert bytecode.warm(python, root=store) == Warmed(compiled=2)
    assert sorted(path.name for path in outside.iterdir()) == ["evil.py"]


def test_nothing_is_written_through_a_symlinked_pycache(tmp_path: Path, store: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    python, site = _environment(tmp_path / "one", MODULES)
    (site / "pkg" / "__pycache__").symlink_to(outside)
    assert bytecode.warm(python, root=store) == Warmed(compiled=2)
    assert not list(outside.iterdir())


def test_a_cache_that_cannot_be_written_leaves_the_environment_as_uv_made_it(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    python, site = _environment(tmp_path / "one", MODULES)
    assert bytecode.warm(python, root=blocker) == Warmed()
    assert not list(site.rglob("*.pyc"))
    assert _python(python, "import pkg; print(pkg.VALUE)").stdout == "first\n"


def test_a_python_that_cannot_run_warms_nothing(tmp_path: Path, store: Path) -> None:
    assert bytecode.warm(tmp_path / "missing" / "python", root=store) == Warmed()
    assert not list(store.rglob("*.pyc"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_cache_others_may_write_to_is_not_used(tmp_path: Path, store: Path) -> None:
    store.mkdir(mode=0o777)
    store.chmod(0o777)
    python, site = _environment(tmp_path / "one", MODULES)
    assert bytecode.warm(python, root=store) == Warmed()
    assert not list(store.rglob("*.pyc")) and not list(site.rglob("*.pyc"))


def test_an_interrupted_compile_leaves_no_compiler_running(
    tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python, _ = _environment(tmp_path / "one", MODULES)
    started: list[int] = []
    communicate = subprocess.Popen.communicate

    def interrupted(process: subprocess.Popen[str], *args: Any, **kwargs: Any) -> Any:
        if bytecode._COMPILE not in process.args:  # the probe
            return communicate(process, *args, **kwargs)
        started.append(process.pid)
        assert os.getsid(process.pid) == process.pid, "a session of its own, workers included"
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        bytecode.warm(python, root=store)
    (pid,) = started
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_entries_no_environment_has_linked_for_a_month_are_removed_once_a_day(
    tmp_path: Path, store: Path
) -> None:
    bytecode.warm(_environment(tmp_path / "one", MODULES)[0], root=store)
    python, site = _environment(tmp_path / "two", {"pkg/__init__.py": MODULES["pkg/__init__.py"]})
    bytecode.warm(python, root=store)
    shutil.rmtree(tmp_path / "one")  # pkg/fail.py's entry is now in no environment
    later = time.time() + bytecode.UNUSED_FOR + 60
    os.utime(store / ".pruned", (later - bytecode.PRUNE_EVERY / 2,) * 2)
    bytecode.warm(python, root=store, now=later)
    assert len(list(store.rglob("*.pyc"))) == 2, "pruned at most once a day"
    bytecode.warm(python, root=store, now=later + bytecode.PRUNE_EVERY)
    (kept,) = store.rglob("*.pyc")
    assert os.path.samefile(kept, _pyc(site, "pkg/__init__.py"))


def test_where_links_fail_the_pycs_are_copied(
    tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bytecode.warm(_environment(tmp_path / "one", MODULES)[0], root=store)
    python, site = _environment(tmp_path / "two", MODULES)

    def other_file_system(source: str, destination: str) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(bytecode.os, "link", other_file_system)
    assert bytecode.warm(python, root=store) == Warmed(linked=2)
    pyc = _pyc(site, "pkg/__init__.py")
    assert not any(os.path.samefile(entry, pyc) for entry in store.rglob("*.pyc"))
    assert [p.name for p in pyc.parent.iterdir() if p.suffix == ".tmp"] == []
    assert _python(python, "import pkg; print(pkg.VALUE)").stdout == "first\n"
