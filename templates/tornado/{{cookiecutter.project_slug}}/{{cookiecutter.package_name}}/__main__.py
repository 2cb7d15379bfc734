{%- set uses_db = cookiecutter.database != 'none' or cookiecutter.auth == 'yes' -%}
"""``python -m`` on the package: ``dev|serve{% if uses_db %}|migrate{% endif %}``, the servers{% if uses_db %} and the migrations{% endif %}."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from . import server
from .config import ConfigError, load_settings
{%- if uses_db %}
from .migrations import upgrade
{%- endif %}


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m {{ cookiecutter.package_name }}",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("dev", help="the development server (debug mode unless DEBUG=0)")
    commands.add_parser("serve", help="the production server ($WEB_CONCURRENCY processes)")
{%- if uses_db %}
    commands.add_parser("migrate", help="bring the database schema up to date, then exit")
{%- endif %}
    command = parser.parse_args(argv).command
    try:
        config = load_settings(debug_default=command == "dev")
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
{%- if uses_db %}
    upgrade(config.database_url)  # every command brings the schema up to date first
    if command == "migrate":
        return 0
{%- endif %}
    if command == "dev":
        server.run_dev(config)
        return 0
    return server.run_production(dataclasses.replace(config, debug=False))


if __name__ == "__main__":
    sys.exit(main())
