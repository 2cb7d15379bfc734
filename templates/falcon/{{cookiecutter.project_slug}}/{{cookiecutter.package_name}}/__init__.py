"""{{ cookiecutter.project_name|one_line }}: a Falcon application (see ``app.create_app``)."""
