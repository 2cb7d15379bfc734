"""{{ cookiecutter.project_name|one_line }}: a Dash app.

``create_app()`` builds it.
"""

from .app import App, create_app

__all__ = ["App", "create_app"]
