"""The data model: entity types and their attributes, in yams.

Every change to this file is a schema change of the instance's database: write a
migration script in ``migration/`` for an existing instance (see the README).
"""

from yams.buildobjs import EntityType, String

#: Anonymous visitors belong to the "guests" group: the items API is open to them, as the
#: starter's API is open; narrow these permissions to guard it.
OPEN_TO_ALL: tuple[str, ...] = ("managers", "users", "guests")


class Item(EntityType):
    """A named thing, served by /api/items and listed on the home page."""

    __permissions__ = {
        "read": OPEN_TO_ALL,
        "add": OPEN_TO_ALL,
        "update": OPEN_TO_ALL,
        "delete": OPEN_TO_ALL,
    }
    # yams' own type hints give every definition a "name" (the type's); an attribute may
    # still be called name.
    name = String(  # type: ignore[assignment]
        required=True, maxsize=200, description="what the item is called"
    )
