{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""Development server on $HOST:$PORT, in debug mode unless DEBUG=0 (``python -m`` this package)."""

import os
{%- if asgi %}
from pathlib import Path

import uvicorn
{%- else %}
from contextlib import suppress
from wsgiref.simple_server import make_server
{%- endif %}
{% if not asgi %}
from .app import create_app
{%- endif %}
from .config import load_dotenv_file


def main() -> None:
{%- if asgi %}
    """Serve the app with uvicorn, reloading it whenever a file of the package changes."""
    load_dotenv_file()
    os.environ.setdefault("DEBUG", "1")
    uvicorn.run(
        "{{ cookiecutter.package_name }}.app:create_app",
        factory=True,
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8000")),
        reload=True,
        reload_dirs=[str(Path(__file__).parent)],
    )
{%- else %}
    """Serve the app with the standard library's WSGI server (one request at a time)."""
    load_dotenv_file()
    os.environ.setdefault("DEBUG", "1")
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    with make_server(host, port, create_app()) as server:
        print(f"Serving on http://{host}:{port} (Ctrl-C to stop)", flush=True)  # noqa: T201
        with suppress(KeyboardInterrupt):
            server.serve_forever()
{%- endif %}


if __name__ == "__main__":
    main()
