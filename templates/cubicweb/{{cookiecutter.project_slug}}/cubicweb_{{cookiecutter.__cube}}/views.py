"""Pyramid views of the cube: the home page, /health, the items API and the error answers.

Every query is RQL, CubicWeb's Relational Query Language, run on ``request.cw_cnx``: a
connection of the visitor's CubicWeb session (the anonymous account here), which checks
the permissions of ``schema.py`` and runs the hooks of ``hooks.py``. It is committed when
the request ends, or rolled back on an error; the views commit themselves to answer
validation errors as 400.
"""

import logging
from pathlib import Path
from typing import Any

from cubicweb import UnknownEid, ValidationError
from pyramid.csrf import get_csrf_token
from pyramid.exceptions import BadCSRFOrigin, BadCSRFToken
from pyramid.httpexceptions import HTTPException, HTTPForbidden, HTTPNoContent, HTTPSeeOther
from pyramid.request import Request
from pyramid.response import FileResponse, Response
from pyramid.view import exception_view_config, notfound_view_config, view_config
from rql import TypeResolverException

from .settings import PROJECT_NAME

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
MAX_EID = 2**31 - 1  # CubicWeb's eids are 32-bit integers in the database
HOME_PAGE_ITEMS = 20
FAVICON = str(Path(__file__).with_name("static") / "favicon.svg")

#: The query the home page runs, shown on the page too.
HOME_PAGE_QUERY = f"Any X, N ORDERBY X DESC LIMIT {HOME_PAGE_ITEMS} WHERE X is Item, X name N"
# RQL takes LIMIT and OFFSET as literal numbers: _page() has checked they are integers.
ITEMS_QUERY = "Any X, N ORDERBY X LIMIT {limit:d} OFFSET {offset:d} WHERE X is Item, X name N"
# Selecting the name makes the database answer: each worker caches eid -> type, so
# "X eid N" alone would still match in a worker that saw the item before another deleted it.
ITEM_QUERY = "Any X, N WHERE X is Item, X eid %(eid)s, X name N"


class ItemNotFound(Exception):
    """No item has this id: it never existed, was deleted, or is another kind of entity."""


def json_error(status: int, message: str) -> Response:
    """Return ``{"error": message}`` with ``status``."""
    return Response(json={"error": message}, status=status)


# Pages.


@view_config(
    route_name="home",
    request_method="GET",
    renderer="templates/index.jinja2",
)
def home(request: Request) -> dict[str, Any]:
    """The home page: the project's name and the latest items, listed by an RQL query."""
    rows = request.cw_cnx.execute(HOME_PAGE_QUERY).rows
    return {
        "project_name": PROJECT_NAME,
        "items": [{"id": eid, "name": name} for eid, name in rows],
        "query": HOME_PAGE_QUERY,
        "csrf_token": get_csrf_token(request),
    }


@view_config(route_name="home", request_method="POST", require_csrf=True)
def add_from_form(request: Request) -> Response:
    """Add an item from the home page's form (CSRF-checked), then show the page again."""
    name = request.POST.get("name", "")
    try:
        request.cw_cnx.create_entity("Item", name=name)
        request.cw_cnx.commit()
    except ValidationError:
        request.cw_cnx.rollback()
    return HTTPSeeOther(location=request.route_path("home"))


@view_config(route_name="favicon", request_method="GET")
def favicon(request: Request) -> Response:
    """Browsers ask for /favicon.ico whatever the page says: answer the icon."""
    response = FileResponse(FAVICON, request=request, content_type="image/svg+xml")
    response.cache_control.max_age = 86400
    return response


@view_config(route_name="health", request_method="GET", renderer="json")
def health(request: Request) -> dict[str, str]:
    """Liveness: answers without touching the database."""
    return {"status": "ok"}


# The items API (JSON). CSRF protects forms; a JSON API is not a form target.


def _page(request: Request) -> tuple[int, int]:
    limit_text = request.GET.get("limit", str(DEFAULT_PAGE_SIZE))
    offset_text = request.GET.get("offset", "0")
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_PAGE_SIZE:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_PAGE_SIZE}")
    if not offset_text.isdigit():
        raise ValueError("offset must be a whole number, 0 or more")
    return int(limit_text), int(offset_text)


def _name(request: Request) -> str:
    try:
        body = request.json_body
    except ValueError as error:
        raise ValueError("the body must be JSON") from error
    if not isinstance(body, dict):
        raise ValueError('the body must be a JSON object: {"name": "..."}')
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name is required: a non-empty string")
    return name


def _find(request: Request) -> dict[str, Any]:
    eid = int(request.matchdict["eid"])
    if eid > MAX_EID:
        raise ItemNotFound
    try:
        rows = request.cw_cnx.execute(ITEM_QUERY, {"eid": eid}).rows
    except (TypeResolverException, UnknownEid) as error:  # no entity, or not an Item
        raise ItemNotFound from error
    if not rows:
        raise ItemNotFound
    ((found_eid, name),) = rows
    return {"id": found_eid, "name": name}


def _validation_message(error: ValidationError) -> str:
    errors = error.errors or {}
    return "; ".join(f"{field}: {message}" for field, message in errors.items()) or str(error)


@view_config(route_name="items", request_method="GET", require_csrf=False)
def list_items(request: Request) -> Response:
    """``GET /api/items?limit=&offset=``: one page of items, oldest first."""
    try:
        limit, offset = _page(request)
    except ValueError as error:
        return json_error(400, str(error))
    rows = request.cw_cnx.execute(ITEMS_QUERY.format(limit=limit, offset=offset)).rows
    return Response(json=[{"id": eid, "name": name} for eid, name in rows])


@view_config(route_name="items", request_method="POST", require_csrf=False)
def create_item(request: Request) -> Response:
    """``POST /api/items {"name": ...}``: 201 with the new item."""
    try:
        name = _name(request)
    except ValueError as error:
        return json_error(400, str(error))
    cnx = request.cw_cnx
    try:
        item = cnx.create_entity("Item", name=name)
        cnx.commit()
    except ValidationError as error:
        cnx.rollback()
        return json_error(400, _validation_message(error))
    response = Response(json=item.as_json(), status=201)
    response.location = request.route_url("item", eid=item.eid)
    return response


@view_config(route_name="item", request_method="GET", require_csrf=False)
def get_item(request: Request) -> Response:
    """``GET /api/items/<id>``: the item."""
    return Response(json=_find(request))


@view_config(route_name="item", request_method="PUT", require_csrf=False)
def update_item(request: Request) -> Response:
    """``PUT /api/items/<id> {"name": ...}``: the renamed item."""
    item = _find(request)
    try:
        name = _name(request)
    except ValueError as error:
        return json_error(400, str(error))
    cnx = request.cw_cnx
    try:
        cnx.execute(
            "SET X name %(name)s WHERE X is Item, X eid %(eid)s", {"name": name, "eid": item["id"]}
        )
        cnx.commit()
    except ValidationError as error:
        cnx.rollback()
        return json_error(400, _validation_message(error))
    return Response(json=_find(request))


@view_config(route_name="item", request_method="DELETE", require_csrf=False)
def delete_item(request: Request) -> Response:
    """``DELETE /api/items/<id>``: 204."""
    item = _find(request)
    request.cw_cnx.execute("DELETE Item X WHERE X eid %(eid)s", {"eid": item["id"]})
    request.cw_cnx.commit()
    return HTTPNoContent()


# Errors: JSON, never a traceback.


@exception_view_config(ItemNotFound)
def item_not_found(exc: ItemNotFound, request: Request) -> Response:
    return json_error(404, "item not found")


@notfound_view_config()
def not_found(request: Request) -> Response:
    return json_error(404, "not found")


@exception_view_config(BadCSRFToken)
@exception_view_config(BadCSRFOrigin)
def bad_csrf_token(exc: Exception, request: Request) -> Response:
    return json_error(HTTPForbidden.code, "CSRF token missing or invalid: reload the form")


@exception_view_config(HTTPException)
def http_error(exc: HTTPException, request: Request) -> Response:
    if exc.code is not None and exc.code < 400:  # redirects and 204s are answers, not errors
        return exc
    return json_error(exc.code or 500, exc.title)


@exception_view_config(Exception)
def server_error(exc: Exception, request: Request) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return json_error(500, "internal server error")
