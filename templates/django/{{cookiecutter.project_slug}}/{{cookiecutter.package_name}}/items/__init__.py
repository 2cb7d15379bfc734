"""The Item model, its admin and the JSON API at /api/items."""
