"""Runs first (models run in alphabetical order): /health skips the other models.

The health check needs neither the session, the database nor Auth, so the models that set
them up do not run for it; ``response.models_to_run`` is web2py's switch for that.
"""

if request.controller == "health":
    response.models_to_run = [r"^0_health\.py$"]
