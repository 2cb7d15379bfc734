"""Development server: web2py's own Rocket server, in debug mode, on $HOST:$PORT."""

import os

os.environ.setdefault("DEBUG", "true")  # before the settings are read; DEBUG=false still wins

# Sets up gluon for the project root: before any other gluon import.
from {{ cookiecutter.package_name }} import wsgi


def main() -> None:
    """Migrate the tables, then serve until Ctrl-C."""
    from gluon.rocket import Rocket

    settings = wsgi.SETTINGS
    wsgi.migrate()
    print(f"Serving on http://{settings.host}:{settings.port}/ (debug={settings.debug})")
    server = Rocket((settings.host, settings.port), "wsgi", {"wsgi_app": wsgi.application})
    server.start()


if __name__ == "__main__":
    main()
