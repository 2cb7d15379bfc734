"""Tests for scaffold.recommend: scenarios from the article, the tie rule and its properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scenarios import SCENARIOS, Scenario

from scaffold.catalog import load_catalog, load_catalog_from
from scaffold.errors import AnswerError, CatalogError, UnknownFrameworkError
from scaffold.recommend import CLOSE_MARGIN, Ranked, Reason, Recommendation, recommend

CATALOG = load_catalog()
TEMPLATED = ("django", "web2py", "flask", "bottle", "cherrypy")
ALL = tuple(framework.name for framework in CATALOG.frameworks)


@pytest.mark.parametrize("scenario", [scenario.param() for scenario in SCENARIOS])
def test_scenario(scenario: Scenario) -> None:
    recommendation = recommend(scenario.answers, CATALOG)
    best = recommendation.top
    assert best.framework == scenario.top
    assert best.score > recommendation.ranking[1].score, "the top is not decided by a tie"
    assert scenario.quote in [reason.quote for reason in best.reasons]
    criteria = CATALOG.framework(scenario.top).criteria
    for reason in best.reasons + best.concerns:
        assert any(
            (c.reason, c.quote, c.weight) == (reason.text, reason.quote, reason.weight)
            and scenario.answers.get(c.question) == c.value
            for c in criteria
        ), reason


def test_every_framework_wins_a_scenario() -> None:
    assert {scenario.top for scenario in SCENARIOS} == set(ALL)


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
    with pytest.raises(CatalogError) as raised:
        recommend({}, CATALOG, candidates=[])
    assert str(raised.value) == "No framework to recommend: the list of candidates is empty."


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
    recommendation = recommend(
        {"size": "small"}, CATALOG, candidates=["django", "bottle"], templates=["bottle"]
    )
    data = recommendation.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["answers"]["size"] == "small"
    assert data["ranking"] == [
        {
            "framework": "bottle",
            "title": "Bottle",
            "score": 2,
            "has_template": True,
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
            "has_template": False,
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
    assert data["close_call"] is None, "a lead of 5 is no close call"


def test_every_framework_is_ranked_by_default() -> None:
    ranking = recommend({}, CATALOG).ranking
    assert [ranked.framework for ranked in ranking] == list(ALL)


def test_frameworks_without_a_template_are_ranked_and_marked() -> None:
    recommendation = recommend({"data_dashboard": "yes"}, CATALOG, templates=["flask", "Bottle"])
    assert recommendation.top.framework == "dash" and not recommendation.top.has_template
    marked = {ranked.framework for ranked in recommendation.ranking if ranked.has_template}
    assert marked == {"flask", "bottle"}
    best = recommendation.best_with_template
    assert best is not None and best.framework == "flask", "equal scores: the article's order"


def test_no_framework_with_a_template() -> None:
    assert recommend({}, CATALOG, templates=[]).best_with_template is None


def test_close_call_names_the_single_answer_that_flips_the_top_two() -> None:
    close = recommend({"builtin_server": "yes"}, CATALOG).close_call
    assert close is not None
    assert (close.first, close.second, close.margin) == ("cherrypy", "aiohttp", 2)
    assert close.flips == (("async", "yes"),)
    assert close.to_dict() == {
        "first": "cherrypy",
        "second": "aiohttp",
        "margin": 2,
        "flips": [{"question": "async", "answer": "yes"}],
    }
    flipped = recommend({"builtin_server": "yes", "async": "yes"}, CATALOG).top
    assert flipped.framework == "aiohttp"


def test_a_close_call_between_two_candidates_only() -> None:
    close = recommend({"builtin_server": "yes"}, CATALOG, candidates=["cherrypy", "aiohttp"])
    assert close.close_call is not None
    assert close.close_call.flips == (("async", "yes"),)


def test_close_call_flips_may_take_back_an_answer() -> None:
    taken_back = recommend({"data_dashboard": "yes", "size": "small"}, CATALOG).close_call
    assert taken_back is not None and ("data_dashboard", "no") in taken_back.flips


def test_a_tie_broken_by_the_articles_order_is_no_flip() -> None:
    close = recommend({"many_databases": "yes"}, CATALOG).close_call
    assert close is not None and (close.first, close.second) == ("web2py", "django")
    assert ("many_databases", "no") not in close.flips, "all at 0: Django first only by order"
    assert ("rest_api", "yes") in close.flips


def test_no_close_call_beyond_the_margin() -> None:
    recommendation = recommend({"realtime": "yes", "async": "yes"}, CATALOG)
    assert recommendation.top.score - recommendation.ranking[1].score > CLOSE_MARGIN
    assert recommendation.close_call is None


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
