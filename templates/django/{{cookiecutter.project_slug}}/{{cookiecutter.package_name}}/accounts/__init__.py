"""The project's user model{% if cookiecutter.auth == "yes" %}, and sign-up, login, logout and a page for signed-in users{% endif %}."""
