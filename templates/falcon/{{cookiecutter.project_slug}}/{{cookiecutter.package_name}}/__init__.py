"""{{ cookiecutter.project_name|one_line }}: a Falcon application.

See ``app.create_app``, which builds it.
"""
