"""Development server: Flask's debugger and reloader on $HOST:$PORT (``python -m`` this package)."""

import os

from flask.cli import load_dotenv

from . import create_app


def main() -> None:
    """Run Flask's development server, in debug mode unless FLASK_DEBUG=0 is set."""
    load_dotenv()
    os.environ.setdefault("FLASK_DEBUG", "1")
    app = create_app()
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))


if __name__ == "__main__":
    main()
