"""Development server: Dash's dev tools and hot reload on $HOST:$PORT (``python -m`` it)."""

import os

from dotenv import find_dotenv, load_dotenv

from . import config, create_app


def main() -> None:
    """Run Dash's development server, in debug mode unless DASH_DEBUG=0 is set."""
    load_dotenv(find_dotenv(usecwd=True))
    os.environ.setdefault("DASH_DEBUG", "1")
    app = create_app()
    app.run(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8000")),
        debug=config.is_debug(),
        # The dev tools would ask plotly.com for Dash's latest version: the CSP forbids it.
        dev_tools_disable_version_check=True,
    )


if __name__ == "__main__":
    main()
