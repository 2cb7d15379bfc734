"""A Bottle web application: ``create_app`` in app.py builds it, gunicorn serves it."""

PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
