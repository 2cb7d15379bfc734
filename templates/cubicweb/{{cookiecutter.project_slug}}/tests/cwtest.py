"""The base class of the web tests: CubicWeb's PyramidCWTest, configured like production."""

from cubicweb.pyramid.test import PyramidCWTest
from pyramid.config import Configurator

from cubicweb_{{ cookiecutter.__cube }}.security import (
    DEBUG_SETTING,
    SECRET_KEY_SETTING,
    configure_csrf,
)


class AppTest(PyramidCWTest):
    """A test repository (built once from the schema and reused), this cube's routes, HTTPS.

    ``self.webapp`` is a WebTest client of the application; ``self.admin_access`` opens
    CubicWeb connections on the same repository.
    """

    settings = {SECRET_KEY_SETTING: "test-secret-key", DEBUG_SETTING: "false"}

    def includeme(self, config: Configurator) -> None:
        configure_csrf(config)  # as wsgi.make_app does, at the root of the configuration
