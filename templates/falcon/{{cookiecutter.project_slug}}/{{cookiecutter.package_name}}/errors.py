"""Errors: ``falcon.HTTPError`` subclasses, all answered as JSON ``{"error": "..."}``.

Falcon turns every ``HTTPError`` a responder raises into a response through the app's
error serializer; an unexpected exception becomes a 500 whose traceback goes to the
log, never to the client.
"""

import json

import falcon


class NotFound(falcon.HTTPNotFound):
    """404: the thing asked for does not exist."""

    def __init__(self, description: str) -> None:
        super().__init__(description=description)


class InvalidInput(falcon.HTTPBadRequest):
    """400: the request's content is not what the resource accepts."""

    def __init__(self, description: str) -> None:
        super().__init__(description=description)


def serialize_error(req: falcon.Request, resp: falcon.Response, error: falcon.HTTPError) -> None:
    """Answer every error, whatever the client accepts, as ``{"error": "<what went wrong>"}``."""
    message = error.description or error.title
    resp.content_type = falcon.MEDIA_JSON
    resp.data = json.dumps({"error": message}).encode()
