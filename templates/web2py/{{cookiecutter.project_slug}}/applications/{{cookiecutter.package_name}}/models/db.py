"""The database, the session{% if cookiecutter.auth == 'yes' %}, Auth{% endif %} and the page title, set up before every action.

web2py runs the models, then the controller, in an environment that already holds
request, response, session, T, HTTP, URL and the validators. The tables are defined
once per process, not on every request: ``shared_database`` calls ``define_tables``
the first time and hands the same DAL to every later request.
"""
{% if cookiecutter.auth == 'yes' %}
from gluon import current
{%- endif %}
from gluon.dal import DAL, Field
{%- if cookiecutter.auth == 'yes' %}
from gluon.html import BUTTON, FORM
from gluon.tools import Auth
{%- endif %}

from {{ cookiecutter.package_name }}.database import shared_database
{%- if cookiecutter.auth == 'yes' %}
from {{ cookiecutter.package_name }}.forms import (
    formstyle,
    plain,  # noqa: F401 (views use plain)
)
{%- endif %}
from {{ cookiecutter.package_name }}.settings import (
    PROJECT_NAME,
    get_settings,
)

config = get_settings()

# The session lives in a cookie, encrypted and signed with SECRET_KEY, and is only sent when
# it changes; the package's wsgi.py marks the cookie HttpOnly, SameSite=Lax and, in
# production, Secure.
session.connect(request, response, cookie_key=config.secret_key, compression_level=None)
# Drop the session-id cookie web2py prepared for file sessions: cookie sessions have no id.
response.cookies.pop(response.session_id_name, None)
response.session_id = None

# The router hands unknown path segments to the default action as arguments ("/nope" would
# reach index with args ["nope"]): only the actions that take arguments accept any.
if request.args and request.function not in {"items"{% if cookiecutter.auth == 'yes' %}, "user"{% endif %}}:
    raise HTTP(404)
{%- if cookiecutter.auth == 'yes' %}


def new_auth(db: DAL) -> Auth:
    """Return Auth for this request (it reads the request and the session), configured."""
    auth = Auth(db, mailer=False, signature=False)
    auth.settings.formstyle = formstyle  # paragraphs, not web2py's table layout
    auth.settings.password_min_length = 8
    auth.settings.login_after_registration = True
    auth.settings.logout_next = URL("default", "index")
    # No mail server is configured: leave out the actions that send one.
    auth.settings.actions_disabled = [
        "verify_email",
        "retrieve_username",
        "request_reset_password",
        "reset_password",
        "bulk_register",
        "impersonate",
        "groups",
    ]
    return auth
{%- endif %}


def define_tables(db: DAL) -> None:
    """Define every table: once per process, by its first request or by wsgi.migrate()."""
    db.define_table(
        "item",
        Field("name", length=200, notnull=True, requires=[IS_NOT_EMPTY(), IS_LENGTH(200)]),
    )
{%- if cookiecutter.auth == 'yes' %}
    new_auth(db).define_tables(username=False, signature=False)
    # Auth's event log takes as defaults the time and address of the request that defines
    # its table: read them at each insert instead.
    db.auth_event.time_stamp.default = lambda: current.request.now
    db.auth_event.client_ip.default = lambda: current.request.client
{%- endif %}


# Tables are created and altered by wsgi.migrate() (request.is_shell), which both servers
# run at start: requests never change the schema.
db = shared_database(define_tables, migrate=bool(request.is_shell))
{% if cookiecutter.auth == 'yes' %}
auth = new_auth(db)
# What auth.define_tables() sets besides defining the tables, which exist already.
auth.settings.use_username = False
auth.settings.update(
    table_user=db.auth_user,
    table_group=db.auth_group,
    table_membership=db.auth_membership,
    table_permission=db.auth_permission,
    table_event=db.auth_event,
)


def logout_form() -> FORM:
    """The "Log out" button: a POST carrying web2py's one-time form key against CSRF.

    Called by the layout, which shows it, and by the logout action, which accepts the
    logout only if the key is one this session was given.
    """
    form = FORM(
        BUTTON("Log out", _type="submit"),
        _action=URL("default", "user", args="logout"),
        _method="post",
        _id="logout",
    )
    form.accepted = form.accepts(request.post_vars, session, formname="logout")
    return form

{% endif %}
response.title = PROJECT_NAME
