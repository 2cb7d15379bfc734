"""The tests of {{ cookiecutter.project_name|one_line }}."""
