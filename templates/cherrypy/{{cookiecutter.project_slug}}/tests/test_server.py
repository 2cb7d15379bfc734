"""The production server, run as a module (`python -m`), on a real socket."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError

import pytest

from {{ cookiecutter.package_name }}.config import Settings
from {{ cookiecutter.package_name }}.server import server_config
{%- if cookiecutter.database != 'none' %}
from {{ cookiecutter.package_name }}.store import ItemStore
{%- endif %}

SERVER = [
    sys.executable,
    "-m",
    "{{ cookiecutter.package_name }}.server",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server_env(settings: Settings{% if cookiecutter.database != 'none' %}, store: ItemStore{% endif %}) -> dict[str, str]:
    """The environment of a production server on a free loopback port.{% if cookiecutter.database != 'none' %}

    With the `store` fixture, which deletes the rows the server added.{% endif %}
    """
    return {
        **os.environ,
        "SECRET_KEY": "test-secret-key",
{%- if cookiecutter.database != 'none' %}
        "DATABASE_URL": settings.database_url,
{%- endif %}
        "DEBUG": "false",
        "HOST": "127.0.0.1",
        "PORT": str(free_port()),
        "THREADS": "4",
    }


@contextmanager
def running_server(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run the server in `log`'s directory (away from the project's .env) once it has started."""
    with log.open("wb") as output:
        process = subprocess.Popen(SERVER, cwd=log.parent, env=env, stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 60
        # The server answers a little before the engine reports it has started.
        while b"ENGINE Bus STARTED" not in log.read_bytes():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_serves_over_http_and_stops_cleanly_on_sigterm(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    base = f"http://127.0.0.1:{server_env['PORT']}"
    with running_server(server_env, tmp_path / "server.log") as process:
        with urllib.request.urlopen(f"{base}/health") as response:
            assert json.load(response) == {"status": "ok"}
            assert response.headers["X-Content-Type-Options"] == "nosniff"
        with urllib.request.urlopen(f"{base}/") as response:
            assert response.status == 200
{%- if cookiecutter.database != 'none' %}
        request = urllib.request.Request(
            f"{base}/api/items",
            data=json.dumps({"name": "Pen"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request) as response:
            assert response.status == 201
            assert json.load(response)["name"] == "Pen"
{%- endif %}
        with pytest.raises(HTTPError) as error:
            urllib.request.urlopen(f"{base}/nowhere")
        assert error.value.code == 404
        assert "Traceback" not in error.value.read().decode()

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0


def test_refuses_to_start_without_a_secret_key(server_env: dict[str, str], tmp_path: Path) -> None:
    result = subprocess.run(
        SERVER,
        cwd=tmp_path,
        env={**server_env, "SECRET_KEY": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_and_development_configurations() -> None:
    production = server_config(Settings(secret_key="s", port=9000, threads=4))
    assert production["environment"] == "production"
    assert (production["server.socket_port"], production["server.thread_pool"]) == (9000, 4)
    assert "environment" not in server_config(Settings(secret_key="s", debug=True))
