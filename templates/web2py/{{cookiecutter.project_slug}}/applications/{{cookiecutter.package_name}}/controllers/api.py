"""The items resource: JSON CRUD at /api/items and /api/items/<id>.

The list is paginated: ``?limit=`` (default 50, at most 100) and ``?offset=`` (default 0).

The list also renders as /api/items.json, /api/items.xml and /api/items.rss through the
views in views/api/: one action, several formats. Errors are JSON {"error": "..."}.
"""

import json

MAX_ID = 2**31 - 1  # the id column is a 32-bit integer on every backend
DEFAULT_LIMIT = 50
MAX_LIMIT = 100


def items():
    """Dispatch on the method and on the id in the URL, if any."""
    session.forget(response)  # an API answers without a session cookie
    method = request.env.request_method
    if not request.args:
        if method == "GET":
            if request.extension == "html":  # /api/items itself answers JSON
                response.view = "api/items.json"
            offset, limit = _page(request.get_vars)
            rows = db(db.item).select(orderby=db.item.id, limitby=(offset, offset + limit))
            return {"items": rows.as_list()}
        if method == "POST":
            created = db.item.validate_and_insert(name=_name_from_body(request.body))
            _reject(created["errors"])
            response.status = 201
            return response.json(_as_json(db.item(created["id"])))
        raise _error(405, f"method {method} not allowed", Allow="GET, POST")
    item = _find_item(request.args)
    if method == "GET":
        return response.json(_as_json(item))
    if method == "PUT":
        updated = db.item.validate_and_update(item.id, name=_name_from_body(request.body))
        _reject(updated["errors"])
        return response.json(_as_json(db.item(item.id)))
    if method == "DELETE":
        item.delete_record()
        raise HTTP(204)
    raise _error(405, f"method {method} not allowed", Allow="GET, PUT, DELETE")


def _page(query):
    """Return (offset, limit) from ?offset=&limit=, or answer 400."""
    limit = _whole_number(query, "limit", DEFAULT_LIMIT)
    if not 1 <= limit <= MAX_LIMIT:
        raise _error(400, f'"limit" must be between 1 and {MAX_LIMIT}')
    return _whole_number(query, "offset", 0), limit


def _whole_number(query, name, default):
    """Return the query parameter ``name`` as a whole number, or answer 400."""
    value = query.get(name)
    if value is None:
        return default
    if isinstance(value, list) or not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise _error(400, f'"{name}" must be a whole number')
    return int(value)


def _find_item(args):
    """Return the item that /api/items/<id> names, or answer 404."""
    if len(args) == 1 and args[0].isascii() and args[0].isdigit():
        item_id = int(args[0])
        item = db.item(item_id) if 0 < item_id <= MAX_ID else None
        if item:
            return item
    raise _error(404, "item not found")


def _name_from_body(body):
    """Return the "name" of the JSON object in the request body, or answer 400."""
    try:
        data = json.loads(body.read())
    except ValueError:
        raise _error(400, "the body must be JSON") from None
    if not isinstance(data, dict):
        raise _error(400, 'the body must be a JSON object like {"name": "..."}')
    name = data.get("name")
    if not isinstance(name, str):
        raise _error(400, '"name" is required and must be a string')
    if "\x00" in name:
        raise _error(400, '"name" must not contain NUL characters')
    return name


def _reject(errors):
    """Answer 400 with the validators' first complaint, if any."""
    for field, message in errors.items():
        raise _error(400, f'"{field}": {message}')


def _as_json(item):
    """Return the item as the API shows it."""
    return {"id": item.id, "name": item.name}


def _error(status, message, **headers):
    """Return the HTTP exception carrying the JSON error {"error": message}."""
    headers["Content-Type"] = "application/json"
    return HTTP(status, json.dumps({"error": message}), **headers)
