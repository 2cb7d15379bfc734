"""The database, the session and the page title, set up before every action.

web2py runs the models, then the controller, in an environment that already holds
request, response, session, T, HTTP, URL and the validators.
"""

from gluon.dal import DAL, Field, InDBMigrator
{%- if cookiecutter.auth == 'yes' %}
from gluon.tools import Auth
{%- endif %}

from {{ cookiecutter.package_name }}.settings import PROJECT_NAME, get_settings

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

db = DAL(
    config.dal_uri,
    pool_size=10,
    decode_credentials=True,  # user and password come percent-encoded in DATABASE_URL
    # Table definitions are kept in the database itself rather than in .table files, so
    # they always describe the database DATABASE_URL points at.
    adapter_args={"migrator": InDBMigrator},
    # Tables are created and altered in debug mode and by wsgi.migrate(), which the
    # servers run at start; production requests never run schema changes.
    migrate_enabled=config.debug or request.is_shell,
    lazy_tables=True,
)

db.define_table(
    "item",
    Field("name", length=200, notnull=True, requires=[IS_NOT_EMPTY(), IS_LENGTH(200)]),
)
{%- if cookiecutter.auth == 'yes' %}

auth = Auth(db, mailer=False, signature=False)
auth.settings.password_min_length = 8
auth.settings.login_after_registration = True
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
auth.define_tables(username=False, signature=False)
{%- endif %}

response.title = PROJECT_NAME
