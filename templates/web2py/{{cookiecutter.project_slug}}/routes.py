"""URL routing, read by web2py at start: clean URLs instead of controller-file paths.

web2py's parameter-based router maps these URLs to the application's actions:

    /                       default/index     the home page
    /health                 health/index      {"status": "ok"}, without the models
    /favicon.ico            default/favicon   the icon, static/favicon.svg
    /api/items[/<id>]       api/items         the JSON CRUD resource (the list also as
                                              /api/items.json, .xml and .rss)
{%- if cookiecutter.auth == 'yes' %}
    /user/<action>          default/user      login, register, logout, profile, ...
    /private                default/private   a page for signed-in users
{%- endif %}
    /static/<file>          the application's static/ folder

Anything else is a 404.
"""

#: The one application this project serves, in applications/.
APPLICATION = "{{ cookiecutter.package_name }}"

routers = {
    # root_static: /favicon.ico is an action (the icon is an SVG), not a file in static/.
    "BASE": {
        "default_application": APPLICATION,
        "map_static": True,
        "root_static": ["robots.txt"],
    },
    APPLICATION: {
        "default_controller": "default",
        "controllers": ["default", "api", "health"],
        "functions": {
            "default": [
                "index",
                "favicon",
                "error",
{%- if cookiecutter.auth == 'yes' %}
                "user",
                "private",
{%- endif %}
            ],
            "api": ["items"],
            "health": ["index"],
        },
    },
}

# An internal error is answered by default/error (a plain page, or JSON for the API) instead
# of web2py's ticket link; the ticket itself is still written to the application's errors/.
routes_onerror = [(f"{APPLICATION}/500", f"/{APPLICATION}/default/error")]
error_message_ticket = "<html><body><h1>Internal error</h1></body></html>"
