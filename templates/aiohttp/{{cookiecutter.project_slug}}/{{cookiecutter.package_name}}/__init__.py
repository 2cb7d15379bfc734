"""{{ cookiecutter.project_name|one_line }}: an aiohttp application.

``app.create_app`` builds it; gunicorn serves ``app.app_factory``.
"""
