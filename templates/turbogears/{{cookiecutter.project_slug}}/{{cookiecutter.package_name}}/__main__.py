"""The development server, which ``python -m`` runs for this package, with debug on.

It serves with the standard library's wsgiref on $HOST:$PORT, one request at a time;
production uses gunicorn (see gunicorn.conf.py).
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from wsgiref.simple_server import make_server

from dotenv import load_dotenv


def main() -> None:
    """Serve the application in debug mode until interrupted."""
    load_dotenv(Path.cwd() / ".env", override=False)
    os.environ.setdefault("DEBUG", "1")
    from {{ cookiecutter.package_name }}.main import application

    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    with make_server(host, port, application) as server:
        print(f"Serving on http://{host}:{port} (Ctrl-C to stop)")  # noqa: T201
        with suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main()
