"""Tests for scaffold.catalog: the shipped data and the strict validation of data files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold.catalog import (
    Catalog,
    Criterion,
    Framework,
    Point,
    Question,
    load_catalog,
    load_catalog_from,
    load_catalog_in,
)
from scaffold.errors import AnswerError, CatalogError, UnknownFrameworkError

DETAILED = ["django", "web2py", "flask", "bottle", "cherrypy"]
TABLE_ONLY = ["dash", "aiohttp", "cubicweb", "falcon", "tornado", "turbogears"]
DESIGN_KEYS = [
    "size", "rest_api", "auth", "strict_deadline", "will_grow", "multi_app", "many_databases",
    "output_formats", "server_rendered", "prototype", "flexibility", "min_dependencies", "oop",
    "builtin_server", "async", "realtime", "high_traffic", "data_dashboard", "microservice",
    "semantic_data", "micro_to_full", "sharding",
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_frameworks_in_the_articles_order(catalog: Catalog) -> None:
    assert [framework.name for framework in catalog.frameworks] == DETAILED + TABLE_ONLY


def test_load_catalog_is_cached() -> None:
    assert load_catalog() is load_catalog()


@pytest.mark.parametrize("name", DETAILED + TABLE_ONLY)
def test_every_framework_is_complete_and_typed(catalog: Catalog, name: str) -> None:
    framework = catalog.framework(name)
    assert isinstance(framework, Framework)
    assert framework.kind in ("full-stack", "micro")
    for text in (framework.title, framework.summary, framework.description):
        assert isinstance(text, str) and text.strip()
    assert "\n" not in framework.summary
    assert framework.features and all(isinstance(f, str) and f for f in framework.features)
    for field in ("features", "pros", "cons", "when_to_use", "examples", "criteria"):
        assert isinstance(getattr(framework, field), tuple), field
    assert all(isinstance(point, Point) for point in framework.pros + framework.cons)
    assert all(isinstance(criterion, Criterion) for criterion in framework.criteria)


@pytest.mark.parametrize("name", DETAILED)
def test_detailed_frameworks_carry_the_articles_profile(catalog: Catalog, name: str) -> None:
    framework = catalog.framework(name)
    assert framework.pros and framework.cons and framework.when_to_use
    assert any(c.weight > 0 for c in framework.criteria)
    assert any(c.weight < 0 for c in framework.criteria)


@pytest.mark.parametrize("name", TABLE_ONLY)
def test_table_only_frameworks_have_no_pros_or_cons(catalog: Catalog, name: str) -> None:
    framework = catalog.framework(name)
    assert framework.pros == () and framework.cons == ()


@pytest.mark.parametrize(
    ("name", "kind"),
    [("django", "full-stack"), ("web2py", "full-stack"), ("flask", "micro"),
     ("bottle", "micro"), ("cherrypy", "micro"), ("falcon", "micro")],
)  # fmt: skip
def test_kinds_follow_the_article(catalog: Catalog, name: str, kind: str) -> None:
    assert catalog.framework(name).kind == kind


def test_summary_table_features_are_split_into_items(catalog: Catalog) -> None:
    assert catalog.framework("cherrypy").features[-1] == (
        "Built-in tools for caching, encoding, sessions, authentication, static content,"
        " and many more"
    )
    assert "Pluggable Applications" in catalog.framework("turbogears").features
    assert catalog.framework("django").examples == ("Instagram", "Spotify", "Disqus")


def test_criteria_name_known_questions_and_accepted_values(catalog: Catalog) -> None:
    for framework in catalog.frameworks:
        for criterion in framework.criteria:
            question = catalog.question(criterion.question)
            assert criterion.value in question.choices
            assert criterion.value != question.default


def test_framework_to_dict_is_json_ready(catalog: Catalog) -> None:
    data = catalog.framework("flask").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["name"] == "flask"
    assert data["pros"][0] == {"title": "Documentation", "text": data["pros"][0]["text"]}
    assert data["criteria"][0]["question"] == "size"


def test_questions_follow_the_design_in_order(catalog: Catalog) -> None:
    assert [question.key for question in catalog.questions] == DESIGN_KEYS
    for question in catalog.questions:
        assert isinstance(question, Question)
        assert question.prompt and question.help
        assert question.default in question.choices
        if question.kind == "bool":
            assert question.choices == ("yes", "no")
    assert catalog.question("size").choices == ("small", "medium", "large")


def test_question_implies_template_options(catalog: Catalog) -> None:
    assert catalog.question("rest_api").implies == {"yes": {"rest_api": "drf"}}
    assert catalog.question("auth").implies == {"yes": {"auth": "yes"}}
    assert catalog.question("async").implies == {"yes": {"interface": "asgi"}}
    assert catalog.question("oop").implies == {}


def test_every_question_can_change_some_score(catalog: Catalog) -> None:
    asked = {c.question for framework in catalog.frameworks for c in framework.criteria}
    assert asked == {question.key for question in catalog.questions}


@pytest.mark.parametrize("name", DETAILED + TABLE_ONLY)
def test_every_framework_has_a_reason_to_be_chosen(catalog: Catalog, name: str) -> None:
    assert any(c.weight > 0 for c in catalog.framework(name).criteria)


@pytest.mark.parametrize("name", ["flask", "Flask", "FLASK"])
def test_framework_lookup_ignores_case(catalog: Catalog, name: str) -> None:
    assert catalog.framework(name).name == "flask"


def test_unknown_framework_lists_known_and_suggests(catalog: Catalog) -> None:
    with pytest.raises(UnknownFrameworkError) as error:
        catalog.framework("flsk")
    message = str(error.value)
    assert message.startswith('Unknown framework "flsk". Known: django, web2py, flask,')
    assert message.endswith('Did you mean "flask"?')
    assert error.value.exit_code == 2


def test_unknown_question_suggests(catalog: Catalog) -> None:
    with pytest.raises(AnswerError, match=r'Unknown question "rest-api".*Did you mean "rest_api"'):
        catalog.question("rest-api")


QUESTIONS = """\
[questions.size]
prompt = "How big?"
help = "How big the project is."
kind = "choice"
choices = ["small", "medium", "large"]
default = "medium"

[questions.rest_api]
prompt = "A REST API?"
help = "Whether it serves JSON."
kind = "bool"
default = "no"

[questions.rest_api.implies]
yes = { rest_api = "drf" }
"""

FRAMEWORKS = """\
[frameworks.django]
title = "Django"
kind = "full-stack"
summary = "Secure and feature rich."
description = "The web framework for perfectionists."
features = ["Secure", "URL routing"]
pros = [{ title = "Security", text = "Protection against CSRF." }]
cons = []
when_to_use = ["Developing REST APIs."]
examples = ["Instagram"]

[[frameworks.django.criteria]]
question = "rest_api"
value = "yes"
weight = 3
reason = "building a REST API"
quote = "Developing REST APIs."

[[frameworks.django.criteria]]
question = "size"
value = "small"
weight = -3
reason = "too feature rich for a small project"
quote = "unsuitable for small projects"
"""


def test_minimal_data_loads() -> None:
    catalog = load_catalog_from(FRAMEWORKS, QUESTIONS)
    assert catalog.framework("django").criteria[1] == Criterion(
        "size", "small", -3, "too feature rich for a small project", "unsuitable for small projects"
    )
    assert catalog.question("rest_api").choices == ("yes", "no")


def test_minimal_data_keeps_every_field_of_a_question() -> None:
    catalog = load_catalog_from(FRAMEWORKS, QUESTIONS)
    assert catalog.questions == (
        Question("size", "How big?", "How big the project is.", "choice",
                 ("small", "medium", "large"), "medium"),
        Question("rest_api", "A REST API?", "Whether it serves JSON.", "bool", ("yes", "no"),
                 "no", implies={"yes": {"rest_api": "drf"}}),
    )  # fmt: skip
    assert catalog.question("size").implies == {}


def test_minimal_data_keeps_every_field_of_a_framework() -> None:
    django = load_catalog_from(FRAMEWORKS, QUESTIONS).framework("django").to_dict()
    del django["criteria"]
    assert django == {
        "name": "django",
        "title": "Django",
        "kind": "full-stack",
        "summary": "Secure and feature rich.",
        "description": "The web framework for perfectionists.",
        "features": ["Secure", "URL routing"],
        "pros": [{"title": "Security", "text": "Protection against CSRF."}],
        "cons": [],
        "when_to_use": ["Developing REST APIs."],
        "examples": ["Instagram"],
    }


def test_an_unknown_key_like_no_known_one_gets_no_suggestion() -> None:
    with pytest.raises(CatalogError) as error:
        load_catalog_from("version = 1\n" + FRAMEWORKS, QUESTIONS)
    assert str(error.value) == "frameworks.toml: top level: unknown key 'version'"


def test_an_invalid_data_file_in_a_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "frameworks.toml").write_text("examples = [", encoding="utf-8")
    (tmp_path / "questions.toml").write_text(QUESTIONS, encoding="utf-8")
    with pytest.raises(CatalogError, match=r"^frameworks\.toml: invalid TOML"):
        load_catalog_in(tmp_path)


F, Q = "frameworks", "questions"
BROKEN = [
    pytest.param(F, "weight = -3", "wieght = -3",
                 "frameworks.toml: frameworks.django.criteria[1]: unknown key 'wieght'."
                 ' Did you mean "weight"?', id="criterion-unknown-key"),
    pytest.param(F, 'title = "Django"\n', "",
                 "frameworks.toml: frameworks.django: missing key 'title'", id="missing-title"),
    pytest.param(F, 'kind = "full-stack"', 'kind = "macro"',
                 "frameworks.toml: frameworks.django.kind: 'macro' is not full-stack or micro",
                 id="bad-kind"),
    pytest.param(F, 'question = "rest_api"', 'question = "rest"',
                 "frameworks.django.criteria[0].question: 'rest' is not size or rest_api",
                 id="criterion-unknown-question"),
    pytest.param(F, 'value = "yes"', 'value = "maybe"',
                 "frameworks.django.criteria[0].value: 'maybe' is not yes or no",
                 id="criterion-unaccepted-value"),
    pytest.param(F, "weight = 3", 'weight = "3"',
                 "criteria[0].weight: expected a non-zero integer, got a string",
                 id="weight-string"),
    pytest.param(F, "weight = 3", "weight = true",
                 "criteria[0].weight: expected a non-zero integer, got a boolean",
                 id="weight-bool"),
    pytest.param(F, "weight = 3", "weight = 0",
                 "criteria[0].weight: expected a non-zero integer, got 0", id="weight-zero"),
    pytest.param(F, 'value = "small"', 'value = "small"\nquestion2 = 1',
                 "criteria[1]: unknown key 'question2'", id="criterion-extra-key"),
    pytest.param(F, 'question = "size"\nvalue = "small"', 'question = "rest_api"\nvalue = "yes"',
                 "frameworks.django.criteria[1]: a second criterion for rest_api = 'yes'",
                 id="duplicate-criterion"),
    pytest.param(F, 'features = ["Secure", "URL routing"]', 'features = "Secure"',
                 "frameworks.django.features: expected an array, got a string",
                 id="features-not-array"),
    pytest.param(F, 'features = ["Secure", "URL routing"]', 'features = ["Secure", 1]',
                 "frameworks.django.features[1]: expected a non-empty string, got an integer",
                 id="feature-not-string"),
    pytest.param(F, 'summary = "Secure and feature rich."', 'summary = "  "',
                 "frameworks.django.summary: expected a non-empty string", id="blank-summary"),
    pytest.param(F, 'text = "Protection against CSRF."', 'txt = "Protection against CSRF."',
                 "frameworks.django.pros[0]: unknown key 'txt'", id="pro-unknown-key"),
    pytest.param(F, "cons = []", "cons = [1]",
                 "frameworks.django.cons[0]: expected a table, got an integer", id="con-not-table"),
    pytest.param(F, "[frameworks.django]", "[frameworks.Django]",
                 "frameworks.toml: frameworks: name 'Django' must be lower case",
                 id="upper-case-name"),
    pytest.param(F, "[frameworks.django]", '[frameworks."web.django"]',
                 "frameworks.toml: frameworks: name 'web.django' must not contain a dot",
                 id="dotted-name"),
    pytest.param(Q, "[questions.size]", '[questions."project.size"]',
                 "questions.toml: questions: name 'project.size' must not contain a dot",
                 id="dotted-question"),
    pytest.param(F, "[frameworks.django]", 'version = 1\n[frameworks.django]',
                 "frameworks.toml: top level: unknown key 'version'", id="top-level-unknown-key"),
    pytest.param(F, "[frameworks.django]", "[framework.django]",
                 "frameworks.toml: top level: unknown key 'framework'", id="top-level-typo"),
    pytest.param(F, FRAMEWORKS, "frameworks = {}",
                 "frameworks.toml: frameworks: expected a table of tables, got an empty table",
                 id="no-framework"),
    pytest.param(F, FRAMEWORKS, "[frameworks]\ndjango = 1",
                 "frameworks.toml: frameworks.django: expected a table, got an integer",
                 id="framework-not-table"),
    pytest.param(F, "examples = [", "examples = [[",
                 "frameworks.toml: invalid TOML", id="invalid-toml"),
    pytest.param(Q, "[questions.size]", "[questions.size",
                 "questions.toml: invalid TOML", id="questions-invalid-toml"),
    pytest.param(F, "weight = 3", "weight = 3.5",
                 "criteria[0].weight: expected a non-zero integer, got a float", id="weight-float"),
    pytest.param(F, 'summary = "Secure and feature rich."', 'summary = ["Secure"]',
                 "frameworks.django.summary: expected a non-empty string, got an array",
                 id="summary-array"),
    pytest.param(F, 'summary = "Secure and feature rich."', "summary = { text = 'Secure' }",
                 "frameworks.django.summary: expected a non-empty string, got a table",
                 id="summary-table"),
    pytest.param(F, 'summary = "Secure and feature rich."', "summary = 2005-07-21",
                 "frameworks.django.summary: expected a non-empty string, got date",
                 id="summary-date"),
    pytest.param(Q, 'choices = ["small", "medium", "large"]', 'choices = ["medium"]',
                 "questions.size.choices: expected at least two distinct choices",
                 id="a-single-choice"),
    pytest.param(Q, 'choices = ["small", "medium", "large"]',
                 'choices = ["small", "medium", "small"]',
                 "questions.size.choices: expected at least two distinct choices",
                 id="a-repeated-choice"),
    pytest.param(Q, 'kind = "choice"', 'kind = "number"',
                 "questions.toml: questions.size.kind: 'number' is not bool or choice",
                 id="question-bad-kind"),
    pytest.param(Q, 'choices = ["small", "medium", "large"]\n', "",
                 "questions.toml: questions.size: missing key 'choices'",
                 id="choice-without-choices"),
    pytest.param(Q, 'choices = ["small", "medium", "large"]', 'choices = ["small", "Medium"]',
                 "questions.size.choices: choices must be lower case", id="choices-upper-case"),
    pytest.param(Q, 'kind = "bool"', 'kind = "bool"\nchoices = ["yes", "no"]',
                 "questions.rest_api: unknown key 'choices'", id="bool-with-choices"),
    pytest.param(Q, 'default = "medium"', 'default = "huge"',
                 "questions.size.default: 'huge' is not small, medium or large",
                 id="default-not-a-choice"),
    pytest.param(Q, 'default = "medium"', 'default = "small"',
                 "questions.toml: questions.size.default: 'small' matches a criterion of django",
                 id="default-not-neutral"),
    pytest.param(Q, 'help = "How big the project is."', 'hlep = "How big the project is."',
                 "questions.size: unknown key 'hlep'. Did you mean \"help\"?",
                 id="question-unknown-key"),
    pytest.param(Q, 'yes = { rest_api = "drf" }', 'maybe = { rest_api = "drf" }',
                 "questions.rest_api.implies: unknown key 'maybe'", id="implies-unknown-answer"),
    pytest.param(Q, 'yes = { rest_api = "drf" }', "yes = { rest_api = 1 }",
                 "questions.rest_api.implies.yes.rest_api: expected a non-empty string",
                 id="implies-option-not-string"),
    pytest.param(Q, 'yes = { rest_api = "drf" }', 'yes = "drf"',
                 "questions.rest_api.implies.yes: expected a table, got a string",
                 id="implies-not-table"),
    pytest.param(Q, QUESTIONS, "", "questions.toml: top level: missing key 'questions'",
                 id="questions-empty-file"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "message"), BROKEN)
def test_broken_data_names_file_and_key(file: str, old: str, new: str, message: str) -> None:
    frameworks, questions = FRAMEWORKS, QUESTIONS
    if file == F:
        assert old in frameworks
        frameworks = frameworks.replace(old, new, 1)
    else:
        assert old in questions
        questions = questions.replace(old, new, 1)
    with pytest.raises(CatalogError) as error:
        load_catalog_from(frameworks, questions)
    assert message in str(error.value)
