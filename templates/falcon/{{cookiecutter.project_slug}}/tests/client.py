{%- set asgi = cookiecutter.interface == 'asgi' -%}
"""The test client: ``falcon.testing.{{ 'ASGIConductor' if asgi else 'TestClient' }}``{% if asgi %}, driven from plain (synchronous) tests{% endif %}."""
{%- if asgi %}

import asyncio
from types import TracebackType
from typing import Any, Self

import falcon.asgi
from falcon import testing


class Client:
    """Simulate requests to an ASGI app inside one lifespan (startup once, shutdown once).

    ``falcon.testing.TestClient`` would run the app's lifespan around every request;
    ``ASGIConductor`` runs it once, around the ``with`` block. This wrapper keeps one
    event loop for the whole test so that the tests read the same as for a WSGI app.
    """

    def __init__(
        self, app: falcon.asgi.App[falcon.asgi.Request, falcon.asgi.Response]
    ) -> None:
        self.app = app
        self._runner = asyncio.Runner()
        self._conductor = testing.ASGIConductor(app)

    def __enter__(self) -> Self:
        self._runner.run(self._conductor.__aenter__())
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self._runner.run(self._conductor.__aexit__(kind, error, traceback))
        finally:
            self._runner.close()

    def simulate_request(self, method: str, path: str, **kwargs: Any) -> testing.Result:
        """Send one request through the app; ``kwargs`` as for ``simulate_request``."""
        result: testing.Result = self._runner.run(
            self._conductor.simulate_request(method, path, **kwargs)
        )
        return result

    def simulate_get(self, path: str, **kwargs: Any) -> testing.Result:
        return self.simulate_request("GET", path, **kwargs)

    def simulate_post(self, path: str, **kwargs: Any) -> testing.Result:
        return self.simulate_request("POST", path, **kwargs)

    def simulate_put(self, path: str, **kwargs: Any) -> testing.Result:
        return self.simulate_request("PUT", path, **kwargs)

    def simulate_delete(self, path: str, **kwargs: Any) -> testing.Result:
        return self.simulate_request("DELETE", path, **kwargs)
{%- else %}

from falcon import testing

Client = testing.TestClient
{%- endif %}
