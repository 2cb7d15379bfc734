"""Projects in the article's own words, the framework each should get, and a person answering."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import pytest

from scaffold.adaptive import Step, next_step
from scaffold.catalog import Catalog, load_catalog

CATALOG = load_catalog()
ALL = tuple(framework.name for framework in CATALOG.frameworks)


@dataclass(frozen=True)
class Scenario:
    """A project's answers, the framework that must come first, and a quote among its reasons."""

    id: str
    top: str
    quote: str
    answers: dict[str, str]

    def param(self) -> pytest.ParameterSet:
        return pytest.param(self, id=self.id)


def _s(id: str, top: str, quote: str, **answers: str) -> Scenario:
    return Scenario(f"{id}->{top}", top, quote, {k.rstrip("_"): v for k, v in answers.items()})


FLEXIBILITY = "Developing applications that demand for flexibility i.e using a variety of packages."
GROW = "Projects that are likely to scale up and become complex in the future."
MULTI_APP = "Large projects that can host one more than one application in one big application."
MONOLITH = (
    "Developing secure monolith server side rendered applications with various rendering formats."
)
OOP = "If you are an OOP(Object Oriented Programming) fanatic, surely, this will be your choice."
NO_DEPS = "Literally, It doesn't have any dependencies."
DASH = (
    "It is ideal for data scientists that aren't really into the intricacies of traditional web"
    " applications."
)
AIOHTTP = (
    "Asynchronous framework that relies on async and await features introduced in python 3.5+."
)
CUBES = (
    "CubicWeb applications are composed of cubes - A cube is a component which includes a model"
    " which defines some data types and views to display the data."
)
FALCON = (
    "Falcon is a blazingly fast micro web framework for building robust web application backends"
    " and micro services."
)
TORNADO_LOAD = "Tornado can scale up to heavy load traffic(tens of thousands of requests)"
TORNADO_WS = "this makes it ideal for long polling and Web sockets."
TURBOGEARS = "A web framework that can be both a micro framework and full stack framework."

SCENARIOS = [
    _s("rest-api-large-deadline", "django", "Developing REST APIs.",
       rest_api="yes", size="large", strict_deadline="yes"),
    _s("rest-api", "django", "Developing REST APIs.", rest_api="yes"),
    _s("secure-with-authorization", "django", "Building secure projects with authorization.",
       auth="yes"),
    _s("will-grow", "django", GROW, will_grow="yes"),
    _s("large-growing-secure", "django", GROW, size="large", will_grow="yes", auth="yes"),
    _s("large-deadline", "django", "Developing large projects with strict deadlines",
       size="large", strict_deadline="yes"),
    _s("rest-api-many-dbs", "django", "Developing REST APIs.", rest_api="yes",
       many_databases="yes"),
    _s("secure-oop", "django", "Building secure projects with authorization.", auth="yes",
       oop="yes"),
    _s("medium-rest-api-auth", "django", "Developing REST APIs.", size="medium", rest_api="yes",
       auth="yes"),
    _s("large-growing-few-deps", "django", GROW, size="large", will_grow="yes",
       min_dependencies="yes"),
    _s("many-dbs-multi-app-formats", "web2py", MULTI_APP, many_databases="yes", multi_app="yes",
       output_formats="yes"),
    _s("multi-app", "web2py", MULTI_APP, multi_app="yes"),
    _s("many-dbs", "web2py", "When developing for a range of database storages.",
       many_databases="yes"),
    _s("output-formats", "web2py",
       "It can render templates in a range of output formats, templates can be HTML, RSS, XML,"
       " JSON, PDF etc.", output_formats="yes"),
    _s("secure-server-rendered-formats", "web2py", MONOLITH, server_rendered="yes",
       output_formats="yes", auth="yes"),
    _s("large-multi-app", "web2py", MULTI_APP, size="large", multi_app="yes"),
    _s("server-rendered", "web2py", MONOLITH, server_rendered="yes"),
    _s("small-flexible", "flask", FLEXIBILITY, size="small", flexibility="yes"),
    _s("flexible", "flask", FLEXIBILITY, flexibility="yes"),
    _s("static-site-prototype-flexible", "flask", "Create static websites and rapid prototypes.",
       prototype="yes", flexibility="yes"),
    _s("small-flexible-with-auth", "flask", "Working on smaller projects", size="small",
       flexibility="yes", auth="yes"),
    _s("prototype-small-few-deps", "bottle", NO_DEPS, prototype="yes", size="small",
       min_dependencies="yes"),
    _s("few-deps", "bottle", NO_DEPS, min_dependencies="yes"),
    _s("simple-app-no-deps", "bottle", "Building simple web applications.", size="small",
       min_dependencies="yes"),
    _s("prototype-few-deps-flexible", "bottle", "Fast Prototyping", prototype="yes",
       min_dependencies="yes", flexibility="yes"),
    _s("oop-builtin-server", "cherrypy", OOP, oop="yes", builtin_server="yes"),
    _s("oop", "cherrypy", OOP, oop="yes"),
    _s("builtin-server", "cherrypy",
       "Besides the OOP syntax, this framework comes with a production ready server.",
       builtin_server="yes"),
    _s("small-fast-oop", "cherrypy",
       "When building small scale applications that require rapid development.",
       size="small", prototype="yes", oop="yes"),
    _s("prototype-builtin-server", "cherrypy", "Builing fast prototypes", prototype="yes",
       builtin_server="yes"),
    _s("analytical-app-for-data-scientists", "dash", DASH, data_dashboard="yes"),
    _s("small-analytical-app", "dash", DASH, data_dashboard="yes", size="small"),
    _s("analytical-app-serving-json", "dash", DASH, data_dashboard="yes", rest_api="yes"),
    _s("async-await", "aiohttp", AIOHTTP, async_="yes"),
    _s("async-with-its-own-server", "aiohttp", AIOHTTP, async_="yes", builtin_server="yes"),
    _s("semantic-cubes", "cubicweb", CUBES, semantic_data="yes"),
    _s("semantic-object-oriented", "cubicweb", CUBES, semantic_data="yes", oop="yes"),
    _s("large-semantic", "cubicweb", CUBES, semantic_data="yes", size="large"),
    _s("micro-service", "falcon", FALCON, microservice="yes"),
    _s("fast-rest-backend", "falcon", FALCON, microservice="yes", rest_api="yes"),
    _s("busy-micro-service", "falcon", FALCON, microservice="yes", high_traffic="yes"),
    _s("websockets", "tornado", TORNADO_WS, realtime="yes"),
    _s("heavy-load", "tornado", TORNADO_LOAD, high_traffic="yes"),
    _s("async-long-polling-heavy-load", "tornado", TORNADO_WS, async_="yes", realtime="yes",
       high_traffic="yes"),
    _s("async-websockets", "tornado", TORNADO_WS, async_="yes", realtime="yes"),
    _s("micro-then-full-stack", "turbogears", TURBOGEARS, micro_to_full="yes"),
    _s("sharded", "turbogears", "Supports sharding", sharding="yes"),
    _s("small-start-growing-full-stack", "turbogears", TURBOGEARS, micro_to_full="yes",
       size="small", will_grow="yes"),
]  # fmt: skip


def ask(
    truth: Mapping[str, str],
    catalog: Catalog = CATALOG,
    *,
    races: Sequence[Collection[str]] = (ALL,),
    preset: Mapping[str, str] | None = None,
) -> tuple[list[Step], dict[str, str]]:
    """Play a person who answers `truth` (defaults elsewhere): the steps asked, the answers."""
    answers = dict(preset or {})
    steps = []
    while (step := next_step(answers, catalog, races=races)).question is not None:
        steps.append(step)
        question = step.question
        answers[question.key] = truth.get(question.key, question.default)
    return steps, answers


def asked(steps: list[Step]) -> list[str]:
    """The keys of the questions asked, in order."""
    return [step.question.key for step in steps if step.question]


def questions_asked(races: Sequence[Collection[str]]) -> list[int]:
    """How many questions the person of each scenario is asked."""
    return [len(ask(scenario.answers, races=races)[0]) for scenario in SCENARIOS]
