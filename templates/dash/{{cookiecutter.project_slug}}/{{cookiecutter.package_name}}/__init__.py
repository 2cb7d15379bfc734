"""{{ cookiecutter.project_name|one_line }}: a Dash app, built by ``create_app()``."""

from .app import App, create_app

__all__ = ["App", "create_app"]
