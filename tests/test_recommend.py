"""Tests for scaffold.recommend: scenarios from the article, the tie rule and its properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaffold.catalog import load_catalog, load_catalog_from
from scaffold.errors import AnswerError, CatalogError, UnknownFrameworkError
from scaffold.recommend import Ranked, Reason, Recommendation, recommend

CATALOG = load_catalog()
TEMPLATED = ("django", "web2py", "flask", "bottle", "cherrypy")
ALL = tuple(framework.name for framework in CATALOG.frameworks)


FLEXIBILITY = "Developing applications that demand for flexibility i.e using a variety of packages."


def _scenario(id: str, top: str, quote: str, **answers: str) -> pytest.ParameterSet:
    return pytest.param(answers, top, quote, id=id)


SCENARIOS = [
    _scenario("rest-api-large-deadline->django", "django", "Developing REST APIs.",
              rest_api="yes", size="large", strict_deadline="yes"),
    _scenario("rest-api->django", "django", "Developing REST APIs.", rest_api="yes"),
    _scenario("secure-with-authorization->django", "django",
              "Building secure projects with authorization.", auth="yes"),
    _scenario("will-grow->django", "django",
              "Projects that are likely to scale up and become complex in the future.",
              will_grow="yes"),
    _scenario("large-growing-secure->django", "django",
              "Projects that are likely to scale up and become complex in the future.",
              size="large", will_grow="yes", auth="yes"),
    _scenario("large-deadline->django", "django", "Developing large projects with strict deadlines",
              size="large", strict_deadline="yes"),
    _scenario("rest-api-many-dbs->django", "django", "Developing REST APIs.",
              rest_api="yes", many_databases="yes"),
    _scenario("secure-oop->django", "django", "Building secure projects with authorization.",
              auth="yes", oop="yes"),
    _scenario("medium-rest-api-auth->django", "django", "Developing REST APIs.",
              size="medium", rest_api="yes", auth="yes"),
    _scenario("large-growing-few-deps->django", "django",
              "Projects that are likely to scale up and become complex in the future.",
              size="large", will_grow="yes", min_dependencies="yes"),
    _scenario("many-dbs-multi-app-formats->web2py", "web2py",
              "Large projects that can host one more than one application in one big application.",
              many_databases="yes", multi_app="yes", output_formats="yes"),
    _scenario("multi-app->web2py", "web2py",
              "Large projects that can host one more than one application in one big application.",
              multi_app="yes"),
    _scenario("many-dbs->web2py", "web2py", "When developing for a range of database storages.",
              many_databases="yes"),
    _scenario("output-formats->web2py", "web2py",
              "It can render templates in a range of output formats, templates can be HTML, RSS,"
              " XML, JSON, PDF etc.", output_formats="yes"),
    _scenario("secure-server-rendered-formats->web2py", "web2py",
              "Developing secure monolith server side rendered applications with various"
              " rendering formats.", server_rendered="yes", output_formats="yes", auth="yes"),
    _scenario("large-multi-app->web2py", "web2py",
              "Large projects that can host one more than one application in one big application.",
              size="large", multi_app="yes"),
    _scenario("server-rendered->web2py", "web2py",
              "Developing secure monolith server side rendered applications with various"
              " rendering formats.", server_rendered="yes"),
    _scenario("small-flexible->flask", "flask",
              FLEXIBILITY,
              size="small", flexibility="yes"),
    _scenario("flexible->flask", "flask",
              FLEXIBILITY,
              flexibility="yes"),
    _scenario("static-site-prototype-flexible->flask", "flask",
              "Create static websites and rapid prototypes.", prototype="yes", flexibility="yes"),
    _scenario("small-flexible-with-auth->flask", "flask", "Working on smaller projects",
              size="small", flexibility="yes", auth="yes"),
    _scenario("prototype-small-few-deps->bottle", "bottle",
              "Literally, It doesn't have any dependencies.",
              prototype="yes", size="small", min_dependencies="yes"),
    _scenario("few-deps->bottle", "bottle", "Literally, It doesn't have any dependencies.",
              min_dependencies="yes"),
    _scenario("simple-app-no-deps->bottle", "bottle", "Building simple web applications.",
              size="small", min_dependencies="yes"),
    _scenario("prototype-few-deps-flexible->bottle", "bottle", "Fast Prototyping",
              prototype="yes", min_dependencies="yes", flexibility="yes"),
    _scenario("oop-builtin-server->cherrypy", "cherrypy",
              "If you are an OOP(Object Oriented Programming) fanatic, surely, this will be your"
              " choice.", oop="yes", builtin_server="yes"),
    _scenario("oop->cherrypy", "cherrypy",
              "If you are an OOP(Object Oriented Programming) fanatic, surely, this will be your"
              " choice.", oop="yes"),
    _scenario("builtin-server->cherrypy", "cherrypy",
              "Besides the OOP syntax, this framework comes with a production ready server.",
              builtin_server="yes"),
    _scenario("small-fast-oop->cherrypy", "cherrypy",
              "When building small scale applications that require rapid development.",
              size="small", prototype="yes", oop="yes"),
    _scenario("prototype-builtin-server->cherrypy", "cherrypy", "Builing fast prototypes",
              prototype="yes", builtin_server="yes"),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "top", "quote"), SCENARIOS)
def test_scenario(answers: dict[str, str], top: str, quote: str) -> None:
    recommendation = recommend(answers, CATALOG, candidates=TEMPLATED)
    best = recommendation.top
    assert best.framework == top
    assert best.score > recommendation.ranking[1].score, "the top is not decided by a tie"
    assert quote in [reason.quote for reason in best.reasons]
    criteria = CATALOG.framework(top).criteria
    for reason in best.reasons + best.concerns:
        assert any(
            (c.reason, c.quote, c.weight) == (reason.text, reason.quote, reason.weight)
            and answers.get(c.question) == c.value
            for c in criteria
        ), reason


def test_reasons_and_concerns_are_split_by_sign_and_sorted_by_strength() -> None:
    answers = {"size": "small", "rest_api": "yes", "auth": "yes", "many_databases": "yes"}
    django = recommend(answers, CATALOG, candidates=["django"]).top
    assert [reason.weight for reason in django.reasons] == [3, 3, 1]
    assert django.concerns == (
        Reason(
            "too feature rich for a small project",
            "unsuitable for small projects, too broad to learn.",
            -3,
        ),
    )
    assert django.score == 3 + 3 + 1 - 3


def test_only_the_candidates_are_ranked_in_any_case_and_once() -> None:
    recommendation = recommend({}, CATALOG, candidates=["Bottle", "flask", "bottle"])
    assert [ranked.framework for ranked in recommendation.ranking] == ["flask", "bottle"]


def test_table_only_frameworks_can_be_ranked_when_offered() -> None:
    top = recommend({"rest_api": "yes"}, CATALOG, candidates=["falcon", "flask"]).top
    assert (top.framework, top.title, top.score) == ("falcon", "Falcon", 2)


def test_unknown_candidate() -> None:
    with pytest.raises(UnknownFrameworkError, match='Did you mean "django"'):
        recommend({}, CATALOG, candidates=["djang"])


def test_no_candidate() -> None:
    with pytest.raises(CatalogError, match="No framework to recommend"):
        recommend({}, CATALOG, candidates=[])


def test_bad_answers_are_refused() -> None:
    with pytest.raises(AnswerError, match='Unknown question "sise"'):
        recommend({"sise": "small"}, CATALOG, candidates=TEMPLATED)
    with pytest.raises(AnswerError, match='Invalid answer "tiny" for size'):
        recommend({"size": "tiny"}, CATALOG, candidates=TEMPLATED)


def test_answers_are_completed_and_normalised() -> None:
    recommendation = recommend({"OOP": "Y"}, CATALOG, candidates=TEMPLATED)
    assert list(recommendation.answers) == [question.key for question in CATALOG.questions]
    assert recommendation.answers["oop"] == "yes"
    assert recommendation.answers["size"] == "medium"
    assert recommendation.top.framework == "cherrypy"


def test_to_dict_is_the_json_schema() -> None:
    recommendation = recommend({"size": "small"}, CATALOG, candidates=["django", "bottle"])
    data = recommendation.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["answers"]["size"] == "small"
    assert data["ranking"] == [
        {
            "framework": "bottle",
            "title": "Bottle",
            "score": 2,
            "reasons": [
                {
                    "text": "a simple web application",
                    "quote": "Building simple web applications.",
                    "weight": 2,
                }
            ],
            "concerns": [],
        },
        {
            "framework": "django",
            "title": "Django",
            "score": -3,
            "reasons": [],
            "concerns": [
                {
                    "text": "too feature rich for a small project",
                    "quote": "unsuitable for small projects, too broad to learn.",
                    "weight": -3,
                }
            ],
        },
    ]


@pytest.mark.parametrize(
    "answers",
    [{}, {"size": "medium"}, {"rest_api": "no", "oop": "no"}],
    ids=["empty", "medium", "all-no"],
)
def test_neutral_answers_give_equal_scores_in_the_articles_order(answers: dict[str, str]) -> None:
    recommendation = recommend(answers, CATALOG, candidates=reversed(ALL))
    assert {ranked.score for ranked in recommendation.ranking} == {0}
    assert tuple(ranked.framework for ranked in recommendation.ranking) == ALL


@pytest.mark.parametrize(
    ("answers", "order"),
    [
        ({"size": "small"}, ["flask", "bottle", "cherrypy", "web2py", "django"]),
        ({"prototype": "yes"}, ["flask", "bottle", "cherrypy", "django", "web2py"]),
    ],
    ids=["small", "prototype"],
)
def test_equal_scores_follow_the_articles_order(answers: dict[str, str], order: list[str]) -> None:
    recommendation = recommend(answers, CATALOG, candidates=TEMPLATED)
    assert [ranked.framework for ranked in recommendation.ranking] == order


TIE_QUESTIONS = """\
[questions.a]
prompt = "A?"
help = "A."
kind = "bool"
default = "no"

[questions.b]
prompt = "B?"
help = "B."
kind = "bool"
default = "no"

[questions.c]
prompt = "C?"
help = "C."
kind = "bool"
default = "no"
"""


def _tie_framework(name: str, weights: dict[str, int]) -> str:
    criteria = "".join(
        f'[[frameworks.{name}.criteria]]\nquestion = "{key}"\nvalue = "yes"\nweight = {weight}\n'
        f'reason = "{key}"\nquote = "{key}"\n'
        for key, weight in weights.items()
    )
    return (
        f'[frameworks.{name}]\ntitle = "{name}"\nkind = "micro"\nsummary = "s"\n'
        f'description = "d"\nfeatures = ["f"]\npros = []\ncons = []\nwhen_to_use = []\n'
        f"examples = []\n{criteria or 'criteria = []'}\n"
    )


def test_tie_rule_fewer_concerns_then_more_reasons_then_catalog_order() -> None:
    frameworks = "\n".join(
        [
            _tie_framework("alpha", {"a": 2, "b": -2}),
            _tie_framework("beta", {}),
            _tie_framework("gamma", {"a": 1, "b": 1, "c": -2}),
            _tie_framework("delta", {}),
        ]
    )
    catalog = load_catalog_from(frameworks, TIE_QUESTIONS)
    answers = {"a": "yes", "b": "yes", "c": "yes"}
    ranking = recommend(answers, catalog, candidates=["delta", "gamma", "beta", "alpha"]).ranking
    assert [(r.framework, r.score) for r in ranking] == [
        ("beta", 0),
        ("delta", 0),
        ("gamma", 0),
        ("alpha", 0),
    ]


answers_strategy = st.fixed_dictionaries(
    {},
    optional={question.key: st.sampled_from(question.choices) for question in CATALOG.questions},
)
candidates_strategy = st.sets(st.sampled_from(ALL), min_size=1)


def _scores(recommendation: Recommendation) -> dict[str, int]:
    return {ranked.framework: ranked.score for ranked in recommendation.ranking}


@given(answers=answers_strategy, candidates=candidates_strategy, data=st.data())
def test_ranking_is_deterministic(
    answers: dict[str, str], candidates: set[str], data: st.DataObject
) -> None:
    first = recommend(answers, CATALOG, candidates=candidates)
    assert recommend(answers, CATALOG, candidates=candidates) == first
    shuffled_answers = dict(data.draw(st.permutations(list(answers.items()))))
    shuffled_candidates = data.draw(st.permutations(sorted(candidates)))
    again = recommend(shuffled_answers, CATALOG, candidates=shuffled_candidates)
    assert again.ranking == first.ranking
    assert again.to_dict() == first.to_dict()


@given(answers=answers_strategy, data=st.data())
def test_answering_a_matching_criterion_never_lowers_the_score(
    answers: dict[str, str], data: st.DataObject
) -> None:
    framework = data.draw(st.sampled_from([f for f in CATALOG.frameworks if f.criteria]))
    criterion = data.draw(st.sampled_from(framework.criteria))
    default = CATALOG.question(criterion.question).default
    unanswered = {**answers, criterion.question: default}
    answered = {**answers, criterion.question: criterion.value}
    before = recommend(unanswered, CATALOG, candidates=[framework.name]).top.score
    after = recommend(answered, CATALOG, candidates=[framework.name]).top.score
    assert after - before == criterion.weight
    if criterion.weight > 0:
        assert after > before


@given(answers=answers_strategy, candidates=candidates_strategy)
def test_ranking_is_sorted_and_scores_are_the_sum_of_matches(
    answers: dict[str, str], candidates: set[str]
) -> None:
    recommendation = recommend(answers, CATALOG, candidates=candidates)
    assert {ranked.framework for ranked in recommendation.ranking} == candidates
    scores = [ranked.score for ranked in recommendation.ranking]
    assert scores == sorted(scores, reverse=True)
    for ranked in recommendation.ranking:
        assert isinstance(ranked, Ranked)
        assert all(reason.weight > 0 for reason in ranked.reasons)
        assert all(concern.weight < 0 for concern in ranked.concerns)
        matched = ranked.reasons + ranked.concerns
        assert ranked.score == sum(reason.weight for reason in matched)
