"""The pages: home, health check{% if cookiecutter.auth == 'yes' %}, sign-in pages{% endif %} and the internal error page."""

import json

from gluon.restricted import TicketStorage

from {{ cookiecutter.package_name }}.settings import PROJECT_NAME


def index():
    """The home page."""
    return {"project_name": PROJECT_NAME}


def health():
    """Liveness check for load balancers and the Docker HEALTHCHECK."""
    session.forget(response)
    return response.json({"status": "ok"})
{%- if cookiecutter.auth == 'yes' %}


def user():
    """Auth's pages: /user/login, /user/register, /user/logout, /user/profile, ..."""
    return {"form": auth()}


@auth.requires_login()
def private():
    """A page for signed-in users only; others are sent to the login page."""
    return {"user": auth.user}
{%- endif %}


def error():
    """Answer an internal error (see routes_onerror): JSON for the API, else a plain page.

    In debug mode the page shows the traceback web2py saved as a ticket in errors/.
    """
    if not request.env.web2py_status_code:  # only routes_onerror comes here
        raise HTTP(404)
    session.forget(response)
    failed = str(request.get_vars.requested_uri)  # the path as routed: /<app>/api/items
    if failed.startswith(("/api/", f"/{request.application}/api/")):
        body = json.dumps({"error": "internal server error"})
        raise HTTP(500, body, **{"Content-Type": "application/json"})
    traceback = None
    if config.debug and request.get_vars.ticket:
        app, _, ticket_id = str(request.get_vars.ticket).partition("/")
        traceback = TicketStorage().load(request, app, ticket_id).get("traceback")
    return {"traceback": traceback}
