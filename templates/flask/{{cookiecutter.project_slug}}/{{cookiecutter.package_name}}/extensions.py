"""The Flask extensions, created here unbound and initialised by ``create_app``."""

{% if cookiecutter.auth == 'yes' %}from flask_login import LoginManager
{% endif %}
{%- if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
{% endif -%}
from flask_wtf.csrf import CSRFProtect
{%- if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Model base whose constraints have stable names, so that migrations can refer to them."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
{%- endif %}
{% if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}
{% endif %}
#: Every POST, PUT, PATCH and DELETE needs a CSRF token, except on exempted blueprints.
csrf = CSRFProtect()
{%- if cookiecutter.database != 'none' or cookiecutter.auth == 'yes' %}
db = SQLAlchemy(model_class=Base)
migrate = Migrate()
{%- endif %}
{%- if cookiecutter.auth == 'yes' %}
login_manager = LoginManager()
login_manager.login_view = "auth.login"
{%- endif %}
