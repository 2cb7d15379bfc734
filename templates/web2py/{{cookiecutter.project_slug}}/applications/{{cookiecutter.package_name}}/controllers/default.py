"""The pages: home, icon{% if cookiecutter.auth == 'yes' %}, sign-in pages{% endif %} and the internal error page."""

import json
import os

from gluon.restricted import TicketStorage

from {{ cookiecutter.package_name }}.settings import PROJECT_NAME


def index():
    """The home page."""
    return {"project_name": PROJECT_NAME}


def favicon():
    """/favicon.ico, which browsers ask for whatever the page says: the SVG icon."""
    session.forget(response)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response.stream(os.path.join(request.folder, "static", "favicon.svg"), request=request)
{%- if cookiecutter.auth == 'yes' %}


def user():
    """Auth's pages: /user/login, /user/register, /user/profile, ... and /user/logout."""
    if request.args(0) == "logout":
        __logout()
    return {"form": auth()}


def __logout():
    """Sign out on a POST carrying the form key of the layout's button; nothing else."""
    if request.env.request_method != "POST":
        raise HTTP(405, "Log out with the button of the page header.", Allow="POST")
    if not auth.user:
        redirect(URL("default", "index"))
    if not logout_form().accepted:
        raise HTTP(403, "The form has expired: reload the page and try again.")
    auth.logout()


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
