"""A bare TurboGears minimal-mode app answering /health, for the throughput benchmark."""

from tg import MinimalApplicationConfigurator, TGController, expose

COMMAND = "gunicorn bare_turbogears:application"


class Root(TGController):
    """The root controller."""

    @expose("json")
    def health(self) -> dict[str, str]:
        """Answer that the process is up."""
        return {"status": "ok"}


configurator = MinimalApplicationConfigurator()
configurator.update_blueprint({"root_controller": Root()})
application = configurator.make_wsgi_app()
