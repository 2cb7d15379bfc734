"""The development server: Bottle's built-in one on the standard library's wsgiref.

DEBUG defaults to true here (template and code reloading, cookies allowed over plain
HTTP); production runs gunicorn instead (see gunicorn.conf.py).
"""

import os

import bottle

from .app import create_app
from .config import Config, load_dotenv


def main() -> None:
    """Serve the application on $HOST:$PORT until interrupted."""
    load_dotenv()
    config = Config.from_env({"DEBUG": "true", **os.environ})
    bottle.run(
        create_app(config),
        server="wsgiref",
        host=config.host,
        port=config.port,
        debug=config.debug,
        reloader=config.debug,
    )


if __name__ == "__main__":
    main()
